//! Drift: what a server sends that this client's types do not know.
//!
//! Every model keeps unknown fields in its `extra` map, so nothing is lost —
//! and nothing is said either. This module names them: the fields of an
//! answer that would land in some model's `extra`, as `Model.field`. The
//! shapes come from the generated types themselves (`build/shapes.rs`).
//!
//! Decoding reports them as a `tracing` event at debug level, target
//! `keycloak_admin_api::drift`, for every operation whose answer has any (the
//! check runs only while that level is enabled for the target):
//! `RUST_LOG=keycloak_admin_api::drift=debug` with `tracing-subscriber`'s
//! `EnvFilter` shows them.
//!
//! ```
//! use keycloak_admin_api::{drift, operations};
//! let answer = serde_json::json!([{ "username": "jane", "nickname": "J" }]);
//! assert_eq!(drift::unknown_fields(operations::GET_USERS, &answer), ["UserRepresentation.nickname"]);
//! ```

use crate::Operation;
use serde_json::Value;
use std::collections::BTreeSet;

/// The `tracing` target of the drift events.
pub const TARGET: &str = "keycloak_admin_api::drift";

/// The JSON shape of a type: what to look inside for models.
#[derive(Debug)]
pub(crate) enum Shape {
    /// Free-form JSON (`serde_json::Value`): anything goes.
    Any,
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// Something else with nothing inside to check (or no body).
    Scalar,
    /// `[T]`.
    List(&'static Shape),
    /// `{string: T}`.
    Map(&'static Shape),
    /// A generated model, by name.
    Model(&'static str),
}

/// A model's fields as serde reads them, sorted by name.
pub(crate) struct Model {
    name: &'static str,
    fields: &'static [(&'static str, Shape)],
}

include!(concat!(env!("KEYCLOAK_ADMIN_API_GENERATED"), "/shapes.rs"));

/// The fields of `answer` (an answer of `op`) that its declared type does not
/// know, as `Model.field`, sorted and each once. Empty for operations without
/// a JSON answer.
pub fn unknown_fields(op: &Operation, answer: &Value) -> Vec<String> {
    let Ok(i) = RESPONSES.binary_search_by(|(id, _)| (*id).cmp(op.id)) else {
        return Vec::new();
    };
    let mut out = BTreeSet::new();
    walk(&RESPONSES[i].1, answer, &mut out);
    out.into_iter().collect()
}

/// The same for a value of the model `model` (e.g. a request body), or `None`
/// when there is no such model.
///
/// ```
/// use keycloak_admin_api::drift;
/// let body = serde_json::json!({ "name": "ops", "subGroups": [{ "name": "a", "colour": "red" }] });
/// assert_eq!(drift::unknown_fields_of("GroupRepresentation", &body).unwrap(), ["GroupRepresentation.colour"]);
/// assert!(drift::unknown_fields_of("NoSuchModel", &body).is_none());
/// ```
pub fn unknown_fields_of(model: &str, value: &Value) -> Option<Vec<String>> {
    let model = find(model)?;
    let mut out = BTreeSet::new();
    walk(&Shape::Model(model.name), value, &mut out);
    Some(out.into_iter().collect())
}

/// The JSON field names of the model `model`, sorted (`None`: no such model).
///
/// ```
/// let fields = keycloak_admin_api::drift::fields_of("CredentialRepresentation").unwrap();
/// assert!(fields.contains(&"temporary"));
/// ```
pub fn fields_of(model: &str) -> Option<Vec<&'static str>> {
    Some(find(model)?.fields.iter().map(|(name, _)| *name).collect())
}

/// What a field holds, for code that builds bodies from text (a command
/// line's `-s enabled=true` is a boolean, `-s name=123` a string).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Kind {
    /// A string.
    Text,
    /// `true` or `false`.
    Bool,
    /// A whole number.
    Integer,
    /// A JSON array.
    List,
    /// A JSON object: a map, or the model named.
    Object(Option<&'static str>),
    /// Any JSON value.
    Any,
}

