//! Keycloak's document has no operationIds; progenitor needs one per operation.
//! Ids derive from method + path (without the `/admin/realms/{realm}` prefix),
//! and the lock keeps every id ever issued, so a newer spec never renames one.

use crate::lock::Lock;
use crate::spec::{op_key, operations_mut};
use anyhow::{Result, bail};
use serde_json::Value;
use std::collections::HashSet;

pub fn assign(doc: &mut Value, lock: &mut Lock) -> Result<()> {
    let mut taken: HashSet<String> = lock.values().cloned().collect();
    for (path, method, op) in operations_mut(doc) {
        let key = op_key(&method, &path);
        let id = match lock.get(&key) {
            Some(id) => id.clone(),
            None => {
                let base = derive(&method, &path);
                let id = (1..)
                    .map(|n| {
                        if n == 1 {
                            base.clone()
                        } else {
                            format!("{base}_{n}")
                        }
                    })
                    .find(|c| !taken.contains(c))
                    .expect("an unused suffix exists");
                taken.insert(id.clone());
                lock.insert(key.clone(), id.clone());
                id
            }
        };
        if let Some(upstream) = op.get("operationId").and_then(Value::as_str)
            && upstream != id
        {
            bail!(
                "{key}: upstream now declares operationId `{upstream}`, the lock has `{id}`; keep the lock's id"
            );
        }
        op.insert("operationId".into(), Value::String(id));
    }
    Ok(())
}

/// `GET /admin/realms/{realm}/users/{user-id}/groups` → `get_users_groups`;
/// a trailing parameter is kept as `by_<name>`: `GET …/users/{user-id}` → `get_users_by_user_id`.
pub fn derive(method: &str, path: &str) -> String {
    let (rest, root) = match path.strip_prefix("/admin/realms/{realm}") {
        Some(rest) => (rest, "realm"),
        None => (path.strip_prefix("/admin").unwrap_or(path), "root"),
    };
    let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
    let mut words = vec![method.to_lowercase()];
    let param = |seg: &str| {
        seg.strip_prefix('{')
            .and_then(|s| s.strip_suffix('}'))
            .map(snake)
    };
    // Trailing parameters name the item: `…/policy/{type}/{policy-id}` → `policy_by_type_and_policy_id`.
    let trailing = segments
        .iter()
        .rev()
        .take_while(|s| param(s).is_some())
        .count();
    let (body, tail) = segments.split_at(segments.len() - trailing);
    words.extend(body.iter().filter(|s| param(s).is_none()).map(|s| snake(s)));
    if !tail.is_empty() {
        words.push(format!(
            "by_{}",
            tail.iter()
                .filter_map(|s| param(s))
                .collect::<Vec<_>>()
                .join("_and_")
        ));
    }
    if words.len() == 1 {
        words.push(root.to_string());
    }
    words.join("_")
}

/// `client-scopes` → `client_scopes`, `testSMTPConnection` → `test_smtp_connection`.
fn snake(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c == '-' || c == '_' || c == '.' {
            if !out.ends_with('_') && !out.is_empty() {
                out.push('_');
            }
        } else if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            let prev_upper = i > 0 && chars[i - 1].is_uppercase();
            if !out.is_empty() && !out.ends_with('_') && (prev_lower || (prev_upper && next_lower))
            {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_readable_ids() {
        assert_eq!(derive("get", "/admin/realms"), "get_realms");
        assert_eq!(derive("put", "/admin/realms/{realm}"), "put_realm");
        assert_eq!(derive("get", "/admin/realms/{realm}/users"), "get_users");
        assert_eq!(
            derive("get", "/admin/realms/{realm}/users/{user-id}"),
            "get_users_by_user_id"
        );
        assert_eq!(
            derive("get", "/admin/realms/{realm}/users/{user-id}/groups"),
            "get_users_groups"
        );
        assert_eq!(
            derive("post", "/admin/realms/{realm}/testSMTPConnection"),
            "post_test_smtp_connection"
        );
        assert_eq!(
            derive("post", "/admin/realms/{realm}/partialImport"),
            "post_partial_import"
        );
    }

    #[test]
    fn lock_wins_and_new_ids_do_not_collide() {
        let mut doc = serde_json::json!({"paths": {
            "/admin/realms/{realm}/users": {"get": {"responses": {}}},
            "/admin/realms/{realm}/users/": {"get": {"responses": {}}}
        }});
        let mut lock = Lock::new();
        lock.insert(
            "GET /admin/realms/{realm}/users".into(),
            "list_users".into(),
        );
        lock.insert("GET /gone".into(), "get_users".into());
        assign(&mut doc, &mut lock).unwrap();
        assert_eq!(
            doc["paths"]["/admin/realms/{realm}/users"]["get"]["operationId"],
            "list_users"
        );
        assert_eq!(
            doc["paths"]["/admin/realms/{realm}/users/"]["get"]["operationId"],
            "get_users_2"
        );
    }
}
