//! `spec generate`: the committed client in `src/generated/`, from
//! `spec/normalized.json` by the same code build.rs runs with feature
//! `generate` (build/codegen.rs).

#[path = "../../build/codegen.rs"]
mod codegen;
// Shared with build.rs, which alone checks headers.
#[allow(dead_code)]
#[path = "../../build/header.rs"]
mod header;

use anyhow::{Context, Result, anyhow};
use std::path::{Path, PathBuf};

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

/// `src/generated/` of `root`.
pub fn dir(root: &Path) -> PathBuf {
    root.join("src/generated")
}

/// Write `files` into `dir`, replacing what was there.
pub fn write(dir: &Path, files: &[(&'static str, String)]) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in files {
        std::fs::write(dir.join(name), text).with_context(|| format!("writing {name}"))?;
    }
    Ok(())
}

/// `cargo xtask spec generate`.
pub fn run(root: &Path) -> Result<()> {
    let files = render(root, root)?;
    write(&dir(root), &files)?;
    println!(
        "generated src/generated/ ({} files) from spec/normalized.json",
        files.len()
    );
    Ok(())
}

/// Fail when the committed files differ from what generation produces now.
pub fn check(root: &Path) -> Result<()> {
    let stale: Vec<&str> = render(root, root)?
        .into_iter()
        .filter(|(name, text)| {
            std::fs::read_to_string(dir(root).join(name))
                .ok()
                .as_deref()
                != Some(text.as_str())
        })
        .map(|(name, _)| name)
        .collect();
    if !stale.is_empty() {
        anyhow::bail!(
            "src/generated/ is stale ({}): run `cargo xtask spec generate` and commit the result",
            stale.join(", ")
        );
    }
    Ok(())
}
