//! One error type for the whole crate. Its variants hold no reqwest or progenitor
//! types, its `Display` is one line, and it never contains a secret: operations are
//! named by their path template, not by URLs with values.

use keycloak_admin_api::Operation;
use serde::Deserialize;

/// Everything that can go wrong, with predicates for the common questions.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// match kc.realm("rep").users().get("no-such-id").await {
///     Err(e) if e.is_not_found() => println!("gone"),
///     other => { other?; }
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The Admin API answered with a non-2xx status.
    #[error("{0}")]
    Api(Box<ApiError>),
    /// The token endpoint refused to log in or refresh.
    #[error("{0}")]
    Auth(Box<AuthError>),
    /// No answer: connection refused, DNS, TLS, reset.
    #[error("{operation}: transport error: {message}")]
    Transport {
        /// The operation (or endpoint) that failed.
        operation: String,
        /// What the transport said, its causes included (never a URL with values).
        message: String,
        /// The underlying error (its URL removed), for `source()` chains.
        #[source]
        source: Option<std::sync::Arc<dyn std::error::Error + Send + Sync>>,
    },
    /// No answer in time.
    #[error("{operation}: timed out")]
    Timeout {
        /// The operation that timed out.
        operation: String,
    },
    /// A 2xx answer whose body is not what the API describes.
    #[error("{operation}: unexpected response body: {message}")]
    Decode {
        /// The operation whose answer did not decode.
        operation: String,
        /// Why (the body itself is never quoted).
        message: String,
    },
    /// The caller's input cannot make a request (bad URL, missing field, bad header).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// A response body grew past the client's limit
    /// ([`crate::KeycloakAdminBuilder::max_response_bytes`]); reading stopped there.
    #[error(
        "{operation}: the response body is larger than the limit of {limit} bytes (raise it with .max_response_bytes(…))"
    )]
    ResponseTooLarge {
        /// The operation whose answer was too large.
        operation: String,
        /// The limit in bytes.
        limit: u64,
    },
    /// The connected server cannot do this: the operation's route needs a
    /// feature the server has off or does not know (its release is older).
    /// See [`crate::KeycloakAdmin::server`].
    #[error("{operation}: not supported by Keycloak {server_version}: {reason}")]
    Unsupported {
        /// The operation.
        operation: String,
        /// The server's version, as it reports it.
        server_version: String,
        /// The feature the operation needs (its profile id), if one.
        feature: Option<String>,
        /// Why, in a few words.
        reason: String,
    },
    /// The write succeeded, but Keycloak did not keep some of the attributes
    /// sent: the realm's user profile does not declare them and unmanaged
    /// attributes are off, so Keycloak drops them silently. Declare them or
    /// allow unmanaged attributes ([`crate::UserProfile`]), then write again.
    #[error(
        "{operation}: user `{id}` was saved without attribute(s) {}: the realm's user profile does not declare them (declare them or allow unmanaged attributes)",
        attributes.join(", ")
    )]
    AttributesDropped {
        /// The write (create or update).
        operation: String,
        /// The user that was saved.
        id: String,
        /// The attribute names the server dropped.
        attributes: Vec<String>,
    },
    /// A bulk create met an item that exists, and was told
    /// [`IfExists::Fail`](crate::IfExists::Fail). [`is_conflict`](Self::is_conflict) is true.
    #[error("{kind} `{name}` already exists (id {id})")]
    AlreadyExists {
        /// `user`, `group`, `realm role` or `client`.
        kind: String,
        /// Its name (username, group or role name, clientId).
        name: String,
        /// The existing item's id.
        id: String,
    },
    /// An item was still listed after the server confirmed its deletion (a
    /// read-only user federation, say): `delete_all` stops here instead of
    /// deleting it forever.
    #[error("{operation}: `{id}` is still listed after it was deleted")]
    StillListed {
        /// The list that still shows it.
        operation: String,
        /// The item's id.
        id: String,
    },
    /// The blocking client cannot run here: called inside an async runtime,
    /// or its own runtime could not start.
    #[error("blocking client: {0}")]
    Blocking(String),
    /// A paginated endpoint sent the same page twice; the stream stops here.
    #[error("{operation}: the server repeated the page at first={first}")]
    RepeatedPage {
        /// The paginated operation.
        operation: String,
        /// The offset whose page repeated an earlier one.
        first: i32,
    },
}

impl From<ApiError> for Error {
    fn from(e: ApiError) -> Self {
        Error::Api(Box::new(e))
    }
}

