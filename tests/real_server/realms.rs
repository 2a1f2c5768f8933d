use crate::server;
use keycloak_admin_api::types::RealmRepresentation;

#[tokio::test]
async fn a_new_realm_exists_with_its_settings_and_is_deleted_on_drop() {
    let server = server().await;
    let kc = server.admin_client();
    let realm = server.new_realm().await.unwrap();
    let name = realm.name().to_string();

    let got = kc
        .get_realm()
        .realm(&name)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.realm.as_deref(), Some(name.as_str()));
    assert_eq!(got.enabled, Some(true));

    kc.put_realm()
        .realm(&name)
        .body(RealmRepresentation {
            display_name: Some("Shown name".into()),
            access_token_lifespan: Some(120),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let got = kc
        .get_realm()
        .realm(&name)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.display_name.as_deref(), Some("Shown name"));
    assert_eq!(got.access_token_lifespan, Some(120));

    drop(realm);
    let err = kc.get_realm().realm(&name).send().await.unwrap_err();
    assert_eq!(
        crate::failure(err).await.0,
        404,
        "the realm is deleted when the TestRealm drops"
    );
}

#[tokio::test]
async fn a_realm_imports_from_a_json_fixture() {
    let server = server().await;
    let fixture = serde_json::json!({
        "realm": "ignored-fixed-name",
        "id": "ignored-fixed-id",
        "users": [{"username": "fixture-user", "enabled": true}],
        "groups": [{"name": "fixture-group"}],
        "roles": {"realm": [{"name": "fixture-role"}]}
    });
    let realm = server.import_realm(fixture).await.unwrap();
    assert!(
        realm.name().starts_with("test-"),
        "fixtures get a random name: {}",
        realm.name()
    );
    let kc = server.admin_client();
    let users = kc
        .get_users()
        .realm(realm.name())
        .username("fixture-user")
        .exact(true)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(users.len(), 1);
    let groups = kc
        .get_groups()
        .realm(realm.name())
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        groups
            .iter()
            .filter_map(|g| g.name.as_deref())
            .collect::<Vec<_>>(),
        ["fixture-group"]
    );
    let role = kc
        .get_roles_by_role_name()
        .realm(realm.name())
        .role_name("fixture-role")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(role.name.as_deref(), Some("fixture-role"));
}
