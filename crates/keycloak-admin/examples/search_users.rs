//! Seed flow: search users by first name (substring) in a realm, as an admin who
//! logs in through `master`.
//!
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-admin --example search_users
//! ```
//!
//! It works in a realm of its own (`example-<pid>`) and deletes it at the end.

use futures_util::TryStreamExt;
use keycloak_admin::KeycloakAdmin;
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::types::UserRepresentation;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The server and admin login from the environment, as `kc` reads them:
    // KEYCLOAK_URL, KEYCLOAK_USERNAME, KEYCLOAK_PASSWORD.
    let kc = KeycloakAdmin::from_env()?.connect().await?;
    let realm = format!("example-{}", std::process::id());
    kc.realms()
        .create(RealmRepresentation {
            realm: Some(realm.clone()),
            enabled: Some(true),
            ..Default::default()
        })
        .await?;
    let users = kc.realm(&realm).users();
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
    kc.realm(&realm).delete().await?;
    Ok(())
}
