//! [`KeycloakAdmin`]: the entry point. Cheap to clone; clones share one token cache.

use crate::auth::TokenManager;
use crate::builder::KeycloakAdminBuilder;
use crate::error::Result;
use crate::resources::{RealmHandle, Realms};
use keycloak_admin_api::{Operation, ResponseValue};
use std::future::Future;
use std::sync::Arc;

/// A Keycloak admin client.
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{Credentials, KeycloakAdmin};
/// let kc = KeycloakAdmin::builder("http://127.0.0.1:8080")
///     .credentials(Credentials::password("admin", "admin"))
///     .connect()
///     .await?;
/// let id = kc.realm("rep").users().id_by_username("john").await?;
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct KeycloakAdmin {
    inner: Arc<Inner>,
}

struct Inner {
    api: keycloak_admin_api::Client,
    tokens: Arc<TokenManager>,
    base_url: String,
    default_realm: String,
}

impl std::fmt::Debug for KeycloakAdmin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeycloakAdmin")
            .field("base_url", &self.inner.base_url)
            .field("default_realm", &self.inner.default_realm)
            .finish_non_exhaustive()
    }
}

impl KeycloakAdmin {
    /// Start configuring a client for the server at `url` (with its relative path, if any).
    pub fn builder(url: impl Into<String>) -> KeycloakAdminBuilder {
        KeycloakAdminBuilder::new(url)
    }

    pub(crate) fn from_parts(
        api: keycloak_admin_api::Client,
        tokens: Arc<TokenManager>,
        base_url: String,
        default_realm: String,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                api,
                tokens,
                base_url,
                default_realm,
            }),
        }
    }

    /// The server URL this client talks to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// A realm by name.
    pub fn realm(&self, name: impl Into<String>) -> RealmHandle {
        RealmHandle::new(self.clone(), name.into())
    }

    /// The realm given to the builder (default `master`).
    pub fn default_realm(&self) -> RealmHandle {
        self.realm(self.inner.default_realm.clone())
    }

    /// List, create and delete realms.
    pub fn realms(&self) -> Realms {
        Realms::new(self.clone())
    }

    /// The generated low-level client, authenticated by this one: every operation
    /// of the Admin API, for what the handles do not cover.
    pub fn api(&self) -> &keycloak_admin_api::Client {
        &self.inner.api
    }

    /// Number of token requests made so far (logins and refreshes), shared by all clones.
    pub fn token_requests(&self) -> u64 {
        self.inner.tokens.requests()
    }

    /// Obtain a token now (if none is cached), surfacing credential errors.
    pub async fn authenticate(&self) -> Result<()> {
        self.inner.tokens.access_token().await.map(|_| ())
    }

    /// Server version, features and providers.
    pub async fn server_info(&self) -> Result<keycloak_admin_api::types::ServerInfoRepresentation> {
        use keycloak_admin_api::operations::GET_SERVERINFO;
        Ok(self
            .call(GET_SERVERINFO, self.api().get_serverinfo().send())
            .await?
            .into_inner())
    }

    /// Stream any `first`/`max` operation of the low-level client lazily, page by page.
    /// `fetch` returns an owned future (clone what it needs into it).
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// use futures_util::TryStreamExt;
    /// use keycloak_admin_api::operations::GET_CLIENTS_USER_SESSIONS;
    /// let api = kc.clone();
    /// let sessions: Vec<_> = kc
    ///     .paginate(GET_CLIENTS_USER_SESSIONS, 50, move |first, max| {
    ///         let api = api.clone();
    ///         async move { api.api().get_clients_user_sessions().realm("rep").client_uuid("…").first(first).max(max).send().await }
    ///     })
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn paginate<T, F, Fut>(
        &self,
        op: &'static Operation,
        page_size: i32,
        mut fetch: F,
    ) -> impl futures_util::Stream<Item = Result<T>> + Send + use<T, F, Fut>
    where
        T: serde::Serialize + Send + 'static,
        F: FnMut(i32, i32) -> Fut + Send + 'static,
        Fut: Future<
                Output = std::result::Result<ResponseValue<Vec<T>>, keycloak_admin_api::Error<()>>,
            > + Send
            + 'static,
    {
        let kc = self.clone();
        crate::pagination::pages(op, page_size, move |first, max| {
            let (kc, request) = (kc.clone(), fetch(first, max));
            async move { Ok(kc.call(op, request).await?.into_inner()) }
        })
    }

    /// Run one generated call: authenticate first (so a refused login is an
    /// [`crate::AuthError`], not a transport error), then map the outcome.
    pub(crate) async fn call<T>(
        &self,
        op: &'static Operation,
        request: impl Future<
            Output = std::result::Result<ResponseValue<T>, keycloak_admin_api::Error<()>>,
        >,
    ) -> Result<ResponseValue<T>> {
        self.inner.tokens.access_token().await?;
        crate::call::map(op, request.await).await
    }
}
