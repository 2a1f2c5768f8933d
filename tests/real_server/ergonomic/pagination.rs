//! Flow 10: a lazy stream over 1 000+ users.

use super::admin;
use crate::server;
use futures_util::TryStreamExt;
use keycloak_admin::types::{PartialImportRepresentation, UserRepresentation};
use std::collections::HashSet;

#[tokio::test]
async fn streaming_1050_users_in_pages_of_50_yields_each_once_in_a_stable_order() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let users: Vec<UserRepresentation> = (0..1050)
        .map(|i| UserRepresentation {
            username: Some(format!("user{i:04}")),
            enabled: Some(true),
            ..Default::default()
        })
        .collect();
    let imported = r
        .partial_import(PartialImportRepresentation {
            users: Some(users),
            if_resource_exists: Some("FAIL".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert_eq!(imported.added, Some(1050));

    let first: Vec<String> = r
        .users()
        .list()
        .brief(true)
        .page_size(50)
        .stream()
        .map_ok(|u| u.id.unwrap())
        .try_collect()
        .await
        .unwrap();
    let second: Vec<String> = r
        .users()
        .list()
        .brief(true)
        .page_size(50)
        .stream()
        .map_ok(|u| u.id.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(first.len(), 1050);
    assert_eq!(
        first.iter().collect::<HashSet<_>>().len(),
        1050,
        "no user twice"
    );
    assert_eq!(first, second, "the order is stable");
    assert_eq!(
        r.users().count().await.unwrap(),
        1050,
        "count equals the streamed total"
    );
}

/// Any `first`/`max` operation of the low-level client streams through `paginate`.
#[tokio::test]
async fn any_paginated_operation_streams_through_paginate() {
    use keycloak_admin::types::GroupRepresentation;
    use keycloak_admin_api::operations::GET_GROUPS;
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let groups = kc.realm(realm.name()).groups();
    for i in 0..7 {
        groups
            .create(GroupRepresentation {
                name: Some(format!("g{i}")),
                ..Default::default()
            })
            .await
            .unwrap();
    }
    let api = kc.clone();
    let name = realm.name().to_string();
    let streamed: Vec<String> = kc
        .paginate(GET_GROUPS, 3, move |first, max| {
            let (api, name) = (api.clone(), name.clone());
            async move {
                api.api()
                    .get_groups()
                    .realm(&name)
                    .first(first)
                    .max(max)
                    .send()
                    .await
            }
        })
        .map_ok(|g| g.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed, ["g0", "g1", "g2", "g3", "g4", "g5", "g6"]);
    assert_eq!(groups.count(None, true).await.unwrap(), 7);
    assert_eq!(groups.count(Some("g3"), false).await.unwrap(), 1);
}
