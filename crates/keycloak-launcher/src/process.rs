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
        cmd.arg("start-dev")
            .arg(format!("--http-port={}", l.http_port))
            .arg("--http-host=127.0.0.1")
            .arg(format!("--http-management-port={}", l.management_port))
            .arg("--health-enabled=true")
            .args(l.https.iter().flat_map(|(port, cert)| {
                [
                    format!("--https-port={port}"),
                    format!("--https-certificate-file={}", cert.certificate.display()),
                    format!("--https-certificate-key-file={}", cert.key.display()),
                ]
            }))
            .args((!l.features.is_empty()).then(|| format!("--features={}", l.features.join(","))))
            .current_dir(l.home)
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err)
            .process_group(0);
        // The user's own Keycloak settings must not leak into a test server.
        for (key, _) in std::env::vars_os() {
            if key.to_string_lossy().starts_with("KC_") {
                cmd.env_remove(&key);
            }
        }
        cmd.env("KC_BOOTSTRAP_ADMIN_USERNAME", l.admin_username)
            .env("KC_BOOTSTRAP_ADMIN_PASSWORD", l.admin_password);
        if let Some(db) = l.database {
            cmd.env("KC_DB", &db.vendor)
                .env("KC_DB_URL", &db.url)
                .env("KC_DB_USERNAME", &db.username)
                .env("KC_DB_PASSWORD", &db.password);
        }
        match l.java_home {
            Some(home) => {
                cmd.env("JAVA_HOME", home);
            }
            None => {
                cmd.env_remove("JAVA_HOME");
            }
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
            },
        })
    }

    /// Kill the server (SIGKILL to its group, as a crash would) and start it
    /// again in the same home, on the same ports, with the same data.
    pub fn crash_and_relaunch(&mut self) -> Result<()> {
        self.kill();
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
        format!("{scheme}://127.0.0.1:{}", self.relaunch.management_port)
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
