//! `kc.sh build` once per configuration: production mode fixes the database
//! vendor, health, the relative path and the features at build time, and
//! `start --optimized` then skips the ~20 s re-augmentation on every start.
//! The built tree lives in the cache beside the distribution (its files
//! hard-linked, the parts `build` writes copied), keyed by the build options;
//! concurrent processes serialize on a lock file, and a tree counts as built
//! only once its marker is written.

use crate::error::{Error, Result};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const BUILT_MARKER: &str = ".testkit-built";

/// What `kc.sh build` fixes.
#[derive(Debug, Clone)]
pub(crate) struct BuildOptions {
    /// `--db`, e.g. `postgres`.
    pub db: String,
    /// `--http-relative-path`, e.g. `/auth` (`/` for none).
    pub relative_path: String,
    /// `--features`.
    pub features: Vec<String>,
}

impl BuildOptions {
    fn args(&self) -> Vec<String> {
        let mut args = vec![
            "build".to_string(),
            format!("--db={}", self.db),
            "--health-enabled=true".into(),
            format!("--http-relative-path={}", self.relative_path),
        ];
        if !self.features.is_empty() {
            args.push(format!("--features={}", self.features.join(",")));
        }
        args
    }

    /// A directory name that differs whenever the options do.
    fn key(&self) -> String {
        self.args()[1..]
            .iter()
            .map(|a| a.trim_start_matches("--"))
            .collect::<Vec<_>>()
            .join("+")
            .chars()
            .map(|c| match c {
                'a'..='z' | 'A'..='Z' | '0'..='9' | '-' | '=' | '+' | '.' => c,
                _ => '_',
            })
            .collect()
    }
}

/// The distribution `dist` (version `version`) built with `options`, building
/// it first if no earlier run did.
pub(crate) async fn ensure(
    cache_dir: &Path,
    dist: &Path,
    version: &str,
    java_home: Option<&Path>,
    options: &BuildOptions,
) -> Result<PathBuf> {
    let built_root = cache_dir.join("built");
    let tree = built_root.join(format!("keycloak-{version}-{}", options.key()));
    if tree.join(BUILT_MARKER).is_file() {
        return Ok(tree);
    }
    std::fs::create_dir_all(&built_root)
        .map_err(Error::io(format!("creating {}", built_root.display())))?;
    let lock_path = tree.with_extension("lock");
    let (dist, tree2, java_home, args) = (
        dist.to_path_buf(),
        tree.clone(),
        java_home.map(Path::to_path_buf),
        options.args(),
    );
    tokio::task::spawn_blocking(move || -> Result<()> {
        let lock = File::create(&lock_path)
            .map_err(Error::io(format!("creating {}", lock_path.display())))?;
        lock.lock()
            .map_err(Error::io(format!("locking {}", lock_path.display())))?;
        // Another process may have built it while we waited for the lock.
        if tree2.join(BUILT_MARKER).is_file() {
            return Ok(());
        }
        build(&dist, &tree2, java_home.as_deref(), &args)
    })
    .await
    .expect("build task does not panic")?;
    Ok(tree)
}

fn build(dist: &Path, tree: &Path, java_home: Option<&Path>, args: &[String]) -> Result<()> {
    let _ = std::fs::remove_dir_all(tree);
    crate::home::link_tree(dist, tree, Path::new(""))
        .map_err(Error::io(format!("preparing {}", tree.display())))?;
    let log_path = tree.join("build.log");
    let log = File::create(&log_path).map_err(Error::io("creating build.log"))?;
    let err = log.try_clone().map_err(Error::io("duplicating a handle"))?;
    let mut cmd = Command::new(tree.join("bin/kc.sh"));
    cmd.args(args)
        .current_dir(tree)
        .stdin(Stdio::null())
        .stdout(log)
        .stderr(err);
    crate::process::clear_keycloak_env(&mut cmd, java_home);
    let status = cmd
        .status()
        .map_err(Error::io(format!("running {} build", tree.display())))?;
    if !status.success() {
        let tail = crate::process::tail(&log_path, 30);
        let _ = std::fs::remove_dir_all(tree);
        return Err(Error::Unsupported(format!(
            "`kc.sh {}` failed ({status}):\n{tail}",
            args.join(" ")
        )));
    }
    std::fs::write(tree.join(BUILT_MARKER), args.join(" "))
        .map_err(Error::io("writing the build marker"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_configuration_has_its_own_tree() {
        let a = BuildOptions {
            db: "postgres".into(),
            relative_path: "/auth".into(),
            features: vec![],
        };
        let b = BuildOptions {
            relative_path: "/".into(),
            ..a.clone()
        };
        let c = BuildOptions {
            features: vec!["organization".into()],
            ..a.clone()
        };
        assert_eq!(
            a.key(),
            "db=postgres+health-enabled=true+http-relative-path=_auth"
        );
        assert_ne!(a.key(), b.key());
        assert_ne!(a.key(), c.key());
    }
}
