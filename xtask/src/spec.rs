//! Small helpers over an OpenAPI document held as `serde_json::Value`
//! (order-preserving, so the normalized output diffs cleanly).

use anyhow::{Context, Result};
use serde_json::{Map, Value};
use std::path::Path;

pub const METHODS: [&str; 7] = ["get", "put", "post", "delete", "patch", "head", "options"];

pub fn load_any(path: &Path) -> Result<Value> {
    let text = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("parsing {}", path.display()))
}

pub fn to_pretty(doc: &Value) -> String {
    serde_json::to_string_pretty(doc).expect("a JSON value serializes") + "\n"
}

/// Every operation as (path, method, operation object), in document order.
pub fn operations_mut(
    doc: &mut Value,
) -> impl Iterator<Item = (String, String, &mut Map<String, Value>)> {
    doc.get_mut("paths")
        .and_then(Value::as_object_mut)
        .into_iter()
        .flat_map(|paths| paths.iter_mut())
        .flat_map(|(path, item)| {
            item.as_object_mut().into_iter().flat_map(move |item| {
                let path = path.clone();
                item.iter_mut()
                    .filter(|(m, _)| METHODS.contains(&m.as_str()))
                    .filter_map(move |(m, op)| {
                        op.as_object_mut().map(|op| (path.clone(), m.clone(), op))
                    })
            })
        })
}

pub fn operations(doc: &Value) -> Vec<(String, String, &Map<String, Value>)> {
    let mut out = Vec::new();
    if let Some(paths) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in paths {
            for (m, op) in item.as_object().into_iter().flatten() {
                if let (true, Some(op)) = (METHODS.contains(&m.as_str()), op.as_object()) {
                    out.push((path.clone(), m.clone(), op));
                }
            }
        }
    }
    out
}

/// `GET /admin/realms/{realm}/users`: how operations are named in the lock, overlay and messages.
pub fn op_key(method: &str, path: &str) -> String {
    format!("{} {}", method.to_uppercase(), path)
}

/// Visit every schema in the document (components and inline), parents before children.
pub fn visit_schemas(doc: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (_, schema) in schemas.iter_mut() {
            visit_schema(schema, f);
        }
    }
    for (_, _, op) in operations_mut(doc) {
        for param in op
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if let Some(schema) = param.get_mut("schema") {
                visit_schema(schema, f);
            }
        }
        if let Some(content) = op.get_mut("requestBody").and_then(|b| b.get_mut("content")) {
            visit_content(content, f);
        }
        for (_, response) in op
            .get_mut("responses")
            .and_then(Value::as_object_mut)
            .into_iter()
            .flatten()
        {
            if let Some(content) = response.get_mut("content") {
                visit_content(content, f);
            }
        }
    }
}

fn visit_content(content: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    for (_, media) in content.as_object_mut().into_iter().flatten() {
        if let Some(schema) = media.get_mut("schema") {
            visit_schema(schema, f);
        }
    }
}

/// One schema and its subschemas.
pub fn visit_schema(schema: &mut Value, f: &mut dyn FnMut(&mut Map<String, Value>)) {
    let Some(map) = schema.as_object_mut() else {
        return;
    };
    f(map);
    if let Some(props) = map.get_mut("properties").and_then(Value::as_object_mut) {
        for (_, p) in props.iter_mut() {
            visit_schema(p, f);
        }
    }
    for key in ["items", "additionalProperties", "not"] {
        if let Some(child) = map.get_mut(key) {
            visit_schema(child, f);
        }
    }
    for key in ["allOf", "oneOf", "anyOf"] {
        for child in map
            .get_mut(key)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            visit_schema(child, f);
        }
    }
}
