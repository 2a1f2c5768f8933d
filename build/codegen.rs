//! progenitor over the normalized document, and everything derived from its
//! output. Shared by `build.rs` (feature `generate`) and `cargo xtask spec
//! generate`, so the committed code and the build's check come from one place.

#[path = "dispatch.rs"]
mod dispatch;
#[path = "dynamic.rs"]
mod dynamic;
#[path = "endpoints.rs"]
mod endpoints;
#[path = "operations.rs"]
mod operations;
#[path = "paths.rs"]
mod paths;
#[path = "redact.rs"]
mod redact;
#[path = "schemars.rs"]
mod schemars;
#[path = "shapes.rs"]
mod shapes;
#[path = "slim.rs"]
mod slim;
#[path = "surface.rs"]
mod surface;

/// What generation reads.
pub struct Input<'a> {
    /// `spec/normalized.json`.
    pub spec: &'a [u8],
    /// `spec/history.json` (empty: every operation undated).
    pub history: &'a [u8],
    /// The document's Keycloak version (`spec/pin.json`).
    pub keycloak_version: &'a str,
    /// The header line every generated Rust file starts with.
    pub header: &'a str,
}

/// `(file name, contents)` of every file in `src/generated/`.
pub fn generate(input: &Input) -> Result<Vec<(&'static str, String)>, String> {
    let spec: openapiv3::OpenAPI = serde_json::from_slice(input.spec)
        .map_err(|e| format!("not an OpenAPI 3.0 document: {e}"))?;
    let mut settings = progenitor::GenerationSettings::default();
    settings
        // Builders: `client.get_users().realm("x").max(10).send()`; the
        // ergonomic crate runs any of them through `Endpoint`.
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_inner_type(quote::quote!(crate::hooks::Hooks))
        .with_derive("PartialEq")
        // Every model is all-optional (plus the `extra` map), so `..Default::default()` works.
        .with_derive("Default")
        // Turned into `cfg_attr(feature = "schemars", …)` below: one committed
        // file serves builds with and without the feature.
        .with_derive("schemars::JsonSchema");
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .map_err(|e| format!("progenitor failed: {e}"))?;
    let mut file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("progenitor emitted invalid Rust: {e}"))?;
    // Every path parameter through `crate::path::segment` (see paths.rs).
    if paths::rewrite(&mut file) == 0 {
        return Err("no path parameter was rewritten".into());
    }
    if slim::drop_model_builders(&mut file) == 0 {
        return Err("no model builder found to drop (progenitor's output changed)".into());
    }
    schemars::make_optional(&mut file);
    install_tls_provider_in_new(&mut file)?;

    let history: serde_json::Value = serde_json::from_slice(input.history).unwrap_or_default();
    let mut operations = operations::render(&spec, &history);
    operations += &format!(
        "/// The Keycloak version whose document generated this code.\npub const GENERATED_FROM: &str = {:?};\n",
        input.keycloak_version
    );
    // Read from progenitor's own `send`s (their signatures and bodies) before
    // they are rewritten into calls of the shared send path.
    let endpoints = endpoints::render(&file);
    let op_outputs = endpoints::op_outputs(&file);
    let document: serde_json::Value =
        serde_json::from_slice(input.spec).map_err(|e| format!("not a JSON document: {e}"))?;
    let dynamic = dynamic::render(
        &file,
        &document,
        &endpoints::client_methods(&file),
        &op_outputs,
    )?;
    let path_walk = paths::walk(&file);
    let surface = surface::render(&file);
    if dispatch::rewrite(&mut file)? == 0 {
        return Err("no builder `send` found to rewrite (progenitor's output changed)".into());
    }
    let mut types = take_types(&mut file)?;
    if redact::rewrite(&mut types).is_empty() {
        return Err("no model with a secret field found (progenitor's output changed)".into());
    }
    let shapes = shapes::render(&types, &op_outputs);
    // progenitor shows a usage example per method in an ```ignore block; rustdoc
    // counts each as an ignored test. They are illustrations, so mark them text.
    let client = javadoc_to_markdown(&prettyplease::unparse(&file).replace("```ignore", "```text"));
    let types = javadoc_to_markdown(&prettyplease::unparse(&types));
    let rust = |body: String| format!("{}{body}", input.header);
    Ok(vec![
        ("client.rs", rust(client)),
        ("types.rs", rust(types)),
        ("endpoints.rs", rust(endpoints)),
        ("operations.rs", rust(operations)),
        ("path_walk.rs", rust(path_walk)),
        ("shapes.rs", rust(shapes)),
        ("dynamic.rs", rust(dynamic)),
        ("api_surface.txt", surface),
    ])
}

