//! The builders of policies and permissions, and reading an evaluation.

use crate::error::{Error, Result};
use keycloak_admin_api::types::{PolicyEvaluationResponse, PolicyRepresentation};
use serde_json::{Value, json};

/// Whether an evaluation ([`Authorization::evaluate`](crate::Authorization::evaluate)) granted access: an
/// overall `PERMIT` with at least one result, every result `PERMIT`. Keycloak
/// answers a resource no permission covers with `PERMIT` and no results — and
/// grants nothing (the RPT's permissions are empty), so that is not a grant.
pub fn is_permitted(answer: &PolicyEvaluationResponse) -> bool {
    let permit =
        |s: Option<&keycloak_admin_api::types::DecisionEffect>| s.is_some_and(|s| s.0 == "PERMIT");
    let results = answer.results.as_deref().unwrap_or_default();
    permit(answer.status.as_ref())
        && !results.is_empty()
        && results.iter().all(|r| permit(r.status.as_ref()))
}

pub(super) fn id_of(
    created: PolicyRepresentation,
    op: &'static keycloak_admin_api::Operation,
) -> Result<String> {
    created.id.ok_or_else(|| Error::Decode {
        operation: op.to_string(),
        message: "the created policy has no id".into(),
    })
}

/// A policy to create: who (users, roles, groups, clients) or when (time),
/// or several combined (aggregate). Typed fields that Keycloak's document
/// lacks travel in the representation's extra map.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewPolicy {
    pub(super) kind: String,
    pub(super) body: PolicyRepresentation,
}

impl NewPolicy {
    /// A policy of any type (`js`, `regex`, …) with its type-specific fields.
    pub fn of_type(kind: &str, name: &str, fields: serde_json::Map<String, Value>) -> Self {
        NewPolicy {
            kind: kind.to_string(),
            body: PolicyRepresentation {
                name: Some(name.to_string()),
                extra: fields,
                ..Default::default()
            },
        }
    }

    fn with(kind: &str, name: &str, field: &str, value: Value) -> Self {
        let mut fields = serde_json::Map::new();
        fields.insert(field.to_string(), value);
        Self::of_type(kind, name, fields)
    }

    /// Grants these users (ids).
    pub fn users<'a>(name: &str, ids: impl IntoIterator<Item = &'a str>) -> Self {
        Self::with(
            "user",
            name,
            "users",
            json!(ids.into_iter().collect::<Vec<_>>()),
        )
    }

    /// Grants holders of any of these roles (ids).
    pub fn roles<'a>(name: &str, ids: impl IntoIterator<Item = &'a str>) -> Self {
        let roles: Vec<Value> = ids
            .into_iter()
            .map(|id| json!({"id": id, "required": false}))
            .collect();
        Self::with("role", name, "roles", json!(roles))
    }

    /// Grants members of any of these groups (ids).
    pub fn groups<'a>(name: &str, ids: impl IntoIterator<Item = &'a str>) -> Self {
        let groups: Vec<Value> = ids
            .into_iter()
            .map(|id| json!({"id": id, "extendChildren": false}))
            .collect();
        Self::with("group", name, "groups", json!(groups))
    }

    /// Grants these clients (ids).
    pub fn clients<'a>(name: &str, ids: impl IntoIterator<Item = &'a str>) -> Self {
        Self::with(
            "client",
            name,
            "clients",
            json!(ids.into_iter().collect::<Vec<_>>()),
        )
    }

    /// Grants while the clock is between `not_before` and `not_on_or_after`
    /// (`yyyy-MM-dd HH:mm:ss`, either may be omitted).
    pub fn time(name: &str, not_before: Option<&str>, not_on_or_after: Option<&str>) -> Self {
        let mut fields = serde_json::Map::new();
        if let Some(t) = not_before {
            fields.insert("notBefore".into(), json!(t));
        }
        if let Some(t) = not_on_or_after {
            fields.insert("notOnOrAfter".into(), json!(t));
        }
        Self::of_type("time", name, fields)
    }

    /// Combines other policies (ids) under the decision strategy (default unanimous).
    pub fn aggregate<'a>(name: &str, policy_ids: impl IntoIterator<Item = &'a str>) -> Self {
        let mut p = Self::of_type("aggregate", name, serde_json::Map::new());
        p.body.policies = Some(policy_ids.into_iter().map(str::to_string).collect());
        p
    }

    /// Grant when the policy says no (logic `NEGATIVE`).
    pub fn negative(mut self) -> Self {
        self.body.logic = Some(keycloak_admin_api::types::Logic("NEGATIVE".into()));
        self
    }

    /// A description.
    pub fn description(mut self, text: &str) -> Self {
        self.body.description = Some(text.to_string());
        self
    }
}

/// A permission to create: which resources (or scopes of them) the listed
/// policies decide on.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewPermission {
    pub(super) kind: &'static str,
    pub(super) body: PolicyRepresentation,
}

impl NewPermission {
    /// A scope-based permission: decides on `.scopes(…)` of `.resources(…)`.
    pub fn scope(name: &str) -> Self {
        Self::of("scope", name)
    }

    /// A resource-based permission: decides on whole `.resources(…)`.
    pub fn resource(name: &str) -> Self {
        Self::of("resource", name)
    }

    fn of(kind: &'static str, name: &str) -> Self {
        NewPermission {
            kind,
            body: PolicyRepresentation {
                name: Some(name.to_string()),
                ..Default::default()
            },
        }
    }

    /// The resources (ids or names) it covers.
    pub fn resources<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
        self.body.resources = Some(ids.into_iter().map(str::to_string).collect());
        self
    }

    /// The resource type it covers (all resources of the type), e.g. `Users`
    /// in the admin permissions.
    pub fn resource_type(mut self, kind: &str) -> Self {
        self.body.resource_type = Some(kind.to_string());
        self
    }

    /// The scopes (ids or names) it covers.
    pub fn scopes<'a>(mut self, names: impl IntoIterator<Item = &'a str>) -> Self {
        self.body.scopes = Some(names.into_iter().map(str::to_string).collect());
        self
    }

    /// The policies (ids) that decide.
    pub fn policies<'a>(mut self, ids: impl IntoIterator<Item = &'a str>) -> Self {
        self.body.policies = Some(ids.into_iter().map(str::to_string).collect());
        self
    }
}
