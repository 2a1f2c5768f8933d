//! Parameter rules.

use crate::spec::{METHODS, operations_mut};
use serde_json::{Value, json};

/// Keycloak declares JAX-RS class-level `@QueryParam`s (the authz resource search
/// filters) as path-item parameters, which puts them on every method of the path,
/// including POST/PUT/DELETE and sub-resources that ignore them. Parameters move
/// down into each operation; the resource-search filters stay only on the GETs
/// that read them (`…/resource` and `…/resource/search`).
pub fn push_down_path_parameters(doc: &mut Value) {
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let Some(item) = item.as_object_mut() else {
            continue;
        };
        let Some(Value::Array(shared)) = item.remove("parameters") else {
            continue;
        };
        let searches = path.ends_with("/authz/resource-server/resource")
            || path.ends_with("/authz/resource-server/resource/search");
        let is_authz_resource = path.contains("/authz/resource-server/resource");
        for (method, op) in item
            .iter_mut()
            .filter(|(m, _)| METHODS.contains(&m.as_str()))
        {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let params = op.entry("parameters").or_insert_with(|| json!([]));
            let Some(params) = params.as_array_mut() else {
                continue;
            };
            for p in shared.iter().rev() {
                let is_query = p.get("in").and_then(Value::as_str) == Some("query");
                if is_query && is_authz_resource && !(searches && method == "get") {
                    continue;
                }
                let name = p.get("name");
                let dup = params
                    .iter()
                    .any(|q| q.get("name") == name && q.get("in") == p.get("in"));
                if !dup {
                    params.insert(0, p.clone());
                }
            }
        }
    }
}

/// A path parameter is text in a URL; `{type}` of the workflow activate/deactivate
/// endpoints is declared as an object, which generates code that does not compile.
pub fn scalar_path_parameters(doc: &mut Value) {
    for (_, _, op) in operations_mut(doc) {
        for p in op
            .get_mut("parameters")
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            if p.get("in").and_then(Value::as_str) != Some("path") {
                continue;
            }
            let ty = p.pointer("/schema/type").and_then(Value::as_str);
            if !matches!(ty, Some("string" | "integer" | "number" | "boolean")) {
                p["schema"] = json!({"type": "string"});
            }
        }
    }
}
