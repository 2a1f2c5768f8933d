//! The entry point: [`KeycloakServer`] configures, [`RunningServer`] is a ready
//! server, [`DetachedServer`] one that outlives this process.

use crate::error::{Error, Result};
use crate::login;
use crate::postgres::Postgres;
use crate::process::{Launch, Process};
use crate::settings::{Backend, Settings};
use crate::{distribution, home, jdk, ready};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Configures and starts a Keycloak.
///
/// Backends, in order: `KEYCLOAK_URL` (an external server; nothing started), the
/// container backend when `KEYCLOAK_TESTKIT_BACKEND=container`, otherwise the
/// distribution from Maven Central, cached and run as a child process.
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_launcher::Error> {
/// use keycloak_launcher::KeycloakServer;
/// let server = KeycloakServer::from_env().start().await?; // stopped when dropped
/// println!("{} (admin: {})", server.base_url(), server.admin_username());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct KeycloakServer {
    settings: Settings,
}

impl KeycloakServer {
    /// Settings from the environment (see [`crate::env`]).
    pub fn from_env() -> Self {
        Self {
            settings: Settings::from_env(),
        }
    }

    /// Use a server that already runs at `url`.
    pub fn external(
        mut self,
        url: impl Into<String>,
        username: impl Into<String>,
        password: impl Into<String>,
    ) -> Self {
        self.settings.backend = Backend::External {
            url: url.into(),
            username: username.into(),
            password: password.into(),
        };
        self
    }

    /// Run the local distribution even if `KEYCLOAK_URL` is set.
    pub fn local(mut self) -> Self {
        self.settings.backend = Backend::Local;
        self
    }

    /// Keycloak version to download and run.
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.settings.version = version.into();
        self
    }

    /// JDK to run Keycloak with (default: `JAVA_HOME`, else the newest under /usr/lib/jvm).
    pub fn java_home(mut self, path: impl Into<PathBuf>) -> Self {
        self.settings.java_home = Some(path.into());
        self
    }

    /// A fixed HTTP port instead of a free one chosen at start.
    pub fn http_port(mut self, port: u16) -> Self {
        self.settings.http_port = Some(port);
        self
    }

    /// Also serve HTTPS, on a free port of 127.0.0.1, with this PEM
    /// certificate and key ([`RunningServer::https_url`]); HTTP stays on for
    /// the launcher's own readiness checks. Local distribution only: with
    /// `KEYCLOAK_URL` or the container backend the start fails.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), keycloak_launcher::Error> {
    /// use keycloak_launcher::KeycloakServer;
    /// let server = KeycloakServer::from_env()
    ///     .local()
    ///     .https_certificate("server.pem", "server-key.pem")
    ///     .start()
    ///     .await?;
    /// println!("{}", server.https_url().unwrap()); // https://localhost:…
    /// # Ok(()) }
    /// ```
    pub fn https_certificate(
        mut self,
        certificate: impl Into<PathBuf>,
        key: impl Into<PathBuf>,
    ) -> Self {
        self.settings.https = Some(crate::settings::HttpsCertificate {
            certificate: certificate.into(),
            key: key.into(),
        });
        self
    }

    /// Run on a throw-away PostgreSQL the launcher starts and removes (the
    /// machine's `postgresql` package; `KEYCLOAK_TESTKIT_DB=postgres` does the
    /// same), instead of the dev-file database. Local distribution only.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), keycloak_launcher::Error> {
    /// let server = keycloak_launcher::KeycloakServer::from_env().local().postgres().start().await?;
    /// # Ok(()) }
    /// ```
    pub fn postgres(mut self) -> Self {
        self.settings.postgres = true;
        self
    }

    /// A production-like cluster of `nodes` Keycloaks instead of one dev
    /// server: PostgreSQL, `kc.sh build` + `start --optimized`, `jdbc-ping`,
    /// nginx terminating TLS under `/auth` (see [`crate::KeycloakCluster`]).
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), keycloak_launcher::Error> {
    /// let cluster = keycloak_launcher::KeycloakServer::from_env()
    ///     .cluster(2)
    ///     .proxy_certificate("server.pem", "server-key.pem")
    ///     .start()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn cluster(self, nodes: usize) -> crate::KeycloakCluster {
        crate::KeycloakCluster::new(self.settings, nodes)
    }

    /// Enable these features (`kc.sh start-dev --features=…`), e.g.
    /// `admin-fine-grained-authz:v1` or `client-types`. Local distribution
    /// only: a server at `KEYCLOAK_URL` runs with the features it has.
    pub fn features<I: IntoIterator<Item = S>, S: Into<String>>(mut self, features: I) -> Self {
        self.settings.features = features.into_iter().map(Into::into).collect();
        self
    }

    /// Where distributions are cached.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.settings.cache_dir = dir.into();
        self
    }

    /// How long a started server may take to become ready.
    pub fn start_timeout(mut self, timeout: Duration) -> Self {
        self.settings.start_timeout = timeout;
        self
    }

    /// Download over HTTPS from this Maven repository root instead of Maven Central / `mvn`.
    pub fn maven_repo(mut self, url: impl Into<String>) -> Self {
        self.settings.maven_repo = Some(url.into());
        self
    }

    /// The settings the server will start with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Start the local distribution as a server that outlives this process (for
    /// development: `kc dev up`). Stop it with [`DetachedServer::stop`].
    pub async fn start_detached(self) -> Result<DetachedServer> {
        if self.settings.postgres {
            return Err(Error::Unsupported(
                "a detached server runs on its dev-file database (the PostgreSQL would stop with this process)".into(),
            ));
        }
        let (process, base_url, _, _) = launch_local(&self.settings, false).await?;
        let home = process.home().to_path_buf();
        let log = process.log.clone();
        let pid = process.detach();
        Ok(DetachedServer {
            base_url,
            admin_username: self.settings.admin_username,
            admin_password: self.settings.admin_password,
            version: self.settings.version,
            pid,
            home,
            log,
        })
    }

    /// Start (or connect to) the server and wait until it is ready.
    pub async fn start(self) -> Result<RunningServer> {
        if self.settings.https.is_some() && !matches!(self.settings.backend, Backend::Local) {
            return Err(Error::Unsupported(
                "an HTTPS certificate applies to a server this process starts (the local distribution), not to KEYCLOAK_URL or a container".into(),
            ));
        }
        if self.settings.postgres && matches!(self.settings.backend, Backend::Container) {
            return Err(Error::Unsupported(
                "a throw-away PostgreSQL (KEYCLOAK_TESTKIT_DB=postgres) is for the local distribution, not a container".into(),
            ));
        }
        match self.settings.backend.clone() {
            Backend::External {
                url,
                username,
                password,
            } => connect_external(&self.settings, url, username, password).await,
            Backend::Local => start_local(self.settings).await,
            Backend::Container => crate::container::start(self.settings).await,
        }
    }
}

