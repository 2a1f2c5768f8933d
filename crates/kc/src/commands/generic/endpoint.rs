//! kcadm.sh's ENDPOINT (`users`, `users/ID/groups`, `realms/demo`,
//! `serverinfo`) resolved against the operation table: the route, its path
//! values, or one line naming the closest routes.

use keycloak_admin::api::{Operation, operations};

/// An operation and the values of its path parameters.
#[derive(Debug)]
pub struct Resolved {
    pub op: &'static Operation,
    pub path: Vec<(String, String)>,
}

/// The admin path kcadm.sh would call: `realms…` below `/admin`, `serverinfo`
/// as `/admin/serverinfo`, anything else below the target realm.
fn absolute(endpoint: &str, realm: &str) -> String {
    let endpoint = endpoint.trim_matches('/');
    let endpoint = endpoint.strip_prefix("admin/").unwrap_or(endpoint);
    if endpoint == "realms" || endpoint.starts_with("realms/") || endpoint == "serverinfo" {
        format!("/admin/{endpoint}")
    } else {
        format!("/admin/realms/{realm}/{endpoint}")
    }
}

/// Values of `template`'s parameters in `path`, or `None` when it does not
/// match; with the number of literal segments matched.
fn matches(template: &str, path: &[&str]) -> Option<(usize, Vec<(String, String)>)> {
    let parts: Vec<&str> = template.trim_start_matches('/').split('/').collect();
    if parts.len() != path.len() {
        return None;
    }
    let mut literals = 0;
    let mut values = Vec::new();
    for (t, s) in parts.iter().zip(path) {
        if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
            if s.is_empty() {
                return None;
            }
            values.push((name.to_string(), s.to_string()));
        } else if t == s {
            literals += 1;
        } else {
            return None;
        }
    }
    Some((literals, values))
}

/// A route that matches: the operation, its literal segments, its values.
type Candidate = (&'static Operation, usize, Vec<(String, String)>);

/// The route `method ENDPOINT` means for the target realm `realm`.
pub fn resolve(method: &str, endpoint: &str, realm: &str) -> Result<Resolved, String> {
    let path = absolute(endpoint, realm);
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let candidates: Vec<Candidate> = operations::ALL
        .iter()
        .filter_map(|op| matches(op.path, &segments).map(|(n, v)| (op, n, v)))
        .collect();
    // The most specific route: `groups/count` over `groups/{group-id}`.
    let best = candidates.iter().map(|(_, n, _)| *n).max();
    let routes: Vec<&Candidate> = candidates
        .iter()
        .filter(|(_, n, _)| Some(*n) == best)
        .collect();
    if let Some((op, _, values)) = routes.iter().find(|(op, _, _)| op.method == method) {
        return Ok(Resolved {
            op,
            path: values.clone(),
        });
    }
    if let Some((op, _, _)) = routes.first() {
        let mut methods: Vec<&str> = routes.iter().map(|(op, _, _)| op.method).collect();
        methods.sort();
        return Err(format!(
            "{} takes no {method} (it takes {})",
            op.path,
            methods.join(", ")
        ));
    }
    Err(format!(
        "no route {path}; closest: {}",
        closest(&path, realm).join(", ")
    ))
}

/// The three routes nearest to `path` (edit distance, the realm shown as given).
fn closest(path: &str, realm: &str) -> Vec<String> {
    let mut routes: Vec<String> = operations::ALL
        .iter()
        .map(|op| {
            op.path
                .replace("/admin/realms/{realm}", &format!("/admin/realms/{realm}"))
        })
        .collect();
    routes.sort();
    routes.dedup();
    routes.sort_by_key(|r| strsim::levenshtein(r, path));
    routes.truncate(3);
    routes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_resolve_as_kcadm_resolves_them() {
        let r = resolve("GET", "users", "demo").unwrap();
        assert_eq!(r.op.id, "get_users");
        assert_eq!(r.path, [("realm".into(), "demo".into())]);
        let r = resolve("PUT", "users/42/groups/7", "demo").unwrap();
        assert_eq!(r.op.id, "put_users_groups_by_group_id");
        assert_eq!(r.path[1], ("user-id".into(), "42".into()));
        assert_eq!(r.path[2], ("groupId".into(), "7".into()));
        assert_eq!(
            resolve("GET", "groups/count", "d").unwrap().op.id,
            "get_groups_count"
        );
        assert_eq!(resolve("GET", "realms", "d").unwrap().op.id, "get_realms");
        let r = resolve("PUT", "realms/other", "d").unwrap();
        assert_eq!((r.op.id, r.path[0].1.as_str()), ("put_realm", "other"));
        assert_eq!(
            resolve("GET", "serverinfo", "d").unwrap().op.id,
            "get_serverinfo"
        );
    }

    #[test]
    fn unknown_routes_and_methods_are_refused_with_the_closest() {
        let e = resolve("GET", "userz", "demo").unwrap_err();
        assert!(
            e.starts_with("no route /admin/realms/demo/userz; closest: /admin/realms/demo/users"),
            "{e}"
        );
        let e = resolve("PUT", "users", "demo").unwrap_err();
        assert_eq!(
            e,
            "/admin/realms/{realm}/users takes no PUT (it takes GET, POST)"
        );
    }
}
