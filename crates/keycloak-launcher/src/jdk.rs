//! Pick the JDK that runs Keycloak: `JAVA_HOME` (or the builder's) if given, else the
//! newest JDK under /usr/lib/jvm that the Keycloak version supports, else `java`
//! on PATH.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// The JDK feature versions a Keycloak version runs on. Keycloak's "supported
/// configurations" list 17, 21 and 25 for current releases; 25 only from 26.5
/// on here (26.2 crashes on JDK 25 — bytebuddy; 26.5.6 was seen running on it).
pub fn supported(keycloak_version: &str) -> &'static [u32] {
    let mut parts = keycloak_version
        .split(['.', '-'])
        .map(|p| p.parse::<u32>().unwrap_or(0));
    let (major, minor) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    if (major, minor) >= (26, 5) {
        &[17, 21, 25]
    } else {
        &[17, 21]
    }
}

/// The chosen `JAVA_HOME` for `keycloak_version`; `None` means "use `java`
/// from PATH". A JDK under /usr/lib/jvm the version does not support is
/// passed over; when only such JDKs exist, the error names what is needed.
pub fn choose(explicit: Option<&Path>, keycloak_version: &str) -> Result<Option<PathBuf>> {
    let wanted = supported(keycloak_version);
    if let Some(home) = explicit {
        if !home.join("bin/java").is_file() {
            return Err(Error::JdkNotFound(format!(
                "JAVA_HOME={} has no bin/java",
                home.display()
            )));
        }
        return Ok(Some(home.to_path_buf()));
    }
    let installed = installed_under(Path::new("/usr/lib/jvm"));
    if let Some((_, best)) = installed.iter().rev().find(|(v, _)| wanted.contains(v)) {
        return Ok(Some(best.clone()));
    }
    if installed.is_empty() && which_java().is_some() {
        return Ok(None);
    }
    let have: Vec<String> = installed.iter().map(|(v, _)| v.to_string()).collect();
    Err(Error::JdkNotFound(format!(
        "Keycloak {keycloak_version} runs on JDK {}; JAVA_HOME is unset and /usr/lib/jvm has {} (install one, e.g. `apt-get install openjdk-17-jdk-headless`, or set JAVA_HOME)",
        wanted
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        if have.is_empty() {
            "none".to_string()
        } else {
            format!("JDK {}", have.join(", "))
        }
    )))
}

/// JDKs under `dir` by feature version, oldest first.
fn installed_under(dir: &Path) -> Vec<(u32, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Vec<(u32, PathBuf)> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| !p.is_symlink() && p.join("bin/java").is_file())
        .filter_map(|p| Some((feature_version(p.file_name()?.to_str()?)?, p)))
        .collect();
    found.sort();
    found
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
    fn each_keycloak_version_gets_a_jdk_it_supports() {
        assert_eq!(supported("26.7.3"), [17, 21, 25]);
        assert_eq!(supported("26.5.6"), [17, 21, 25]);
        assert_eq!(supported("26.2.5"), [17, 21]);
        assert_eq!(supported("25.0.6"), [17, 21]);
        if let Ok(Some(home)) = choose(None, "26.2.5") {
            let v = feature_version(home.file_name().unwrap().to_str().unwrap()).unwrap();
            assert!([17, 21].contains(&v), "{}", home.display());
        }
    }

    #[test]
    fn explicit_home_without_java_is_named() {
        let err = choose(Some(Path::new("/nonexistent/jdk")), "26.7.3")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("JAVA_HOME=/nonexistent/jdk has no bin/java"),
            "{err}"
        );
    }
}
