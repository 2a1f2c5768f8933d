//! The other credential kinds, on the server: client credentials (no refresh
//! token: a new grant on expiry), a fixed bearer token, a custom token source.

use super::admin;
use crate::server;
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::{
    AccessToken, Credentials, ExposeSecret, KeycloakAdmin, SecretString, ServiceAccountClient,
    TokenSource,
};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

#[tokio::test]
async fn a_service_account_logs_in_with_client_credentials_and_gets_a_new_token_on_expiry() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    r.update(RealmRepresentation {
        access_token_lifespan: Some(3),
        ..Default::default()
    })
    .await
    .unwrap();
    let sa = r
        .clients()
        .register_service_account(ServiceAccountClient::new("robot"))
        .await
        .unwrap();
    let user = r
        .clients()
        .service_account_user(&sa.uuid)
        .await
        .unwrap()
        .id
        .unwrap();
    super::grant_view_users(&kc, realm.name(), &user).await;

    let robot = KeycloakAdmin::builder(server.base_url())
        .realm(realm.name())
        .credentials(Credentials::client_credentials(
            "robot",
            sa.secret.expose_secret(),
        ))
        .refresh_skew(Duration::from_secs(1))
        .connect()
        .await
        .unwrap();
    // Keycloak leaves service-account users out of user searches and counts.
    assert_eq!(robot.realm(realm.name()).users().count().await.unwrap(), 0);
    assert_eq!(robot.token_requests(), 1);
    tokio::time::sleep(Duration::from_millis(2500)).await;
    robot.realm(realm.name()).users().count().await.unwrap();
    assert_eq!(
        robot.token_requests(),
        2,
        "no refresh token: a new client-credentials grant"
    );
}

#[tokio::test]
async fn a_fixed_bearer_token_is_used_as_is() {
    let server = server().await;
    let token = server.admin_token().await.unwrap();
    let kc = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::bearer(token))
        .connect()
        .await
        .unwrap();
    assert!(
        kc.realms()
            .list()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|r| r.realm.as_deref() == Some("master"))
    );
    assert_eq!(kc.token_requests(), 0);

    let bad = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::bearer("not-a-token"))
        .build()
        .unwrap();
    let err = bad.realms().list().all().await.unwrap_err();
    assert!(err.is_unauthorized(), "{err:?}");
}

struct FromHarness {
    calls: AtomicUsize,
}

impl TokenSource for FromHarness {
    fn token(&self) -> keycloak_admin_api::BoxFuture<'_, keycloak_admin::Result<AccessToken>> {
        Box::pin(async move {
            self.calls.fetch_add(1, Ordering::SeqCst);
            let token = server()
                .await
                .admin_token()
                .await
                .map_err(|e| keycloak_admin::Error::InvalidInput(e.to_string()))?;
            Ok(AccessToken {
                token: SecretString::from(token),
                expires_in: Some(Duration::from_secs(60)),
            })
        })
    }
}

#[tokio::test]
async fn a_custom_token_source_is_asked_once_while_its_token_lives() {
    let server = server().await;
    let source = Arc::new(FromHarness {
        calls: AtomicUsize::new(0),
    });
    let kc = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::Custom(source.clone()))
        .build()
        .unwrap();
    for _ in 0..3 {
        kc.realms().list().all().await.unwrap();
    }
    assert_eq!(source.calls.load(Ordering::SeqCst), 1);
    assert_eq!(kc.token_requests(), 1);
}
