//! `.well-known/openid-configuration` and `.well-known/uma2-configuration`:
//! every endpoint URL the clients use comes from these documents.

use crate::error::{Error, Result, transport};
use serde::Deserialize;
use serde::de::DeserializeOwned;

/// The realm's OpenID Provider metadata (the fields this crate uses, plus the rest in `extra`).
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct ProviderMetadata {
    /// The realm's issuer URL (checked against the URL it was fetched from).
    pub issuer: String,
    /// Where the browser goes to log in.
    pub authorization_endpoint: String,
    /// Where grants are sent.
    pub token_endpoint: String,
    /// The realm's signing keys.
    pub jwks_uri: String,
    /// The userinfo endpoint.
    pub userinfo_endpoint: Option<String>,
    /// The token introspection endpoint.
    pub introspection_endpoint: Option<String>,
    /// Where to end a session.
    pub end_session_endpoint: Option<String>,
    /// The token revocation endpoint.
    pub revocation_endpoint: Option<String>,
    /// The device authorization endpoint.
    pub device_authorization_endpoint: Option<String>,
    #[serde(default)]
    /// Grants the realm allows.
    pub grant_types_supported: Vec<String>,
    #[serde(default)]
    /// Algorithms ID tokens may be signed with.
    pub id_token_signing_alg_values_supported: Vec<String>,
    #[serde(default)]
    /// PKCE methods the realm accepts.
    pub code_challenge_methods_supported: Vec<String>,
    #[serde(flatten)]
    /// Everything else the document says.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The realm's UMA 2.0 metadata.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct UmaMetadata {
    /// The realm's issuer URL.
    pub issuer: String,
    /// Where permission tickets and RPTs are requested.
    pub token_endpoint: String,
    /// The protection API's resource set endpoint.
    pub resource_registration_endpoint: String,
    /// Where permission tickets are created.
    pub permission_endpoint: Option<String>,
    /// The user-managed policy endpoint.
    pub policy_endpoint: Option<String>,
    #[serde(flatten)]
    /// Everything else the document says.
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
    let text = crate::http::read_limited(resp, &label).await?;
    if !status.is_success() {
        return Err(crate::token_endpoint::refusal(label, status, &text));
    }
    serde_json::from_str(&text).map_err(|e| Error::Decode {
        endpoint: label,
        message: crate::token_response::elide_quoted(&e.to_string()),
    })
}

/// What discovery is trusted with (OpenID Connect Discovery §4.3): the document
/// must name as `issuer` the realm URL it was fetched from (or the issuer the
/// caller configured, for servers whose public hostname differs from the URL
/// used to reach them), and every endpoint it names must be on the origin
/// (scheme, host, port) of that URL or of the issuer. A document that points
/// the token endpoint elsewhere would receive credentials; it is refused.
pub(crate) fn check_trust(
    what: &str,
    realm: &str,
    issuer: &str,
    expected_issuer: &str,
    base_url: &str,
    endpoints: &[(&str, Option<&str>)],
) -> Result<()> {
    let refuse = |message: String| Error::Decode {
        endpoint: format!("{what} of realm `{realm}`"),
        message,
    };
    // Compared decoded: servers differ in which characters of a realm name they escape.
    let plain = |u: &str| {
        percent_encoding::percent_decode_str(u.trim_end_matches('/'))
            .decode_utf8_lossy()
            .into_owned()
    };
    if plain(issuer) != plain(expected_issuer) {
        return Err(refuse(format!(
            "its issuer `{}` is not the realm URL `{expected_issuer}` (configure the issuer the server uses with `.expected_issuer(…)` if its public hostname differs)",
            crate::redact_url(issuer)
        )));
    }
    let origin = |u: &str| {
        reqwest::Url::parse(u)
            .ok()
            .map(|u| u.origin().ascii_serialization())
    };
    let trusted = [origin(base_url), origin(issuer)];
    for (name, url) in endpoints {
        let Some(url) = url else { continue };
        let o = origin(url);
        if o.is_none() || !trusted.contains(&o) {
            return Err(refuse(format!(
                "its {name} `{}` is not on the server's origin; refused",
                crate::redact_url(url)
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::check_trust;

    #[test]
    fn issuer_and_endpoint_origins_are_checked() {
        let ok = check_trust(
            "OpenID configuration",
            "rep",
            "http://kc:8080/realms/rep",
            "http://kc:8080/realms/rep",
            "http://kc:8080",
            &[(
                "token_endpoint",
                Some("http://kc:8080/realms/rep/protocol/openid-connect/token"),
            )],
        );
        assert!(ok.is_ok());
        let e = check_trust(
            "d",
            "rep",
            "http://evil/realms/rep",
            "http://kc/realms/rep",
            "http://kc",
            &[],
        )
        .unwrap_err();
        assert!(e.to_string().contains("issuer"), "{e}");
        let e = check_trust(
            "d",
            "rep",
            "http://kc/realms/rep",
            "http://kc/realms/rep",
            "http://kc",
            &[("token_endpoint", Some("https://evil.example/token"))],
        )
        .unwrap_err();
        assert!(e.to_string().contains("token_endpoint"), "{e}");
        // A public issuer hostname the caller configured: its origin is trusted too.
        assert!(
            check_trust(
                "d",
                "rep",
                "https://sso.example.com/realms/rep",
                "https://sso.example.com/realms/rep",
                "http://kc-internal:8080",
                &[
                    (
                        "token_endpoint",
                        Some("http://kc-internal:8080/realms/rep/protocol/openid-connect/token")
                    ),
                    (
                        "jwks_uri",
                        Some("https://sso.example.com/realms/rep/protocol/openid-connect/certs")
                    )
                ],
            )
            .is_ok()
        );
    }
}
