//! Schemas that describe a Java class instead of the JSON it stands for.
//!
//! Keycloak's document is generated from Java types. Where a field holds raw
//! JSON through a wrapper class (Jackson's `JsonNode`/`ObjectNode`, Keycloak's
//! `RawJsonValue`, a map class), the generator describes the wrapper's getters
//! — `{ "value": {}, "empty": boolean }` — not the JSON on the wire. 26.8's
//! documents declare the client policies' `configuration` that way while the
//! server still sends and reads a plain object (`{"auto-configure": true}`).
//! Generated as declared, the field could no longer carry what the server
//! sends. Every reference to such a schema becomes free-form JSON: an object
//! (`Map<String, Value>`) where the site says object, any value otherwise —
//! the Rust type it had before the wrapper appeared. The rule knows the family
//! by name and by shape, so the next document's wrapper is caught too.

use serde_json::{Map, Value, json};

/// Java classes whose schema is the class, not its JSON.
const WRAPPER_NAMES: &[&str] = &[
    "RawJsonValue",
    "JsonNode",
    "ObjectNode",
    "ArrayNode",
    "ValueNode",
    "JsonValue",
    "JsonObject",
];

/// Getter names of those classes (`isEmpty()` → `empty`, `getNodeType()` →
/// `nodeType`, …): a schema with nothing but these describes a Java object.
const GETTER_PROPERTIES: &[&str] = &[
    "value",
    "empty",
    "size",
    "nodeType",
    "array",
    "object",
    "null",
    "missingNode",
    "pojo",
    "number",
    "valueNode",
    "container",
    "textual",
    "boolean",
    "binary",
    "integralNumber",
    "floatingPointNumber",
    "short",
    "int",
    "long",
    "float",
    "double",
    "bigDecimal",
    "bigInteger",
    "embeddedValue",
    "valueType",
];

/// One reference replaced: who held it and which wrapper it named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neutralized {
    /// `Schema.field`, `Schema` or `METHOD /path …` (where the reference was).
    pub site: String,
    /// The wrapper schema's name.
    pub wrapper: String,
    /// `a JSON object` or `any JSON value`: what the site became.
    pub became: &'static str,
}

/// Whether the component schema `name` describes a Java wrapper class.
pub fn is_wrapper(name: &str, schema: &Value) -> bool {
    let props = schema.get("properties").and_then(Value::as_object);
    let only_getters =
        |p: &Map<String, Value>| p.keys().all(|k| GETTER_PROPERTIES.contains(&k.as_str()));
    if WRAPPER_NAMES.contains(&name) {
        return props.is_none_or(only_getters);
    }
    // A map or node class described by its getters: `empty` (from `isEmpty()`)
    // beside nothing but other getters.
    props.is_some_and(|p| {
        p.get("empty").and_then(|e| e.get("type")) == Some(&json!("boolean")) && only_getters(p)
    })
}

/// Replace every reference to a wrapper schema with free-form JSON and drop the
/// wrapper schemas no longer referenced; what was replaced, in document order.
pub fn neutralize(doc: &mut Value) -> Vec<Neutralized> {
    let wrappers: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(name, s)| is_wrapper(name, s))
        .map(|(name, _)| name.clone())
        .collect();
    if wrappers.is_empty() {
        return Vec::new();
    }
    let mut done = Vec::new();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for (name, schema) in schemas.iter_mut() {
            if wrappers.contains(name) {
                continue;
            }
            replace(schema, name, &wrappers, &mut done);
        }
    }
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            for (method, op) in item.as_object_mut().into_iter().flatten() {
                let site = format!("{} {path}", method.to_uppercase());
                replace(op, &site, &wrappers, &mut done);
            }
        }
    }
    let text = doc.to_string();
    if let Some(schemas) = doc
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
    {
        for w in &wrappers {
            if !text.contains(&format!("\"#/components/schemas/{w}\"")) {
                schemas.remove(w);
            }
        }
    }
    done
}

/// The wrapper a schema stands for: `{$ref: W}` or `{allOf: [{$ref: W}]}`.
fn wrapper_of<'a>(schema: &Map<String, Value>, wrappers: &'a [String]) -> Option<&'a String> {
    let reference = match schema.get("allOf").and_then(Value::as_array) {
        Some(parts) if parts.len() == 1 => parts[0].get("$ref"),
        Some(_) => None,
        None => schema.get("$ref"),
    }?;
    let name = reference.as_str()?.strip_prefix("#/components/schemas/")?;
    wrappers.iter().find(|w| *w == name)
}

