//! Configuring a [`KeycloakAdmin`]: server, realms, credentials, transport.

use crate::auth::{AuthHook, TokenManager};
use crate::client::KeycloakAdmin;
use crate::credentials::Credentials;
use crate::error::{Error, Result};
use keycloak_oidc::TokenEndpoint;
use std::sync::Arc;
use std::time::Duration;

/// Builds a [`KeycloakAdmin`].
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{Credentials, KeycloakAdmin};
/// // An admin of realm `rep` who logs in through `master`:
/// let kc = KeycloakAdmin::builder("https://sso.example.com/auth")
///     .realm("rep")
///     .auth_realm("master")
///     .credentials(Credentials::password("admin", std::env::var("KC_PASSWORD").unwrap()))
///     .connect()
///     .await?;
/// # Ok(()) }
/// ```
#[must_use]
pub struct KeycloakAdminBuilder {
    url: String,
    realm: String,
    auth_realm: Option<String>,
    credentials: Option<Credentials>,
    connect_timeout: Duration,
    timeout: Duration,
    refresh_skew: Duration,
    user_agent: String,
    headers: reqwest::header::HeaderMap,
    proxy: Option<String>,
    retry: keycloak_admin_api::RetryPolicy,
    max_response_bytes: u64,
    #[cfg(feature = "__tls")]
    root_certificates: Vec<Vec<u8>>,
    #[cfg(feature = "__tls")]
    accept_invalid_certs: bool,
}

impl std::fmt::Debug for KeycloakAdminBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KeycloakAdminBuilder")
            .field("url", &self.url)
            .field("realm", &self.realm)
            .field("auth_realm", &self.auth_realm)
            .field("credentials", &self.credentials)
            .finish_non_exhaustive()
    }
}

impl KeycloakAdminBuilder {
    pub(crate) fn new(url: impl Into<String>) -> Self {
        Self {
            url: url.into(),
            realm: "master".into(),
            auth_realm: None,
            credentials: None,
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            refresh_skew: Duration::from_secs(10),
            user_agent: concat!("keycloak-admin-rs/", env!("CARGO_PKG_VERSION")).into(),
            headers: Default::default(),
            proxy: None,
            retry: keycloak_admin_api::RetryPolicy::default(),
            max_response_bytes: keycloak_admin_api::DEFAULT_MAX_RESPONSE_BYTES,
            #[cfg(feature = "__tls")]
            root_certificates: Vec::new(),
            #[cfg(feature = "__tls")]
            accept_invalid_certs: false,
        }
    }

    /// The default realm for [`KeycloakAdmin::default_realm`] (default `master`);
    /// also where the credentials live unless [`Self::auth_realm`] says otherwise.
    pub fn realm(mut self, realm: impl Into<String>) -> Self {
        self.realm = realm.into();
        self
    }

    /// The realm the credentials live in, when it is not the target realm.
    pub fn auth_realm(mut self, realm: impl Into<String>) -> Self {
        self.auth_realm = Some(realm.into());
        self
    }

    /// Who to log in as (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Time to establish a connection (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Time for a whole request (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Refresh this long before a token expires (default 10 s, at most a third of its life).
    pub fn refresh_skew(mut self, skew: Duration) -> Self {
        self.refresh_skew = skew;
        self
    }

