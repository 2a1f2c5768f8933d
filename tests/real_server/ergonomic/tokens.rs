//! Flow 9: token lifecycle against real expiry and a real revocation.

use super::admin;
use crate::server;
use keycloak_admin::types::{RealmRepresentation, UserRepresentation};
use keycloak_admin::{Credentials, KeycloakAdmin};
use std::time::Duration;

/// A realm whose tokens live 8 s, and a user there allowed to read users.
async fn short_lived_realm() -> (keycloak_testkit::TestRealm, String) {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    r.update(RealmRepresentation {
        access_token_lifespan: Some(8),
        ..Default::default()
    })
    .await
    .unwrap();
    // Without email and names, Keycloak 26's user profile makes the login wait for
    // VERIFY_PROFILE ("Account is not fully set up").
    let reader = UserRepresentation {
        username: Some("reader".into()),
        email: Some("reader@example.com".into()),
        first_name: Some("Rea".into()),
        last_name: Some("Der".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let id = r.users().create(reader).await.unwrap();
    r.users()
        .set_password(&id, "Reader-Passw0rd", false)
        .await
        .unwrap();
    super::grant_view_users(&kc, realm.name(), &id).await;
    (realm, id)
}

async fn reader(realm: &str) -> KeycloakAdmin {
    KeycloakAdmin::builder(server().await.base_url())
        .realm(realm)
        .credentials(Credentials::password("reader", "Reader-Passw0rd"))
        .refresh_skew(Duration::from_secs(1))
        .connect()
        .await
        .unwrap()
}

#[tokio::test]
async fn sixty_four_concurrent_calls_across_an_expiry_make_one_token_request() {
    let (realm, _) = short_lived_realm().await;
    let kc = reader(realm.name()).await;
    assert_eq!(kc.realm(realm.name()).users().count().await.unwrap(), 1);
    assert_eq!(kc.token_requests(), 1, "the login");

    // Used until 1 s before expiry (skew), then stale; the new token then has 7 s
    // of freshness, ample for 64 calls even on a loaded machine.
    tokio::time::sleep(Duration::from_millis(7500)).await;
    let calls: Vec<_> = (0..64)
        .map(|_| {
            let kc = kc.clone();
            let name = realm.name().to_string();
            tokio::spawn(async move { kc.realm(name).users().count().await })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap().unwrap(), 1);
    }
    assert_eq!(
        kc.token_requests(),
        2,
        "64 callers found the token stale; one refresh served them all"
    );
}

#[tokio::test]
async fn a_revoked_session_leads_to_a_transparent_login() {
    let (realm, reader_id) = short_lived_realm().await;
    let kc = reader(realm.name()).await;
    kc.realm(realm.name()).users().count().await.unwrap();
    assert_eq!(kc.token_requests(), 1);

    // The admin ends the reader's sessions: its access and refresh tokens die.
    admin(server().await)
        .await
        .realm(realm.name())
        .users()
        .logout(&reader_id)
        .await
        .unwrap();

    assert_eq!(
        kc.realm(realm.name()).users().count().await.unwrap(),
        1,
        "the call succeeds after a 401, a refused refresh and a new login"
    );
    assert_eq!(
        kc.token_requests(),
        3,
        "one refresh attempt (refused: session gone) and one login"
    );
}
