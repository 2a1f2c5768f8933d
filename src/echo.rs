//! Secrets a refused request carried, so that the server's answer cannot
//! show them back: Keycloak quotes what it was sent in some refusals (a
//! password policy's message, a value it could not parse). The client knows
//! what it sent: the secret values of a JSON body (secret-named fields,
//! a credential's `value`) ride on the refused response, and whoever reads
//! its text calls [`Sent::redact`] (or reads it with [`text`]).

use serde_json::Value;

/// The secret values of the request a response answers (shortest last).
#[derive(Clone, Default)]
pub struct Sent(Vec<String>);

impl std::fmt::Debug for Sent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Sent({} secrets)", self.0.len())
    }
}

impl Sent {
    /// The secrets of a JSON request body (none when it is not JSON).
    pub fn of_body(body: &[u8]) -> Self {
        let mut found = Vec::new();
        if let Ok(value) = serde_json::from_slice::<Value>(body) {
            collect(&value, &mut found);
        }
        found.sort_by_key(|s| std::cmp::Reverse(s.len()));
        found.dedup();
        Sent(found)
    }

    /// Whether nothing secret was sent.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `text` with every secret sent replaced by `[REDACTED]`.
    pub fn redact(&self, text: &str) -> String {
        self.0
            .iter()
            .fold(text.to_string(), |t, s| t.replace(s.as_str(), "[REDACTED]"))
    }
}

/// Shorter values would garble the message where they happen to occur.
const MIN_LEN: usize = 3;

fn collect(value: &Value, found: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            // A credential: `{"type": "password", "value": "…"}`.
            let credential = map.contains_key("type") && map.contains_key("value");
            for (k, v) in map {
                let secret =
                    keycloak_admin_api_types::is_secret_key(k) || (credential && k == "value");
                match v {
                    Value::String(s) if secret && s.len() >= MIN_LEN => found.push(s.clone()),
                    Value::Array(items) if secret => {
                        for item in items {
                            match item {
                                Value::String(s) if s.len() >= MIN_LEN => found.push(s.clone()),
                                // `credentials: [{type, value}]`: by the credential rule.
                                other => collect(other, found),
                            }
                        }
                    }
                    other => collect(other, found),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect(v, found)),
        _ => {}
    }
}

/// The text of a refused response, with the secrets its request sent redacted.
///
/// ```no_run
/// # async fn demo(response: reqwest::Response) {
/// let text = keycloak_admin_api::echo::text(response).await;
/// # }
/// ```
pub async fn text(response: reqwest::Response) -> reqwest::Result<String> {
    let sent = response.extensions().get::<Sent>().cloned();
    let text = response.text().await?;
    Ok(match sent {
        Some(sent) => sent.redact(&text),
        None => text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secrets_of_a_body_are_found_and_redacted() {
        let body = br#"{"username":"jane","credentials":[{"type":"password","value":"Initial-Passw0rd"}],
            "secret":"cl1ent-s3cret","config":{"bindCredential":["ld4p-pw"],"clientId":"x"},"pin":"12"}"#;
        let sent = Sent::of_body(body);
        let said = sent.redact(
            "Invalid password Initial-Passw0rd for jane; secret cl1ent-s3cret; ld4p-pw; client x",
        );
        assert_eq!(
            said,
            "Invalid password [REDACTED] for jane; secret [REDACTED]; [REDACTED]; client x"
        );
        assert!(Sent::of_body(b"not json").is_empty());
        assert_eq!(format!("{sent:?}"), "Sent(3 secrets)");
    }
}
