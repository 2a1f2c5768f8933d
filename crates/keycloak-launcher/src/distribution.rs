//! Obtain `org.keycloak:keycloak-quarkus-dist:<version>:tar.gz`, verify it against
//! the sha1 Maven Central publishes beside it, and unpack it once into the cache.
//!
//! `mvn` is used when present (it honours the user's mirrors and proxies); without
//! it, or when a repository URL is configured, the file comes over HTTPS from the
//! standard Maven layout. Concurrent test binaries serialize on a lock file, and
//! the unpacked tree appears under its final name only when complete.

use crate::error::{Error, Result};
use crate::settings::Settings;
use sha1::{Digest, Sha1};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

const MAVEN_CENTRAL: &str = "https://repo.maven.apache.org/maven2";
const DEPENDENCY_PLUGIN: &str = "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy";
const COMPLETE_MARKER: &str = ".testkit-complete";

/// Whether the distribution for `settings.version` is unpacked and complete.
pub fn is_cached(settings: &Settings) -> bool {
    settings
        .cache_dir
        .join(format!("keycloak-{}", settings.version))
        .join(COMPLETE_MARKER)
        .is_file()
}

/// The unpacked distribution for `settings.version`, downloading it if needed.
pub async fn ensure(settings: &Settings) -> Result<PathBuf> {
    let cache = settings.cache_dir.clone();
    let version = settings.version.clone();
    let dist = cache.join(format!("keycloak-{version}"));
    if dist.join(COMPLETE_MARKER).is_file() {
        return Ok(dist);
    }
    std::fs::create_dir_all(&cache).map_err(Error::io(format!(
        "creating cache directory {}",
        cache.display()
    )))?;
    let lock_path = cache.join(format!("keycloak-{version}.lock"));
    let _lock = tokio::task::spawn_blocking(move || -> Result<File> {
        let file = File::create(&lock_path)
            .map_err(Error::io(format!("creating {}", lock_path.display())))?;
        file.lock()
            .map_err(Error::io(format!("locking {}", lock_path.display())))?;
        Ok(file)
    })
    .await
    .expect("lock task does not panic")?;
    // Another process may have finished while we waited for the lock.
    if dist.join(COMPLETE_MARKER).is_file() {
        return Ok(dist);
    }
    let archive = download(settings).await?;
    unpack(&archive, &dist)?;
    Ok(dist)
}

fn artifact_path(version: &str) -> String {
    format!("org/keycloak/keycloak-quarkus-dist/{version}/keycloak-quarkus-dist-{version}.tar.gz")
}

async fn download(settings: &Settings) -> Result<PathBuf> {
    let version = &settings.version;
    let downloads = settings.cache_dir.join("downloads");
    std::fs::create_dir_all(&downloads)
        .map_err(Error::io(format!("creating {}", downloads.display())))?;
    let archive = downloads.join(format!("keycloak-quarkus-dist-{version}.tar.gz"));

    let mut mvn_failure = None;
    if settings.maven_repo.is_none() && mvn_available() {
        match download_with_maven(version, &downloads) {
            Ok(expected_sha1) => {
                let expected = match expected_sha1 {
                    Some(s) => s,
                    None => {
                        fetch_text(
                            &format!("{MAVEN_CENTRAL}/{}.sha1", artifact_path(version)),
                            version,
                        )
                        .await?
                    }
                };
                verify(&archive, &expected, version)?;
                return Ok(archive);
            }
            Err(e) => mvn_failure = Some(e),
        }
    }
    let repo = settings
        .maven_repo
        .as_deref()
        .unwrap_or(MAVEN_CENTRAL)
        .trim_end_matches('/');
    let url = format!("{repo}/{}", artifact_path(version));
    let result = async {
        let expected = fetch_text(&format!("{url}.sha1"), version).await?;
        fetch_file(&url, &archive, version).await?;
        verify(&archive, &expected, version)
    }
    .await;
    match (result, mvn_failure) {
        (Ok(()), _) => Ok(archive),
        (Err(Error::Download { version, reason }), Some(mvn)) => Err(Error::Download {
            version,
            reason: format!("{reason} (mvn also failed: {mvn})"),
        }),
        (Err(e), _) => Err(e),
    }
}

