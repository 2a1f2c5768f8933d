//! [`OidcClient`]: one realm, one client (public or confidential). Discovery is
//! fetched once and cached; every endpoint URL comes from it.

use crate::authorize::{AuthRequest, Pkce};
use crate::discovery::{self, ProviderMetadata, UmaMetadata};
use crate::error::{Error, Result};
use crate::token_endpoint::{ACCESS_TOKEN_TYPE, ClientAuth, Grant, TokenEndpoint};
use crate::token_response::TokenResponse;
#[cfg(feature = "verify")]
use crate::verify::{self, Claims, VerifyOptions, jwks::JwksCache};
use secrecy::{ExposeSecret, SecretString};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::OnceCell;

/// The scope user grants ask for unless told otherwise.
const OPENID: &[(&str, &str)] = &[("scope", "openid")];

/// An OpenID Connect client of one Keycloak realm. Cheap to clone; clones share
/// the discovery document and the JWKS cache.
///
/// ```no_run
/// # async fn demo() -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::OidcClient;
/// let oidc = OidcClient::builder("http://127.0.0.1:8080", "rep", "webapp")
///     .client_secret("s3cret")
///     .build()?;
/// let tokens = oidc.password("alice", "alice-password").await?;
/// let claims = oidc.verify_access_token(&tokens.access_token).await?;
/// println!("hello {:?}", claims.preferred_username);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct OidcClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub http: reqwest::Client,
    pub base_url: String,
    pub realm: String,
    /// `realm` as a path segment.
    realm_path: String,
    /// The `issuer` discovery must name (default: the realm's URL).
    expected_issuer: String,
    pub client: ClientAuth,
    #[cfg(feature = "verify")]
    pub leeway: Duration,
    discovery: OnceCell<Arc<ProviderMetadata>>,
    uma: OnceCell<Arc<UmaMetadata>>,
    #[cfg(feature = "verify")]
    jwks: JwksCache,
}

impl std::fmt::Debug for OidcClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OidcClient")
            .field("base_url", &self.inner.base_url)
            .field("realm", &self.inner.realm)
            .field("client", &self.inner.client)
            .finish()
    }
}

/// Settings for an [`OidcClient`].
#[derive(Debug)]
pub struct OidcClientBuilder {
    base_url: String,
    realm: String,
    client: ClientAuth,
    http: Option<reqwest::Client>,
    timeout: Duration,
    #[cfg(feature = "verify")]
    leeway: Duration,
    #[cfg(feature = "verify")]
    jwks_min_refetch: Duration,
    expected_issuer: Option<String>,
}

impl OidcClient {
    /// `base_url` is the server root (`https://sso.example.com` or `…/auth` for old layouts).
    pub fn builder(
        base_url: impl Into<String>,
        realm: impl Into<String>,
        client_id: impl Into<String>,
    ) -> OidcClientBuilder {
        OidcClientBuilder {
            base_url: base_url.into(),
            realm: realm.into(),
            client: ClientAuth::public(client_id),
            http: None,
            timeout: Duration::from_secs(30),
            #[cfg(feature = "verify")]
            leeway: Duration::from_secs(10),
            #[cfg(feature = "verify")]
            jwks_min_refetch: Duration::from_secs(10),
            expected_issuer: None,
        }
    }

    /// The realm name.
    pub fn realm(&self) -> &str {
        &self.inner.realm
    }

    /// This client's id.
    pub fn client_id(&self) -> &str {
        &self.inner.client.client_id
    }

