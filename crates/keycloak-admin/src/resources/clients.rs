use super::Roles;
use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    ClientRepresentation, ProtocolMapperRepresentation, RoleRepresentation, UserRepresentation,
    UserSessionRepresentation,
};
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;

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

    /// Add a protocol mapper to a client.
    pub async fn add_protocol_mapper(
        &self,
        uuid: &str,
        mapper: ProtocolMapperRepresentation,
    ) -> Result<()> {
        let req = self
            .kc
            .api()
            .post_clients_protocol_mappers_models()
            .realm(&self.realm)
            .client_uuid(uuid)
            .body(mapper);
        self.kc.send(req).await
    }

    /// Put client `audience` (a clientId) into the `aud` of the access tokens
    /// client `uuid` issues (an `oidc-audience-mapper`). Keycloak 26.7+ answers
    /// introspection `active: false` to a client outside the token's audience;
    /// this is the fix. Idempotent: a second call finds the mapper and returns.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// let clients = kc.realm("rep").clients();
    /// let web = clients.id_by_client_id("web").await?;
    /// // Tokens issued to `web` may now be introspected by `api`.
    /// clients.add_audience(&web, "api").await?;
    /// # Ok(()) }
    /// ```
    pub async fn add_audience(&self, uuid: &str, audience: &str) -> Result<()> {
        let name = format!("audience {audience}");
        let existing = self.protocol_mappers(uuid).all().await?;
        if existing
            .iter()
            .any(|m| m.name.as_deref() == Some(name.as_str()))
        {
            return Ok(());
        }
        let config = [
            ("included.client.audience", audience),
            ("access.token.claim", "true"),
            ("introspection.token.claim", "true"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let mapper = ProtocolMapperRepresentation {
            name: Some(name),
            protocol: Some("openid-connect".into()),
            protocol_mapper: Some("oidc-audience-mapper".into()),
            config: Some(config),
            ..Default::default()
        };
        self.add_protocol_mapper(uuid, mapper).await
    }

    /// Create or update a confidential client with a service account, the way
    /// deployment tools register their services: idempotent by `clientId`
    /// (race-safe), secret set or generated, token lifespan set, realm roles granted.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// use keycloak_admin::ServiceAccountClient;
    /// let c = kc.realm("insights").clients()
    ///     .register_service_account(ServiceAccountClient::new("ingest").all_realm_roles().token_lifespan(300))
    ///     .await?;
    /// println!("{} {}", c.client_id, c.uuid);
    /// # Ok(()) }
    /// ```
    pub async fn register_service_account(
        &self,
        spec: ServiceAccountClient,
    ) -> Result<RegisteredClient> {
        let mut attributes = HashMap::new();
        if let Some(secs) = spec.token_lifespan {
            attributes.insert("access.token.lifespan".to_string(), secs.to_string());
        }
        let desired = ClientRepresentation {
            client_id: Some(spec.client_id.clone()),
            enabled: Some(true),
            public_client: Some(false),
            service_accounts_enabled: Some(true),
            standard_flow_enabled: Some(false),
            direct_access_grants_enabled: Some(false),
            secret: spec.secret.as_ref().map(|s| s.expose_secret().to_string()),
            attributes: if attributes.is_empty() {
                None
            } else {
                Some(attributes)
            },
            ..Default::default()
        };
        let uuid = match self.find_by_client_id(&spec.client_id).await? {
            Some(existing) => self.update_existing(existing, desired).await?,
            None => match self.create(desired.clone()).await {
                Ok(uuid) => uuid,
                Err(e) if e.is_conflict() => {
                    let existing = self.find_by_client_id(&spec.client_id).await?.ok_or(e)?;
                    self.update_existing(existing, desired).await?
                }
                Err(e) => return Err(e),
            },
        };
        let roles = Roles::of_realm(self.kc.clone(), self.realm.clone());
        let wanted: Vec<RoleRepresentation> = match &spec.roles {
            RoleSelection::None => Vec::new(),
            RoleSelection::All => roles.all().await?,
            RoleSelection::Named(names) => {
                roles
                    .resolve(&names.iter().map(String::as_str).collect::<Vec<_>>())
                    .await?
            }
        };
        if !wanted.is_empty() {
            let user = self.service_account_user(&uuid).await?;
            let user_id = user.id.ok_or_else(|| Error::Decode {
                operation: ops::GET_CLIENTS_SERVICE_ACCOUNT_USER.to_string(),
                message: "service account user has no id".into(),
            })?;
            let req = self
                .kc
                .api()
                .post_users_role_mappings_realm()
                .realm(&self.realm)
                .user_id(&user_id)
                .body(wanted);
            self.kc.send(req).await?;
        }
        let secret = self.secret(&uuid).await?;
        Ok(RegisteredClient {
            client_id: spec.client_id,
            uuid,
            secret,
        })
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

/// What [`Clients::register_service_account`] should make.
#[derive(Debug, Clone)]
#[must_use]
pub struct ServiceAccountClient {
    client_id: String,
    secret: Option<SecretString>,
    token_lifespan: Option<u32>,
    roles: RoleSelection,
}

#[derive(Debug, Clone)]
enum RoleSelection {
    None,
    All,
    Named(Vec<String>),
}

impl ServiceAccountClient {
    /// A client with this `clientId`, its own roles only.
    pub fn new(client_id: impl Into<String>) -> Self {
        Self {
            client_id: client_id.into(),
            secret: None,
            token_lifespan: None,
            roles: RoleSelection::None,
        }
    }

    /// Use this secret (default: keep the current one, or let Keycloak generate one).
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.secret = Some(SecretString::from(secret.into()));
        self
    }

    /// Access-token lifespan for this client, in seconds.
    pub fn token_lifespan(mut self, seconds: u32) -> Self {
        self.token_lifespan = Some(seconds);
        self
    }

    /// Grant every realm role of the realm to the service account.
    pub fn all_realm_roles(mut self) -> Self {
        self.roles = RoleSelection::All;
        self
    }

    /// Grant these realm roles to the service account.
    pub fn realm_roles<I: IntoIterator<Item = S>, S: Into<String>>(mut self, names: I) -> Self {
        self.roles = RoleSelection::Named(names.into_iter().map(Into::into).collect());
        self
    }
}

/// The registered client: what a service needs to log in.
#[derive(Debug, Clone)]
pub struct RegisteredClient {
    /// The `clientId`.
    pub client_id: String,
    /// The internal id (uuid).
    pub uuid: String,
    /// Redacted in `Debug`; `expose_secret()` to read it.
    pub secret: SecretString,
}
