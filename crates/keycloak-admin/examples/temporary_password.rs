//! Seed flow: create a user with a temporary password; Keycloak then requires
//! UPDATE_PASSWORD and refuses a direct login until it is done.
//!
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-admin --example temporary_password
//! ```
//!
//! It works in a realm of its own (`example-<pid>`) and deletes it at the end.

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
    kc.realm(&realm).delete().await?;
    Ok(())
}
