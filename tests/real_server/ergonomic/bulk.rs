//! Bulk create through `partialImport`: every good item lands, every bad one
//! has its own error, nothing is reported created that the server does not
//! count, and existing items are skipped, updated in place or refused.

use crate::server;
use keycloak_admin::types::{
    ClientRepresentation, CredentialRepresentation, GroupRepresentation, RealmRepresentation,
    RoleRepresentation, UserRepresentation,
};
use keycloak_admin::{IfExists, NewUser, WriteAction, Written};

fn user(i: usize) -> UserRepresentation {
    NewUser::new(format!("bulk{i:04}"))
        .email(format!("bulk{i:04}@example.com"))
        .name("Bulk", "User")
        .into()
}

fn actions(outcomes: &[keycloak_admin::Result<Written>]) -> (usize, usize, usize, usize) {
    let count = |a: WriteAction| {
        outcomes
            .iter()
            .filter(|o| o.as_ref().is_ok_and(|w| w.action == a))
            .count()
    };
    (
        count(WriteAction::Created),
        count(WriteAction::Skipped),
        count(WriteAction::Overwritten),
        outcomes.iter().filter(|o| o.is_err()).count(),
    )
}

#[tokio::test]
async fn a_thousand_users_with_ten_bad_ones() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let realm = kc.realm(realm.name());
    realm
        .update(RealmRepresentation {
            password_policy: Some("length(8)".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    let users = realm.users();
    // Someone who already has an email a new user will ask for.
    users
        .create(
            NewUser::new("incumbent")
                .email("taken@example.com")
                .name("In", "Cumbent"),
        )
        .await
        .unwrap();

    let mut input: Vec<UserRepresentation> = (0..990).map(user).collect();
    let password = |value: &str| {
        Some(vec![CredentialRepresentation {
            type_: Some("password".into()),
            value: Some(value.into()),
            temporary: Some(false),
            ..Default::default()
        }])
    };
    let bad: Vec<(UserRepresentation, &str)> = vec![
        (
            NewUser::new("bad-email").email("not-an-email").into(),
            "email: error-invalid-email",
        ),
        (NewUser::new("ab").into(), "username: error-invalid-length"),
        (
            NewUser::new("with space").into(),
            "username: error-username-invalid-character",
        ),
        (
            NewUser::new("bad-name").name("<b>", "X").into(),
            "firstName: error-person-name-invalid-character",
        ),
        (
            NewUser::new("taken-email")
                .email("taken@example.com")
                .into(),
            "User exists with same email",
        ),
        (
            // The same email as an earlier item of this very input.
            NewUser::new("twin-email")
                .email("bulk0007@example.com")
                .into(),
            "User exists with same email",
        ),
        (
            NewUser::new("x".repeat(256)).into(),
            "username: error-invalid-length",
        ),
        (
            NewUser::new("jürgen").email("a..b@example.com").into(),
            "email: error-invalid-email",
        ),
        (
            UserRepresentation {
                credentials: password("short"),
                ..NewUser::new("weak-password").into()
            },
            "minimum length",
        ),
        (
            UserRepresentation {
                groups: Some(vec!["/no-such-group".into()]),
                ..NewUser::new("lost-group").into()
            },
            // Keycloak 26.7.3 answers an unknown group with a bare 500.
            "500 Internal Server Error",
        ),
    ];
    // Spread them out: one in each tenth of the input.
    let mut where_bad = Vec::new();
    for (k, (u, _)) in bad.iter().enumerate() {
        let at = k * 99 + 13;
        input.insert(at, u.clone());
        where_bad.push(at);
    }
    assert_eq!(input.len(), 1000);
    // One good user carries a password the policy accepts.
    input[1].credentials = password("long-enough-1");

    let outcomes = users.create_many(input.clone()).await.unwrap();
    assert_eq!(outcomes.len(), 1000);
    for (k, at) in where_bad.iter().enumerate() {
        let err = outcomes[*at]
            .as_ref()
            .expect_err(&format!("item {at} is bad"));
        let expected = bad[k].1;
        assert!(
            err.to_string().contains(expected),
            "item {at} ({:?}): {err}",
            bad[k].0.username
        );
    }
    assert_eq!(actions(&outcomes), (990, 0, 0, 10));
    // Counted by the server: the 990 and the incumbent, no more.
    assert_eq!(users.count().await.unwrap(), 991);
    let first = outcomes[0].as_ref().unwrap();
    let stored = users.get(&first.id).await.unwrap();
    assert_eq!(stored.username.as_deref(), Some("bulk0000"));
    assert_eq!(stored.email.as_deref(), Some("bulk0000@example.com"));

    // Again, skipping what exists: nothing new, the same ids.
    let again = users
        .create_many(input.clone())
        .concurrency(4)
        .await
        .unwrap();
    assert_eq!(actions(&again), (0, 990, 0, 10));
    assert_eq!(again[0].as_ref().unwrap().id, first.id);
    assert_eq!(users.count().await.unwrap(), 991);

    // Overwrite: updated in place, same id, the server shows the change.
    let changed: Vec<UserRepresentation> = (0..5)
        .map(|i| UserRepresentation {
            first_name: Some("Changed".into()),
            ..user(i)
        })
        .collect();
    let written = users
        .create_many(changed)
        .if_exists(IfExists::Overwrite)
        .await
        .unwrap();
    assert_eq!(actions(&written), (0, 0, 5, 0));
    assert_eq!(written[0].as_ref().unwrap().id, first.id);
    assert_eq!(
        users.get(&first.id).await.unwrap().first_name.as_deref(),
        Some("Changed")
    );

    // Fail: each existing one is its own conflict; a new one still lands.
    let written = users
        .create_many([user(1), user(2000), user(3)])
        .if_exists(IfExists::Fail)
        .await
        .unwrap();
    assert!(written[0].as_ref().unwrap_err().is_conflict());
    assert_eq!(written[1].as_ref().unwrap().action, WriteAction::Created);
    assert!(written[2].as_ref().unwrap_err().is_conflict());
    assert_eq!(users.count().await.unwrap(), 992);
}

#[tokio::test]
async fn users_with_undeclared_attributes_are_reported_as_create_reports_them() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let users = kc.realm(realm.name()).users();
    let with_dept = |name: &str| -> UserRepresentation {
        NewUser::new(name)
            .email(format!("{name}@example.com"))
            .name("A", "B")
            .attribute("dept", ["ops"])
            .into()
    };
    let outcomes = users
        .create_many([with_dept("dropped1"), user(1)])
        .await
        .unwrap();
    let err = outcomes[0].as_ref().unwrap_err();
    assert_eq!(
        err.dropped_attributes(),
        Some(&["dept".to_string()][..]),
        "{err}"
    );
    assert_eq!(outcomes[1].as_ref().unwrap().action, WriteAction::Created);

    kc.realm(realm.name())
        .user_profile()
        .set_unmanaged_attributes(keycloak_admin::UnmanagedAttributes::Enabled)
        .await
        .unwrap();
    let outcomes = users
        .create_many([with_dept("kept1"), with_dept("kept2")])
        .await
        .unwrap();
    for o in &outcomes {
        let id = &o.as_ref().unwrap().id;
        let stored = users.get(id).await.unwrap();
        assert_eq!(
            stored.attributes.unwrap_or_default().get("dept"),
            Some(&vec!["ops".to_string()])
        );
    }
    assert_eq!(users.count().await.unwrap(), 4);
}

#[tokio::test]
async fn groups_roles_and_clients_in_bulk() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let realm = kc.realm(realm.name());

    // Groups: one with subgroups, one name twice, one refused alone.
    let groups = realm.groups();
    let mut input: Vec<GroupRepresentation> = (0..40)
        .map(|i| GroupRepresentation {
            name: Some(format!("team{i:02}")),
            ..Default::default()
        })
        .collect();
    input.push(GroupRepresentation {
        name: Some("parent".into()),
        sub_groups: Some(vec![GroupRepresentation {
            name: Some("child".into()),
            ..Default::default()
        }]),
        ..Default::default()
    });
    input.push(GroupRepresentation {
        name: Some("team05".into()),
        ..Default::default()
    });
    input.push(GroupRepresentation::default()); // no name
    let outcomes = groups.create_many(input.clone()).await.unwrap();
    assert_eq!(actions(&outcomes), (41, 1, 0, 1), "{outcomes:?}");
    assert_eq!(
        outcomes[41].as_ref().unwrap().id,
        outcomes[5].as_ref().unwrap().id,
        "the second `team05` meets the first"
    );
    assert_eq!(groups.count(true).await.unwrap(), 41);
    let child = groups.by_path("/parent/child").await.unwrap();
    assert_eq!(child.name.as_deref(), Some("child"));
    let again = groups.create_many(input).await.unwrap();
    assert_eq!(actions(&again), (0, 42, 0, 1));
    let renamed = groups
        .create_many([GroupRepresentation {
            name: Some("team01".into()),
            attributes: Some([("tier".to_string(), vec!["gold".to_string()])].into()),
            ..Default::default()
        }])
        .if_exists(IfExists::Overwrite)
        .await
        .unwrap();
    let id = &renamed[0].as_ref().unwrap().id;
    assert_eq!(
        renamed[0].as_ref().unwrap().action,
        WriteAction::Overwritten
    );
    assert_eq!(
        groups.get(id).await.unwrap().attributes.unwrap_or_default()["tier"],
        ["gold"]
    );

    // Realm roles.
    let roles = realm.roles();
    let before = roles.list().all().await.unwrap().len();
    let input: Vec<RoleRepresentation> = (0..30)
        .map(|i| RoleRepresentation {
            name: Some(format!("role{i:02}")),
            description: Some("bulk".into()),
            ..Default::default()
        })
        .collect();
    let outcomes = roles.create_many(input.clone()).await.unwrap();
    assert_eq!(actions(&outcomes), (30, 0, 0, 0));
    assert_eq!(roles.list().all().await.unwrap().len(), before + 30);
    assert_eq!(
        roles.get("role07").await.unwrap().id.as_ref(),
        Some(&outcomes[7].as_ref().unwrap().id)
    );
    let again = roles.create_many(input).await.unwrap();
    assert_eq!(actions(&again), (0, 30, 0, 0));

    // Clients.
    let clients = realm.clients();
    let before = clients.list().all().await.unwrap().len();
    let input: Vec<ClientRepresentation> = (0..20)
        .map(|i| ClientRepresentation {
            client_id: Some(format!("app{i:02}")),
            public_client: Some(true),
            ..Default::default()
        })
        .collect();
    let outcomes = clients.create_many(input.clone()).await.unwrap();
    assert_eq!(actions(&outcomes), (20, 0, 0, 0));
    assert_eq!(clients.list().all().await.unwrap().len(), before + 20);
    assert_eq!(
        clients.id_by_client_id("app03").await.unwrap(),
        outcomes[3].as_ref().unwrap().id
    );
    let again = clients
        .create_many(input)
        .if_exists(IfExists::Fail)
        .await
        .unwrap();
    assert_eq!(actions(&again), (0, 0, 0, 20));
    assert!(again.iter().all(|o| o.as_ref().unwrap_err().is_conflict()));
}

