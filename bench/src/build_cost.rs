//! Cold debug build time and target size: this project's admin client vs the
//! `keycloak` crate, each in a fresh target directory, one after the other.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BuildCost {
    pub what: String,
    pub secs: f64,
    pub target_mib: f64,
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

fn build(what: &str, dir: &Path, args: &[&str], target: PathBuf) -> Result<BuildCost, String> {
    let _ = std::fs::remove_dir_all(&target);
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("building {what} failed"));
    }
    let cost = BuildCost {
        what: what.into(),
        secs: start.elapsed().as_secs_f64(),
        target_mib: dir_size(&target) as f64 / (1024.0 * 1024.0),
    };
    let _ = std::fs::remove_dir_all(&target);
    Ok(cost)
}

/// Both builds; `scratch` holds the target dirs and the peer's throwaway crate.
pub fn measure(workspace: &Path, scratch: &Path) -> Result<Vec<BuildCost>, String> {
    let ours = build(
        "keycloak-admin (this project, default features: rustls)",
        workspace,
        &["build", "--quiet", "-p", "keycloak-admin"],
        scratch.join("target-ours"),
    )?;
    // The keycloak crate's default reqwest has no TLS at all; ours without TLS is the like-for-like row.
    let ours_plain = build(
        "keycloak-admin --no-default-features (no TLS, like the keycloak crate's default)",
        workspace,
        &[
            "build",
            "--quiet",
            "-p",
            "keycloak-admin",
            "--no-default-features",
        ],
        scratch.join("target-ours-plain"),
    )?;
    let peer_dir = scratch.join("peer-crate");
    std::fs::create_dir_all(peer_dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(
        peer_dir.join("Cargo.toml"),
        "[package]\nname = \"peer\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
         [dependencies]\nkeycloak = \"=26.8.100\"\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(peer_dir.join("src/lib.rs"), "pub use keycloak;\n")
        .map_err(|e| e.to_string())?;
    let peer = build(
        "keycloak 26.8.100 (crates.io, default features: HTTP only)",
        &peer_dir,
        &["build", "--quiet"],
        scratch.join("target-peer"),
    )?;
    Ok(vec![ours, ours_plain, peer])
}
