//! One error type for everything that can keep a test from getting its server.
//! Every variant names its cause; failures of a started server name its log file
//! and quote the log's last lines.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("KEYCLOAK_URL `{url}` is not a usable URL: {reason}")]
    BadUrl { url: String, reason: String },

    #[error("no Keycloak answers at {url}: {reason}")]
    Unreachable { url: String, reason: String },

    #[error(
        "Keycloak at {url} refused the admin credentials for user `{username}` (HTTP {status}): {body}"
    )]
    AdminLoginRefused {
        url: String,
        username: String,
        status: u16,
        body: String,
    },

    #[error("no usable JDK: {0}")]
    JdkNotFound(String),

    #[error("port {port} on 127.0.0.1 is already in use")]
    PortBusy { port: u16 },

    #[error("could not download Keycloak {version}: {reason}")]
    Download { version: String, reason: String },

    #[error(
        "Keycloak {version} download failed its checksum: expected sha1 {expected}, got {actual} ({file})"
    )]
    Checksum {
        version: String,
        expected: String,
        actual: String,
        file: PathBuf,
    },

    #[error("could not unpack {archive}: {reason}")]
    Unpack { archive: PathBuf, reason: String },

    #[error("Keycloak exited during start-up ({status}); log: {}\n{tail}", log.display())]
    Exited {
        status: String,
        log: PathBuf,
        tail: String,
    },

    #[error("Keycloak was not ready after {secs} s (waiting for {waiting_for}); log: {}\n{tail}", log.display())]
    StartTimeout {
        secs: u64,
        waiting_for: String,
        log: PathBuf,
        tail: String,
    },

    #[error(
        "the container backend is not compiled in: enable the `container` feature of keycloak-testkit"
    )]
    ContainerUnavailable,

    #[error("container backend: {0}")]
    Container(String),

    #[error("the shared test server did not start: {0}")]
    SharedStartFailed(String),

    #[error("admin API call failed: {0}")]
    Api(String),

    #[error("{context}: {source}")]
    Io {
        context: String,
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
