//! `spec diff`: what changed between two upstream documents, for a human reviewing
//! an upgrade — operations, parameters, bodies, schemas and their fields, with
//! types described as the generator sees them, and every change marked by what
//! it does to Rust callers.

use crate::rules::java_wrappers;
use crate::spec::{METHODS, op_key};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a change does to code written against the generated client.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Impact {
    /// Callers may stop compiling or get another type: a type changed,
    /// something was removed, a parameter or field became required.
    Breaking,
    /// New operations, optional parameters, fields, schemas.
    Additive,
    /// Compiles the same, reads differently: deprecation, summary,
    /// read/write-only, nullability, enum values (open strings in the client).
    Notice,
}

impl Impact {
    fn mark(self) -> &'static str {
        match self {
            Impact::Breaking => "!",
            Impact::Additive => "+",
            Impact::Notice => "~",
        }
    }
}

struct Change {
    impact: Impact,
    /// The operation (`GET /path`) or schema the change belongs to.
    owner: String,
    text: String,
}

/// A schema's type in one short word, as the generator sees it: a `$ref` is its
/// name, an `allOf` of one schema is that schema, `[T]` an array, `{T}` a map,
/// `integer(int64)` a formatted scalar, `object` a free-form object.
fn type_of(schema: Option<&Value>) -> String {
    let Some(s) = schema.and_then(Value::as_object) else {
        return "-".into();
    };
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        return r.rsplit('/').next().unwrap_or(r).to_string();
    }
    for (key, joiner) in [("allOf", " & "), ("oneOf", " | "), ("anyOf", " | ")] {
        if let Some(parts) = s.get(key).and_then(Value::as_array) {
            let parts: Vec<String> = parts.iter().map(|p| type_of(Some(p))).collect();
            // typify makes an `allOf` of one schema that schema.
            if key == "allOf" && parts.len() == 1 && s.get("properties").is_none() {
                return parts.into_iter().next().unwrap();
            }
            return format!("{key}({})", parts.join(joiner));
        }
    }
    // OpenAPI 3.1 writes nullability into the type: ["string", "null"].
    let ty = match s.get("type") {
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .find(|t| *t != "null")
            .map(str::to_string),
        Some(t) => t.as_str().map(str::to_string),
        None => None,
    };
    match ty.as_deref() {
        Some("array") => format!("[{}]", type_of(s.get("items"))),
        Some("object")
            if s.get("properties").is_none()
                && s.get("additionalProperties").is_some_and(Value::is_object)
                && s["additionalProperties"]
                    .as_object()
                    .is_some_and(|a| !a.is_empty()) =>
        {
            format!("{{{}}}", type_of(s.get("additionalProperties")))
        }
        Some(t) => match s.get("format").and_then(Value::as_str) {
            Some(f) => format!("{t}({f})"),
            None => t.to_string(),
        },
        None => "any".into(),
    }
}

fn flag(s: Option<&Value>, key: &str) -> bool {
    s.and_then(|s| s.get(key)).and_then(Value::as_bool) == Some(true)
}

fn nullable(s: Option<&Value>) -> bool {
    flag(s, "nullable")
        || s.and_then(|s| s.get("type"))
            .and_then(Value::as_array)
            .is_some_and(|t| t.iter().any(|t| t == "null"))
}

fn enum_values(s: Option<&Value>) -> Vec<String> {
    let values = s
        .and_then(|s| s.get("enum"))
        .or_else(|| s.and_then(|s| s.pointer("/items/enum")));
    values
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
        .collect()
}

fn body_type(content: Option<&Value>) -> String {
    match content.and_then(Value::as_object) {
        None => "-".into(),
        Some(c) if c.is_empty() => "-".into(),
        Some(c) => c
            .iter()
            .map(|(mt, m)| format!("{} {}", mt, type_of(m.get("schema"))))
            .collect::<Vec<_>>()
            .join(" | "),
    }
}

#[derive(PartialEq)]
struct Param {
    ty: String,
    required: bool,
    deprecated: bool,
}

struct Op {
    summary: String,
    deprecated: bool,
    params: BTreeMap<String, Param>,
    body: String,
    body_required: bool,
    response: String,
}

