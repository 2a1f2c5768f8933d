//! kcadm.sh's generic verbs — `get`, `create`, `update`, `delete ENDPOINT` —
//! over every operation of the spec, typed: the ENDPOINT is resolved against
//! the operation table, the body checked against the operation's body type,
//! both before logging in; the request goes through the ergonomic client
//! (`call_dynamic`: token refresh, retries, Keycloak's error message).

pub mod api;
mod body;
pub mod complete;
pub mod credentials;
mod endpoint;
pub mod password;
pub mod roles;

use crate::Failure;
use crate::cli::{Connection, Generic, GenericFormat, Shape};
use keycloak_admin::api::dynamic::{self, Answer, Args};
use serde_json::Value;

/// `GET`, `POST`, `PUT` or `DELETE`, and what the command line gave.
pub async fn run(method: &'static str, connection: &Connection, g: Generic) -> Result<(), Failure> {
    let plan = crate::connect::plan(connection)?;
    let realm = g
        .target_realm
        .clone()
        .unwrap_or_else(|| plan.default_realm());
    let route = endpoint::resolve(method, &g.endpoint, &realm).map_err(Failure::usage)?;
    let signature = dynamic::signature(route.op)
        .ok_or_else(|| Failure::usage(format!("{}: not callable", route.op)))?;
    let mut args = route
        .path
        .iter()
        .fold(Args::new(), |a, (n, v)| a.path(n, v));
    for q in &g.query {
        let (name, value) = q
            .split_once('=')
            .ok_or_else(|| Failure::usage(format!("-q `{q}`: expected NAME=VALUE")))?;
        args = args.query(name, value);
    }
    if let Some(first) = g.offset {
        args = args.query("first", first.to_string());
    }
    if let Some(max) = g.limit {
        args = args.query("max", max.to_string());
    }
    // kcadm.sh sends what -s gives even where the route takes no body (the
    // guide's `update users/ID/groups/GID -s … -n`); the server ignores it.
    if signature.body.is_none() && (!g.set.is_empty() || g.file.is_some()) {
        eprintln!("kc: note: {} takes no body: -s/-f ignored", route.op);
    }
    let merge = method == "PUT" && !g.no_merge && g.file.is_none() && signature.body.is_some();
    let mut body = match (&g.file, signature.body) {
        (_, None) => None,
        (Some(file), _) => Some(read_file(file)?),
        (None, Some(_)) if !g.set.is_empty() || !g.delete.is_empty() || method != "GET" => {
            Some(Value::Object(Default::default()))
        }
        _ => None,
    };
    if let Some(b) = body.as_mut() {
        edit(b, signature.body, &g)?;
        check_fields(signature.body, b)?;
    }
    let with_body = |args: &Args, body: &Option<Value>| match body {
        Some(b) if signature.body == Some("String") => args.clone().raw_body(text_of(b)),
        Some(b) => args.clone().json_body(b.clone()),
        None => args.clone(),
    };
    // Everything the typed client would refuse, refused before logging in.
    if !merge {
        dynamic::check(route.op, &with_body(&args, &body)).map_err(Failure::usage)?;
    }
    if g.dry_run {
        println!("{} {}", route.op.method, filled(route.op.path, &route.path));
        if let Some(b) = &body {
            println!("{}", crate::output::json_pretty(b));
        }
        return Ok(());
    }
    let kc = crate::connect::connect_with(connection, plan).await?;
    if merge {
        // kcadm.sh's update: the current representation, with the changes.
        let current = get_twin(&kc, route.op, &args).await?;
        let mut merged = current;
        edit(&mut merged, signature.body, &g)?;
        check_fields(signature.body, &merged)?;
        body = Some(merged);
    }
    let answer = kc.call_dynamic(route.op, with_body(&args, &body)).await?;
    let location = answer
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.rsplit('/').next())
        .map(str::to_string);
    let mut printed = false;
    match answer.into_inner() {
        Answer::Json(value) if method == "GET" || g.output_resource => {
            print(&g.shape, &value)?;
            printed = true;
        }
        Answer::Json(_) | Answer::Empty => {}
        Answer::Bytes(stream) => write_stream(stream).await?,
    }
    // kcadm.sh's `-o` after a write that answers no body: read the resource.
    if g.output_resource && !printed && method != "DELETE" {
        let endpoint = match (&location, method) {
            (Some(id), "POST") => format!("{}/{id}", g.endpoint.trim_end_matches('/')),
            _ => g.endpoint.clone(),
        };
        let read = endpoint::resolve("GET", &endpoint, &realm).map_err(Failure::usage)?;
        let args = read.path.iter().fold(Args::new(), |a, (n, v)| a.path(n, v));
        if let Answer::Json(value) = kc.call_dynamic(read.op, args).await?.into_inner() {
            print(&g.shape, &value)?;
        }
    }
    if let (true, Some(id)) = (method == "POST", location) {
        let id = crate::output::text(&id);
        if g.id {
            println!("{id}");
        } else if !g.output_resource {
            eprintln!("Created new {} with id '{id}'", kind(&g.endpoint));
        }
    }
    Ok(())
}

