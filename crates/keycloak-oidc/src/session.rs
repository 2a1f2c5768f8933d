//! The endpoints around a login: userinfo, logout, revocation, introspection.

use crate::client::OidcClient;
use crate::error::{Error, Result};
use crate::token_endpoint::refusal;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

/// The userinfo endpoint's answer: standard claims, the rest in `extra`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UserInfo {
    /// The subject (user id).
    pub sub: String,
    /// The username.
    pub preferred_username: Option<String>,
    /// The email address.
    pub email: Option<String>,
    /// Whether the email was verified.
    pub email_verified: Option<bool>,
    /// The full name.
    pub name: Option<String>,
    /// The first name.
    pub given_name: Option<String>,
    /// The last name.
    pub family_name: Option<String>,
    #[serde(flatten)]
    /// Every other claim.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// RFC 7662 introspection: `active`, and for active tokens their claims.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Introspection {
    /// Whether the token is valid now.
    pub active: bool,
    /// The subject (user id).
    pub sub: Option<String>,
    /// The username.
    pub username: Option<String>,
    /// The client the token was issued to.
    pub client_id: Option<String>,
    /// Its scopes, space-separated.
    pub scope: Option<String>,
    /// Expiry, seconds since the epoch.
    pub exp: Option<u64>,
    /// Keycloak's `typ`: `Bearer`, `Refresh`, …
    pub typ: Option<String>,
    #[serde(flatten)]
    /// Every other claim.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Which kind of token is being revoked or introspected (a hint to the server).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An access token.
    AccessToken,
    /// A refresh token.
    RefreshToken,
}

impl TokenKind {
    fn hint(self) -> &'static str {
        match self {
            TokenKind::AccessToken => "access_token",
            TokenKind::RefreshToken => "refresh_token",
        }
    }
}

impl OidcClient {
    async fn endpoint(
        &self,
        pick: impl FnOnce(&crate::ProviderMetadata) -> Option<&String>,
        what: &str,
    ) -> Result<String> {
        let d = self.discovery().await?;
        pick(&d).cloned().ok_or_else(|| {
            Error::Unsupported(format!(
                "realm `{}` announces no {what} endpoint",
                self.realm()
            ))
        })
    }

    pub(crate) fn label(&self, what: &str) -> String {
        format!(
            "{what} endpoint of realm `{}` (client `{}`)",
            self.realm(),
            self.client_id()
        )
    }

    /// POST a form with this client's credentials; 2xx bodies are returned.
    pub(crate) async fn post_as_client(
        &self,
        url: &str,
        what: &str,
        extra: &[(&'static str, &str)],
    ) -> Result<String> {
        let mut form = Vec::with_capacity(4);
        self.inner.client.push(&mut form);
        form.extend_from_slice(extra);
        let label = self.label(what);
        let (status, text) =
            crate::http::send(self.inner.http.post(url).form(&form), &label).await?;
        if !status.is_success() {
            let text = crate::token_endpoint::without_sent_secrets(&text, &form);
            return Err(refusal(label, status, &text));
        }
        Ok(text)
    }

    /// The user's claims, as the userinfo endpoint returns them for `access_token`.
    pub async fn userinfo(&self, access_token: &SecretString) -> Result<UserInfo> {
        let url = self
            .endpoint(|d| d.userinfo_endpoint.as_ref(), "userinfo")
            .await?;
        let label = self.label("userinfo");
        let req = self
            .inner
            .http
            .get(&url)
            .bearer_auth(access_token.expose_secret());
        let (status, text) = crate::http::send(req, &label).await?;
        if !status.is_success() {
            return Err(refusal(label, status, &text));
        }
        serde_json::from_str(&text).map_err(|e| Error::Decode {
            endpoint: label,
            message: e.to_string(),
        })
    }

    /// End the session the refresh token belongs to (back-channel logout).
    pub async fn logout(&self, refresh_token: &SecretString) -> Result<()> {
        let url = self
            .endpoint(|d| d.end_session_endpoint.as_ref(), "end-session")
            .await?;
        self.post_as_client(
            &url,
            "logout",
            &[("refresh_token", refresh_token.expose_secret())],
        )
        .await
        .map(drop)
    }

    /// Revoke a token (RFC 7009). Revoking a refresh token ends its session's
    /// offline/online refresh; revoking an access token makes introspection say inactive.
    pub async fn revoke(&self, token: &SecretString, kind: TokenKind) -> Result<()> {
        let url = self
            .endpoint(|d| d.revocation_endpoint.as_ref(), "revocation")
            .await?;
        self.post_as_client(
            &url,
            "revocation",
            &[
                ("token", token.expose_secret()),
                ("token_type_hint", kind.hint()),
            ],
        )
        .await
        .map(drop)
    }

    /// Ask the server whether `token` is active (confidential clients only).
    /// Keycloak 26.7+ answers `active: false` when this client is not in the
    /// token's audience: give the issuing client an audience mapper
    /// (`keycloak_admin`'s `clients().add_audience(issuer_uuid, this_client_id)`).
    pub async fn introspect(&self, token: &SecretString) -> Result<Introspection> {
        let url = self
            .endpoint(|d| d.introspection_endpoint.as_ref(), "introspection")
            .await?;
        let text = self
            .post_as_client(&url, "introspection", &[("token", token.expose_secret())])
            .await?;
        serde_json::from_str(&text).map_err(|e| Error::Decode {
            endpoint: self.label("introspection"),
            message: e.to_string(),
        })
    }
}
