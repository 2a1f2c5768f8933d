//! Running one generated-client call and mapping its outcome to [`crate::Error`].

use crate::error::{ApiError, Error, Result};
use keycloak_admin_api::{Operation, ResponseValue};

type Generated<T> = std::result::Result<ResponseValue<T>, keycloak_admin_api::Error<()>>;

/// Map a generated call's result; every non-2xx becomes an [`ApiError`] with its body.
/// `refused`: the typed error of a token request the auth hook made during
/// the call, which the generated client reports only as text.
pub(crate) async fn map<T>(
    op: &'static Operation,
    result: Generated<T>,
    refused: Option<Error>,
) -> Result<ResponseValue<T>> {
    use keycloak_admin_api::Error as G;
    match result {
        Ok(v) => Ok(v),
        // A 401, then the re-login the hook tried before sending again was
        // refused: that refusal says why.
        Err(G::UnexpectedResponse(resp)) if resp.status() == 401 && refused.is_some() => {
            Err(refused.expect("checked"))
        }
        Err(G::UnexpectedResponse(resp)) => {
            let status = resp.status().as_u16();
            let raw = match keycloak_admin_api::echo::text(resp).await {
                Ok(text) => text,
                Err(e) => match too_large(&e) {
                    Some(limit) => format!("(a body over the limit of {limit} bytes, not read)"),
                    None => String::new(),
                },
            };
            Err(ApiError::new(op, status, raw).into())
        }
        Err(G::ErrorResponse(v)) => {
            Err(ApiError::new(op, v.status().as_u16(), String::new()).into())
        }
        Err(G::CommunicationError(e) | G::ResponseBodyError(e) | G::InvalidUpgrade(e)) => {
            Err(transport(op, e))
        }
        Err(G::InvalidResponsePayload(bytes, e)) => Err(Error::Decode {
            operation: op.to_string(),
            message: undecodable(&bytes, &e),
        }),
        Err(G::InvalidRequest(msg)) => Err(Error::InvalidInput(format!("{op}: {msg}"))),
        // The auth hook could not get a token (a re-login after a 401 refused).
        Err(G::Custom(msg)) => Err(refused.unwrap_or(Error::Transport {
            operation: op.to_string(),
            message: msg,
            source: None,
        })),
    }
}

/// Why a 2xx body did not decode, without quoting it: bodies of many
/// operations carry secrets (client secrets, credentials, keys, exports), and
/// serde's messages quote the values they choke on, so those are elided too.
fn undecodable(body: &[u8], e: &serde_json::Error) -> String {
    let looks = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        None => " (empty)",
        Some(b'<') => " (looks like HTML)",
        _ => "",
    };
    format!(
        "{} bytes{looks} that are not the expected JSON: {}",
        body.len(),
        elide_quoted(&e.to_string())
    )
}

/// `invalid type: string "s3cret", expected u32` → `invalid type: string "…", expected u32`.
fn elide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for (i, part) in parts.enumerate() {
        out.push('"');
        out.push_str(if i % 2 == 0 { "…" } else { part });
    }
    out
}

/// The limit, when `e` was caused by a body over it.
fn too_large(e: &reqwest::Error) -> Option<u64> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(t) = s.downcast_ref::<keycloak_admin_api::ResponseTooLarge>() {
            return Some(t.limit);
        }
        source = s.source();
    }
    None
}

pub(crate) fn transport(op: &'static Operation, e: reqwest::Error) -> Error {
    if let Some(limit) = too_large(&e) {
        Error::ResponseTooLarge {
            operation: op.to_string(),
            limit,
        }
    } else if e.is_timeout() {
        Error::Timeout {
            operation: op.to_string(),
        }
    } else {
        let e = e.without_url();
        Error::Transport {
            operation: op.to_string(),
            message: describe(&e),
            source: Some(std::sync::Arc::new(e)),
        }
    }
}

/// An error's message and its causes on one line.
pub(crate) fn describe(e: &(dyn std::error::Error + 'static)) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
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

/// For code that calls the generated client directly: its error as this
/// crate's [`Error`]. The operation is found from the response's method and
/// path; an error response's body is not read here (that needs `.await`), so
/// [`crate::KeycloakAdmin::send`] is the way to get Keycloak's message.
impl<E> From<keycloak_admin_api::Error<E>> for Error {
    fn from(e: keycloak_admin_api::Error<E>) -> Self {
        use keycloak_admin_api::Error as G;
        // Named by its route (`* /path`) where the error has a URL; the
        // generated client's typed errors and its hook's carry none.
        static ROUTE_UNKNOWN: Operation = Operation {
            id: "generated_call",
            method: "*",
            path: "(a call of the generated client)",
        };
        let by_path = |path: &str| Operation::for_path(path).unwrap_or(&ROUTE_UNKNOWN);
        match e {
            G::UnexpectedResponse(r) => {
                let op = by_path(r.url().path());
                ApiError::new(op, r.status().as_u16(), String::new()).into()
            }
            G::ErrorResponse(v) => {
                ApiError::new(&ROUTE_UNKNOWN, v.status().as_u16(), String::new()).into()
            }
            G::CommunicationError(e) | G::ResponseBodyError(e) | G::InvalidUpgrade(e) => {
                let op = e.url().map_or(&ROUTE_UNKNOWN, |u| by_path(u.path()));
                transport(op, e)
            }
            G::InvalidResponsePayload(bytes, e) => Error::Decode {
                operation: ROUTE_UNKNOWN.to_string(),
                message: undecodable(&bytes, &e),
            },
            G::InvalidRequest(msg) => Error::InvalidInput(msg),
            G::Custom(msg) => Error::Transport {
                operation: ROUTE_UNKNOWN.to_string(),
                message: msg,
                source: None,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_errors_never_quote_the_body() {
        let body = br#"{"type":"secret","value":"s3cr3t-VALUE"}"#;
        let e = serde_json::from_slice::<Vec<u32>>(body).unwrap_err();
        let m = undecodable(body, &e);
        assert!(!m.contains("s3cr3t"), "{m}");
        let e = serde_json::from_str::<bool>(r#""s3cr3t-VALUE""#).unwrap_err();
        let m = undecodable(b"\"s3cr3t-VALUE\"", &e);
        assert!(
            !m.contains("s3cr3t") && m.contains("invalid type: string \"…\""),
            "{m}"
        );
        let e = serde_json::from_str::<bool>("<html>").unwrap_err();
        assert!(undecodable(b"<html>", &e).contains("looks like HTML"));
    }
}
