//! The generated API surface, one line per operation, parameter, type, field and
//! variant — each line naming its owner — so that a Keycloak upgrade shows up as
//! a snapshot diff whose changed lines say exactly what changed.
//!
//! Operation lines come from the `Client` methods (documented "Sends a `METHOD`
//! request to `/path`"), their builder's fields (the parameters) and its `send`.

use quote::ToTokens;
use std::collections::HashMap;
use syn::{Fields, ImplItem, Item, ReturnType, Type};

pub fn render(file: &syn::File) -> String {
    let mut methods = Vec::new();
    let mut builders: HashMap<String, (Vec<String>, String)> = HashMap::new();
    let mut types = Vec::new();
    for item in &file.items {
        match item {
            Item::Impl(imp) if imp.trait_.is_none() && is_named(&imp.self_ty, "Client") => {
                for it in &imp.items {
                    if let ImplItem::Fn(f) = it {
                        methods.push(f.clone());
                    }
                }
            }
            Item::Mod(m) if m.ident == "builder" => collect_builders(m, &mut builders),
            Item::Mod(m) if m.ident == "types" => {
                for it in m.content.iter().flat_map(|(_, items)| items) {
                    if let Some(line) = type_line(it) {
                        types.push(line);
                    }
                }
            }
            _ => {}
        }
    }
    let mut ops: Vec<String> = methods
        .iter()
        .filter_map(|f| operation_line(f, &builders))
        .collect();
    ops.sort();
    types.sort();
    let mut out = format!("# {} operations\n", ops.len());
    out += &ops.concat();
    out += &format!("\n# {} types\n", types.len());
    out += &types.concat();
    out
}

fn is_named(ty: &Type, name: &str) -> bool {
    matches!(ty, Type::Path(p) if p.path.segments.last().is_some_and(|s| s.ident == name))
}

/// Builder name → (parameters with types, `send` result type).
fn collect_builders(m: &syn::ItemMod, out: &mut HashMap<String, (Vec<String>, String)>) {
    for it in m.content.iter().flat_map(|(_, items)| items) {
        match it {
            Item::Struct(s) => {
                let fields = match &s.fields {
                    Fields::Named(n) => n
                        .named
                        .iter()
                        // Skip the builder's reference to the client (named `client`, or
                        // `_client` when a parameter is called `client`).
                        .filter(|f| !matches!(f.ty, Type::Reference(_)))
                        .map(|f| {
                            let ty = tidy(&f.ty.to_token_stream().to_string());
                            let ty = ty
                                .strip_prefix("Result<")
                                .and_then(|t| t.strip_suffix(",String>"))
                                .map(str::to_string)
                                .unwrap_or(ty);
                            format!("{}: {ty}", f.ident.as_ref().unwrap())
                        })
                        .collect(),
                    _ => vec![],
                };
                out.entry(s.ident.to_string()).or_default().0 = fields;
            }
            Item::Impl(imp) => {
                let Type::Path(p) = &*imp.self_ty else {
                    continue;
                };
                let name = p.path.segments.last().unwrap().ident.to_string();
                for f in imp.items.iter().filter_map(|i| {
                    if let ImplItem::Fn(f) = i {
                        Some(f)
                    } else {
                        None
                    }
                }) {
                    if f.sig.ident == "send"
                        && let ReturnType::Type(_, t) = &f.sig.output
                    {
                        let ret = tidy(&t.to_token_stream().to_string());
                        let ret = ret
                            .strip_prefix("Result<ResponseValue<")
                            .and_then(|r| r.strip_suffix(">,Error<()>>"))
                            .map(str::to_string)
                            .unwrap_or(ret);
                        out.entry(name.clone()).or_default().1 = ret;
                    }
                }
            }
            _ => {}
        }
    }
}

/// `get_users GET /admin/realms/{realm}/users -> Vec<UserRepresentation>`, then
/// one `get_users(first: Option<i32>)` line per parameter.
fn operation_line(
    f: &syn::ImplItemFn,
    builders: &HashMap<String, (Vec<String>, String)>,
) -> Option<String> {
    let docs: String = f
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .map(|a| a.meta.to_token_stream().to_string())
        .collect();
    let sends = docs.find("Sends a")?;
    let mut ticks = docs[sends..].split('`').skip(1).step_by(2);
    let method = ticks.next()?.to_string();
    let path = ticks.next()?.to_string();
    let ReturnType::Type(_, ret) = &f.sig.output else {
        return None;
    };
    let Type::Path(p) = &**ret else { return None };
    let builder = p.path.segments.last()?.ident.to_string();
    let (params, response) = builders.get(&builder)?;
    let name = &f.sig.ident;
    let mut out = format!("{name} {method} {path} -> {response}\n");
    for p in params {
        out += &format!("{name}({p})\n");
    }
    Some(out)
}

fn type_line(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => {
            let fields: Vec<String> = match &s.fields {
                Fields::Named(n) => n
                    .named
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: {}",
                            f.ident.as_ref().unwrap(),
                            tidy(&f.ty.to_token_stream().to_string())
                        )
                    })
                    .collect(),
                Fields::Unnamed(u) => u
                    .unnamed
                    .iter()
                    .map(|f| tidy(&f.ty.to_token_stream().to_string()))
                    .collect(),
                Fields::Unit => vec![],
            };
            let name = &s.ident;
            Some(match &s.fields {
                Fields::Unnamed(_) => format!("struct {name}({})\n", fields.join(", ")),
                _ => {
                    let mut out = format!("struct {name}\n");
                    for f in fields {
                        out += &format!("{name}.{f}\n");
                    }
                    out
                }
            })
        }
        Item::Enum(e) => {
            let mut out = format!("enum {}\n", e.ident);
            for v in &e.variants {
                out += &format!("{}::{}\n", e.ident, v.ident);
            }
            Some(out)
        }
        Item::Type(t) => Some(format!(
            "type {} = {}\n",
            t.ident,
            tidy(&t.ty.to_token_stream().to_string())
        )),
        _ => None,
    }
}

/// `:: std :: option :: Option < bool >` → `Option<bool>`.
fn tidy(s: &str) -> String {
    let mut t = s.replace(' ', "");
    for prefix in [
        "::std::collections::",
        "::std::option::",
        "::std::vec::",
        "::std::string::",
        "::serde_json::",
        "::std::primitive::",
        "types::",
        "super::",
        "builder::",
    ] {
        t = t.replace(prefix, "");
    }
    t.replace(",>", ">")
}