fn ops(doc: &Value) -> BTreeMap<String, Op> {
    let mut out = BTreeMap::new();
    for (path, item) in doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        let shared = item
            .get("parameters")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        for (m, op) in item
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(m, _)| METHODS.contains(&m.as_str()))
        {
            let own = op
                .get("parameters")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            let params = shared
                .iter()
                .chain(own.iter())
                .map(|p| {
                    let name = format!(
                        "{} `{}`",
                        p["in"].as_str().unwrap_or("?"),
                        p["name"].as_str().unwrap_or("?")
                    );
                    let param = Param {
                        ty: type_of(p.get("schema")),
                        required: flag(Some(p), "required"),
                        deprecated: flag(Some(p), "deprecated"),
                    };
                    (name, param)
                })
                .collect();
            let response = op
                .get("responses")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .filter(|(c, _)| c.starts_with('2'))
                .map(|(c, r)| format!("{c} {}", body_type(r.get("content"))))
                .collect::<Vec<_>>()
                .join(", ");
            out.insert(
                op_key(m, path),
                Op {
                    summary: op["summary"].as_str().unwrap_or("").to_string(),
                    deprecated: flag(Some(op), "deprecated"),
                    params,
                    body: body_type(op.pointer("/requestBody/content")),
                    body_required: flag(op.get("requestBody"), "required"),
                    response,
                },
            );
        }
    }
    out
}

#[derive(PartialEq)]
struct Field {
    ty: String,
    required: bool,
    nullable: bool,
    deprecated: bool,
    read_only: bool,
    write_only: bool,
    values: Vec<String>,
}

struct Schema {
    /// The schema's own type when it is not a plain object with fields.
    ty: String,
    deprecated: bool,
    values: Vec<String>,
    fields: BTreeMap<String, Field>,
}

fn schemas(doc: &Value) -> BTreeMap<String, Schema> {
    let empty = Map::new();
    let all = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    all.iter()
        .map(|(name, s)| {
            let required: Vec<&str> = s
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            let fields = s
                .get("properties")
                .and_then(Value::as_object)
                .into_iter()
                .flatten()
                .map(|(f, fs)| {
                    let field = Field {
                        ty: type_of(Some(fs)),
                        required: required.contains(&f.as_str()),
                        nullable: nullable(Some(fs)),
                        deprecated: flag(Some(fs), "deprecated"),
                        read_only: flag(Some(fs), "readOnly"),
                        write_only: flag(Some(fs), "writeOnly"),
                        values: enum_values(Some(fs)),
                    };
                    (f.clone(), field)
                })
                .collect();
            let schema = Schema {
                ty: type_of(Some(s)),
                deprecated: flag(Some(s), "deprecated"),
                values: enum_values(Some(s)),
                fields,
            };
            (name.clone(), schema)
        })
        .collect()
}

fn word(on: bool, what: &str) -> String {
    if on {
        format!("now {what}")
    } else {
        format!("no longer {what}")
    }
}

/// Enum values added (additive) and removed (a notice: the client's enums are
/// open strings, so no Rust code breaks, but the server stops sending one).
fn compare_values(owner: &str, what: &str, old: &[String], new: &[String], out: &mut Vec<Change>) {
    let added: Vec<&String> = new.iter().filter(|v| !old.contains(v)).collect();
    let removed: Vec<&String> = old.iter().filter(|v| !new.contains(v)).collect();
    let list = |v: &[&String]| v.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ");
    if !added.is_empty() {
        out.push(change(
            Impact::Additive,
            owner,
            format!("{what}enum values added: {}", list(&added)),
        ));
    }
    if !removed.is_empty() {
        out.push(change(
            Impact::Notice,
            owner,
            format!("{what}enum values removed: {}", list(&removed)),
        ));
    }
}

/// Names and texts come from the documents: control characters (a newline
/// that would fake a line, an ANSI escape for the terminal) are shown escaped.
fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

fn change(impact: Impact, owner: &str, text: String) -> Change {
    Change {
        impact,
        owner: printable(owner),
        text: printable(&text),
    }
}

