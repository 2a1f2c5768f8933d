//! `cargo xtask blocking [--check]`: the blocking facade of `keycloak-admin`,
//! generated from the async handles' own `impl` blocks (parsed with syn) into
//! `crates/keycloak-admin/src/blocking/generated.rs`.
//!
//! Every public method of a handle type is mirrored on `Blocking<Handle>`:
//! `async fn m(&self, …) -> Result<T>` blocks until it completes; a method
//! returning another handle returns it wrapped; `fn m(self, …) -> Self`
//! (a builder step) maps; `fn stream(self) -> BoxStream<…Result<T>>` becomes a
//! blocking iterator; other `&self` methods delegate. A public method of any
//! other shape fails generation with its name, unless [`ALLOWED`] lists it
//! with a reason — nothing falls out of the mirror silently.

use anyhow::{Context, Result, bail};
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::path::{Path, PathBuf};
use syn::{
    Attribute, FnArg, ImplItem, ImplItemFn, Item, ItemImpl, Pat, ReturnType, Type, Visibility,
};

/// The async handles (and their list and builder types) that have a blocking
/// twin. A type with a public `async fn` that is not here fails generation.
pub const HANDLES: &[&str] = &[
    "KeycloakAdmin",
    "Realms",
    "RealmHandle",
    "Users",
    "UserRoles",
    "UserQuery",
    "UserProfile",
    "Groups",
    "Roles",
    "RealmRoles",
    "ClientRoles",
    "Clients",
    "ClientScopes",
    "ClientPolicies",
    "Components",
    "Events",
    "IdentityProviders",
    "Organizations",
    "Authentication",
    "Authorization",
    "AdminPermissions",
    "Workflows",
    "List",
    "GroupQuery",
    "ComponentQuery",
    "EventQuery",
    "AdminEventQuery",
    "CreateMany",
];

/// Public methods deliberately not mirrored: (type, method, why).
pub const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "KeycloakAdmin",
        "pages",
        "an async stream borrowing the client; blocking code reads a `List` (`.stream()` is an iterator) or calls `send` per page",
    ),
    (
        "KeycloakAdmin",
        "paginate",
        "an async stream of any operation; blocking code reads a `List` (`.stream()` is an iterator) or calls `send` per page",
    ),
];

/// The sources whose handle `impl`s are mirrored, relative to the crate's `src/`.
fn sources(src: &Path) -> Result<Vec<PathBuf>> {
    let mut files = vec![
        src.join("client.rs"),
        src.join("pagination/mod.rs"),
        src.join("bulk/mod.rs"),
        src.join("server.rs"),
    ];
    let mut resources = Vec::new();
    rust_files(&src.join("resources"), &mut resources)?;
    resources.sort();
    files.extend(resources);
    Ok(files)
}

/// Every `.rs` file under `dir`, recursively (a handle may be split by concern).
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    Ok(())
}

fn crate_dir(root: &Path) -> PathBuf {
    root.join("crates/keycloak-admin")
}

/// Where the generated facade is committed.
pub fn output(root: &Path) -> PathBuf {
    crate_dir(root).join("src/blocking/generated.rs")
}

/// Write the facade.
pub fn run(root: &Path) -> Result<()> {
    let text = render(root)?;
    let out = output(root);
    std::fs::write(&out, text).with_context(|| out.display().to_string())?;
    println!("wrote {}", out.display());
    Ok(())
}

/// Fail when the committed facade differs from what the handles generate.
pub fn check(root: &Path) -> Result<()> {
    let want = render(root)?;
    let out = output(root);
    let have = std::fs::read_to_string(&out).unwrap_or_default();
    if have != want {
        bail!(
            "{} is stale: the async handles changed; run `cargo xtask blocking`",
            out.display()
        );
    }
    println!("blocking facade is current ({})", out.display());
    Ok(())
}

/// One mirrored or skipped method, for the parity listing.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Method {
    pub ty: String,
    pub name: String,
}

/// The generated file's text.
pub fn render(root: &Path) -> Result<String> {
    Ok(generate(root)?.0)
}

