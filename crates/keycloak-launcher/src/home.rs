//! A fresh Keycloak home per server, cheap to make: the unpacked distribution's
//! files are hard-linked (Keycloak never writes them), while the parts start-dev
//! writes — `lib/quarkus` (re-augmented on every dev start), `conf` and `data` —
//! are the server's own. So servers never share a database or corrupt the cache,
//! and the bootstrap admin is always created (it needs a fresh database).

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Directories copied instead of linked, because Keycloak writes into them.
const PRIVATE: [&str; 3] = ["lib/quarkus", "conf", "data"];
pub(crate) const OWNER_FILE: &str = ".testkit-owner-pid";

pub fn create(cache_dir: &Path, dist: &Path) -> Result<PathBuf> {
    let runs = cache_dir.join("runs");
    std::fs::create_dir_all(&runs).map_err(Error::io(format!("creating {}", runs.display())))?;
    remove_stale(&runs);
    let name = format!(
        "kc-{}-{}",
        std::process::id(),
        crate::settings::unique_suffix()
    );
    let home = runs.join(name);
    link_tree(dist, &home, Path::new(""))
        .map_err(Error::io(format!("preparing {}", home.display())))?;
    std::fs::write(home.join(OWNER_FILE), std::process::id().to_string())
        .map_err(Error::io("writing owner pid"))?;
    Ok(home)
}

pub(crate) fn link_tree(from: &Path, to: &Path, rel: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let rel = rel.join(entry.file_name());
        let target = to.join(entry.file_name());
        let private = PRIVATE.iter().any(|p| rel.starts_with(p));
        let kind = entry.file_type()?;
        if kind.is_dir() {
            link_tree(&entry.path(), &target, &rel)?;
        } else if private {
            std::fs::copy(entry.path(), &target)?;
        } else if std::fs::hard_link(entry.path(), &target).is_err() {
            // Another filesystem: copy instead.
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Homes left by processes that died without cleaning up (e.g. SIGKILL).
fn remove_stale(runs: &Path) {
    for entry in std::fs::read_dir(runs).into_iter().flatten().flatten() {
        let owner = std::fs::read_to_string(entry.path().join(OWNER_FILE))
            .ok()
            .and_then(|s| s.trim().parse::<i32>().ok());
        if let Some(pid) = owner
            && !alive(pid)
        {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn alive(pid: i32) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists.
    unsafe { libc::kill(pid, 0) == 0 }
}
