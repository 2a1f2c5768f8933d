//! The token cache shared by every clone of a client.
//!
//! Refreshes before expiry (with a skew), through the refresh token while it
//! lives, else by logging in again. Single flight: however many requests find
//! the token stale at once, one token request is made and the rest await it
//! (a tokio mutex: no thread is blocked).

use super::login_error;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use keycloak_oidc::{ClientAuth, Grant, TokenEndpoint, TokenResponse};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

struct State {
    access: SecretString,
    /// When to stop using it (expiry minus skew); `None`: until a 401.
    fresh_until: Option<Instant>,
    refresh: Option<(SecretString, Option<Instant>)>,
}

pub(crate) struct TokenManager {
    endpoint: TokenEndpoint,
    credentials: Credentials,
    skew: Duration,
    state: Mutex<Option<State>>,
    gate: tokio::sync::Mutex<()>,
    requests: AtomicU64,
}

impl TokenManager {
    pub fn new(endpoint: TokenEndpoint, credentials: Credentials, skew: Duration) -> Self {
        Self {
            endpoint,
            credentials,
            skew,
            state: Mutex::new(None),
            gate: tokio::sync::Mutex::new(()),
            requests: AtomicU64::new(0),
        }
    }

    /// How many times a token was requested (logins, refreshes, custom-source calls).
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::SeqCst)
    }

    /// Whether a refused token is worth replacing (not for a fixed bearer token).
    pub fn can_renew(&self) -> bool {
        !matches!(self.credentials, Credentials::Bearer(_))
    }

    fn fresh(&self) -> Option<SecretString> {
        let state = self.state.lock().unwrap();
        let s = state.as_ref()?;
        match s.fresh_until {
            Some(t) if Instant::now() >= t => None,
            _ => Some(s.access.clone()),
        }
    }

    /// A usable access token, obtaining one if needed (single flight).
    pub async fn access_token(&self) -> Result<SecretString> {
        if let Some(t) = self.fresh() {
            return Ok(t);
        }
        let _turn = self.gate.lock().await;
        // Whoever held the gate before us may have refreshed already.
        if let Some(t) = self.fresh() {
            return Ok(t);
        }
        let refresh = self
            .state
            .lock()
            .unwrap()
            .as_ref()
            .and_then(|s| s.refresh.clone());
        let state = self.obtain(refresh).await?;
        let token = state.access.clone();
        *self.state.lock().unwrap() = Some(state);
        Ok(token)
    }

    /// The server refused `used`: forget it, unless a newer token replaced it already.
    pub fn refused(&self, used: &str) {
        let mut state = self.state.lock().unwrap();
        if let Some(s) = state.as_mut()
            && s.access.expose_secret() == used
        {
            s.fresh_until = Some(Instant::now());
        }
    }

    async fn obtain(&self, refresh: Option<(SecretString, Option<Instant>)>) -> Result<State> {
        match &self.credentials {
            Credentials::Bearer(token) => Ok(State {
                access: token.clone(),
                fresh_until: None,
                refresh: None,
            }),
            Credentials::Custom(source) => {
                self.requests.fetch_add(1, Ordering::SeqCst);
                let t = source.token().await?;
                Ok(State {
                    access: t.token,
                    fresh_until: t.expires_in.map(|d| self.deadline(d)),
                    refresh: None,
                })
            }
            Credentials::ClientCredentials {
                client_id,
                client_secret,
            } => {
                let client = ClientAuth {
                    client_id: client_id.clone(),
                    secret: Some(client_secret.clone()),
                };
                self.grant(&client, Grant::ClientCredentials).await
            }
            Credentials::Password {
                client_id,
                client_secret,
                username,
                password,
                totp,
            } => {
                let client = ClientAuth {
                    client_id: client_id.clone(),
                    secret: client_secret.clone(),
                };
                if let Some((rt, until)) = refresh
                    && until.is_none_or(|t| Instant::now() < t)
                {
                    let grant = Grant::RefreshToken {
                        refresh_token: rt.expose_secret(),
                    };
                    match self.grant(&client, grant).await {
                        Ok(state) => return Ok(state),
                        // "Token is not active", "Session not active": log in again.
                        Err(Error::Auth(e)) if e.error.as_deref() == Some("invalid_grant") => {
                            tracing::debug!(realm = %self.endpoint.realm(), "refresh token refused; logging in again");
                        }
                        Err(e) => return Err(e),
                    }
                }
                let grant = Grant::Password {
                    username,
                    password: password.expose_secret(),
                    totp: totp.as_ref().map(|c| c.expose_secret()),
                };
                self.grant(&client, grant).await
            }
        }
    }

    /// One counted token request.
    async fn grant(&self, client: &ClientAuth, grant: Grant<'_>) -> Result<State> {
        self.requests.fetch_add(1, Ordering::SeqCst);
        self.endpoint
            .request(client, grant, &[])
            .await
            .map(|t| self.state_from(t))
            .map_err(|e| login_error(self.endpoint.realm(), &client.client_id, e))
    }

    fn state_from(&self, t: TokenResponse) -> State {
        let refresh = t
            .refresh_token
            .map(|r| (r, t.refresh_expires_in.map(|d| self.deadline(d))));
        State {
            access: t.access_token,
            fresh_until: t.expires_in.map(|d| self.deadline(d)),
            refresh,
        }
    }

    /// Stop using a token `skew` before it expires, but never more than a third
    /// of its life early (a 5 s token is still used for 3.3 s).
    fn deadline(&self, lifetime: Duration) -> Instant {
        Instant::now() + lifetime - self.skew.min(lifetime / 3)
    }
}
