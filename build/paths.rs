//! Every path parameter of every operation goes through one function.
//!
//! progenitor builds each URL with `format!("{}/…/{}", baseurl, encode_path(&x.to_string()))`,
//! and `encode_path` leaves `.`/`..` alone and does not encode `\`: the URL
//! parser then resolves them, so `users().delete("..")` once deleted a realm.
//! This pass rewrites each such call into `crate::path::segment("x", …)?`, which
//! refuses `""`, `.` and `..` and encodes everything but unreserved characters,
//! and fails the build if any `encode_path` call is left (a progenitor upgrade
//! that builds paths another way must not slip through).
//!
//! It also renders `path_walk.rs`: for the unit tests, a call of every
//! operation with every path parameter set, so a test can prove the rule for all
//! operations rather than a few.

use proc_macro2::{Group, TokenStream, TokenTree};
use quote::{ToTokens, quote};
use std::collections::BTreeMap;
use syn::visit_mut::VisitMut;
use syn::{Fields, ImplItem, Item, Type};

/// Rewrite every `encode_path(&x.to_string())`; returns how many were rewritten.
pub fn rewrite(file: &mut syn::File) -> usize {
    let mut pass = Rewrite { count: 0 };
    pass.visit_file_mut(file);
    let left = file
        .to_token_stream()
        .to_string()
        .matches("encode_path (")
        .count();
    assert!(
        left == 0,
        "{left} `encode_path(…)` calls were not rewritten: progenitor builds paths in a way build/paths.rs does not know"
    );
    pass.count
}

struct Rewrite {
    count: usize,
}

impl VisitMut for Rewrite {
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if mac.path.is_ident("format") {
            mac.tokens = self.tokens(mac.tokens.clone());
        }
    }

    fn visit_use_tree_mut(&mut self, tree: &mut syn::UseTree) {
        // `use progenitor_client::{encode_path, …}`: no longer used.
        if let syn::UseTree::Group(g) = tree {
            g.items = g
                .items
                .iter()
                .filter(|t| !matches!(t, syn::UseTree::Name(n) if n.ident == "encode_path"))
                .cloned()
                .collect();
        }
        syn::visit_mut::visit_use_tree_mut(self, tree);
    }
}

