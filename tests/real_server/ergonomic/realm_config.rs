//! Roles, client scopes, identity providers, authentication, events, keys and
//! brute-force detection through the handles.

use super::{admin, person, user_login};
use crate::server;
use futures_util::TryStreamExt;
use keycloak_admin::types::{
    ClientRepresentation, ClientScopeRepresentation, GroupRepresentation,
    IdentityProviderMapperRepresentation, IdentityProviderRepresentation,
    RealmEventsConfigRepresentation, RealmRepresentation, RoleRepresentation,
};
use std::collections::{HashMap, HashSet};

fn role(name: &str) -> RoleRepresentation {
    RoleRepresentation {
        name: Some(name.into()),
        ..Default::default()
    }
}

fn names(roles: Vec<RoleRepresentation>) -> HashSet<String> {
    roles.into_iter().filter_map(|r| r.name).collect()
}

#[tokio::test]
async fn client_roles_reach_users_directly_and_through_groups() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let app = r
        .clients()
        .create(ClientRepresentation {
            client_id: Some("app".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let roles = r.clients().roles(&app);
    roles.create(role("editor")).await.unwrap();
    roles.create(role("viewer")).await.unwrap();
    let listed: Vec<_> = roles
        .list()
        .stream()
        .map_ok(|r| r.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        listed.into_iter().collect::<HashSet<_>>(),
        HashSet::from(["editor".to_string(), "viewer".to_string()])
    );

    let user = r.users().create(person("eddie", "F", "L")).await.unwrap();
    let group = r
        .groups()
        .create(GroupRepresentation {
            name: Some("viewers".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    roles.assign_to_user(&user, &["editor"]).await.unwrap();
    roles.assign_to_group(&group, &["viewer"]).await.unwrap();
    r.groups().add_member(&group, &user).await.unwrap();
    assert_eq!(
        names(roles.effective_for_user(&user).all().await.unwrap()),
        HashSet::from(["editor".to_string(), "viewer".to_string()])
    );
    roles.unassign_from_user(&user, &["editor"]).await.unwrap();
    assert_eq!(
        names(roles.effective_for_user(&user).all().await.unwrap()),
        HashSet::from(["viewer".to_string()])
    );
    roles.delete("editor").await.unwrap();
    assert!(roles.get("editor").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn composite_realm_roles_groups_and_client_scopes() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let roles = r.roles();
    roles.create(role("reader")).await.unwrap();
    roles.create(role("writer")).await.unwrap();
    roles.add_composites("writer", &["reader"]).await.unwrap();
    assert_eq!(
        names(roles.composites("writer").all().await.unwrap()),
        HashSet::from(["reader".to_string()])
    );

    let user = r.users().create(person("wendy", "F", "L")).await.unwrap();
    let group = r
        .groups()
        .create(GroupRepresentation {
            name: Some("writers".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    roles.assign_to_group(&group, &["writer"]).await.unwrap();
    assert_eq!(
        names(roles.of_group(&group).all().await.unwrap()),
        HashSet::from(["writer".to_string()])
    );
    r.groups().add_member(&group, &user).await.unwrap();
    let effective = names(roles.effective_for_user(&user).all().await.unwrap());
    assert!(
        effective.contains("writer") && effective.contains("reader"),
        "{effective:?}"
    );
    assert!(
        roles
            .of_user(&user)
            .all()
            .await
            .unwrap()
            .iter()
            .all(|r| r.name.as_deref() != Some("writer")),
        "not mapped directly"
    );
    roles.assign_to_user(&user, &["writer"]).await.unwrap();
    assert!(!names(roles.available_for_user(&user).all().await.unwrap()).contains("writer"));

    let scopes = r.client_scopes();
    let scope = scopes
        .create(ClientScopeRepresentation {
            name: Some("documents".into()),
            protocol: Some("openid-connect".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    roles
        .assign_to_client_scope(&scope, &["reader"])
        .await
        .unwrap();
    assert!(
        scopes
            .list()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|s| s.id.as_deref() == Some(scope.as_str()))
    );
    scopes.delete(&scope).await.unwrap();
    assert!(
        scopes
            .list()
            .all()
            .await
            .unwrap()
            .iter()
            .all(|s| s.id.as_deref() != Some(scope.as_str()))
    );
}

#[tokio::test]
async fn identity_providers_and_their_mappers() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let idps = kc.realm(realm.name()).identity_providers();
    let config = HashMap::from([
        ("clientId".to_string(), "rp".to_string()),
        ("clientSecret".to_string(), "rp-secret".to_string()),
        (
            "authorizationUrl".to_string(),
            "https://idp.example.com/auth".to_string(),
        ),
        (
            "tokenUrl".to_string(),
            "https://idp.example.com/token".to_string(),
        ),
    ]);
    idps.create(IdentityProviderRepresentation {
        alias: Some("corp".into()),
        provider_id: Some("oidc".into()),
        config: Some(config),
        ..Default::default()
    })
    .await
    .unwrap();
    assert_eq!(
        idps.list()
            .all()
            .await
            .unwrap()
            .iter()
            .filter_map(|i| i.alias.as_deref())
            .collect::<Vec<_>>(),
        ["corp"]
    );
    assert_eq!(
        idps.get("corp").await.unwrap().provider_id.as_deref(),
        Some("oidc")
    );
    let mapper = IdentityProviderMapperRepresentation {
        name: Some("everyone-is-staff".into()),
        identity_provider_alias: Some("corp".into()),
        identity_provider_mapper: Some("hardcoded-attribute-idp-mapper".into()),
        config: Some(HashMap::from([
            ("attribute".to_string(), "staff".to_string()),
            ("attribute.value".to_string(), "true".to_string()),
        ])),
        ..Default::default()
    };
    idps.add_mapper("corp", mapper).await.unwrap();
    assert_eq!(idps.mappers("corp").all().await.unwrap().len(), 1);
    idps.delete("corp").await.unwrap();
    assert!(idps.get("corp").await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn authentication_flows_and_required_actions() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let auth = kc.realm(realm.name()).authentication();
    assert!(
        auth.flows()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|f| f.alias.as_deref() == Some("browser"))
    );
    auth.copy_flow("browser", "browser with extras")
        .await
        .unwrap();
    assert!(
        auth.flows()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|f| f.alias.as_deref() == Some("browser with extras"))
    );
    assert!(
        !auth
            .executions("browser with extras")
            .all()
            .await
            .unwrap()
            .is_empty()
    );

    let totp = auth
        .required_actions()
        .all()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.alias.as_deref() == Some("CONFIGURE_TOTP"))
        .unwrap();
    assert_ne!(totp.default_action, Some(true));
    auth.update_required_action(
        "CONFIGURE_TOTP",
        keycloak_admin::types::RequiredActionProviderRepresentation {
            default_action: Some(true),
            ..totp
        },
    )
    .await
    .unwrap();
    let totp = auth
        .required_actions()
        .all()
        .await
        .unwrap()
        .into_iter()
        .find(|a| a.alias.as_deref() == Some("CONFIGURE_TOTP"))
        .unwrap();
    assert_eq!(totp.default_action, Some(true));
}

#[tokio::test]
async fn events_keys_and_brute_force_detection() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    r.update(RealmRepresentation {
        brute_force_protected: Some(true),
        ..Default::default()
    })
    .await
    .unwrap();
    let events = r.events();
    events
        .set_config(RealmEventsConfigRepresentation {
            events_enabled: Some(true),
            admin_events_enabled: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(events.config().await.unwrap().events_enabled, Some(true));

    let user = r.users().create(person("target", "F", "L")).await.unwrap();
    r.users()
        .set_password(&user, "Right-Passw0rd", false)
        .await
        .unwrap();
    for _ in 0..2 {
        user_login(server, realm.name(), "target", "wrong")
            .await
            .unwrap_err();
    }
    let errors: Vec<_> = events
        .user_events()
        .types(["LOGIN_ERROR"])
        .user(&user)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(errors.len(), 2);
    let admin_creates: Vec<_> = events
        .admin_events()
        .operation_types(["CREATE"])
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert!(
        admin_creates
            .iter()
            .any(|e| e.resource_path.as_deref() == Some(format!("users/{user}").as_str())),
        "{admin_creates:?}"
    );

    let status = r.users().brute_force_status(&user).await.unwrap();
    assert_eq!(status["numFailures"], 2);
    r.users().clear_brute_force(&user).await.unwrap();
    assert_eq!(
        r.users().brute_force_status(&user).await.unwrap()["numFailures"],
        0
    );

    let keys = r.keys().await.unwrap().keys.unwrap_or_default();
    assert!(
        keys.iter().any(|k| k.algorithm.as_deref() == Some("RS256")),
        "{keys:?}"
    );
}

#[tokio::test]
async fn key_provider_components_are_created_and_removed() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let components = kc.realm(realm.name()).components();
    // Components hang off the realm's id, which is not its name.
    let realm_id = kc.realm(realm.name()).get().await.unwrap().id.unwrap();
    let before = components
        .list()
        .provider_type("org.keycloak.keys.KeyProvider")
        .all()
        .await
        .unwrap()
        .len();
    let id = components
        .create(keycloak_admin::types::ComponentRepresentation {
            name: Some("extra-hmac".into()),
            provider_id: Some("hmac-generated".into()),
            provider_type: Some("org.keycloak.keys.KeyProvider".into()),
            parent_id: Some(realm_id),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        components.get(&id).await.unwrap().name.as_deref(),
        Some("extra-hmac")
    );
    assert_eq!(
        components
            .list()
            .provider_type("org.keycloak.keys.KeyProvider")
            .all()
            .await
            .unwrap()
            .len(),
        before + 1
    );
    components.delete(&id).await.unwrap();
    assert!(components.get(&id).await.unwrap_err().is_not_found());
}