    /// The `User-Agent` header (default `keycloak-admin-rs/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request (e.g. for a gateway).
    pub fn header(mut self, name: &str, value: &str) -> Result<Self> {
        let name = reqwest::header::HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| Error::InvalidInput(format!("`{name}` is not a valid header name")))?;
        let value = reqwest::header::HeaderValue::from_str(value).map_err(|_| {
            Error::InvalidInput(format!("the value of header `{name}` is not valid"))
        })?;
        self.headers.insert(name, value);
        Ok(self)
    }

    /// Send everything through this proxy (`http://…`, `https://…`, `socks5://…`).
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.proxy = Some(url.into());
        self
    }

    /// Retry idempotent requests (GET, PUT, DELETE) on connection failures,
    /// 502/503/504 and 429 by `policy`; `POST`s are never sent twice. Default:
    /// [`RetryPolicy::default`](keycloak_admin_api::RetryPolicy::default) (4
    /// retries within 30 s); [`RetryPolicy::none`](keycloak_admin_api::RetryPolicy::none)
    /// switches retries off.
    pub fn retry(mut self, policy: keycloak_admin_api::RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The largest response body read (default 64 MiB); a larger one fails
    /// with [`Error::ResponseTooLarge`] as soon as it passes the limit.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }

    /// Trust this PEM certificate authority besides the system's (e.g. a
    /// server with a self-signed or company-internal certificate).
    ///
    /// ```no_run
    /// # fn demo() -> keycloak_admin::Result<()> {
    /// let admin = keycloak_admin::KeycloakAdmin::builder("https://sso.internal:8443")
    ///     .ca_certificate(std::fs::read("sso-ca.pem").expect("readable"))
    ///     .credentials(keycloak_admin::Credentials::password("admin", "admin"))
    ///     .build()?;
    /// # Ok(()) }
    /// ```
    #[cfg(feature = "__tls")]
    pub fn ca_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.root_certificates.push(pem.into());
        self
    }

    /// Accept any TLS certificate. For local development only: anyone on the
    /// path can read the admin credentials.
    #[cfg(feature = "__tls")]
    pub fn danger_accept_invalid_certs_for_development(mut self, accept: bool) -> Self {
        self.accept_invalid_certs = accept;
        self
    }

    /// Build the client without contacting the server.
    pub fn build(self) -> Result<KeycloakAdmin> {
        let base_url = validate_url(&self.url)?;
        #[cfg(not(feature = "__tls"))]
        if base_url.starts_with("https://") {
            return Err(Error::InvalidInput(
                "an https:// URL needs TLS: enable feature `rustls`, `rustls-aws-lc` or `native-tls`".into(),
            ));
        }
        let credentials = self
            .credentials
            .ok_or_else(|| Error::InvalidInput("no credentials: call .credentials(…)".into()))?;
        let mut http = keycloak_oidc::tls::client_builder()
            .connect_timeout(self.connect_timeout)
            .timeout(self.timeout)
            .user_agent(self.user_agent)
            .default_headers(self.headers);
        if let Some(proxy) = &self.proxy {
            http = http.proxy(reqwest::Proxy::all(proxy).map_err(|_| {
                Error::InvalidInput(format!("`{proxy}` is not a usable proxy URL"))
            })?);
        }
        #[cfg(feature = "__tls")]
        {
            for pem in &self.root_certificates {
                let cert = reqwest::Certificate::from_pem(pem).map_err(|_| {
                    Error::InvalidInput("a root certificate is not valid PEM".into())
                })?;
                http = http.add_root_certificate(cert);
            }
            if self.accept_invalid_certs {
                tracing::warn!("TLS certificate verification is disabled");
                http = http.danger_accept_invalid_certs(true);
            }
        }
        let http = http.build().map_err(|e| {
            Error::InvalidInput(format!(
                "cannot build the HTTP client: {}",
                crate::call::describe(&e.without_url())
            ))
        })?;
        keycloak_oidc::path_segment("realm", &self.realm).map_err(oidc_input)?;
        let auth_realm = self.auth_realm.unwrap_or_else(|| self.realm.clone());
        let endpoint =
            TokenEndpoint::for_realm(http.clone(), &base_url, &auth_realm).map_err(|e| {
                match oidc_input(e) {
                    Error::InvalidInput(m) => Error::InvalidInput(format!("auth realm: {m}")),
                    other => other,
                }
            })?;
        let tokens = Arc::new(TokenManager::new(endpoint, credentials, self.refresh_skew));
        let api = keycloak_admin_api::Client::new_with_client(
            &base_url,
            http,
            keycloak_admin_api::Hooks::new(AuthHook(tokens.clone()))
                .with_retry(self.retry)
                .with_max_response_bytes(self.max_response_bytes),
        );
        Ok(KeycloakAdmin::from_parts(api, tokens, base_url, self.realm))
    }

    /// Build and log in now, so wrong credentials or an unreachable server show up here.
    pub async fn connect(self) -> Result<KeycloakAdmin> {
        let kc = self.build()?;
        kc.authenticate().await?;
        Ok(kc)
    }
}

/// `https://host[:port][/relative/path]` without a trailing slash, and no
/// credentials in it (see [`keycloak_oidc::server_url`]).
fn validate_url(url: &str) -> Result<String> {
    keycloak_oidc::server_url(url).map_err(oidc_input)
}

fn oidc_input(e: keycloak_oidc::Error) -> Error {
    match e {
        keycloak_oidc::Error::InvalidInput(m) => Error::InvalidInput(m),
        other => Error::InvalidInput(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_with_a_relative_path_keep_it() {
        assert_eq!(
            validate_url("https://sso.example.com/auth/").unwrap(),
            "https://sso.example.com/auth"
        );
        assert_eq!(
            validate_url("http://127.0.0.1:8080").unwrap(),
            "http://127.0.0.1:8080"
        );
        let err = validate_url("sso.example.com").unwrap_err().to_string();
        assert!(
            err.starts_with("invalid input: `sso.example.com` is not a valid server URL"),
            "{err}"
        );
        assert!(validate_url("ftp://host").is_err());
    }

    #[test]
    fn credentials_in_the_url_and_dot_realms_are_refused() {
        let creds = || Credentials::password("admin", "admin");
        let e = KeycloakAdminBuilder::new("http://admin:hunter2@kc")
            .credentials(creds())
            .build()
            .unwrap_err()
            .to_string();
        assert!(e.contains("credentials") && !e.contains("hunter2"), "{e}");
        for realm in ["", ".", ".."] {
            let e = KeycloakAdminBuilder::new("http://kc")
                .realm(realm)
                .credentials(creds())
                .build()
                .unwrap_err();
            assert!(matches!(e, Error::InvalidInput(_)), "{realm:?}: {e}");
            let e = KeycloakAdminBuilder::new("http://kc")
                .auth_realm(realm)
                .credentials(creds())
                .build()
                .unwrap_err();
            assert!(e.to_string().contains("auth realm"), "{realm:?}: {e}");
        }
    }

    #[test]
    fn builder_debug_redacts_the_password() {
        let b = KeycloakAdminBuilder::new("http://kc")
            .credentials(Credentials::password("admin", "hunter2"));
        let text = format!("{b:?}");
        assert!(
            text.contains("admin") && !text.contains("hunter2"),
            "{text}"
        );
    }
}
