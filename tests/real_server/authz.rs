//! The authorization-services endpoints the spec lacks (spec/overlay.toml
//! `authz-policy-*`, `authz-permission-*`), each exercised on the server.

use crate::{created_id, failure, server};
use keycloak_admin_api::types::{
    ClientRepresentation, PolicyRepresentation, ResourceRepresentation, RoleRepresentation,
    ScopeRepresentation,
};
use serde_json::json;

struct ResourceServer {
    realm: keycloak_testkit::TestRealm,
    uuid: String,
}

async fn resource_server() -> ResourceServer {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let client = ClientRepresentation {
        client_id: Some("documents".into()),
        public_client: Some(false),
        service_accounts_enabled: Some(true),
        authorization_services_enabled: Some(true),
        ..Default::default()
    };
    let uuid = created_id(
        &server
            .admin_client()
            .post_clients()
            .realm(realm.name())
            .body(client)
            .send()
            .await
            .unwrap(),
    );
    ResourceServer { realm, uuid }
}

#[tokio::test]
async fn a_typed_role_policy_is_created_read_and_updated() {
    let kc = server().await.admin_client();
    let rs = resource_server().await;
    let r = rs.realm.name();
    kc.post_roles()
        .realm(r)
        .body(RoleRepresentation {
            name: Some("reader".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    let role = kc
        .get_roles_by_role_name()
        .realm(r)
        .role_name("reader")
        .send()
        .await
        .unwrap()
        .into_inner();
    let role_id = role.id.unwrap();

    let mut policy = PolicyRepresentation {
        name: Some("readers".into()),
        ..Default::default()
    };
    policy
        .extra
        .insert("roles".into(), json!([{"id": role_id, "required": false}]));
    let created = kc
        .post_clients_authz_resource_server_policy_by_type()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("role")
        .body(policy)
        .send()
        .await
        .unwrap();
    assert_eq!(created.status().as_u16(), 201);
    let created = created.into_inner();
    assert_eq!(created.type_.as_deref(), Some("role"));
    let id = created
        .id
        .expect("the created policy comes back with its id");

    let typed = kc
        .get_clients_authz_resource_server_policy_by_type_and_policy_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("role")
        .policy_id(&id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        typed.extra["roles"][0]["id"],
        json!(role_id),
        "the typed representation carries the roles"
    );

    let update = PolicyRepresentation {
        description: Some("people who read".into()),
        ..typed
    };
    kc.put_clients_authz_resource_server_policy_by_type_and_policy_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("role")
        .policy_id(&id)
        .body(update)
        .send()
        .await
        .unwrap();
    let generic = kc
        .get_clients_authz_resource_server_policy_by_policy_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        (generic.name.as_deref(), generic.description.as_deref()),
        (Some("readers"), Some("people who read"))
    );
}

#[tokio::test]
async fn permissions_link_policies_resources_and_scopes() {
    let kc = server().await.admin_client();
    let rs = resource_server().await;
    let r = rs.realm.name();

    let scope = kc
        .post_clients_authz_resource_server_scope()
        .realm(r)
        .client_uuid(&rs.uuid)
        .body(ScopeRepresentation {
            name: Some("read".into()),
            ..Default::default()
        })
        .send()
        .await
        .unwrap();
    assert!(scope.status().is_success());
    let scope_id = kc
        .get_clients_authz_resource_server_scope()
        .realm(r)
        .client_uuid(&rs.uuid)
        .name("read")
        .send()
        .await
        .unwrap()
        .into_inner()[0]
        .id
        .clone()
        .unwrap();
    let resource = ResourceRepresentation {
        name: Some("report".into()),
        ..Default::default()
    };
    let resource = kc
        .post_clients_authz_resource_server_resource()
        .realm(r)
        .client_uuid(&rs.uuid)
        .body(resource)
        .send()
        .await
        .unwrap()
        .into_inner();
    let resource_id = resource.id.unwrap();

    let mut user_policy = PolicyRepresentation {
        name: Some("nobody".into()),
        ..Default::default()
    };
    user_policy.extra.insert("users".into(), json!([]));
    let policy_id = kc
        .post_clients_authz_resource_server_policy_by_type()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("user")
        .body(user_policy)
        .send()
        .await
        .map(|p| p.into_inner().id.unwrap());
    let policy_id = match policy_id {
        Ok(id) => id,
        Err(e) => panic!("{:?}", failure(e).await),
    };

    let permission = PolicyRepresentation {
        name: Some("report-access".into()),
        resources: Some(vec![resource_id.clone()]),
        policies: Some(vec![policy_id.clone()]),
        ..Default::default()
    };
    let permission_id = kc
        .post_clients_authz_resource_server_permission_by_type()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("resource")
        .body(permission)
        .send()
        .await
        .unwrap()
        .into_inner()
        .id
        .unwrap();
    let scoped = PolicyRepresentation {
        name: Some("read-access".into()),
        scopes: Some(vec![scope_id.clone()]),
        policies: Some(vec![policy_id.clone()]),
        ..Default::default()
    };
    let scoped_id = kc
        .post_clients_authz_resource_server_permission_by_type()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("scope")
        .body(scoped)
        .send()
        .await
        .unwrap()
        .into_inner()
        .id
        .unwrap();

    let associated = kc
        .get_clients_authz_resource_server_policy_associated_policies()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&permission_id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        associated
            .iter()
            .filter_map(|p| p.id.as_deref())
            .collect::<Vec<_>>(),
        [policy_id.as_str()]
    );
    let resources = kc
        .get_clients_authz_resource_server_policy_resources()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&permission_id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        resources
            .iter()
            .filter_map(|r| r.name.as_deref())
            .collect::<Vec<_>>(),
        ["report"]
    );
    let scopes = kc
        .get_clients_authz_resource_server_policy_scopes()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&scoped_id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        scopes
            .iter()
            .filter_map(|s| s.name.as_deref())
            .collect::<Vec<_>>(),
        ["read"]
    );
    let mut dependents: Vec<String> = kc
        .get_clients_authz_resource_server_policy_dependent_policies()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&policy_id)
        .send()
        .await
        .unwrap()
        .into_inner()
        .into_iter()
        .filter_map(|p| p.name)
        .collect();
    dependents.sort();
    assert_eq!(dependents, ["read-access", "report-access"]);

    let typed = kc
        .get_clients_authz_resource_server_permission_by_type_and_permission_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("resource")
        .permission_id(&permission_id)
        .send()
        .await
        .unwrap()
        .into_inner();
    let renamed = PolicyRepresentation {
        description: Some("who may see the report".into()),
        ..typed
    };
    kc.put_clients_authz_resource_server_permission_by_type_and_permission_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .type_("resource")
        .permission_id(&permission_id)
        .body(renamed)
        .send()
        .await
        .unwrap();
    let got = kc
        .get_clients_authz_resource_server_policy_by_policy_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&permission_id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.description.as_deref(), Some("who may see the report"));

    kc.delete_clients_authz_resource_server_policy_by_policy_id()
        .realm(r)
        .client_uuid(&rs.uuid)
        .policy_id(&permission_id)
        .send()
        .await
        .unwrap();
    let (status, _) = failure(
        kc.get_clients_authz_resource_server_policy_by_policy_id()
            .realm(r)
            .client_uuid(&rs.uuid)
            .policy_id(&permission_id)
            .send()
            .await
            .unwrap_err(),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn server_info_names_the_running_version() {
    let server = server().await;
    let info = server
        .admin_client()
        .get_serverinfo()
        .send()
        .await
        .unwrap()
        .into_inner();
    let system = info.system_info.expect("systemInfo");
    assert_eq!(system.version.as_deref(), Some(server.version()));
    assert!(system.java_version.is_some());
    assert!(info.profile_info.and_then(|p| p.name).is_some());
    assert!(
        info.extra.contains_key("providers"),
        "untyped parts stay available in `extra`"
    );
}
