//! Client policies and profiles through their handle: a profile that enforces
//! PKCE, a policy that applies it to every client; a new client then gets PKCE
//! configured by the server.

use crate::server;
use keycloak_admin::types::{
    ClientPolicyConditionRepresentation, ClientPolicyExecutorRepresentation,
    ClientPolicyRepresentation, ClientProfileRepresentation,
};

#[tokio::test]
async fn a_profile_and_a_policy_round_trip() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let handle = kc.realm(realm.name()).client_policies();

    let profiles = handle.profiles().await.unwrap();
    assert!(
        !profiles
            .global_profiles
            .clone()
            .unwrap_or_default()
            .is_empty(),
        "Keycloak ships global profiles"
    );
    let mut profiles = profiles;
    profiles.profiles = Some(vec![ClientProfileRepresentation {
        name: Some("pkce".into()),
        description: Some("PKCE everywhere".into()),
        executors: Some(vec![ClientPolicyExecutorRepresentation {
            executor: Some("pkce-enforcer".into()),
            configuration: Some(serde_json::Map::from_iter([(
                "auto-configure".to_string(),
                serde_json::json!(true),
            )])),
            ..Default::default()
        }]),
        ..Default::default()
    }]);
    handle.set_profiles(profiles).await.unwrap();

    let mut policies = handle.policies().await.unwrap();
    policies.policies = Some(vec![ClientPolicyRepresentation {
        name: Some("all clients use pkce".into()),
        enabled: Some(true),
        conditions: Some(vec![ClientPolicyConditionRepresentation {
            condition: Some("any-client".into()),
            configuration: Some(serde_json::Map::new()),
            ..Default::default()
        }]),
        profiles: Some(vec!["pkce".into()]),
        ..Default::default()
    }]);
    handle.set_policies(policies).await.unwrap();

    let profiles = handle
        .profiles()
        .await
        .unwrap()
        .profiles
        .unwrap_or_default();
    assert_eq!(profiles.len(), 1, "{profiles:?}");
    assert_eq!(profiles[0].name.as_deref(), Some("pkce"));
    let executors = profiles[0].executors.clone().unwrap_or_default();
    assert_eq!(executors[0].executor.as_deref(), Some("pkce-enforcer"));
    // The configuration is a plain JSON object on the wire, both ways (26.8's
    // documents declare it as a Java wrapper, `RawJsonValue`; a rule keeps it
    // a JSON object here: see xtask/src/rules/java_wrappers.rs).
    assert_eq!(
        executors[0].configuration,
        Some(serde_json::Map::from_iter([(
            "auto-configure".to_string(),
            serde_json::json!(true)
        )]))
    );
    let policies = handle
        .policies()
        .await
        .unwrap()
        .policies
        .unwrap_or_default();
    assert_eq!(policies.len(), 1, "{policies:?}");
    assert_eq!(
        policies[0].profiles.as_deref(),
        Some(&["pkce".to_string()][..])
    );

    // The policy acts: a new client gets PKCE S256 configured automatically.
    let clients = kc.realm(realm.name()).clients();
    let uuid = clients
        .create(keycloak_admin::NewClient::public("spa").redirect_uri("http://localhost/cb"))
        .await
        .unwrap();
    let spa = clients.get(&uuid).await.unwrap();
    let method = spa
        .attributes
        .unwrap_or_default()
        .get("pkce.code.challenge.method")
        .cloned();
    assert_eq!(method.as_deref(), Some("S256"));
}
