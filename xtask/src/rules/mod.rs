//! General normalization rules: what holds for the whole document, as opposed
//! to the one-off corrections in spec/overlay.toml. Each rule says why.

pub mod java_wrappers;
mod operation_ids;
mod parameters;
mod request_bodies;
mod responses;
mod schemas;

use crate::lock::Lock;
use anyhow::Result;
use serde_json::Value;

/// Apply all rules in order. `lock` is read for existing ids and grown with new ones.
pub fn apply(doc: &mut Value, lock: &mut Lock) -> Result<()> {
    // First: the wrappers' getter properties must not become model fields.
    java_wrappers::neutralize(doc);
    parameters::push_down_path_parameters(doc);
    parameters::scalar_path_parameters(doc);
    request_bodies::one_media_type(doc);
    responses::success_only(doc);
    schemas::drop_match_all_patterns(doc);
    schemas::drop_colliding_deprecated_properties(doc);
    schemas::open_enums(doc);
    schemas::nullable_collections(doc);
    schemas::keep_unknown_fields(doc);
    operation_ids::assign(doc, lock)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    //! The rules hold on the committed normalized document.

    use crate::spec::{METHODS, load_any, visit_schemas};
    use serde_json::Value;

    fn normalized() -> Value {
        load_any(&crate::paths::spec_dir(&crate::paths::workspace_root()).join("normalized.json"))
            .unwrap()
    }

    #[test]
    fn every_operation_has_an_id_one_success_response_and_one_body_type() {
        let doc = normalized();
        for (path, item) in doc["paths"].as_object().unwrap() {
            assert!(
                item.get("parameters").is_none(),
                "{path}: path-level parameters are pushed down"
            );
            for (method, op) in item
                .as_object()
                .unwrap()
                .iter()
                .filter(|(m, _)| METHODS.contains(&m.as_str()))
            {
                let key = format!("{method} {path}");
                assert!(op["operationId"].is_string(), "{key}");
                let responses = op["responses"].as_object().unwrap();
                assert_eq!(responses.len(), 1, "{key}: {responses:?}");
                assert!(
                    responses.keys().all(|c| c.starts_with('2')),
                    "{key}: only success is declared"
                );
                if let Some(content) = op.pointer("/requestBody/content") {
                    assert_eq!(content.as_object().unwrap().len(), 1, "{key}");
                }
                for p in op["parameters"].as_array().into_iter().flatten() {
                    if p["in"] == "path" {
                        assert_eq!(
                            p["schema"]["type"], "string",
                            "{key}: path parameter {}",
                            p["name"]
                        );
                    }
                    if p["in"] == "query" && path.contains("/authz/resource-server/resource") {
                        assert_eq!(method, "get", "{key}: search filters only on GETs");
                    }
                }
            }
        }
    }

    #[test]
    fn no_closed_enums_and_no_match_all_patterns_remain() {
        let mut doc = normalized();
        visit_schemas(&mut doc, &mut |s| {
            assert!(!s.contains_key("enum"), "{s:?}");
            assert_ne!(s.get("pattern").and_then(Value::as_str), Some(".*"));
        });
    }

    #[test]
    fn models_keep_unknown_fields_and_collections_are_nullable() {
        let doc = normalized();
        let user = &doc["components"]["schemas"]["UserRepresentation"];
        assert_eq!(user["additionalProperties"], serde_json::json!({}));
        assert_eq!(user["properties"]["requiredActions"]["nullable"], true);
        assert_eq!(user["properties"]["attributes"]["nullable"], true);
    }
}
