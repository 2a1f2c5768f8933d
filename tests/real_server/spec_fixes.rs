//! Each runtime correction of the spec pipeline (xtask/src/rules, spec/overlay.toml)
//! proven against the server. Without the fix, each of these fails.

use crate::{Answered, created_id, server};
use keycloak_admin_api::types::{
    ClientRepresentation, ComponentRepresentation, GroupRepresentation,
    IdentityProviderRepresentation, PartialImportRepresentation, PolicyRepresentation,
    UserRepresentation,
};
use std::collections::HashMap;

/// rules/responses.rs: the document says 200, the server answers 201; any 2xx is success.
#[tokio::test]
async fn creating_a_component_answers_201_and_is_accepted() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let component = ComponentRepresentation {
        name: Some("extra-rsa".into()),
        provider_id: Some("rsa-generated".into()),
        provider_type: Some("org.keycloak.keys.KeyProvider".into()),
        parent_id: Some(realm.name().into()),
        ..Default::default()
    };
    let resp = kc
        .post_components()
        .realm(realm.name())
        .body(component)
        .send()
        .await
        .answered()
        .await;
    let id = created_id(&resp);
    let got = kc
        .get_components_by_id()
        .realm(realm.name())
        .id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(got.name.as_deref(), Some("extra-rsa"));
}

/// rules/schemas.rs nullable_collections: `Some(vec![])` is sent as `[]` and clears.
#[tokio::test]
async fn an_empty_list_clears_required_actions() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let user = UserRepresentation {
        username: Some("pending".into()),
        enabled: Some(true),
        required_actions: Some(vec!["UPDATE_PASSWORD".into()]),
        ..Default::default()
    };
    let id = created_id(
        &kc.post_users()
            .realm(realm.name())
            .body(user)
            .send()
            .await
            .answered()
            .await,
    );
    let got = kc
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(
        got.required_actions.as_deref(),
        Some(&["UPDATE_PASSWORD".to_string()][..])
    );

    // `None` leaves the field alone…
    kc.put_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .body(UserRepresentation {
            required_actions: None,
            ..got.clone()
        })
        .send()
        .await
        .answered()
        .await;
    let kept = kc
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(kept.required_actions.map(|a| a.len()), Some(1));
    // …and `Some(vec![])` clears it.
    kc.put_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .body(UserRepresentation {
            required_actions: Some(vec![]),
            ..got
        })
        .send()
        .await
        .answered()
        .await;
    let cleared = kc
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(
        cleared.required_actions.unwrap_or_default(),
        Vec::<String>::new()
    );
}

/// rules/schemas.rs nullable_collections: `Some(HashMap::new())` is sent as `{}` and clears.
#[tokio::test]
async fn an_empty_map_clears_group_attributes() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let attributes = HashMap::from([("team".to_string(), vec!["blue".to_string()])]);
    let group = GroupRepresentation {
        name: Some("tagged".into()),
        attributes: Some(attributes),
        ..Default::default()
    };
    let id = created_id(
        &kc.post_groups()
            .realm(realm.name())
            .body(group)
            .send()
            .await
            .answered()
            .await,
    );
    let got = kc
        .get_groups_by_group_id()
        .realm(realm.name())
        .group_id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(got.attributes.as_ref().map(|a| a.len()), Some(1));

    kc.put_groups_by_group_id()
        .realm(realm.name())
        .group_id(&id)
        .body(GroupRepresentation {
            attributes: Some(HashMap::new()),
            ..got
        })
        .send()
        .await
        .answered()
        .await;
    let cleared = kc
        .get_groups_by_group_id()
        .realm(realm.name())
        .group_id(&id)
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert!(cleared.attributes.unwrap_or_default().is_empty());
}

/// rules/responses.rs: a GET declared without content keeps its body (raw bytes).
#[tokio::test]
async fn the_installation_provider_output_is_not_thrown_away() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let uuid = created_id(
        &kc.post_clients()
            .realm(realm.name())
            .body(ClientRepresentation {
                client_id: Some("app".into()),
                ..Default::default()
            })
            .send()
            .await
            .answered()
            .await,
    );
    let stream = kc
        .get_clients_installation_providers_by_provider_id()
        .realm(realm.name())
        .client_uuid(&uuid)
        .provider_id("keycloak-oidc-keycloak-json")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    let bytes = collect(stream).await;
    let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(json["realm"], realm.name());
    assert_eq!(json["resource"], "app");
}

