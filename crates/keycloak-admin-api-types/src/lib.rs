//! The request and response models of the Keycloak Admin REST API, generated
//! by progenitor from Keycloak's OpenAPI document (plus the corrections in the
//! repository's `spec/`) — the same code as `keycloak_admin_api::types`, which
//! re-exports this crate. Use that path; this crate exists so the models (serde
//! derives of ~240 structs) compile beside the HTTP stack instead of after it.
//!
//! Every field is optional and every model keeps the fields this version does
//! not know in `extra`, so what a newer Keycloak sends survives a read and
//! write back.
//!
//! ```no_run
//! use keycloak_admin_api_types::UserRepresentation;
//! let user = UserRepresentation {
//!     username: Some("ada".into()),
//!     enabled: Some(true),
//!     ..Default::default()
//! };
//! assert!(user.extra.is_empty());
//! ```

/// The committed generated code (`cargo xtask spec generate` writes it;
/// keycloak-admin-api's build checks it is current). Documented from
/// Keycloak's descriptions where it has them: `missing_docs` is off for it.
#[allow(missing_docs, clippy::all)]
mod generated {
    include!("generated.rs");
}
pub use generated::*;

// The generated `Debug`s name the helpers by the crate's own name (so the
// same code compiles inline in keycloak-admin-api, with other documents).
extern crate self as keycloak_admin_api_types;
#[doc(hidden)]
pub mod redact;
pub use redact::is_secret_key;
