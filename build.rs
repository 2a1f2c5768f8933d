//! Generates the low-level client from the normalized OpenAPI document with progenitor.
//!
//! Input: `spec/normalized.json` (produced and checked by `cargo xtask spec`),
//! or the file named by `KEYCLOAK_ADMIN_API_SPEC` (used by `spec check --all` to
//! prove every shipped Keycloak version generates compiling code).
//! Output in OUT_DIR: `keycloak_admin_api.rs` (the client) and `api_surface.txt`
//! (one line per operation and per type, snapshot-tested so upgrades are reviewable).

use std::path::PathBuf;

#[path = "build/endpoints.rs"]
mod endpoints;
#[path = "build/operations.rs"]
mod operations;
#[path = "build/paths.rs"]
mod paths;
#[path = "build/surface.rs"]
mod surface;

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    println!("cargo:rerun-if-env-changed=KEYCLOAK_ADMIN_API_SPEC");
    println!("cargo:rerun-if-changed=build/surface.rs");
    println!("cargo:rerun-if-changed=build/operations.rs");
    println!("cargo:rerun-if-changed=build/paths.rs");
    println!("cargo:rerun-if-changed=build/endpoints.rs");
    let spec_path = std::env::var_os("KEYCLOAK_ADMIN_API_SPEC")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("spec/normalized.json"));
    let pin_path = root.join("spec/pin.json");
    println!("cargo:rerun-if-changed={}", spec_path.display());
    println!("cargo:rerun-if-changed={}", pin_path.display());

    let pin: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&pin_path).expect("spec/pin.json is readable"))
            .expect("spec/pin.json is JSON");
    let version = pin["keycloak_version"]
        .as_str()
        .expect("pin.json names keycloak_version");
    println!("cargo:rustc-env=KEYCLOAK_ADMIN_API_PINNED_VERSION={version}");

    let text = std::fs::read(&spec_path).unwrap_or_else(|e| {
        panic!(
            "reading {}: {e} (run `cargo xtask spec normalize`)",
            spec_path.display()
        )
    });
    let spec: openapiv3::OpenAPI = serde_json::from_slice(&text).unwrap_or_else(|e| {
        panic!(
            "{} is not an OpenAPI 3.0 document: {e}",
            spec_path.display()
        )
    });

    let mut settings = progenitor::GenerationSettings::default();
    settings
        // Positional: one method per operation, arguments in path order then query,
        // then body. The ergonomic crate wraps these in builders of its own; the
        // builder style roughly doubles the generated code (see README).
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_inner_type(quote::quote!(crate::hooks::Hooks))
        .with_derive("PartialEq")
        // Every model is all-optional (plus the `extra` map), so `..Default::default()` works.
        .with_derive("Default");
    if std::env::var_os("CARGO_FEATURE_SCHEMARS").is_some() {
        settings.with_derive("schemars::JsonSchema");
    }
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator
        .generate_tokens(&spec)
        .unwrap_or_else(|e| panic!("progenitor failed on {}: {e}", spec_path.display()));
    let mut file: syn::File = syn::parse2(tokens).expect("progenitor emits valid Rust");
    // Every path parameter through `crate::path::segment` (see build/paths.rs).
    let rewritten = paths::rewrite(&mut file);
    assert!(rewritten > 0, "no path parameter was rewritten");

    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    // When operations newer than the oldest shipped document appeared
    // (`cargo xtask spec history`); absent, every operation is undated.
    let history_path = root.join("spec/history.json");
    println!("cargo:rerun-if-changed={}", history_path.display());
    let history: serde_json::Value = std::fs::read(&history_path)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    std::fs::write(
        out.join("operations.rs"),
        operations::render(&spec, &history),
    )
    .unwrap();
    std::fs::write(out.join("api_surface.txt"), surface::render(&file)).unwrap();
    std::fs::write(out.join("path_walk.rs"), paths::walk(&file)).unwrap();
    std::fs::write(out.join("endpoints.rs"), endpoints::render(&file)).unwrap();
    // progenitor shows a usage example per method in an ```ignore block; rustdoc
    // counts each as an ignored test. They are illustrations, so mark them text.
    let code = javadoc_to_markdown(&prettyplease::unparse(&file).replace("```ignore", "```text"));
    std::fs::write(out.join("keycloak_admin_api.rs"), code).unwrap();
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