/// A ready Keycloak. Dropping a server this process started kills it and removes
/// its home directory.
pub struct RunningServer {
    pub(crate) base_url: String,
    pub(crate) https_url: Option<String>,
    pub(crate) admin_username: String,
    pub(crate) admin_password: String,
    pub(crate) version: String,
    pub(crate) process: Option<Process>,
    #[allow(dead_code)]
    pub(crate) keepalive: Option<Box<dyn std::any::Any + Send + Sync>>,
}

impl std::fmt::Debug for RunningServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RunningServer")
            .field("base_url", &self.base_url)
            .field("admin_username", &self.admin_username)
            .field("admin_password", &"<redacted>")
            .field("version", &self.version)
            .field("log", &self.log_path())
            .finish()
    }
}

impl RunningServer {
    /// Kill this server's process (SIGKILL, like a crash) and start it again
    /// on the same URL with the same data; returns once it is ready. Only for a
    /// server this process started (not `KEYCLOAK_URL` or a container).
    pub async fn crash_and_restart(&mut self, timeout: Duration) -> Result<()> {
        let Some(process) = self.process.as_mut() else {
            return Err(Error::BadUrl {
                url: self.base_url.clone(),
                reason: "only a server this process started can be restarted".into(),
            });
        };
        process.crash_and_relaunch()?;
        let management_url = process.management_url();
        ready::wait(
            process,
            &self.base_url,
            &management_url,
            &self.admin_username,
            &self.admin_password,
            timeout,
        )
        .await
    }

    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `https://localhost:<port>` when started with
    /// [`KeycloakServer::https_certificate`].
    pub fn https_url(&self) -> Option<&str> {
        self.https_url.as_deref()
    }

    /// The bootstrap admin's username.
    pub fn admin_username(&self) -> &str {
        &self.admin_username
    }

    /// The bootstrap admin's password (random per started server).
    pub fn admin_password(&self) -> &str {
        &self.admin_password
    }

    /// The Keycloak version this server runs (as requested).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The server's log file, for a server this process started.
    pub fn log_path(&self) -> Option<&Path> {
        self.process.as_ref().map(|p| p.log.as_path())
    }

