use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::ClientScopeRepresentation;

/// A realm's client scopes.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::ClientScopeRepresentation;
/// let scopes = kc.realm("rep").client_scopes();
/// let id = scopes.create(ClientScopeRepresentation {
///     name: Some("reports".into()),
///     protocol: Some("openid-connect".into()),
///     ..Default::default()
/// }).await?;
/// let all = scopes.list().all().await?;
/// scopes.delete(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientScopes {
    kc: KeycloakAdmin,
    realm: String,
}

impl ClientScopes {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl ClientScopes {
    /// Every client scope of the realm.
    pub fn list(&self) -> List<ClientScopeRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_CLIENT_SCOPES,
            self.realm.clone(),
            |kc, realm| async move { kc.page(kc.api().get_client_scopes().realm(&realm)).await },
        )
    }

    /// Create a client scope; returns its id.
    pub async fn create(&self, scope: ClientScopeRepresentation) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_client_scopes()
                    .realm(&self.realm)
                    .body(scope),
            )
            .await
    }

    /// Delete a client scope.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_client_scopes_by_client_scope_id()
                    .realm(&self.realm)
                    .client_scope_id(id),
            )
            .await
            .map(|_| ())
    }
}
