//! Running one generated-client call and mapping its outcome to [`crate::Error`].

use crate::error::{ApiError, Error, Result};
use keycloak_admin_api::{Operation, ResponseValue};

type Generated<T> = std::result::Result<ResponseValue<T>, keycloak_admin_api::Error<()>>;

/// Map a generated call's result; every non-2xx becomes an [`ApiError`] with its body.
pub(crate) async fn map<T>(
    op: &'static Operation,
    result: Generated<T>,
) -> Result<ResponseValue<T>> {
    use keycloak_admin_api::Error as G;
    match result {
        Ok(v) => Ok(v),
        Err(G::UnexpectedResponse(resp)) => {
            let status = resp.status().as_u16();
            let raw = resp.text().await.unwrap_or_default();
            Err(ApiError::new(op, status, raw).into())
        }
        Err(G::ErrorResponse(v)) => {
            Err(ApiError::new(op, v.status().as_u16(), String::new()).into())
        }
        Err(G::CommunicationError(e) | G::ResponseBodyError(e) | G::InvalidUpgrade(e)) => {
            Err(transport(op, e))
        }
        Err(G::InvalidResponsePayload(bytes, e)) => {
            let snippet: String = String::from_utf8_lossy(&bytes).chars().take(120).collect();
            Err(Error::Decode {
                operation: op.to_string(),
                message: format!("{e} in {snippet:?}"),
            })
        }
        Err(G::InvalidRequest(msg)) => Err(Error::InvalidInput(format!("{op}: {msg}"))),
        // The auth hook failed; the call site authenticates first, so this is a race.
        Err(G::Custom(msg)) => Err(Error::Transport {
            operation: op.to_string(),
            message: msg,
        }),
    }
}

fn transport(op: &'static Operation, e: reqwest::Error) -> Error {
    if e.is_timeout() {
        Error::Timeout {
            operation: op.to_string(),
        }
    } else {
        Error::Transport {
            operation: op.to_string(),
            message: describe(e),
        }
    }
}

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

/// Keycloak answers a create with 201 and the new id as the last segment of `Location`.
pub(crate) fn created_id(op: &'static Operation, resp: &ResponseValue<()>) -> Result<String> {
    resp.headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|l| l.trim_end_matches('/').rsplit('/').next())
        .filter(|id| !id.is_empty())
        .map(str::to_string)
        .ok_or_else(|| Error::Decode {
            operation: op.to_string(),
            message: "the 201 answer has no Location header".into(),
        })
}
