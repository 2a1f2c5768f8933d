//! The authorization-code request: PKCE (RFC 7636, S256) and the URL to send a browser to.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::{ExposeSecret, SecretString};

/// A PKCE verifier and its S256 challenge. Keep the verifier until the code comes back.
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient, code: &str) -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::{AuthRequest, Pkce, random_token};
/// let pkce = Pkce::new();
/// let state = random_token();
/// let url = oidc
///     .auth_url(&AuthRequest::new("https://app.example/cb").scope("openid").state(&state).pkce(&pkce))
///     .await?;
/// // … the browser comes back to /cb?code=…&state=… …
/// let tokens = oidc.exchange_code(code, "https://app.example/cb", Some(&pkce)).await?;
/// # Ok(()) }
/// ```
pub struct Pkce {
    verifier: SecretString,
    challenge: String,
}

impl Pkce {
    /// A fresh verifier: 32 random bytes, base64url (43 characters).
    pub fn new() -> Self {
        Self::from_verifier(random_token())
    }

    /// A given verifier (43–128 characters of `[A-Za-z0-9-._~]`, RFC 7636 §4.1).
    pub fn from_verifier(verifier: String) -> Self {
        let challenge = URL_SAFE_NO_PAD.encode(hmac_sha256::Hash::hash(verifier.as_bytes()));
        Pkce {
            verifier: verifier.into(),
            challenge,
        }
    }

    /// The verifier, sent with the code exchange.
    pub fn verifier(&self) -> &SecretString {
        &self.verifier
    }

    /// `BASE64URL(SHA256(verifier))`.
    pub fn challenge(&self) -> &str {
        &self.challenge
    }

    pub(crate) fn verifier_str(&self) -> &str {
        self.verifier.expose_secret()
    }
}

impl Default for Pkce {
    fn default() -> Self {
        Self::new()
    }
}

impl std::fmt::Debug for Pkce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkce")
            .field("verifier", &"[REDACTED]")
            .field("challenge", &self.challenge)
            .finish()
    }
}

/// 32 random bytes as base64url: for `state`, `nonce` and PKCE verifiers.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).expect("the operating system's random source works");
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The parameters of an authorization request (`response_type=code`).
#[derive(Debug, Clone)]
pub struct AuthRequest {
    pub(crate) redirect_uri: String,
    pub(crate) params: Vec<(&'static str, String)>,
    pub(crate) extra: Vec<(String, String)>,
}

impl AuthRequest {
    /// A request that redirects back to `redirect_uri`.
    pub fn new(redirect_uri: impl Into<String>) -> Self {
        AuthRequest {
            redirect_uri: redirect_uri.into(),
            params: Vec::new(),
            extra: Vec::new(),
        }
    }

    fn set(mut self, key: &'static str, value: impl Into<String>) -> Self {
        self.params.retain(|(k, _)| *k != key);
        self.params.push((key, value.into()));
        self
    }

    /// Space-separated scopes, e.g. `openid profile`.
    pub fn scope(self, scope: impl Into<String>) -> Self {
        self.set("scope", scope)
    }

    /// Echoed back on the redirect; compare it there (CSRF).
    pub fn state(self, state: impl Into<String>) -> Self {
        self.set("state", state)
    }

    /// Put into the ID token; check it with `verify_id_token`.
    pub fn nonce(self, nonce: impl Into<String>) -> Self {
        self.set("nonce", nonce)
    }

    /// Send the S256 challenge of `pkce`.
    pub fn pkce(self, pkce: &Pkce) -> Self {
        self.set("code_challenge", pkce.challenge())
            .set("code_challenge_method", "S256")
    }

    /// Any other parameter (`prompt`, `login_hint`, `kc_idp_hint`, `ui_locales`, …).
    pub fn param(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.extra.push((key.into(), value.into()));
        self
    }

    pub(crate) fn url(
        &self,
        authorization_endpoint: &str,
        client_id: &str,
    ) -> Result<String, String> {
        let mut url = reqwest::Url::parse(authorization_endpoint).map_err(|e| e.to_string())?;
        {
            let mut q = url.query_pairs_mut();
            q.append_pair("response_type", "code")
                .append_pair("client_id", client_id)
                .append_pair("redirect_uri", &self.redirect_uri);
            for (k, v) in &self.params {
                q.append_pair(k, v);
            }
            for (k, v) in &self.extra {
                q.append_pair(k, v);
            }
        }
        Ok(url.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s256_challenge_matches_rfc_7636_appendix_b() {
        let p = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        assert_eq!(p.challenge(), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
        assert!(!format!("{p:?}").contains("dBjft"));
    }

    #[test]
    fn random_tokens_are_43_url_safe_chars_and_differ() {
        let (a, b) = (random_token(), random_token());
        assert_eq!(a.len(), 43);
        assert!(
            a.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        );
        assert_ne!(a, b);
    }

    #[test]
    fn the_url_encodes_every_parameter() {
        let pkce = Pkce::from_verifier("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk".into());
        let url = AuthRequest::new("http://localhost:3000/cb?x=1")
            .scope("openid profile")
            .state("s t")
            .pkce(&pkce)
            .url("http://kc/realms/r/protocol/openid-connect/auth", "app")
            .unwrap();
        assert_eq!(
            url,
            "http://kc/realms/r/protocol/openid-connect/auth?response_type=code&client_id=app\
             &redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Fcb%3Fx%3D1&scope=openid+profile&state=s+t\
             &code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
        );
    }
}
