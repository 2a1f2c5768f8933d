//! Seed flow: create a user with a temporary password; Keycloak then requires
//! UPDATE_PASSWORD and refuses a direct login until it is done.
//!
//! `cargo run -p keycloak-admin --example temporary_password`

#[path = "common/mod.rs"]
mod common;

use keycloak_admin::types::UserRepresentation;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (server, kc) = common::server_and_admin().await?;
    let realm = server.new_realm().await?;
    let users = kc.realm(realm.name()).users();
    let user = UserRepresentation {
        username: Some("newhire".into()),
        email: Some("newhire@example.com".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let id = users.create(user).await?;
    users.set_password(&id, "Welcome-2026", true).await?;
    println!(
        "required actions: {:?}",
        users.get(&id).await?.required_actions.unwrap_or_default()
    );
    Ok(())
}