/// rules/responses.rs: a `*/*` response with a JSON schema is parsed as JSON.
#[tokio::test]
async fn identity_provider_mapper_types_parse() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
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
    let idp = IdentityProviderRepresentation {
        alias: Some("upstream".into()),
        provider_id: Some("oidc".into()),
        config: Some(config),
        ..Default::default()
    };
    kc.post_identity_provider_instances()
        .realm(realm.name())
        .body(idp)
        .send()
        .await
        .answered()
        .await;
    let types = kc
        .get_identity_provider_instances_mapper_types()
        .realm(realm.name())
        .alias("upstream")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert!(
        types.contains_key("oidc-hardcoded-role-idp-mapper"),
        "mapper types: {:?}",
        types.keys().collect::<Vec<_>>()
    );
}

/// overlay partial-import-*: typed body and typed results.
#[tokio::test]
async fn partial_import_takes_a_typed_body_and_reports_results() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let body = PartialImportRepresentation {
        if_resource_exists: Some("SKIP".into()),
        users: Some(vec![UserRepresentation {
            username: Some("imported".into()),
            enabled: Some(true),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let results = kc
        .post_partial_import()
        .realm(realm.name())
        .body(body.clone())
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(results.added, Some(1));
    let again = kc
        .post_partial_import()
        .realm(realm.name())
        .body(body.clone())
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!((again.added, again.skipped), (Some(0), Some(1)));
    let first = &again.results.unwrap()[0];
    assert_eq!(
        (first.action.as_deref(), first.resource_name.as_deref()),
        (Some("SKIPPED"), Some("imported"))
    );
}

/// overlay authz-create-policy-body: the generic policy endpoint takes a typed
/// PolicyRepresentation (type-specific settings in `config`); and the 204 of an
/// empty search surfaces as a successful-but-unexpected response, not a parse error.
#[tokio::test]
async fn authz_policies_are_created_typed_and_searched() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let client = ClientRepresentation {
        client_id: Some("resource-server".into()),
        public_client: Some(false),
        service_accounts_enabled: Some(true),
        authorization_services_enabled: Some(true),
        ..Default::default()
    };
    let uuid = created_id(
        &kc.post_clients()
            .realm(realm.name())
            .body(client)
            .send()
            .await
            .answered()
            .await,
    );
    let user = UserRepresentation {
        username: Some("reader".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let user_id = created_id(
        &kc.post_users()
            .realm(realm.name())
            .body(user)
            .send()
            .await
            .answered()
            .await,
    );

    let config = HashMap::from([(
        "users".to_string(),
        serde_json::json!([user_id]).to_string(),
    )]);
    let policy = PolicyRepresentation {
        name: Some("only-reader".into()),
        type_: Some("user".into()),
        config: Some(config),
        ..Default::default()
    };
    let created = match kc
        .post_clients_authz_resource_server_policy()
        .realm(realm.name())
        .client_uuid(&uuid)
        .body(policy)
        .send()
        .await
    {
        Ok(created) => created,
        Err(e) => panic!("{:?}", crate::failure(e).await),
    };
    assert_eq!(created.status().as_u16(), 201);

    let found = kc
        .get_clients_authz_resource_server_policy_search()
        .realm(realm.name())
        .client_uuid(&uuid)
        .name("only-reader")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    assert_eq!(found.name.as_deref(), Some("only-reader"));
    assert_eq!(found.type_.as_deref(), Some("user"));

    match kc
        .get_clients_authz_resource_server_policy_search()
        .realm(realm.name())
        .client_uuid(&uuid)
        .name("no-such-policy")
        .send()
        .await
    {
        Err(keycloak_admin_api::Error::UnexpectedResponse(resp)) => {
            assert_eq!(resp.status().as_u16(), 204)
        }
        other => panic!("an empty search answers 204: {other:?}"),
    }
}

async fn collect(stream: keycloak_admin_api::ByteStream) -> Vec<u8> {
    use futures_util::TryStreamExt;
    stream
        .into_inner()
        .map_ok(|b| b.to_vec())
        .try_concat()
        .await
        .unwrap()
}

/// overlay workflows-list: the list endpoint answers a JSON array — on a server
/// with the WORKFLOWS feature. Without it (releases before 26.7, where the route
/// answers a bare 404) the same call is `Error::Unsupported` naming the feature.
#[tokio::test]
async fn workflows_are_listed_as_an_array() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let caps = kc.server().await.unwrap();
    let result = kc.send(kc.api().get_workflows().realm(realm.name())).await;
    if caps.is_enabled(keycloak_admin::Feature::Workflows) {
        assert!(result.unwrap().is_empty(), "a new realm has no workflows");
        assert!(caps.version() >= keycloak_admin::Version::new(26, 7, 0));
    } else {
        let err = result.unwrap_err();
        assert!(err.is_unsupported(), "{err:?}");
        let keycloak_admin::Error::Unsupported {
            feature,
            server_version,
            ..
        } = &err
        else {
            unreachable!()
        };
        assert_eq!(feature.as_deref(), Some("WORKFLOWS"));
        assert_eq!(server_version, caps.version_text());
        assert!(
            err.to_string().contains("not supported by Keycloak"),
            "{err}"
        );
    }
}

/// serverinfo reports the running release and its features.
#[tokio::test]
async fn the_server_reports_its_version_and_features() {
    let server = server().await;
    let caps = server.admin().server().await.unwrap();
    if server.log_path().is_some() {
        // A server the harness started: the release it was asked for.
        assert_eq!(caps.version_text(), server.version());
    }
    assert!(
        caps.features().count() > 10,
        "{:?}",
        caps.features().collect::<Vec<_>>()
    );
    assert!(caps.is_enabled(keycloak_admin::Feature::Organizations));
    assert!(caps.is_enabled(keycloak_admin::Feature::Authorization));
    assert_eq!(caps.feature("NO_SUCH_FEATURE"), None);
}

/// overlay `role-groups-response` and `client-role-groups-response`: both
/// routes answer the groups holding the role, declared as users. Typed as
/// groups, each arrives whole: name, path, nothing left in `extra`.
#[tokio::test]
async fn the_groups_of_a_realm_role_and_of_a_client_role_are_groups() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let r = realm.name();
    let role = |name: &str| keycloak_admin_api::types::RoleRepresentation {
        name: Some(name.into()),
        ..Default::default()
    };
    kc.post_roles()
        .realm(r)
        .body(role("auditor"))
        .send()
        .await
        .answered()
        .await;
    let client = created_id(
        &kc.post_clients()
            .realm(r)
            .body(ClientRepresentation {
                client_id: Some("ledger".into()),
                ..Default::default()
            })
            .send()
            .await
            .answered()
            .await,
    );
    kc.post_clients_roles()
        .realm(r)
        .client_uuid(&client)
        .body(role("reader"))
        .send()
        .await
        .answered()
        .await;
    let group = created_id(
        &kc.post_groups()
            .realm(r)
            .body(GroupRepresentation {
                name: Some("finance".into()),
                ..Default::default()
            })
            .send()
            .await
            .answered()
            .await,
    );
    let realm_role = kc
        .get_roles_by_role_name()
        .realm(r)
        .role_name("auditor")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    let client_role = kc
        .get_clients_roles_by_role_name()
        .realm(r)
        .client_uuid(&client)
        .role_name("reader")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    kc.post_groups_role_mappings_realm()
        .realm(r)
        .group_id(&group)
        .body(vec![realm_role])
        .send()
        .await
        .answered()
        .await;
    kc.post_groups_role_mappings_clients_by_client_id()
        .realm(r)
        .group_id(&group)
        .client_id(&client)
        .body(vec![client_role])
        .send()
        .await
        .answered()
        .await;

    let of_realm_role: Vec<GroupRepresentation> = kc
        .get_roles_groups()
        .realm(r)
        .role_name("auditor")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    let of_client_role: Vec<GroupRepresentation> = kc
        .get_clients_roles_groups()
        .realm(r)
        .client_uuid(&client)
        .role_name("reader")
        .send()
        .await
        .answered()
        .await
        .into_inner();
    for groups in [of_realm_role, of_client_role] {
        assert_eq!(groups.len(), 1, "{groups:?}");
        assert_eq!(groups[0].id.as_deref(), Some(group.as_str()));
        assert_eq!(groups[0].name.as_deref(), Some("finance"));
        assert_eq!(groups[0].path.as_deref(), Some("/finance"));
        assert!(
            groups[0].extra.is_empty(),
            "nothing outside the type: {:?}",
            groups[0].extra
        );
    }
}
