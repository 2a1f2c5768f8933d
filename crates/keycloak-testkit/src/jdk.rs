//! Pick the JDK that runs Keycloak: `JAVA_HOME` (or the builder's) if given, else the
//! newest JDK (17 or later) under /usr/lib/jvm, else `java` on PATH.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// Keycloak 26.x runs on Java 17, 21 and 25.
const MIN_FEATURE_VERSION: u32 = 17;

/// The chosen `JAVA_HOME`; `None` means "use `java` from PATH".
pub fn choose(explicit: Option<&Path>) -> Result<Option<PathBuf>> {
    if let Some(home) = explicit {
        if !home.join("bin/java").is_file() {
            return Err(Error::JdkNotFound(format!(
                "JAVA_HOME={} has no bin/java",
                home.display()
            )));
        }
        return Ok(Some(home.to_path_buf()));
    }
    if let Some(best) = newest_under(Path::new("/usr/lib/jvm")) {
        return Ok(Some(best));
    }
    if which_java().is_some() {
        return Ok(None);
    }
    Err(Error::JdkNotFound(format!(
        "JAVA_HOME is unset, /usr/lib/jvm has no JDK {MIN_FEATURE_VERSION}+ and there is no `java` on PATH"
    )))
}

fn newest_under(dir: &Path) -> Option<PathBuf> {
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| !p.is_symlink() && p.join("bin/java").is_file())
        .filter_map(|p| Some((feature_version(p.file_name()?.to_str()?)?, p)))
        .filter(|(v, _)| *v >= MIN_FEATURE_VERSION)
        .collect();
    found.sort();
    found.pop().map(|(_, p)| p)
}

/// `temurin-25-jdk-amd64` → 25, `java-17-openjdk-amd64` → 17, `jdk-21.0.2` → 21.
fn feature_version(dir_name: &str) -> Option<u32> {
    dir_name
        .split(['-', '.', '_'])
        .find_map(|part| part.parse::<u32>().ok().filter(|v| (8..100).contains(v)))
}

fn which_java() -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join("java"))
            .find(|p| p.is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_from_directory_names() {
        assert_eq!(feature_version("temurin-25-jdk-amd64"), Some(25));
        assert_eq!(feature_version("java-17-openjdk-amd64"), Some(17));
        assert_eq!(feature_version("jdk-21.0.2"), Some(21));
        assert_eq!(feature_version("default-java"), None);
    }

    #[test]
    fn explicit_home_without_java_is_named() {
        let err = choose(Some(Path::new("/nonexistent/jdk")))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("JAVA_HOME=/nonexistent/jdk has no bin/java"),
            "{err}"
        );
    }
}
