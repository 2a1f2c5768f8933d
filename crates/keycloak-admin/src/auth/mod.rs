//! Authentication: the shared token cache and the hook that puts tokens on
//! requests. Token requests themselves go through `keycloak_oidc::TokenEndpoint`,
//! the project's one token-endpoint implementation.

pub(crate) mod hook;
mod tokens;

pub(crate) use hook::AuthHook;
pub(crate) use tokens::TokenManager;

use crate::error::{ApiError, AuthError, Error};
use keycloak_admin_api::Operation;

/// The token endpoint, named like an operation in errors about it.
pub(crate) static TOKEN_ENDPOINT: Operation = Operation {
    id: "token",
    method: "POST",
    path: "/realms/{realm}/protocol/openid-connect/token",
};

/// An OIDC-side failure of a login or refresh, as this crate's [`Error`].
pub(crate) fn login_error(realm: &str, client_id: &str, e: keycloak_oidc::Error) -> Error {
    let operation = format!("token endpoint of realm `{realm}`");
    match e {
        // A server fault (500, 502, 503, …) says nothing about the credentials:
        // it is an API error (retryable where the status says so), not `Auth`.
        keycloak_oidc::Error::OAuth(o) if o.status.is_some_and(|s| s >= 500) => {
            let reason = o.description.or(o.error).unwrap_or_default();
            let raw = format!("login to realm `{realm}` as client `{client_id}`: {reason}");
            Error::from(ApiError::new(&TOKEN_ENDPOINT, o.status.unwrap_or(500), raw))
        }
        keycloak_oidc::Error::OAuth(o) => Error::from(AuthError {
            realm: realm.to_string(),
            client_id: client_id.to_string(),
            status: o.status,
            error: o.error,
            description: o.description,
        }),
        keycloak_oidc::Error::Timeout { .. } => Error::Timeout { operation },
        e @ keycloak_oidc::Error::Transport { .. } => Error::Transport {
            operation,
            message: match &e {
                keycloak_oidc::Error::Transport { message, .. } => message.clone(),
                _ => unreachable!("matched above"),
            },
            source: Some(std::sync::Arc::new(e)),
        },
        keycloak_oidc::Error::Decode { message, .. } => Error::Decode { operation, message },
        other => Error::InvalidInput(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_endpoint_fault_is_not_an_auth_error() {
        let fault = |status| {
            keycloak_oidc::Error::OAuth(Box::new(keycloak_oidc::OAuthError::new(
                "token endpoint of realm `master`".into(),
                Some(status),
                (status == 400).then(|| "invalid_grant".to_string()),
                Some(format!("HTTP {status}")),
            )))
        };
        let e = login_error("master", "admin-cli", fault(503));
        assert!(!e.is_unauthorized() && e.is_retryable(), "{e}");
        assert_eq!(e.status(), Some(503));
        let e = login_error("master", "admin-cli", fault(500));
        assert!(!e.is_unauthorized() && matches!(e, Error::Api(_)), "{e}");
        let e = login_error("master", "admin-cli", fault(400));
        assert!(e.is_unauthorized(), "{e}");
    }
}
