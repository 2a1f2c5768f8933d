//! `spec import <version|file|url>`: bring a new upstream document in byte-for-byte.

use crate::check::write_normalized;
use crate::paths::spec_dir;
use crate::pin::{Pin, sha256_hex};
use anyhow::{Context, Result, bail};
use std::path::Path;

pub fn run(root: &Path, source: &str) -> Result<()> {
    let (bytes, version) = fetch(source)?;
    serde_json::from_slice::<serde_json::Value>(&bytes)
        .with_context(|| format!("{source} is not a JSON document"))?;
    let dir = spec_dir(root);
    let old = Pin::read(&dir).ok();
    let file = format!("upstream/keycloak-{version}.json");
    std::fs::create_dir_all(dir.join("upstream"))?;
    std::fs::write(dir.join(&file), &bytes)?;
    if let Some(old) = &old
        && old.upstream != file
    {
        let _ = std::fs::remove_file(dir.join(&old.upstream));
    }
    Pin {
        keycloak_version: version.clone(),
        upstream: file,
        sha256: sha256_hex(&bytes),
    }
    .write(&dir)?;
    println!("imported Keycloak {version} ({} bytes)", bytes.len());
    write_normalized(root)?;
    // Date the new document's operations against the shipped ones, if present.
    let shipped = crate::paths::shared_specs_dir(root);
    if shipped.is_dir() {
        crate::history::write(root, &shipped)?;
    }
    Ok(())
}

fn fetch(source: &str) -> Result<(Vec<u8>, String)> {
    if Path::new(source).is_file() {
        let version = version_from_name(source).with_context(|| {
            format!(
                "cannot tell the Keycloak version from `{source}`: name it keycloak-<version>.json"
            )
        })?;
        return Ok((std::fs::read(source)?, version));
    }
    let (url, version) = if source.starts_with("http://") || source.starts_with("https://") {
        (
            source.to_string(),
            version_from_name(source).context("cannot tell the Keycloak version from the URL")?,
        )
    } else if source.chars().next().is_some_and(|c| c.is_ascii_digit()) {
        (
            format!("https://www.keycloak.org/docs-api/{source}/rest-api/openapi.json"),
            source.to_string(),
        )
    } else {
        bail!("`{source}` is neither a file, a URL nor a version like 26.7.3");
    };
    let resp = reqwest::blocking::get(&url).with_context(|| format!("downloading {url}"))?;
    if !resp.status().is_success() {
        bail!("downloading {url}: HTTP {}", resp.status());
    }
    Ok((resp.bytes()?.to_vec(), version))
}

/// `keycloak-26.7.3.json` or `…/docs-api/26.7.3/rest-api/openapi.json` → `26.7.3`.
fn version_from_name(s: &str) -> Option<String> {
    s.split(['/', '-'])
        .map(|part| part.trim_end_matches(".json"))
        .find(|part| {
            part.split('.').count() >= 2
                && part
                    .split('.')
                    .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        })
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    #[test]
    fn versions_from_names() {
        assert_eq!(
            super::version_from_name("../shared/keycloak-openapi/keycloak-26.6.0.json").as_deref(),
            Some("26.6.0")
        );
        assert_eq!(
            super::version_from_name(
                "https://www.keycloak.org/docs-api/26.7.3/rest-api/openapi.json"
            )
            .as_deref(),
            Some("26.7.3")
        );
        assert_eq!(super::version_from_name("openapi.json"), None);
    }
}

#[cfg(test)]
mod upgrade {
    use crate::paths::{shared_specs_dir, workspace_root};

    /// The upgrade flow on a scratch copy of spec/: import another shipped version,
    /// and the pin, the upstream file and the normalized document follow.
    #[test]
    fn importing_a_local_file_repins_and_renormalizes() {
        let root = workspace_root();
        let scratch = std::env::temp_dir().join(format!("xtask-import-{}", std::process::id()));
        let spec = scratch.join("spec");
        std::fs::create_dir_all(spec.join("upstream")).unwrap();
        for f in ["pin.json", "overlay.toml", "operation-ids.json"] {
            std::fs::copy(root.join("spec").join(f), spec.join(f)).unwrap();
        }
        let pin = crate::pin::Pin::read(&root.join("spec")).unwrap();
        std::fs::copy(
            root.join("spec").join(&pin.upstream),
            spec.join(&pin.upstream),
        )
        .unwrap();

        let older = shared_specs_dir(&root).join("keycloak-26.6.0.json");
        super::run(&scratch, older.to_str().unwrap()).unwrap();

        let new_pin = crate::pin::Pin::read(&spec).unwrap();
        assert_eq!(new_pin.keycloak_version, "26.6.0");
        assert_eq!(new_pin.upstream, "upstream/keycloak-26.6.0.json");
        assert_eq!(
            std::fs::read(spec.join(&new_pin.upstream)).unwrap(),
            std::fs::read(&older).unwrap(),
            "byte-for-byte"
        );
        assert!(
            !spec.join(&pin.upstream).exists(),
            "the old upstream document is gone"
        );
        let normalized = std::fs::read_to_string(spec.join("normalized.json")).unwrap();
        assert!(normalized.contains("\"operationId\": \"get_users\""));
        let lock_before = std::fs::read_to_string(root.join("spec/operation-ids.json")).unwrap();
        let lock_after = std::fs::read_to_string(spec.join("operation-ids.json")).unwrap();
        assert_eq!(
            lock_before, lock_after,
            "26.6.0 has no operation the lock lacks; no id changed"
        );
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
