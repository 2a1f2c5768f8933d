//! Service-account clients: register one the way deployment tools do, mappers and audiences.

use super::Clients;
use crate::error::{Error, Result};
use crate::resources::Roles;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    ClientRepresentation, ProtocolMapperRepresentation, RoleRepresentation,
};
use secrecy::{ExposeSecret, SecretString};
use std::collections::HashMap;

impl Clients {
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
