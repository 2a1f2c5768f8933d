//! Shell completion of the generic verbs' ENDPOINT (the spec's routes, segment
//! by segment) and of `-s`/`-d` field names (the body type of the route the
//! command line names so far). Offline: nothing is asked of a server.

use super::{body, endpoint};
use clap_complete::CompletionCandidate;
use keycloak_admin::api::{drift, dynamic, operations};
use std::collections::BTreeSet;
use std::ffi::OsStr;

/// A route as kcadm.sh writes it: below the target realm, or from `realms`.
fn relative(path: &str) -> Vec<String> {
    let mut forms = Vec::new();
    let rest = path.strip_prefix("/admin/").unwrap_or(path);
    forms.push(rest.to_string());
    if let Some(below) = rest.strip_prefix("realms/{realm}/") {
        forms.push(below.to_string());
    }
    forms
}

/// The next segment of every route that `current` is a prefix of.
pub fn endpoints(current: &OsStr) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let typed: Vec<&str> = current.split('/').collect();
    let (done, last) = typed.split_at(typed.len() - 1);
    let last = last[0];
    let mut out = BTreeSet::new();
    for op in operations::ALL {
        for form in relative(op.path) {
            let parts: Vec<&str> = form.split('/').collect();
            if parts.len() <= done.len() {
                continue;
            }
            let fits = done
                .iter()
                .zip(&parts)
                .all(|(t, p)| t == p || (p.starts_with('{') && !t.is_empty()));
            let next = parts[done.len()];
            if !fits || next.starts_with('{') || !next.starts_with(last) {
                continue;
            }
            let mut candidate: String = done.iter().map(|d| format!("{d}/")).collect();
            candidate.push_str(next);
            if parts.len() > done.len() + 1 {
                out.insert(format!("{candidate}/"));
            }
            if parts.len() == done.len() + 1 {
                out.insert(candidate);
            }
        }
    }
    out.into_iter().map(CompletionCandidate::new).collect()
}

/// The body fields of the route on the command line being completed, as `name=`.
pub fn assignments(current: &OsStr) -> Vec<CompletionCandidate> {
    fields(current, "=")
}

/// The body fields of the route on the command line being completed.
pub fn field_names(current: &OsStr) -> Vec<CompletionCandidate> {
    fields(current, "")
}

fn fields(current: &OsStr, suffix: &str) -> Vec<CompletionCandidate> {
    let current = current.to_string_lossy();
    let Some(model) = model_on_command_line() else {
        return Vec::new();
    };
    drift::fields_of(model)
        .unwrap_or_default()
        .into_iter()
        .filter(|f| f.starts_with(current.as_ref()))
        .map(|f| CompletionCandidate::new(format!("{f}{suffix}")))
        .collect()
}

/// The shell passes the whole line being completed after `--`: its verb and
/// ENDPOINT name the route, the route its body type.
fn model_on_command_line() -> Option<&'static str> {
    let words: Vec<String> = std::env::args().skip_while(|a| a != "--").skip(2).collect();
    let verb = words
        .iter()
        .position(|w| matches!(w.as_str(), "get" | "create" | "update" | "delete"))?;
    let method = match words[verb].as_str() {
        "create" => "POST",
        "update" => "PUT",
        "delete" => "DELETE",
        _ => "GET",
    };
    let path = words[verb + 1..].iter().find(|w| !w.starts_with('-'))?;
    let route = endpoint::resolve(method, path, "realm").ok()?;
    let body_type = dynamic::signature(route.op)?.body?;
    body::model_of(body_type)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(c: Vec<CompletionCandidate>) -> Vec<String> {
        c.into_iter()
            .map(|c| c.get_value().to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn endpoints_complete_segment_by_segment() {
        let top = values(endpoints(OsStr::new("use")));
        assert!(top.contains(&"users".to_string()), "{top:?}");
        assert!(top.contains(&"users/".to_string()), "{top:?}");
        let below = values(endpoints(OsStr::new("users/0b5e/gr")));
        assert_eq!(below, ["users/0b5e/groups", "users/0b5e/groups/"]);
        let realms = values(endpoints(OsStr::new("realms/demo/client-sc")));
        assert!(
            realms.contains(&"realms/demo/client-scopes/".to_string()),
            "{realms:?}"
        );
        assert!(values(endpoints(OsStr::new("nothing-like-it"))).is_empty());
    }
}
