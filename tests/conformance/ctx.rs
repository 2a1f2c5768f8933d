//! What the fixtures made, by name, and how an operation's path parameters
//! are filled from it.

use serde_json::Value;
use std::collections::HashMap;

/// Fixture values by key. A path parameter `{name}` of a route is looked up
/// by the route up to it (`/clients/{client-uuid}/protocol-mappers/models/{id}`),
/// then by the segment before it and its name (`models/id`), then by its
/// name (`user-id`): one fixture value serves every route whose parameter
/// means the same thing, and the rest are told apart.
#[derive(Default, Debug)]
pub struct Ctx {
    values: HashMap<String, String>,
}

/// The route below `/admin/realms/{realm}`.
pub fn relative(template: &str) -> &str {
    template
        .strip_prefix("/admin/realms/{realm}")
        .unwrap_or(template)
}

impl Ctx {
    pub fn set(&mut self, key: &str, value: impl Into<String>) {
        self.values.insert(key.to_string(), value.into());
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str)
    }

    /// `(parameter name, value)` for every path parameter of `template`;
    /// the names without a value are returned apart.
    pub fn path_args(&self, template: &str) -> (Vec<(String, String)>, Vec<String>) {
        let mut found = Vec::new();
        let mut missing = Vec::new();
        if template.starts_with("/admin/realms/{realm}") {
            match self.get("realm") {
                Some(r) => found.push(("realm".to_string(), r.to_string())),
                None => missing.push("realm".to_string()),
            }
        }
        let rel = relative(template);
        let segments: Vec<&str> = rel.split('/').collect();
        for (i, seg) in segments.iter().enumerate() {
            let Some(name) = seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')) else {
                continue;
            };
            let prefix = segments[..=i].join("/");
            let previous = segments[..i]
                .iter()
                .rev()
                .find(|s| !s.starts_with('{'))
                .copied()
                .unwrap_or("");
            let keys = [prefix, format!("{previous}/{name}"), name.to_string()];
            match keys.iter().find_map(|k| self.get(k)) {
                Some(v) => found.push((name.to_string(), v.to_string())),
                None => missing.push(name.to_string()),
            }
        }
        (found, missing)
    }

    /// `${key}` in every string of `value` replaced by the fixture value.
    pub fn fill(&self, value: &Value) -> Result<Value, String> {
        Ok(match value {
            Value::String(s) => Value::String(self.fill_str(s)?),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|v| self.fill(v))
                    .collect::<Result<_, _>>()?,
            ),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| Ok((self.fill_str(k)?, self.fill(v)?)))
                    .collect::<Result<_, String>>()?,
            ),
            other => other.clone(),
        })
    }

    /// `s` with every `${key}` filled; the first key not set is the error.
    pub fn fill_str(&self, s: &str) -> Result<String, String> {
        let mut out = String::new();
        let mut rest = s;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let end = after.find('}').expect("`${` closed by `}`");
            let key = &after[..end];
            match self.get(key) {
                Some(v) => out.push_str(v),
                None => return Err(format!("no fixture `{key}`")),
            }
            rest = &after[end + 1..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_resolve_from_the_most_specific_key() {
        let mut ctx = Ctx::default();
        ctx.set("realm", "r");
        ctx.set("client-uuid", "c");
        ctx.set("id", "generic");
        ctx.set("components/id", "component");
        ctx.set(
            "/clients/{client-uuid}/protocol-mappers/models/{id}",
            "mapper",
        );
        let (args, missing) = ctx.path_args("/admin/realms/{realm}/components/{id}");
        assert_eq!(args[1], ("id".into(), "component".into()));
        assert!(missing.is_empty());
        let (args, _) = ctx
            .path_args("/admin/realms/{realm}/clients/{client-uuid}/protocol-mappers/models/{id}");
        assert_eq!(args[2], ("id".into(), "mapper".into()));
        let (_, missing) = ctx.path_args("/admin/realms/{realm}/users/{user-id}");
        assert_eq!(missing, ["user-id"]);
    }
}
