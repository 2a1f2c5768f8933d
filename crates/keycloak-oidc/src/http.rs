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
    let text = read_limited(resp, label).await?;
    if !status.is_success()
        && text.trim().is_empty()
        && let Some(body) = challenge.as_deref().and_then(challenge_as_body)
    {
        return Ok((status, body));
    }
    Ok((status, text))
}

/// The most any OIDC/UMA answer may hold (discovery, JWKS, tokens, userinfo,
/// resource lists): 16 MiB. A larger body is refused while it is read.
pub(crate) const MAX_BODY: usize = 16 << 20;

/// The body as text, refusing one over [`MAX_BODY`] as soon as it passes it.
pub(crate) async fn read_limited(mut resp: reqwest::Response, label: &str) -> Result<String> {
    if resp.content_length().is_some_and(|n| n > MAX_BODY as u64) {
        return Err(too_large(label));
    }
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| transport(label, e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(too_large(label));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(String::from_utf8_lossy(&body).into_owned())
}

fn too_large(label: &str) -> crate::Error {
    crate::Error::Decode {
        endpoint: label.to_string(),
        message: format!("the response body is larger than the limit of {MAX_BODY} bytes"),
    }
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
