//! The generated client is committed in `src/generated/` (like a `-sys`
//! crate's pre-generated bindings), so users' builds never run progenitor.
//!
//! Default: check that the committed code was generated from the spec files
//! as they are (the header line of every file records their sha256) and fail
//! with one line naming the fix when it was not.
//!
//! Feature `generate` (the workspace's CI, `cargo xtask spec check --all`):
//! run progenitor over `spec/normalized.json` — or the file named by
//! `KEYCLOAK_ADMIN_API_SPEC`, compiled from `OUT_DIR` instead — and fail when
//! the committed code differs from what it produces.

use std::path::{Path, PathBuf};

#[cfg(feature = "generate")]
#[path = "build/codegen.rs"]
mod codegen;
#[cfg_attr(not(feature = "generate"), allow(dead_code))]
#[path = "build/header.rs"]
mod header;

/// One line for the person reading the build output, then stop.
fn fail(message: String) -> ! {
    println!("cargo::error={message}");
    std::process::exit(1);
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let committed = root.join("src/generated");
    println!("cargo::rerun-if-env-changed=KEYCLOAK_ADMIN_API_SPEC");
    for input in header::INPUTS {
        println!("cargo::rerun-if-changed={input}");
    }
    for file in header::RUST_FILES {
        println!("cargo::rerun-if-changed={}", header::committed_path(file));
    }
    // Set when the code is generated from another document (its models
    // differ from the models' crate): `src/lib.rs` then compiles them inline.
    println!("cargo::rustc-check-cfg=cfg(keycloak_admin_api_inline_types)");
    let other_spec = std::env::var_os("KEYCLOAK_ADMIN_API_SPEC").map(PathBuf::from);
    #[cfg(feature = "generate")]
    let dir = generate::run(&root, &committed, other_spec.as_deref());
    #[cfg(not(feature = "generate"))]
    let dir = {
        if other_spec.is_some() {
            fail(
                "KEYCLOAK_ADMIN_API_SPEC needs feature `generate` (progenitor runs only with it)"
                    .into(),
            );
        }
        check_committed(&root);
        committed
    };
    println!(
        "cargo::rustc-env=KEYCLOAK_ADMIN_API_GENERATED={}",
        dir.display()
    );
}

/// Every committed file's header names the spec files' current hashes (the
/// models' crate is checked where it is beside this one: in the workspace,
/// not in a published package).
fn check_committed(root: &Path) {
    let now = header::fingerprint(root);
    for file in header::RUST_FILES {
        let path = header::committed_path(file);
        if file == &"types.rs" && !root.join(header::TYPES_CRATE).is_dir() {
            continue;
        }
        let text = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
        let first = text.lines().next().unwrap_or("");
        if header::recorded(first) != Some(now.as_str()) {
            fail(format!(
                "spec changed: run `cargo xtask spec generate` ({path} was generated from other spec files)"
            ));
        }
    }
}

#[cfg(feature = "generate")]
mod generate {
    use super::{codegen, fail, header};
    use std::path::{Path, PathBuf};

    /// Generate; the directory to compile from.
    pub fn run(root: &Path, committed: &Path, other_spec: Option<&Path>) -> PathBuf {
        for dep in [
            "build/codegen.rs",
            "build/dispatch.rs",
            "build/endpoints.rs",
            "build/header.rs",
            "build/operations.rs",
            "build/paths.rs",
            "build/redact.rs",
            "build/schemars.rs",
            "build/slim.rs",
            "build/surface.rs",
            "spec/pin.json",
            "Cargo.lock",
        ] {
            println!("cargo::rerun-if-changed={dep}");
        }
        let spec_path = other_spec
            .map(Path::to_path_buf)
            .unwrap_or_else(|| root.join("spec/normalized.json"));
        let spec = std::fs::read(&spec_path)
            .unwrap_or_else(|e| fail(format!("reading {}: {e}", spec_path.display())));
        let history = std::fs::read(root.join("spec/history.json")).unwrap_or_default();
        let pin = std::fs::read_to_string(root.join("spec/pin.json")).unwrap_or_default();
        let version = codegen::pinned_version(&pin)
            .unwrap_or_else(|| fail("spec/pin.json names no keycloak_version".into()));
        let generator = codegen::generator(
            &std::fs::read_to_string(root.join("Cargo.lock")).unwrap_or_default(),
        );
        let header = header::line(&header::fingerprint(root), &generator);
        let files = codegen::generate(&codegen::Input {
            spec: &spec,
            history: &history,
            keycloak_version: &version,
            header: &header,
        })
        .unwrap_or_else(|e| fail(format!("{}: {e}", spec_path.display())));
        if other_spec.is_some() {
            let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
            for (name, text) in &files {
                std::fs::write(out.join(name), text).unwrap();
            }
            println!("cargo::rustc-cfg=keycloak_admin_api_inline_types");
            return out;
        }
        for (name, text) in &files {
            let path = header::committed_path(name);
            let old = std::fs::read_to_string(root.join(&path)).unwrap_or_default();
            // The header's generator version may differ (no Cargo.lock in a
            // published package): compare what follows it.
            if after_header(&old) != after_header(text) {
                fail(format!("{path} is stale: run `cargo xtask spec generate`"));
            }
        }
        super::check_committed(root);
        committed.to_path_buf()
    }

    fn after_header(text: &str) -> &str {
        match text.split_once('\n') {
            Some((first, rest)) if first.starts_with("// @generated") => rest,
            _ => text,
        }
    }
}
