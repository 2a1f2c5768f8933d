//! [`Server`]: a started (or external) Keycloak plus an admin client logged in
//! through `keycloak-admin`'s token manager — the same refresh and re-login
//! after a 401 that users get, not a second cache.

use crate::realm::TestRealm;
use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_launcher::{Error, KeycloakServer, Result, RunningServer};
use std::path::Path;
use std::time::Duration;

/// A ready Keycloak for tests. Dropping a server this process started stops it
/// and removes its home directory.
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_testkit::Error> {
/// use keycloak_testkit::Server;
/// let server = Server::shared().await?;
/// let realm = server.new_realm().await?; // deleted again when dropped
/// let n = server.admin().realm(realm.name()).users().count().await;
/// # Ok(()) }
/// ```
pub struct Server {
    running: RunningServer,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.running.fmt(f)
    }
}

static SHARED: tokio::sync::OnceCell<Result<Server, String>> = tokio::sync::OnceCell::const_new();

impl Server {
    /// Start (or connect to) the server `builder` describes, e.g.
    /// `Server::start(KeycloakServer::from_env().version("26.4.7"))`.
    pub async fn start(builder: KeycloakServer) -> Result<Server> {
        Server::from_running(builder.start().await?)
    }

    /// Wrap a server the launcher started.
    pub fn from_running(running: RunningServer) -> Result<Server> {
        admin_client(&running)?;
        Ok(Server { running })
    }

    /// One server for the whole test binary, started on first use from the
    /// environment's settings. A failed start is reported to every caller.
    pub async fn shared() -> Result<&'static Server> {
        let cell = SHARED
            .get_or_init(|| async {
                let server = Server::start(KeycloakServer::from_env())
                    .await
                    .map_err(|e| e.to_string())?;
                // Straight to stderr (the test harness captures `eprintln!`):
                // every run says which server it tested, beside the document
                // the client was generated from (spec/pin.json may pin a
                // newer one than Maven Central serves).
                use std::io::Write;
                let _ = writeln!(
                    std::io::stderr(),
                    "keycloak-testkit: testing against Keycloak {} at {} (client generated from Keycloak {}'s document)",
                    server.version(),
                    server.base_url(),
                    keycloak_admin_api::KEYCLOAK_VERSION
                );
                Ok(server)
            })
            .await;
        cell.as_ref()
            .map_err(|e| Error::SharedStartFailed(e.clone()))
    }

    /// The launcher's view: URL, credentials, version, log, process.
    pub fn running(&self) -> &RunningServer {
        &self.running
    }

    /// Base URL, e.g. `http://127.0.0.1:41234` (no trailing slash).
    pub fn base_url(&self) -> &str {
        self.running.base_url()
    }

    /// The bootstrap admin's username.
    pub fn admin_username(&self) -> &str {
        self.running.admin_username()
    }

    /// The bootstrap admin's password (random per started server).
    pub fn admin_password(&self) -> &str {
        self.running.admin_password()
    }

    /// The Keycloak version this server runs (as requested).
    pub fn version(&self) -> &str {
        self.running.version()
    }

    /// The server's log file, for a server this process started.
    pub fn log_path(&self) -> Option<&Path> {
        self.running.log_path()
    }

    /// The server's own home (and data) directory, for a server this process started.
    pub fn home_dir(&self) -> Option<&Path> {
        self.running.home_dir()
    }

    /// See [`RunningServer::crash_and_restart`].
    pub async fn crash_and_restart(&mut self, timeout: Duration) -> Result<()> {
        self.running.crash_and_restart(timeout).await
    }

    /// A fresh master-realm admin access token (lives 60 s).
    pub async fn admin_token(&self) -> Result<String> {
        self.running.admin_token().await
    }

    /// A `keycloak-admin` client logged in as the bootstrap admin (on first
    /// use; it refreshes and logs in again by itself). A new one per call: a
    /// shared server outlives each test's runtime, and HTTP connections must
    /// not cross runtimes.
    pub fn admin(&self) -> KeycloakAdmin {
        admin_client(&self.running).expect("the server's URL was accepted at start")
    }

    /// The generated low-level client of a new [`Self::admin`].
    pub fn admin_client(&self) -> keycloak_admin_api::Client {
        self.admin().api().clone()
    }

    /// Create a realm with a random name, enabled; it is deleted when dropped.
    pub async fn new_realm(&self) -> Result<TestRealm> {
        self.import_realm(serde_json::json!({})).await
    }

    /// Create a realm from a JSON fixture (a realm export or representation). The
    /// realm gets a random name (and no fixed id) so parallel tests never collide.
    pub async fn import_realm(&self, mut fixture: serde_json::Value) -> Result<TestRealm> {
        let name = format!("test-{}", keycloak_launcher::unique_suffix());
        let obj = fixture
            .as_object_mut()
            .ok_or_else(|| Error::Api("a realm fixture must be a JSON object".into()))?;
        obj.remove("id");
        obj.insert("realm".into(), name.clone().into());
        obj.entry("enabled").or_insert(true.into());
        let rep: keycloak_admin::types::RealmRepresentation = serde_json::from_value(fixture)
            .map_err(|e| {
                Error::Api(format!(
                    "realm fixture does not fit RealmRepresentation: {e}"
                ))
            })?;
        self.admin()
            .realms()
            .create(rep)
            .await
            .map_err(|e| Error::Api(e.to_string()))?;
        Ok(TestRealm::new(name, self))
    }
}

fn admin_client(running: &RunningServer) -> Result<KeycloakAdmin> {
    KeycloakAdmin::builder(running.base_url())
        .auth_realm("master")
        .credentials(Credentials::password(
            running.admin_username(),
            running.admin_password(),
        ))
        .build()
        .map_err(|e| Error::BadUrl {
            url: running.base_url().to_string(),
            reason: e.to_string(),
        })
}
