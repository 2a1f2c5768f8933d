//! Path parameters: the one function every generated operation calls for each
//! `{param}` of its path template (build.rs rewrites progenitor's `encode_path`
//! into it, for all operations).
//!
//! A value must address exactly one segment of the template it fills. So:
//! - `""`, `.` and `..` are refused: after the URL parser resolves them they name
//!   another route (`DELETE …/users/..` is `DELETE …/realms/{realm}`);
//! - every byte but the unreserved ones (`A-Z a-z 0-9 - . _ ~`) is
//!   percent-encoded, `/`, `\` (a separator to URL parsers for http) and `%`
//!   included, so `%2e%2e` travels as `%252e%252e` and stays a value.
//!
//! Keycloak decodes path parameters, so an id or name with any characters still
//! reaches the resource it names.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encode `value` as one path segment, or say why it cannot be one.
///
/// ```
/// use keycloak_admin_api::path::segment;
/// assert_eq!(segment("user_id", "a/b\\c").unwrap(), "a%2Fb%5Cc");
/// assert_eq!(segment("user_id", "%2e%2e").unwrap(), "%252e%252e");
/// assert!(segment("user_id", "..").unwrap_err().contains("`user_id`"));
/// ```
pub fn segment(name: &str, value: &str) -> Result<String, String> {
    match value {
        "" => Err(format!(
            "path parameter `{name}` is empty: refused (it would address another route)"
        )),
        "." | ".." => Err(format!(
            "path parameter `{name}` is `{value}`: refused (a dot segment would address another route)"
        )),
        _ => Ok(utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// Whether `path` (a request URL's path, as sent) is `base_path` followed by
/// `template` with each `{param}` filled by exactly one non-empty segment that
/// is not a dot segment. The second line of defence behind [`segment`]: checked
/// for every request before it is sent.
pub(crate) fn matches_template(path: &str, base_path: &str, template: &str) -> bool {
    let Some(rest) = path.strip_prefix(base_path.trim_end_matches('/')) else {
        return false;
    };
    let mut sent = rest.split('/');
    let mut expected = template.split('/');
    loop {
        match (sent.next(), expected.next()) {
            (None, None) => return true,
            (Some(s), Some(t)) if t.starts_with('{') && t.ends_with('}') => {
                let decoded = percent_encoding::percent_decode_str(s).decode_utf8_lossy();
                if s.is_empty() || matches!(&*decoded, "." | "..") {
                    return false;
                }
            }
            (Some(s), Some(t)) if s == t => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dot_segments_and_empty_values_are_refused() {
        for v in ["", ".", ".."] {
            assert!(segment("id", v).is_err(), "{v:?}");
        }
        for v in [
            "...",
            ".a",
            "a.",
            "%2e%2e",
            "%2E",
            "\\..",
            "..\\..\\x",
            " ..",
            ".. ",
        ] {
            let s = segment("id", v).unwrap();
            assert!(
                !matches!(s.as_str(), "." | ".."),
                "{v:?} encoded as a dot segment"
            );
            assert!(!s.contains(['/', '\\']), "{s}");
        }
    }

    #[test]
    fn everything_but_unreserved_is_encoded_and_decodes_back() {
        let v = "a b/c\\d?e#f%g;h@i:j+k&l=m[n]o{p}q|r^s`t\"u<v>w'x(y)z!$*,é\u{0}\n";
        let s = segment("id", v).unwrap();
        assert!(
            s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-._~%".contains(c)),
            "{s}"
        );
        assert_eq!(
            percent_encoding::percent_decode_str(&s)
                .decode_utf8()
                .unwrap(),
            v
        );
    }

    #[test]
    fn templates_match_exactly() {
        let t = "/admin/realms/{realm}/users/{user-id}";
        assert!(matches_template("/auth/admin/realms/r/users/u", "/auth", t));
        assert!(matches_template("/admin/realms/r/users/u", "/", t));
        assert!(matches_template("/admin/realms/r/users/%2E%2E%5C", "", t));
        assert!(!matches_template("/admin/realms/r/", "", t));
        assert!(!matches_template("/admin/realms/r/users/", "", t));
        assert!(!matches_template("/admin/realms/r/users/%2e%2e", "", t));
        assert!(!matches_template("/admin/realms/r/users/u/x", "", t));
        assert!(!matches_template("/admin/realms/r/groups/u", "", t));
        assert!(!matches_template("/admin/realms/r/users/u", "/auth", t));
    }
}
