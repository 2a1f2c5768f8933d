//! `spec generate`: the committed client in `src/generated/` (its models in
//! `crates/keycloak-admin-api-types`), from
//! `spec/normalized.json` by the same code build.rs runs with feature
//! `generate` (build/codegen.rs).

#[path = "../../build/codegen.rs"]
mod codegen;
// Shared with build.rs, which alone checks headers.
#[allow(dead_code)]
#[path = "../../build/header.rs"]
mod header;

use anyhow::{Context, Result, anyhow};
use std::path::Path;

/// The generated files for the spec under `spec_root` (a checkout, or an
/// import's staged copy), with `lock_root`'s Cargo.lock naming progenitor.
pub fn render(spec_root: &Path, lock_root: &Path) -> Result<Vec<(&'static str, String)>> {
    let spec = std::fs::read(spec_root.join("spec/normalized.json"))
        .context("reading spec/normalized.json")?;
    let history = std::fs::read(spec_root.join("spec/history.json")).unwrap_or_default();
    let pin = std::fs::read_to_string(spec_root.join("spec/pin.json"))
        .context("reading spec/pin.json")?;
    let version =
        codegen::pinned_version(&pin).context("spec/pin.json names no keycloak_version")?;
    let lock = std::fs::read_to_string(lock_root.join("Cargo.lock")).unwrap_or_default();
    let header = header::line(&header::fingerprint(spec_root), &codegen::generator(&lock));
    codegen::generate(&codegen::Input {
        spec: &spec,
        history: &history,
        keycloak_version: &version,
        header: &header,
    })
    .map_err(|e| anyhow!("generating from spec/normalized.json: {e}"))
}

/// Write `files` where they are committed under `root` (`src/generated/`,
/// the models' crate), replacing what was there.
pub fn write(root: &Path, files: &[(&'static str, String)]) -> Result<()> {
    for (name, text) in files {
        let path = root.join(header::committed_path(name));
        std::fs::create_dir_all(path.parent().expect("a file in a directory"))?;
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// `cargo xtask spec generate`.
pub fn run(root: &Path) -> Result<()> {
    let files = render(root, root)?;
    write(root, &files)?;
    println!(
        "generated src/generated/ and {}/src/generated.rs ({} files) from spec/normalized.json",
        header::TYPES_CRATE,
        files.len()
    );
    Ok(())
}

/// Fail when the committed files differ from what generation produces now.
pub fn check(root: &Path) -> Result<()> {
    let stale: Vec<String> = render(root, root)?
        .into_iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(root.join(header::committed_path(name)))
                .ok()
                .as_deref()
                != Some(text.as_str())
        })
        .map(|(name, _)| header::committed_path(name))
        .collect();
    if !stale.is_empty() {
        anyhow::bail!(
            "the generated client is stale ({}): run `cargo xtask spec generate` and commit the result",
            stale.join(", ")
        );
    }
    Ok(())
}