impl From<AuthError> for Error {
    fn from(e: AuthError) -> Self {
        Error::Auth(Box::new(e))
    }
}

impl Error {
    /// HTTP status of an API or auth error.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api(e) => Some(e.status),
            Error::Auth(e) => e.status,
            _ => None,
        }
    }

    /// 404: the resource (or realm) does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }

    /// The server lacks what the operation needs ([`Error::Unsupported`]).
    pub fn is_unsupported(&self) -> bool {
        matches!(self, Error::Unsupported { .. })
    }

    /// The attributes Keycloak dropped from a saved user ([`Error::AttributesDropped`]).
    pub fn dropped_attributes(&self) -> Option<&[String]> {
        match self {
            Error::AttributesDropped { attributes, .. } => Some(attributes),
            _ => None,
        }
    }

    /// 409: it exists already (same username, clientId, name…).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(409) || matches!(self, Error::AlreadyExists { .. })
    }

    /// 401 from the API, or a refused login.
    pub fn is_unauthorized(&self) -> bool {
        matches!(self, Error::Auth(_)) || self.status() == Some(401)
    }

    /// 403: the caller lacks a role for this.
    pub fn is_forbidden(&self) -> bool {
        self.status() == Some(403)
    }

    /// Worth trying again later: transport failures, time-outs, 429 and 502/503/504.
    pub fn is_retryable(&self) -> bool {
        matches!(self, Error::Transport { .. } | Error::Timeout { .. })
            || matches!(self.status(), Some(429 | 502 | 503 | 504))
    }

    /// The API error, when this is one.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) => Some(e),
            _ => None,
        }
    }
}

/// A non-2xx answer from the Admin API.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The HTTP status.
    pub status: u16,
    /// The operation, e.g. `GET /admin/realms/{realm}/users/{user-id}`.
    pub operation: &'static Operation,
    /// Keycloak's error body, when it is JSON in one of its shapes.
    pub body: Option<KeycloakError>,
    /// The raw body (HTML from a proxy, empty, truncated…), at most 2 KiB.
    pub raw: String,
}

impl ApiError {
    pub(crate) fn new(operation: &'static Operation, status: u16, raw: String) -> Self {
        let body = serde_json::from_str::<KeycloakError>(&raw)
            .ok()
            .filter(KeycloakError::has_message);
        let raw = if raw.len() > 2048 {
            format!("{}…", prefix(&raw, 2048))
        } else {
            raw
        };
        ApiError {
            status,
            operation,
            body,
            raw,
        }
    }

    /// Keycloak's message: `errorMessage`, else `error_description`, else `error`.
    pub fn message(&self) -> Option<&str> {
        self.body.as_ref().and_then(KeycloakError::message)
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(f, "{} failed: {} {status}", self.operation, self.status)?;
        match self.reason() {
            Some(reason) => write!(f, ": {reason}"),
            None => Ok(()),
        }
    }
}

impl ApiError {
    /// Why, in one line: each field of a user-profile validation error with
    /// its message (`email: error-invalid-email; username: …`), else
    /// Keycloak's message, else the start of the raw body.
    pub fn reason(&self) -> Option<String> {
        let fields: Vec<String> = match &self.body {
            Some(KeycloakError {
                errors: Some(errors),
                ..
            }) => errors
                .iter()
                .map(|e| field_message(e.field.as_deref(), e.error_message.as_deref()))
                .collect(),
            Some(KeycloakError {
                field: Some(field),
                error_message,
                ..
            }) => vec![field_message(Some(field), error_message.as_deref())],
            _ => Vec::new(),
        };
        if !fields.is_empty() {
            return Some(fields.join("; "));
        }
        match self.message() {
            Some(m) => Some(m.to_string()),
            None if self.raw.trim().is_empty() => None,
            None => Some(one_line(&self.raw, 200)),
        }
    }
}

impl std::error::Error for ApiError {}

fn field_message(field: Option<&str>, message: Option<&str>) -> String {
    let message = one_line(message.unwrap_or("invalid"), 200);
    match field {
        Some(field) => format!("{}: {message}", one_line(field, 100)),
        None => message,
    }
}