/// Walk `node`, naming sites after `site` (a property's schema is
/// `site.property`), and replace wrapper references in place.
fn replace(node: &mut Value, site: &str, wrappers: &[String], done: &mut Vec<Neutralized>) {
    match node {
        Value::Object(map) => {
            if let Some(wrapper) = wrapper_of(map, wrappers).cloned() {
                let object = map.get("type") == Some(&json!("object"))
                    || map.contains_key("additionalProperties");
                let mut free = Map::new();
                if object {
                    free.insert("type".into(), json!("object"));
                    free.insert("additionalProperties".into(), json!(true));
                }
                for keep in [
                    "description",
                    "deprecated",
                    "readOnly",
                    "writeOnly",
                    "nullable",
                ] {
                    if let Some(v) = map.get(keep) {
                        free.insert(keep.into(), v.clone());
                    }
                }
                *map = free;
                done.push(Neutralized {
                    site: site.to_string(),
                    wrapper,
                    became: if object {
                        "a JSON object"
                    } else {
                        "any JSON value"
                    },
                });
                return;
            }
            let properties = map.contains_key("properties");
            for (key, child) in map.iter_mut() {
                if properties && key == "properties" {
                    for (field, schema) in child.as_object_mut().into_iter().flatten() {
                        replace(schema, &format!("{site}.{field}"), wrappers, done);
                    }
                } else {
                    replace(child, site, wrappers, done);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                replace(item, site, wrappers, done);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 26.8's declaration of the client policies' configuration, as published.
    fn doc_26_8() -> Value {
        json!({
            "paths": {},
            "components": { "schemas": {
                "RawJsonValue": { "type": "object", "properties": {
                    "value": {}, "empty": { "type": "boolean" } } },
                "ClientPolicyConditionRepresentation": { "type": "object", "properties": {
                    "condition": { "type": "string" },
                    "configuration": {
                        "description": "Configuration settings as a JSON object",
                        "allOf": [{ "$ref": "#/components/schemas/RawJsonValue" }],
                        "additionalProperties": true } } },
                "ComponentTypeRepresentation": { "type": "object", "properties": {
                    "metadata": { "$ref": "#/components/schemas/JsonNode" } } },
                "JsonNode": { "type": "object" },
                "Attributes": { "type": "object", "properties": {
                    "empty": { "type": "boolean" }, "size": { "type": "integer" } } },
                "Holder": { "type": "object", "properties": {
                    "attributes": { "$ref": "#/components/schemas/Attributes" } } },
                "Plain": { "type": "object", "properties": {
                    "empty": { "type": "boolean" }, "name": { "type": "string" } } }
            } }
        })
    }

    #[test]
    fn a_wrapper_reference_becomes_free_form_json_and_the_wrapper_goes() {
        let mut doc = doc_26_8();
        let done = neutralize(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(
            schemas["ClientPolicyConditionRepresentation"]["properties"]["configuration"],
            json!({ "type": "object", "additionalProperties": true,
                    "description": "Configuration settings as a JSON object" })
        );
        // No hint of an object at the site: any JSON value.
        assert_eq!(
            schemas["ComponentTypeRepresentation"]["properties"]["metadata"],
            json!({})
        );
        // A map class described by its getters (`isEmpty()`, `size()`).
        assert_eq!(schemas["Holder"]["properties"]["attributes"], json!({}));
        for gone in ["RawJsonValue", "JsonNode", "Attributes"] {
            assert!(
                schemas.get(gone).is_none(),
                "{gone} is no longer referenced"
            );
        }
        // A real model that happens to have an `empty` field is left alone.
        assert_eq!(
            schemas["Plain"]["properties"]["name"],
            json!({ "type": "string" })
        );
        let sites: Vec<(&str, &str, &str)> = done
            .iter()
            .map(|n| (n.site.as_str(), n.wrapper.as_str(), n.became))
            .collect();
        assert_eq!(
            sites,
            [
                (
                    "ClientPolicyConditionRepresentation.configuration",
                    "RawJsonValue",
                    "a JSON object"
                ),
                (
                    "ComponentTypeRepresentation.metadata",
                    "JsonNode",
                    "any JSON value"
                ),
                ("Holder.attributes", "Attributes", "any JSON value"),
            ]
        );
    }

    #[test]
    fn references_in_operations_are_named_by_their_operation() {
        let mut doc = doc_26_8();
        doc["paths"] = json!({ "/x": { "get": { "responses": { "200": { "content": {
            "application/json": { "schema": { "$ref": "#/components/schemas/ObjectNode" } } } } } } } });
        doc["components"]["schemas"]["ObjectNode"] = json!({ "type": "object" });
        let done = neutralize(&mut doc);
        assert!(
            done.iter()
                .any(|n| n.site == "GET /x" && n.wrapper == "ObjectNode")
        );
        assert_eq!(
            doc.pointer("/paths/~1x/get/responses/200/content/application~1json/schema"),
            Some(&json!({}))
        );
    }

    /// Every shipped document (the pinned one may be newer and carry wrappers).
    #[test]
    fn documents_without_wrappers_are_untouched() {
        let dir = crate::paths::shared_specs_dir(&crate::paths::workspace_root());
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let shipped = crate::spec::load_any(&path).unwrap();
            let mut doc = shipped.clone();
            assert!(neutralize(&mut doc).is_empty(), "{}", path.display());
            assert_eq!(doc, shipped);
        }
    }
}
