//! `spec diff`: what changed between two upstream documents, for a human reviewing
//! an upgrade: operations, parameters, bodies, schemas and their fields.

use crate::spec::{METHODS, op_key};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Type of a schema in one short word: `UserRepresentation`, `[string]`, `{string}`, `integer(int64)`.
fn type_of(schema: Option<&Value>) -> String {
    let Some(s) = schema.and_then(Value::as_object) else {
        return "-".into();
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    match s.get("type").and_then(Value::as_str) {
        Some("array") => format!("[{}]", type_of(s.get("items"))),
        Some("object")
            if s.get("properties").is_none()
                && s.get("additionalProperties").is_some_and(Value::is_object) =>
        {
            format!("{{{}}}", type_of(s.get("additionalProperties")))
        }
        Some(t) => match s.get("format").and_then(Value::as_str) {
            Some(f) => format!("{t}({f})"),
            None => t.to_string(),
        },
        None => "any".into(),
    }
}

fn body_type(content: Option<&Value>) -> String {
    match content.and_then(Value::as_object) {
        None => "-".into(),
        Some(c) if c.is_empty() => "-".into(),
        Some(c) => c
            .iter()
            .map(|(mt, m)| format!("{} {}", mt, type_of(m.get("schema"))))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

struct Op {
    params: BTreeMap<String, String>,
    body: String,
    response: String,
}

fn ops(doc: &Value) -> BTreeMap<String, Op> {
    let mut out = BTreeMap::new();
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let shared = item
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (m, op) in item
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(m, _)| METHODS.contains(&m.as_str()))
        {
            let mut params = BTreeMap::new();
            let own = op
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            for p in shared.iter().chain(own.iter()) {
                let name = format!(
                    "{} `{}`",
                    p["in"].as_str().unwrap_or("?"),
                    p["name"].as_str().unwrap_or("?")
                );
                params.insert(name, type_of(p.get("schema")));
            }
            let response = op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(c, _)| c.starts_with('2'))
                .map(|(c, r)| format!("{c} {}", body_type(r.get("content"))))
                .collect::<Vec<_>>()
                .join(", ");
            out.insert(
                op_key(m, path),
                Op {
                    params,
                    body: body_type(op.pointer("/requestBody/content")),
                    response,
                },
            );
        }
    }
    out
}

fn schemas(doc: &Value) -> BTreeMap<String, BTreeMap<String, String>> {
    let empty = Map::new();
    let all = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    all.iter()
        .map(|(name, s)| {
            let fields = s
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(f, fs)| (f.clone(), type_of(Some(fs))))
                .collect();
            (name.clone(), fields)
        })
        .collect()
}

/// Compare two maps: (added, removed, changed) keys with their values.
fn compare<'a>(
    old: &'a BTreeMap<String, String>,
    new: &'a BTreeMap<String, String>,
) -> Vec<String> {
    let mut lines = Vec::new();
    for (k, v) in new {
        match old.get(k) {
            None => lines.push(format!("+ {k}: {v}")),
            Some(o) if o != v => lines.push(format!("~ {k}: {o} → {v}")),
            _ => {}
        }
    }
    for (k, v) in old {
        if !new.contains_key(k) {
            lines.push(format!("- {k}: {v}"));
        }
    }
    lines
}

