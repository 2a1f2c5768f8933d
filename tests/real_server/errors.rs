//! Keycloak's error shapes reach the caller untouched: status and full body.

use crate::{failure, server};
use keycloak_admin_api::types::UserRepresentation;

#[tokio::test]
async fn duplicate_username_is_a_409_with_keycloaks_error_message() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let user = UserRepresentation {
        username: Some("twice".into()),
        enabled: Some(true),
        ..Default::default()
    };
    kc.post_users()
        .realm(realm.name())
        .body(user.clone())
        .send()
        .await
        .unwrap();
    let (status, body) = failure(
        kc.post_users()
            .realm(realm.name())
            .body(user)
            .send()
            .await
            .unwrap_err(),
    )
    .await;
    assert_eq!(status, 409);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["errorMessage"], "User exists with same username");
}

#[tokio::test]
async fn a_missing_user_is_a_404_with_a_body() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let (status, body) = failure(
        server
            .admin_client()
            .get_users_by_user_id()
            .realm(realm.name())
            .user_id("no-such-user")
            .send()
            .await
            .unwrap_err(),
    )
    .await;
    assert_eq!(status, 404);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"], "User not found");
}

#[tokio::test]
async fn a_bad_token_is_a_401_that_reaches_the_caller() {
    let server = server().await;
    let client = keycloak_admin_api::Client::new(
        server.base_url(),
        keycloak_admin_api::Hooks::new(FixedToken("not-a-token")),
    );
    let (status, body) =
        failure(client.get_realm().realm("master").send().await.unwrap_err()).await;
    assert_eq!(status, 401);
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["error"], "HTTP 401 Unauthorized");
}

struct FixedToken(&'static str);

impl keycloak_admin_api::RequestHook for FixedToken {
    fn prepare<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _op: &'static keycloak_admin_api::Operation,
    ) -> keycloak_admin_api::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            request.headers_mut().insert(
                "authorization",
                format!("Bearer {}", self.0).parse().unwrap(),
            );
            Ok(())
        })
    }
}

/// A route newer than the server's release (organization groups arrived in
/// 26.6: absent from 26.5.2's document, in 26.6.0's) is `Error::Unsupported`
/// naming the release whose admin API has it, not a bare 404; on a release
/// that has it, the same call answers.
#[tokio::test]
async fn a_route_newer_than_the_server_is_unsupported_there_and_works_where_it_exists() {
    use keycloak_admin::types::{OrganizationDomainRepresentation, OrganizationRepresentation};
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let handle = kc.realm(realm.name());
    let mut settings = handle.get().await.unwrap();
    settings.organizations_enabled = Some(true);
    handle.update(settings).await.unwrap();
    let org = OrganizationRepresentation {
        name: Some("acme".into()),
        domains: Some(vec![OrganizationDomainRepresentation {
            name: Some("acme.example".into()),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let org_id = kc
        .create(kc.api().post_organizations().realm(realm.name()).body(org))
        .await
        .unwrap();

    let result = kc
        .send(
            kc.api()
                .get_organizations_groups()
                .realm(realm.name())
                .org_id(&org_id),
        )
        .await;
    let caps = kc.server().await.unwrap();
    if caps.version() >= keycloak_admin::Version::new(26, 6, 0) {
        assert!(
            result.unwrap().is_empty(),
            "a new organization has no groups"
        );
    } else {
        let err = result.unwrap_err();
        assert!(err.is_unsupported(), "{err:?}");
        assert!(!err.is_not_found(), "{err:?}");
        let text = err.to_string();
        assert!(
            text.contains(&format!(
                "not supported by Keycloak {}",
                caps.version_text()
            )),
            "{text}"
        );
        assert!(text.contains("(it is in 26.6.0's)"), "{text}");
    }
}
