//! `kc demo`: the main job end to end on a machine with nothing but this repo —
//! a local Keycloak (or KEYCLOAK_URL), a realm, a user with a temporary password,
//! a service-account client with roles that can log in, a user list; then the
//! realm is deleted and a server this command started is stopped.

use crate::Failure;
use keycloak_admin::types::{RealmRepresentation, RoleRepresentation, UserRepresentation};
use keycloak_admin::{Credentials, ExposeSecret, KeycloakAdmin, ServiceAccountClient};
use keycloak_launcher::{Backend, KeycloakServer, Settings};
use std::time::Instant;

pub async fn run() -> Result<(), Failure> {
    let started = Instant::now();
    let harness = |e: keycloak_launcher::Error| Failure {
        code: 1,
        message: e.to_string().lines().next().unwrap_or_default().to_string(),
    };
    let settings = Settings::from_env();
    // A `kc dev up` server is used as it is and left running.
    let dev = match settings.backend {
        Backend::Local => super::dev::running()?,
        _ => None,
    };
    let (server, base_url, username, password) = match dev {
        Some(dev) => {
            println!(
                "1. Using the dev server at {} (`kc dev up`; it keeps running)",
                dev.base_url
            );
            (None, dev.base_url, dev.admin_username, dev.admin_password)
        }
        None => {
            match &settings.backend {
                Backend::External { url, .. } => println!("1. Using KEYCLOAK_URL ({url})…"),
                _ if settings.is_distribution_cached() => {
                    println!("1. Starting Keycloak {} (cached)…", settings.version)
                }
                _ => println!(
                    "1. Downloading Keycloak {} from Maven Central (once) and starting it…",
                    settings.version
                ),
            }
            let server = KeycloakServer::from_env().start().await.map_err(harness)?;
            let (url, user, pass) = (
                server.base_url().to_string(),
                server.admin_username().to_string(),
                server.admin_password().to_string(),
            );
            (Some(server), url, user, pass)
        }
    };
    println!(
        "   Keycloak at {base_url} ready after {:.1} s",
        started.elapsed().as_secs_f64()
    );
    let kc = KeycloakAdmin::builder(&base_url)
        .credentials(Credentials::password(username, password))
        .connect()
        .await?;

    let name = format!("demo-{}", std::process::id());
    kc.realms()
        .create(RealmRepresentation {
            realm: Some(name.clone()),
            enabled: Some(true),
            ..Default::default()
        })
        .await?;
    println!("2. Created realm {name}");
    let realm = kc.realm(&name);
    let result = tour(&kc, &realm, &base_url).await;
    realm.delete().await?;
    println!("6. Deleted realm {name}");
    drop(server);
    println!(
        "7. Done in {:.1} s (a Keycloak this command started is stopped)",
        started.elapsed().as_secs_f64()
    );
    result
}

async fn tour(
    kc: &KeycloakAdmin,
    realm: &keycloak_admin::RealmHandle,
    base_url: &str,
) -> Result<(), Failure> {
    let alice = UserRepresentation {
        username: Some("alice".into()),
        email: Some("alice@example.com".into()),
        first_name: Some("Alice".into()),
        last_name: Some("Liddell".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let id = realm.users().create(alice).await?;
    realm
        .users()
        .set_password(&id, "Wonderland-1", true)
        .await?;
    let actions = realm
        .users()
        .get(&id)
        .await?
        .required_actions
        .unwrap_or_default();
    println!(
        "3. Created user alice ({id}) with a temporary password; required actions: {actions:?}"
    );

    realm
        .roles()
        .create(RoleRepresentation {
            name: Some("reports-reader".into()),
            ..Default::default()
        })
        .await?;
    let client = realm
        .clients()
        .register_service_account(
            ServiceAccountClient::new("reporting")
                .realm_roles(["reports-reader"])
                .token_lifespan(300),
        )
        .await?;
    let login = KeycloakAdmin::builder(base_url)
        .realm(realm.name())
        .credentials(Credentials::client_credentials(
            &client.client_id,
            client.secret.expose_secret(),
        ))
        .connect()
        .await;
    println!(
        "4. Registered service-account client {} ({}) with role reports-reader; client-credentials login: {}",
        client.client_id,
        client.uuid,
        if login.is_ok() { "ok" } else { "refused" }
    );
    login?;

    let users = realm.users().list().all().await?;
    println!(
        "5. Users in {}: {}",
        realm.name(),
        users
            .iter()
            .filter_map(|u| u.username.as_deref())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = kc;
    Ok(())
}