/// The file, and every public method of every handle found (mirrored or allowed).
pub fn generate(root: &Path) -> Result<(String, Vec<Method>)> {
    let src = crate_dir(root).join("src");
    let mut modules = Vec::new();
    let mut found = Vec::new();
    let mut problems = Vec::new();
    for file in sources(&src)? {
        let text = std::fs::read_to_string(&file).with_context(|| file.display().to_string())?;
        let ast = syn::parse_file(&text).with_context(|| file.display().to_string())?;
        let module = module_path(&src, &file);
        let mut impls = Vec::new();
        for item in &ast.items {
            let Item::Impl(imp) = item else { continue };
            if imp.trait_.is_some() {
                continue;
            }
            let Some(ty) = type_name(&imp.self_ty) else {
                continue;
            };
            let rel = file.strip_prefix(&src).unwrap_or(&file).display();
            if !HANDLES.contains(&ty.as_str()) {
                if let Some(f) = public_methods(imp).find(|f| f.sig.asyncness.is_some()) {
                    problems.push(format!(
                        "src/{rel}: `{ty}::{}` is a public async method of a type that is not a handle: add `{ty}` to HANDLES (xtask/src/blocking.rs)",
                        f.sig.ident
                    ));
                }
                continue;
            }
            let mut methods = Vec::new();
            for f in public_methods(imp) {
                let name = f.sig.ident.to_string();
                if f.sig.receiver().is_none() {
                    continue; // constructors and associated functions
                }
                found.push(Method {
                    ty: ty.clone(),
                    name: name.clone(),
                });
                if ALLOWED.iter().any(|(t, m, _)| *t == ty && *m == name) {
                    continue;
                }
                match mirror(&ty, f) {
                    Ok(m) => methods.push(m),
                    Err(why) => problems.push(format!(
                        "src/{rel}: `{ty}::{name}` cannot be mirrored ({why}): change its signature or allow it with a reason in ALLOWED (xtask/src/blocking.rs)"
                    )),
                }
            }
            if methods.is_empty() {
                continue;
            }
            let cfgs = cfg_attrs(&imp.attrs);
            let generics = &imp.generics;
            let where_clause = &imp.generics.where_clause;
            let self_ty = &imp.self_ty;
            let block = quote! {
                #(#cfgs)*
                impl #generics Blocking<#self_ty> #where_clause {
                    #(#methods)*
                }
            };
            // `super::Roles` in a signature means the source's parent module.
            let parent = module.rsplit_once("::").map_or("crate", |p| p.0);
            let block = block
                .to_string()
                .replace("super ::", &format!("{parent} ::"))
                .parse::<TokenStream>()
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            impls.push(block);
        }
        if impls.is_empty() {
            continue;
        }
        let uses = uses_of(&ast, &module);
        // `crate::resources::users::query` → `resources_users_query`.
        let name = format_ident!(
            "{}",
            module.trim_start_matches("crate::").replace("::", "_")
        );
        let module_path: syn::Path = syn::parse_str(&module)?;
        modules.push(quote! {
            mod #name {
                #![allow(unused_imports)]
                use crate::blocking::{Blocking, Iter};
                use #module_path::*;
                #(#uses)*
                #(#impls)*
            }
        });
    }
    if !problems.is_empty() {
        bail!(
            "the blocking facade cannot be generated:\n  {}",
            problems.join("\n  ")
        );
    }
    found.sort();
    let file: syn::File = syn::parse2(quote! { #(#modules)* })?;
    let header = "// @generated by `cargo xtask blocking` from the async handles' impl blocks;\n\
                  // do not edit. CI fails when it is stale (`cargo xtask blocking --check`).\n\n";
    let text = format!("{header}{}", prettyplease::unparse(&file));
    Ok((rustfmt(&text)?, found))
}

/// The text as `cargo fmt` leaves it, so formatting the workspace does not
/// make the committed file stale.
fn rustfmt(text: &str) -> Result<String> {
    use std::io::Write;
    let mut child = std::process::Command::new("rustfmt")
        .args(["--edition", "2024", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .context("running rustfmt (rustup component add rustfmt)")?;
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(text.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("rustfmt refused the generated facade");
    }
    Ok(String::from_utf8(out.stdout)?)
}

fn public_methods(imp: &ItemImpl) -> impl Iterator<Item = &ImplItemFn> {
    imp.items.iter().filter_map(|i| match i {
        ImplItem::Fn(f) if matches!(f.vis, Visibility::Public(_)) => Some(f),
        _ => None,
    })
}

/// `src/resources/users.rs` → `crate::resources::users`.
fn module_path(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap_or(file).with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    std::iter::once("crate".to_string())
        .chain(parts)
        .collect::<Vec<_>>()
        .join("::")
}

/// The last segment of a path type: `crate::Users` → `Users`, `List<T>` → `List`.
fn type_name(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) => p.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn cfg_attrs(attrs: &[Attribute]) -> Vec<&Attribute> {
    attrs.iter().filter(|a| a.path().is_ident("cfg")).collect()
}

/// The source file's `use` items, with `self::`/`super::` made absolute, so
/// signatures name the same types in the generated module.
fn uses_of(ast: &syn::File, module: &str) -> Vec<TokenStream> {
    let parent = module.rsplit_once("::").map_or("crate", |p| p.0);
    // `use kinds::X` names a child module of the source (`mod kinds;`).
    let children: Vec<String> = ast
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Mod(m) => Some(m.ident.to_string()),
            _ => None,
        })
        .collect();
    ast.items
        .iter()
        .filter_map(|i| match i {
            Item::Use(u) => Some(u),
            _ => None,
        })
        .filter_map(|u| {
            let mut u = u.clone();
            u.vis = Visibility::Inherited;
            u.attrs.retain(|a| a.path().is_ident("cfg"));
            let text = quote!(#u).to_string();
            let text = text
                .replacen("use super ::", &format!("use {parent} ::"), 1)
                .replacen("use self ::", &format!("use {module} ::"), 1);
            // Child modules are private to the source; what they export for
            // signatures comes through the glob import of the source.
            if children
                .iter()
                .any(|c| text.starts_with(&format!("use {c} ::")))
            {
                return None;
            }
            Some(text.parse().unwrap_or_else(|_| quote!(#u)))
        })
        .collect()
}

/// The blocking twin of one public method, or why there is none.
fn mirror(ty: &str, f: &ImplItemFn) -> std::result::Result<TokenStream, String> {
    let sig = &f.sig;
    let name = &sig.ident;
    let receiver = sig.receiver().ok_or("no receiver")?;
    let by_ref = receiver.reference.is_some();
    if receiver.mutability.is_some() && by_ref {
        return Err("`&mut self`".into());
    }
    let mut args = Vec::new();
    let mut params = Vec::new();
    for input in sig.inputs.iter().skip(1) {
        let FnArg::Typed(pt) = input else {
            continue;
        };
        let Pat::Ident(pi) = &*pt.pat else {
            return Err("an argument that is a pattern, not a name".into());
        };
        let ident = &pi.ident;
        let ty = &pt.ty;
        params.push(quote!(#ident: #ty));
        args.push(quote!(#ident));
    }
    let generics = &sig.generics;
    let where_clause = &sig.generics.where_clause;
    let cfgs = cfg_attrs(&f.attrs);
    let ReturnType::Type(_, ret) = &sig.output else {
        return Err("returns nothing".into());
    };
    let link = format!("[`{ty}::{name}`](crate::{ty}::{name})");
    let receiver = if by_ref { quote!(&self) } else { quote!(self) };
    let (doc, ret, body) = if sig.asyncness.is_some() && type_name(ret).as_deref() != Some("Result")
    {
        // It cannot fail, but blocking can: the twin answers `Result`, an
        // error only when called inside an async runtime.
        if !by_ref {
            return Err(
                "an async method consuming the handle that does not return `Result`".into(),
            );
        }
        (
            format!(
                " {link}, blocking until it completes (an error only inside an async runtime)."
            ),
            quote!(crate::Result<#ret>),
            quote!(self.run(async { Ok(self.inner.#name(#(#args),*).await) })),
        )
    } else if sig.asyncness.is_some() {
        let body = if by_ref {
            quote!(self.run(self.inner.#name(#(#args),*)))
        } else {
            quote!(self.run_owned(|inner| inner.#name(#(#args),*)))
        };
        (
            format!(" {link}, blocking until it completes."),
            quote!(#ret),
            body,
        )
    } else if let Some(item) = stream_item(ret) {
        if by_ref {
            return Err("a stream borrowing the handle".into());
        }
        (
            format!(" {link}, as a blocking iterator (each page fetched when reached)."),
            quote!(Iter<#item>),
            quote!(self.iter(|inner| inner.#name(#(#args),*))),
        )
    } else if is_self(ret) {
        if by_ref {
            return Err("returns `Self` from `&self`".into());
        }
        (
            format!(" {link}."),
            quote!(Self),
            quote!(self.map(|inner| inner.#name(#(#args),*))),
        )
    } else if type_name(ret).is_some_and(|t| HANDLES.contains(&t.as_str())) {
        let body = if by_ref {
            quote!(self.wrap(self.inner.#name(#(#args),*)))
        } else {
            quote!(self.map(|inner| inner.#name(#(#args),*)))
        };
        (
            format!(" {link}, as a blocking handle."),
            quote!(Blocking<#ret>),
            body,
        )
    } else if by_ref {
        if returns_stream_like(ret) {
            return Err("returns an async stream".into());
        }
        (
            format!(" {link} (does not block)."),
            quote!(#ret),
            quote!(self.inner.#name(#(#args),*)),
        )
    } else {
        return Err("consumes the handle and returns neither a handle nor a stream".into());
    };
    Ok(quote! {
        #(#cfgs)*
        #[doc = #doc]
        pub fn #name #generics (#receiver, #(#params),*) -> #ret #where_clause {
            #body
        }
    })
}

fn is_self(ty: &Type) -> bool {
    matches!(ty, Type::Path(p) if p.path.is_ident("Self"))
}

/// `BoxStream<'static, Result<T>>` → `T`.
fn stream_item(ty: &Type) -> Option<Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "BoxStream" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &last.arguments else {
        return None;
    };
    let item = a.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t),
        _ => None,
    })?;
    let Type::Path(r) = item else { return None };
    let seg = r.path.segments.last()?;
    if seg.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(a) = &seg.arguments else {
        return None;
    };
    a.args.iter().find_map(|g| match g {
        syn::GenericArgument::Type(t) => Some(t.clone()),
        _ => None,
    })
}

fn returns_stream_like(ty: &Type) -> bool {
    quote!(#ty).to_string().contains("Stream")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_facade_is_current() {
        let root = crate::paths::workspace_root();
        let (want, _) = generate(&root).unwrap();
        let have = std::fs::read_to_string(output(&root)).unwrap();
        assert!(have == want, "run `cargo xtask blocking`");
    }

    /// The parity listing: every public method with a receiver of every handle
    /// has a blocking twin in the committed file, or a reason in ALLOWED.
    #[test]
    fn every_public_handle_method_has_a_blocking_twin_or_a_reason() {
        let root = crate::paths::workspace_root();
        let (text, found) = generate(&root).unwrap();
        let generated = syn::parse_file(&text).unwrap();
        let mut twins = Vec::new();
        for item in &generated.items {
            let Item::Mod(m) = item else { continue };
            for item in &m.content.as_ref().unwrap().1 {
                let Item::Impl(imp) = item else { continue };
                // `Blocking<X>` → X
                let Type::Path(p) = &*imp.self_ty else {
                    continue;
                };
                let syn::PathArguments::AngleBracketed(a) =
                    &p.path.segments.last().unwrap().arguments
                else {
                    continue;
                };
                let Some(syn::GenericArgument::Type(inner)) = a.args.first() else {
                    continue;
                };
                let ty = type_name(inner).unwrap();
                for f in public_methods(imp) {
                    twins.push(Method {
                        ty: ty.clone(),
                        name: f.sig.ident.to_string(),
                    });
                }
            }
        }
        let missing: Vec<_> = found
            .iter()
            .filter(|m| !twins.contains(m))
            .filter(|m| !ALLOWED.iter().any(|(t, n, _)| *t == m.ty && *n == m.name))
            .collect();
        assert!(missing.is_empty(), "no blocking twin: {missing:?}");
        // The list (#29): methods the hand-kept mirror had missed.
        for (ty, name) in [
            ("Users", "consents"),
            ("Users", "federated_identities"),
            ("Users", "brute_force_status"),
            ("UserQuery", "delete_all"),
            ("Clients", "add_protocol_mapper"),
            ("Clients", "add_audience"),
            ("Clients", "register_service_account"),
            ("Groups", "create_child"),
            ("IdentityProviders", "add_mapper"),
            ("Authentication", "update_required_action"),
            ("RealmHandle", "partial_export"),
            ("RealmHandle", "partial_import"),
            ("KeycloakAdmin", "server"),
        ] {
            let m = Method {
                ty: ty.into(),
                name: name.into(),
            };
            assert!(twins.contains(&m), "{ty}::{name} has no blocking twin");
        }
    }

    #[test]
    fn a_method_of_an_unknown_shape_is_named() {
        let f: ImplItemFn = syn::parse_quote! {
            pub async fn count(self) -> u64 { 0 }
        };
        let why = mirror("Users", &f).unwrap_err();
        assert!(why.contains("does not return `Result`"), "{why}");
        let f: ImplItemFn = syn::parse_quote! {
            pub fn rename(&mut self, (a, b): (u8, u8)) -> Result<()> { Ok(()) }
        };
        assert!(mirror("Users", &f).unwrap_err().contains("&mut self"));
    }
}
