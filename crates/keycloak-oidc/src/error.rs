//! One error type. Its `Display` is one line and never holds a token, a secret
//! or a URL with values: endpoints are named (`token endpoint of realm `x``).

/// Everything that can go wrong talking to a realm's OpenID Connect endpoints.
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient) {
/// match oidc.password("alice", "wrong").await {
///     Err(keycloak_oidc::Error::OAuth(e)) if e.error.as_deref() == Some("invalid_grant") => {
///         println!("bad credentials: {}", e.description.as_deref().unwrap_or(""));
///     }
///     other => { let _ = other; }
/// }
/// # }
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The server refused: an OAuth error body (`invalid_grant`, `unauthorized_client`, …)
    /// or a non-2xx status.
    #[error("{0}")]
    OAuth(Box<OAuthError>),
    /// A token did not pass local verification.
    #[error("token rejected: {0}")]
    Verify(VerifyError),
    /// No answer: connection refused, DNS, TLS, reset.
    #[error("{endpoint}: transport error: {message}")]
    Transport {
        /// The endpoint, e.g. ``token endpoint of realm `rep` ``.
        endpoint: String,
        /// What the transport said.
        message: String,
    },
    /// No answer in time.
    #[error("{endpoint}: timed out")]
    Timeout {
        /// The endpoint.
        endpoint: String,
    },
    /// A 2xx answer that is not what the protocol describes.
    #[error("{endpoint}: unexpected response: {message}")]
    Decode {
        /// The endpoint.
        endpoint: String,
        /// Why (bodies are not quoted).
        message: String,
    },
    /// The server does not offer what was asked (e.g. no device authorization endpoint).
    #[error("{0}")]
    Unsupported(String),
    /// The caller's input cannot make a request (bad URL, malformed permission, …).
    #[error("invalid input: {0}")]
    InvalidInput(String),
}

impl Error {
    /// HTTP status of a refusal.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::OAuth(e) => e.status,
            _ => None,
        }
    }

    /// The OAuth error code (`invalid_grant`, `access_denied`, …), when the server sent one.
    pub fn oauth_code(&self) -> Option<&str> {
        match self {
            Error::OAuth(e) => e.error.as_deref(),
            _ => None,
        }
    }

    /// The verification failure, when this is one.
    pub fn verify(&self) -> Option<&VerifyError> {
        match self {
            Error::Verify(e) => Some(e),
            _ => None,
        }
    }

    /// Worth trying again later: transport failures, time-outs, 429 and 502/503/504.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Transport { .. } | Error::Timeout { .. })
            || matches!(self.status(), Some(429 | 502 | 503 | 504))
    }
}

impl From<VerifyError> for Error {
    fn from(e: VerifyError) -> Self {
        Error::Verify(e)
    }
}

/// Keycloak's whole answer when a user must finish setting up the account.
pub(crate) const NOT_FULLY_SET_UP: &str = "Account is not fully set up";

/// An endpoint said no.
///
/// Keycloak answers a login it refuses because a required action is pending
/// or a field the user profile requires is empty with only "Account is not
/// fully set up" — the same words for all of them. This error says what that
/// means, and names the cause when [`blockers`](Self::blockers) are known
/// (`keycloak_admin`'s `users().explain_login_error(…)` fills them in from
/// the admin API).
#[derive(Debug, Clone, thiserror::Error)]
#[error("{endpoint} refused{}: {}{}", self.code(), description.as_deref().or(error.as_deref()).unwrap_or("no reason given"), self.explanation())]
#[non_exhaustive]
pub struct OAuthError {
    /// e.g. ``token endpoint of realm `rep` (client `app`)``.
    pub endpoint: String,
    /// The HTTP status, when there was an answer.
    pub status: Option<u16>,
    /// OAuth error code, e.g. `invalid_grant`.
    pub error: Option<String>,
    /// e.g. `Invalid user credentials`, `Account is not fully set up`.
    pub description: Option<String>,
    /// What blocks the login, when someone who can see the account said
    /// (e.g. `["required action UPDATE_PASSWORD", "missing firstName"]`).
    pub blockers: Vec<String>,
}

impl OAuthError {
    /// A refusal by `endpoint` (for custom flows and tests).
    pub fn new(
        endpoint: String,
        status: Option<u16>,
        error: Option<String>,
        description: Option<String>,
    ) -> Self {
        OAuthError {
            endpoint,
            status,
            error,
            description,
            blockers: Vec::new(),
        }
    }