/// `labels` name the two documents (their `info.version` is always "1.0").
pub fn render(labels: (&str, &str), old: &Value, new: &Value) -> String {
    let (old_ops, new_ops) = (ops(old), ops(new));
    let (old_s, new_s) = (schemas(old), schemas(new));
    let mut out = String::new();
    let _ = writeln!(out, "# API diff ({} → {})", labels.0, labels.1);

    let added: Vec<&String> = new_ops
        .keys()
        .filter(|k| !old_ops.contains_key(*k))
        .collect();
    let removed: Vec<&String> = old_ops
        .keys()
        .filter(|k| !new_ops.contains_key(*k))
        .collect();
    let _ = writeln!(
        out,
        "\n## Operations: {} → {} (+{} −{})",
        old_ops.len(),
        new_ops.len(),
        added.len(),
        removed.len()
    );
    for k in &added {
        let _ = writeln!(out, "+ {k}");
    }
    for k in &removed {
        let _ = writeln!(out, "- {k}");
    }

    let _ = writeln!(out, "\n## Changed operations");
    let mut any = false;
    for (k, new_op) in &new_ops {
        let Some(old_op) = old_ops.get(k) else {
            continue;
        };
        let mut lines = compare(&old_op.params, &new_op.params);
        if old_op.body != new_op.body {
            lines.push(format!("~ body: {} → {}", old_op.body, new_op.body));
        }
        if old_op.response != new_op.response {
            lines.push(format!(
                "~ response: {} → {}",
                old_op.response, new_op.response
            ));
        }
        if !lines.is_empty() {
            any = true;
            let _ = writeln!(out, "{k}");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    }
    if !any {
        let _ = writeln!(out, "(none)");
    }

    let s_added: Vec<&String> = new_s.keys().filter(|k| !old_s.contains_key(*k)).collect();
    let s_removed: Vec<&String> = old_s.keys().filter(|k| !new_s.contains_key(*k)).collect();
    let _ = writeln!(
        out,
        "\n## Schemas: {} → {} (+{} −{})",
        old_s.len(),
        new_s.len(),
        s_added.len(),
        s_removed.len()
    );
    for k in &s_added {
        let _ = writeln!(out, "+ {k}");
    }
    for k in &s_removed {
        let _ = writeln!(out, "- {k}");
    }
    let _ = writeln!(out, "\n## Changed fields");
    let mut any = false;
    for (name, fields) in &new_s {
        let Some(old_fields) = old_s.get(name) else {
            continue;
        };
        let lines = compare(old_fields, fields);
        if !lines.is_empty() {
            any = true;
            let _ = writeln!(out, "{name}");
            for l in lines {
                let _ = writeln!(out, "  {l}");
            }
        }
    }
    if !any {
        let _ = writeln!(out, "(none)");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_added_removed_and_retyped() {
        let old = json!({"info": {"version": "1"}, "paths": {
            "/a": {"get": {"parameters": [{"name": "max", "in": "query", "schema": {"type": "string"}}], "responses": {}}},
            "/gone": {"delete": {"responses": {}}}
        }, "components": {"schemas": {"U": {"properties": {"name": {"type": "string"}, "old": {"type": "string"}}}}}});
        let new = json!({"info": {"version": "2"}, "paths": {
            "/a": {"get": {"parameters": [{"name": "max", "in": "query", "schema": {"type": "integer", "format": "int32"}}], "responses": {}}},
            "/b": {"post": {"responses": {}}}
        }, "components": {"schemas": {"U": {"properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}});
        let text = render(("1", "2"), &old, &new);
        assert!(text.contains("+ POST /b"), "{text}");
        assert!(text.contains("- DELETE /gone"), "{text}");
        assert!(
            text.contains("~ query `max`: string → integer(int32)"),
            "{text}"
        );
        assert!(text.contains("+ tags: [string]"), "{text}");
        assert!(text.contains("- old: string"), "{text}");
    }
}

#[cfg(test)]
mod snapshot {
    /// The diff format itself is reviewed: 26.6.0 → 26.7.3 of the shipped documents.
    #[test]
    fn diff_between_two_shipped_versions() {
        let dir = crate::paths::shared_specs_dir(&crate::paths::workspace_root());
        let old = crate::spec::load_any(&dir.join("keycloak-26.6.0.json")).unwrap();
        let new = crate::spec::load_any(&dir.join("keycloak-26.7.3.json")).unwrap();
        insta::assert_snapshot!(super::render(
            ("keycloak-26.6.0", "keycloak-26.7.3"),
            &old,
            &new
        ));
    }
}
