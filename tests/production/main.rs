//! The `production` tier: Keycloak where users run it, no Docker.
//!
//! - `single_node`: one Keycloak on PostgreSQL (the machine's `postgresql`
//!   package, a throw-away cluster the launcher starts); bulk create, streams
//!   and a crash, rows counted with SQL.
//! - `cluster`: two nodes in production mode (`kc.sh build` once, cached;
//!   `start --optimized`), clustered through `jdbc-ping` on that PostgreSQL,
//!   behind nginx terminating TLS (a CA made here) under `/auth` with
//!   `--proxy-headers xforwarded` and `--hostname` carrying the path. One
//!   cluster for the binary; its tests take turns (`topology::lock`).
//!   - `flows`: every login kind, a user realm other than master, CRUD, bulk
//!     create, streams, OIDC grants and verification, UMA — through the proxy.
//!   - `faults`: what only a cluster has — a node SIGKILLed during a stream
//!     and during `create_many`, a rolling restart during a long read, writes
//!     read back through the other node.
//!
//! Run: `cargo test -p keycloak-suite --test production` (needs PostgreSQL's
//! server binaries and nginx: `apt-get install postgresql nginx-light`;
//! without them it fails naming what to install).

mod cluster;
mod single_node;

use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{NewUser, WriteAction, Written};

/// `n` users `{prefix}0000`… with an email each.
pub fn people(prefix: &str, n: usize) -> Vec<UserRepresentation> {
    (0..n)
        .map(|i| {
            NewUser::new(format!("{prefix}{i:04}"))
                .email(format!("{prefix}{i:04}@example.com"))
                .into()
        })
        .collect()
}

/// Every one of the `n` outcomes of a bulk create says "created" (else a
/// panic naming the first failed item).
pub fn assert_all_created(outcomes: &[keycloak_admin::Result<Written>], n: usize) {
    let created = outcomes
        .iter()
        .filter(|o| o.as_ref().is_ok_and(|w| w.action == WriteAction::Created))
        .count();
    assert_eq!(created, n, "{:?}", outcomes.iter().find(|o| o.is_err()));
}
