//! Named connections in `~/.config/kc/config.toml` (`KC_CONFIG` overrides). A
//! profile holds where and as whom to log in — never a secret.

use crate::Failure;
use crate::cli::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Config {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct Profile {
    pub url: Option<String>,
    pub user_realm: Option<String>,
    pub username: Option<String>,
    pub client_id: Option<String>,
    pub password_file: Option<PathBuf>,
}

pub fn path() -> PathBuf {
    if let Some(p) = std::env::var_os("KC_CONFIG") {
        return PathBuf::from(p);
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .unwrap_or_default();
    base.join("kc/config.toml")
}

pub fn load() -> Result<Config, Failure> {
    let path = path();
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            toml::from_str(&text).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(Failure::usage(format!(
            "cannot read {}: {e}",
            path.display()
        ))),
    }
}

pub fn save(name: &str, profile: Profile) -> Result<PathBuf, Failure> {
    let mut config = load()?;
    config.profiles.insert(name.to_string(), profile);
    let path = path();
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))?;
    }
    let text = toml::to_string_pretty(&config).map_err(|e| Failure::usage(e.to_string()))?;
    std::fs::write(&path, text)
        .map_err(|e| Failure::usage(format!("cannot write {}: {e}", path.display())))?;
    Ok(path)
}

/// Flags and environment win; the named profile fills what they leave open.
pub fn resolve(c: &Connection) -> Result<Connection, Failure> {
    let Some(name) = &c.profile else {
        return Ok(c.clone());
    };
    let config = load()?;
    let p =
        config.profiles.get(name).cloned().ok_or_else(|| {
            Failure::usage(format!("no profile `{name}` in {}", path().display()))
        })?;
    Ok(Connection {
        profile: c.profile.clone(),
        url: c.url.clone().or(p.url),
        user_realm: c.user_realm.clone().or(p.user_realm),
        username: c.username.clone().or(p.username),
        password_file: c.password_file.clone().or(p.password_file),
        client_id: c.client_id.clone().or(p.client_id),
    })
}