/// One operation by id, through the ergonomic client: its JSON answer, if any.
pub async fn call(
    kc: &keycloak_admin::KeycloakAdmin,
    id: &str,
    args: Args,
) -> Result<Option<Value>, Failure> {
    Ok(send(kc, id, args).await??)
}

/// [`call`], with a 404 as `None`: a named thing that does not exist.
pub async fn find(
    kc: &keycloak_admin::KeycloakAdmin,
    id: &str,
    args: Args,
) -> Result<Option<Value>, Failure> {
    match send(kc, id, args).await? {
        Err(e) if e.is_not_found() => Ok(None),
        other => Ok(other?),
    }
}

/// The operation named `id` (a usage error if this build's spec lacks it),
/// sent; its JSON answer or the server's error.
async fn send(
    kc: &keycloak_admin::KeycloakAdmin,
    id: &str,
    args: Args,
) -> Result<keycloak_admin::Result<Option<Value>>, Failure> {
    let op = keycloak_admin::api::Operation::by_id(id)
        .ok_or_else(|| Failure::usage(format!("{id}: not an operation of this build's spec")))?;
    Ok(kc
        .call_dynamic(op, args)
        .await
        .map(|answer| match answer.into_inner() {
            Answer::Json(v) => Some(v),
            _ => None,
        }))
}

/// `-f` then `-s`, `-d`, each checked.
fn edit(body: &mut Value, body_type: Option<&str>, g: &Generic) -> Result<(), Failure> {
    let model = body_type.and_then(body::model_of);
    let single = body_type.is_some_and(|t| !t.starts_with("Vec<"));
    for s in &g.set {
        body::set(body, model.filter(|_| single), s).map_err(Failure::usage)?;
    }
    for d in &g.delete {
        body::delete(body, d).map_err(Failure::usage)?;
    }
    Ok(())
}

fn check_fields(body_type: Option<&str>, body: &Value) -> Result<(), Failure> {
    let unknown = body_type
        .map(|t| body::unknown_fields(t, body))
        .unwrap_or_default();
    match unknown.first() {
        Some(first) if unknown.len() == 1 => Err(Failure::usage(first.clone())),
        Some(_) => Err(Failure::usage(unknown.join("; "))),
        None => Ok(()),
    }
}

