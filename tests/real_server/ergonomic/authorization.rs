//! Authorization services through their handle: a scope permission evaluated,
//! granted for one user and denied for another; export and import.

use crate::server;
use keycloak_admin::{NewClient, NewPermission, NewPolicy, NewUser, is_permitted};

#[tokio::test]
async fn a_scope_permission_grants_one_user_and_denies_another() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let realm = kc.realm(realm.name());
    let clients = realm.clients();
    let mut documents: keycloak_admin::types::ClientRepresentation =
        NewClient::confidential("documents")
            .service_account()
            .into();
    documents.authorization_services_enabled = Some(true);
    let app = clients.create(documents).await.unwrap();
    let users = realm.users();
    let alice = users
        .create(
            NewUser::new("alice")
                .email("alice@example.com")
                .name("Alice", "A"),
        )
        .await
        .unwrap();
    let bob = users
        .create(
            NewUser::new("bob")
                .email("bob@example.com")
                .name("Bob", "B"),
        )
        .await
        .unwrap();

    let authz = clients.authorization(&app);
    // Before 26.5 enabling authorization also creates a "Default Policy" (a JS
    // policy) with its resource and permission. A JS policy cannot be imported
    // ("Script upload is disabled", 500), so a document carrying one cannot
    // round-trip: remove it, as a user exporting such a client must.
    let version = kc.server().await.unwrap().version();
    let js: Vec<String> = authz
        .policies()
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter(|p| p.type_.as_deref() == Some("js"))
        .filter_map(|p| p.id)
        .collect();
    assert_eq!(
        !js.is_empty(),
        crate::versions::authz_creates_a_default_resource(version),
        "{js:?}"
    );
    for id in &js {
        authz.delete_policy(id).await.unwrap();
    }
    let report = authz
        .create_resource("report", &["read", "write"])
        .await
        .unwrap();
    let resources = authz.resources().all().await.unwrap();
    assert!(
        resources
            .iter()
            .any(|r| r.id.as_deref() == Some(report.as_str()))
    );
    let mut scope_names: Vec<_> = authz
        .scopes()
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|s| s.name)
        .collect();
    scope_names.sort();
    assert_eq!(scope_names, ["read", "write"]);

    let only_alice = authz
        .create_policy(NewPolicy::users("only alice", [alice.as_str()]))
        .await
        .unwrap();
    let permission = authz
        .create_permission(
            NewPermission::scope("read reports")
                .resources([report.as_str()])
                .scopes(["read"])
                .policies([only_alice.as_str()]),
        )
        .await
        .unwrap();
    assert!(
        authz
            .policies()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|p| p.id.as_deref() == Some(only_alice.as_str()))
    );
    assert!(
        authz
            .permissions()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|p| p.id.as_deref() == Some(permission.as_str()))
    );

    let for_alice = authz.evaluate(&alice, "report", &["read"]).await.unwrap();
    assert!(is_permitted(&for_alice), "{for_alice:?}");
    let for_bob = authz.evaluate(&bob, "report", &["read"]).await.unwrap();
    assert!(!is_permitted(&for_bob), "{for_bob:?}");
    assert_eq!(for_bob.status.as_ref().map(|s| s.0.as_str()), Some("DENY"));

    // Export, delete the permission, import: it is back.
    let exported = authz.export().await.unwrap();
    authz.delete_policy(&permission).await.unwrap();
    // Without a permission, an enforcing resource server denies.
    let without = authz.evaluate(&alice, "report", &["read"]).await.unwrap();
    assert!(!is_permitted(&without), "{without:?}");
    authz.import(exported).await.unwrap();
    let names: Vec<_> = authz
        .permissions()
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|p| p.name)
        .collect();
    assert!(names.iter().any(|n| n == "read reports"), "{names:?}");
    assert!(is_permitted(
        &authz.evaluate(&alice, "report", &["read"]).await.unwrap()
    ));
}
