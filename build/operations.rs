//! A table of every operation (id, method, path template), so hooks and the
//! ergonomic crate can name an operation's template without writing it by hand.

use std::fmt::Write;

pub fn render(spec: &openapiv3::OpenAPI, history: &serde_json::Value) -> String {
    let mut ops: Vec<(String, String, String)> = Vec::new();
    for (path, item) in spec.paths.paths.iter() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, op) in item.iter() {
            if let Some(id) = &op.operation_id {
                ops.push((id.clone(), method.to_uppercase(), path.clone()));
            }
        }
    }
    ops.sort();
    let mut out = String::from(
        "/// Every operation of the document, sorted by id.\npub static ALL: &[Operation] = &[\n",
    );
    for (id, method, path) in &ops {
        let _ = writeln!(
            out,
            "    Operation {{ id: {id:?}, method: {method:?}, path: {path:?} }},"
        );
    }
    out.push_str("];\n");
    for (i, (id, _, _)) in ops.iter().enumerate() {
        let _ = writeln!(
            out,
            "/// `{}`\npub const {}: &Operation = &ALL[{i}];",
            ops[i].2,
            id.to_uppercase()
        );
    }
    // One entry per path template, method `*`: for naming a route when only a
    // response (no request method) is at hand.
    let mut paths: Vec<&String> = ops.iter().map(|(_, _, p)| p).collect();
    paths.sort();
    paths.dedup();
    out.push_str(
        "/// Every path template once, with method `*`.\npub static BY_PATH: &[Operation] = &[\n",
    );
    for p in paths {
        let _ = writeln!(
            out,
            "    Operation {{ id: \"*\", method: \"*\", path: {p:?} }},"
        );
    }
    out.push_str("];\n");
    // (id, Added), sorted by id, for the operations of this document only.
    out.push_str(
        "/// Operations newer than the oldest shipped document, by id: when each appeared.\npub(crate) static ADDED: &[(&str, Added)] = &[\n",
    );
    let added = history.get("added").and_then(|a| a.as_object());
    for (id, _, _) in &ops {
        let Some(entry) = added.and_then(|a| a.get(id)) else {
            continue;
        };
        let (Some(absent), Some(seen)) = (
            entry.get("absent_in").and_then(|v| v.as_str()),
            entry.get("first_seen").and_then(|v| v.as_str()),
        ) else {
            continue;
        };
        let _ = writeln!(
            out,
            "    ({id:?}, Added {{ absent_in: {absent:?}, first_seen: {seen:?} }}),"
        );
    }
    out.push_str("];\n");
    out
}
