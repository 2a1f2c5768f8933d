//! `.well-known/openid-configuration` and `.well-known/uma2-configuration`:
//! every endpoint URL the clients use comes from these documents.

use crate::error::{Error, Result, transport};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The realm's OpenID Provider metadata (the fields this crate uses, plus the rest in `extra`).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: String,
    pub token_endpoint: String,
    pub jwks_uri: String,
    pub userinfo_endpoint: Option<String>,
    pub introspection_endpoint: Option<String>,
    pub end_session_endpoint: Option<String>,
    pub revocation_endpoint: Option<String>,
    pub device_authorization_endpoint: Option<String>,
    #[serde(default)]
    pub grant_types_supported: Vec<String>,
    #[serde(default)]
    pub id_token_signing_alg_values_supported: Vec<String>,
    #[serde(default)]
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The realm's UMA 2.0 metadata.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UmaMetadata {
    pub issuer: String,
    pub token_endpoint: String,
    pub resource_registration_endpoint: String,
    pub permission_endpoint: Option<String>,
    pub policy_endpoint: Option<String>,
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// GET a JSON document. An unknown realm reads
/// ``OpenID configuration of realm `x` refused (404): Realm does not exist``.
pub(crate) async fn fetch<T: DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
    what: &str,
    realm: &str,
) -> Result<T> {
    let label = format!("{what} of realm `{realm}`");
    let resp = http
        .get(url)
        .send()
        .await
        .map_err(|e| transport(&label, e))?;
    let status = resp.status();
    let text = resp.text().await.map_err(|e| transport(&label, e))?;
    if !status.is_success() {
        return Err(crate::token_endpoint::refusal(label, status, &text));
    }
    serde_json::from_str(&text).map_err(|e| Error::Decode {
        endpoint: label,
        message: e.to_string(),
    })
}