    /// The server URL, without a trailing slash.
    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    /// The realm's OpenID configuration, fetched on first use and cached.
    pub async fn discovery(&self) -> Result<Arc<ProviderMetadata>> {
        let i = &self.inner;
        i.discovery
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/realms/{}/.well-known/openid-configuration",
                    i.base_url, i.realm_path
                );
                let d: ProviderMetadata =
                    discovery::fetch(&i.http, &url, "OpenID configuration", &i.realm).await?;
                discovery::check_trust(
                    "OpenID configuration",
                    &i.realm,
                    &d.issuer,
                    &i.expected_issuer,
                    &i.base_url,
                    &[
                        ("authorization_endpoint", Some(&d.authorization_endpoint)),
                        ("token_endpoint", Some(&d.token_endpoint)),
                        ("jwks_uri", Some(&d.jwks_uri)),
                        ("userinfo_endpoint", d.userinfo_endpoint.as_deref()),
                        (
                            "introspection_endpoint",
                            d.introspection_endpoint.as_deref(),
                        ),
                        ("end_session_endpoint", d.end_session_endpoint.as_deref()),
                        ("revocation_endpoint", d.revocation_endpoint.as_deref()),
                        (
                            "device_authorization_endpoint",
                            d.device_authorization_endpoint.as_deref(),
                        ),
                    ],
                )?;
                Ok(Arc::new(d))
            })
            .await
            .cloned()
    }

    /// The realm's UMA 2.0 configuration, fetched on first use and cached.
    pub async fn uma_discovery(&self) -> Result<Arc<UmaMetadata>> {
        let i = &self.inner;
        i.uma
            .get_or_try_init(|| async {
                let url = format!(
                    "{}/realms/{}/.well-known/uma2-configuration",
                    i.base_url, i.realm_path
                );
                let d: UmaMetadata =
                    discovery::fetch(&i.http, &url, "UMA configuration", &i.realm).await?;
                discovery::check_trust(
                    "UMA configuration",
                    &i.realm,
                    &d.issuer,
                    &i.expected_issuer,
                    &i.base_url,
                    &[
                        ("token_endpoint", Some(&d.token_endpoint)),
                        (
                            "resource_registration_endpoint",
                            Some(&d.resource_registration_endpoint),
                        ),
                        ("permission_endpoint", d.permission_endpoint.as_deref()),
                        ("policy_endpoint", d.policy_endpoint.as_deref()),
                    ],
                )?;
                Ok(Arc::new(d))
            })
            .await
            .cloned()
    }

    /// The token endpoint from discovery.
    pub async fn token_endpoint(&self) -> Result<TokenEndpoint> {
        let d = self.discovery().await?;
        Ok(TokenEndpoint::new(
            self.inner.http.clone(),
            d.token_endpoint.clone(),
            self.inner.realm.clone(),
        ))
    }

    /// Any grant, with extra form parameters (e.g. `("scope", "openid")`).
    pub async fn grant(
        &self,
        grant: Grant<'_>,
        extra: &[(&'static str, &str)],
    ) -> Result<TokenResponse> {
        self.token_endpoint()
            .await?
            .request(&self.inner.client, grant, extra)
            .await
    }

    /// Password grant (the client needs "Direct access grants"), with scope
    /// `openid`, so the answer carries an ID token and `userinfo` works
    /// (Keycloak answers `userinfo` 403 "Missing openid scope" otherwise). For
    /// other scopes use [`grant`](Self::grant) with `("scope", "openid profile …")`.
    pub async fn password(&self, username: &str, password: &str) -> Result<TokenResponse> {
        self.grant(
            Grant::Password {
                username,
                password,
                totp: None,
            },
            OPENID,
        )
        .await
    }

    /// Password grant with a one-time code; scope `openid` as [`password`](Self::password).
    pub async fn password_with_totp(
        &self,
        username: &str,
        password: &str,
        totp: &str,
    ) -> Result<TokenResponse> {
        self.grant(
            Grant::Password {
                username,
                password,
                totp: Some(totp),
            },
            OPENID,
        )
        .await
    }

    /// Client-credentials grant: the client's service account (confidential clients).
    pub async fn client_credentials(&self) -> Result<TokenResponse> {
        self.grant(Grant::ClientCredentials, &[]).await
    }

    /// A new token from a refresh token.
    pub async fn refresh(&self, refresh_token: &SecretString) -> Result<TokenResponse> {
        let refresh_token = refresh_token.expose_secret();
        self.grant(Grant::RefreshToken { refresh_token }, &[]).await
    }

    /// Where to send the browser for the authorization-code flow.
    pub async fn auth_url(&self, request: &AuthRequest) -> Result<String> {
        let d = self.discovery().await?;
        request
            .url(&d.authorization_endpoint, self.client_id())
            .map_err(|e| Error::Decode {
                endpoint: format!("OpenID configuration of realm `{}`", self.realm()),
                message: format!("authorization_endpoint is not a URL: {e}"),
            })
    }

    /// Trade the code from the redirect for tokens; pass the PKCE pair the request used.
    pub async fn exchange_code(
        &self,
        code: &str,
        redirect_uri: &str,
        pkce: Option<&Pkce>,
    ) -> Result<TokenResponse> {
        self.grant(
            Grant::AuthorizationCode {
                code,
                redirect_uri,
                code_verifier: pkce.map(Pkce::verifier_str),
            },
            &[],
        )
        .await
    }

    /// Standard token exchange (RFC 8693): an access token issued for this client
    /// (in its `aud`) for a token meant for `audience`. The client must be
    /// confidential with "Standard token exchange" enabled.
    pub async fn exchange_token(
        &self,
        subject_token: &SecretString,
        audience: Option<&str>,
        requested_token_type: Option<&str>,
    ) -> Result<TokenResponse> {
        self.grant(
            Grant::TokenExchange {
                subject_token: subject_token.expose_secret(),
                subject_token_type: ACCESS_TOKEN_TYPE,
                audience,
                requested_token_type,
            },
            &[],
        )
        .await
    }

    /// The realm's JWKS document (as published).
    pub async fn certs(&self) -> Result<serde_json::Value> {
        let d = self.discovery().await?;
        discovery::fetch(&self.inner.http, &d.jwks_uri, "JWKS", self.realm()).await
    }

    #[cfg(feature = "verify")]
    /// How many times the JWKS was downloaded for verification.
    pub fn jwks_fetches(&self) -> u64 {
        self.inner.jwks.fetches()
    }

    #[cfg(feature = "verify")]
    /// Verify an access token meant for this client (in `aud`, or issued to it as `azp`).
    pub async fn verify_access_token(&self, token: &SecretString) -> Result<Claims> {
        let opts = VerifyOptions::access_token(self.client_id()).leeway(self.inner.leeway);
        self.verify(token.expose_secret(), &opts).await
    }

    #[cfg(feature = "verify")]
    /// Verify an ID token issued to this client, with the `nonce` the request sent.
    pub async fn verify_id_token(
        &self,
        token: &SecretString,
        nonce: Option<&str>,
    ) -> Result<Claims> {
        let opts = VerifyOptions::id_token(self.client_id(), nonce).leeway(self.inner.leeway);
        self.verify(token.expose_secret(), &opts).await
    }

    #[cfg(feature = "verify")]
    /// Verify `token` locally: signature against the realm's keys (cached), then `opts`.
    pub async fn verify(&self, token: &str, opts: &VerifyOptions) -> Result<Claims> {
        let (kid, alg) = verify::header(token)?;
        let key = self.inner.jwks.key(&kid, || self.certs()).await?;
        let issuer = self.discovery().await?.issuer.clone();
        Ok(verify::check(token, alg, &key, &issuer, opts)?)
    }
}

impl OidcClientBuilder {
    /// Make the client confidential.
    pub fn client_secret(mut self, secret: impl Into<String>) -> Self {
        self.client.secret = Some(SecretString::from(secret.into()));
        self
    }

    /// Use your own reqwest client (proxy, TLS roots, …); `timeout` is then yours to set.
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = Some(http);
        self
    }

    /// Per-request timeout of the built-in HTTP client (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    #[cfg(feature = "verify")]
    /// Clock leeway for `exp`/`nbf` in `verify_*` (default 10 s).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// The `issuer` the server puts in discovery and tokens, when it is not
    /// `{base_url}/realms/{realm}` — a server reached through an internal URL
    /// whose configured public hostname differs. Discovery naming any other
    /// issuer is refused; endpoints must be on the origin of `base_url` or of
    /// this issuer.
    pub fn expected_issuer(mut self, issuer: impl Into<String>) -> Self {
        self.expected_issuer = Some(issuer.into());
        self
    }

    #[cfg(feature = "verify")]
    /// Least time between two JWKS downloads caused by unknown `kid`s (default 10 s).
    pub fn jwks_min_refetch(mut self, interval: Duration) -> Self {
        self.jwks_min_refetch = interval;
        self
    }

    /// Check the settings and build the client (no request is sent).
    pub fn build(self) -> Result<OidcClient> {
        let base_url = crate::server_url(&self.base_url)?;
        let realm_path = crate::path_segment("realm", &self.realm)?;
        if self.client.client_id.is_empty() {
            return Err(Error::InvalidInput(
                "the client id must not be empty".into(),
            ));
        }
        let http = match self.http {
            Some(h) => h,
            None => crate::tls::client_builder()
                .timeout(self.timeout)
                .connect_timeout(Duration::from_secs(10))
                .build()
                .map_err(|e| {
                    Error::InvalidInput(format!(
                        "cannot build the HTTP client: {}",
                        crate::error::describe(e)
                    ))
                })?,
        };
        Ok(OidcClient {
            inner: Arc::new(Inner {
                http,
                expected_issuer: self
                    .expected_issuer
                    .unwrap_or_else(|| format!("{base_url}/realms/{realm_path}")),
                base_url,
                realm: self.realm,
                realm_path,
                client: self.client,
                #[cfg(feature = "verify")]
                leeway: self.leeway,
                discovery: OnceCell::new(),
                uma: OnceCell::new(),
                #[cfg(feature = "verify")]
                jwks: JwksCache::new(self.jwks_min_refetch),
            }),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_the_client_secret() {
        let c = OidcClient::builder("http://kc", "rep", "app")
            .client_secret("hunter2")
            .build()
            .unwrap();
        let text = format!("{c:?}");
        assert!(text.contains("app") && !text.contains("hunter2"), "{text}");
    }

    #[test]
    fn bad_urls_are_named() {
        let e = OidcClient::builder("kc.example.com", "rep", "app")
            .build()
            .unwrap_err();
        assert!(
            e.to_string()
                .starts_with("invalid input: `kc.example.com` is not a valid server URL"),
            "{e}"
        );
    }
}
