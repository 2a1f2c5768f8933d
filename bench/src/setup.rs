//! Realms and users for the workloads, made through this project's admin
//! client (set-up is not timed).

use crate::job::{Target, person};
use keycloak_admin::types::{PartialImportRepresentation, RealmRepresentation, UserRepresentation};
use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_testkit::Server;

pub type Result<T> = std::result::Result<T, String>;

pub async fn admin(server: &Server) -> Result<KeycloakAdmin> {
    KeycloakAdmin::builder(server.base_url())
        .auth_realm("master")
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await
        .map_err(|e| e.to_string())
}

/// The bootstrap admin working in `realm`.
pub fn admin_target(server: &Server, realm: &str) -> Target {
    Target {
        base_url: server.base_url().to_string(),
        realm: realm.to_string(),
        auth_realm: "master".into(),
        username: server.admin_username().to_string(),
        password: server.admin_password().to_string(),
        ca_file: None,
    }
}

/// A new, empty realm (an old one of the same name is deleted first).
pub async fn fresh_realm(
    kc: &KeycloakAdmin,
    name: &str,
    tune: impl FnOnce(&mut RealmRepresentation),
) -> Result<()> {
    match kc.realm(name).delete().await {
        Err(e) if !e.is_not_found() => return Err(e.to_string()),
        _ => {}
    }
    let mut rep = RealmRepresentation {
        realm: Some(name.into()),
        enabled: Some(true),
        ..Default::default()
    };
    tune(&mut rep);
    kc.realms().create(rep).await.map_err(|e| e.to_string())
}

/// `n` users `prefix-00000`… through partial imports of 1 000.
pub async fn seed(kc: &KeycloakAdmin, realm: &str, prefix: &str, n: usize) -> Result<()> {
    for start in (0..n).step_by(1000) {
        let users: Vec<UserRepresentation> = (start..n.min(start + 1000))
            .map(|i| serde_json::from_value(person(prefix, i)).unwrap())
            .collect();
        let import = PartialImportRepresentation {
            users: Some(users),
            if_resource_exists: Some("SKIP".into()),
            ..Default::default()
        };
        kc.realm(realm)
            .partial_import(import)
            .await
            .map_err(|e| e.to_string())?;
    }
    let count = kc
        .realm(realm)
        .users()
        .count()
        .await
        .map_err(|e| e.to_string())?;
    if count != n as u64 {
        return Err(format!("seeding `{realm}`: {count} users, expected {n}"));
    }
    Ok(())
}

/// W5's realm: access tokens live `lifespan_secs`; logins and refreshes are
/// recorded as events so every contestant's token requests can be counted
/// server-side. Its admin is a realm user with `view-users`.
pub async fn token_expiry_realm(
    kc: &KeycloakAdmin,
    server: &Server,
    lifespan_secs: i32,
) -> Result<Target> {
    let name = "bench-w5";
    fresh_realm(kc, name, |r| {
        r.access_token_lifespan = Some(lifespan_secs);
        r.events_enabled = Some(true);
        r.enabled_event_types = Some(vec![
            "LOGIN".into(),
            "REFRESH_TOKEN".into(),
            "CLIENT_LOGIN".into(),
        ]);
    })
    .await?;
    let users = kc.realm(name).users();
    let mut admin: UserRepresentation = serde_json::from_value(person("w5-admin", 0)).unwrap();
    admin.username = Some("w5-admin".into());
    let id = users.create(admin).await.map_err(|e| e.to_string())?;
    users
        .set_password(&id, "w5-password", false)
        .await
        .map_err(|e| e.to_string())?;
    let clients = kc.realm(name).clients();
    let rm = clients
        .find_by_client_id("realm-management")
        .await
        .map_err(|e| e.to_string())?
        .and_then(|c| c.id)
        .ok_or("no realm-management client")?;
    clients
        .roles(&rm)
        .assign_to_user(&id, &["view-users"])
        .await
        .map_err(|e| e.to_string())?;
    Ok(Target {
        base_url: server.base_url().to_string(),
        realm: name.into(),
        auth_realm: name.into(),
        username: "w5-admin".into(),
        password: "w5-password".into(),
        ca_file: None,
    })
}

/// Logins and refreshes the server recorded in `realm` between the two instants (ms).
pub async fn token_requests(
    kc: &KeycloakAdmin,
    realm: &str,
    from_ms: u64,
    to_ms: u64,
) -> Result<u64> {
    let events: Vec<_> = kc
        .realm(realm)
        .events()
        .user_events()
        .types(["LOGIN", "REFRESH_TOKEN", "CLIENT_LOGIN"])
        .all()
        .await
        .map_err(|e| e.to_string())?;
    Ok(events
        .iter()
        .filter(|e| {
            e.time
                .is_some_and(|t| t as u64 >= from_ms && t as u64 <= to_ms)
        })
        .count() as u64)
}
