//! [`KeycloakAdmin`]: the entry point. Cheap to clone; clones share one token cache.

use crate::auth::TokenManager;
use crate::builder::KeycloakAdminBuilder;
use crate::error::Result;
use crate::resources::{RealmHandle, Realms};
use keycloak_admin_api::{Endpoint, Operation, ResponseValue};
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
    capabilities: tokio::sync::OnceCell<Arc<crate::server::ServerCapabilities>>,
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
                capabilities: Default::default(),
            }),
        }
    }

    /// The server URL this client talks to.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
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

    /// Run any generated operation through this client: authentication (and
    /// the one re-send after a 401), retries, Keycloak's error message in
    /// [`crate::Error`], tracing. Build the request with [`Self::api`]; this is
    /// how every handle method is written, and how to reach an operation that
    /// has no handle.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// let profile = kc.send(kc.api().get_users_profile().realm("rep")).await?;
    /// println!("{} attributes declared", profile.attributes.map_or(0, |a| a.len()));
    /// # Ok(()) }
    /// ```
    pub async fn send<E: Endpoint>(&self, request: E) -> Result<E::Output> {
        Ok(self.send_full(request).await?.into_inner())
    }

    /// [`Self::send`], keeping the response's status and headers.
    pub async fn send_full<E: Endpoint>(&self, request: E) -> Result<ResponseValue<E::Output>> {
        self.call(E::OPERATION, request.send()).await
    }

    /// Any operation by name, with loose arguments (feature `dynamic`): path
    /// and query values by their names in the document, a JSON body checked
    /// against the operation's body type before anything is sent. The same
    /// seam as [`Self::send`] (authentication, retries, Keycloak's error
    /// message, `Unsupported` for what the server lacks). For command lines
    /// and tables of operations; typed code uses [`Self::send`].
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// use keycloak_admin::api::{dynamic::{Answer, Args}, operations};
    /// let args = Args::new().path("realm", "rep").query("username", "jane");
    /// if let Answer::Json(users) = kc.call_dynamic(operations::GET_USERS, args).await?.into_inner() {
    ///     println!("{users:#}");
    /// }
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "dynamic")]
    pub async fn call_dynamic(
        &self,
        op: &'static keycloak_admin_api::Operation,
        args: keycloak_admin_api::dynamic::Args,
    ) -> Result<ResponseValue<keycloak_admin_api::dynamic::Answer>> {
        self.call(op, keycloak_admin_api::dynamic::call(self.api(), op, args))
            .await
    }

    pub(crate) fn capabilities(
        &self,
    ) -> &tokio::sync::OnceCell<Arc<crate::server::ServerCapabilities>> {
        &self.inner.capabilities
    }

    /// Send a create (`201 Created`) and return the new id: the last segment of
    /// its `Location`.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// let body = keycloak_admin::types::GroupRepresentation { name: Some("ops".into()), ..Default::default() };
    /// let id = kc.create(kc.api().post_groups().realm("rep").body(body)).await?;
    /// # Ok(()) }
    /// ```
    pub async fn create<E: Endpoint<Output = ()>>(&self, request: E) -> Result<String> {
        let response = self.send_full(request).await?;
        crate::call::created_id(E::OPERATION, &response)
    }

    /// Stream any `first`/`max` operation lazily, page by page: `page(first, max)`
    /// builds the request for one page (a stream ends on an empty page; see
    /// the README's reliability section). The stream borrows this client; for a `'static` stream use
    /// [`Self::paginate`].
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// use keycloak_admin::prelude::*;
    /// let sessions: Vec<_> = kc
    ///     .pages(100, |first, max| {
    ///         kc.api().get_clients_user_sessions().realm("rep").client_uuid("…").first(first).max(max)
    ///     })
    ///     .try_collect()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn pages<'a, T, E, F>(
        &'a self,
        page_size: i32,
        mut page: F,
    ) -> impl futures_util::Stream<Item = Result<T>> + Send + 'a
    where
        T: serde::Serialize + Send + 'a,
        E: Endpoint<Output = Vec<T>> + 'a,
        F: FnMut(i32, i32) -> E + Send + 'a,
    {
        // The requests borrow this client, so no page is fetched ahead on
        // another task; `paginate`'s are.
        crate::pagination::pages(E::OPERATION, page_size, 1, None, move |first, max| {
            let request = page(first, max);
            self.send(request)
        })
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
        let fetch = move |first, max| {
            let (kc, request) = (kc.clone(), fetch(first, max));
            async move { Ok(kc.call(op, request).await?.into_inner()) }
        };
        crate::pagination::pages(
            op,
            page_size,
            crate::pagination::PAGES_IN_FLIGHT,
            None,
            crate::pagination::ahead(op, fetch),
        )
    }

    /// Every call of the crate passes here — `send`, `create`, `call_dynamic`,
    /// lists, `paginate` — so each maps errors the same way: authenticate
    /// first (a refused login is [`crate::Error::Auth`], not a transport
    /// error), a token request that fails during the call (a re-login after a
    /// 401) stays `Error::Auth`, and a 404/405 on what the server's release or
    /// features lack becomes [`crate::Error::Unsupported`].
    pub(crate) async fn call<T>(
        &self,
        op: &'static Operation,
        request: impl Future<
            Output = std::result::Result<ResponseValue<T>, keycloak_admin_api::Error<()>>,
        >,
    ) -> Result<ResponseValue<T>> {
        self.inner.tokens.access_token().await?;
        let (outcome, refused) = crate::auth::hook::capture(request).await;
        match crate::call::map(op, outcome, refused).await {
            Err(e @ crate::Error::Api(_)) if matches!(e.status(), Some(404 | 405)) => {
                Err(self.explain_not_found(op, e).await)
            }
            other => other,
        }
    }
}

impl KeycloakAdmin {
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

    /// Obtain a token now (if none is cached), surfacing credential errors.
    pub async fn authenticate(&self) -> Result<()> {
        self.inner.tokens.access_token().await.map(|_| ())
    }

    /// Server version, features and providers.
    pub async fn server_info(&self) -> Result<keycloak_admin_api::types::ServerInfoRepresentation> {
        self.send(self.api().get_serverinfo()).await
    }
}
