//! The token endpoint: the project's one implementation of OAuth grants.
//! The admin client's logins, the OIDC client's grants and UMA's permission
//! requests all POST through [`TokenEndpoint`].

use crate::error::{Error, OAuthError, Result};
use crate::token_response::TokenResponse;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// Who is asking: a client id, with a secret for confidential clients
/// (sent as `client_secret` in the form, Keycloak's `client-secret` authenticator).
#[derive(Clone)]
pub struct ClientAuth {
    /// The client's id.
    pub client_id: String,
    /// Its secret, for confidential clients.
    pub secret: Option<SecretString>,
}

impl ClientAuth {
    /// A public client: no secret.
    pub fn public(client_id: impl Into<String>) -> Self {
        ClientAuth {
            client_id: client_id.into(),
            secret: None,
        }
    }

    /// A confidential client.
    pub fn confidential(client_id: impl Into<String>, secret: impl Into<String>) -> Self {
        ClientAuth {
            client_id: client_id.into(),
            secret: Some(SecretString::from(secret.into())),
        }
    }

    pub(crate) fn push<'a>(&'a self, form: &mut Vec<(&'static str, &'a str)>) {
        form.push(("client_id", &self.client_id));
        if let Some(s) = &self.secret {
            form.push(("client_secret", s.expose_secret()));
        }
    }
}

impl std::fmt::Debug for ClientAuth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientAuth")
            .field("client_id", &self.client_id)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .finish()
    }
}

/// `urn:ietf:params:oauth:token-type:access_token`, for token exchange.
pub const ACCESS_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:access_token";
/// `urn:ietf:params:oauth:token-type:refresh_token`, for token exchange.
pub const REFRESH_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:refresh_token";
/// `urn:ietf:params:oauth:token-type:id_token`, for token exchange.
pub const ID_TOKEN_TYPE: &str = "urn:ietf:params:oauth:token-type:id_token";

/// One OAuth grant and its parameters.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub enum Grant<'a> {
    /// Resource-owner password credentials (Keycloak's "direct access grants").
    Password {
        /// The user's name.
        username: &'a str,
        /// The user's password.
        password: &'a str,
        /// One-time code, for users with OTP configured.
        totp: Option<&'a str>,
    },
    /// The client's own service account.
    ClientCredentials,
    /// A new token from a refresh token.
    RefreshToken {
        /// The refresh token.
        refresh_token: &'a str,
    },
    /// The code from the redirect, with the PKCE verifier when the request had a challenge.
    AuthorizationCode {
        /// The code from the redirect.
        code: &'a str,
        /// The redirect URI the authorization request used.
        redirect_uri: &'a str,
        /// The PKCE verifier, when the request had a challenge.
        code_verifier: Option<&'a str>,
    },
    /// RFC 8693: trade `subject_token` for a token meant for `audience`.
    TokenExchange {
        /// The token to exchange.
        subject_token: &'a str,
        /// Its type (e.g. [`ACCESS_TOKEN_TYPE`]).
        subject_token_type: &'a str,
        /// The client the new token is for.
        audience: Option<&'a str>,
        /// The type of token wanted.
        requested_token_type: Option<&'a str>,
    },
    /// RFC 8628: poll with the device code once the user approved.
    DeviceCode {
        /// The device code from the device authorization.
        device_code: &'a str,
    },
}

impl<'a> Grant<'a> {
    fn push(&self, form: &mut Vec<(&'static str, &'a str)>) {
        match *self {
            Grant::Password {
                username,
                password,
                totp,
            } => {
                form.extend([
                    ("grant_type", "password"),
                    ("username", username),
                    ("password", password),
                ]);
                if let Some(code) = totp {
                    form.push(("totp", code));
                }
            }
            Grant::ClientCredentials => form.push(("grant_type", "client_credentials")),
            Grant::RefreshToken { refresh_token } => form.extend([
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
            ]),
            Grant::AuthorizationCode {
                code,
                redirect_uri,
                code_verifier,
            } => {
                form.extend([
                    ("grant_type", "authorization_code"),
                    ("code", code),
                    ("redirect_uri", redirect_uri),
                ]);
                if let Some(v) = code_verifier {
                    form.push(("code_verifier", v));
                }
            }
            Grant::TokenExchange {
                subject_token,
                subject_token_type,
                audience,
                requested_token_type,
            } => {
                form.extend([
                    (
                        "grant_type",
                        "urn:ietf:params:oauth:grant-type:token-exchange",
                    ),
                    ("subject_token", subject_token),
                    ("subject_token_type", subject_token_type),
                ]);
                if let Some(a) = audience {
                    form.push(("audience", a));
                }
                if let Some(t) = requested_token_type {
                    form.push(("requested_token_type", t));
                }
            }
            Grant::DeviceCode { device_code } => form.extend([
                ("grant_type", "urn:ietf:params:oauth:grant-type:device_code"),
                ("device_code", device_code),
            ]),
        }
    }
}

#[derive(Deserialize, Default)]
pub(crate) struct WireError {
    pub error: Option<String>,
    pub error_description: Option<String>,
}

