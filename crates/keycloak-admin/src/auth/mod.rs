//! Authentication: the shared token cache and the hook that puts tokens on
//! requests. Token requests themselves go through `keycloak_oidc::TokenEndpoint`,
//! the project's one token-endpoint implementation.

mod hook;
mod tokens;

pub(crate) use hook::AuthHook;
pub(crate) use tokens::TokenManager;

use crate::error::{AuthError, Error};

/// An OIDC-side failure of a login or refresh, as this crate's [`Error`].
pub(crate) fn login_error(realm: &str, client_id: &str, e: keycloak_oidc::Error) -> Error {
    let operation = format!("token endpoint of realm `{realm}`");
    match e {
        keycloak_oidc::Error::OAuth(o) => Error::from(AuthError {
            realm: realm.to_string(),
            client_id: client_id.to_string(),
            status: o.status,
            error: o.error,
            description: o.description,
        }),
        keycloak_oidc::Error::Timeout { .. } => Error::Timeout { operation },
        keycloak_oidc::Error::Transport { message, .. } => Error::Transport { operation, message },
        keycloak_oidc::Error::Decode { message, .. } => Error::Decode { operation, message },
        other => Error::InvalidInput(other.to_string()),
    }
}
