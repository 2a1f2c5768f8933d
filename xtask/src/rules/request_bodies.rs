//! Request body rules.

use crate::spec::operations_mut;
use serde_json::{Map, Value};

/// progenitor supports one request media type per operation. Keep JSON where
/// offered, except when the JSON body is a bare string and plain text is offered
/// too (client-description-converter takes raw JSON/XML/text, which a JSON string
/// would quote).
pub fn one_media_type(doc: &mut Value) {
    for (_, _, op) in operations_mut(doc) {
        let Some(content) = op
            .get_mut("requestBody")
            .and_then(|b| b.get_mut("content"))
            .and_then(Value::as_object_mut)
        else {
            continue;
        };
        if content.len() < 2 {
            continue;
        }
        let json_is_bare_string = content
            .get("application/json")
            .and_then(|m| m.pointer("/schema/type"))
            .and_then(Value::as_str)
            == Some("string");
        let keep = if json_is_bare_string && content.contains_key("text/plain") {
            "text/plain"
        } else if content.contains_key("application/json") {
            "application/json"
        } else {
            continue;
        };
        let media = content.remove(keep).expect("checked above");
        let mut only = Map::new();
        only.insert(keep.to_string(), media);
        *content = only;
    }
}
