//! Sending a request and reading its body, with errors that name the endpoint.

use crate::error::{Result, transport};

/// Send `req`; return status and body text (any status: callers interpret it).
///
/// Resource endpoints (userinfo) refuse with an empty body and a Bearer
/// challenge (`WWW-Authenticate: Bearer error="insufficient_scope", …`); such a
/// refusal is returned as the equivalent OAuth error body, so callers read every
/// refusal the same way.
pub(crate) async fn send(
    req: reqwest::RequestBuilder,
    label: &str,
) -> Result<(reqwest::StatusCode, String)> {
    let resp = req.send().await.map_err(|e| transport(label, e))?;
    let status = resp.status();
    let challenge = resp
        .headers()
        .get(reqwest::header::WWW_AUTHENTICATE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = resp.text().await.map_err(|e| transport(label, e))?;
    if !status.is_success()
        && text.trim().is_empty()
        && let Some(body) = challenge.as_deref().and_then(challenge_as_body)
    {
        return Ok((status, body));
    }
    Ok((status, text))
}

/// `Bearer realm="x", error="e", error_description="d"` → `{"error":"e","error_description":"d"}`.
fn challenge_as_body(challenge: &str) -> Option<String> {
    let param = |name: &str| {
        let key = format!("{name}=\"");
        let start = challenge.find(&key)? + key.len();
        let end = challenge[start..].find('"')? + start;
        Some(challenge[start..end].to_string())
    };
    let error = param("error")?;
    Some(
        serde_json::json!({"error": error, "error_description": param("error_description")})
            .to_string(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_bearer_challenge_reads_as_an_oauth_error() {
        let body = super::challenge_as_body(
            r#"Bearer realm="x1", error="insufficient_scope", error_description="Missing openid scope""#,
        )
        .unwrap();
        assert_eq!(
            body,
            r#"{"error":"insufficient_scope","error_description":"Missing openid scope"}"#
        );
        assert_eq!(super::challenge_as_body(r#"Bearer realm="x1""#), None);
    }
}
