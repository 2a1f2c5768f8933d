//! The OIDC client without an async runtime, for scripts and synchronous code.
//! Each client owns a small single-threaded tokio runtime; calling it from inside
//! an async runtime is refused with an error (it would otherwise panic), and
//! dropping it there does not panic either.
//!
//! ```no_run
//! # fn demo() -> keycloak_oidc::Result<()> {
//! use keycloak_oidc::blocking::OidcClient;
//! let oidc = OidcClient::new(keycloak_oidc::OidcClient::builder("http://127.0.0.1:8080", "rep", "cli").build()?)?;
//! let tokens = oidc.password("alice", "alice-password")?;
//! let me = oidc.userinfo(&tokens.access_token)?;
//! println!("{}", me.sub);
//! # Ok(()) }
//! ```

#[cfg(feature = "verify")]
use crate::Claims;
use crate::{Decision, Error, Grant, Introspection, Result, TokenKind, TokenResponse, UserInfo};
use secrecy::SecretString;
use std::sync::Arc;

/// A blocking [`crate::OidcClient`].
#[derive(Clone, Debug)]
pub struct OidcClient {
    inner: crate::OidcClient,
    rt: Arc<OwnRuntime>,
}

/// The client's runtime. Dropped inside an async runtime (a blocking client
/// made and dropped in async code) it shuts down in the background: tokio
/// panics when a runtime is dropped where blocking is not allowed.
#[derive(Debug)]
struct OwnRuntime(Option<tokio::runtime::Runtime>);

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            rt.shutdown_background();
        }
    }
}

impl OidcClient {
    /// Wrap an async client; owns a current-thread runtime (refused inside a runtime).
    pub fn new(inner: crate::OidcClient) -> Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::InvalidInput(format!("cannot start a runtime: {e}")))?;
        Ok(OidcClient {
            inner,
            rt: Arc::new(OwnRuntime(Some(rt))),
        })
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::OidcClient {
        &self.inner
    }

    fn run<T>(&self, fut: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::InvalidInput(
                "the blocking client was called inside an async runtime; use keycloak_oidc::OidcClient there".into(),
            ));
        }
        self.rt
            .0
            .as_ref()
            .expect("present until dropped")
            .block_on(fut)
    }

    /// Any grant, with extra form parameters (e.g. `("scope", "openid")`).
    pub fn grant(&self, grant: Grant<'_>, extra: &[(&'static str, &str)]) -> Result<TokenResponse> {
        self.run(self.inner.grant(grant, extra))
    }

    /// Password grant, with scope `openid` (so `userinfo` works), as
    /// [`OidcClient::password`](crate::OidcClient::password).
    pub fn password(&self, username: &str, password: &str) -> Result<TokenResponse> {
        self.run(self.inner.password(username, password))
    }

    /// Client-credentials grant.
    pub fn client_credentials(&self) -> Result<TokenResponse> {
        self.run(self.inner.client_credentials())
    }

    /// A new token from a refresh token.
    pub fn refresh(&self, refresh_token: &SecretString) -> Result<TokenResponse> {
        self.run(self.inner.refresh(refresh_token))
    }

    /// The user's claims from the userinfo endpoint.
    pub fn userinfo(&self, access_token: &SecretString) -> Result<UserInfo> {
        self.run(self.inner.userinfo(access_token))
    }

    /// Ask the server whether a token is active.
    pub fn introspect(&self, token: &SecretString) -> Result<Introspection> {
        self.run(self.inner.introspect(token))
    }

    /// End the session the refresh token belongs to.
    pub fn logout(&self, refresh_token: &SecretString) -> Result<()> {
        self.run(self.inner.logout(refresh_token))
    }

    /// Revoke a token.
    pub fn revoke(&self, token: &SecretString, kind: TokenKind) -> Result<()> {
        self.run(self.inner.revoke(token, kind))
    }

    /// Verify an access token locally against the realm's keys.
    #[cfg(feature = "verify")]
    pub fn verify_access_token(&self, token: &SecretString) -> Result<Claims> {
        self.run(self.inner.verify_access_token(token))
    }

    /// [`crate::Uma::has_access`] for this client as the resource server.
    pub fn has_access(&self, user_token: &SecretString, permission: &str) -> Result<Decision> {
        self.run(self.inner.uma().has_access(user_token, permission))
    }
}
