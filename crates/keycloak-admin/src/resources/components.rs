use crate::call::created_id;
use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::ComponentRepresentation;

/// A realm's components: key providers, user-storage providers, policies…
#[derive(Debug, Clone)]
pub struct Components {
    kc: KeycloakAdmin,
    realm: String,
}

impl Components {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// Components of a provider type (e.g. `org.keycloak.keys.KeyProvider`), or all.
    pub async fn list(&self, provider_type: Option<&str>) -> Result<Vec<ComponentRepresentation>> {
        let mut req = self.kc.api().get_components().realm(&self.realm);
        if let Some(t) = provider_type {
            req = req.type_(t);
        }
        Ok(self
            .kc
            .call(ops::GET_COMPONENTS, req.send())
            .await?
            .into_inner())
    }

    pub async fn get(&self, id: &str) -> Result<ComponentRepresentation> {
        Ok(self
            .kc
            .call(
                ops::GET_COMPONENTS_BY_ID,
                self.kc
                    .api()
                    .get_components_by_id()
                    .realm(&self.realm)
                    .id(id)
                    .send(),
            )
            .await?
            .into_inner())
    }

    /// Create a component; returns its id.
    pub async fn create(&self, component: ComponentRepresentation) -> Result<String> {
        let resp = self
            .kc
            .call(
                ops::POST_COMPONENTS,
                self.kc
                    .api()
                    .post_components()
                    .realm(&self.realm)
                    .body(component)
                    .send(),
            )
            .await?;
        created_id(ops::POST_COMPONENTS, &resp)
    }

    pub async fn update(&self, id: &str, component: ComponentRepresentation) -> Result<()> {
        self.kc
            .call(
                ops::PUT_COMPONENTS_BY_ID,
                self.kc
                    .api()
                    .put_components_by_id()
                    .realm(&self.realm)
                    .id(id)
                    .body(component)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .call(
                ops::DELETE_COMPONENTS_BY_ID,
                self.kc
                    .api()
                    .delete_components_by_id()
                    .realm(&self.realm)
                    .id(id)
                    .send(),
            )
            .await
            .map(|_| ())
    }
}
