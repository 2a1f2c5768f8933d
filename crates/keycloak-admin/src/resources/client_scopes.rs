use crate::call::created_id;
use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::ClientScopeRepresentation;

/// A realm's client scopes.
#[derive(Debug, Clone)]
pub struct ClientScopes {
    kc: KeycloakAdmin,
    realm: String,
}

impl ClientScopes {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    pub async fn list(&self) -> Result<Vec<ClientScopeRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_CLIENT_SCOPES,
                self.kc.api().get_client_scopes().realm(&self.realm).send(),
            )
            .await?
            .into_inner())
    }

    /// Create a client scope; returns its id.
    pub async fn create(&self, scope: ClientScopeRepresentation) -> Result<String> {
        let resp = self
            .kc
            .call(
                ops::POST_CLIENT_SCOPES,
                self.kc
                    .api()
                    .post_client_scopes()
                    .realm(&self.realm)
                    .body(scope)
                    .send(),
            )
            .await?;
        created_id(ops::POST_CLIENT_SCOPES, &resp)
    }

    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .call(
                ops::DELETE_CLIENT_SCOPES_BY_CLIENT_SCOPE_ID,
                self.kc
                    .api()
                    .delete_client_scopes_by_client_scope_id()
                    .realm(&self.realm)
                    .client_scope_id(id)
                    .send(),
            )
            .await
            .map(|_| ())
    }
}
