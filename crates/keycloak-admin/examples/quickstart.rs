//! The ergonomic client end to end. Uses `KEYCLOAK_URL` (+ `KEYCLOAK_ADMIN_USER`,
//! `KEYCLOAK_ADMIN_PASSWORD`) when set; otherwise starts the local Keycloak that
//! the test harness downloads and caches, and stops it at the end.
//!
//! ```text
//! cargo run -p keycloak-admin --example quickstart
//! ```

use futures_util::TryStreamExt;
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{Credentials, ExposeSecret, KeycloakAdmin, ServiceAccountClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server = keycloak_testkit::KeycloakServer::from_env().start().await?;
    let kc = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await?;
    let info = kc.server_info().await?;
    println!(
        "Connected to Keycloak {}",
        info.system_info.and_then(|s| s.version).unwrap_or_default()
    );

    let realm = server.new_realm().await?;
    let rep = kc.realm(realm.name());
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
    Ok(())
}
