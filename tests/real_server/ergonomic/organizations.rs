//! Organizations through their handle: an organization with two members (one
//! added, one invited by email), its linked identity provider, search, count.

use crate::server;
use keycloak_admin::types::IdentityProviderRepresentation;
use keycloak_admin::{NewGroup, NewOrganization, NewUser, Version};

#[tokio::test]
async fn an_organization_with_members_an_invitation_and_a_linked_broker() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let version = kc.server().await.unwrap().version();
    let realm = kc.realm(realm.name());
    let orgs = realm.organizations();

    // Off by default: Keycloak's own message says so.
    let err = orgs.list().all().await.unwrap_err();
    assert!(
        err.to_string()
            .contains("Organizations not enabled for this realm"),
        "{err}"
    );
    orgs.enable().await.unwrap();
    assert_eq!(realm.get().await.unwrap().organizations_enabled, Some(true));

    let acme = orgs
        .create(
            NewOrganization::new("acme")
                .domain("acme.example")
                .description("ACME Inc."),
        )
        .await
        .unwrap();
    orgs.create(NewOrganization::new("globex").domain("globex.example"))
        .await
        .unwrap();
    assert_eq!(orgs.count().await.unwrap(), 2);
    let found = orgs.search("acme").all().await.unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id.as_deref(), Some(acme.as_str()));
    assert_eq!(
        orgs.get(&acme).await.unwrap().description.as_deref(),
        Some("ACME Inc.")
    );

    // Two members: one existing user added, one invited by email.
    let users = realm.users();
    let jane = users
        .create(
            NewUser::new("jane")
                .email("jane@acme.example")
                .name("Jane", "Doe"),
        )
        .await
        .unwrap();
    orgs.add_member(&acme, &jane).await.unwrap();
    let bob = users
        .create(
            NewUser::new("bob")
                .email("bob@acme.example")
                .name("Bob", "Roe"),
        )
        .await
        .unwrap();
    orgs.add_member(&acme, &bob).await.unwrap();
    let members = orgs.members(&acme).all().await.unwrap();
    let mut names: Vec<_> = members.iter().filter_map(|m| m.username.clone()).collect();
    names.sort();
    assert_eq!(names, ["bob", "jane"]);
    assert_eq!(orgs.member_count(&acme).await.unwrap(), 2);
    let of_jane = orgs.of_member(&jane).all().await.unwrap();
    assert_eq!(of_jane.len(), 1);
    assert_eq!(of_jane[0].name.as_deref(), Some("acme"));

    // An invitation by email, to a local mail sink (no real SMTP needed).
    let inbox = crate::smtp_sink::for_realm(&kc, realm.name()).await;
    orgs.invite_user(&acme, "carol@acme.example", Some("Carol"), Some("Poe"))
        .await
        .unwrap();
    let mail = inbox.messages();
    assert_eq!(mail.len(), 1, "{mail:?}");
    assert!(mail[0].contains("carol@acme.example"), "{}", mail[0]);
    if version >= Version::new(26, 5, 0) {
        // Invitations are recorded (and listed) from 26.5.
        let invitations = orgs.invitations(&acme).all().await.unwrap();
        assert_eq!(invitations.len(), 1, "{invitations:?}");
        assert_eq!(invitations[0].email.as_deref(), Some("carol@acme.example"));
    } else {
        let err = orgs.invitations(&acme).all().await.unwrap_err();
        assert!(err.is_unsupported(), "{err:?}");
    }

    // A linked identity provider.
    realm
        .identity_providers()
        .create(IdentityProviderRepresentation {
            alias: Some("acme-sso".into()),
            provider_id: Some("oidc".into()),
            config: Some(
                [
                    ("clientId", "x"),
                    ("clientSecret", "y"),
                    ("authorizationUrl", "https://sso.acme.example/auth"),
                    ("tokenUrl", "https://sso.acme.example/token"),
                ]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ),
            ..Default::default()
        })
        .await
        .unwrap();
    orgs.link_identity_provider(&acme, "acme-sso")
        .await
        .unwrap();
    let linked = orgs.identity_providers(&acme).all().await.unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].alias.as_deref(), Some("acme-sso"));
    orgs.unlink_identity_provider(&acme, "acme-sso")
        .await
        .unwrap();
    assert!(
        orgs.identity_providers(&acme)
            .all()
            .await
            .unwrap()
            .is_empty()
    );

    orgs.remove_member(&acme, &bob).await.unwrap();
    assert_eq!(orgs.member_count(&acme).await.unwrap(), 1);
    orgs.delete(&acme).await.unwrap();
    assert!(orgs.get(&acme).await.unwrap_err().is_not_found());
    assert_eq!(users.count().await.unwrap(), 2, "members stay realm users");
}

