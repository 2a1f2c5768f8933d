use crate::{created_id, failure, server};
use keycloak_admin_api::types::{CredentialRepresentation, UserRepresentation};

fn user(name: &str) -> UserRepresentation {
    UserRepresentation {
        username: Some(name.into()),
        email: Some(format!("{name}@example.com")),
        first_name: Some("First".into()),
        last_name: Some("Last".into()),
        enabled: Some(true),
        ..Default::default()
    }
}

#[tokio::test]
async fn user_create_get_update_delete() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();

    let id = created_id(
        &kc.post_users()
            .realm(realm.name())
            .body(user("alice"))
            .send()
            .await
            .unwrap(),
    );
    let got = kc
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.id.as_deref(), Some(id.as_str()));
    assert_eq!(got.username.as_deref(), Some("alice"));
    assert_eq!(got.email.as_deref(), Some("alice@example.com"));

    let update = UserRepresentation {
        first_name: Some("Alicia".into()),
        ..got
    };
    kc.put_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .body(update)
        .send()
        .await
        .unwrap();
    let got = kc
        .get_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(got.first_name.as_deref(), Some("Alicia"));

    kc.delete_users_by_user_id()
        .realm(realm.name())
        .user_id(&id)
        .send()
        .await
        .unwrap();
    let (status, _) = failure(
        kc.get_users_by_user_id()
            .realm(realm.name())
            .user_id(&id)
            .send()
            .await
            .unwrap_err(),
    )
    .await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn a_password_set_by_the_admin_lets_the_user_log_in() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    let id = created_id(
        &kc.post_users()
            .realm(realm.name())
            .body(user("bob"))
            .send()
            .await
            .unwrap(),
    );
    let credential = CredentialRepresentation {
        type_: Some("password".into()),
        value: Some("s3cret-Pass".into()),
        temporary: Some(false),
        ..Default::default()
    };
    kc.put_users_reset_password()
        .realm(realm.name())
        .user_id(&id)
        .body(credential)
        .send()
        .await
        .unwrap();

    let token = reqwest::Client::new()
        .post(format!(
            "{}/realms/{}/protocol/openid-connect/token",
            server.base_url(),
            realm.name()
        ))
        .form(&[
            ("grant_type", "password"),
            ("client_id", "admin-cli"),
            ("username", "bob"),
            ("password", "s3cret-Pass"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(token.status(), 200, "{}", token.text().await.unwrap());
}

#[tokio::test]
async fn count_matches_created_users() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin_client();
    for i in 0..3 {
        kc.post_users()
            .realm(realm.name())
            .body(user(&format!("counted{i}")))
            .send()
            .await
            .unwrap();
    }
    let count = kc
        .get_users_count()
        .realm(realm.name())
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(count, 3);
}