/// progenitor's `pub mod types { … }` out of the client, as a file of its own:
/// the models compile as their own crate (they need only serde), beside the
/// HTTP stack instead of after it; `src/lib.rs` re-exports it as `types`.
fn take_types(file: &mut syn::File) -> Result<syn::File, String> {
    let at = file
        .items
        .iter()
        .position(|item| matches!(item, syn::Item::Mod(m) if m.ident == "types"))
        .ok_or("progenitor emitted no `mod types`")?;
    let syn::Item::Mod(module) = file.items.remove(at) else {
        unreachable!()
    };
    let (_, items) = module.content.ok_or("`mod types` has no body")?;
    Ok(syn::File {
        shebang: None,
        attrs: Vec::new(),
        items,
    })
}

/// `Client::new` builds its own `reqwest::Client`: with rustls' `ring`
/// provider (feature `rustls`) that needs a process-wide provider installed
/// first, or reqwest panics.
fn install_tls_provider_in_new(file: &mut syn::File) -> Result<(), String> {
    for item in &mut file.items {
        let syn::Item::Impl(imp) = item else { continue };
        if imp.trait_.is_some()
            || !matches!(&*imp.self_ty, syn::Type::Path(p) if p.path.is_ident("Client"))
        {
            continue;
        }
        for it in &mut imp.items {
            if let syn::ImplItem::Fn(f) = it
                && f.sig.ident == "new"
            {
                f.block.stmts.insert(
                    0,
                    syn::parse_quote!(crate::tls::install_default_provider();),
                );
                return Ok(());
            }
        }
    }
    Err("progenitor emitted no `Client::new`".into())
}

/// Keycloak's descriptions are Javadoc: `{@code x}` becomes `` `x` `` and the
/// `<p>` paragraph tags (unclosed HTML to rustdoc) are dropped.
fn javadoc_to_markdown(code: &str) -> String {
    let mut out = String::with_capacity(code.len());
    let mut rest = code;
    while let Some(start) = rest.find("{@code ") {
        out.push_str(&rest[..start]);
        let after = &rest[start + "{@code ".len()..];
        match after.find('}') {
            Some(end) => {
                out.push('`');
                out.push_str(&after[..end]);
                out.push('`');
                rest = &after[end + 1..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.replace("<p> ", "").replace("<p>", "")
}

/// `keycloak_version` of `spec/pin.json`'s text.
pub fn pinned_version(pin: &str) -> Option<String> {
    let pin: serde_json::Value = serde_json::from_str(pin).ok()?;
    Some(pin["keycloak_version"].as_str()?.to_string())
}

/// `progenitor X.Y.Z`, the version `Cargo.lock` resolves (or `progenitor`
/// without a lock file).
pub fn generator(cargo_lock: &str) -> String {
    let version = cargo_lock
        .split("[[package]]")
        .find(|p| p.contains("\nname = \"progenitor\"\n"))
        .and_then(|p| p.split("\nversion = \"").nth(1))
        .and_then(|v| v.split('"').next());
    match version {
        Some(v) => format!("progenitor {v}"),
        None => "progenitor".into(),
    }
}
