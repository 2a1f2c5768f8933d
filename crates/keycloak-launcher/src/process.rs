//! The Keycloak child process: its own process group, its log in a file, and a
//! watchdog that kills the group when the test binary exits however it exits
//! (normal end, panic, SIGKILL), since a static shared server is never dropped.

use crate::error::{Error, Result};
use crate::settings::HttpsCertificate;
use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

pub struct Launch<'a> {
    pub home: &'a Path,
    pub java_home: Option<&'a Path>,
    pub http_port: u16,
    pub management_port: u16,
    pub admin_username: &'a str,
    pub admin_password: &'a str,
    /// Also serve HTTPS on this port with this certificate.
    pub https: Option<(u16, &'a HttpsCertificate)>,
    /// Features to enable (`--features=…`), e.g. `admin-fine-grained-authz:v1`.
    pub features: &'a [String],
    /// A database instead of the dev-file one.
    pub database: Option<&'a crate::Database>,
    /// Kill the server when this process exits (tests); off for `kc dev up`.
    pub watchdog: bool,
    /// `start-dev`, or `start --optimized` as one node of a cluster.
    pub mode: &'a Mode,
}

/// How `kc.sh` is started.
#[derive(Debug, Clone)]
pub enum Mode {
    /// `kc.sh start-dev`: dev-file database (or the one given), local caches.
    Dev,
    /// `kc.sh start --optimized` in a home `kc.sh build` prepared (database,
    /// health, relative path and features are fixed there): plain HTTP behind
    /// a proxy that terminates TLS.
    Optimized {
        /// `--http-relative-path` the home was built with, e.g. `/auth`.
        relative_path: String,
        /// `--hostname`: the URL users reach (the proxy's, with the path).
        hostname: String,
        /// This node's cluster transport port (one per node on a host).
        cache_port: u16,
    },
}

/// A running server; dropping it kills the process group and removes the home.
pub struct Process {
    child: Child,
    watchdog: Option<Child>,
    pub log: PathBuf,
    home: PathBuf,
    /// What it was started with, to start it again in the same home.
    relaunch: Relaunch,
}

struct Relaunch {
    java_home: Option<PathBuf>,
    http_port: u16,
    management_port: u16,
    admin_username: String,
    admin_password: String,
    https: Option<(u16, HttpsCertificate)>,
    features: Vec<String>,
    database: Option<crate::Database>,
    watchdog: bool,
    mode: Mode,
}

