use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{DEFAULT_PAGE_SIZE, pages};
use futures_util::Stream;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    AdminEventRepresentation, EventRepresentation, RealmEventsConfigRepresentation,
};

/// A realm's login events and admin events.
#[derive(Debug, Clone)]
pub struct Events {
    kc: KeycloakAdmin,
    realm: String,
}

impl Events {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// Which events the realm stores.
    pub async fn config(&self) -> Result<RealmEventsConfigRepresentation> {
        Ok(self
            .kc
            .call(
                ops::GET_EVENTS_CONFIG,
                self.kc.api().get_events_config().realm(&self.realm).send(),
            )
            .await?
            .into_inner())
    }

    pub async fn set_config(&self, config: RealmEventsConfigRepresentation) -> Result<()> {
        self.kc
            .call(
                ops::PUT_EVENTS_CONFIG,
                self.kc
                    .api()
                    .put_events_config()
                    .realm(&self.realm)
                    .body(config)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    /// Stored user events (newest first), lazily; `types` narrows to e.g. `LOGIN`, `LOGIN_ERROR`;
    /// `user` to one user id.
    pub fn user_events(
        &self,
        types: &[&str],
        user: Option<&str>,
    ) -> impl Stream<Item = Result<EventRepresentation>> + Send {
        let (kc, realm) = (self.kc.clone(), self.realm.clone());
        let types: Vec<String> = types.iter().map(|t| t.to_string()).collect();
        let user = user.map(str::to_string);
        pages(ops::GET_EVENTS, DEFAULT_PAGE_SIZE, move |first, max| {
            let (kc, realm, types, user) = (kc.clone(), realm.clone(), types.clone(), user.clone());
            async move {
                let mut req = kc.api().get_events().realm(&realm).first(first).max(max);
                if !types.is_empty() {
                    req = req.type_(types);
                }
                if let Some(u) = user {
                    req = req.user(u);
                }
                Ok(kc.call(ops::GET_EVENTS, req.send()).await?.into_inner())
            }
        })
    }

    /// Stored admin events (newest first), lazily; `operation_types` narrows to e.g. `CREATE`.
    pub fn admin_events(
        &self,
        operation_types: &[&str],
    ) -> impl Stream<Item = Result<AdminEventRepresentation>> + Send {
        let (kc, realm) = (self.kc.clone(), self.realm.clone());
        let types: Vec<String> = operation_types.iter().map(|t| t.to_string()).collect();
        pages(
            ops::GET_ADMIN_EVENTS,
            DEFAULT_PAGE_SIZE,
            move |first, max| {
                let (kc, realm, types) = (kc.clone(), realm.clone(), types.clone());
                async move {
                    let mut req = kc
                        .api()
                        .get_admin_events()
                        .realm(&realm)
                        .first(first)
                        .max(max);
                    if !types.is_empty() {
                        req = req.operation_types(types);
                    }
                    Ok(kc
                        .call(ops::GET_ADMIN_EVENTS, req.send())
                        .await?
                        .into_inner())
                }
            },
        )
    }
}
