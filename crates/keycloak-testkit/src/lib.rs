//! A real Keycloak for tests, examples and benchmarks — no Docker needed.
//!
//! [`Server::shared`] gives every test in a binary the same server, started on
//! first use; [`Server::new_realm`] gives each test a realm of its own, so tests
//! run in parallel without seeing each other's data. [`Server::admin`] is a
//! `keycloak-admin` client logged in as the bootstrap admin.
//!
//! Starting servers is [`keycloak_launcher`]'s job (re-exported here). Where
//! the server comes from, in order:
//! 1. `KEYCLOAK_URL` (+ `KEYCLOAK_ADMIN_USER`, `KEYCLOAK_ADMIN_PASSWORD`): a server
//!    you already run. Nothing is started.
//! 2. `KEYCLOAK_TESTKIT_BACKEND=container` with the `container` feature: the
//!    official image through testcontainers.
//! 3. Otherwise `org.keycloak:keycloak-quarkus-dist:<version>` from Maven Central
//!    (via `mvn`, or HTTPS), checksum-verified, unpacked once into
//!    `~/.cache/keycloak-admin-rs` (`KEYCLOAK_TESTKIT_CACHE`), and run with
//!    `kc.sh start-dev` on free loopback ports with a fresh home per server
//!    (`KEYCLOAK_VERSION` picks the version).
//!
//! ```no_run
//! # async fn demo() -> Result<(), keycloak_testkit::Error> {
//! let server = keycloak_testkit::Server::shared().await?;
//! let realm = server.new_realm().await?;
//! let alices = server.admin().realm(realm.name()).users().search("alice").all().await;
//! # Ok(()) }
//! ```

#[cfg(feature = "pki")]
pub mod pki;
mod realm;
mod server;

pub use keycloak_launcher::{
    Backend, DetachedServer, Error, KeycloakCluster, KeycloakServer, Result, RunningCluster,
    RunningServer, Settings, dev_state_file, env, pinned_version,
};
pub use realm::TestRealm;
pub use server::Server;

#[cfg(test)]
mod tests {
    #[test]
    fn the_launcher_starts_the_pins_test_version() {
        let pin: serde_json::Value =
            serde_json::from_str(include_str!("../../../spec/pin.json")).unwrap();
        let test_version = pin["test_version"]
            .as_str()
            .or(pin["keycloak_version"].as_str())
            .unwrap();
        assert_eq!(keycloak_launcher::pinned_version(), test_version);
        assert_eq!(
            pin["keycloak_version"].as_str(),
            Some(keycloak_admin_api::KEYCLOAK_VERSION)
        );
    }
}
