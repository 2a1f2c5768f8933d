//! The bootstrap admin's login: a password grant for `admin-cli` on the master
//! realm. Readiness means it succeeds.

use crate::error::{Error, Result};
use std::time::Duration;

pub(crate) fn http() -> reqwest::Client {
    keycloak_oidc::tls::client_builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .build()
        .expect("a plain HTTP client builds")
}

/// Access token for `username` on the master realm, through the project's one
/// token-endpoint implementation (`keycloak_oidc::TokenEndpoint`).
pub async fn password_grant(
    http: &reqwest::Client,
    base_url: &str,
    username: &str,
    password: &str,
) -> Result<String> {
    use keycloak_oidc::{ClientAuth, ExposeSecret, Grant, TokenEndpoint};
    let grant = Grant::Password {
        username,
        password,
        totp: None,
    };
    TokenEndpoint::for_realm(http.clone(), base_url, "master")
        .map_err(|e| Error::Unreachable {
            url: keycloak_oidc::redact_url(base_url),
            reason: e.to_string(),
        })?
        .request(&ClientAuth::public("admin-cli"), grant, &[])
        .await
        .map(|t| t.access_token.expose_secret().to_string())
        .map_err(|e| match e {
            keycloak_oidc::Error::OAuth(o) => Error::AdminLoginRefused {
                url: base_url.into(),
                username: username.into(),
                status: o.status.unwrap_or(0),
                body: o.description.or(o.error).unwrap_or_default(),
            },
            other => Error::Unreachable {
                url: base_url.into(),
                reason: other.to_string(),
            },
        })
}
