//! Flow 5: a regular realm user logs in through a public client and calls what
//! their roles allow; anything else is a typed forbidden error.

use super::admin;
use crate::server;
use keycloak_admin::types::{ClientRepresentation, UserRepresentation};
use keycloak_admin::{Credentials, KeycloakAdmin};

#[tokio::test]
async fn a_realm_user_through_a_public_client_may_read_but_not_write() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let public = ClientRepresentation {
        client_id: Some("rep-cli".into()),
        public_client: Some(true),
        direct_access_grants_enabled: Some(true),
        ..Default::default()
    };
    r.clients().create(public).await.unwrap();
    let analyst = UserRepresentation {
        username: Some("analyst".into()),
        email: Some("analyst@example.com".into()),
        first_name: Some("Ana".into()),
        last_name: Some("Lyst".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let id = r.users().create(analyst).await.unwrap();
    r.users()
        .set_password(&id, "Analyst-Passw0rd", false)
        .await
        .unwrap();
    super::grant_view_users(&kc, realm.name(), &id).await;

    let as_analyst = KeycloakAdmin::builder(server.base_url())
        .realm(realm.name())
        .credentials(
            Credentials::password("analyst", "Analyst-Passw0rd").via_client("rep-cli", None),
        )
        .connect()
        .await
        .unwrap();
    let users = as_analyst.realm(realm.name()).users();
    assert_eq!(
        users.list().all().await.unwrap().len(),
        1,
        "view-users may list users"
    );
    let err = users
        .create(UserRepresentation {
            username: Some("intruder".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err:?}");
    assert_eq!(
        err.to_string(),
        "POST /admin/realms/{realm}/users failed: 403 Forbidden: HTTP 403 Forbidden"
    );
    assert_eq!(
        as_analyst.token_requests(),
        1,
        "a 403 is not a reason to log in again"
    );
}

/// "Account is not fully set up" is all the token endpoint says; the admin API
/// names what blocks the login.
#[tokio::test]
async fn login_blockers_name_what_account_is_not_fully_set_up_means() {
    let server = crate::server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let users = kc.realm(realm.name()).users();
    let id = users
        .create(keycloak_admin::NewUser::new("bare"))
        .await
        .unwrap();
    users
        .set_password(&id, "Bare-Passw0rd", false)
        .await
        .unwrap();

    let (status, body) = super::user_login(server, realm.name(), "bare", "Bare-Passw0rd")
        .await
        .unwrap_err();
    assert_eq!(status, 400, "{body}");
    assert_eq!(
        body["error_description"], "Account is not fully set up",
        "{body}"
    );
    let mut blockers = users.login_blockers(&id).await.unwrap();
    blockers.sort();
    assert_eq!(
        blockers,
        ["missing email", "missing firstName", "missing lastName"]
    );

    // The OIDC client's own error says what the words can mean; the admin
    // side names the cause in it.
    let oidc = keycloak_oidc::OidcClient::builder(server.base_url(), realm.name(), "admin-cli")
        .build()
        .unwrap();
    let err = oidc.password("bare", "Bare-Passw0rd").await.unwrap_err();
    assert_eq!(err.oauth_code(), Some("invalid_grant"));
    let text = err.to_string();
    assert!(
        text.contains("Account is not fully set up (a required action is pending, or a field"),
        "{text}"
    );
    let explained = users.explain_login_error("bare", err).await.to_string();
    assert!(
        explained.ends_with(
            "Account is not fully set up (blocked by: missing email, missing firstName, missing lastName)"
        ),
        "{explained}"
    );
    // Other refusals pass through unchanged.
    let wrong = oidc.password("bare", "wrong").await.unwrap_err();
    let wrong_text = wrong.to_string();
    assert_eq!(
        users.explain_login_error("bare", wrong).await.to_string(),
        wrong_text
    );

    let mut complete = users.get(&id).await.unwrap();
    complete.email = Some("bare@example.com".into());
    complete.first_name = Some("Bare".into());
    complete.last_name = Some("Minimum".into());
    users.update(&id, complete).await.unwrap();
    users
        .set_password(&id, "Bare-Passw0rd-2", true)
        .await
        .unwrap();
    assert_eq!(
        users.login_blockers(&id).await.unwrap(),
        ["required action UPDATE_PASSWORD"]
    );
    let err = oidc.password("bare", "Bare-Passw0rd-2").await.unwrap_err();
    assert!(
        users
            .explain_login_error("bare", err)
            .await
            .to_string()
            .ends_with("(blocked by: required action UPDATE_PASSWORD)")
    );
    users
        .set_password(&id, "Bare-Passw0rd-3", false)
        .await
        .unwrap();
    assert!(users.login_blockers(&id).await.unwrap().is_empty());
    super::user_login(server, realm.name(), "bare", "Bare-Passw0rd-3")
        .await
        .unwrap();
}
