use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    AdminEventRepresentation, EventRepresentation, RealmEventsConfigRepresentation,
};

/// A realm's login events and admin events.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use futures_util::TryStreamExt;
/// let events = kc.realm("rep").events();
/// let failed_logins: Vec<_> = events.user_events(&["LOGIN_ERROR"], None).stream().try_collect().await?;
/// let creates = events.admin_events(&["CREATE"]).first_page().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Events {
    kc: KeycloakAdmin,
    realm: String,
}

impl Events {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl Events {
    /// Which events the realm stores.
    pub async fn config(&self) -> Result<RealmEventsConfigRepresentation> {
        self.kc
            .send(self.kc.api().get_events_config().realm(&self.realm))
            .await
    }

    /// Choose which events the realm stores.
    pub async fn set_config(&self, config: RealmEventsConfigRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_events_config()
                    .realm(&self.realm)
                    .body(config),
            )
            .await
            .map(|_| ())
    }

    /// Stored user events (newest first), lazily; `types` narrows to e.g. `LOGIN`, `LOGIN_ERROR`;
    /// `user` to one user id.
    pub fn user_events(&self, types: &[&str], user: Option<&str>) -> List<EventRepresentation> {
        let wanted: Vec<String> = types.iter().map(|t| t.to_string()).collect();
        List::paged(
            &self.kc,
            ops::GET_EVENTS,
            (self.realm.clone(), wanted, user.map(str::to_string)),
            |kc, (realm, types, user), first, max| async move {
                kc.page({
                    let mut req = kc.api().get_events().realm(&realm).first(first).max(max);
                    if !types.is_empty() {
                        req = req.type_(types);
                    }
                    match user {
                        Some(u) => req.user(u),
                        None => req,
                    }
                })
                .await
            },
        )
    }

    /// Stored admin events (newest first), lazily; `operation_types` narrows to e.g. `CREATE`.
    pub fn admin_events(&self, operation_types: &[&str]) -> List<AdminEventRepresentation> {
        let wanted: Vec<String> = operation_types.iter().map(|t| t.to_string()).collect();
        List::paged(
            &self.kc,
            ops::GET_ADMIN_EVENTS,
            (self.realm.clone(), wanted),
            |kc, (realm, types), first, max| async move {
                kc.page({
                    let req = kc
                        .api()
                        .get_admin_events()
                        .realm(&realm)
                        .first(first)
                        .max(max);
                    if types.is_empty() {
                        req
                    } else {
                        req.operation_types(types)
                    }
                })
                .await
            },
        )
    }
}
