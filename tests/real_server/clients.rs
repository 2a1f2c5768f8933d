use crate::{created_id, server};
use keycloak_admin_api::types::ClientRepresentation;

#[tokio::test]
async fn a_confidential_client_has_a_secret_that_logs_it_in() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();

    let client = ClientRepresentation {
        client_id: Some("billing-service".into()),
        public_client: Some(false),
        service_accounts_enabled: Some(true),
        standard_flow_enabled: Some(false),
        ..Default::default()
    };
    let uuid = created_id(
        &kc.post_clients()
            .realm(realm.name())
            .body(client)
            .send()
            .await
            .unwrap(),
    );
    let found = kc
        .get_clients()
        .realm(realm.name())
        .client_id("billing-service")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id.as_deref(), Some(uuid.as_str()));

    let secret = kc
        .get_clients_client_secret()
        .realm(realm.name())
        .client_uuid(&uuid)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(secret.type_.as_deref(), Some("secret"));
    let secret = secret.value.expect("a confidential client has a secret");
    assert!(secret.len() >= 16, "a generated secret");

    let token = reqwest::Client::new()
        .post(format!(
            "{}/realms/{}/protocol/openid-connect/token",
            server.base_url(),
            realm.name()
        ))
        .form(&[
            ("grant_type", "client_credentials"),
            ("client_id", "billing-service"),
            ("client_secret", secret.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        token.status(),
        200,
        "the secret read through the API logs the client in"
    );
}

/// Every client with its secret in one call: confidential ones carry theirs,
/// public ones none.
#[tokio::test]
async fn clients_with_their_secrets_in_one_call() {
    use keycloak_admin::{ExposeSecret, NewClient};
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let clients = kc.realm(realm.name()).clients();
    clients
        .create(NewClient::confidential("svc").secret("svc-Secret-1"))
        .await
        .unwrap();
    clients.create(NewClient::public("spa")).await.unwrap();

    let all = clients.with_secrets().await.unwrap();
    let find = |id: &str| {
        all.iter()
            .find(|(c, _)| c.client_id.as_deref() == Some(id))
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    assert_eq!(
        find("svc")
            .1
            .as_ref()
            .map(|s| s.expose_secret().to_string())
            .as_deref(),
        Some("svc-Secret-1")
    );
    assert!(find("spa").1.is_none());
    assert!(find("admin-cli").1.is_none(), "public");
    assert_eq!(all.len(), clients.list().all().await.unwrap().len());
}
