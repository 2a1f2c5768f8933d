//! Response rules.
//!
//! Keycloak's documented status codes are often not the ones it sends (a
//! component create is documented 200 and answers 201), and its error bodies have
//! three shapes that the document does not describe. So: one success entry per
//! operation, `2XX` wherever the server may pick any success code, and no error
//! responses at all, so that every non-2xx reaches the caller as the raw response
//! (status, headers, full body) for the ergonomic crate to map.

use crate::spec::operations_mut;
use serde_json::{Map, Value, json};

pub fn success_only(doc: &mut Value) {
    for (_, method, op) in operations_mut(doc) {
        let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else {
            continue;
        };
        let success: Vec<(String, Value)> = responses
            .iter()
            .filter(|(code, _)| code.starts_with('2'))
            .map(|(c, r)| (c.clone(), r.clone()))
            .collect();
        let with_body: Vec<&(String, Value)> = success
            .iter()
            .filter(|(_, r)| {
                r.get("content")
                    .is_some_and(|c| c.as_object().is_some_and(|c| !c.is_empty()))
            })
            .collect();
        let empty_alternative = with_body.len() < success.len();

        let (code, mut response) = match with_body.first() {
            // A JSON body beside an empty 2xx (authz searches answer 204 when nothing
            // matches): keep the body's own code, so the empty answer surfaces as an
            // unexpected-but-successful response instead of a JSON parse error.
            Some((code, r)) if empty_alternative => (code.clone(), r.clone()),
            Some((_, r)) => ("2XX".to_string(), r.clone()),
            None => (
                "2XX".to_string(),
                json!({"description": success.first().and_then(|(_, r)| r.get("description")).cloned().unwrap_or(json!("Success"))}),
            ),
        };
        normalize_content(&mut response, &method);
        let mut only = Map::new();
        only.insert(code, response);
        *responses = only;
    }
}

fn normalize_content(response: &mut Value, method: &str) {
    let Some(obj) = response.as_object_mut() else {
        return;
    };
    let content = obj
        .get("content")
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default();
    let new_content = if let Some(media) = content.get("application/json") {
        Some(("application/json", media.clone()))
    } else if let Some(media) = content.get("*/*").filter(|m| m.get("schema").is_some()) {
        // `*/*` with a JSON schema: the server sends JSON.
        Some(("application/json", media.clone()))
    } else if let Some((mt, media)) = content.iter().next() {
        Some((mt.as_str(), media.clone()))
    } else if method == "get" {
        // A GET declared without content still has a body; keep it as raw bytes
        // rather than throwing it away. The overlay types the JSON ones.
        Some((
            "application/octet-stream",
            json!({"schema": {"type": "string", "format": "binary"}}),
        ))
    } else {
        None
    };
    match new_content {
        Some((mt, media)) => {
            let mut c = Map::new();
            c.insert(mt.to_string(), media);
            obj.insert("content".into(), Value::Object(c));
        }
        None => {
            obj.remove("content");
        }
    }
}
