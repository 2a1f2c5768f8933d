//! Where things live in the repository.

use anyhow::{Result, bail};
use std::path::{Path, PathBuf};

/// The checkout `cargo xtask` runs in: `CARGO_MANIFEST_DIR` as `cargo run`
/// and `cargo test` set it at run time, else the one this binary was built
/// from. (Only the compile-time value made a binary reused from a target
/// directory shared between clones check the *other* clone's files.)
pub fn workspace_root() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn spec_dir(root: &Path) -> PathBuf {
    root.join("spec")
}

/// The read-only collection of official documents beside the checkout.
pub fn shared_specs_dir(root: &Path) -> PathBuf {
    root.join("../shared/keycloak-openapi")
}

/// A spec argument is either an existing file or a version like `26.6.0` found as
/// `keycloak-<version>.json` in `dir`.
pub fn resolve_spec(dir: &Path, arg: &str) -> Result<PathBuf> {
    let as_file = PathBuf::from(arg);
    if as_file.is_file() {
        return Ok(as_file);
    }
    let in_dir = dir.join(format!("keycloak-{arg}.json"));
    if in_dir.is_file() {
        return Ok(in_dir);
    }
    bail!("no spec file `{arg}` and no `{}`", in_dir.display())
}