/// Keycloak's error bodies: `{"errorMessage": …}`, `{"error": …, "error_description": …}`,
/// and user-profile validation errors with `field`/`params` or a list of `errors`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[non_exhaustive]
pub struct KeycloakError {
    #[serde(rename = "errorMessage")]
    /// Keycloak's usual message field.
    pub error_message: Option<String>,
    /// OAuth-style error code.
    pub error: Option<String>,
    /// OAuth-style description.
    pub error_description: Option<String>,
    /// The field a validation error is about.
    pub field: Option<String>,
    /// Parameters of a validation error.
    pub params: Option<Vec<serde_json::Value>>,
    /// Several field errors at once (user profile validation).
    pub errors: Option<Vec<FieldError>>,
}

impl KeycloakError {
    /// The best message: `errorMessage`, else `error_description`, else `error`.
    pub fn message(&self) -> Option<&str> {
        self.error_message
            .as_deref()
            .or(self.error_description.as_deref())
            .or(self.error.as_deref())
    }

    fn has_message(&self) -> bool {
        self.message().is_some() || self.errors.is_some()
    }
}

/// One field's validation error.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[non_exhaustive]
pub struct FieldError {
    /// The field.
    pub field: Option<String>,
    #[serde(rename = "errorMessage")]
    /// What is wrong with it.
    pub error_message: Option<String>,
    /// Parameters of the message.
    pub params: Option<Vec<serde_json::Value>>,
}

/// The token endpoint said no.
#[derive(Debug, Clone, thiserror::Error)]
#[error("login to realm `{realm}` as client `{client_id}` refused{}: {}", self.code(), description.as_deref().or(error.as_deref()).unwrap_or("no reason given"))]
#[non_exhaustive]
pub struct AuthError {
    /// The realm the login was against.
    pub realm: String,
    /// The client it went through.
    pub client_id: String,
    /// The token endpoint's HTTP status, when it answered.
    pub status: Option<u16>,
    /// OAuth error code, e.g. `invalid_grant`.
    pub error: Option<String>,
    /// e.g. `Invalid user credentials`, `Account is not fully set up`.
    pub description: Option<String>,
}

impl AuthError {
    /// A refusal reported by a [`TokenSource`](crate::TokenSource) of your own
    /// (e.g. a kept session that ended): `error` is an OAuth-style code,
    /// `description` what to do.
    ///
    /// ```no_run
    /// let e = keycloak_admin::AuthError::new("master", "admin-cli", "invalid_grant", "log in again");
    /// assert!(keycloak_admin::Error::from(e).is_unauthorized());
    /// ```
    pub fn new(
        realm: impl Into<String>,
        client_id: impl Into<String>,
        error: impl Into<String>,
        description: impl Into<String>,
    ) -> Self {
        Self {
            realm: realm.into(),
            client_id: client_id.into(),
            status: None,
            error: Some(error.into()),
            description: Some(description.into()),
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

fn one_line(s: &str, max: usize) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.len() > max {
        format!("{}…", prefix(&flat, max))
    } else {
        flat
    }
}

/// The longest prefix of at most `max` bytes that ends on a character boundary.
fn prefix(s: &str, max: usize) -> &str {
    let end = (0..=max.min(s.len()))
        .rev()
        .find(|i| s.is_char_boundary(*i))
        .unwrap_or(0);
    &s[..end]
}

/// This crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use keycloak_admin_api::operations;

    #[test]
    fn api_errors_are_one_line_with_keycloaks_message() {
        let e = ApiError::new(
            operations::POST_USERS,
            409,
            r#"{"errorMessage":"User exists with same username"}"#.into(),
        );
        assert_eq!(
            e.to_string(),
            "POST /admin/realms/{realm}/users failed: 409 Conflict: User exists with same username"
        );
        let e = ApiError::new(
            operations::GET_REALM,
            502,
            "<html>\n<body>Bad gateway</body>\n</html>".into(),
        );
        assert_eq!(
            e.to_string(),
            "GET /admin/realms/{realm} failed: 502 Bad Gateway: <html> <body>Bad gateway</body> </html>"
        );
        assert!(e.body.is_none());
        let e = ApiError::new(operations::GET_REALM, 401, String::new());
        assert_eq!(
            e.to_string(),
            "GET /admin/realms/{realm} failed: 401 Unauthorized"
        );
    }

    #[test]
    fn predicates() {
        let e = Error::from(ApiError::new(
            operations::GET_REALM,
            404,
            r#"{"error":"Realm not found."}"#.into(),
        ));
        assert!(e.is_not_found() && !e.is_conflict() && !e.is_retryable());
        assert_eq!(e.api().unwrap().message(), Some("Realm not found."));
        assert!(
            Error::from(ApiError::new(operations::GET_REALM, 503, String::new())).is_retryable()
        );
    }
}
