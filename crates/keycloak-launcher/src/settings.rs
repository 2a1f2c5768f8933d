//! How a server is chosen and configured: environment variables, with builder overrides.

use std::path::PathBuf;
use std::time::Duration;

/// The Keycloak release started by default: `spec/pin.json`'s test version —
/// the release the client is generated from, or, when Maven Central does not
/// serve that one yet, the newest served one before it. `cargo xtask spec
/// import` keeps this in step; a test of `keycloak-testkit` checks it.
pub fn pinned_version() -> &'static str {
    "26.7.3"
}

/// Environment variables read by [`Settings::from_env`].
pub mod env {
    /// Use an already running server at this URL; nothing is started.
    pub const URL: &str = "KEYCLOAK_URL";
    /// Admin username for `KEYCLOAK_URL` (default `admin`).
    pub const ADMIN_USER: &str = "KEYCLOAK_ADMIN_USER";
    /// Admin password for `KEYCLOAK_URL` (default `admin`).
    pub const ADMIN_PASSWORD: &str = "KEYCLOAK_ADMIN_PASSWORD";
    /// Keycloak version to download and run (default: the pinned version).
    pub const VERSION: &str = "KEYCLOAK_VERSION";
    /// `local` (default) or `container`.
    pub const BACKEND: &str = "KEYCLOAK_TESTKIT_BACKEND";
    /// Where distributions are downloaded and unpacked (default `~/.cache/keycloak-admin-rs`).
    pub const CACHE: &str = "KEYCLOAK_TESTKIT_CACHE";
    /// Seconds to wait for a started server to become ready (default 240).
    pub const START_TIMEOUT: &str = "KEYCLOAK_START_TIMEOUT_SECS";
    /// Maven repository root for the HTTPS download (default Maven Central).
    pub const MAVEN_REPO: &str = "KEYCLOAK_TESTKIT_MAVEN_REPO";
    /// `postgres`: the local server runs on a throw-away PostgreSQL the
    /// launcher starts (default: Keycloak's dev-file database).
    pub const DB: &str = "KEYCLOAK_TESTKIT_DB";
    /// PostgreSQL's server binaries (default `pg_config --bindir`, then
    /// `/usr/lib/postgresql/*/bin`).
    pub const PG_BIN: &str = "KEYCLOAK_TESTKIT_PG_BIN";
}

/// Which kind of server [`crate::KeycloakServer::start`] gives.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Backend {
    /// A server someone already runs.
    External {
        /// The server URL.
        url: String,
        /// The admin user.
        username: String,
        /// The admin password.
        password: String,
    },
    /// The distribution from Maven Central, run as a child process.
    Local,
    /// `quay.io/keycloak/keycloak` through testcontainers (feature `container`).
    Container,
}

/// Everything a start needs; [`Settings::from_env`] then builder methods on
/// [`crate::KeycloakServer`].
#[derive(Clone)]
pub struct Settings {
    /// Where the server comes from.
    pub backend: Backend,
    /// The Keycloak version to run.
    pub version: String,
    /// Where distributions are cached and servers get their homes.
    pub cache_dir: PathBuf,
    /// The JDK to run it with (else chosen for the version).
    pub java_home: Option<PathBuf>,
    /// A fixed HTTP port (else a free one).
    pub http_port: Option<u16>,
    /// How long a start may take.
    pub start_timeout: Duration,
    /// An HTTPS Maven repository root instead of `mvn`.
    pub maven_repo: Option<String>,
    /// The bootstrap admin's username.
    pub admin_username: String,
    /// The bootstrap admin's password.
    pub admin_password: String,
    /// Also serve HTTPS with this certificate (local distribution only).
    pub https: Option<HttpsCertificate>,
    /// Features to enable (local distribution only).
    pub features: Vec<String>,
    /// Run on a throw-away PostgreSQL the launcher starts (local distribution only).
    pub postgres: bool,
}

/// A database Keycloak runs on instead of its dev-file one (`--db` and the
/// `KC_DB_*` options, passed in the environment: no password in `ps`).
#[derive(Clone)]
pub struct Database {
    /// `postgres`, `mariadb`, … (Keycloak's `--db`).
    pub vendor: String,
    /// The JDBC URL.
    pub url: String,
    /// The user Keycloak connects as.
    pub username: String,
    /// Its password.
    pub password: String,
}

impl std::fmt::Debug for Database {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Database")
            .field("vendor", &self.vendor)
            .field("url", &self.url)
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .finish()
    }
}

/// A PEM certificate (chain) and its PEM private key, for Keycloak's
/// `--https-certificate-file` and `--https-certificate-key-file`.
#[derive(Debug, Clone)]
pub struct HttpsCertificate {
    /// The certificate file (PEM; the server's certificate first).
    pub certificate: PathBuf,
    /// The private key file (PEM).
    pub key: PathBuf,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field(
                "backend",
                &match &self.backend {
                    Backend::External { url, .. } => format!("External({url})"),
                    other => format!("{other:?}"),
                },
            )
            .field("version", &self.version)
            .field("cache_dir", &self.cache_dir)
            .field("java_home", &self.java_home)
            .field("http_port", &self.http_port)
            .field("https", &self.https)
            .field("features", &self.features)
            .field("postgres", &self.postgres)
            .field("start_timeout", &self.start_timeout)
            .field("admin_username", &self.admin_username)
            .field("admin_password", &"<redacted>")
            .finish()
    }
}

impl Settings {
    /// Whether this version's distribution is unpacked in the cache already
    /// (starting it downloads nothing).
    pub fn is_distribution_cached(&self) -> bool {
        crate::distribution::is_cached(self)
    }

    /// Settings from the environment (`KEYCLOAK_URL`, `KEYCLOAK_VERSION`, …).
    pub fn from_env() -> Settings {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let backend = if let Some(url) = var(env::URL) {
            Backend::External {
                url,
                username: var(env::ADMIN_USER).unwrap_or_else(|| "admin".into()),
                password: var(env::ADMIN_PASSWORD).unwrap_or_else(|| "admin".into()),
            }
        } else if var(env::BACKEND).as_deref() == Some("container") {
            Backend::Container
        } else {
            Backend::Local
        };
        Settings {
            backend,
            version: var(env::VERSION).unwrap_or_else(|| pinned_version().to_string()),
            cache_dir: var(env::CACHE)
                .map(PathBuf::from)
                .unwrap_or_else(default_cache_dir),
            java_home: var("JAVA_HOME").map(PathBuf::from),
            http_port: None,
            start_timeout: Duration::from_secs(
                var(env::START_TIMEOUT)
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(240),
            ),
            maven_repo: var(env::MAVEN_REPO),
            admin_username: "admin".into(),
            admin_password: random_password(),
            https: None,
            features: Vec::new(),
            postgres: var(env::DB).as_deref() == Some("postgres"),
        }
    }
}

fn default_cache_dir() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("keycloak-admin-rs")
}

/// A fresh bootstrap-admin password per server: nothing guessable on a shared machine.
fn random_password() -> String {
    use rand::Rng;
    rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(24)
        .map(char::from)
        .collect()
}

/// A short random lowercase suffix for names that must not collide.
pub fn unique_suffix() -> String {
    use rand::Rng;
    let mut rng = rand::rng();
    (0..10)
        .map(|_| char::from(b'a' + rng.random_range(0..26)))
        .collect()
}
