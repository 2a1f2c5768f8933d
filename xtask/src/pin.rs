//! spec/pin.json: the one place that names the pinned Keycloak version and the
//! upstream document's sha256. build.rs, this xtask and the test harness read it.

use anyhow::{Context, Result, bail};
use serde::{Deserialize, Serialize};
use std::path::Path;

#[derive(Debug, Serialize, Deserialize)]
pub struct Pin {
    /// The release whose document the client is generated from.
    pub keycloak_version: String,
    /// Path of the upstream document, relative to spec/.
    pub upstream: String,
    pub sha256: String,
    /// The release the test suite and `kc dev` start: the newest one Maven
    /// Central serves, not newer than `keycloak_version` (a document can be
    /// published before its distribution). Absent: `keycloak_version`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub test_version: Option<String>,
}

impl Pin {
    /// The release the tests run against.
    pub fn test_version(&self) -> &str {
        self.test_version
            .as_deref()
            .unwrap_or(&self.keycloak_version)
    }
}

impl Pin {
    pub fn read(spec_dir: &Path) -> Result<Pin> {
        let path = spec_dir.join("pin.json");
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
    }

    pub fn write(&self, spec_dir: &Path) -> Result<()> {
        let text = serde_json::to_string_pretty(self)? + "\n";
        std::fs::write(spec_dir.join("pin.json"), text)?;
        Ok(())
    }

    /// The upstream bytes, verified against the recorded checksum.
    pub fn upstream_bytes(&self, spec_dir: &Path) -> Result<Vec<u8>> {
        let path = spec_dir.join(&self.upstream);
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        let actual = sha256_hex(&bytes);
        if actual != self.sha256 {
            bail!(
                "{} has sha256 {actual}, but spec/pin.json records {}: the upstream document must stay byte-for-byte (use `cargo xtask spec import` to change it)",
                path.display(),
                self.sha256
            );
        }
        Ok(bytes)
    }
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    hmac_sha256::Hash::hash(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
