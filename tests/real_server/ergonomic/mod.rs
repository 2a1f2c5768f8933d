//! The ergonomic `keycloak-admin` crate against the real server, one test per
//! user flow.

mod admin_permissions;
mod any_operation;
mod authorization;
mod bulk;
mod client_policies;
mod credentials;
mod encoding;
mod errors;
mod flows;
mod hostile_ids;
mod idempotency;
mod organizations;
mod pagination;
mod realm_config;
mod regular_users;
mod roles;
mod service_accounts;
mod tokens;
mod user_profile;
mod workflows;

use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_testkit::Server;

/// An admin client logged in through `master` as the bootstrap admin.
pub async fn admin(server: &Server) -> KeycloakAdmin {
    KeycloakAdmin::builder(server.base_url())
        .auth_realm("master")
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await
        .unwrap()
}

/// Let a user (or service account) read users: realm-management's `view-users`.
pub async fn grant_view_users(kc: &KeycloakAdmin, realm: &str, user_id: &str) {
    let clients = kc.realm(realm).clients();
    let rm = clients
        .find_by_client_id("realm-management")
        .await
        .unwrap()
        .unwrap()
        .id
        .unwrap();
    assign_realm_management(kc, realm, &rm, user_id, &["view-users"]).await;
}

/// Give a user roles of realm-management (`rm` is its uuid). Under the
/// parallel suite Keycloak now and then answers this assignment a bare 500
/// (`unknown_error`, seen in two of five full runs on 26.7.3); a fixture is
/// not what the tests prove, so it is tried once more, and says so.
pub async fn assign_realm_management(
    kc: &KeycloakAdmin,
    realm: &str,
    rm: &str,
    user_id: &str,
    roles: &[&str],
) {
    let roles_of_rm = kc.realm(realm).clients().roles(rm);
    if let Err(e) = roles_of_rm.assign_to_user(user_id, roles).await {
        assert_eq!(e.status(), Some(500), "{e}");
        eprintln!("realm-management role assignment answered 500, trying once more: {e}");
        roles_of_rm.assign_to_user(user_id, roles).await.unwrap();
    }
}

/// An enabled user with the email and names Keycloak 26's user profile requires
/// before a login succeeds.
pub fn person(
    username: &str,
    first: &str,
    last: &str,
) -> keycloak_admin::types::UserRepresentation {
    keycloak_admin::types::UserRepresentation {
        username: Some(username.into()),
        first_name: Some(first.into()),
        last_name: Some(last.into()),
        email: Some(format!("{username}@example.com")),
        enabled: Some(true),
        ..Default::default()
    }
}

/// A direct-grant login of a realm user through `admin-cli`; `Err` holds the body.
pub async fn user_login(
    server: &Server,
    realm: &str,
    username: &str,
    password: &str,
) -> Result<serde_json::Value, (u16, serde_json::Value)> {
    let resp = reqwest::Client::new()
        .post(format!(
            "{}/realms/{realm}/protocol/openid-connect/token",
            server.base_url()
        ))
        .form(&[
            ("grant_type", "password"),
            ("client_id", "admin-cli"),
            ("username", username),
            ("password", password),
        ])
        .send()
        .await
        .unwrap();
    let status = resp.status().as_u16();
    let body: serde_json::Value = resp.json().await.unwrap();
    if status == 200 {
        Ok(body)
    } else {
        Err((status, body))
    }
}