/// The GET of the same route, as the base of an update.
async fn get_twin(
    kc: &keycloak_admin::KeycloakAdmin,
    op: &keycloak_admin::api::Operation,
    args: &Args,
) -> Result<Value, Failure> {
    let twin = keycloak_admin::api::operations::ALL
        .iter()
        .find(|o| o.path == op.path && o.method == "GET")
        .ok_or_else(|| Failure::usage(format!("{op}: nothing to merge with (no GET): use -n")))?;
    let path = args
        .path_values()
        .iter()
        .fold(Args::new(), |a, (n, v)| a.path(n, v));
    match kc.call_dynamic(twin, path).await?.into_inner() {
        Answer::Json(v) => Ok(v),
        _ => Err(Failure::usage(format!("{twin} answered no JSON: use -n"))),
    }
}

fn read_file(file: &str) -> Result<Value, Failure> {
    let text = if file == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(file)
    }
    .map_err(|e| Failure::usage(format!("-f {file}: {e}")))?;
    serde_json::from_str(&text).map_err(|e| Failure::usage(format!("-f {file}: not JSON: {e}")))
}

/// A text body given as JSON: a JSON string is its text, anything else the JSON.
fn text_of(body: &Value) -> String {
    match body {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The route with its values, for `--dry-run` (values shown as given, escaped).
fn filled(template: &str, values: &[(String, String)]) -> String {
    values
        .iter()
        .fold(template.to_string(), |path, (name, value)| {
            path.replace(&format!("{{{name}}}"), &crate::output::text(value))
        })
}

/// `users` → `user`, `clients/ID/roles` → `role` (kcadm.sh's wording).
fn kind(endpoint: &str) -> String {
    let last = endpoint
        .trim_matches('/')
        .rsplit('/')
        .find(|s| !s.is_empty())
        .unwrap_or("resource");
    last.strip_suffix('s').unwrap_or(last).to_string()
}

/// kcadm.sh's output: pretty JSON, `--fields` kept, or CSV.
pub fn print(g: &Shape, value: &Value) -> Result<(), Failure> {
    let fields: Vec<&str> = g
        .fields
        .as_deref()
        .map(|f| {
            f.split(',')
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let pick = |item: &Value| -> Value {
        match item {
            Value::Object(map) if !fields.is_empty() => Value::Object(
                fields
                    .iter()
                    .filter_map(|f| map.get(*f).map(|v| (f.to_string(), v.clone())))
                    .collect(),
            ),
            other => other.clone(),
        }
    };
    let items: Vec<Value> = match value {
        Value::Array(items) => items.iter().map(pick).collect(),
        other => vec![pick(other)],
    };
    match g.format {
        GenericFormat::Json => {
            let out = match value {
                Value::Array(_) => Value::Array(items),
                _ => items.into_iter().next().unwrap_or(Value::Null),
            };
            println!("{}", crate::output::json_pretty(&out));
        }
        GenericFormat::Csv => {
            for item in &items {
                // Columns in --fields order (else the answer's fields').
                let cells: Vec<String> = match item {
                    Value::Object(map) if !fields.is_empty() => fields
                        .iter()
                        .map(|f| cell(map.get(*f).unwrap_or(&Value::Null), g.noquotes))
                        .collect(),
                    Value::Object(map) => map.values().map(|v| cell(v, g.noquotes)).collect(),
                    other => vec![cell(other, g.noquotes)],
                };
                println!("{}", crate::output::text(&cells.join(",")));
            }
        }
    }
    Ok(())
}

fn cell(v: &Value, noquotes: bool) -> String {
    let text = match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    };
    if noquotes {
        text
    } else {
        format!("\"{}\"", text.replace('"', "\"\""))
    }
}

async fn write_stream(stream: keycloak_admin::api::ByteStream) -> Result<(), Failure> {
    use futures_util::TryStreamExt;
    use std::io::Write;
    let mut stream = stream.into_inner();
    let mut out = std::io::stdout().lock();
    while let Some(chunk) = stream.try_next().await.map_err(|e| Failure {
        code: 1,
        message: format!("reading the answer: {e}"),
    })? {
        out.write_all(&chunk).map_err(|e| Failure {
            code: 1,
            message: format!("writing: {e}"),
        })?;
    }
    Ok(())
}
