//! `cargo xtask deps`: what users' builds pull in, checked.
//!
//! For every published crate, its default dependency graph (normal and build
//! edges, as `cargo tree` resolves it for that crate alone):
//! - no C crypto library (AWS-LC, OpenSSL) and no code generator (progenitor,
//!   typify) — the defaults build with rustls + ring and committed code;
//! - every license in [`ALLOWED_LICENSES`] (an `OR` needs one, an `AND` all);
//! - one version of each crate, except the reviewed [`DUPLICATES_ALLOWED`];
//! - no dependency declaring a newer `rust-version` than the workspace's.

use anyhow::{Context, Result, bail};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

/// The crates published to crates.io.
pub const PUBLISHED: &[&str] = &[
    "keycloak-admin-api-types",
    "keycloak-admin-api",
    "keycloak-oidc",
    "keycloak-admin",
    "keycloak-launcher",
    "keycloak-testkit",
    "keycloak-admin-cli",
];

/// Never in a default build.
const FORBIDDEN: &[&str] = &[
    "aws-lc-sys",
    "aws-lc-rs",
    "openssl-sys",
    "progenitor",
    "progenitor-impl",
    "typify",
];

const ALLOWED_LICENSES: &[&str] = &[
    "MIT",
    "Apache-2.0",
    "Apache-2.0 WITH LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Unicode-3.0",
    "Unlicense",
    "Zlib",
    "BSL-1.0",
    "CDLA-Permissive-2.0",
    // File-level copyleft: progenitor-client's runtime (unmodified; no
    // obligation for code that links it).
    "MPL-2.0",
];

/// Two versions in one graph, reviewed: `(crate, the crate holding the other version back)`.
const DUPLICATES_ALLOWED: &[(&str, &str)] = &[
    (
        "base64",
        "jsonwebtoken 11 (keycloak-oidc's `verify`) uses 0.22, reqwest 0.23",
    ),
    (
        "syn",
        "displaydoc (url's ICU chain) is on syn 3, the other derives on syn 2",
    ),
    (
        "getrandom",
        "ring uses 0.2, rand 0.9 (keycloak-launcher's passwords) 0.3",
    ),
    (
        "winnow",
        "toml 0.9 (kc's config file) uses 0.7, clap's chain 1.0",
    ),
];

/// One package of a graph.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Package {
    name: String,
    version: String,
    license: String,
}

fn graph(root: &Path, krate: &str) -> Result<BTreeSet<Package>> {
    let out = Command::new(env!("CARGO"))
        .args(["tree", "--locked", "-p", krate, "-e", "normal,build"])
        .args(["--prefix", "none", "--format", "{p}|{l}"])
        .current_dir(root)
        .output()
        .context("running cargo tree")?;
    if !out.status.success() {
        bail!(
            "cargo tree -p {krate}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8(out.stdout)?
        .lines()
        .filter_map(|line| {
            let (p, license) = line.trim_end_matches(" (*)").split_once('|')?;
            let mut words = p.split_whitespace();
            Some(Package {
                name: words.next()?.to_string(),
                version: words.next()?.trim_start_matches('v').to_string(),
                license: license.trim().to_string(),
            })
        })
        .collect())
}

/// Whether an SPDX expression (`A OR B`, `A AND B`, `A/B`, parentheses) is
/// satisfied by the allowed licenses.
fn license_ok(expr: &str) -> bool {
    let expr = expr.replace('/', " OR ");
    let expr = expr.trim();
    if let Some(inner) = expr.strip_prefix('(').and_then(|e| e.strip_suffix(')'))
        && !inner.contains(['(', ')'])
    {
        return license_ok(inner);
    }
    // Top-level AND binds looser than OR only inside parentheses; split on
    // top-level AND first, then OR.
    let split = |sep: &str| -> Vec<String> {
        let (mut depth, mut parts, mut cur) = (0, Vec::new(), String::new());
        let words: Vec<&str> = expr.split_whitespace().collect();
        for w in words {
            depth += w.matches('(').count() as i32 - w.matches(')').count() as i32;
            if w == sep && depth == 0 {
                parts.push(std::mem::take(&mut cur));
            } else {
                if !cur.is_empty() {
                    cur.push(' ');
                }
                cur.push_str(w);
            }
        }
        parts.push(cur);
        parts
    };
    let ands = split("AND");
    if ands.len() > 1 {
        return ands.iter().all(|p| license_ok(p));
    }
    let ors = split("OR");
    if ors.len() > 1 {
        return ors.iter().any(|p| license_ok(p));
    }
    ALLOWED_LICENSES.contains(&expr)
}

/// `rust-version` of every package in the lock, by (name, version).
fn rust_versions(root: &Path) -> Result<BTreeMap<(String, String), String>> {
    let out = Command::new(env!("CARGO"))
        .args(["metadata", "--locked", "--format-version", "1"])
        .current_dir(root)
        .output()
        .context("running cargo metadata")?;
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout)?;
    Ok(meta["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| {
            Some((
                (
                    p["name"].as_str()?.to_string(),
                    p["version"].as_str()?.to_string(),
                ),
                p["rust_version"].as_str()?.to_string(),
            ))
        })
        .collect())
}

