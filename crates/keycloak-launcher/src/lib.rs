//! Run a real Keycloak with nothing but a JDK: no Docker, no installer.
//!
//! [`KeycloakServer`] finds `org.keycloak:keycloak-quarkus-dist:<version>` (via
//! `mvn`, which honours your mirrors and proxies, or over HTTPS from Maven
//! Central), checks it against the published sha1, unpacks it once into
//! `~/.cache/keycloak-admin-rs`, picks a JDK the version supports, and runs
//! `kc.sh start-dev` on free loopback ports in a fresh home. It is ready when
//! `/health/ready` says UP *and* the bootstrap admin can log in.
//!
//! - [`KeycloakServer::start`] → a [`RunningServer`] stopped (and its home
//!   removed) when dropped; a watchdog stops it if this process dies.
//! - [`KeycloakServer::start_detached`] → a [`DetachedServer`] that outlives
//!   this process (`kc dev up`), saved to a 0600 file and stopped by pid only
//!   when that pid is still this server.
//! - [`KeycloakServer::cluster`] → a [`RunningCluster`]: PostgreSQL, N nodes
//!   in production mode (`kc.sh build` once per configuration, cached;
//!   `start --optimized`; `jdbc-ping`), nginx terminating TLS under `/auth`.
//!
//! `kc` (the CLI) and `keycloak-testkit` (shared servers and realms for tests)
//! are both built on it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), keycloak_launcher::Error> {
//! use keycloak_launcher::KeycloakServer;
//! let server = KeycloakServer::from_env().version("26.4.7").start().await?;
//! println!("Keycloak {} at {}", server.version(), server.base_url());
//! println!("admin {} / {}", server.admin_username(), server.admin_password());
//! # Ok(()) }
//! ```

mod cluster;
mod container;
mod distribution;
mod error;
mod home;
pub mod jdk;
mod login;
mod nginx;
mod optimized;
pub mod postgres;
mod process;
mod ready;
mod server;
mod settings;

pub use cluster::{KeycloakCluster, RunningCluster};
pub use error::{Error, Result};
pub use server::{DetachedServer, KeycloakServer, RunningServer, dev_state_file};
pub use settings::{
    Backend, Database, HttpsCertificate, Settings, env, pinned_version, unique_suffix,
};