    /// The same refusal, naming what blocks the login.
    pub fn with_blockers(mut self, blockers: Vec<String>) -> Self {
        self.blockers = blockers;
        self
    }

    /// Keycloak refused a login because the account is not fully set up
    /// (pending required actions or empty required profile fields).
    pub fn is_account_not_set_up(&self) -> bool {
        self.description.as_deref() == Some(NOT_FULLY_SET_UP)
    }

    /// ` (blocked by: …)` or what "not fully set up" can mean.
    fn explanation(&self) -> String {
        if !self.blockers.is_empty() {
            format!(" (blocked by: {})", self.blockers.join(", "))
        } else if self.is_account_not_set_up() {
            " (a required action is pending, or a field the realm's user profile requires — \
             email, firstName, lastName by default — is empty)"
                .to_string()
        } else {
            String::new()
        }
    }

    /// ` (400 invalid_grant)`, or ` (404)` when the error code is the only message.
    fn code(&self) -> String {
        match (self.status, &self.error, &self.description) {
            (Some(s), Some(code), Some(_)) => format!(" ({s} {code})"),
            (Some(s), _, _) => format!(" ({s})"),
            (None, _, _) => String::new(),
        }
    }
}

impl From<OAuthError> for Error {
    fn from(e: OAuthError) -> Self {
        Error::OAuth(Box::new(e))
    }
}

/// Why a token failed local verification; each cause is its own variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VerifyError {
    /// Not three base64url parts with a JSON header and payload.
    #[error("not a well-formed JWT: {0}")]
    Malformed(String),
    /// The header names a key the realm does not publish (another realm, a rotated-out key).
    #[error("signed with key `{kid}`, which the realm's JWKS does not contain")]
    UnknownKey {
        /// The key id the token names.
        kid: String,
    },
    /// The algorithm is not one the key or this client accepts (e.g. `none`, HS256).
    #[error("algorithm `{0}` is not accepted")]
    Algorithm(String),
    /// The signature does not match the header and payload (tampered, or a forged key).
    #[error("signature does not match")]
    BadSignature,
    /// `exp` is in the past (beyond the leeway).
    #[error("expired")]
    Expired,
    /// `nbf` is in the future (beyond the leeway).
    #[error("not valid yet")]
    NotYetValid,
    /// `iss` is not this realm.
    #[error("issued by `{found}`, expected `{expected}`")]
    WrongIssuer {
        /// The realm's issuer.
        expected: String,
        /// The token's `iss`.
        found: String,
    },
    /// Neither `aud` nor `azp` names the expected audience.
    #[error("audience {found:?} does not include `{expected}`")]
    WrongAudience {
        /// The audience wanted.
        expected: String,
        /// The token's `aud`.
        found: Vec<String>,
    },
    /// `typ` is not the expected token type (an ID token used as an access token).
    #[error("token type `{found}`, expected `{expected}`")]
    WrongType {
        /// The type wanted.
        expected: String,
        /// The token's `typ`.
        found: String,
    },
    /// The ID token's `nonce` is not the one sent.
    #[error("nonce does not match")]
    WrongNonce,
    /// A required claim is missing or has the wrong JSON type.
    #[error("claim `{0}` is missing or malformed")]
    Claim(String),
}

/// This crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// reqwest's message and causes, without the URL (it may carry values).
pub(crate) fn describe(e: reqwest::Error) -> String {
    let e = e.without_url();
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        msg = format!("{msg}: {s}");
        source = s.source();
    }
    msg
}

pub(crate) fn transport(endpoint: &str, e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout {
            endpoint: endpoint.to_string(),
        }
    } else {
        Error::Transport {
            endpoint: endpoint.to_string(),
            message: describe(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refusals_are_one_line_with_the_servers_reason() {
        let e = Error::from(OAuthError::new(
            "token endpoint of realm `rep` (client `app`)".into(),
            Some(400),
            Some("invalid_grant".into()),
            Some("Invalid user credentials".into()),
        ));
        assert_eq!(
            e.to_string(),
            "token endpoint of realm `rep` (client `app`) refused (400 invalid_grant): Invalid user credentials"
        );
        assert_eq!(e.oauth_code(), Some("invalid_grant"));
        assert!(!e.is_retryable());
    }
}
