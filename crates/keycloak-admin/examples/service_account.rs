//! Seed flow: register a service-account client (create or update by clientId,
//! secret, token lifespan, all realm roles) and print what the service needs.
//!
//! `cargo run -p keycloak-admin --example service_account`

#[path = "common/mod.rs"]
mod common;

use keycloak_admin::{ExposeSecret, ServiceAccountClient};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (server, kc) = common::server_and_admin().await?;
    let realm = server.new_realm().await?;
    let clients = kc.realm(realm.name()).clients();
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
    Ok(())
}
