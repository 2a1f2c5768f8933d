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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ca_cert: Option<PathBuf>,
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
    let text = toml::to_string_pretty(&config).map_err(|e| Failure::usage(e.to_string()))?;
    write_private(&path, &text)?;
    Ok(path)
}

/// Write `text` readable by its owner only (0600, directory 0700), whatever
/// modes an existing file or directory had: a profile names a server, a user
/// and where the password lives.
pub fn write_private(path: &std::path::Path, text: &str) -> Result<(), Failure> {
    use std::io::Write;
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let fail = |what: &str, p: &std::path::Path, e: std::io::Error| {
        Failure::usage(format!("cannot {what} {}: {e}", p.display()))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| fail("create", dir, e))?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
            .map_err(|e| fail("restrict", dir, e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| fail("write", path, e))?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(|e| fail("restrict", path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| fail("write", path, e))
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
        ca_cert: c.ca_cert.clone().or(p.ca_cert),
        config: c.config.clone(),
    })
}
