//! OpenID Connect and UMA for applications behind Keycloak.
//!
//! - [`OidcClient`]: discovery (cached), every grant (password with optional TOTP,
//!   authorization code with PKCE, client credentials, refresh, token exchange,
//!   device), userinfo, logout, revocation, introspection;
//! - **local verification** of access and ID tokens against the realm's JWKS
//!   (cached, refreshed on an unknown `kid`), with one [`VerifyError`] per cause
//!   (feature `verify`, on by default; pure-Rust signature checks);
//! - [`Uma`]: `has_access` decisions, granted permissions, RPTs, and the
//!   protection API's [`ResourceSets`];
//! - [`TokenEndpoint`]: the one token-endpoint implementation of the project; the
//!   admin client (`keycloak-admin`) logs in through it too;
//! - `blocking` (feature): the same without an async runtime.
//!
//! ```no_run
//! # async fn demo() -> keycloak_oidc::Result<()> {
//! use keycloak_oidc::{Decision, OidcClient};
//! let oidc = OidcClient::builder("http://127.0.0.1:8080", "rep", "orders-api")
//!     .client_secret("s3cret")
//!     .build()?;
//! let tokens = oidc.password("alice", "alice-password").await?;
//! let claims = oidc.verify_access_token(&tokens.access_token).await?;
//! if oidc.uma().has_access(&tokens.access_token, "Order#read").await? == Decision::Granted {
//!     println!("{:?} may read orders", claims.preferred_username);
//! }
//! # Ok(()) }
//! ```

mod authorize;
#[cfg(feature = "blocking")]
pub mod blocking;
mod client;
mod device;
mod discovery;
mod error;
mod http;
mod session;
pub mod tls;
mod token_endpoint;
mod token_response;
mod uma;
mod urls;
#[cfg(feature = "verify")]
mod verify;

pub use authorize::{AuthRequest, Pkce, random_token};
pub use client::{OidcClient, OidcClientBuilder};
pub use device::{DeviceAuthorization, DevicePoll};
pub use discovery::{ProviderMetadata, UmaMetadata};
pub use error::{Error, OAuthError, Result, VerifyError};
/// Re-exported so tokens can be read where needed: `token.expose_secret()`.
pub use secrecy::{ExposeSecret, SecretString};
pub use session::{Introspection, TokenKind, UserInfo};
pub use token_endpoint::{
    ACCESS_TOKEN_TYPE, ClientAuth, Grant, ID_TOKEN_TYPE, REFRESH_TOKEN_TYPE, TokenEndpoint,
};
pub use token_response::TokenResponse;
pub use uma::{
    Decision, GrantedPermission, Resource, ResourceQuery, ResourceScope, ResourceSets, Uma,
};
pub use urls::{path_segment, redact_url, server_url};
#[cfg(feature = "verify")]
pub use verify::{Claims, Roles, VerifyOptions, dangerous};
