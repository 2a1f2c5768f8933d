//! A typed token response; the tokens are [`SecretString`]s (redacted in `Debug`).

use secrecy::SecretString;
use serde::Deserialize;
use std::time::{Duration, Instant};

/// What the token endpoint returns.
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient) -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::ExposeSecret;
/// let tokens = oidc.password("alice", "secret").await?;
/// println!("{tokens:?}"); // tokens show as [REDACTED]
/// let header = format!("Bearer {}", tokens.access_token.expose_secret());
/// # Ok(()) }
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub struct TokenResponse {
    /// The access token (redacted in `Debug`).
    pub access_token: SecretString,
    /// `Bearer` (or `N_A` for some exchanged token types).
    pub token_type: String,
    /// How long the access token lives.
    pub expires_in: Option<Duration>,
    /// The refresh token, when the grant gives one.
    pub refresh_token: Option<SecretString>,
    /// `None` also when Keycloak sends 0 (offline tokens: no idle expiry).
    pub refresh_expires_in: Option<Duration>,
    /// The ID token, when `openid` was in scope.
    pub id_token: Option<SecretString>,
    /// The granted scopes, space-separated.
    pub scope: Option<String>,
    /// The session id.
    pub session_state: Option<String>,
    /// Token exchange: the type of `access_token` (e.g. an access or refresh token URN).
    pub issued_token_type: Option<String>,
    /// When the response arrived, for computing absolute expiries.
    pub received_at: Instant,
}

#[derive(Deserialize)]
struct Wire {
    access_token: String,
    #[serde(default)]
    token_type: String,
    expires_in: Option<u64>,
    refresh_token: Option<String>,
    refresh_expires_in: Option<u64>,
    id_token: Option<String>,
    scope: Option<String>,
    session_state: Option<String>,
    issued_token_type: Option<String>,
}

impl TokenResponse {
    /// Parse a token endpoint's 2xx body. Tokens must be printable ASCII
    /// without spaces (RFC 6750's `b64token` and every JWT are): a token with
    /// CR/LF or other control characters could not be sent in a header, and
    /// would fail every later call. Messages never quote the body's values.
    pub(crate) fn parse(body: &str) -> Result<Self, String> {
        let w: Wire = serde_json::from_str(body).map_err(|e| elide_quoted(&e.to_string()))?;
        for (name, token) in [
            ("access_token", Some(&w.access_token)),
            ("refresh_token", w.refresh_token.as_ref()),
            ("id_token", w.id_token.as_ref()),
        ] {
            if let Some(t) = token
                && (t.is_empty() || !t.bytes().all(|b| b.is_ascii_graphic()))
            {
                return Err(format!(
                    "the {name} is empty or has characters no token can have (control characters, spaces or non-ASCII)"
                ));
            }
        }
        Ok(TokenResponse {
            access_token: w.access_token.into(),
            token_type: w.token_type,
            expires_in: w.expires_in.map(Duration::from_secs),
            refresh_token: w.refresh_token.map(SecretString::from),
            refresh_expires_in: w
                .refresh_expires_in
                .filter(|s| *s > 0)
                .map(Duration::from_secs),
            id_token: w.id_token.map(SecretString::from),
            scope: w.scope,
            session_state: w.session_state,
            issued_token_type: w.issued_token_type,
            received_at: Instant::now(),
        })
    }

    /// When the access token expires, by the local clock.
    pub fn expires_at(&self) -> Option<Instant> {
        self.expires_in.map(|d| self.received_at + d)
    }
}

/// `invalid type: string "x", expected u64` → `invalid type: string "…", expected u64`.
pub(crate) fn elide_quoted(message: &str) -> String {
    message
        .split('"')
        .enumerate()
        .map(|(i, part)| if i % 2 == 1 { "…" } else { part })
        .collect::<Vec<_>>()
        .join("\"")
}

impl std::fmt::Debug for TokenResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let redacted = |t: &Option<SecretString>| t.as_ref().map(|_| "[REDACTED]");
        f.debug_struct("TokenResponse")
            .field("access_token", &"[REDACTED]")
            .field("token_type", &self.token_type)
            .field("expires_in", &self.expires_in)
            .field("refresh_token", &redacted(&self.refresh_token))
            .field("refresh_expires_in", &self.refresh_expires_in)
            .field("id_token", &redacted(&self.id_token))
            .field("scope", &self.scope)
            .field("session_state", &self.session_state)
            .field("issued_token_type", &self.issued_token_type)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_a_token() {
        let t = TokenResponse::parse(
            r#"{"access_token":"AAA.BBB.CCC","expires_in":300,"refresh_expires_in":0,
                "refresh_token":"RRR","id_token":"III","token_type":"Bearer","scope":"openid"}"#,
        )
        .unwrap();
        let text = format!("{t:?}");
        for secret in ["AAA", "RRR", "III"] {
            assert!(!text.contains(secret), "{text}");
        }
        assert_eq!(t.expires_in, Some(Duration::from_secs(300)));
        assert_eq!(t.refresh_expires_in, None, "0 means no idle expiry");
    }

    #[test]
    fn tokens_that_cannot_be_a_header_are_refused_without_quoting_them() {
        for body in [
            r#"{"access_token":"AAA\r\nX-Injected: 1","token_type":"Bearer"}"#,
            r#"{"access_token":"","token_type":"Bearer"}"#,
            r#"{"access_token":"AAA","refresh_token":"R R","token_type":"Bearer"}"#,
        ] {
            let e = TokenResponse::parse(body).unwrap_err();
            assert!(!e.contains("AAA") && !e.contains("Injected"), "{e}");
        }
        let e = TokenResponse::parse(r#"{"access_token":"SECRET","expires_in":"SECRET2"}"#)
            .unwrap_err();
        assert!(!e.contains("SECRET2"), "{e}");
    }
}
