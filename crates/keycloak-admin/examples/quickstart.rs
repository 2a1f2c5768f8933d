//! The ergonomic client end to end: a realm, users, a service account, roles.
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-admin --example quickstart
//! ```
//!
//! It works in a realm of its own (`example-<pid>`) and deletes it at the end.

use futures_util::TryStreamExt;
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{ExposeSecret, KeycloakAdmin, ServiceAccountClient};

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
    let info = kc.server_info().await?;
    println!(
        "Connected to Keycloak {}",
        info.system_info.and_then(|s| s.version).unwrap_or_default()
    );

    let rep = kc.realm(&realm);
    println!("Realm {}", rep.name());

    let jane = UserRepresentation {
        username: Some("jane".into()),
        email: Some("jane@example.com".into()),
        first_name: Some("Jane".into()),
        last_name: Some("Doe".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let id = rep.users().create(jane).await?;
    rep.users().set_password(&id, "change-me", true).await?;
    let user = rep.users().get(&id).await?;
    println!(
        "Created jane ({id}); required actions {:?}",
        user.required_actions.unwrap_or_default()
    );

    let (_, created) = rep
        .users()
        .ensure(UserRepresentation {
            username: Some("jane".into()),
            ..Default::default()
        })
        .await?;
    println!("ensure(jane) created another? {created}");

    let client = rep
        .clients()
        .register_service_account(
            ServiceAccountClient::new("reporting")
                .all_realm_roles()
                .token_lifespan(300),
        )
        .await?;
    println!(
        "Registered {} ({}), secret of {} characters",
        client.client_id,
        client.uuid,
        client.secret.expose_secret().len()
    );

    let found: Vec<String> = rep
        .users()
        .search("jan")
        .stream()
        .map_ok(|u| u.username.unwrap_or_default())
        .try_collect()
        .await?;
    println!(
        "search(\"jan\") → {found:?}; {} user(s) in all",
        rep.users().count().await?
    );

    match rep.users().get("no-such-user").await {
        Err(e) if e.is_not_found() => println!("A missing user is a typed error: {e}"),
        other => println!("unexpected: {other:?}"),
    }
    println!("Token requests so far: {}", kc.token_requests());
    kc.realm(&realm).delete().await?;
    Ok(())
}
