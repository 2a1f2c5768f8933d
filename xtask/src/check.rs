//! `spec normalize` and `spec check`.

use crate::lock::{self, Lock};
use crate::overlay::Overlay;
use crate::paths::{spec_dir, workspace_root};
use crate::pin::Pin;
use crate::{rules, spec};
use anyhow::{Context, Result, bail};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const NORMALIZED: &str = "normalized.json";
pub const LOCK: &str = "operation-ids.json";
pub const OVERLAY: &str = "overlay.toml";

/// Upstream + overlay + rules. Strict: every overlay entry must apply.
/// Lenient (older documents): entries that do not apply are returned as skipped.
pub struct Normalized {
    pub doc: Value,
    pub lock: Lock,
    pub skipped: Vec<(String, String)>,
}

pub fn normalize(
    upstream: &[u8],
    overlay: &Overlay,
    lock: &Lock,
    strict: bool,
) -> Result<Normalized> {
    let mut doc: Value =
        serde_json::from_slice(upstream).context("parsing the upstream document")?;
    let skipped = overlay.apply(&mut doc);
    if strict && !skipped.is_empty() {
        let lines: Vec<String> = skipped
            .iter()
            .map(|(id, why)| format!("  overlay entry `{id}`: {why}"))
            .collect();
        bail!(
            "spec/{OVERLAY} no longer applies to the upstream document:\n{}",
            lines.join("\n")
        );
    }
    let mut lock = lock.clone();
    rules::apply(&mut doc, &mut lock)?;
    Ok(Normalized { doc, lock, skipped })
}

fn normalize_pinned(root: &Path) -> Result<Normalized> {
    let dir = spec_dir(root);
    let pin = Pin::read(&dir)?;
    let upstream = pin.upstream_bytes(&dir)?;
    let overlay = Overlay::read(&dir.join(OVERLAY))?;
    let lock = lock::read(&dir.join(LOCK))?;
    normalize(&upstream, &overlay, &lock, true)
}

pub fn write_normalized(root: &Path) -> Result<()> {
    let n = normalize_pinned(root)?;
    let dir = spec_dir(root);
    std::fs::write(dir.join(NORMALIZED), spec::to_pretty(&n.doc))?;
    std::fs::write(dir.join(LOCK), lock::to_pretty(&n.lock))?;
    println!(
        "wrote spec/{NORMALIZED} ({} operations) and spec/{LOCK}",
        spec::operations(&n.doc).len()
    );
    Ok(())
}

