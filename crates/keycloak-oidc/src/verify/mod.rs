//! Local token verification: signature against the realm's JWKS, then `exp`/`nbf`
//! (with leeway), `iss`, audience and token type — each failure its own
//! [`VerifyError`]. Signature checks are jsonwebtoken's.

pub(crate) mod jwks;

use crate::error::{Result, VerifyError};
use jsonwebtoken::errors::ErrorKind;
use jsonwebtoken::{Algorithm, Validation};
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use std::time::Duration;

/// Asymmetric algorithms only: a realm never signs with a shared secret, and
/// `none` or `HS256` with the public key as secret are classic forgeries.
const ACCEPTED: &[Algorithm] = &[
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
    Algorithm::EdDSA,
];

/// What to check beyond the signature.
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient, token: &str) -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::VerifyOptions;
/// use std::time::Duration;
/// let claims = oidc
///     .verify(token, &VerifyOptions::access_token("orders-api").leeway(Duration::from_secs(5)))
///     .await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct VerifyOptions {
    /// Must appear in `aud` (or, with `audience_or_azp`, be the `azp`). `None`: not checked.
    pub audience: Option<String>,
    /// Accept a token whose `azp` is the audience (a token issued *to* this client).
    pub audience_or_azp: bool,
    /// Allowed clock difference for `exp` and `nbf`.
    pub leeway: Duration,
    /// Keycloak's `typ` claim: `Bearer` for access tokens, `ID` for ID tokens.
    pub token_type: Option<String>,
    /// For ID tokens: the `nonce` sent in the authorization request.
    pub nonce: Option<String>,
}

impl VerifyOptions {
    /// An access token for `audience` (in `aud`, or issued to it as `azp`).
    pub fn access_token(audience: impl Into<String>) -> Self {
        VerifyOptions {
            audience: Some(audience.into()),
            audience_or_azp: true,
            leeway: Duration::from_secs(10),
            token_type: Some("Bearer".into()),
            nonce: None,
        }
    }

    /// An ID token for `client_id` (OIDC Core §3.1.3.7: `aud` must contain it).
    pub fn id_token(client_id: impl Into<String>, nonce: Option<&str>) -> Self {
        VerifyOptions {
            audience: Some(client_id.into()),
            audience_or_azp: false,
            leeway: Duration::from_secs(10),
            token_type: Some("ID".into()),
            nonce: nonce.map(str::to_string),
        }
    }

    /// Allowed clock skew for `exp`/`nbf` (default 10 s).
    pub fn leeway(mut self, leeway: Duration) -> Self {
        self.leeway = leeway;
        self
    }

    /// Skip the audience check (e.g. a gateway that only needs the user).
    pub fn any_audience(mut self) -> Self {
        self.audience = None;
        self
    }
}

/// Role names, as in `realm_access` and `resource_access`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
pub struct Roles {
    #[serde(default)]
    /// The role names.
    pub roles: Vec<String>,
}

/// A token's claims: the registered ones and Keycloak's usual ones, the rest in `extra`.
#[derive(Debug, Clone, Deserialize)]
#[non_exhaustive]
pub struct Claims {
    /// Issuer: the realm URL.
    pub iss: String,
    /// Subject: the user (or service-account) id.
    pub sub: Option<String>,
    /// Always a list here, whether the token has a string or an array.
    #[serde(default, deserialize_with = "one_or_many")]
    pub aud: Vec<String>,
    /// The client the token was issued to.
    pub azp: Option<String>,
    /// Expiry, seconds since the epoch.
    pub exp: u64,
    /// Issued at.
    pub iat: Option<u64>,
    /// Not valid before.
    pub nbf: Option<u64>,
    /// The token's id.
    pub jti: Option<String>,
    /// Keycloak: `Bearer`, `ID`, `Refresh`, …
    pub typ: Option<String>,
    /// Granted scopes, space-separated.
    pub scope: Option<String>,
    /// The session id.
    pub sid: Option<String>,
    /// The nonce of the authorization request (ID tokens).
    pub nonce: Option<String>,
    /// The username.
    pub preferred_username: Option<String>,
    /// The email address.
    pub email: Option<String>,
    /// Realm roles.
    pub realm_access: Option<Roles>,
    #[serde(default)]
    /// Client roles, by client id.
    pub resource_access: HashMap<String, Roles>,
    #[serde(flatten)]
    /// Every other claim.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Claims {
    /// Whether the token carries this realm role.
    pub fn has_realm_role(&self, role: &str) -> bool {
        self.realm_access
            .as_ref()
            .is_some_and(|r| r.roles.iter().any(|x| x == role))
    }

    /// Whether the token carries this role of `client_id`.
    pub fn has_client_role(&self, client_id: &str, role: &str) -> bool {
        self.resource_access
            .get(client_id)
            .is_some_and(|r| r.roles.iter().any(|x| x == role))
    }
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Aud {
        One(String),
        Many(Vec<String>),
    }
    Ok(match Aud::deserialize(d)? {
        Aud::One(s) => vec![s],
        Aud::Many(v) => v,
    })
}

