//! A tour of the generated client against a real Keycloak that this project
//! downloads, starts and stops by itself (or `KEYCLOAK_URL`, if set).
//!
//! ```text
//! cargo run -p keycloak-testkit --example tour
//! ```

use keycloak_admin_api::types::{
    ClientRepresentation, CredentialRepresentation, GroupRepresentation, UserRepresentation,
};
use keycloak_testkit::{KeycloakServer, Server};
use std::time::Instant;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() -> Result<()> {
    let started = Instant::now();
    println!("Starting Keycloak (first run downloads it from Maven Central)…");
    let server = Server::start(KeycloakServer::from_env()).await?;
    println!(
        "Keycloak {} ready at {} in {:.1} s",
        server.version(),
        server.base_url(),
        started.elapsed().as_secs_f64()
    );
    if let Some(log) = server.log_path() {
        println!("  server log: {}", log.display());
    }
    let kc = server.admin_client();

    let realm = server.new_realm().await?;
    let r = realm.name();
    println!("Created realm {r}");

    let user = UserRepresentation {
        username: Some("ada".into()),
        email: Some("ada@example.com".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let created = kc.post_users().realm(r).body(user).send().await?;
    let user_id = id_from_location(&created)?;
    let password = CredentialRepresentation {
        type_: Some("password".into()),
        value: Some("change-me-soon".into()),
        temporary: Some(true),
        ..Default::default()
    };
    kc.put_users_reset_password()
        .realm(r)
        .user_id(&user_id)
        .body(password)
        .send()
        .await?;
    let ada = kc
        .get_users_by_user_id()
        .realm(r)
        .user_id(&user_id)
        .send()
        .await?
        .into_inner();
    println!(
        "Created user ada ({user_id}), required actions: {:?}",
        ada.required_actions.unwrap_or_default()
    );

    let group = kc
        .post_groups()
        .realm(r)
        .body(GroupRepresentation {
            name: Some("analysts".into()),
            ..Default::default()
        })
        .send()
        .await?;
    let group_id = id_from_location(&group)?;
    kc.put_users_groups_by_group_id()
        .realm(r)
        .user_id(&user_id)
        .group_id(&group_id)
        .send()
        .await?;
    let members = kc
        .get_groups_members()
        .realm(r)
        .group_id(&group_id)
        .send()
        .await?
        .into_inner();
    println!(
        "Group /analysts has {} member(s): {:?}",
        members.len(),
        members
            .iter()
            .filter_map(|m| m.username.as_deref())
            .collect::<Vec<_>>()
    );

    let client = ClientRepresentation {
        client_id: Some("reporting-service".into()),
        public_client: Some(false),
        service_accounts_enabled: Some(true),
        standard_flow_enabled: Some(false),
        ..Default::default()
    };
    let client_uuid = id_from_location(&kc.post_clients().realm(r).body(client).send().await?)?;
    let secret = kc
        .get_clients_client_secret()
        .realm(r)
        .client_uuid(&client_uuid)
        .send()
        .await?
        .into_inner();
    let secret_len = secret.value.map(|s| s.len()).unwrap_or(0);
    println!(
        "Created confidential client reporting-service ({client_uuid}), secret of {secret_len} characters (not printed)"
    );

    let count = kc.get_users_count().realm(r).send().await?.into_inner();
    println!("Realm {r} has {count} user(s)");

    drop(realm);
    drop(server);
    println!(
        "Deleted the realm and stopped Keycloak; total {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn id_from_location(resp: &keycloak_admin_api::ResponseValue<()>) -> Result<String> {
    let location = resp
        .headers()
        .get("location")
        .ok_or("the server sent no Location header")?
        .to_str()?;
    Ok(location.rsplit('/').next().unwrap_or_default().to_string())
}
