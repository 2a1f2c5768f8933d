//! The ergonomic Keycloak Admin client.
//!
//! Built on the generated `keycloak-admin-api` (every operation of Keycloak's
//! document), it adds what people ask of an admin client:
//! - **auth**: password, client credentials, a fixed token or your own source;
//!   refresh before expiry, re-login when the refresh token dies, one token
//!   request in flight however many calls need one, one retry after a 401;
//! - **errors**: one [`Error`] with `is_not_found()`, `is_conflict()`, … and
//!   Keycloak's own message, never a secret;
//! - **pagination**: lazy streams over `first`/`max` endpoints;
//! - **handles** that read like the domain: `kc.realm("rep").users().search("john").stream()`.
//!
//! ```no_run
//! # async fn demo() -> Result<(), keycloak_admin::Error> {
//! use futures_util::TryStreamExt;
//! use keycloak_admin::{Credentials, KeycloakAdmin};
//!
//! let kc = KeycloakAdmin::builder("http://127.0.0.1:8080")
//!     .credentials(Credentials::password("admin", "admin"))
//!     .connect()
//!     .await?;
//! let users = kc.realm("rep").users();
//! let johns: Vec<_> = users.search("john").stream().try_collect().await?;
//! match users.get("missing").await {
//!     Err(e) if e.is_not_found() => {}
//!     other => { other?; }
//! }
//! # Ok(()) }
//! ```

mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod call;
mod client;
mod credentials;
mod error;
mod from_env;
mod handle;
mod models;
mod pagination;
pub mod prelude;
mod resources;
mod server;

pub use builder::KeycloakAdminBuilder;
pub use client::KeycloakAdmin;
pub use credentials::{AccessToken, Credentials, TokenSource};
pub use error::{ApiError, AuthError, Error, FieldError, KeycloakError, Result};
pub use from_env::vars as env_vars;
/// The generated low-level client: every operation of Keycloak's document
/// (`api::Client`), its models (`api::types`) and operation table
/// (`api::operations`). Run any of its requests through
/// [`KeycloakAdmin::send`].
pub use keycloak_admin_api as api;
pub use keycloak_admin_api::Endpoint;
pub use keycloak_admin_api::RetryPolicy;
/// Request and response models (generated).
pub use keycloak_admin_api::types;
pub use models::{NewClient, NewGroup, NewRole, NewUser};
pub use pagination::{DEFAULT_PAGE_SIZE, List};
pub use resources::{
    Authentication, ClientRoles, ClientScopes, Clients, Components, Events, Groups,
    IdentityProviders, RealmHandle, RealmRoles, Realms, RegisteredClient, Roles,
    ServiceAccountClient, UserQuery, UserRoles, Users,
};
/// Re-exported so secrets can be read where needed: `secret.expose_secret()`.
pub use secrecy::{ExposeSecret, SecretString};
pub use server::{Feature, ServerCapabilities, Version};

// The README's Rust examples compile as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
