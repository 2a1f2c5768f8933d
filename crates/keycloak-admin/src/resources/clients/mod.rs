use super::Roles;
use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    ClientRepresentation, ProtocolMapperRepresentation, UserRepresentation,
    UserSessionRepresentation,
};
use secrecy::SecretString;

pub(crate) mod service_accounts;

pub use service_accounts::{RegisteredClient, ServiceAccountClient};

/// The clients of one realm.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::NewClient;
/// let clients = kc.realm("rep").clients();
/// let uuid = clients.create(NewClient::confidential("reports")).await?;
/// let secret = clients.secret(&uuid).await?;
/// let same = clients.id_by_client_id("reports").await?;
/// let all = clients.list().all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Clients {
    kc: KeycloakAdmin,
    realm: String,
}

impl Clients {
    /// Create many clients in few requests (`partialImport` batches); await
    /// it for one outcome per client (its uuid), in input order. See
    /// [`CreateMany`](crate::CreateMany).
    pub fn create_many<C: Into<ClientRepresentation>>(
        &self,
        clients: impl IntoIterator<Item = C>,
    ) -> crate::CreateMany<ClientRepresentation, crate::bulk::ClientKind> {
        let clients = clients.into_iter().map(Into::into).collect();
        let kind = crate::bulk::ClientKind(self.clone());
        crate::CreateMany::new(self.kc.clone(), self.realm.clone(), kind, clients)
    }

    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    async fn update_existing(
        &self,
        existing: ClientRepresentation,
        desired: ClientRepresentation,
    ) -> Result<String> {
        let uuid = existing.id.clone().ok_or_else(|| Error::Decode {
            operation: ops::GET_CLIENTS.to_string(),
            message: "client without id".into(),
        })?;
        let mut attributes = existing.attributes.clone().unwrap_or_default();
        attributes.extend(desired.attributes.clone().unwrap_or_default());
        let merged = ClientRepresentation {
            attributes: Some(attributes),
            ..desired
        };
        self.update(&uuid, merged).await?;
        Ok(uuid)
    }
}

