//! One error type for everything that can keep a caller from getting its server.
//! Every variant names its cause; failures of a started server name its log file
//! and quote the log's last lines.

use std::path::PathBuf;

/// Why a server could not be started, reached or set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("KEYCLOAK_URL `{url}` is not a usable URL: {reason}")]
    /// `KEYCLOAK_URL` does not parse or is not http(s).
    BadUrl {
        /// The URL given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },

    #[error("no Keycloak answers at {url}: {reason}")]
    /// Nothing answered at the URL.
    Unreachable {
        /// The URL tried.
        url: String,
        /// The transport error.
        reason: String,
    },

    #[error(
        "Keycloak at {url} refused the admin credentials for user `{username}` (HTTP {status}): {body}"
    )]
    /// The server refused the admin credentials.
    AdminLoginRefused {
        /// The server.
        url: String,
        /// The admin user.
        username: String,
        /// The token endpoint's status.
        status: u16,
        /// Its answer.
        body: String,
    },

    #[error("no usable JDK: {0}")]
    /// No JDK the Keycloak version runs on.
    JdkNotFound(String),

    #[error("port {port} on 127.0.0.1 is already in use")]
    /// The HTTP port asked for is taken.
    PortBusy {
        /// The port.
        port: u16,
    },

    #[error("could not download Keycloak {version}: {reason}")]
    /// The distribution could not be downloaded.
    Download {
        /// The Keycloak version.
        version: String,
        /// Why.
        reason: String,
    },

    #[error(
        "Keycloak {version} download failed its checksum: expected sha1 {expected}, got {actual} ({file})"
    )]
    /// The downloaded distribution does not match its published sha1.
    Checksum {
        /// The Keycloak version.
        version: String,
        /// The published sha1.
        expected: String,
        /// The file's sha1.
        actual: String,
        /// The file.
        file: PathBuf,
    },

    #[error("could not unpack {archive}: {reason}")]
    /// The archive could not be unpacked.
    Unpack {
        /// The archive.
        archive: PathBuf,
        /// Why.
        reason: String,
    },

    #[error("Keycloak exited during start-up ({status}); log: {}\n{tail}", log.display())]
    /// The server process exited while starting.
    Exited {
        /// Its exit status.
        status: String,
        /// Its log file.
        log: PathBuf,
        /// The log's last lines.
        tail: String,
    },

    #[error("Keycloak was not ready after {secs} s (waiting for {waiting_for}); log: {}\n{tail}", log.display())]
    /// The server was not ready in time.
    StartTimeout {
        /// The limit.
        secs: u64,
        /// What was still missing.
        waiting_for: String,
        /// Its log file.
        log: PathBuf,
        /// The log's last lines.
        tail: String,
    },

    #[error(
        "the container backend is not compiled in: enable the `container` feature of keycloak-testkit"
    )]
    /// The `container` feature is off.
    ContainerUnavailable,

    #[error("container backend: {0}")]
    /// The container backend failed.
    Container(String),

    #[error("the shared test server did not start: {0}")]
    /// A shared server (`keycloak_testkit::Server::shared`) failed to start earlier in this process.
    SharedStartFailed(String),

    #[error("not supported: {0}")]
    /// A setting this backend cannot honour.
    Unsupported(String),

    #[error("admin API call failed: {0}")]
    /// An admin call made while setting a server up (e.g. creating a test realm) failed.
    Api(String),

    #[error("{context}: {source}")]
    /// A file or process operation failed.
    Io {
        /// What was being done.
        context: String,
        /// The I/O error.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

/// This crate's `Result`.
pub type Result<T, E = Error> = std::result::Result<T, E>;
