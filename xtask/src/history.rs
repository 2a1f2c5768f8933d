//! `spec/history.json`: for each operation of the pinned document that older
//! shipped documents lack, the newest document without it and the first with
//! it. The ergonomic client turns a 404 from such a route on a server that
//! old into "not supported by this Keycloak" instead of a bare "not found".
//!
//! Routes are compared by method and path with parameter names erased
//! (`{id}` and `{org-id}` are the same route: upstream renames them).

use crate::check::NORMALIZED;
use crate::paths::spec_dir;
use crate::spec;
use anyhow::{Context, Result, bail};
use serde_json::{Map, Value, json};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub const HISTORY: &str = "history.json";

/// A release number, `(26, 5, 2)`.
type Release = (u32, u32, u32);

/// A route as every document spells it: `GET /admin/realms/{}/users/{}`.
fn route(method: &str, path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut in_param = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_param = true;
                out.push_str("{}");
            }
            '}' => in_param = false,
            _ if in_param => {}
            _ => out.push(c),
        }
    }
    spec::op_key(method, &out)
}

/// `keycloak-26.5.2.json` → (26, 5, 2).
fn version_of(file: &Path) -> Option<Release> {
    let stem = file.file_stem()?.to_str()?;
    let v = stem.strip_prefix("keycloak-")?;
    let mut parts = v.split('.').map(|p| p.parse::<u32>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

fn text((a, b, c): Release) -> String {
    format!("{a}.{b}.{c}")
}

/// The history document for `pinned` (normalized, with operation ids) given
/// upstream documents `(version, document)`, the pinned one among them.
pub fn render(pinned: &Value, documents: &[(Release, Value)]) -> Result<String> {
    let mut docs: Vec<(&Release, HashSet<String>)> = documents
        .iter()
        .map(|(v, d)| {
            let routes = spec::operations(d)
                .into_iter()
                .map(|(p, m, _)| route(&m, &p))
                .collect();
            (v, routes)
        })
        .collect();
    docs.sort_by_key(|(v, _)| **v);
    let mut added = BTreeMap::new();
    for (path, method, op) in spec::operations(pinned) {
        let id = op
            .get("operationId")
            .and_then(Value::as_str)
            .with_context(|| format!("{} has no operationId", spec::op_key(&method, &path)))?;
        let r = route(&method, &path);
        // In no document: a route the overlay adds (Keycloak serves it, its
        // document omits it), so nothing is known about when it appeared.
        let Some(first) = docs.iter().position(|(_, routes)| routes.contains(&r)) else {
            continue;
        };
        if first > 0 {
            added.insert(
                id.to_string(),
                json!({"absent_in": text(*docs[first - 1].0), "first_seen": text(*docs[first].0)}),
            );
        }
    }
    let mut out = Map::new();
    out.insert(
        "documents".into(),
        docs.iter().map(|(v, _)| Value::from(text(**v))).collect(),
    );
    out.insert("added".into(), Value::Object(added.into_iter().collect()));
    Ok(spec::to_pretty(&Value::Object(out)))
}

fn documents(dir: &Path) -> Result<Vec<(Release, Value)>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| version_of(p).is_some())
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no keycloak-<version>.json documents in {}", dir.display());
    }
    files
        .iter()
        .map(|f| Ok((version_of(f).unwrap(), spec::load_any(f)?)))
        .collect()
}

fn expected(root: &Path, dir: &Path) -> Result<String> {
    let spec = spec_dir(root);
    let pinned = spec::load_any(&spec.join(NORMALIZED))?;
    let mut docs = documents(dir)?;
    // The pinned upstream document, whether or not `dir` ships it.
    let pin = crate::pin::Pin::read(&spec)?;
    let version = pin_version(&pin.keycloak_version)?;
    if !docs.iter().any(|(v, _)| *v == version) {
        docs.push((version, spec::load_any(&spec.join(&pin.upstream))?));
    }
    render(&pinned, &docs)
}

fn pin_version(v: &str) -> Result<Release> {
    version_of(Path::new(&format!("keycloak-{v}.json")))
        .with_context(|| format!("spec/pin.json: `{v}` is not a release number"))
}

/// `cargo xtask spec history`: write spec/history.json.
pub fn write(root: &Path, dir: &Path) -> Result<()> {
    let text = expected(root, dir)?;
    std::fs::write(spec_dir(root).join(HISTORY), &text)?;
    let n = serde_json::from_str::<Value>(&text)?["added"]
        .as_object()
        .map_or(0, Map::len);
    println!("wrote spec/{HISTORY} ({n} operations newer than the oldest document)");
    Ok(())
}

/// Part of `spec check --all`: spec/history.json matches the documents.
pub fn check(root: &Path, dir: &Path) -> Result<()> {
    let committed = std::fs::read_to_string(spec_dir(root).join(HISTORY)).unwrap_or_default();
    if committed != expected(root, dir)? {
        bail!("spec/{HISTORY} is stale: run `cargo xtask spec history` and commit the result");
    }
    println!("spec check: spec/{HISTORY} is current");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(routes: &[(&str, &str)]) -> Value {
        let mut paths = Map::new();
        for (m, p) in routes {
            let item = paths.entry(p.to_string()).or_insert_with(|| json!({}));
            let id = format!("{}{}", m, p.replace(['/', '{', '}', '-'], "_"));
            item[*m] = json!({"operationId": id});
        }
        json!({"paths": paths})
    }

    #[test]
    fn an_operation_is_dated_by_the_documents_around_its_first_appearance() {
        let old = doc(&[("get", "/r/{realm}/orgs")]);
        let mid = doc(&[
            ("get", "/r/{realm}/orgs"),
            ("get", "/r/{realm}/orgs/{org-id}"),
        ]);
        let pinned = doc(&[
            ("get", "/r/{realm}/orgs"),
            // Renamed parameter: the same route as mid's.
            ("get", "/r/{realm}/orgs/{id}"),
            ("post", "/r/{realm}/workflows"),
            // Only the overlay knows it: not dated.
            ("delete", "/r/{realm}/hidden"),
        ]);
        let upstream = doc(&[
            ("get", "/r/{realm}/orgs"),
            ("get", "/r/{realm}/orgs/{id}"),
            ("post", "/r/{realm}/workflows"),
        ]);
        let out: Value = serde_json::from_str(
            &render(
                &pinned,
                &[((26, 7, 3), upstream), ((26, 0, 7), old), ((26, 5, 2), mid)],
            )
            .unwrap(),
        )
        .unwrap();
        assert_eq!(out["documents"], json!(["26.0.7", "26.5.2", "26.7.3"]));
        let added = out["added"].as_object().unwrap();
        assert_eq!(added.len(), 2, "{added:?}");
        assert_eq!(
            added["get_r__realm__orgs__id_"],
            json!({"absent_in": "26.0.7", "first_seen": "26.5.2"})
        );
        assert_eq!(
            added["post_r__realm__workflows"],
            json!({"absent_in": "26.5.2", "first_seen": "26.7.3"})
        );
    }
}
