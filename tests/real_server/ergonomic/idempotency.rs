//! `ensure`-style helpers under concurrency, realms end to end, client extras.

use super::{admin, user_login};
use crate::server;
use futures_util::TryStreamExt;
use keycloak_admin::types::{
    ClientRepresentation, ProtocolMapperRepresentation, RealmRepresentation, UserRepresentation,
};
use std::collections::{HashMap, HashSet};

#[tokio::test]
async fn ten_concurrent_ensures_create_one_user() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let tasks: Vec<_> = (0..10)
        .map(|_| {
            let users = kc.realm(realm.name()).users();
            tokio::spawn(async move {
                users
                    .ensure(UserRepresentation {
                        username: Some("racer".into()),
                        enabled: Some(true),
                        ..Default::default()
                    })
                    .await
            })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut created = 0;
    for t in tasks {
        let (id, was_created) = t.await.unwrap().unwrap();
        ids.insert(id);
        created += usize::from(was_created);
    }
    assert_eq!(
        (ids.len(), created),
        (1, 1),
        "one user, created once, the same id for every caller"
    );
    assert_eq!(kc.realm(realm.name()).users().count().await.unwrap(), 1);
}

#[tokio::test]
async fn ensure_path_creates_missing_parents_once() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let groups = admin(server).await.realm(realm.name()).groups();
    let leaf = groups.ensure_path("/org/eng/platform").await.unwrap();
    assert_eq!(groups.ensure_path("/org/eng/platform").await.unwrap(), leaf);
    let sibling = groups.ensure_path("/org/eng/data").await.unwrap();
    assert_ne!(sibling, leaf);
    let top: Vec<_> = groups.list().all().await.unwrap();
    assert_eq!(top.len(), 1, "one /org");
    let eng = groups.by_path("/org/eng").await.unwrap().id.unwrap();
    let children: HashSet<String> = groups
        .children(&eng)
        .stream()
        .map_ok(|g| g.name.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        children,
        HashSet::from(["platform".to_string(), "data".to_string()])
    );
}

#[tokio::test]
async fn realms_are_created_exported_and_deleted() {
    let server = server().await;
    let kc = admin(server).await;
    let name = format!("handle-{}", std::process::id());
    kc.realms()
        .create(RealmRepresentation {
            realm: Some(name.clone()),
            enabled: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        kc.realms()
            .list()
            .all()
            .await
            .unwrap()
            .iter()
            .any(|r| r.realm.as_deref() == Some(name.as_str()))
    );
    let r = kc.realm(&name);
    r.clients()
        .create(ClientRepresentation {
            client_id: Some("exported".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let export = r.partial_export(true, true).await.unwrap();
    assert!(
        export
            .clients
            .unwrap_or_default()
            .iter()
            .any(|c| c.client_id.as_deref() == Some("exported"))
    );
    r.delete().await.unwrap();
    assert!(r.get().await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn client_mappers_sessions_and_installation() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let uuid = r
        .clients()
        .find_by_client_id("admin-cli")
        .await
        .unwrap()
        .unwrap()
        .id
        .unwrap();
    let mapper = ProtocolMapperRepresentation {
        name: Some("department".into()),
        protocol: Some("openid-connect".into()),
        protocol_mapper: Some("oidc-hardcoded-claim-mapper".into()),
        config: Some(HashMap::from([
            ("claim.name".to_string(), "department".to_string()),
            ("claim.value".to_string(), "research".to_string()),
            ("access.token.claim".to_string(), "true".to_string()),
        ])),
        ..Default::default()
    };
    r.clients()
        .add_protocol_mapper(&uuid, mapper)
        .await
        .unwrap();
    assert!(
        r.clients()
            .protocol_mappers(&uuid)
            .all()
            .await
            .unwrap()
            .iter()
            .any(|m| m.name.as_deref() == Some("department"))
    );

    let user = r
        .users()
        .create(UserRepresentation {
            username: Some("sess".into()),
            email: Some("sess@example.com".into()),
            first_name: Some("S".into()),
            last_name: Some("S".into()),
            enabled: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    r.users()
        .set_password(&user, "Sess-Passw0rd", false)
        .await
        .unwrap();
    user_login(server, realm.name(), "sess", "Sess-Passw0rd")
        .await
        .unwrap();
    let sessions: Vec<_> = r
        .clients()
        .sessions(&uuid)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].username.as_deref(), Some("sess"));

    let json = r
        .clients()
        .installation(&uuid, "keycloak-oidc-keycloak-json")
        .await
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(json["resource"], "admin-cli");
}
