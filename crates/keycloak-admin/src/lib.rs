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
//!
//! ## Where to go next
//! - **Handles**: [`RealmHandle`] lists every handle of a realm ([`Users`],
//!   [`Groups`], [`Clients`], [`Roles`], …); every list is a [`List`] (or
//!   [`UserQuery`]) with `.stream()`, `.all()`, `.page_size()`, `.first_page()`.
//! - **Any other operation**: the generated client is re-exported as [`api`]
//!   (`api::Client`, [`types`], `api::operations`); run its builders through
//!   [`KeycloakAdmin::send`] and [`KeycloakAdmin::pages`] to keep auth, retries
//!   and this crate's [`Error`].
//! - **Logging users in** (grants, token verification, UMA): the
//!   [`keycloak-oidc`](https://docs.rs/keycloak-oidc) crate, which this one uses
//!   for its own token endpoint.
//! - **Reading models**: fields are `Option`s; [`Attributes`] reads
//!   attributes, and its docs show the patterns for the rest.
//! - **What the server supports**: [`KeycloakAdmin::server`] and
//!   [`Error::Unsupported`].
//! - **Blocking code**: the `blocking` feature's `blocking::KeycloakAdmin`.
//! - **Examples** that run against any Keycloak (`KEYCLOAK_URL`,
//!   `KEYCLOAK_USERNAME`, `KEYCLOAK_PASSWORD`): `crates/keycloak-admin/examples/`
//!   (quickstart, search, stream, service account, temporary password) and
//!   `crates/keycloak-oidc/examples/login.rs`; run one with
//!   `cargo run -p keycloak-admin --example quickstart`.

mod auth;
#[cfg(feature = "blocking")]
pub mod blocking;
mod builder;
mod bulk;
mod call;
mod client;
mod credentials;
mod error;
mod from_env;
mod models;
mod pagination;
pub mod prelude;
mod read;
mod resources;
mod server;

pub use builder::KeycloakAdminBuilder;
pub use bulk::{
    ClientKind, CreateMany, DEFAULT_BATCH_SIZE, DEFAULT_CONCURRENCY, GroupKind, IfExists, Kind,
    Outcome, RoleKind, UserKind, WriteAction, Written,
};
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
/// The OpenID Connect client this crate logs in with (token grants,
/// introspection, UMA): the same version, so its errors meet
/// [`Users::explain_login_error`].
pub use keycloak_oidc as oidc;
pub use models::{NewClient, NewGroup, NewOrganization, NewRole, NewUser};
pub use pagination::{DEFAULT_PAGE_SIZE, KEYED_PAGES_IN_FLIGHT, List, PAGES_IN_FLIGHT};
pub use read::Attributes;
pub use resources::{
    AdminEventFilters, AdminEventQuery, AdminPermissions, Authentication, Authorization,
    BRIEF_USER_PAGE_SIZE, ClientPolicies, ClientRoles, ClientScopes, Clients, ComponentFilters,
    ComponentQuery, Components, EventFilters, EventQuery, Events, GroupFilters, GroupQuery, Groups,
    IdentityProviders, MEMBER_PAGE_SIZE, NewPermission, NewPolicy, Organizations, RealmHandle,
    RealmRoles, Realms, RegisteredClient, Roles, ServiceAccountClient, USER_PAGE_SIZE,
    UnmanagedAttributes, UserFilters, UserProfile, UserQuery, UserRoles, Users, Workflows,
    is_permitted,
};
/// Re-exported so secrets can be read where needed: `secret.expose_secret()`.
pub use secrecy::{ExposeSecret, SecretString};
pub use server::{Feature, ServerCapabilities, Version};

// The Rust examples of the README and of docs/ compile as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
#[cfg(doctest)]
#[doc = include_str!("../../../docs/oidc.md")]
struct OidcDocDoctests;
#[cfg(doctest)]
#[doc = include_str!("../../../docs/generated-client.md")]
struct GeneratedClientDocDoctests;
#[cfg(doctest)]
#[doc = include_str!("../../../docs/testing.md")]
struct TestingDocDoctests;