fn operation_changes(k: &str, old: &Op, new: &Op, out: &mut Vec<Change>) {
    if old.summary != new.summary {
        out.push(change(
            Impact::Notice,
            k,
            format!("summary: {:?} → {:?}", old.summary, new.summary),
        ));
    }
    if old.deprecated != new.deprecated {
        out.push(change(
            Impact::Notice,
            k,
            word(new.deprecated, "deprecated"),
        ));
    }
    for (name, p) in &new.params {
        let Some(o) = old.params.get(name) else {
            let (impact, how) = if p.required {
                (Impact::Breaking, "added, required")
            } else {
                (Impact::Additive, "added")
            };
            out.push(change(impact, k, format!("{name}: {how}: {}", p.ty)));
            continue;
        };
        if o.ty != p.ty {
            out.push(change(
                Impact::Breaking,
                k,
                format!("{name}: type {} → {}", o.ty, p.ty),
            ));
        }
        if o.required != p.required {
            let impact = if p.required {
                Impact::Breaking
            } else {
                Impact::Notice
            };
            out.push(change(
                impact,
                k,
                format!("{name}: {}", word(p.required, "required")),
            ));
        }
        if o.deprecated != p.deprecated {
            out.push(change(
                Impact::Notice,
                k,
                format!("{name}: {}", word(p.deprecated, "deprecated")),
            ));
        }
    }
    for (name, p) in &old.params {
        if !new.params.contains_key(name) {
            out.push(change(
                Impact::Breaking,
                k,
                format!("{name}: removed ({})", p.ty),
            ));
        }
    }
    if old.body != new.body {
        out.push(change(
            Impact::Breaking,
            k,
            format!("body: {} → {}", old.body, new.body),
        ));
    }
    if old.body_required != new.body_required {
        out.push(change(
            Impact::Notice,
            k,
            format!("body: {}", word(new.body_required, "required")),
        ));
    }
    if old.response != new.response {
        out.push(change(
            Impact::Breaking,
            k,
            format!("response: {} → {}", old.response, new.response),
        ));
    }
}

fn field_changes(owner: &str, name: &str, o: &Field, f: &Field, out: &mut Vec<Change>) {
    if o.ty != f.ty {
        out.push(change(
            Impact::Breaking,
            owner,
            format!("{name}: type {} → {}", o.ty, f.ty),
        ));
    }
    if o.required != f.required {
        // Required fields are `T`, the others `Option<T>`: either way the type changes.
        out.push(change(
            Impact::Breaking,
            owner,
            format!("{name}: {}", word(f.required, "required")),
        ));
    }
    for (was, is, what) in [
        (o.nullable, f.nullable, "nullable"),
        (o.deprecated, f.deprecated, "deprecated"),
        (
            o.read_only,
            f.read_only,
            "read-only (the server ignores it in requests)",
        ),
        (
            o.write_only,
            f.write_only,
            "write-only (the server does not return it)",
        ),
    ] {
        if was != is {
            out.push(change(
                Impact::Notice,
                owner,
                format!("{name}: {}", word(is, what)),
            ));
        }
    }
    compare_values(owner, &format!("{name}: "), &o.values, &f.values, out);
}

fn schema_changes(name: &str, old: &Schema, new: &Schema, out: &mut Vec<Change>) {
    if old.ty != new.ty {
        out.push(change(
            Impact::Breaking,
            name,
            format!("type {} → {}", old.ty, new.ty),
        ));
    }
    if old.deprecated != new.deprecated {
        out.push(change(
            Impact::Notice,
            name,
            word(new.deprecated, "deprecated"),
        ));
    }
    compare_values(name, "", &old.values, &new.values, out);
    for (f, field) in &new.fields {
        match old.fields.get(f) {
            None => {
                // A required field has no default: struct literals must name it.
                let impact = if field.required {
                    Impact::Breaking
                } else {
                    Impact::Additive
                };
                out.push(change(impact, name, format!("{f}: added: {}", field.ty)));
            }
            Some(o) => field_changes(name, f, o, field, out),
        }
    }
    for (f, field) in &old.fields {
        if !new.fields.contains_key(f) {
            out.push(change(
                Impact::Breaking,
                name,
                format!("{f}: removed ({})", field.ty),
            ));
        }
    }
}

/// Every change, grouped: operations added/removed, operations changed,
/// schemas added/removed, schemas changed.
fn changes(old: &Value, new: &Value) -> [Vec<Change>; 4] {
    let (old_ops, new_ops) = (ops(old), ops(new));
    let (old_s, new_s) = (schemas(old), schemas(new));
    let mut lists: [Vec<Change>; 4] = Default::default();
    for k in new_ops.keys().filter(|k| !old_ops.contains_key(*k)) {
        lists[0].push(change(Impact::Additive, k, "added".into()));
    }
    for k in old_ops.keys().filter(|k| !new_ops.contains_key(*k)) {
        lists[0].push(change(
            Impact::Breaking,
            k,
            "removed (its method goes away)".into(),
        ));
    }
    for (k, new_op) in &new_ops {
        if let Some(old_op) = old_ops.get(k) {
            operation_changes(k, old_op, new_op, &mut lists[1]);
        }
    }
    for k in new_s.keys().filter(|k| !old_s.contains_key(*k)) {
        lists[2].push(change(Impact::Additive, k, "added".into()));
    }
    for k in old_s.keys().filter(|k| !new_s.contains_key(*k)) {
        lists[2].push(change(Impact::Breaking, k, "removed".into()));
    }
    for (name, schema) in &new_s {
        if let Some(o) = old_s.get(name) {
            schema_changes(name, o, schema, &mut lists[3]);
        }
    }
    lists
}

