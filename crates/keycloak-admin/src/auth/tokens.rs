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

/// The token manager alone, with a custom token source: milliseconds, no server.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::credentials::{AccessToken, TokenSource};
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    /// Hands out `token-1`, `token-2`, … after `delay`, each living `life`.
    struct Counting {
        calls: AtomicUsize,
        delay: Duration,
        life: Option<Duration>,
        fail_first: bool,
    }

    impl TokenSource for Counting {
        fn token(&self) -> keycloak_admin_api::BoxFuture<'_, Result<AccessToken>> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(self.delay).await;
                if self.fail_first && n == 1 {
                    return Err(Error::InvalidInput("the vault is sealed".into()));
                }
                Ok(AccessToken {
                    token: SecretString::from(format!("token-{n}")),
                    expires_in: self.life,
                })
            })
        }
    }

    fn manager(source: Counting, skew: Duration) -> (Arc<TokenManager>, Arc<Counting>) {
        let source = Arc::new(source);
        let endpoint = TokenEndpoint::for_realm(
            keycloak_oidc::tls::client_builder().build().unwrap(),
            "http://127.0.0.1:9",
            "master",
        )
        .unwrap();
        let m = TokenManager::new(endpoint, Credentials::Custom(source.clone()), skew);
        (Arc::new(m), source)
    }

    fn source(delay_ms: u64, life: Option<Duration>) -> Counting {
        Counting {
            calls: AtomicUsize::new(0),
            delay: Duration::from_millis(delay_ms),
            life,
            fail_first: false,
        }
    }

    #[tokio::test]
    async fn sixty_four_callers_share_one_token_request() {
        let (m, src) = manager(source(50, None), Duration::from_secs(10));
        let calls: Vec<_> = (0..64)
            .map(|_| {
                let m = m.clone();
                tokio::spawn(async move { m.access_token().await.unwrap() })
            })
            .collect();
        for c in calls {
            assert_eq!(c.await.unwrap().expose_secret(), "token-1");
        }
        assert_eq!(src.calls.load(Ordering::SeqCst), 1);
        assert_eq!(m.requests(), 1);
    }

    #[tokio::test]
    async fn a_refused_token_is_replaced_once_and_a_stale_refusal_is_ignored() {
        let (m, src) = manager(source(0, None), Duration::from_secs(10));
        let first = m.access_token().await.unwrap();
        m.refused(first.expose_secret());
        let second = m.access_token().await.unwrap();
        assert_eq!(second.expose_secret(), "token-2");
        // A late 401 for the token already replaced does not drop the new one.
        m.refused(first.expose_secret());
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "token-2");
        assert_eq!(src.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_token_is_renewed_before_it_expires() {
        // 300 ms of life, skew 10 s capped at a third: fresh for 200 ms.
        let (m, src) = manager(
            source(0, Some(Duration::from_millis(300))),
            Duration::from_secs(10),
        );
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "token-1");
        tokio::time::sleep(Duration::from_millis(100)).await;
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "token-1");
        tokio::time::sleep(Duration::from_millis(150)).await;
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "token-2");
        assert_eq!(src.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_failing_source_is_an_error_and_the_next_call_tries_again() {
        let mut s = source(0, None);
        s.fail_first = true;
        let (m, src) = manager(s, Duration::from_secs(10));
        let e = m.access_token().await.unwrap_err();
        assert!(e.to_string().contains("sealed"), "{e}");
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "token-2");
        assert_eq!(src.calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn a_fixed_bearer_token_is_never_renewed() {
        let endpoint = TokenEndpoint::for_realm(
            keycloak_oidc::tls::client_builder().build().unwrap(),
            "http://127.0.0.1:9",
            "master",
        )
        .unwrap();
        let m = TokenManager::new(
            endpoint,
            Credentials::Bearer(SecretString::from("fixed".to_string())),
            Duration::from_secs(10),
        );
        assert!(!m.can_renew());
        assert_eq!(m.access_token().await.unwrap().expose_secret(), "fixed");
        assert_eq!(m.requests(), 0);
    }
}
