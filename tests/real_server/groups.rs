use crate::{created_id, server};
use keycloak_admin_api::types::GroupRepresentation;

#[tokio::test]
async fn create_a_group_and_a_child_and_add_a_member() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();

    let parent = created_id(
        &kc.post_groups()
            .realm(realm.name())
            .body(GroupRepresentation {
                name: Some("engineering".into()),
                ..Default::default()
            })
            .send()
            .await
            .unwrap(),
    );
    let got = kc
        .get_groups_by_group_id()
        .realm(realm.name())
        .group_id(&parent)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.name.as_deref(), Some("engineering"));
    assert_eq!(got.path.as_deref(), Some("/engineering"));

    let child = created_id(
        &kc.post_groups_children()
            .realm(realm.name())
            .group_id(&parent)
            .body(GroupRepresentation {
                name: Some("platform".into()),
                ..Default::default()
            })
            .send()
            .await
            .unwrap(),
    );
    let got = kc
        .get_groups_by_group_id()
        .realm(realm.name())
        .group_id(&child)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.path.as_deref(), Some("/engineering/platform"));

    let user = keycloak_admin_api::types::UserRepresentation {
        username: Some("member".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let user_id = created_id(
        &kc.post_users()
            .realm(realm.name())
            .body(user)
            .send()
            .await
            .unwrap(),
    );
    kc.put_users_groups_by_group_id()
        .realm(realm.name())
        .user_id(&user_id)
        .group_id(&child)
        .send()
        .await
        .unwrap();
    let members = kc
        .get_groups_members()
        .realm(realm.name())
        .group_id(&child)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(
        members
            .iter()
            .filter_map(|u| u.username.as_deref())
            .collect::<Vec<_>>(),
        ["member"]
    );
}
