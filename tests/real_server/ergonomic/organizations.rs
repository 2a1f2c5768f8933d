//! Organizations through their handle: an organization with two members (one
//! added, one invited by email), its linked identity provider, search, count.

use crate::server;
use keycloak_admin::types::IdentityProviderRepresentation;
use keycloak_admin::{NewOrganization, NewUser, Version};

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
