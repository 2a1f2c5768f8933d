//! Schema rules: what makes the generated models safe against a real server.

use crate::spec::{visit_schema, visit_schemas};
use serde_json::{Value, json};

/// `pattern: ".*"` says nothing and costs a regex dependency.
pub fn drop_match_all_patterns(doc: &mut Value) {
    visit_schemas(doc, &mut |s| {
        if s.get("pattern").and_then(Value::as_str) == Some(".*") {
            s.remove("pattern");
        }
    });
}

/// Closed enums make one new value from a newer server fail the whole response.
/// Enums become strings; the known values stay in the description.
pub fn open_enums(doc: &mut Value) {
    visit_schemas(doc, &mut |s| {
        let Some(Value::Array(values)) = s.remove("enum") else {
            return;
        };
        let known: Vec<String> = values
            .iter()
            .map(|v| {
                v.as_str()
                    .map(str::to_string)
                    .unwrap_or_else(|| v.to_string())
            })
            .collect();
        let note = format!("Known values: {}.", known.join(", "));
        let description = match s.get("description").and_then(Value::as_str) {
            Some(d) if !d.is_empty() => format!("{d}\n\n{note}"),
            _ => note,
        };
        s.insert("description".into(), Value::String(description));
        s.entry("type").or_insert(json!("string"));
    });
}

/// typify skips empty `Vec`s and maps when serializing optional properties, so
/// `requiredActions: []` or `attributes: {}` could never be sent (and clearing is a
/// common need). Nullable collections become `Option<…>`, where `Some(empty)` is sent.
pub fn nullable_collections(doc: &mut Value) {
    visit_schemas(doc, &mut |s| {
        let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) else {
            return;
        };
        for (_, p) in props.iter_mut() {
            let Some(p) = p.as_object_mut() else { continue };
            let is_array = p.get("type").and_then(Value::as_str) == Some("array");
            let is_map = p.get("type").and_then(Value::as_str) == Some("object")
                && p.get("properties").is_none()
                && p.get("additionalProperties").is_some();
            if is_array || is_map {
                p.insert("nullable".into(), Value::Bool(true));
            }
        }
    });
}

/// A read-modify-write must not lose fields this spec does not know (a newer
/// server's, or ones Keycloak leaves undocumented). Every object with declared
/// properties keeps the rest in a flattened `extra` map.
pub fn keep_unknown_fields(doc: &mut Value) {
    let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    else {
        return;
    };
    for (_, schema) in schemas.iter_mut() {
        visit_schema(schema, &mut |s| {
            if s.contains_key("properties") && !s.contains_key("additionalProperties") {
                s.insert("additionalProperties".into(), json!({}));
            }
        });
    }
}

/// Keycloak 24 documents `authTime` (a deprecated, write-only Jackson alias) beside
/// `auth_time` on tokens; both become the Rust field `auth_time` and the code does
/// not compile. Of properties whose Rust names collide, deprecated ones go.
pub fn drop_colliding_deprecated_properties(doc: &mut Value) {
    visit_schemas(doc, &mut |s| {
        let Some(props) = s.get_mut("properties").and_then(Value::as_object_mut) else {
            return;
        };
        let rust_name = |n: &str| {
            let mut out = String::new();
            for (i, c) in n.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('_');
                }
                if c.is_alphanumeric() {
                    out.extend(c.to_lowercase());
                } else {
                    out.push('_');
                }
            }
            out
        };
        let names: Vec<String> = props.keys().cloned().collect();
        let doomed: Vec<String> = names
            .iter()
            .filter(|n| props[n.as_str()].get("deprecated").and_then(Value::as_bool) == Some(true))
            .filter(|n| {
                names
                    .iter()
                    .any(|other| other != *n && rust_name(other) == rust_name(n))
            })
            .cloned()
            .collect();
        for n in doomed {
            props.remove(&n);
        }
    });
}
