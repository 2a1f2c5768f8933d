//! One `Roles` handle for realm and client roles: the same verbs on both
//! containers (members, group mappings in both directions, composites), and a
//! user's roles reachable from the user.

use super::{admin, person};
use crate::server;
use keycloak_admin::{NewClient, NewGroup, NewRole};

#[tokio::test]
async fn realm_and_client_roles_share_every_verb() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    r.clients()
        .create(NewClient::public("reports"))
        .await
        .unwrap();
    let app = r.clients().id_by_client_id("reports").await.unwrap();
    let e = r.clients().id_by_client_id("nope").await.unwrap_err();
    assert!(e.is_not_found(), "{e}");

    let alice = r
        .users()
        .create(person("alice", "Al", "Ice"))
        .await
        .unwrap();
    let group = r.groups().create(NewGroup::new("auditors")).await.unwrap();

    for roles in [r.roles(), r.clients().roles(&app)] {
        for name in ["read", "write", "admin"] {
            roles
                .create(NewRole::new(name).description("a test role"))
                .await
                .unwrap();
        }
        roles
            .add_composites("admin", &["read", "write"])
            .await
            .unwrap();
        let mut included: Vec<_> = roles
            .composites("admin")
            .all()
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.name.unwrap())
            .collect();
        included.sort();
        assert_eq!(included, ["read", "write"]);

        roles.assign_to_user(&alice, &["read"]).await.unwrap();
        let members = roles.members("read").all().await.unwrap();
        assert_eq!(members.len(), 1);
        assert_eq!(members[0].username.as_deref(), Some("alice"));
        assert!(roles.members("write").all().await.unwrap().is_empty());

        roles.assign_to_group(&group, &["write"]).await.unwrap();
        let of_group = roles.of_group(&group).all().await.unwrap();
        assert_eq!(of_group.len(), 1);
        roles.unassign_from_group(&group, &["write"]).await.unwrap();
        assert!(roles.of_group(&group).all().await.unwrap().is_empty());

        let available = roles.available_for_user(&alice).all().await.unwrap();
        assert!(available.iter().any(|r| r.name.as_deref() == Some("write")));
    }

    // A user's roles from the user: direct realm roles and direct client roles.
    let mine = r.users().roles(&alice);
    let realm_direct: Vec<_> = mine.realm().all().await.unwrap();
    assert!(
        realm_direct
            .iter()
            .any(|r| r.name.as_deref() == Some("read"))
    );
    let client_direct = mine.client(&app).all().await.unwrap();
    assert_eq!(client_direct.len(), 1);
    assert_eq!(client_direct[0].name.as_deref(), Some("read"));
    let mappings = mine.mappings().await.unwrap();
    assert!(mappings.client_mappings.unwrap().contains_key("reports"));
}
