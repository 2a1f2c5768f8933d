//! The generated API surface in one line per operation and one per type, so that a
//! Keycloak upgrade shows up as a readable snapshot diff.

use quote::ToTokens;
use syn::{Fields, FnArg, ImplItem, Item, ReturnType, Type};

pub fn render(file: &syn::File) -> String {
    let mut ops = Vec::new();
    let mut types = Vec::new();
    for item in &file.items {
        match item {
            Item::Impl(imp) if imp.trait_.is_none() && is_client(&imp.self_ty) => {
                for it in &imp.items {
                    // Operations are documented "Sends a `METHOD` request to `/path`";
                    // constructors are not.
                    if let ImplItem::Fn(f) = it
                        && let Some(line) = operation_line(f)
                    {
                        ops.push(line);
                    }
                }
            }
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
    ops.sort();
    types.sort();
    let mut out = format!("# {} operations\n", ops.len());
    out += &ops.join("\n");
    out += &format!("\n\n# {} types\n", types.len());
    out += &types.join("\n");
    out.push('\n');
    out
}

fn is_client(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("Client"))
}

/// `get_users GET /admin/realms/{realm}/users (realm: &str, first: Option<i32>, …) -> Vec<UserRepresentation>`
fn operation_line(f: &syn::ImplItemFn) -> Option<String> {
    let docs: String = f.attrs.iter().filter(|a| a.path().is_ident("doc")).map(|a| a.meta.to_token_stream().to_string()).collect();
    if !docs.contains("Sends a") {
        return None;
    }
    let mut ticks = docs.split('`').skip(1).step_by(2);
    let method = ticks.next()?.to_string();
    let path = ticks.next()?.to_string();
    let args: Vec<String> = f
        .sig
        .inputs
        .iter()
        .filter_map(|a| match a {
            FnArg::Typed(t) => Some(format!("{}: {}", t.pat.to_token_stream(), tidy(&t.ty.to_token_stream().to_string()))),
            FnArg::Receiver(_) => None,
        })
        .collect();
    let ret = match &f.sig.output {
        ReturnType::Type(_, t) => tidy(&t.to_token_stream().to_string()),
        ReturnType::Default => "()".into(),
    };
    let ret = ret.strip_prefix("Result<ResponseValue<").and_then(|r| r.strip_suffix(">,Error<()>>")).map(str::to_string).unwrap_or(ret);
    Some(format!("{} {method} {path} ({}) -> {ret}", f.sig.ident, args.join(", ")))
}

fn type_line(item: &Item) -> Option<String> {
    match item {
        Item::Struct(s) => {
            let fields: Vec<String> = match &s.fields {
                Fields::Named(n) => n.named.iter().map(|f| format!("{}: {}", f.ident.as_ref().unwrap(), tidy(&f.ty.to_token_stream().to_string()))).collect(),
                Fields::Unnamed(u) => u.unnamed.iter().map(|f| tidy(&f.ty.to_token_stream().to_string())).collect(),
                Fields::Unit => vec![],
            };
            Some(format!("struct {} {{ {} }}", s.ident, fields.join(", ")))
        }
        Item::Enum(e) => Some(format!("enum {} {{ {} }}", e.ident, e.variants.iter().map(|v| v.ident.to_string()).collect::<Vec<_>>().join(", "))),
        Item::Type(t) => Some(format!("type {} = {}", t.ident, tidy(&t.ty.to_token_stream().to_string()))),
        _ => None,
    }
}

/// `:: std :: option :: Option < bool >` → `Option<bool>`.
fn tidy(s: &str) -> String {
    let mut t = s.replace(' ', "");
    for prefix in ["::std::collections::", "::std::option::", "::std::vec::", "::std::string::", "::serde_json::", "::std::primitive::", "types::", "'a"] {
        t = t.replace(prefix, "");
    }
    t.replace(",>", ">")
}
