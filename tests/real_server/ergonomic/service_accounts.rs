//! Flow 7: register a service-account client the way deployment tools do.

use super::admin;
use crate::server;
use futures_util::TryStreamExt;
use keycloak_admin::{ExposeSecret, ServiceAccountClient};

async fn client_credentials_login(realm: &str, client_id: &str, secret: &str) -> u16 {
    reqwest::Client::new()
        .post(format!(
            "{}/realms/{realm}/protocol/openid-connect/token",
            server().await.base_url()
        ))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", client_id),
            ("client_secret", secret),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

#[tokio::test]
async fn register_twice_updates_one_client_and_the_new_secret_works() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let clients = kc.realm(realm.name()).clients();

    let first = clients
        .register_service_account(
            ServiceAccountClient::new("ingest")
                .all_realm_roles()
                .token_lifespan(120),
        )
        .await
        .unwrap();
    assert_eq!(
        client_credentials_login(realm.name(), "ingest", first.secret.expose_secret()).await,
        200
    );

    let second = clients
        .register_service_account(
            ServiceAccountClient::new("ingest")
                .secret("a-new-Secret-0123456789")
                .all_realm_roles()
                .token_lifespan(120),
        )
        .await
        .unwrap();
    assert_eq!(second.uuid, first.uuid, "updated, not duplicated");
    assert_eq!(second.secret.expose_secret(), "a-new-Secret-0123456789");
    assert_eq!(
        client_credentials_login(realm.name(), "ingest", "a-new-Secret-0123456789").await,
        200
    );
    assert_eq!(
        client_credentials_login(realm.name(), "ingest", first.secret.expose_secret()).await,
        401,
        "the old secret is gone"
    );

    let all: Vec<_> = clients.list().stream().try_collect().await.unwrap();
    assert_eq!(
        all.iter()
            .filter(|c| c.client_id.as_deref() == Some("ingest"))
            .count(),
        1
    );
    let rep = clients.get(&second.uuid).await.unwrap();
    assert_eq!(rep.attributes.unwrap()["access.token.lifespan"], "120");

    // Every realm role reached the service account.
    let sa = clients.service_account_user(&second.uuid).await.unwrap();
    let mut granted: Vec<String> = kc
        .realm(realm.name())
        .roles()
        .of_user(sa.id.as_deref().unwrap())
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|r| r.name)
        .collect();
    let mut all_roles: Vec<String> = kc
        .realm(realm.name())
        .roles()
        .list()
        .stream()
        .map_ok(|r| r.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    granted.sort();
    all_roles.sort();
    assert_eq!(granted, all_roles);

    assert!(
        !format!("{second:?}").contains("a-new-Secret"),
        "the secret is redacted in Debug"
    );
    clients.delete(&second.uuid).await.unwrap();
    assert!(clients.find_by_client_id("ingest").await.unwrap().is_none());
}