/// Partial import needs manage-realm; a loader with only manage-users (a
/// common service-account setup) still gets every user, one by one.
#[tokio::test]
async fn a_caller_without_manage_realm_still_creates_every_user() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let r = kc.realm(realm.name());
    r.clients()
        .create(ClientRepresentation {
            client_id: Some("loader-cli".into()),
            public_client: Some(true),
            direct_access_grants_enabled: Some(true),
            ..Default::default()
        })
        .await
        .unwrap();
    let loader = r
        .users()
        .create(super::person("loader", "Lo", "Ader"))
        .await
        .unwrap();
    r.users()
        .set_password(&loader, "Loader-Passw0rd", false)
        .await
        .unwrap();
    let rm = r
        .clients()
        .id_by_client_id("realm-management")
        .await
        .unwrap();
    super::assign_realm_management(
        &kc,
        realm.name(),
        &rm,
        &loader,
        &["manage-users", "view-users"],
    )
    .await;
    let as_loader = keycloak_admin::KeycloakAdmin::builder(server.base_url())
        .realm(realm.name())
        .credentials(
            keycloak_admin::Credentials::password("loader", "Loader-Passw0rd")
                .via_client("loader-cli", None),
        )
        .connect()
        .await
        .unwrap();
    let users = as_loader.realm(realm.name()).users();
    let outcomes = users.create_many((0..120).map(user)).await.unwrap();
    assert_eq!(
        actions(&outcomes),
        (120, 0, 0, 0),
        "{:?}",
        outcomes.iter().find(|o| o.is_err())
    );
    assert_eq!(r.users().count().await.unwrap(), 121);
    let again = users.create_many((0..120).map(user)).await.unwrap();
    assert_eq!(actions(&again), (0, 120, 0, 0));
}
