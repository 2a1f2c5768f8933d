//! Flow 11: errors as the server produces them.

use super::admin;
use crate::server;
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{Credentials, Error, KeycloakAdmin};

#[tokio::test]
async fn a_missing_user_is_not_found() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let err = admin(server)
        .await
        .realm(realm.name())
        .users()
        .get("no-such-id")
        .await
        .unwrap_err();
    assert!(err.is_not_found(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "GET /admin/realms/{realm}/users/{user-id} failed: 404 Not Found: User not found"
    );
}

#[tokio::test]
async fn a_duplicate_username_is_a_conflict_with_keycloaks_message() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let users = admin(server).await.realm(realm.name()).users();
    let user = UserRepresentation {
        username: Some("dup".into()),
        enabled: Some(true),
        ..Default::default()
    };
    users.create(user.clone()).await.unwrap();
    let err = users.create(user).await.unwrap_err();
    assert!(err.is_conflict(), "{err:?}");
    assert_eq!(
        err.api().unwrap().message(),
        Some("User exists with same username")
    );
}

#[tokio::test]
async fn a_wrong_password_is_an_auth_error_naming_invalid_credentials_without_the_password() {
    let server = server().await;
    let err = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::password(
            server.admin_username(),
            "not-the-Passw0rd",
        ))
        .connect()
        .await
        .unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
    let Error::Auth(auth) = &err else {
        panic!("{err:?}")
    };
    // `invalid_grant` with 400 (26.7+) or 401 (earlier): an auth error either way.
    let expected = crate::versions::wrong_password_status(crate::versions::version().await);
    assert_eq!(
        (auth.status, auth.error.as_deref()),
        (Some(expected), Some("invalid_grant"))
    );
    let text = err.to_string();
    assert_eq!(
        text,
        format!(
            "login to realm `master` as client `admin-cli` refused ({expected} invalid_grant): Invalid user credentials"
        )
    );
    assert!(!format!("{err:?}").contains("not-the-Passw0rd"));
}

#[tokio::test]
async fn an_unknown_realm_is_named() {
    let server = server().await;
    let err = KeycloakAdmin::builder(server.base_url())
        .realm("no-such-realm")
        .credentials(Credentials::password("x", "y"))
        .connect()
        .await
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "login to realm `no-such-realm` as client `admin-cli` refused (404): Realm does not exist"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_a_transport_error() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = KeycloakAdmin::builder(format!("http://127.0.0.1:{port}"))
        .credentials(Credentials::password("a", "b"))
        .connect()
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::Transport { .. }) && err.is_retryable(),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("token endpoint of realm `master`: transport error"),
        "{err}"
    );
}

#[tokio::test]
async fn a_malformed_url_is_rejected_before_any_request() {
    let err = KeycloakAdmin::builder("localhost:8080")
        .credentials(Credentials::password("a", "b"))
        .build()
        .unwrap_err();
    assert!(matches!(err, Error::InvalidInput(_)), "{err:?}");
}

#[tokio::test]
async fn a_user_profile_violation_names_the_field() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let users = admin(server).await.realm(realm.name()).users();
    let err = users
        .create(UserRepresentation {
            username: Some("ab".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    let body = err
        .api()
        .and_then(|a| a.body.clone())
        .expect("a parsed Keycloak body");
    assert_eq!(
        (body.field.as_deref(), body.error_message.as_deref()),
        (Some("username"), Some("error-invalid-length"))
    );
    assert_eq!(
        body.params,
        Some(vec![
            serde_json::json!("username"),
            serde_json::json!(3),
            serde_json::json!(255)
        ])
    );
    assert_eq!(
        err.to_string(),
        "POST /admin/realms/{realm}/users failed: 400 Bad Request: username: error-invalid-length"
    );
}
