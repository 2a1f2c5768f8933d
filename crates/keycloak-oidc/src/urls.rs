//! What becomes part of a URL: the server URL a caller gives, and the values
//! (realm names, resource ids) placed in a path. Shared by every client of the
//! project that builds URLs by hand (the generated admin client applies the same
//! segment rule in `keycloak_admin_api::path`).

use crate::error::{Error, Result};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// `value` as one path segment: `""`, `.` and `..` are refused (the URL parser
/// would resolve them into another route), everything but unreserved
/// characters is percent-encoded (`/`, `\` and `%` included).
///
/// ```
/// use keycloak_oidc::path_segment;
/// assert_eq!(path_segment("realm", "a b\\c").unwrap(), "a%20b%5Cc");
/// assert!(path_segment("realm", "..").is_err());
/// ```
pub fn path_segment(name: &str, value: &str) -> Result<String> {
    match value {
        "" => Err(Error::InvalidInput(format!(
            "{name} is empty: refused (it would address another route)"
        ))),
        "." | ".." => Err(Error::InvalidInput(format!(
            "{name} is `{value}`: refused (a dot segment would address another route)"
        ))),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// Check a server URL (`http(s)://host[:port][/path]`) and return it without a
/// trailing slash. Credentials in the URL (`user:password@`) are refused: they
/// would be sent to every endpoint as Basic auth and end up in logs and
/// profiles; pass them as credentials instead. Errors never repeat them.
///
/// ```
/// use keycloak_oidc::server_url;
/// assert_eq!(server_url("https://sso.example.com/auth/").unwrap(), "https://sso.example.com/auth");
/// let e = server_url("https://admin:hunter2@sso.example.com").unwrap_err().to_string();
/// assert!(e.contains("credentials") && !e.contains("hunter2"));
/// ```
pub fn server_url(url: &str) -> Result<String> {
    let shown = redact_url(url);
    let parsed = reqwest::Url::parse(url)
        .map_err(|e| Error::InvalidInput(format!("`{shown}` is not a valid server URL: {e}")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::InvalidInput(format!(
            "`{shown}` is not a valid server URL: expected http:// or https:// and a host"
        )));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(Error::InvalidInput(format!(
            "`{shown}` is not a valid server URL: it carries credentials (user:password@); pass them as credentials, not in the URL"
        )));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(Error::InvalidInput(format!(
            "`{shown}` is not a valid server URL: no query or fragment allowed"
        )));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// `url` with anything before an `@` in its authority replaced by `***`, for messages.
///
/// ```
/// assert_eq!(keycloak_oidc::redact_url("http://u:p@h/x@y"), "http://***@h/x@y");
/// ```
pub fn redact_url(url: &str) -> String {
    let start = url.find("://").map_or(0, |i| i + 3);
    let end = url[start..]
        .find(['/', '?', '#'])
        .map_or(url.len(), |i| start + i);
    match url[start..end].rfind('@') {
        Some(at) => format!("{}***{}", &url[..start], &url[start + at..]),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments() {
        for v in ["", ".", ".."] {
            assert!(path_segment("realm", v).is_err());
        }
        assert_eq!(path_segment("realm", "%2e%2e").unwrap(), "%252e%252e");
        assert_eq!(path_segment("realm", "..\\x/y").unwrap(), "..%5Cx%2Fy");
    }

    #[test]
    fn credentials_in_urls_are_refused_and_never_repeated() {
        for url in [
            "http://admin:hunter2@kc:8080",
            "http://hunter2@kc",
            "http://admin:hunter2@kc:notaport",
        ] {
            let e = server_url(url).unwrap_err().to_string();
            assert!(!e.contains("hunter2"), "{e}");
        }
        assert!(server_url("http://kc:8080/?q").is_err());
        assert!(server_url("ftp://kc").is_err());
    }
}