    /// The throw-away PostgreSQL it runs on, when started with
    /// [`KeycloakServer::postgres`].
    pub fn postgres(&self) -> Option<&Postgres> {
        self.keepalive.as_ref()?.downcast_ref::<Postgres>()
    }

    /// The server's own home (and data) directory, for a server this process started.
    pub fn home_dir(&self) -> Option<&Path> {
        self.process.as_ref().map(|p| p.home())
    }

    /// A fresh master-realm admin access token (lives 60 s).
    pub async fn admin_token(&self) -> Result<String> {
        login::password_grant(
            &login::http(),
            &self.base_url,
            &self.admin_username,
            &self.admin_password,
        )
        .await
    }
}

async fn connect_external(
    settings: &Settings,
    url: String,
    username: String,
    password: String,
) -> Result<RunningServer> {
    let parsed = reqwest::Url::parse(&url).map_err(|e| Error::BadUrl {
        url: url.clone(),
        reason: e.to_string(),
    })?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(Error::BadUrl {
            url,
            reason: "expected http:// or https:// with a host".into(),
        });
    }
    let base_url = url.trim_end_matches('/').to_string();
    login::password_grant(&login::http(), &base_url, &username, &password).await?;
    Ok(RunningServer {
        base_url,
        https_url: None,
        admin_username: username,
        admin_password: password,
        version: settings.version.clone(),
        process: None,
        keepalive: None,
    })
}

async fn start_local(settings: Settings) -> Result<RunningServer> {
    let (process, base_url, https_url, postgres) = launch_local(&settings, true).await?;
    Ok(RunningServer {
        base_url,
        https_url,
        admin_username: settings.admin_username,
        admin_password: settings.admin_password,
        version: settings.version,
        process: Some(process),
        // Dropped after the process (field order): Keycloak goes first.
        keepalive: postgres.map(|p| Box::new(p) as Box<dyn std::any::Any + Send + Sync>),
    })
}

/// Start the local distribution and wait until it is ready: the process, its
/// HTTP URL and, when asked for, its HTTPS URL.
async fn launch_local(
    settings: &Settings,
    watchdog: bool,
) -> Result<(Process, String, Option<String>, Option<Postgres>)> {
    let java_home = jdk::choose(settings.java_home.as_deref(), &settings.version)?;
    let http_port = match settings.http_port {
        Some(p) => {
            TcpListener::bind(("127.0.0.1", p)).map_err(|_| Error::PortBusy { port: p })?;
            p
        }
        None => free_port()?,
    };
    let management_port = free_port()?;
    let https = match &settings.https {
        Some(cert) => Some((free_port()?, cert)),
        None => None,
    };
    let dist = distribution::ensure(settings).await?;
    let postgres = match settings.postgres {
        true => Some(Postgres::start(Duration::from_secs(60)).await?),
        false => None,
    };
    let database = postgres.as_ref().map(Postgres::database);
    let home = home::create(&settings.cache_dir, &dist)?;
    let mut process = Process::spawn(Launch {
        home: &home,
        java_home: java_home.as_deref(),
        http_port,
        management_port,
        admin_username: &settings.admin_username,
        admin_password: &settings.admin_password,
        https,
        features: &settings.features,
        database: database.as_ref(),
        watchdog,
        mode: &crate::process::Mode::Dev,
    })?;
    let base_url = format!("http://127.0.0.1:{http_port}");
    let management_url = process.management_url();
    ready::wait(
        &mut process,
        &base_url,
        &management_url,
        &settings.admin_username,
        &settings.admin_password,
        settings.start_timeout,
    )
    .await?;
    // `localhost`: the name a test certificate is issued for.
    let https_url = https.map(|(port, _)| format!("https://localhost:{port}"));
    Ok((process, base_url, https_url, postgres))
}

pub(crate) fn free_port() -> Result<u16> {
    let listener = TcpListener::bind(("127.0.0.1", 0))
        .map_err(Error::io("finding a free port on 127.0.0.1"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(Error::io("reading a bound port"))
}

/// A local server started by [`KeycloakServer::start_detached`]: it keeps running
/// after this process exits. Saved as JSON (with the admin password: the file is
/// created readable by its owner only) so a later process can find and stop it.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub struct DetachedServer {
    /// Where it listens.
    pub base_url: String,
    /// The bootstrap admin's username.
    pub admin_username: String,
    /// The bootstrap admin's password.
    pub admin_password: String,
    /// The Keycloak version.
    pub version: String,
    /// Process (and process group) id.
    pub pid: u32,
    /// Its home directory (under the cache's `runs/`).
    pub home: PathBuf,
    /// Its log file.
    pub log: PathBuf,
}

impl std::fmt::Debug for DetachedServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DetachedServer")
            .field("base_url", &self.base_url)
            .field("pid", &self.pid)
            .field("admin_password", &"<redacted>")
            .finish_non_exhaustive()
    }
}