impl Process {
    pub fn spawn(l: Launch<'_>) -> Result<Process> {
        let log = l.home.join("keycloak.log");
        let out = File::options()
            .create(true)
            .append(true)
            .open(&log)
            .map_err(Error::io(format!("creating {}", log.display())))?;
        let err = out
            .try_clone()
            .map_err(Error::io("duplicating the log handle"))?;
        let mut cmd = Command::new(l.home.join("bin/kc.sh"));
        match l.mode {
            Mode::Dev => {
                cmd.arg("start-dev").arg("--health-enabled=true").args(
                    (!l.features.is_empty())
                        .then(|| format!("--features={}", l.features.join(","))),
                );
            }
            Mode::Optimized {
                hostname,
                cache_port,
                ..
            } => {
                cmd.args(["start", "--optimized", "--http-enabled=true"])
                    .arg(format!("--hostname={hostname}"))
                    .arg("--proxy-headers=xforwarded")
                    .arg("--cache-embedded-network-bind-address=127.0.0.1")
                    .arg(format!("--cache-embedded-network-bind-port={cache_port}"));
            }
        }
        cmd.arg(format!("--http-port={}", l.http_port))
            .arg("--http-host=127.0.0.1")
            .arg(format!("--http-management-port={}", l.management_port))
            .args(l.https.iter().flat_map(|(port, cert)| {
                [
                    format!("--https-port={port}"),
                    format!("--https-certificate-file={}", cert.certificate.display()),
                    format!("--https-certificate-key-file={}", cert.key.display()),
                ]
            }))
            .current_dir(l.home)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0);
        clear_keycloak_env(&mut cmd, l.java_home);
        cmd.env("KC_BOOTSTRAP_ADMIN_USERNAME", l.admin_username)
            .env("KC_BOOTSTRAP_ADMIN_PASSWORD", l.admin_password);
        if let Some(db) = l.database {
            cmd.env("KC_DB", &db.vendor)
                .env("KC_DB_URL", &db.url)
                .env("KC_DB_USERNAME", &db.username)
                .env("KC_DB_PASSWORD", &db.password);
        }
        let child = cmd.spawn().map_err(Error::io(format!(
            "starting {}",
            l.home.join("bin/kc.sh").display()
        )))?;
        let watchdog = if l.watchdog {
            spawn_watchdog(child.id(), l.home)
        } else {
            None
        };
        Ok(Process {
            child,
            watchdog,
            log,
            home: l.home.to_path_buf(),
            relaunch: Relaunch {
                java_home: l.java_home.map(Path::to_path_buf),
                http_port: l.http_port,
                management_port: l.management_port,
                admin_username: l.admin_username.to_string(),
                admin_password: l.admin_password.to_string(),
                https: l.https.map(|(port, cert)| (port, cert.clone())),
                features: l.features.to_vec(),
                database: l.database.cloned(),
                watchdog: l.watchdog,
                mode: l.mode.clone(),
            },
        })
    }

    /// Kill the server (SIGKILL to its group, as a crash would) and start it
    /// again in the same home, on the same ports, with the same data.
    pub fn crash_and_relaunch(&mut self) -> Result<()> {
        self.kill();
        self.relaunch()
    }

    /// Kill the server (SIGKILL to its group) and leave it down; the home
    /// stays for [`Self::relaunch`].
    pub fn crash(&mut self) {
        self.kill();
    }

    /// Ask the server to stop as an orchestrator would: SIGTERM to its group
    /// (kc.sh and the JVM). Poll [`Self::exited`], then [`Self::crash`]
    /// reaps it (and kills what is left).
    pub fn terminate(&mut self) {
        // SAFETY: signalling our own child's process group (pgid = child's pid).
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGTERM);
        }
    }

    /// Start the server again in the same home, on the same ports (after
    /// [`Self::crash`]).
    pub fn relaunch(&mut self) -> Result<()> {
        let r = &self.relaunch;
        let next = Process::spawn(Launch {
            home: &self.home,
            java_home: r.java_home.as_deref(),
            http_port: r.http_port,
            management_port: r.management_port,
            admin_username: &r.admin_username,
            admin_password: &r.admin_password,
            https: r.https.as_ref().map(|(port, cert)| (*port, cert)),
            features: &r.features,
            database: r.database.as_ref(),
            watchdog: r.watchdog,
            mode: &r.mode,
        })?;
        // Swap without running `Drop` (which would remove the home).
        let old = std::mem::replace(self, next);
        std::mem::forget(old);
        Ok(())
    }

    /// `Some(status)` when the server has already exited.
    pub fn exited(&mut self) -> Option<String> {
        self.child.try_wait().ok().flatten().map(|s| s.to_string())
    }

    /// The management interface (health): it inherits HTTPS from the main
    /// server when that serves HTTPS.
    pub fn management_url(&self) -> String {
        let scheme = if self.relaunch.https.is_some() {
            "https"
        } else {
            "http"
        };
        let path = match &self.relaunch.mode {
            Mode::Dev => "",
            // The management interface follows --http-relative-path.
            Mode::Optimized { relative_path, .. } => relative_path.as_str(),
        };
        format!(
            "{scheme}://127.0.0.1:{}{path}",
            self.relaunch.management_port
        )
    }

    pub fn home(&self) -> &Path {
        &self.home
    }

    /// Let the server outlive this handle (and this process); returns its pid,
    /// which is also its process group. The home now belongs to that pid.
    pub fn detach(self) -> u32 {
        let pid = self.child.id();
        let _ = std::fs::write(self.home.join(crate::home::OWNER_FILE), pid.to_string());
        std::mem::forget(self);
        pid
    }

    fn kill(&mut self) {
        kill_group(&mut self.child, &mut self.watchdog);
    }
}

/// The user's own Keycloak settings (`KC_*`) must not leak into a server the
/// launcher runs; `JAVA_HOME` is the JDK chosen for it.
pub(crate) fn clear_keycloak_env(cmd: &mut Command, java_home: Option<&Path>) {
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("KC_") {
            cmd.env_remove(&key);
        }
    }
    match java_home {
        Some(home) => cmd.env("JAVA_HOME", home),
        None => cmd.env_remove("JAVA_HOME"),
    };
}

/// SIGKILL a child's process group (it leads one), reap it, and stop its watchdog.
pub(crate) fn kill_group(child: &mut Child, watchdog: &mut Option<Child>) {
    // SAFETY: signalling our own child's process group (pgid = child's pid).
    unsafe {
        libc::kill(-(child.id() as i32), libc::SIGKILL);
    }
    let _ = child.wait();
    if let Some(mut w) = watchdog.take() {
        let _ = w.kill();
        let _ = w.wait();
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        self.kill();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

/// A tiny shell loop, in a process group of its own, that outlives us by at most a
/// second: when our pid is gone it kills the server's group and removes its home.
pub(crate) fn spawn_watchdog(server_pgid: u32, home: &Path) -> Option<Child> {
    const SCRIPT: &str = r#"while kill -0 "$1" 2>/dev/null; do sleep 1; done; kill -KILL "-$2" 2>/dev/null; rm -rf "$3""#;
    Command::new("sh")
        .args(["-c", SCRIPT, "keycloak-testkit-watchdog"])
        .arg(std::process::id().to_string())
        .arg(server_pgid.to_string())
        .arg(home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .process_group(0)
        .spawn()
        .ok()
}

/// The last `n` lines of a log, for error messages.
pub fn tail(log: &Path, n: usize) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}
