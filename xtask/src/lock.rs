//! spec/operation-ids.json: `METHOD /path` → operation id, only ever grown.
//! A method name, once generated, never changes when a newer spec arrives.

use anyhow::{Context, Result};
use std::collections::BTreeMap;
use std::path::Path;

pub type Lock = BTreeMap<String, String>;

pub fn read(path: &Path) -> Result<Lock> {
    if !path.exists() {
        return Ok(Lock::new());
    }
    let text =
        std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))
}

pub fn to_pretty(lock: &Lock) -> String {
    serde_json::to_string_pretty(lock).expect("a map serializes") + "\n"
}
