//! The device authorization grant (RFC 8628): a TV or CLI shows a code, the user
//! approves in a browser elsewhere, the device polls the token endpoint.

use crate::client::OidcClient;
use crate::error::{Error, Result};
use crate::token_endpoint::Grant;
use crate::token_response::TokenResponse;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;
use std::time::{Duration, Instant};

/// What to show the user, and the code to poll with.
#[derive(Clone)]
#[non_exhaustive]
pub struct DeviceAuthorization {
    /// What the client polls with.
    pub device_code: SecretString,
    /// What the user types on the verification page.
    pub user_code: String,
    /// Where the user goes to approve.
    pub verification_uri: String,
    /// The verification page with the code filled in.
    pub verification_uri_complete: Option<String>,
    /// When the device code stops being valid.
    pub expires_at: Instant,
    /// Least time between two polls.
    pub interval: Duration,
}

impl std::fmt::Debug for DeviceAuthorization {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeviceAuthorization")
            .field("device_code", &"[REDACTED]")
            .field("user_code", &self.user_code)
            .field("verification_uri", &self.verification_uri)
            .field("interval", &self.interval)
            .finish()
    }
}

/// One poll's outcome. A denied or expired request is an [`Error::OAuth`]
/// (`access_denied`, `expired_token`).
#[derive(Debug)]
#[non_exhaustive]
pub enum DevicePoll {
    /// The user has not approved yet.
    Pending,
    /// Polling too fast: wait 5 s longer between polls.
    SlowDown,
    /// Approved: the tokens.
    Ready(Box<TokenResponse>),
}

#[derive(Deserialize)]
struct Wire {
    device_code: String,
    user_code: String,
    verification_uri: String,
    verification_uri_complete: Option<String>,
    expires_in: u64,
    interval: Option<u64>,
}

impl OidcClient {
    /// Start a device login (the client needs "OAuth 2.0 Device Authorization Grant").
    ///
    /// ```no_run
    /// # async fn demo(oidc: keycloak_oidc::OidcClient) -> keycloak_oidc::Result<()> {
    /// let auth = oidc.device_authorization(Some("openid")).await?;
    /// println!("visit {} and enter {}", auth.verification_uri, auth.user_code);
    /// let tokens = oidc.wait_for_device(&auth).await?;
    /// # Ok(()) }
    /// ```
    pub async fn device_authorization(&self, scope: Option<&str>) -> Result<DeviceAuthorization> {
        let d = self.discovery().await?;
        let url = d.device_authorization_endpoint.clone().ok_or_else(|| {
            Error::Unsupported(format!(
                "realm `{}` does not offer the device authorization grant",
                self.realm()
            ))
        })?;
        let scope: Vec<(&'static str, &str)> = scope.map(|s| ("scope", s)).into_iter().collect();
        let text = self
            .post_as_client(&url, "device authorization", &scope)
            .await?;
        let w: Wire = serde_json::from_str(&text).map_err(|e| Error::Decode {
            endpoint: self.label("device authorization"),
            message: e.to_string(),
        })?;
        Ok(DeviceAuthorization {
            device_code: w.device_code.into(),
            user_code: w.user_code,
            verification_uri: w.verification_uri,
            verification_uri_complete: w.verification_uri_complete,
            expires_at: Instant::now() + Duration::from_secs(w.expires_in),
            interval: Duration::from_secs(w.interval.unwrap_or(5)),
        })
    }

    /// Poll once.
    pub async fn poll_device(&self, auth: &DeviceAuthorization) -> Result<DevicePoll> {
        let grant = Grant::DeviceCode {
            device_code: auth.device_code.expose_secret(),
        };
        match self.grant(grant, &[]).await {
            Ok(t) => Ok(DevicePoll::Ready(Box::new(t))),
            Err(e) if e.oauth_code() == Some("authorization_pending") => Ok(DevicePoll::Pending),
            Err(e) if e.oauth_code() == Some("slow_down") => Ok(DevicePoll::SlowDown),
            Err(e) => Err(e),
        }
    }

    /// Poll at the server's interval until the user approves, denies, or the code expires.
    pub async fn wait_for_device(&self, auth: &DeviceAuthorization) -> Result<TokenResponse> {
        let mut interval = auth.interval;
        loop {
            match self.poll_device(auth).await? {
                DevicePoll::Ready(t) => return Ok(*t),
                DevicePoll::SlowDown => interval += Duration::from_secs(5),
                DevicePoll::Pending => {}
            }
            if Instant::now() + interval >= auth.expires_at {
                return Err(Error::OAuth(Box::new(crate::error::OAuthError::new(
                    format!("device login in realm `{}`", self.realm()),
                    None,
                    Some("expired_token".into()),
                    Some("the user did not approve before the code expired".into()),
                ))));
            }
            tokio::time::sleep(interval).await;
        }
    }
}
