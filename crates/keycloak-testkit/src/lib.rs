//! A real Keycloak for tests, examples and benchmarks — no Docker needed.
//!
//! [`Server::shared`] gives every test in a binary the same server, started on
//! first use; [`Server::new_realm`] gives each test a realm of its own, so tests
//! run in parallel without seeing each other's data.
//!
//! Where the server comes from, in order:
//! 1. `KEYCLOAK_URL` (+ `KEYCLOAK_ADMIN_USER`, `KEYCLOAK_ADMIN_PASSWORD`): a server
//!    you already run. Nothing is started.
//! 2. `KEYCLOAK_TESTKIT_BACKEND=container` with the `container` feature: the
//!    official image through testcontainers.
//! 3. Otherwise `org.keycloak:keycloak-quarkus-dist:<version>` from Maven Central
//!    (via `mvn`, or HTTPS), checksum-verified, unpacked once into
//!    `~/.cache/keycloak-admin-rs` (`KEYCLOAK_TESTKIT_CACHE`), and run with
//!    `kc.sh start-dev` on free loopback ports with a fresh home per server.
//!
//! ```no_run
//! # async fn demo() -> Result<(), keycloak_testkit::Error> {
//! let server = keycloak_testkit::Server::shared().await?;
//! let realm = server.new_realm().await?;
//! let users = server.admin_client().get_users().realm(realm.name()).search("alice").send().await;
//! # Ok(()) }
//! ```

mod admin;
mod container;
mod distribution;
mod error;
mod home;
mod jdk;
mod process;
mod ready;
mod realm;
mod server;
mod settings;

pub use error::{Error, Result};
pub use realm::TestRealm;
pub use server::{DetachedServer, KeycloakServer, Server, dev_state_file};
pub use settings::{Backend, Settings, env, pinned_version};
