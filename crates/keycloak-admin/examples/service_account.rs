//! Seed flow: register a service-account client (create or update by clientId,
//! secret, token lifespan, all realm roles) and print what the service needs.
//!
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-admin --example service_account
//! ```
//!
//! It works in a realm of its own (`example-<pid>`) and deletes it at the end.

use keycloak_admin::KeycloakAdmin;
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::{ExposeSecret, ServiceAccountClient};

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
    let clients = kc.realm(&realm).clients();
    let spec = ServiceAccountClient::new("ingest")
        .all_realm_roles()
        .token_lifespan(300);
    let first = clients.register_service_account(spec.clone()).await?;
    let again = clients.register_service_account(spec).await?;
    assert_eq!(first.uuid, again.uuid, "idempotent");
    println!(
        "client_id={} uuid={} secret={}…",
        again.client_id,
        again.uuid,
        &again.secret.expose_secret()[..4]
    );
    kc.realm(&realm).delete().await?;
    Ok(())
}
