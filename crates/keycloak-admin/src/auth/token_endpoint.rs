//! The OpenID Connect token endpoint: the project's one implementation of the
//! password, client-credentials and refresh grants.

use crate::error::{AuthError, Error, Result};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::time::Duration;

/// A successful token response.
pub(crate) struct Tokens {
    pub access: SecretString,
    pub expires_in: Option<Duration>,
    pub refresh: Option<SecretString>,
    pub refresh_expires_in: Option<Duration>,
}

#[derive(Deserialize)]
struct Wire {
    access_token: String,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
    refresh_expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
struct WireError {
    error: Option<String>,
    error_description: Option<String>,
}

pub(crate) struct TokenEndpoint {
    pub http: reqwest::Client,
    pub url: String,
    pub realm: String,
}

impl TokenEndpoint {
    pub fn new(http: reqwest::Client, base_url: &str, realm: &str) -> Self {
        Self {
            http,
            url: format!("{base_url}/realms/{realm}/protocol/openid-connect/token"),
            realm: realm.to_string(),
        }
    }

    /// POST the grant; `client_id` names the client in errors.
    pub async fn grant(&self, client_id: &str, form: &[(&str, &str)]) -> Result<Tokens> {
        let refused = |status: Option<u16>, body: WireError| {
            Error::from(AuthError {
                realm: self.realm.clone(),
                client_id: client_id.to_string(),
                status,
                error: body.error,
                description: body.error_description,
            })
        };
        let resp = self
            .http
            .post(&self.url)
            .form(form)
            .send()
            .await
            .map_err(|e| transport(&self.realm, e))?;
        let status = resp.status();
        let text = resp.text().await.map_err(|e| transport(&self.realm, e))?;
        if !status.is_success() {
            let body = serde_json::from_str::<WireError>(&text).unwrap_or_else(|_| WireError {
                error: None,
                error_description: Some(format!("HTTP {status} with a non-OAuth body")),
            });
            return Err(refused(Some(status.as_u16()), body));
        }
        let wire: Wire = serde_json::from_str(&text).map_err(|e| Error::Decode {
            operation: format!("token endpoint of realm `{}`", self.realm),
            message: e.to_string(),
        })?;
        Ok(Tokens {
            access: SecretString::from(wire.access_token),
            expires_in: wire.expires_in.map(Duration::from_secs),
            refresh: wire.refresh_token.map(SecretString::from),
            refresh_expires_in: wire
                .refresh_expires_in
                .filter(|s| *s > 0)
                .map(Duration::from_secs),
        })
    }

    pub async fn refresh(
        &self,
        client_id: &str,
        client_secret: Option<&SecretString>,
        refresh_token: &SecretString,
    ) -> Result<Tokens> {
        let mut form = vec![
            ("grant_type", "refresh_token"),
            ("client_id", client_id),
            ("refresh_token", refresh_token.expose_secret()),
        ];
        if let Some(s) = client_secret {
            form.push(("client_secret", s.expose_secret()));
        }
        self.grant(client_id, &form).await
    }
}

fn transport(realm: &str, e: reqwest::Error) -> Error {
    let operation = format!("token endpoint of realm `{realm}`");
    if e.is_timeout() {
        Error::Timeout { operation }
    } else {
        Error::Transport {
            operation,
            message: crate::call::describe(e),
        }
    }
}
