//! The shared two-node cluster behind its TLS proxy, and what tests reach it
//! with: admin clients through the proxy (trusting the test CA) or straight
//! to one node, and the database's own counts.

mod faults;
mod flows;

use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_launcher::{KeycloakServer, RunningCluster};
use keycloak_testkit::pki::TestPki;
use tokio::sync::{Mutex, MutexGuard, OnceCell};

/// The cluster and the CA its proxy's certificate comes from.
pub struct Topology {
    pub cluster: RunningCluster,
    pub pki: TestPki,
}

static TOPOLOGY: OnceCell<Result<Mutex<Topology>, String>> = OnceCell::const_new();

/// The cluster, all nodes up, for this test alone (tests that kill nodes
/// must not overlap). Started once per test binary; the launcher's
/// watchdogs stop it when the binary exits.
pub async fn lock() -> MutexGuard<'static, Topology> {
    let topology = TOPOLOGY
        .get_or_init(|| async {
            let pki = TestPki::new();
            KeycloakServer::from_env()
                .local()
                .cluster(2)
                .proxy_certificate(pki.server_cert(), pki.server_key())
                .start()
                .await
                .map(|cluster| Mutex::new(Topology { cluster, pki }))
                .map_err(|e| e.to_string())
        })
        .await
        .as_ref()
        .unwrap_or_else(|e| panic!("the cluster did not start: {e}"));
    let mut guard = topology.lock().await;
    guard
        .cluster
        .ensure_all_up()
        .await
        .unwrap_or_else(|e| panic!("restarting a node a failed test left down: {e}"));
    guard
}

impl Topology {
    /// The master admin, through the proxy (`https://localhost:…/auth`).
    pub fn admin(&self) -> KeycloakAdmin {
        self.admin_at(self.cluster.url())
    }

    /// The master admin, straight to node `i` (plain HTTP, bypassing nginx).
    pub fn node_admin(&self, i: usize) -> KeycloakAdmin {
        self.admin_at(self.cluster.node_url(i))
    }

    fn admin_at(&self, url: &str) -> KeycloakAdmin {
        self.builder(url)
            .credentials(Credentials::password(
                self.cluster.admin_username(),
                self.cluster.admin_password(),
            ))
            .build()
            .unwrap()
    }

    /// A builder for the proxy URL (or a node's) that trusts the test CA.
    pub fn builder(&self, url: &str) -> keycloak_admin::KeycloakAdminBuilder {
        KeycloakAdmin::builder(url).ca_certificate(self.pki.ca_pem().as_bytes())
    }

    /// An HTTP client that trusts the test CA (for `keycloak-oidc`).
    pub fn http(&self) -> reqwest::Client {
        keycloak_oidc::tls::client_builder()
            .add_root_certificate(
                reqwest::Certificate::from_pem(self.pki.ca_pem().as_bytes()).unwrap(),
            )
            .build()
            .unwrap()
    }

    /// One SQL value from the shared database.
    pub fn sql(&self, query: &str) -> String {
        self.cluster
            .postgres()
            .query(query)
            .unwrap_or_else(|e| panic!("{e}"))
    }

    /// Users (not service accounts) of `realm`, as the database holds them.
    pub fn user_rows(&self, realm: &str) -> usize {
        self.sql(&format!(
            "select count(*) from user_entity u join realm r on u.realm_id = r.id \
             where r.name = '{realm}' and u.service_account_client_link is null"
        ))
        .parse()
        .unwrap()
    }

    /// A fresh realm through the proxy; its name.
    pub async fn new_realm(&self, prefix: &str) -> String {
        let name = format!("{prefix}-{}", keycloak_launcher::unique_suffix());
        self.admin()
            .realms()
            .create(keycloak_admin::types::RealmRepresentation {
                realm: Some(name.clone()),
                enabled: Some(true),
                ..Default::default()
            })
            .await
            .unwrap();
        name
    }
}
