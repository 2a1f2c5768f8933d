//! Sending a request and reading its body, with errors that name the endpoint.

use crate::error::{Result, transport};

/// Send `req`; return status and body text (any status: callers interpret it).
pub(crate) async fn send(
    req: reqwest::RequestBuilder,
    label: &str,
) -> Result<(reqwest::StatusCode, String)> {
    let resp = req.send().await.map_err(|e| transport(label, e))?;
    let status = resp.status();
    let text = resp.text().await.map_err(|e| transport(label, e))?;
    Ok((status, text))
}