/// The header's `kid` and algorithm, or why the token cannot be checked at all.
pub(crate) fn header(token: &str) -> Result<(String, Algorithm), VerifyError> {
    let h = jsonwebtoken::decode_header(token).map_err(|e| match raw_alg(token) {
        // A readable header whose `alg` jsonwebtoken does not know (`none`, …).
        Some(alg) if alg.parse::<Algorithm>().is_err() => VerifyError::Algorithm(alg),
        _ => VerifyError::Malformed(e.to_string()),
    })?;
    if !ACCEPTED.contains(&h.alg) {
        return Err(VerifyError::Algorithm(format!("{:?}", h.alg)));
    }
    // RFC 7515 §4.1.11: extensions marked critical must be understood; this
    // verifier understands none, so any `crit` entry refuses the token.
    if let Some(crit) = h.crit.as_ref().filter(|c| !c.is_empty()) {
        return Err(VerifyError::Malformed(format!(
            "the header marks extensions {crit:?} as critical; none is supported (RFC 7515 §4.1.11)"
        )));
    }
    let kid = h
        .kid
        .ok_or_else(|| VerifyError::Malformed("the header has no `kid`".into()))?;
    Ok((kid, h.alg))
}

/// The header's `alg` string, read without jsonwebtoken.
fn raw_alg(token: &str) -> Option<String> {
    use base64::Engine;
    token
        .split('.')
        .next()
        .and_then(|h| {
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(h)
                .ok()
        })
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v["alg"].as_str().map(str::to_string))
}

/// Check signature and claims with `key`; `issuer` is the realm's.
pub(crate) fn check(
    token: &str,
    alg: Algorithm,
    key: &jwks::Key,
    issuer: &str,
    opts: &VerifyOptions,
) -> Result<Claims, VerifyError> {
    if key.alg.is_some_and(|a| a != alg) {
        return Err(VerifyError::Algorithm(format!(
            "{alg:?} (the key is published for {:?})",
            key.alg.unwrap()
        )));
    }
    let mut v = Validation::new(alg);
    v.leeway = opts.leeway.as_secs();
    v.validate_nbf = true;
    v.validate_aud = false; // checked below, with `azp` and a precise error
    let data = jsonwebtoken::decode::<Claims>(token, &key.key, &v).map_err(|e| match e.kind() {
        ErrorKind::InvalidSignature => VerifyError::BadSignature,
        ErrorKind::ExpiredSignature => VerifyError::Expired,
        ErrorKind::ImmatureSignature => VerifyError::NotYetValid,
        ErrorKind::InvalidAlgorithm => VerifyError::Algorithm(format!("{alg:?}")),
        ErrorKind::MissingRequiredClaim(c) => VerifyError::Claim(c.clone()),
        _ => VerifyError::Malformed(e.to_string()),
    })?;
    let claims = data.claims;
    if claims.iss != issuer {
        return Err(VerifyError::WrongIssuer {
            expected: issuer.into(),
            found: claims.iss,
        });
    }
    if let Some(aud) = &opts.audience {
        let by_azp = opts.audience_or_azp && claims.azp.as_deref() == Some(aud.as_str());
        if !by_azp && !claims.aud.iter().any(|a| a == aud) {
            return Err(VerifyError::WrongAudience {
                expected: aud.clone(),
                found: claims.aud,
            });
        }
    }
    if let Some(typ) = &opts.token_type
        && claims.typ.as_deref() != Some(typ.as_str())
    {
        return Err(VerifyError::WrongType {
            expected: typ.clone(),
            found: claims.typ.unwrap_or_default(),
        });
    }
    if opts.nonce.is_some() && claims.nonce != opts.nonce {
        return Err(VerifyError::WrongNonce);
    }
    Ok(claims)
}

/// Reading tokens **without** checking them. Never base a decision on this.
pub mod dangerous {
    use super::Claims;
    use crate::error::{Result, VerifyError};

    /// The claims of `token`, signature and expiry unchecked: for logging or
    /// debugging a token you already trust, not for authorization.
    ///
    /// ```no_run
    /// # fn demo(token: &str) -> keycloak_oidc::Result<()> {
    /// let claims = keycloak_oidc::dangerous::decode_unverified(token)?;
    /// println!("issued to {:?}", claims.azp);
    /// # Ok(()) }
    /// ```
    pub fn decode_unverified(token: &str) -> Result<Claims> {
        jsonwebtoken::dangerous::insecure_decode::<Claims>(token)
            .map(|d| d.claims)
            .map_err(|e| VerifyError::Malformed(e.to_string()).into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_tokens_are_refused_by_algorithm() {
        // {"alg":"none","typ":"JWT"}.{"iss":"x","exp":1}.
        let token = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJ4IiwiZXhwIjoxfQ.";
        assert_eq!(header(token), Err(VerifyError::Algorithm("none".into())));
        assert!(matches!(
            header("not-a-jwt"),
            Err(VerifyError::Malformed(_))
        ));
    }

    #[test]
    fn unknown_critical_extensions_are_refused() {
        use base64::Engine;
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let token = format!(
            "{}.{}.c2ln",
            b64(r#"{"alg":"RS256","kid":"k","crit":["x-unknown"],"x-unknown":1}"#),
            b64(r#"{"iss":"x","exp":1}"#)
        );
        assert!(matches!(header(&token), Err(VerifyError::Malformed(m)) if m.contains("critical")));
        let plain = format!("{}.{}.c2ln", b64(r#"{"alg":"RS256","kid":"k"}"#), b64("{}"));
        assert_eq!(header(&plain), Ok(("k".to_string(), Algorithm::RS256)));
    }

    #[test]
    fn audience_is_a_list_whatever_the_token_has() {
        let one: Claims = serde_json::from_str(r#"{"iss":"i","exp":1,"aud":"a"}"#).unwrap();
        let many: Claims = serde_json::from_str(r#"{"iss":"i","exp":1,"aud":["a","b"]}"#).unwrap();
        assert_eq!(one.aud, ["a"]);
        assert_eq!(many.aud, ["a", "b"]);
    }
}
