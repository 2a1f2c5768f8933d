//! Seed flow: search users by first name (substring) in a realm, as an admin who
//! logs in through `master`.
//!
//! `cargo run -p keycloak-admin --example search_users`

#[path = "common/mod.rs"]
mod common;

use futures_util::TryStreamExt;
use keycloak_admin::types::UserRepresentation;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (server, kc) = common::server_and_admin().await?;
    let realm = server.new_realm().await?;
    let users = kc.realm(realm.name()).users();
    for (username, first) in [
        ("jdoe", "Johnathan"),
        ("jsmith", "Johnny"),
        ("amiller", "Anna"),
    ] {
        users
            .create(UserRepresentation {
                username: Some(username.into()),
                first_name: Some(first.into()),
                enabled: Some(true),
                ..Default::default()
            })
            .await?;
    }
    let found: Vec<UserRepresentation> = users
        .list()
        .first_name("john")
        .exact(false)
        .stream()
        .try_collect()
        .await?;
    for u in found {
        println!(
            "{} ({})",
            u.username.unwrap_or_default(),
            u.first_name.unwrap_or_default()
        );
    }
    Ok(())
}