fn mvn_available() -> bool {
    Command::new("mvn")
        .arg("--version")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Runs the pinned dependency plugin; returns the sha1 Maven stored beside the
/// artifact in the local repository, if it did.
fn download_with_maven(version: &str, into: &Path) -> Result<Option<String>, String> {
    let output = Command::new("mvn")
        .args(["-q", "-B", "--strict-checksums", DEPENDENCY_PLUGIN])
        .arg(format!(
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:{version}:tar.gz"
        ))
        .arg(format!("-DoutputDirectory={}", into.display()))
        .output()
        .map_err(|e| format!("could not run mvn: {e}"))?;
    if !output.status.success() {
        let text = String::from_utf8_lossy(&output.stdout).to_string()
            + &String::from_utf8_lossy(&output.stderr);
        let last = text
            .lines()
            .filter(|l| l.contains("ERROR"))
            .take(2)
            .collect::<Vec<_>>()
            .join(" ");
        return Err(format!("mvn exited with {}: {last}", output.status));
    }
    let local_repo = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default()
        .join(".m2/repository");
    let sha1_file = local_repo.join(format!("{}.sha1", artifact_path(version)));
    Ok(std::fs::read_to_string(sha1_file)
        .ok()
        .map(|s| first_word(&s)))
}

fn first_word(s: &str) -> String {
    s.split_whitespace().next().unwrap_or("").to_lowercase()
}

fn http() -> Result<reqwest::Client, reqwest::Error> {
    keycloak_oidc::tls::client_builder()
        .connect_timeout(std::time::Duration::from_secs(15))
        .build()
}

async fn fetch_text(url: &str, version: &str) -> Result<String> {
    let fail = |reason: String| Error::Download {
        version: version.to_string(),
        reason,
    };
    let resp = http()
        .map_err(|e| fail(e.to_string()))?
        .get(url)
        .send()
        .await
        .map_err(|e| fail(format!("GET {url}: {e}")))?;
    if !resp.status().is_success() {
        return Err(fail(format!("GET {url}: HTTP {}", resp.status())));
    }
    Ok(first_word(
        &resp
            .text()
            .await
            .map_err(|e| fail(format!("GET {url}: {e}")))?,
    ))
}

async fn fetch_file(url: &str, to: &Path, version: &str) -> Result<()> {
    use tokio::io::AsyncWriteExt;
    let fail = |reason: String| Error::Download {
        version: version.to_string(),
        reason,
    };
    let mut resp = http()
        .map_err(|e| fail(e.to_string()))?
        .get(url)
        .send()
        .await
        .map_err(|e| fail(format!("GET {url}: {e}")))?;
    if !resp.status().is_success() {
        return Err(fail(format!("GET {url}: HTTP {}", resp.status())));
    }
    let partial = to.with_extension("partial");
    let mut file = tokio::fs::File::create(&partial)
        .await
        .map_err(Error::io(format!("creating {}", partial.display())))?;
    while let Some(chunk) = resp
        .chunk()
        .await
        .map_err(|e| fail(format!("GET {url}: {e}")))?
    {
        file.write_all(&chunk)
            .await
            .map_err(Error::io(format!("writing {}", partial.display())))?;
    }
    file.flush()
        .await
        .map_err(Error::io(format!("writing {}", partial.display())))?;
    std::fs::rename(&partial, to).map_err(Error::io(format!("renaming {}", partial.display())))
}

fn verify(archive: &Path, expected: &str, version: &str) -> Result<()> {
    let actual = sha1_hex(archive)?;
    if actual != expected {
        let _ = std::fs::remove_file(archive);
        return Err(Error::Checksum {
            version: version.into(),
            expected: expected.into(),
            actual,
            file: archive.into(),
        });
    }
    Ok(())
}

fn sha1_hex(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(Error::io(format!("opening {}", path.display())))?;
    let mut hasher = Sha1::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(Error::io(format!("reading {}", path.display())))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn unpack(archive: &Path, dist: &Path) -> Result<()> {
    let fail = |reason: String| Error::Unpack {
        archive: archive.to_path_buf(),
        reason,
    };
    let partial = dist.with_extension("partial");
    let _ = std::fs::remove_dir_all(&partial);
    let _ = std::fs::remove_dir_all(dist);
    std::fs::create_dir_all(&partial).map_err(|e| fail(e.to_string()))?;
    let out = Command::new("tar")
        .arg("xzf")
        .arg(archive)
        .arg("-C")
        .arg(&partial)
        .arg("--strip-components=1")
        .output()
        .map_err(|e| fail(format!("could not run tar: {e}")))?;
    if !out.status.success() {
        return Err(fail(
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        ));
    }
    if !partial.join("bin/kc.sh").is_file() {
        return Err(fail("the archive has no bin/kc.sh".into()));
    }
    std::fs::write(partial.join(COMPLETE_MARKER), b"").map_err(|e| fail(e.to_string()))?;
    std::fs::rename(&partial, dist).map_err(|e| fail(e.to_string()))
}
