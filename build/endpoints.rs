//! `impl Endpoint for builder::X` for every operation: the operation (id,
//! method, path template) and the response type travel with the builder, so the
//! ergonomic crate runs any of them with one generic `send`.

use quote::ToTokens;
use syn::{ImplItem, Item, ReturnType, Type};

/// `(method name, builder name)` of every `Client` method that returns a builder.
pub fn client_methods(file: &syn::File) -> Vec<(String, String)> {
    let mut methods = Vec::new();
    for item in &file.items {
        let Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some()
            || !matches!(&*imp.self_ty, Type::Path(p) if p.path.is_ident("Client"))
        {
            continue;
        }
        for it in &imp.items {
            if let ImplItem::Fn(f) = it
                && let ReturnType::Type(_, t) = &f.sig.output
                && let Type::Path(p) = &**t
                && p.path
                    .segments
                    .first()
                    .is_some_and(|s| s.ident == "builder")
            {
                let b = p.path.segments.last().unwrap().ident.to_string();
                methods.push((f.sig.ident.to_string(), b));
            }
        }
    }
    methods
}

/// The `T` of each builder's `send(self) -> Result<ResponseValue<T>, Error<()>>`.
fn outputs(file: &syn::File) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    for item in &file.items {
        let Item::Mod(m) = item else { continue };
        if m.ident != "builder" {
            continue;
        }
        for it in m.content.iter().flat_map(|(_, items)| items) {
            let Item::Impl(imp) = it else { continue };
            let Type::Path(p) = &*imp.self_ty else {
                continue;
            };
            let name = p.path.segments.last().unwrap().ident.to_string();
            for f in imp.items.iter().filter_map(|i| match i {
                ImplItem::Fn(f) if f.sig.ident == "send" => Some(f),
                _ => None,
            }) {
                let ReturnType::Type(_, t) = &f.sig.output else {
                    continue;
                };
                let text = t.to_token_stream().to_string();
                let inner = text
                    .strip_prefix("Result < ResponseValue < ")
                    .and_then(|r| {
                        r.strip_suffix(" > , Error < () > >")
                            .or_else(|| r.strip_suffix(" > , Error < () > , >"))
                    })
                    .unwrap_or_else(|| panic!("unexpected send signature of {name}: {text}"));
                out.insert(name.clone(), inner.to_string());
            }
        }
    }
    out
}

/// `(operation id, response type as Rust source)` of every operation.
pub fn op_outputs(file: &syn::File) -> Vec<(String, String)> {
    let outputs = outputs(file);
    client_methods(file)
        .into_iter()
        .map(|(method, builder)| (method, outputs[&builder].clone()))
        .collect()
}

/// The generated `Endpoint` impls, for inclusion at the crate root.
pub fn render(file: &syn::File) -> String {
    let outputs = outputs(file);
    let mut out = String::new();
    for (method, builder) in client_methods(file) {
        let output = &outputs[&builder];
        let op = method.to_uppercase();
        out += &format!(
            "impl<'a> crate::Endpoint for builder::{builder}<'a> {{\n\
             \x20   const OPERATION: &'static crate::Operation = crate::operations::{op};\n\
             \x20   type Output = {output};\n\
             \x20   fn send(self) -> impl ::std::future::Future<Output = Result<ResponseValue<Self::Output>, Error<()>>> + Send {{\n\
             \x20       builder::{builder}::send(self)\n\
             \x20   }}\n\
             }}\n"
        );
    }
    out
}
