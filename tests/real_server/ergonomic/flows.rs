use super::{admin, person, user_login};
use crate::server;
use futures_util::TryStreamExt;

/// Flow 1: search users by first name, non-exact, in another realm as an admin logged in via master.
#[tokio::test]
async fn search_users_by_first_name_across_realms() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    for (u, f) in [
        ("jdoe", "Johnathan"),
        ("jsmith", "Johnny"),
        ("amiller", "Anna"),
    ] {
        users.create(person(u, f, "Tester")).await.unwrap();
    }
    let mut found: Vec<String> = users
        .list()
        .first_name("john")
        .exact(false)
        .stream()
        .map_ok(|u| u.username.unwrap())
        .try_collect()
        .await
        .unwrap();
    found.sort();
    assert_eq!(found, ["jdoe", "jsmith"]);
    let exact = users
        .list()
        .first_name("john")
        .exact(true)
        .all()
        .await
        .unwrap();
    assert!(exact.is_empty(), "exact match of `john` finds nobody");
}

/// Flows 2 and 8: create (id from Location), get by id, list, delete — the admin-cli password flow.
#[tokio::test]
async fn create_get_list_delete_users() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    let id = users
        .create(person("grace", "Grace", "Hopper"))
        .await
        .unwrap();
    let got = users.get(&id).await.unwrap();
    assert_eq!(
        (got.username.as_deref(), got.email.as_deref()),
        (Some("grace"), Some("grace@example.com"))
    );
    assert_eq!(users.list().all().await.unwrap().len(), 1);
    assert_eq!(users.id_by_username("grace").await.unwrap(), id);
    users.delete(&id).await.unwrap();
    assert!(users.get(&id).await.unwrap_err().is_not_found());
    assert!(
        users
            .id_by_username("grace")
            .await
            .unwrap_err()
            .is_not_found()
    );
}

/// Flow 3: find by username, change the password, and log in with the new one.
#[tokio::test]
async fn change_a_password_and_log_in_with_it() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    users.create(person("linus", "Linus", "T")).await.unwrap();
    let id = users
        .find_by_username("linus")
        .await
        .unwrap()
        .unwrap()
        .id
        .unwrap();
    users
        .set_password(&id, "first-Passw0rd", false)
        .await
        .unwrap();
    users
        .set_password(&id, "second-Passw0rd", false)
        .await
        .unwrap();
    assert!(
        user_login(server, realm.name(), "linus", "second-Passw0rd")
            .await
            .is_ok()
    );
    let (status, body) = user_login(server, realm.name(), "linus", "first-Passw0rd")
        .await
        .unwrap_err();
    assert_eq!(
        (status, body["error"].as_str()),
        (
            crate::versions::wrong_password_status(crate::versions::version().await),
            Some("invalid_grant")
        ),
        "{body}"
    );
}

/// Flow 4: a temporary password means UPDATE_PASSWORD, and the server refuses a direct login.
#[tokio::test]
async fn a_temporary_password_requires_an_update() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    let id = users.create(person("temp", "Tem", "Porary")).await.unwrap();
    users
        .set_password(&id, "Temp-Passw0rd", true)
        .await
        .unwrap();
    let got = users.get(&id).await.unwrap();
    assert_eq!(
        got.required_actions.unwrap_or_default(),
        ["UPDATE_PASSWORD"]
    );
    let (status, body) = user_login(server, realm.name(), "temp", "Temp-Passw0rd")
        .await
        .unwrap_err();
    assert_eq!(status, 400);
    assert_eq!(body["error_description"], "Account is not fully set up");
}

/// Flow 6 (part): enable/disable, count, credentials list and delete, sessions, groups, logout.
#[tokio::test]
async fn user_lifecycle_details() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let r = kc.realm(realm.name());
    let users = r.users();
    let id = users.create(person("ops", "Op", "S")).await.unwrap();
    users
        .set_password(&id, "Ops-Passw0rd", false)
        .await
        .unwrap();
    assert_eq!(users.count().await.unwrap(), 1);

    users.set_enabled(&id, false).await.unwrap();
    assert_eq!(users.get(&id).await.unwrap().enabled, Some(false));
    assert!(
        user_login(server, realm.name(), "ops", "Ops-Passw0rd")
            .await
            .is_err(),
        "a disabled user cannot log in"
    );
    users.set_enabled(&id, true).await.unwrap();

    user_login(server, realm.name(), "ops", "Ops-Passw0rd")
        .await
        .unwrap();
    assert_eq!(users.sessions(&id).all().await.unwrap().len(), 1);
    users.logout(&id).await.unwrap();
    assert!(users.sessions(&id).all().await.unwrap().is_empty());
    assert!(users.consents(&id).await.unwrap().is_empty());

    let creds = users.credentials(&id).all().await.unwrap();
    assert_eq!(
        creds
            .iter()
            .filter_map(|c| c.type_.as_deref())
            .collect::<Vec<_>>(),
        ["password"]
    );
    users
        .delete_credential(&id, creds[0].id.as_deref().unwrap())
        .await
        .unwrap();
    assert!(users.credentials(&id).all().await.unwrap().is_empty());

    let group = r
        .groups()
        .create(keycloak_admin::types::GroupRepresentation {
            name: Some("ops-team".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    r.groups().add_member(&group, &id).await.unwrap();
    assert_eq!(
        users
            .groups(&id)
            .all()
            .await
            .unwrap()
            .iter()
            .filter_map(|g| g.name.as_deref())
            .collect::<Vec<_>>(),
        ["ops-team"]
    );
    let members: Vec<_> = r
        .groups()
        .members(&group)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(members.len(), 1);
    r.groups().remove_member(&group, &id).await.unwrap();
    assert!(users.groups(&id).all().await.unwrap().is_empty());

    // No SMTP server: Keycloak refuses to send, and says so.
    let err = users
        .execute_actions_email(&id, vec!["UPDATE_PASSWORD".into()])
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    assert!(
        err.to_string()
            .contains("Failed to send execute actions email"),
        "{err}"
    );
    let err = users.send_verify_email(&id).await.unwrap_err();
    assert!(
        err.to_string().contains("Failed to send verify email"),
        "{err}"
    );
}

/// `ensure` creates once; a second call finds the user.
#[tokio::test]
async fn ensure_a_user_is_idempotent() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    let (id, created) = users.ensure(person("once", "On", "Ce")).await.unwrap();
    assert!(created);
    let (again, created) = users.ensure(person("once", "On", "Ce")).await.unwrap();
    assert_eq!((again, created), (id, false));
    assert_eq!(users.count().await.unwrap(), 1);
}
