//! What the generated `Debug` of models holding secrets prints in their place
//! (build/redact.rs decides which fields): `Some([REDACTED])` for a secret
//! field; a map as JSON with the values of secret-named keys redacted.
//! Public only for that generated code (hidden from the docs).

use serde::Serialize;
use serde_json::Value;
use std::fmt;

/// A secret field: whether it is set, never its value.
#[doc(hidden)]
pub struct Hidden<'a, T>(pub &'a Option<T>);

impl<T> fmt::Debug for Hidden<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(_) => f.write_str("Some([REDACTED])"),
            None => f.write_str("None"),
        }
    }
}

/// A map (`config`, `smtpServer`, unknown fields): its JSON, with the value
/// of every key that names a secret redacted.
#[doc(hidden)]
pub struct Keyed<'a, T>(pub &'a T);

impl<T: Serialize> fmt::Debug for Keyed<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value = serde_json::to_value(self.0).unwrap_or(Value::Null);
        redact(&mut value);
        match value {
            Value::Null => f.write_str("None"),
            v => write!(f, "{v}"),
        }
    }
}

/// Whether a configuration key names a secret: `clientSecret`,
/// `bindCredential`, `password`, `keystorePassword`, `privateKey`, `secret`, ….
///
/// ```
/// use keycloak_admin_api_types::is_secret_key;
/// assert!(is_secret_key("clientSecret") && is_secret_key("bindCredential"));
/// assert!(!is_secret_key("clientId"));
/// ```
pub fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["secret", "password", "credential", "privatekey", "token"]
        .iter()
        .any(|s| key.contains(s))
        && !key.ends_with("url")
}

fn redact(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                if is_secret_key(k) && !v.is_null() {
                    *v = Value::String("[REDACTED]".into());
                } else {
                    redact(v);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(redact),
        _ => {}
    }
}

/// The generated test's check: `json` (secrets in every secret field of `T`,
/// and in an unknown field) decodes, and `Debug` shows none of them.
#[doc(hidden)]
pub fn assert_redacted<T: serde::de::DeserializeOwned + fmt::Debug>(model: &str, json: &str) {
    let value: T = serde_json::from_str(json).unwrap_or_else(|e| panic!("{model}: {e}: {json}"));
    let shown = format!("{value:?}");
    assert!(!shown.contains("s3cr3t"), "{model} shows a secret: {shown}");
    assert!(shown.contains("[REDACTED]"), "{model}: {shown}");
}
