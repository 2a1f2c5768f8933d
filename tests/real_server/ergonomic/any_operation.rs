//! Operations without a handle run through the same seam as the handles:
//! `kc.send(kc.api().<operation>()…)` gets auth, retries, tracing and
//! `keycloak_admin::Error` with Keycloak's message; `kc.pages(…)` streams any
//! `first`/`max` operation; `kc.create(…)` returns the new id.

use super::{admin, person};
use crate::server;
use keycloak_admin::prelude::*;
use keycloak_admin::types::{
    ClientRepresentation, OrganizationDomainRepresentation, OrganizationRepresentation,
    PolicyRepresentation, RealmRepresentation, UpAttribute, UpConfig,
};
use serde_json::json;

#[tokio::test]
async fn operations_without_a_handle_go_through_send() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let kc = admin(server).await;

    // User profile: get, declare an attribute, put, read back.
    let mut profile: UpConfig = kc
        .send(kc.api().get_users_profile().realm(r))
        .await
        .unwrap();
    let declared = profile.attributes.as_ref().map_or(0, Vec::len);
    assert!(
        declared >= 4,
        "username, email, firstName, lastName: {declared}"
    );
    profile
        .attributes
        .get_or_insert_with(Vec::new)
        .push(UpAttribute {
            name: Some("department".into()),
            display_name: Some("Department".into()),
            ..Default::default()
        });
    let saved = kc
        .send(kc.api().put_users_profile().realm(r).body(profile))
        .await
        .unwrap();
    assert!(
        saved
            .attributes
            .unwrap()
            .iter()
            .any(|a| a.name.as_deref() == Some("department"))
    );

    // Authorization services: a policy on a resource server.
    let uuid = kc
        .create(kc.api().post_clients().realm(r).body(ClientRepresentation {
            client_id: Some("documents".into()),
            public_client: Some(false),
            service_accounts_enabled: Some(true),
            authorization_services_enabled: Some(true),
            ..Default::default()
        }))
        .await
        .unwrap();
    let user = kc
        .realm(r)
        .users()
        .create(person("alice", "Al", "Ice"))
        .await
        .unwrap();
    let mut policy = PolicyRepresentation {
        name: Some("alice only".into()),
        ..Default::default()
    };
    policy.extra.insert("users".into(), json!([user]));
    let created = kc
        .send(
            kc.api()
                .post_clients_authz_resource_server_policy_by_type()
                .realm(r)
                .client_uuid(&uuid)
                .type_("user")
                .body(policy.clone()),
        )
        .await
        .unwrap();
    assert_eq!(created.name.as_deref(), Some("alice only"));
    assert!(created.id.is_some());

    // A 409 carries Keycloak's errorMessage in Display.
    let conflict = kc
        .send(
            kc.api()
                .post_clients_authz_resource_server_policy_by_type()
                .realm(r)
                .client_uuid(&uuid)
                .type_("user")
                .body(policy),
        )
        .await
        .unwrap_err();
    assert!(conflict.is_conflict(), "{conflict:?}");
    let message = conflict
        .api()
        .and_then(|a| a.message())
        .unwrap()
        .to_string();
    assert!(!message.is_empty());
    assert_eq!(
        conflict.to_string(),
        format!(
            "POST /admin/realms/{{realm}}/clients/{{client-uuid}}/authz/resource-server/policy/{{type}} failed: 409 Conflict: {message}"
        )
    );

    // Organizations: switch them on, create two, list them page by page.
    kc.send(kc.api().put_realm().realm(r).body(RealmRepresentation {
        organizations_enabled: Some(true),
        ..Default::default()
    }))
    .await
    .unwrap();
    for name in ["acme", "globex"] {
        kc.create(
            kc.api()
                .post_organizations()
                .realm(r)
                .body(OrganizationRepresentation {
                    name: Some(name.into()),
                    domains: Some(vec![OrganizationDomainRepresentation {
                        name: Some(format!("{name}.example.com")),
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
        )
        .await
        .unwrap();
    }
    let names: Vec<String> = kc
        .pages(1, |first, max| {
            kc.api().get_organizations().realm(r).first(first).max(max)
        })
        .map_ok(|o| o.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(names, ["acme", "globex"], "pages of one, in order");
    let e = kc
        .create(
            kc.api()
                .post_organizations()
                .realm(r)
                .body(OrganizationRepresentation {
                    name: Some("acme".into()),
                    domains: Some(vec![OrganizationDomainRepresentation {
                        name: Some("acme.example.com".into()),
                        ..Default::default()
                    }]),
                    ..Default::default()
                }),
        )
        .await
        .unwrap_err();
    assert!(e.is_conflict(), "{e}");
    assert!(
        e.to_string().contains(": "),
        "Keycloak's reason is in the message: {e}"
    );
}

/// For code that calls the generated client directly: its errors convert.
#[tokio::test]
async fn generated_client_errors_convert() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let raw = kc
        .api()
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id("no-such-user")
        .send()
        .await
        .unwrap_err();
    let e = keycloak_admin::Error::from(raw);
    assert!(e.is_not_found(), "{e:?}");
    assert!(
        e.to_string()
            .starts_with("* /admin/realms/{realm}/users/{user-id} failed: 404 Not Found"),
        "{e}"
    );
}
