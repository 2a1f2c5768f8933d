//! The admin login the harness needs: a password grant for `admin-cli` on the
//! master realm, and a hook that gives the generated client that token (and a new
//! one after a 401, since master-realm tokens live only 60 s).

use crate::error::{Error, Result};
use keycloak_admin_api::{BoxFuture, Operation, RequestHook};
use std::sync::Mutex;
use std::time::Duration;

pub(crate) fn http() -> reqwest::Client {
    reqwest::Client::builder()
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

/// Bearer token for the generated client; logs in again after a 401.
pub(crate) struct AdminHook {
    pub http: reqwest::Client,
    pub base_url: String,
    pub username: String,
    pub password: String,
    pub token: tokio::sync::Mutex<Option<String>>,
    pub last_error: Mutex<Option<String>>,
}

impl AdminHook {
    async fn current(&self) -> Result<String, String> {
        let mut token = self.token.lock().await;
        if let Some(t) = token.as_ref() {
            return Ok(t.clone());
        }
        let fresh = password_grant(&self.http, &self.base_url, &self.username, &self.password)
            .await
            .map_err(|e| e.to_string())?;
        *token = Some(fresh.clone());
        Ok(fresh)
    }
}

impl RequestHook for AdminHook {
    fn prepare<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _op: &'static Operation,
    ) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let token = self
                .current()
                .await
                .inspect_err(|e| *self.last_error.lock().unwrap() = Some(e.clone()))?;
            let value = format!("Bearer {token}")
                .parse()
                .map_err(|_| "the token is not a valid header value".to_string())?;
            request
                .headers_mut()
                .insert(reqwest::header::AUTHORIZATION, value);
            Ok(())
        })
    }

    fn retry<'a>(
        &'a self,
        _request: &'a reqwest::Request,
        response: &'a reqwest::Response,
        _op: &'static Operation,
    ) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            if response.status() != reqwest::StatusCode::UNAUTHORIZED {
                return false;
            }
            *self.token.lock().await = None;
            true
        })
    }
}
