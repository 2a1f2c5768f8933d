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
    assert_eq!(groups.count(true).await.unwrap(), 7);
    assert_eq!(groups.list().search("g3").count().await.unwrap(), 1);
}

/// Reading while another task deletes: offsets shift back, so the stream
/// never yields a user twice and skips at most as many users as were deleted
/// (the documented behaviour); `delete_all` deletes 2 500 users completely.
#[tokio::test]
async fn streams_under_concurrent_deletes_and_delete_all() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    let people = || {
        (0..2500).map(|i| {
            keycloak_admin::NewUser::new(format!("user{i:04}"))
                .email(format!("user{i:04}@example.com"))
                .name("Stream", "Test")
        })
    };
    let created = users.create_many(people()).await.unwrap();
    let ids: Vec<String> = created.into_iter().map(|o| o.unwrap().id).collect();
    assert_eq!(users.count().await.unwrap(), 2500);

    // Delete the first 600 (in username order) while the stream reads.
    let deleter = {
        let users = users.clone();
        let doomed = ids[..600].to_vec();
        tokio::spawn(async move {
            for id in doomed {
                users.delete(&id).await.unwrap();
            }
        })
    };
    let seen: Vec<String> = users
        .list()
        .brief(true)
        .page_size(100)
        .stream()
        .map_ok(|u| u.username.unwrap())
        .try_collect()
        .await
        .unwrap();
    deleter.await.unwrap();
    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(unique.len(), seen.len(), "no user twice under deletions");
    let never_deleted_missed = (600..2500)
        .map(|i| format!("user{i:04}"))
        .filter(|u| !unique.contains(u))
        .count();
    assert!(
        never_deleted_missed <= 600,
        "skipped {never_deleted_missed} users nobody deleted"
    );
    assert_eq!(users.count().await.unwrap(), 1900);

    // The documented way to delete what a query matches: every one of them.
    let again = users.create_many(people()).await.unwrap();
    assert!(again.iter().all(|o| o.is_ok()));
    assert_eq!(users.count().await.unwrap(), 2500);
    let deleted = users.list().delete_all().await.unwrap();
    assert_eq!(deleted, 2500);
    assert_eq!(users.count().await.unwrap(), 0);
    assert_eq!(users.list().delete_all().await.unwrap(), 0);
}

/// Awaiting a list is `.all()`: code written when lists were `async fn
/// list() -> Result<Vec<T>>` compiles and answers the same.
#[tokio::test]
async fn awaiting_a_list_or_a_query_reads_everything() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let realms = kc.realms().list().await.unwrap();
    assert!(
        realms
            .iter()
            .any(|r| r.realm.as_deref() == Some(realm.name()))
    );
    let users = kc.realm(realm.name()).users();
    for name in ["await-a", "await-b"] {
        users
            .create(keycloak_admin::NewUser::new(name))
            .await
            .unwrap();
    }
    let all = users.list().await.unwrap();
    assert_eq!(all.len(), 2);
    let one = users.list().username("await-b").exact(true).await.unwrap();
    assert_eq!(one[0].username.as_deref(), Some("await-b"));
}

/// The filtered lists share the verbs and narrow on the server: groups by
/// name, components by provider type.
#[tokio::test]
async fn filtered_lists_narrow_on_the_server() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    for name in ["filter-ops", "filter-dev", "other"] {
        r.groups()
            .create(keycloak_admin::NewGroup::new(name))
            .await
            .unwrap();
    }
    let matching: Vec<String> = r
        .groups()
        .list()
        .search("filter-")
        .stream()
        .map_ok(|g| g.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(matching.len(), 2, "{matching:?}");
    let exact = r.groups().list().search("other").exact(true).await.unwrap();
    assert_eq!(exact.len(), 1);
    assert_eq!(r.groups().list().all().await.unwrap().len(), 3);

    let keys = r
        .components()
        .list()
        .provider_type("org.keycloak.keys.KeyProvider")
        .all()
        .await
        .unwrap();
    assert!(!keys.is_empty());
    assert!(
        keys.iter()
            .all(|c| c.provider_type.as_deref() == Some("org.keycloak.keys.KeyProvider"))
    );
    let all = r.components().list().all().await.unwrap();
    assert!(all.len() > keys.len());
}
