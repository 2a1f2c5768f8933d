use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::ComponentRepresentation;

/// A realm's components: key providers, user-storage providers, policies…
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let components = kc.realm("rep").components();
/// // The realm's key providers; `None` lists every component.
/// for key in components.list(Some("org.keycloak.keys.KeyProvider")).all().await? {
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
    /// Components of a provider type (e.g. `org.keycloak.keys.KeyProvider`), or all.
    pub fn list(&self, provider_type: Option<&str>) -> List<ComponentRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_COMPONENTS,
            (self.realm.clone(), provider_type.map(str::to_string)),
            |kc, (realm, kind)| async move {
                kc.page({
                    let req = kc.api().get_components().realm(&realm);
                    match kind {
                        Some(t) => req.type_(t),
                        None => req,
                    }
                })
                .await
            },
        )
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