impl DetachedServer {
    /// Whether the Keycloak this file describes still runs: its pid exists, leads
    /// its own process group, and its command line names this server's home.
    /// A stale file whose pid now belongs to another process is not running.
    pub fn is_running(&self) -> bool {
        let pid = self.pid as i32;
        // SAFETY: getpgid only reads.
        if pid <= 1 || unsafe { libc::getpgid(pid) } != pid {
            return false;
        }
        let home = self.home.to_string_lossy();
        command_line(self.pid).is_some_and(|c| !home.is_empty() && c.contains(&*home))
    }

    /// Stop it (its whole process group) and remove its home. Signals nothing
    /// when the process is not this server any more (see [`Self::is_running`]);
    /// returns whether a server was stopped.
    pub fn stop(&self) -> Result<bool> {
        if !self.is_running() {
            return Ok(false);
        }
        // SAFETY: signalling the process group this server was started in (checked above).
        unsafe {
            libc::kill(-(self.pid as i32), libc::SIGTERM);
        }
        // Until the pid is gone (a zombie not yet reaped by init still counts,
        // so the caller never sees the pid alive after `stop`).
        // SAFETY: signal 0 only checks existence.
        let exists = || unsafe { libc::kill(self.pid as i32, 0) == 0 };
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while exists() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
        }
        if self.is_running() {
            // SAFETY: as above.
            unsafe {
                libc::kill(-(self.pid as i32), libc::SIGKILL);
            }
        }
        let _ = std::fs::remove_dir_all(&self.home);
        Ok(true)
    }

    /// Record it in `path` (mode 0600: it holds the admin password).
    pub fn save(&self, path: &Path) -> Result<()> {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .map_err(Error::io(format!("creating {}", dir.display())))?;
        }
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(true)
            .mode(0o600)
            .open(path)
            .map_err(Error::io(format!("writing {}", path.display())))?;
        // `mode` applies only to a new file: an existing one keeps its bits.
        use std::os::unix::fs::PermissionsExt;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(Error::io(format!("restricting {}", path.display())))?;
        file.write_all(
            serde_json::to_string_pretty(self)
                .unwrap_or_default()
                .as_bytes(),
        )
        .map_err(Error::io(format!("writing {}", path.display())))
    }

    /// The saved server, if the file exists. Its home must lie under `runs/`
    /// beside the file (the cache the harness owns): a file naming any other
    /// directory is refused, since `stop` deletes the home.
    pub fn load(path: &Path) -> Result<Option<DetachedServer>> {
        match std::fs::read_to_string(path) {
            Ok(text) => {
                let server: DetachedServer =
                    serde_json::from_str(&text).map_err(|e| Error::Io {
                        context: format!("reading {}", path.display()),
                        source: std::io::Error::other(e),
                    })?;
                let runs = path.parent().unwrap_or(Path::new(".")).join("runs");
                let inside = server.home.starts_with(&runs)
                    && server.home != runs
                    && server.home.components().all(|c| {
                        matches!(
                            c,
                            std::path::Component::Normal(_) | std::path::Component::RootDir
                        )
                    });
                if !inside {
                    return Err(Error::Io {
                        context: format!("reading {}", path.display()),
                        source: std::io::Error::other(format!(
                            "it names {} as the server's home, which is not under {}; refusing to use it (delete the file)",
                            server.home.display(),
                            runs.display()
                        )),
                    });
                }
                Ok(Some(server))
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(Error::Io {
                context: format!("reading {}", path.display()),
                source: e,
            }),
        }
    }
}

/// The command line of process `pid` (`/proc`, else `ps`), arguments joined by spaces.
fn command_line(pid: u32) -> Option<String> {
    if let Ok(raw) = std::fs::read(format!("/proc/{pid}/cmdline")) {
        return Some(String::from_utf8_lossy(&raw).replace('\0', " "));
    }
    let out = std::process::Command::new("ps")
        .args(["-o", "command=", "-p", &pid.to_string()])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Where `kc dev up` records its server: beside the distribution cache.
pub fn dev_state_file(settings: &Settings) -> PathBuf {
    settings.cache_dir.join("dev-server.json")
}
