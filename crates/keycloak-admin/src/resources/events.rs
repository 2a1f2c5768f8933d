use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{List, with};
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
/// let failed_logins: Vec<_> = events.user_events().types(["LOGIN_ERROR"]).stream().try_collect().await?;
/// let creates = events.admin_events().operation_types(["CREATE"]).first_page().await?;
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

    /// Stored user events (newest first), lazily; narrow with
    /// [`types`](EventQuery::types) (e.g. `LOGIN`, `LOGIN_ERROR`),
    /// [`user`](EventQuery::user) or [`client`](EventQuery::client).
    pub fn user_events(&self) -> EventQuery {
        let filters = EventFilters {
            realm: self.realm.clone(),
            ..Default::default()
        };
        List::filtered(
            &self.kc,
            ops::GET_EVENTS,
            filters,
            |kc, f: EventFilters, first, max| async move {
                let req = kc.api().get_events().realm(&f.realm).first(first).max(max);
                let req = with(req, &f.types, |r, v| r.type_(v));
                let req = with(req, &f.user, |r, v| r.user(v));
                let req = with(req, &f.client, |r, v| r.client(v));
                kc.page(req).await
            },
        )
    }

    /// Stored admin events (newest first), lazily; narrow with
    /// [`operation_types`](AdminEventQuery::operation_types) (e.g. `CREATE`).
    pub fn admin_events(&self) -> AdminEventQuery {
        let filters = AdminEventFilters {
            realm: self.realm.clone(),
            ..Default::default()
        };
        List::filtered(
            &self.kc,
            ops::GET_ADMIN_EVENTS,
            filters,
            |kc, f: AdminEventFilters, first, max| async move {
                let req = kc
                    .api()
                    .get_admin_events()
                    .realm(&f.realm)
                    .first(first)
                    .max(max);
                let req = with(req, &f.operation_types, |r, v| r.operation_types(v));
                kc.page(req).await
            },
        )
    }
}

/// Stored user events, narrowed by typed filters (see [`Events::user_events`]).
pub type EventQuery = List<EventRepresentation, EventFilters>;

/// The filters of an [`EventQuery`] (set through its methods).
#[derive(Debug, Clone, Default)]
pub struct EventFilters {
    realm: String,
    types: Option<Vec<String>>,
    user: Option<String>,
    client: Option<String>,
}

impl EventQuery {
    /// Events of these types (`LOGIN`, `LOGIN_ERROR`, …).
    pub fn types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.query.types = Some(types.into_iter().map(Into::into).collect());
        self
    }

    /// Events of this user (id).
    pub fn user(mut self, id: impl Into<String>) -> Self {
        self.query.user = Some(id.into());
        self
    }

    /// Events of this client (`clientId`).
    pub fn client(mut self, client_id: impl Into<String>) -> Self {
        self.query.client = Some(client_id.into());
        self
    }
}

/// Stored admin events, narrowed by typed filters (see [`Events::admin_events`]).
pub type AdminEventQuery = List<AdminEventRepresentation, AdminEventFilters>;

/// The filters of an [`AdminEventQuery`] (set through its methods).
#[derive(Debug, Clone, Default)]
pub struct AdminEventFilters {
    realm: String,
    operation_types: Option<Vec<String>>,
}

impl AdminEventQuery {
    /// Admin events of these operation types (`CREATE`, `UPDATE`, `DELETE`, `ACTION`).
    pub fn operation_types<S: Into<String>>(mut self, types: impl IntoIterator<Item = S>) -> Self {
        self.query.operation_types = Some(types.into_iter().map(Into::into).collect());
        self
    }
}
