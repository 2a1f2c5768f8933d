//! Path parameters are percent-encoded: names with `/`, space, `#` and non-ASCII
//! letters reach the right resource.

use super::admin;
use crate::server;
use keycloak_admin::types::{GroupRepresentation, RoleRepresentation};

const AWKWARD: &str = "ops team #1 – Zürich";

#[tokio::test]
async fn awkward_role_names_round_trip() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let roles = admin(server).await.realm(realm.name()).roles();
    roles
        .create(RoleRepresentation {
            name: Some(AWKWARD.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(
        roles.get(AWKWARD).await.unwrap().name.as_deref(),
        Some(AWKWARD)
    );
    roles.delete(AWKWARD).await.unwrap();
    assert!(roles.get(AWKWARD).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn a_slash_in_a_role_name_is_encoded_not_a_path_separator() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let roles = admin(server).await.realm(realm.name()).roles();
    roles
        .create(RoleRepresentation {
            name: Some("reports/read".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let got = roles.get("reports/read").await;
    match got {
        Ok(role) => assert_eq!(role.name.as_deref(), Some("reports/read")),
        Err(e) => panic!("GET of an encoded slash: {e}"),
    }
}

#[tokio::test]
async fn awkward_group_names_are_found_by_path() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let groups = admin(server).await.realm(realm.name()).groups();
    let parent = groups
        .create(GroupRepresentation {
            name: Some(AWKWARD.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let child = groups
        .create_child(
            &parent,
            GroupRepresentation {
                name: Some("sub group ü".into()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let found = groups
        .by_path(&format!("/{AWKWARD}/sub group ü"))
        .await
        .unwrap();
    assert_eq!(found.id.as_deref(), Some(child.as_str()));
    assert_eq!(
        found.path.as_deref(),
        Some(format!("/{AWKWARD}/sub group ü").as_str())
    );
}