impl Clients {
    /// All clients, lazily.
    pub fn list(&self) -> List<ClientRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS,
            self.realm.clone(),
            |kc, realm, first, max| async move {
                kc.page(kc.api().get_clients().realm(&realm).first(first).max(max))
                    .await
            },
        )
    }

    /// The authorization services of the client with this uuid.
    pub fn authorization(&self, uuid: &str) -> super::Authorization {
        super::Authorization::new(self.kc.clone(), self.realm.clone(), uuid.to_string())
    }

    /// The roles of the client with this uuid.
    pub fn roles(&self, uuid: &str) -> Roles {
        Roles::of_client(self.kc.clone(), self.realm.clone(), uuid.to_string())
    }

    /// A client by its internal id (uuid).
    pub async fn get(&self, uuid: &str) -> Result<ClientRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_clients_by_client_uuid()
                    .realm(&self.realm)
                    .client_uuid(uuid),
            )
            .await
    }

    /// A client by its `clientId`, if it exists.
    pub async fn find_by_client_id(&self, client_id: &str) -> Result<Option<ClientRepresentation>> {
        let found = self
            .kc
            .send(
                self.kc
                    .api()
                    .get_clients()
                    .realm(&self.realm)
                    .client_id(client_id),
            )
            .await?;
        Ok(found
            .into_iter()
            .find(|c| c.client_id.as_deref() == Some(client_id)))
    }

    /// The uuid of the client with this `clientId`; a missing client is a
    /// not-found error (like `users().id_by_username`).
    pub async fn id_by_client_id(&self, client_id: &str) -> Result<String> {
        self.find_by_client_id(client_id)
            .await?
            .and_then(|c| c.id)
            .ok_or_else(|| {
                super::users::not_found(
                    keycloak_admin_api::operations::GET_CLIENTS,
                    &format!("no client `{client_id}`"),
                )
            })
    }

    /// Create a client; returns its uuid.
    pub async fn create(&self, client: impl Into<ClientRepresentation>) -> Result<String> {
        let client = client.into();
        self.kc
            .create(self.kc.api().post_clients().realm(&self.realm).body(client))
            .await
    }

    /// Update the fields that are set.
    pub async fn update(&self, uuid: &str, client: ClientRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_clients_by_client_uuid()
                    .realm(&self.realm)
                    .client_uuid(uuid)
                    .body(client),
            )
            .await
            .map(|_| ())
    }

    /// Delete a client (by uuid).
    pub async fn delete(&self, uuid: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_clients_by_client_uuid()
                    .realm(&self.realm)
                    .client_uuid(uuid),
            )
            .await
            .map(|_| ())
    }

    /// Every client with its secret: `Some` for confidential clients (read
    /// four at a time), `None` for public and bearer-only ones.
    pub async fn with_secrets(&self) -> Result<Vec<(ClientRepresentation, Option<SecretString>)>> {
        use futures_util::{StreamExt, TryStreamExt};
        let clients = self.list().all().await?;
        futures_util::stream::iter(clients)
            .map(|client| async move {
                let confidential = client.public_client != Some(true)
                    && client.bearer_only != Some(true)
                    && client.client_authenticator_type.as_deref() != Some("client-jwt");
                let secret = match (&client.id, confidential) {
                    (Some(uuid), true) => Some(self.secret(uuid).await?),
                    _ => None,
                };
                Ok::<_, crate::Error>((client, secret))
            })
            .buffered(4)
            .try_collect()
            .await
    }

    /// The client's current secret.
    pub async fn secret(&self, uuid: &str) -> Result<SecretString> {
        let cred = self
            .kc
            .send(
                self.kc
                    .api()
                    .get_clients_client_secret()
                    .realm(&self.realm)
                    .client_uuid(uuid),
            )
            .await?;
        cred.value
            .map(SecretString::from)
            .ok_or_else(|| Error::Decode {
                operation: ops::GET_CLIENTS_CLIENT_SECRET.to_string(),
                message: "the client has no secret (is it public?)".into(),
            })
    }

    /// Generate a new secret; the old one stops working.
    pub async fn regenerate_secret(&self, uuid: &str) -> Result<SecretString> {
        let cred = self
            .kc
            .send(
                self.kc
                    .api()
                    .post_clients_client_secret()
                    .realm(&self.realm)
                    .client_uuid(uuid),
            )
            .await?;
        cred.value
            .map(SecretString::from)
            .ok_or_else(|| Error::Decode {
                operation: ops::POST_CLIENTS_CLIENT_SECRET.to_string(),
                message: "no secret in the answer".into(),
            })
    }

    /// The user behind a client's service account.
    pub async fn service_account_user(&self, uuid: &str) -> Result<UserRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_clients_service_account_user()
                    .realm(&self.realm)
                    .client_uuid(uuid),
            )
            .await
    }

    /// The protocol mappers of a client.
    pub fn protocol_mappers(&self, uuid: &str) -> List<ProtocolMapperRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_CLIENTS_PROTOCOL_MAPPERS_MODELS,
            (self.realm.clone(), uuid.to_string()),
            |kc, (realm, uuid)| async move {
                kc.page(
                    kc.api()
                        .get_clients_protocol_mappers_models()
                        .realm(&realm)
                        .client_uuid(&uuid),
                )
                .await
            },
        )
    }

    /// The client's active user sessions, lazily.
    pub fn sessions(&self, uuid: &str) -> List<UserSessionRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS_USER_SESSIONS,
            (self.realm.clone(), uuid.to_string()),
            |kc, (realm, uuid), first, max| async move {
                kc.page(
                    kc.api()
                        .get_clients_user_sessions()
                        .realm(&realm)
                        .client_uuid(&uuid)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// An installation file for the client, e.g. provider `keycloak-oidc-keycloak-json`
    /// (adapter JSON) or `mod-auth-mellon` (a zip): the raw bytes.
    pub async fn installation(&self, uuid: &str, provider: &str) -> Result<Vec<u8>> {
        use futures_util::TryStreamExt;
        let op = ops::GET_CLIENTS_INSTALLATION_PROVIDERS_BY_PROVIDER_ID;
        let req = self
            .kc
            .api()
            .get_clients_installation_providers_by_provider_id()
            .realm(&self.realm)
            .client_uuid(uuid)
            .provider_id(provider);
        self.kc
            .send(req)
            .await?
            .into_inner()
            .try_fold(Vec::new(), |mut acc, chunk| async move {
                acc.extend_from_slice(&chunk);
                Ok(acc)
            })
            .await
            .map_err(|e| crate::call::transport(op, e))
    }
}