impl Rewrite {
    fn tokens(&mut self, input: TokenStream) -> TokenStream {
        let mut out = TokenStream::new();
        let mut iter = input.into_iter().peekable();
        while let Some(tt) = iter.next() {
            match &tt {
                TokenTree::Ident(id) if id == "encode_path" => {
                    let Some(TokenTree::Group(args)) = iter.peek().cloned() else {
                        out.extend([tt]);
                        continue;
                    };
                    iter.next();
                    let name = args
                        .stream()
                        .into_iter()
                        .find_map(|t| match t {
                            TokenTree::Ident(i) => Some(i.to_string()),
                            _ => None,
                        })
                        .expect("encode_path(&name.to_string())");
                    let inner = args.stream();
                    out.extend(quote! {
                        crate::path::segment(#name, #inner).map_err(Error::InvalidRequest)?
                    });
                    self.count += 1;
                }
                TokenTree::Group(g) => {
                    let mut group = Group::new(g.delimiter(), self.tokens(g.stream()));
                    group.set_span(g.span());
                    out.extend([TokenTree::Group(group)]);
                }
                _ => out.extend([tt]),
            }
        }
        out
    }
}

/// One operation as the walk sees it.
struct Builder {
    path_params: Vec<String>,
    /// Fields that must be set for `send` to reach the URL (uninitialized
    /// non-path fields: bodies), with their types.
    required: Vec<(String, Type)>,
    has_send: bool,
}

/// `every_operation(client, value)`: `(operation id, its path parameters, a
/// future that sends it with each path parameter set to `value(name)`)`.
pub fn walk(file: &syn::File) -> String {
    let mut builders: BTreeMap<String, Builder> = BTreeMap::new();
    for item in &file.items {
        if let Item::Mod(m) = item
            && m.ident == "builder"
        {
            collect(m, &mut builders);
        }
    }
    let methods = super::endpoints::client_methods(file);
    let mut out = String::from(
        "/// One operation's call, under way.\n\
         type Sending<'a> = crate::BoxFuture<'a, Result<(), crate::Error<()>>>;\n\
         /// Every operation, sent with each path parameter set to `value(name)`.\n\
         pub(crate) fn every_operation<'a>(\n\
         \x20   client: &'a crate::Client,\n\
         \x20   value: &'a (dyn Fn(&str) -> String + Sync),\n\
         ) -> Vec<(&'static str, &'static [&'static str], Sending<'a>)> {\n\
         \x20   vec![\n",
    );
    for (method, builder) in &methods {
        let b = &builders[builder];
        if !b.has_send {
            continue;
        }
        let mut call = format!("client.{method}()");
        for p in &b.path_params {
            call += &format!(".{p}(value({p:?}))");
        }
        for (name, ty) in &b.required {
            let ty = ty.to_token_stream().to_string();
            if ty.ends_with("reqwest :: Body") {
                call += &format!(".{name}(Vec::<u8>::new())");
            } else {
                call += &format!(".{name}(<{ty} as Default>::default())");
            }
        }
        let params: Vec<String> = b.path_params.iter().map(|p| format!("{p:?}")).collect();
        out += &format!(
            "        ({method:?}, &[{}], Box::pin(async move {{ {call}.send().await.map(drop) }})),\n",
            params.join(", ")
        );
    }
    out += "    ]\n}\n";
    out
}

fn collect(m: &syn::ItemMod, out: &mut BTreeMap<String, Builder>) {
    for it in m.content.iter().flat_map(|(_, items)| items) {
        let Item::Impl(imp) = it else { continue };
        let Type::Path(p) = &*imp.self_ty else {
            continue;
        };
        let name = p.path.segments.last().unwrap().ident.to_string();
        let mut b = Builder {
            path_params: vec![],
            required: vec![],
            has_send: false,
        };
        for f in imp.items.iter().filter_map(|i| match i {
            ImplItem::Fn(f) => Some(f),
            _ => None,
        }) {
            let body = f.block.to_token_stream().to_string();
            if f.sig.ident == "new" {
                // `field: Err("field was not initialized".to_string())`
                for piece in body.split(" was not initialized") {
                    if let Some(start) = piece.rfind('"') {
                        let field = &piece[start + 1..];
                        if !field.is_empty() && !field.contains(' ') {
                            b.required.push((field.to_string(), syn::parse_quote!(())));
                        }
                    }
                }
            }
            if f.sig.ident == "send" {
                for piece in body.split("crate :: path :: segment (\"").skip(1) {
                    let param = piece.split('"').next().unwrap().to_string();
                    b.path_params.push(param);
                }
                b.has_send = true;
            }
        }
        // Path params are set separately; a body is always set (some default
        // bodies do not convert: "no value supplied for extra").
        b.required
            .retain(|(n, _)| !b.path_params.contains(n) && n != "body");
        b.required.push(("body".into(), syn::parse_quote!(())));
        out.insert(name, b);
    }
    for it in m.content.iter().flat_map(|(_, items)| items) {
        let Item::Struct(s) = it else { continue };
        let Some(b) = out.get_mut(&s.ident.to_string()) else {
            continue;
        };
        let Fields::Named(fields) = &s.fields else {
            continue;
        };
        b.required.retain(|(name, _)| {
            fields
                .named
                .iter()
                .any(|f| f.ident.as_ref().is_some_and(|i| i == name))
        });
        for (name, ty) in b.required.iter_mut() {
            let field = fields
                .named
                .iter()
                .find(|f| f.ident.as_ref().is_some_and(|i| i == name))
                .unwrap();
            // A body held as `types::builder::X` is set as a `types::X`.
            let ok = result_ok_type(&field.ty).to_token_stream().to_string();
            *ty = syn::parse_str(&ok.replace("types :: builder ::", "types ::")).unwrap();
        }
    }
}

/// `Result<T, String>` → `T`.
fn result_ok_type(ty: &Type) -> Type {
    if let Type::Path(p) = ty
        && let Some(seg) = p.path.segments.last()
        && seg.ident == "Result"
        && let syn::PathArguments::AngleBracketed(args) = &seg.arguments
        && let Some(syn::GenericArgument::Type(t)) = args.args.first()
    {
        return t.clone();
    }
    panic!("builder field is not a Result: {}", ty.to_token_stream());
}