/// A realm's token endpoint.
///
/// ```no_run
/// # async fn demo() -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::{ClientAuth, Grant, TokenEndpoint};
/// let http = keycloak_oidc::tls::client_builder().build().unwrap();
/// let endpoint = TokenEndpoint::for_realm(http, "http://127.0.0.1:8080", "master")?;
/// let tokens = endpoint
///     .request(&ClientAuth::public("admin-cli"), Grant::Password { username: "admin", password: "admin", totp: None }, &[])
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct TokenEndpoint {
    http: reqwest::Client,
    url: String,
    realm: String,
}

impl TokenEndpoint {
    /// The endpoint at `url` (from discovery); `realm` names it in errors.
    pub fn new(http: reqwest::Client, url: impl Into<String>, realm: impl Into<String>) -> Self {
        TokenEndpoint {
            http,
            url: url.into(),
            realm: realm.into(),
        }
    }

    /// Keycloak's fixed path under `base_url`, when no discovery round trip is
    /// wanted. Refuses a base URL with credentials and a realm that is not one
    /// path segment (`""`, `.`, `..`); encodes the rest.
    pub fn for_realm(http: reqwest::Client, base_url: &str, realm: &str) -> Result<Self> {
        let base = crate::server_url(base_url)?;
        let segment = crate::path_segment("realm", realm)?;
        Ok(Self::new(
            http,
            format!("{base}/realms/{segment}/protocol/openid-connect/token"),
            realm,
        ))
    }

    /// The realm name (for errors).
    pub fn realm(&self) -> &str {
        &self.realm
    }

    /// Run `grant` as `client`; `extra` adds parameters such as `scope`.
    pub async fn request(
        &self,
        client: &ClientAuth,
        grant: Grant<'_>,
        extra: &[(&'static str, &str)],
    ) -> Result<TokenResponse> {
        let mut form = Vec::with_capacity(8);
        client.push(&mut form);
        grant.push(&mut form);
        form.extend_from_slice(extra);
        let label = self.label(Some(&client.client_id));
        let (status, text) = self.post(&label, &form, None).await?;
        if !status.is_success() {
            return Err(refusal(label, status, &without_sent_secrets(&text, &form)));
        }
        TokenResponse::parse(&text).map_err(|message| Error::Decode {
            endpoint: label,
            message,
        })
    }

    /// POST `form` (with a bearer token when given) and return status and body:
    /// for callers that read non-token answers (UMA decisions).
    pub(crate) async fn post(
        &self,
        label: &str,
        form: &[(&str, &str)],
        bearer: Option<&str>,
    ) -> Result<(reqwest::StatusCode, String)> {
        let mut req = self.http.post(&self.url).form(form);
        if let Some(token) = bearer {
            req = req.bearer_auth(token);
        }
        crate::http::send(req, label).await
    }

    pub(crate) fn label(&self, client_id: Option<&str>) -> String {
        match client_id {
            Some(c) => format!("token endpoint of realm `{}` (client `{c}`)", self.realm),
            None => format!("token endpoint of realm `{}`", self.realm),
        }
    }
}

/// Form parameters whose values are secrets.
const SECRET_PARAMS: &[&str] = &[
    "password",
    "totp",
    "client_secret",
    "client_assertion",
    "refresh_token",
    "code",
    "code_verifier",
    "device_code",
    "subject_token",
    "token",
];

/// A refusal's body with the secret values of the form it answers redacted:
/// a server (or a proxy in front of one) may quote what it was sent, and the
/// client knows what that was. Values under 3 characters are left alone (they
/// would garble the message wherever they happen to occur).
pub(crate) fn without_sent_secrets(text: &str, form: &[(&str, &str)]) -> String {
    form.iter()
        .filter(|(k, v)| SECRET_PARAMS.contains(k) && v.len() >= 3)
        .fold(text.to_string(), |t, (_, v)| t.replace(v, "[REDACTED]"))
}

/// A non-2xx answer as an [`OAuthError`]: Keycloak's `error`/`error_description`
/// when the body has them, else the status alone.
pub(crate) fn refusal(endpoint: String, status: reqwest::StatusCode, body: &str) -> Error {
    let wire = serde_json::from_str::<WireError>(body).unwrap_or_default();
    let description = wire
        .error_description
        .or_else(|| (wire.error.is_none()).then(|| format!("HTTP {status} with a non-OAuth body")));
    OAuthError::new(endpoint, Some(status.as_u16()), wire.error, description).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_carry_exactly_the_grants_parameters() {
        let client = ClientAuth::confidential("app", "s3cret");
        let mut form = Vec::new();
        client.push(&mut form);
        Grant::AuthorizationCode {
            code: "c",
            redirect_uri: "http://localhost/cb",
            code_verifier: Some("v"),
        }
        .push(&mut form);
        assert_eq!(
            form,
            [
                ("client_id", "app"),
                ("client_secret", "s3cret"),
                ("grant_type", "authorization_code"),
                ("code", "c"),
                ("redirect_uri", "http://localhost/cb"),
                ("code_verifier", "v"),
            ]
        );
        assert!(!format!("{client:?}").contains("s3cret"));
    }
}