/// Lines under their owner's heading, in the order given.
fn grouped(out: &mut String, list: &[Change]) {
    let mut owner = "";
    for c in list {
        if c.owner != owner {
            owner = &c.owner;
            let _ = writeln!(out, "{owner}");
        }
        let _ = writeln!(out, "  {} {}", c.impact.mark(), c.text);
    }
    if list.is_empty() {
        let _ = writeln!(out, "(none)");
    }
}

/// A section of whole operations or schemas added and removed.
fn added_removed(out: &mut String, title: &str, (old_n, new_n): (usize, usize), list: &[Change]) {
    let _ = writeln!(out, "\n## {title}: {old_n} → {new_n}");
    for c in list {
        let _ = writeln!(out, "{} {} ({})", c.impact.mark(), c.owner, c.text);
    }
    if list.is_empty() {
        let _ = writeln!(out, "(none added or removed)");
    }
}

/// `labels` name the two documents (their `info.version` is always "1.0").
///
/// Both documents are compared after the rules that rewrite a declaration
/// into another type (`rules::java_wrappers`): what such a rule keeps as it
/// was is listed apart, as a notice, not as a breaking change.
pub fn render(labels: (&str, &str), old: &Value, new: &Value) -> String {
    let (mut old, mut new) = (old.clone(), new.clone());
    let was = java_wrappers::neutralize(&mut old);
    let normalized: Vec<Change> = java_wrappers::neutralize(&mut new)
        .into_iter()
        .filter(|n| !was.contains(n))
        .map(|n| {
            let text = format!("{} artifact: kept as {}", n.wrapper, n.became);
            change(Impact::Notice, &n.site, text)
        })
        .collect();
    let (old, new) = (&old, &new);
    let lists = changes(old, new);
    let all: Vec<&Change> = lists.iter().flatten().chain(&normalized).collect();
    let count = |i: Impact| all.iter().filter(|c| c.impact == i).count();
    let mut out = String::new();
    let _ = writeln!(out, "# API diff ({} → {})\n", labels.0, labels.1);
    let _ = writeln!(
        out,
        "{} breaking · {} additive · {} notices\n\n\
         `!` breaks Rust callers (a type changed, something was removed, a parameter or field became required); \
         `+` is additive; `~` compiles the same but reads differently (deprecation, summary, read/write-only, \
         nullability, enum values — enums are open strings in the client). Types as the generator sees them: \
         a `$ref` by name, an `allOf` of one schema as that schema.",
        count(Impact::Breaking),
        count(Impact::Additive),
        count(Impact::Notice)
    );

    let _ = writeln!(out, "\n## Breaking for Rust callers");
    let breaking: Vec<&&Change> = all
        .iter()
        .filter(|c| c.impact == Impact::Breaking)
        .collect();
    for c in &breaking {
        let _ = writeln!(out, "! {}: {}", c.owner, c.text);
    }
    if breaking.is_empty() {
        let _ = writeln!(out, "(none)");
    }

    let counts = (ops(old).len(), ops(new).len());
    added_removed(&mut out, "Operations", counts, &lists[0]);
    let _ = writeln!(out, "\n## Changed operations");
    grouped(&mut out, &lists[1]);

    let counts = (schemas(old).len(), schemas(new).len());
    added_removed(&mut out, "Schemas", counts, &lists[2]);
    let _ = writeln!(out, "\n## Changed schemas");
    grouped(&mut out, &lists[3]);
    if !normalized.is_empty() {
        let _ = writeln!(
            out,
            "\n## Normalized away by rules (the document changed, the Rust type did not)"
        );
        for c in &normalized {
            let _ = writeln!(out, "~ {}: {}", c.owner, c.text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_added_removed_and_retyped() {
        let old = json!({"info": {"version": "1"}, "paths": {
            "/a": {"get": {"parameters": [{"name": "max", "in": "query", "schema": {"type": "string"}}], "responses": {}}},
            "/gone": {"delete": {"responses": {}}}
        }, "components": {"schemas": {"U": {"properties": {"name": {"type": "string"}, "old": {"type": "string"}}}}}});
        let new = json!({"info": {"version": "2"}, "paths": {
            "/a": {"get": {"parameters": [{"name": "max", "in": "query", "schema": {"type": "integer", "format": "int32"}}], "responses": {}}},
            "/b": {"post": {"responses": {}}}
        }, "components": {"schemas": {"U": {"properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}}}}});
        let text = render(("1", "2"), &old, &new);
        assert!(text.contains("+ POST /b (added)"), "{text}");
        assert!(text.contains("! DELETE /gone (removed"), "{text}");
        assert!(
            text.contains("! GET /a: query `max`: type string → integer(int32)"),
            "{text}"
        );
        assert!(text.contains("  + tags: added: [string]"), "{text}");
        assert!(text.contains("! U: old: removed (string)"), "{text}");
        assert!(
            text.contains("3 breaking · 2 additive · 0 notices"),
            "{text}"
        );
    }

    /// What the first version of this diff missed (an upgrade reviewer found
    /// them): an `allOf` wrapper changing the Rust type, deprecations, a
    /// summary, write-only, and enum values.
    #[test]
    fn reports_what_generation_sees() {
        let old = json!({"paths": {
            "/certs": {"get": {"summary": "Get certs", "responses": {}}}
        }, "components": {"schemas": {
            "Cond": {"properties": {
                "configuration": {"type": "object", "additionalProperties": true},
                "metadata": {"type": "object"},
                "secret": {"type": "string"},
                "mode": {"type": "string", "enum": ["A", "B"]}
            }},
            "RawJsonValue": {"type": "object"}
        }}});
        let new = json!({"paths": {
            "/certs": {"get": {"summary": "Get the certificates", "deprecated": true, "responses": {}}}
        }, "components": {"schemas": {
            "Cond": {"properties": {
                "configuration": {"allOf": [{"$ref": "#/components/schemas/RawJsonValue"}], "additionalProperties": true},
                "metadata": {"allOf": [{"$ref": "#/components/schemas/Meta"}]},
                "secret": {"type": "string", "deprecated": true, "writeOnly": true},
                "mode": {"type": "string", "enum": ["A", "C"]}
            }},
            "RawJsonValue": {"type": "object", "properties": {"value": {}, "empty": {"type": "boolean"}}},
            "Meta": {"type": "object", "properties": {"name": {"type": "string"}}}
        }}});
        let text = render(("1", "2"), &old, &new);
        assert!(!text.contains("configuration: type"), "{text}");
        for line in [
            "! Cond: metadata: type object → Meta",
            "~ Cond.configuration: RawJsonValue artifact: kept as a JSON object",
            "  ~ now deprecated",
            "  ~ summary: \"Get certs\" → \"Get the certificates\"",
            "  ~ secret: now deprecated",
            "  ~ secret: now write-only (the server does not return it)",
            "  + mode: enum values added: C",
            "  ~ mode: enum values removed: B",
        ] {
            assert!(text.contains(line), "missing {line:?} in\n{text}");
        }
    }
}

#[cfg(test)]
mod hostile {
    use serde_json::json;

    /// A field name carrying a newline and an ANSI escape cannot fake a line
    /// of the report or reach the terminal raw.
    #[test]
    fn control_characters_in_names_are_escaped() {
        let old = json!({"components": {"schemas": {"U": {"properties": {}}}}});
        let new = json!({"components": {"schemas": {"U": {"properties": {
            "x\n! GET /fake: removed\u{1b}[31m": {"type": "string"}
        }}}}});
        let text = super::render(("1", "2"), &old, &new);
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(
            !text.lines().any(|l| l.starts_with("! GET /fake")),
            "{text}"
        );
        assert!(
            text.contains("x\\n! GET /fake: removed\\u{1b}[31m: added"),
            "{text}"
        );
    }
}

#[cfg(test)]
mod snapshot {
    /// The diff format itself is reviewed: 26.6.0 → 26.7.3 of the shipped documents.
    #[test]
    fn diff_between_two_shipped_versions() {
        let dir = crate::paths::shared_specs_dir(&crate::paths::workspace_root());
        let old = crate::spec::load_any(&dir.join("keycloak-26.6.0.json")).unwrap();
        let new = crate::spec::load_any(&dir.join("keycloak-26.7.3.json")).unwrap();
        insta::assert_snapshot!(super::render(
            ("keycloak-26.6.0", "keycloak-26.7.3"),
            &old,
            &new
        ));
    }
}