/// The kind of the field at `path` (field names, each a model's field) in
/// the model `model`; `None` when some name is not a field.
///
/// ```
/// use keycloak_admin_api::drift::{self, Kind};
/// assert_eq!(drift::kind_of("UserRepresentation", &["enabled"]), Some(Kind::Bool));
/// assert_eq!(drift::kind_of("ClientRepresentation", &["redirectUris"]), Some(Kind::List));
/// assert_eq!(drift::kind_of("UserRepresentation", &["enabeld"]), None);
/// ```
pub fn kind_of(model: &str, path: &[&str]) -> Option<Kind> {
    let mut shape = &Shape::Model(find(model)?.name);
    for name in path {
        let Shape::Model(m) = shape else { return None };
        let m = find(m)?;
        let i = m.fields.binary_search_by(|(f, _)| (*f).cmp(name)).ok()?;
        shape = &m.fields[i].1;
    }
    Some(match shape {
        Shape::Text => Kind::Text,
        Shape::Bool => Kind::Bool,
        Shape::Integer => Kind::Integer,
        Shape::List(_) => Kind::List,
        Shape::Map(_) => Kind::Object(None),
        Shape::Model(m) => Kind::Object(Some(m)),
        Shape::Any | Shape::Scalar => Kind::Any,
    })
}

fn find(model: &str) -> Option<&'static Model> {
    MODELS
        .binary_search_by(|m| m.name.cmp(model))
        .ok()
        .map(|i| &MODELS[i])
}

fn walk(shape: &Shape, value: &Value, out: &mut BTreeSet<String>) {
    match (shape, value) {
        (Shape::List(item), Value::Array(items)) => {
            items.iter().for_each(|v| walk(item, v, out));
        }
        (Shape::Map(item), Value::Object(map)) => {
            map.values().for_each(|v| walk(item, v, out));
        }
        (Shape::Model(name), Value::Object(map)) => {
            let Some(model) = find(name) else { return };
            for (key, v) in map {
                match model.fields.binary_search_by(|(f, _)| (*f).cmp(key)) {
                    Ok(i) => walk(&model.fields[i].1, v, out),
                    Err(_) => {
                        out.insert(format!("{name}.{key}"));
                    }
                }
            }
        }
        _ => {}
    }
}

/// Emit the drift event for an answer of `operation_id`, if debug is on for
/// [`TARGET`] and the answer has unknown fields.
pub(crate) fn report(operation_id: &'static str, body: &[u8]) {
    if !tracing::enabled!(target: TARGET, tracing::Level::DEBUG) {
        return;
    }
    let Some(op) = Operation::by_id(operation_id) else {
        return;
    };
    let Ok(answer) = serde_json::from_slice::<Value>(body) else {
        return;
    };
    let fields = unknown_fields(op, &answer);
    if !fields.is_empty() {
        tracing::debug!(
            target: TARGET,
            operation = operation_id,
            fields = %fields.join(", "),
            "the answer has fields this client's types do not know (kept in `extra`)"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_shapes_are_sorted_for_binary_search() {
        assert!(MODELS.windows(2).all(|w| w[0].name < w[1].name));
        assert!(RESPONSES.windows(2).all(|w| w[0].0 < w[1].0));
        for m in MODELS {
            assert!(m.fields.windows(2).all(|w| w[0].0 < w[1].0), "{}", m.name);
        }
        assert_eq!(RESPONSES.len(), crate::operations::ALL.len());
    }

    #[test]
    fn nested_models_lists_and_maps_are_walked() {
        let users = json!([{
            "username": "jane",
            "attributes": { "dept": ["ops"] },
            "clientConsents": [{ "clientId": "app", "grantedClientScopes": ["email"], "why": "x" }],
            "credentials": [{ "type": "password", "strength": 3 }],
            "mood": "fine"
        }, { "username": "joe", "mood": "meh" }]);
        assert_eq!(
            unknown_fields(crate::operations::GET_USERS, &users),
            [
                "CredentialRepresentation.strength",
                "UserConsentRepresentation.why",
                "UserRepresentation.mood"
            ]
        );
        // Free-form JSON is never drift; neither is an answer without a body.
        let config = json!({ "policies": [{ "name": "p", "conditions": [
            { "condition": "any-client", "configuration": { "anything": [1, { "goes": true }] } }
        ] }] });
        assert!(
            unknown_fields(crate::operations::GET_CLIENT_POLICIES_POLICIES, &config).is_empty()
        );
        assert!(
            unknown_fields(crate::operations::DELETE_USERS_BY_USER_ID, &json!({"x": 1})).is_empty()
        );
    }
}