pub fn check_pinned(root: &Path) -> Result<()> {
    let n = normalize_pinned(root)?;
    let dir = spec_dir(root);
    let committed_lock = lock::read(&dir.join(LOCK))?;
    let missing: Vec<&String> = n
        .lock
        .keys()
        .filter(|k| !committed_lock.contains_key(*k))
        .collect();
    if !missing.is_empty() {
        bail!(
            "{} operation(s) have no id in spec/{LOCK} (run `cargo xtask spec normalize`): {}",
            missing.len(),
            missing
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    let expected = spec::to_pretty(&n.doc);
    let committed = std::fs::read_to_string(dir.join(NORMALIZED)).unwrap_or_default();
    if committed != expected {
        bail!("spec/{NORMALIZED} is stale: run `cargo xtask spec normalize` and commit the result");
    }
    println!(
        "spec check: spec/{NORMALIZED} is current ({} operations, overlay applies cleanly)",
        spec::operations(&n.doc).len()
    );
    Ok(())
}

/// Normalize every upstream document in `dir` and, with `compile`, `cargo check`
/// the generated client against each (build.rs reads KEYCLOAK_ADMIN_API_SPEC).
pub fn check_all(root: &Path, dir: &Path, compile: bool) -> Result<()> {
    let spec_dir = spec_dir(root);
    let overlay = Overlay::read(&spec_dir.join(OVERLAY))?;
    let lock = lock::read(&spec_dir.join(LOCK))?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    if files.is_empty() {
        bail!("no *.json documents in {}", dir.display());
    }
    let out_root = workspace_root().join("target/spec-check");
    let mut failures = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().to_string();
        let bytes = std::fs::read(file)?;
        let n = match normalize(&bytes, &overlay, &lock, false) {
            Ok(n) => n,
            Err(e) => {
                failures.push(format!("{name}: normalization failed: {e:#}"));
                continue;
            }
        };
        let out = out_root.join(&name);
        std::fs::create_dir_all(&out)?;
        let normalized = out.join(NORMALIZED);
        std::fs::write(&normalized, spec::to_pretty(&n.doc))?;
        let skipped = if n.skipped.is_empty() {
            String::new()
        } else {
            format!(
                ", {} overlay entries not applicable: {}",
                n.skipped.len(),
                n.skipped
                    .iter()
                    .map(|(id, _)| id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        println!(
            "{name}: normalized {} operations{skipped}",
            spec::operations(&n.doc).len()
        );
        if compile {
            let status = Command::new(env!("CARGO"))
                .args([
                    "check",
                    "--quiet",
                    "--lib",
                    "--package",
                    "keycloak-admin-api",
                    "--features",
                    "generate",
                ])
                .current_dir(root)
                .env("KEYCLOAK_ADMIN_API_SPEC", &normalized)
                .env("CARGO_TARGET_DIR", out_root.join("target"))
                .status()
                .context("running cargo check")?;
            if status.success() {
                println!("{name}: generated client compiles");
            } else {
                failures.push(format!("{name}: generated client does not compile"));
            }
        }
    }
    if !failures.is_empty() {
        bail!("spec check --all failed:\n  {}", failures.join("\n  "));
    }
    println!("spec check --all: {} documents OK", files.len());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pinned_upstream() -> Vec<u8> {
        let dir = spec_dir(&workspace_root());
        Pin::read(&dir).unwrap().upstream_bytes(&dir).unwrap()
    }

    #[test]
    fn the_committed_overlay_applies_to_the_pinned_document() {
        let dir = spec_dir(&workspace_root());
        let overlay = Overlay::read(&dir.join(OVERLAY)).unwrap();
        let lock = lock::read(&dir.join(LOCK)).unwrap();
        let n = normalize(&pinned_upstream(), &overlay, &lock, true).unwrap();
        assert_eq!(n.lock, lock, "every operation already has a locked id");
    }

    #[test]
    fn a_broken_overlay_entry_fails_and_is_named() {
        let broken: Overlay = toml::from_str(
            r##"
            [[fix]]
            id = "stale-realm-body"
            reason = "pretends upstream still has a bare string here"
            operation = "POST /admin/realms"
            at = ["requestBody", "content", "application/json", "schema"]
            expect = { type = "string" }
            set = { "$ref" = "#/components/schemas/RealmRepresentation" }

            [[fix]]
            id = "points-nowhere"
            reason = "targets an operation that does not exist"
            operation = "GET /admin/realms/{realm}/no-such-endpoint"
            at = ["responses"]
            remove = true
            "##,
        )
        .unwrap();
        let err = match normalize(&pinned_upstream(), &broken, &Lock::new(), true) {
            Ok(_) => panic!("a broken overlay must not normalize"),
            Err(e) => format!("{e:#}"),
        };
        assert!(
            err.contains(
                "overlay entry `stale-realm-body`: upstream changed: expected {\"type\":\"string\"}"
            ),
            "{err}"
        );
        assert!(
            err.contains("overlay entry `points-nowhere`: target not found"),
            "{err}"
        );
    }

    #[test]
    fn an_entry_upstream_already_fixed_is_reported() {
        let redundant: Overlay = toml::from_str(
            r##"
            [[fix]]
            id = "already-upstream"
            reason = "sets the value upstream already has"
            operation = "GET /admin/realms/{realm}/users"
            at = ["summary"]
            expect = "Get users Returns a stream of users, filtered according to query parameters."
            set = "Get users Returns a stream of users, filtered according to query parameters."
            "##,
        )
        .unwrap();
        let err = format!(
            "{:#}",
            normalize(&pinned_upstream(), &redundant, &Lock::new(), true)
                .err()
                .unwrap()
        );
        assert!(
            err.contains("`already-upstream`: upstream already has this value"),
            "{err}"
        );
    }
}
