//! Every operation callable by name (`src/dynamic.rs`, feature `dynamic`):
//! for each one a function that fills its generated builder from loose
//! arguments — path and query values by their names in the document, a JSON
//! body decoded into the operation's body type — and sends it. The CLI's
//! generic verbs and the conformance tier call operations this way; the
//! request is still the builder's own (path segments checked, typed body).

use quote::ToTokens;
use serde_json::Value;
use std::collections::HashMap;
use syn::{Fields, Item, Type};

/// How a builder field is filled from `Args`.
fn fill(field: &str, ty: &str, param: Option<(&str, &str)>) -> Result<String, String> {
    let compact: String = ty.chars().filter(|c| !c.is_whitespace()).collect();
    if field == "body" && param.is_none() {
        if compact == "reqwest::Body" {
            return Ok("let b = b.body(a.take_raw_body()?);".into());
        }
        return Ok(format!("let b = b.body(a.take_body::<{ty}>()?);"));
    }
    let (name, location) = param.ok_or_else(|| format!("field `{field}` matches no parameter"))?;
    let take = match location {
        "path" => "path",
        "query" => "query",
        "header" => "header",
        other => return Err(format!("parameter `{name}` is in {other}")),
    };
    Ok(match compact.as_str() {
        "::std::string::String" => format!("let b = b.{field}(a.required_{take}({name:?})?);"),
        "Option<::std::string::String>" if take == "path" => {
            return Err(format!("path parameter `{name}` is optional"));
        }
        "Option<::std::string::String>" => {
            format!(
                "let b = match a.optional_{take}({name:?})? {{ Some(v) => b.{field}(v), None => b }};"
            )
        }
        "Option<::std::vec::Vec<::std::string::String>>" => {
            format!("let b = match a.list({name:?})? {{ Some(v) => b.{field}(v), None => b }};")
        }
        _ => match compact
            .strip_prefix("Option<")
            .and_then(|t| t.strip_suffix('>'))
        {
            Some(inner) => format!(
                "let b = match a.parsed::<{inner}>({name:?})? {{ Some(v) => b.{field}(v), None => b }};"
            ),
            None => return Err(format!("parameter `{name}` has type {ty}")),
        },
    })
}

/// Lowercase letters and digits only: `user-id`, `userId` and `user_id` meet.
fn key(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// `(operation id → [(parameter name, in)])` from the document.
fn parameters(doc: &Value) -> HashMap<String, Vec<(String, String)>> {
    let mut out = HashMap::new();
    for (_, item) in doc["paths"].as_object().into_iter().flatten() {
        for (_, op) in item.as_object().into_iter().flatten() {
            let Some(id) = op.get("operationId").and_then(Value::as_str) else {
                continue;
            };
            let params = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|p| {
                    let s = |k: &str| p[k].as_str().unwrap_or_default().to_string();
                    (s("name"), s("in"))
                })
                .collect();
            out.insert(id.to_string(), params);
        }
    }
    out
}

/// `dynamic.rs`: one `fn` per operation and `CALLS`, sorted by operation id.
/// Fails naming a builder field it cannot fill.
pub fn render(
    file: &syn::File,
    doc: &Value,
    methods: &[(String, String)],
    outputs: &[(String, String)],
) -> Result<String, String> {
    let params = parameters(doc);
    let outputs: HashMap<&str, &str> = outputs
        .iter()
        .map(|(id, o)| (id.as_str(), o.as_str()))
        .collect();
    let mut fields: HashMap<String, Vec<(String, String)>> = HashMap::new();
    for item in &file.items {
        let Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        for it in m.content.iter().flat_map(|(_, items)| items) {
            let Item::Struct(s) = it else { continue };
            let Fields::Named(named) = &s.fields else {
                continue;
            };
            let mut list = Vec::new();
            for f in &named.named {
                let name = f.ident.as_ref().expect("named").to_string();
                // `Result<T, String>`: the builder's slot for a value of type T.
                let Type::Path(p) = &f.ty else { continue };
                let last = p.path.segments.last().expect("a segment");
                if last.ident != "Result" {
                    continue; // the `&Client`
                }
                let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                    continue;
                };
                let inner = args.args.first().expect("Result<T, E>").to_token_stream();
                list.push((name, inner.to_string()));
            }
            fields.insert(s.ident.to_string(), list);
        }
    }
    let mut sorted: Vec<&(String, String)> = methods.iter().collect();
    sorted.sort();
    let mut out = String::new();
    let mut table = String::from(
        "/// Every operation's caller, sorted by operation id.\n\
         pub(crate) static CALLS: &[Callable] = &[\n",
    );
    for (id, builder) in sorted {
        let declared = params
            .get(id)
            .ok_or_else(|| format!("{id}: not in the document"))?;
        let mut body = String::new();
        let mut takes = Vec::new();
        let mut body_type = "None".to_string();
        for (field, ty) in &fields[builder] {
            let param = declared
                .iter()
                .find(|(name, _)| key(name) == key(field))
                .map(|(n, l)| (n.as_str(), l.as_str()));
            let line = fill(field, ty, param).map_err(|e| format!("{id}: {e}"))?;
            body += &format!("    {line}\n");
            match param {
                Some((name, location)) => takes.push(format!("({name:?}, {location:?})")),
                None => {
                    let mut shown = ty.replace(' ', "");
                    for noise in [
                        "types::",
                        "::std::collections::",
                        "::std::string::",
                        "::std::vec::",
                        "::serde_json::",
                    ] {
                        shown = shown.replace(noise, "");
                    }
                    if shown == "reqwest::Body" {
                        shown = "String".into(); // a text body
                    }
                    body_type = format!("Some({shown:?})");
                }
            }
        }
        let answer = match outputs[id.as_str()].replace(' ', "").as_str() {
            "()" => "empty",
            "ByteStream" => "bytes",
            _ => "json",
        };
        let a = if body.is_empty() { "_" } else { "a" };
        out += &format!(
            "fn {id}<'a>(c: &'a Client, {a}: &mut Args) -> Result<Pending<'a>, String> {{\n\
             \x20   let b = c.{id}();\n{body}\
             \x20   Ok({answer}(b))\n}}\n"
        );
        table += &format!(
            "    Callable {{ id: {id:?}, call: {id}, params: &[{}], body: {body_type} }},\n",
            takes.join(", ")
        );
    }
    table += "];\n";
    Ok(out + &table)
}