fn version_key(v: &str) -> Vec<u32> {
    v.split('.').map(|n| n.parse().unwrap_or(0)).collect()
}

pub fn check(root: &Path) -> Result<()> {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml"))?;
    let ours = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .context("no workspace rust-version")?
        .to_string();
    let msrv = rust_versions(root)?;
    let mut problems = Vec::new();
    for krate in PUBLISHED {
        let packages = graph(root, krate)?;
        let mut versions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
        for p in &packages {
            versions.entry(&p.name).or_default().insert(&p.version);
            if FORBIDDEN.contains(&p.name.as_str()) {
                problems.push(format!(
                    "{krate}: {} {} is in the default build",
                    p.name, p.version
                ));
            }
            if !license_ok(&p.license) {
                problems.push(format!(
                    "{krate}: {} {} has license `{}`, not in the allowed list",
                    p.name, p.version, p.license
                ));
            }
            if let Some(needs) = msrv.get(&(p.name.clone(), p.version.clone()))
                && version_key(needs) > version_key(&ours)
            {
                problems.push(format!(
                    "{krate}: {} {} needs Rust {needs}, the workspace declares {ours}",
                    p.name, p.version
                ));
            }
        }
        for (name, vs) in versions.iter().filter(|(_, vs)| vs.len() > 1) {
            if !DUPLICATES_ALLOWED.iter().any(|(n, _)| n == name) {
                let vs: Vec<&str> = vs.iter().copied().collect();
                problems.push(format!(
                    "{krate}: {name} in {} versions ({})",
                    vs.len(),
                    vs.join(", ")
                ));
            }
        }
        println!("{krate}: {} packages checked", packages.len());
    }
    problems.sort();
    problems.dedup();
    if !problems.is_empty() {
        bail!("dependency check failed:\n  {}", problems.join("\n  "));
    }
    println!(
        "deps: no C crypto library or code generator, licenses allowed, no unreviewed duplicate, rust-version {ours} holds"
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::license_ok;

    #[test]
    fn license_expressions() {
        assert!(license_ok("MIT OR Apache-2.0"));
        assert!(license_ok("MIT/Apache-2.0"));
        assert!(license_ok("Apache-2.0 AND ISC"));
        assert!(license_ok("(MIT OR Apache-2.0) AND Unicode-3.0"));
        assert!(!license_ok("GPL-3.0"));
        assert!(!license_ok("MIT AND GPL-3.0"));
        assert!(license_ok("GPL-3.0 OR MIT"));
        assert!(!license_ok("(GPL-3.0 OR AGPL-3.0) AND MIT"));
    }
}
