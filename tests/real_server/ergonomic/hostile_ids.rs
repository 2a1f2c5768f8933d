//! Ids and names from untrusted input cannot reach another route: `..` once
//! deleted a whole realm. Dot segments and empty values are refused before
//! anything is sent; every other value (backslashes, `%2e%2e`) is one encoded
//! segment that names no resource. After every attempt both realms are intact.
//! (`keycloak-admin-api`'s unit tests walk every operation and parameter.)

use super::{admin, person};
use crate::server;
use keycloak_admin::{Error, KeycloakAdmin};

async fn intact(kc: &KeycloakAdmin, realm: &str, other: &str, users: u64) {
    for r in [realm, other] {
        let got = kc
            .realm(r)
            .get()
            .await
            .unwrap_or_else(|e| panic!("realm {r}: {e}"));
        assert_eq!(got.realm.as_deref(), Some(r));
    }
    assert_eq!(kc.realm(realm).users().count().await.unwrap(), users);
}

fn refused(result: Result<impl std::fmt::Debug, Error>, what: &str) {
    match result {
        Err(Error::InvalidInput(msg)) => assert!(msg.contains("refused"), "{what}: {msg}"),
        other => panic!("{what}: expected InvalidInput, got {other:?}"),
    }
}

#[tokio::test]
async fn dot_and_empty_ids_are_refused_and_the_realm_survives() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let other = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    users.create(person("keeper", "Kee", "Per")).await.unwrap();

    for id in ["..", ".", ""] {
        refused(users.delete(id).await, &format!("users().delete({id:?})"));
        refused(users.get(id).await, &format!("users().get({id:?})"));
        refused(
            kc.realm(realm.name()).roles().delete(id).await,
            &format!("roles().delete({id:?})"),
        );
        refused(
            kc.realm(realm.name()).groups().delete(id).await,
            &format!("groups().delete({id:?})"),
        );
        refused(
            kc.realm(id).users().count().await,
            &format!("realm({id:?})"),
        );
        refused(
            kc.realm(id).delete().await,
            &format!("realm({id:?}).delete()"),
        );
        // The generated client directly: the same rule, before anything is sent.
        let raw = kc
            .api()
            .delete_users_by_user_id()
            .realm(realm.name())
            .user_id(id)
            .send()
            .await;
        assert!(
            matches!(raw, Err(keycloak_admin_api::Error::InvalidRequest(ref m)) if m.contains("user_id")),
            "{raw:?}"
        );
    }
    intact(&kc, realm.name(), other.name(), 1).await;
}

#[tokio::test]
async fn backslashes_and_encoded_dots_stay_one_segment() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let other = server.new_realm().await.unwrap();
    let kc = admin(server).await;
    let users = kc.realm(realm.name()).users();
    users.create(person("keeper", "Kee", "Per")).await.unwrap();

    let escape = format!("..\\..\\{}", other.name());
    for id in [
        escape.as_str(),
        "..\\..",
        "x\\..",
        "%2e%2e",
        "%2E%2E%5C%2E%2E",
        ".%2e",
        "...",
    ] {
        let e = users.delete(id).await.unwrap_err();
        assert!(e.is_not_found(), "users().delete({id:?}): {e}");
        let e = kc.realm(realm.name()).roles().delete(id).await.unwrap_err();
        assert!(e.is_not_found(), "roles().delete({id:?}): {e}");
        // A realm named like this does not exist: 404 (or 403 for a name the
        // admin has no role for), never another realm's answer.
        let e = kc.realm(id).users().count().await.unwrap_err();
        assert!(matches!(e.status(), Some(404 | 403)), "realm({id:?}): {e}");
    }
    intact(&kc, realm.name(), other.name(), 1).await;
}
