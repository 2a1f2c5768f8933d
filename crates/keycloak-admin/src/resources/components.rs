use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{List, with};
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::ComponentRepresentation;

/// A realm's components: key providers, user-storage providers, policies…
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let components = kc.realm("rep").components();
/// // The realm's key providers; `None` lists every component.
/// for key in components.list().provider_type("org.keycloak.keys.KeyProvider").all().await? {
///     println!("{:?} ({:?})", key.name, key.provider_id);
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Components {
    kc: KeycloakAdmin,
    realm: String,
}

impl Components {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl Components {
    /// The realm's components; narrow with
    /// [`provider_type`](ComponentQuery::provider_type) (e.g.
    /// `org.keycloak.keys.KeyProvider`), [`parent`](ComponentQuery::parent) or
    /// [`name`](ComponentQuery::name).
    pub fn list(&self) -> ComponentQuery {
        let filters = ComponentFilters {
            realm: self.realm.clone(),
            ..Default::default()
        };
        List::filtered(
            &self.kc,
            ops::GET_COMPONENTS,
            filters,
            |kc, f: ComponentFilters, _, _| async move {
                let req = kc.api().get_components().realm(&f.realm);
                let req = with(req, &f.provider_type, |r, v| r.type_(v));
                let req = with(req, &f.parent, |r, v| r.parent(v));
                let req = with(req, &f.name, |r, v| r.name(v));
                kc.page(req).await
            },
        )
        .answered_whole()
    }

    /// A component by id.
    pub async fn get(&self, id: &str) -> Result<ComponentRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_components_by_id()
                    .realm(&self.realm)
                    .id(id),
            )
            .await
    }

    /// Create a component; returns its id.
    pub async fn create(&self, component: ComponentRepresentation) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_components()
                    .realm(&self.realm)
                    .body(component),
            )
            .await
    }

    /// Replace a component.
    pub async fn update(&self, id: &str, component: ComponentRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_components_by_id()
                    .realm(&self.realm)
                    .id(id)
                    .body(component),
            )
            .await
            .map(|_| ())
    }

    /// Delete a component.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_components_by_id()
                    .realm(&self.realm)
                    .id(id),
            )
            .await
            .map(|_| ())
    }
}

/// A realm's components, narrowed by typed filters (see [`Components::list`]).
pub type ComponentQuery = List<ComponentRepresentation, ComponentFilters>;

/// The filters of a [`ComponentQuery`] (set through its methods).
#[derive(Debug, Clone, Default)]
pub struct ComponentFilters {
    realm: String,
    provider_type: Option<String>,
    parent: Option<String>,
    name: Option<String>,
}

impl ComponentQuery {
    /// Components of this provider type (e.g. `org.keycloak.keys.KeyProvider`).
    pub fn provider_type(mut self, provider_type: impl Into<String>) -> Self {
        self.query.provider_type = Some(provider_type.into());
        self
    }

    /// Components whose parent is this id (the realm's id for top-level ones).
    pub fn parent(mut self, id: impl Into<String>) -> Self {
        self.query.parent = Some(id.into());
        self
    }

    /// Components with this name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.query.name = Some(name.into());
        self
    }
}