/// Organization groups (26.6+): a tree of their own, apart from the realm's
/// groups, holding only members of the organization.
#[tokio::test]
async fn organization_groups_hold_its_members() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let version = kc.server().await.unwrap().version();
    let realm = kc.realm(realm.name());
    let orgs = realm.organizations();
    orgs.enable().await.unwrap();
    let acme = orgs
        .create(NewOrganization::new("acme").domain("acme.example"))
        .await
        .unwrap();
    if version < Version::new(26, 6, 0) {
        let err = orgs
            .create_group(&acme, NewGroup::new("engineering"))
            .await
            .unwrap_err();
        assert!(err.is_unsupported(), "{err:?}");
        assert!(orgs.groups(&acme).all().await.unwrap_err().is_unsupported());
        return;
    }

    let engineering = orgs
        .create_group(&acme, NewGroup::new("engineering"))
        .await
        .unwrap();
    let backend = orgs
        .create_subgroup(&acme, &engineering, NewGroup::new("backend"))
        .await
        .unwrap();
    let top = orgs.groups(&acme).all().await.unwrap();
    assert_eq!(top.len(), 1, "{top:?}");
    assert_eq!(top[0].name.as_deref(), Some("engineering"));
    let children = orgs.subgroups(&acme, &engineering).all().await.unwrap();
    assert_eq!(children.len(), 1);
    assert_eq!(children[0].id.as_deref(), Some(backend.as_str()));
    let by_path = orgs
        .group_by_path(&acme, "/engineering/backend")
        .await
        .unwrap();
    assert_eq!(by_path.id.as_deref(), Some(backend.as_str()));
    assert!(
        realm.groups().list().all().await.unwrap().is_empty(),
        "organization groups are not realm groups"
    );

    let mut renamed = orgs.group(&acme, &backend).await.unwrap();
    renamed.name = Some("platform".into());
    orgs.update_group(&acme, &backend, renamed).await.unwrap();
    assert_eq!(
        orgs.group(&acme, &backend).await.unwrap().name.as_deref(),
        Some("platform")
    );

    let users = realm.users();
    let jane = users
        .create(
            NewUser::new("jane")
                .email("jane@acme.example")
                .name("Jane", "Doe"),
        )
        .await
        .unwrap();
    let outsider = users
        .create(
            NewUser::new("eve")
                .email("eve@evil.example")
                .name("Eve", "Moe"),
        )
        .await
        .unwrap();
    orgs.add_member(&acme, &jane).await.unwrap();
    orgs.add_group_member(&acme, &backend, &jane).await.unwrap();
    let err = orgs
        .add_group_member(&acme, &backend, &outsider)
        .await
        .unwrap_err();
    assert!(err.status().is_some(), "{err:?}");
    let members = orgs.group_members(&acme, &backend).all().await.unwrap();
    assert_eq!(members.len(), 1, "{members:?}");
    assert_eq!(members[0].id.as_deref(), Some(jane.as_str()));
    let of_jane = orgs.groups_of_member(&acme, &jane).all().await.unwrap();
    assert_eq!(of_jane.len(), 1, "{of_jane:?}");
    assert_eq!(of_jane[0].name.as_deref(), Some("platform"));

    orgs.remove_group_member(&acme, &backend, &jane)
        .await
        .unwrap();
    assert!(
        orgs.group_members(&acme, &backend)
            .all()
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(orgs.member_count(&acme).await.unwrap(), 1, "still a member");

    orgs.delete_group(&acme, &engineering).await.unwrap();
    assert!(
        orgs.group(&acme, &backend)
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert!(orgs.groups(&acme).all().await.unwrap().is_empty());
}
