//! `spec import <version|file|url>`: bring a new upstream document in byte-for-byte.

use crate::check::write_normalized;
use crate::paths::spec_dir;
use crate::pin::{Pin, sha256_hex};
use anyhow::{Context, Result, bail};
use std::path::Path;

/// All or nothing: the import runs on a copy of `spec/` beside it, which
/// replaces `spec/` only when every step succeeded (the pin, the upstream
/// file, normalization with every overlay entry applying, the lock, the
/// history, the generated client). On failure `spec/` and `src/generated/`
/// are left byte-for-byte as they were. Before the
/// swap the diff between the old and the new upstream document is printed,
/// since the old one is gone afterwards.
pub fn run(root: &Path, source: &str) -> Result<()> {
    run_with(root, source, &served_by_maven_central).map(|_| ())
}

/// [`run`], asking `served` whether Maven Central has a release's distribution;
/// the diff it printed (empty for a first import).
pub fn run_with(
    root: &Path,
    source: &str,
    served: &dyn Fn(&str) -> Result<bool>,
) -> Result<String> {
    let (bytes, version) = fetch(source)?;
    let new_doc = serde_json::from_slice::<serde_json::Value>(&bytes)
        .with_context(|| format!("{source} is not a JSON document"))?;
    let dir = spec_dir(root);
    let stage = root.join(format!(".spec-import-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&stage);
    copy_dir(&dir, &spec_dir(&stage))?;
    let staged = stage_import(&stage, root, &bytes, &version, served);
    let mut diff = String::new();
    let outcome = staged.and_then(|old| {
        // Generated before anything changes: a document progenitor cannot
        // take leaves spec/ and src/generated/ as they were.
        let generated = crate::generate::render(&stage, root)?;
        if let Some((old_version, mut old_doc)) = old {
            // Both with the overlay's corrections (as it was before the
            // import): the diff is what the Rust client sees change, and a
            // lie upstream has now fixed the way the overlay did is no change.
            let overlay = crate::overlay::Overlay::read(&dir.join(crate::check::OVERLAY))?;
            let mut new_doc = new_doc.clone();
            overlay.apply(&mut old_doc);
            overlay.apply(&mut new_doc);
            diff = crate::diff::render((&old_version, &version), &old_doc, &new_doc);
            println!("{diff}");
        }
        swap(&dir, &spec_dir(&stage))?;
        crate::generate::write(root, &generated)?;
        println!(
            "regenerated src/generated/ ({} files): review `git diff --stat`",
            generated.len()
        );
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&stage);
    outcome.context("spec/ was left unchanged")?;
    println!("imported Keycloak {version} ({} bytes)", bytes.len());
    let pin = Pin::read(&dir)?;
    set_launcher_version(root, pin.test_version())?;
    println!(
        "the tests and `kc dev` run Keycloak {} (spec/pin.json test_version)",
        pin.test_version()
    );
    Ok(diff)
}

/// An HTTP client on rustls with the `ring` provider (no AWS-LC build).
fn http() -> reqwest::blocking::Client {
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
    reqwest::blocking::Client::new()
}

/// Whether Maven Central serves `version`'s distribution (its `.pom`).
fn served_by_maven_central(version: &str) -> Result<bool> {
    let repo = std::env::var("KEYCLOAK_TESTKIT_MAVEN_REPO")
        .unwrap_or_else(|_| "https://repo1.maven.org/maven2".into());
    let url = format!(
        "{}/org/keycloak/keycloak-quarkus-dist/{version}/keycloak-quarkus-dist-{version}.pom",
        repo.trim_end_matches('/')
    );
    let resp = http()
        .head(&url)
        .send()
        .with_context(|| format!("asking {url}"))?;
    Ok(resp.status().is_success())
}

/// `keycloak-launcher` names the release it starts by default; keep it the
/// pin's test version (a test of `keycloak-testkit` checks the two agree).
fn set_launcher_version(root: &Path, version: &str) -> Result<()> {
    let path = root.join("crates/keycloak-launcher/src/settings.rs");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Ok(()); // not this workspace (a test's scratch copy)
    };
    let marker = "pub fn pinned_version() -> &'static str {";
    let start = text
        .find(marker)
        .with_context(|| format!("{}: no `{marker}`", path.display()))?
        + marker.len();
    let open = start + text[start..].find('"').context("no version literal")?;
    let close = open + 1 + text[open + 1..].find('"').context("no version literal")?;
    let updated = format!("{}\"{version}\"{}", &text[..open], &text[close + 1..]);
    if updated != text {
        std::fs::write(&path, updated)?;
    }
    Ok(())
}

/// Every import step, on the staged copy under `stage`; the old pinned
/// version and document, for the diff.
fn stage_import(
    stage: &Path,
    root: &Path,
    bytes: &[u8],
    version: &str,
    served: &dyn Fn(&str) -> Result<bool>,
) -> Result<Option<(String, serde_json::Value)>> {
    let dir = spec_dir(stage);
    let old = Pin::read(&dir).ok();
    let old_doc = match &old {
        Some(pin) => Some((
            pin.keycloak_version.clone(),
            serde_json::from_slice(&pin.upstream_bytes(&dir)?)?,
        )),
        None => None,
    };
    let file = format!("upstream/keycloak-{version}.json");
    std::fs::create_dir_all(dir.join("upstream"))?;
    std::fs::write(dir.join(&file), bytes)?;
    if let Some(old) = &old
        && old.upstream != file
    {
        let _ = std::fs::remove_file(dir.join(&old.upstream));
    }
    // The server the tests start: this release when Maven Central serves
    // it, else the one they ran before (never a newer one than the spec's).
    let test_version = match served(version) {
        Ok(true) => None,
        answer => {
            let kept = old
                .as_ref()
                .map(|p| p.test_version().to_string())
                .unwrap_or_else(|| version.to_string());
            let why = match answer {
                Err(e) => format!("cannot tell whether Maven Central serves {version} ({e:#})"),
                _ => format!("Maven Central does not serve Keycloak {version}"),
            };
            println!("{why}: the tests keep running Keycloak {kept}");
            (kept != version).then_some(kept)
        }
    };
    Pin {
        keycloak_version: version.to_string(),
        upstream: file,
        sha256: sha256_hex(bytes),
        test_version,
    }
    .write(&dir)?;
    retire_fixed_entries(&dir, bytes, version)?;
    write_normalized(stage)?;
    // Date the new document's operations against the shipped ones, if present.
    let shipped = crate::paths::shared_specs_dir(root);
    if shipped.is_dir() {
        crate::history::write(stage, &shipped)?;
    }
    Ok(old_doc)
}

/// Overlay entries whose correction the new document carries itself are
/// deleted from the (staged) overlay, each named; an entry that conflicts
/// with the new document still fails normalization after this.
fn retire_fixed_entries(dir: &Path, upstream: &[u8], version: &str) -> Result<()> {
    let path = dir.join(crate::check::OVERLAY);
    let overlay = crate::overlay::Overlay::read(&path)?;
    let doc: serde_json::Value = serde_json::from_slice(upstream)?;
    let fixed = overlay.fixed_upstream(&doc);
    if fixed.is_empty() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&path)?;
    std::fs::write(&path, crate::overlay::without_entries(&text, &fixed))?;
    for id in &fixed {
        println!(
            "retired overlay entry `{id}`: Keycloak {version}'s document now says what it set"
        );
    }
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Two renames on one filesystem; the old `spec/` comes back if the second fails.
fn swap(live: &Path, staged: &Path) -> Result<()> {
    let old = live.with_file_name(format!(".spec-old-{}", std::process::id()));
    std::fs::rename(live, &old).with_context(|| format!("moving {} aside", live.display()))?;
    if let Err(e) = std::fs::rename(staged, live) {
        std::fs::rename(&old, live)?;
        return Err(e).context("putting the imported spec/ in place");
    }
    std::fs::remove_dir_all(&old)?;
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
    let resp = http()
        .get(&url)
        .send()
        .with_context(|| format!("downloading {url}"))?;
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
    fn the_launchers_default_version_follows_the_pin() {
        let root = crate::paths::workspace_root();
        let scratch = std::env::temp_dir().join(format!("xtask-launcher-{}", std::process::id()));
        let file = scratch.join("crates/keycloak-launcher/src/settings.rs");
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        let original =
            std::fs::read_to_string(root.join("crates/keycloak-launcher/src/settings.rs")).unwrap();
        std::fs::write(&file, &original).unwrap();
        super::set_launcher_version(&scratch, "26.8.1").unwrap();
        let updated = std::fs::read_to_string(&file).unwrap();
        assert!(updated.contains("pub fn pinned_version() -> &'static str {\n    \"26.8.1\"\n}"));
        assert_eq!(updated.len(), original.len(), "only the version changed");
        std::fs::remove_dir_all(&scratch).unwrap();
    }

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

        // An entry that corrects a route 26.6.0 does not have yet would stop
        // the import (rightly): the scratch overlay goes without it.
        let overlay = std::fs::read_to_string(spec.join("overlay.toml")).unwrap();
        let newer_only = ["saml-example-response".to_string()];
        std::fs::write(
            spec.join("overlay.toml"),
            crate::overlay::without_entries(&overlay, &newer_only),
        )
        .unwrap();
        let older = shared_specs_dir(&root).join("keycloak-26.6.0.json");
        // 26.6 was never published on Maven Central: the tests keep the old server.
        super::run_with(&scratch, older.to_str().unwrap(), &|_| Ok(false)).unwrap();

        let new_pin = crate::pin::Pin::read(&spec).unwrap();
        assert_eq!(new_pin.keycloak_version, "26.6.0");
        assert_eq!(
            new_pin.test_version(),
            pin.test_version(),
            "the served one stays"
        );
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
        // The committed client follows: its header names the new spec's hash.
        let client = std::fs::read_to_string(scratch.join("src/generated/client.rs")).unwrap();
        let sha = crate::pin::sha256_hex(normalized.as_bytes());
        assert!(
            client.lines().next().unwrap().contains(&sha),
            "src/generated/client.rs was regenerated from the imported document"
        );
        assert!(client.contains("fn build_request(") && client.contains("crate::dispatch::json("));
        // The models go to their own crate, from the same document.
        let types = std::fs::read_to_string(
            scratch.join("crates/keycloak-admin-api-types/src/generated.rs"),
        )
        .unwrap();
        assert!(types.lines().next().unwrap().contains(&sha));
        assert!(types.contains("pub struct UserRepresentation"));
        assert!(!client.contains("pub mod types"));
        let operations =
            std::fs::read_to_string(scratch.join("src/generated/operations.rs")).unwrap();
        assert!(operations.contains("GENERATED_FROM: &str = \"26.6.0\""));
        let lock_before = std::fs::read_to_string(root.join("spec/operation-ids.json")).unwrap();
        let lock_after = std::fs::read_to_string(spec.join("operation-ids.json")).unwrap();
        let changed: Vec<&str> = lock_after
            .lines()
            .filter(|l| !lock_before.lines().any(|b| b == *l))
            .collect();
        assert!(
            changed.is_empty(),
            "26.6.0 has no operation the lock lacks; no id changed: {changed:?}"
        );
        assert_eq!(lock_before, lock_after);

        // A release Maven Central serves is the one the tests then run.
        let served = shared_specs_dir(&root).join("keycloak-26.5.2.json");
        super::run_with(&scratch, served.to_str().unwrap(), &|v| Ok(v == "26.5.2")).unwrap();
        let served_pin = crate::pin::Pin::read(&spec).unwrap();
        assert_eq!(served_pin.test_version(), "26.5.2");
        assert!(
            served_pin.test_version.is_none(),
            "no separate field when equal"
        );
        std::fs::remove_dir_all(&scratch).unwrap();
    }

    /// A newer document than any shipped, made from the pinned one with each
    /// kind of change an upgrade reviewer must not miss; the import's diff
    /// reports each, breaking ones marked `!`, and the import succeeds.
    #[test]
    fn importing_a_newer_document_reports_every_change_kind() {
        use serde_json::json;
        let root = workspace_root();
        let scratch = std::env::temp_dir().join(format!("xtask-newer-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        super::copy_dir(&root.join("spec"), &scratch.join("spec")).unwrap();
        // A fixed base, not whatever is pinned now: after an upgrade the
        // pinned document may carry these changes already (the README's
        // upgrade demo found this test failing that way).
        let base = shared_specs_dir(&root).join("keycloak-26.7.3.json");
        // The entries 26.7.3 needs, whatever the workspace's overlay holds now
        // (after an upgrade to a document that fixed them, they are retired).
        let overlay_path = scratch.join("spec/overlay.toml");
        let mut overlay = std::fs::read_to_string(&overlay_path).unwrap();
        for (id, route) in [
            (
                "role-groups-response",
                "/admin/realms/{realm}/roles/{role-name}/groups",
            ),
            (
                "client-role-groups-response",
                "/admin/realms/{realm}/clients/{client-uuid}/roles/{role-name}/groups",
            ),
        ] {
            if !overlay.contains(&format!("id = \"{id}\"")) {
                overlay += &format!(
                    "\n[[fix]]\nid = \"{id}\"\nreason = \"answers groups\"\noperation = \"GET {route}\"\n\
                     at = [\"responses\", \"200\", \"content\", \"application/json\", \"schema\"]\n\
                     expect = {{ type = \"array\", items = {{ \"$ref\" = \"#/components/schemas/UserRepresentation\" }} }}\n\
                     set = {{ type = \"array\", items = {{ \"$ref\" = \"#/components/schemas/GroupRepresentation\" }} }}\n"
                );
            }
        }
        std::fs::write(&overlay_path, overlay).unwrap();
        super::run_with(&scratch, base.to_str().unwrap(), &|_| Ok(true)).unwrap();
        let pin = crate::pin::Pin::read(&scratch.join("spec")).unwrap();
        let mut doc: serde_json::Value =
            serde_json::from_slice(&std::fs::read(&base).unwrap()).unwrap();

        let schemas = doc["components"]["schemas"].as_object_mut().unwrap();
        // 26.8's declaration of the client policies' configuration: a Java
        // wrapper class where the wire carries a plain JSON object.
        schemas.insert(
            "RawJsonValue".into(),
            json!({"type": "object", "properties": {"value": {}, "empty": {"type": "boolean"}}}),
        );
        for owner in [
            "ClientPolicyConditionRepresentation",
            "ClientPolicyExecutorRepresentation",
        ] {
            schemas[owner]["properties"]["configuration"] = json!({
                "description": "Configuration settings as a JSON object",
                "allOf": [{"$ref": "#/components/schemas/RawJsonValue"}],
                "additionalProperties": true
            });
        }
        let user = schemas["UserRepresentation"]["properties"]
            .as_object_mut()
            .unwrap();
        user.remove("federationLink").unwrap();
        user["totp"]["deprecated"] = json!(true);
        user["totp"]["writeOnly"] = json!(true);
        let certs = &mut doc["paths"]["/admin/realms/{realm}/clients/{client-uuid}/certificates/{attr}"]
            ["get"];
        certs["deprecated"] = json!(true);
        certs["summary"] = json!("Get key info (deprecated)");
        doc["paths"]["/admin/realms/{realm}/users"]["get"]["parameters"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "flavor", "in": "query", "required": true, "schema": {"type": "string"}}));
        // 26.8 declares the role→groups routes as groups: what the overlay set.
        for route in [
            "/admin/realms/{realm}/roles/{role-name}/groups",
            "/admin/realms/{realm}/clients/{client-uuid}/roles/{role-name}/groups",
        ] {
            doc["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
                ["items"] = json!({"$ref": "#/components/schemas/GroupRepresentation"});
        }
        let newer = scratch.join("keycloak-26.99.0.json");
        std::fs::write(&newer, serde_json::to_vec_pretty(&doc).unwrap()).unwrap();

        let diff = super::run_with(&scratch, newer.to_str().unwrap(), &|_| Ok(false)).unwrap();
        assert!(!diff.contains("configuration: type"), "{diff}");
        assert!(!diff.contains("/groups: response"), "{diff}");
        for line in [
            "~ ClientPolicyConditionRepresentation.configuration: RawJsonValue artifact: kept as a JSON object",
            "~ ClientPolicyExecutorRepresentation.configuration: RawJsonValue artifact: kept as a JSON object",
            "! UserRepresentation: federationLink: removed (string)",
            "! GET /admin/realms/{realm}/users: query `flavor`: added, required: string",
            "GET /admin/realms/{realm}/clients/{client-uuid}/certificates/{attr}\n  ~ summary: ",
            "  ~ now deprecated",
            "  ~ totp: now deprecated",
            "  ~ totp: now write-only (the server does not return it)",
            "2 breaking · 0 additive · 6 notices",
        ] {
            assert!(diff.contains(line), "missing {line:?} in\n{diff}");
        }
        // The overlay entries upstream made redundant are gone, the rest stay.
        let overlay = std::fs::read_to_string(scratch.join("spec/overlay.toml")).unwrap();
        assert!(
            !overlay.contains("id = \"role-groups-response\""),
            "{overlay}"
        );
        assert!(!overlay.contains("id = \"client-role-groups-response\""));
        assert!(overlay.contains("id = \"workflows-list\""));
        assert!(overlay.contains("# Corrections to Keycloak's published admin OpenAPI document."));
        // The Rust type is what it was: a JSON object.
        let normalized = std::fs::read_to_string(scratch.join("spec/normalized.json")).unwrap();
        assert!(!normalized.contains("RawJsonValue"));
        let new_pin = crate::pin::Pin::read(&scratch.join("spec")).unwrap();
        assert_eq!(new_pin.keycloak_version, "26.99.0");
        assert_eq!(
            new_pin.test_version(),
            pin.test_version(),
            "not served: kept"
        );
        std::fs::remove_dir_all(&scratch).unwrap();
    }

    fn files(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                out.extend(files(&path));
            } else {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
        out.sort();
        out
    }

    /// 24.0.3 lacks what two overlay entries correct: the import fails and
    /// leaves spec/ exactly as it was (it used to switch the pin first).
    #[test]
    fn an_import_whose_overlay_does_not_apply_changes_nothing() {
        let root = workspace_root();
        let scratch = std::env::temp_dir().join(format!("xtask-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&scratch);
        super::copy_dir(&root.join("spec"), &scratch.join("spec")).unwrap();
        super::copy_dir(&root.join("src/generated"), &scratch.join("src/generated")).unwrap();
        let before = files(&scratch.join("spec"));
        let generated_before = files(&scratch.join("src/generated"));

        let old = shared_specs_dir(&root).join("keycloak-24.0.3.json");
        let err = super::run_with(&scratch, old.to_str().unwrap(), &|_| Ok(true)).unwrap_err();
        let text = format!("{err:#}");
        assert!(text.contains("spec/ was left unchanged"), "{text}");
        assert!(
            text.contains("partial-import-result"),
            "names the entry: {text}"
        );

        let after = files(&scratch.join("spec"));
        assert_eq!(before, after, "spec/ is byte-for-byte unchanged");
        assert_eq!(
            generated_before,
            files(&scratch.join("src/generated")),
            "src/generated/ is byte-for-byte unchanged"
        );
        let mut leftovers: Vec<_> = std::fs::read_dir(&scratch)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        leftovers.sort();
        assert_eq!(
            leftovers,
            ["spec", "src"],
            "no staging directory left behind"
        );
        std::fs::remove_dir_all(&scratch).unwrap();
    }
}
