//! Fine-grained admin permissions v2 through their handle: a realm user who is
//! granted "view" on Users may read users through the admin API; another may
//! not. Releases without the feature say so in one `Unsupported`.

use super::person;
use crate::server;
use keycloak_admin::{Credentials, Feature, KeycloakAdmin, NewPermission, NewPolicy};

async fn login(server: &keycloak_testkit::Server, realm: &str, user: &str) -> KeycloakAdmin {
    KeycloakAdmin::builder(server.base_url())
        .realm(realm)
        .credentials(Credentials::password(user, "Passw0rd-Passw0rd").via_client("admin-cli", None))
        .connect()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_granted_view_lets_one_user_read_users_and_not_another() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let caps = kc.server().await.unwrap();
    let handle = kc.realm(realm.name());
    let admin = handle.admin_permissions();

    if !caps.is_enabled(Feature::AdminPermissionsV2) {
        let err = admin.enable().await.unwrap_err();
        assert!(err.is_unsupported(), "{err:?}");
        assert!(
            err.to_string().contains("ADMIN_FINE_GRAINED_AUTHZ_V2"),
            "{err}"
        );
        assert!(caps.version() < keycloak_admin::Version::new(26, 2, 0));
        return;
    }
    assert!(!admin.is_enabled().await.unwrap());
    admin.enable().await.unwrap();
    assert!(admin.is_enabled().await.unwrap());

    let users = handle.users();
    let mut ids = Vec::new();
    for name in ["helpdesk", "visitor"] {
        let id = users.create(person(name, "A", "B")).await.unwrap();
        users
            .set_password(&id, "Passw0rd-Passw0rd", false)
            .await
            .unwrap();
        ids.push(id);
    }
    let authz = admin.authorization().await.unwrap();
    let policy = authz
        .create_policy(NewPolicy::users("helpdesk", [ids[0].as_str()]))
        .await
        .unwrap();
    authz
        .create_permission(
            NewPermission::scope("helpdesk views users")
                .resource_type("Users")
                .scopes(["view"])
                .policies([policy.as_str()]),
        )
        .await
        .unwrap();

    let as_helpdesk = login(server, realm.name(), "helpdesk").await;
    let seen = as_helpdesk
        .realm(realm.name())
        .users()
        .list()
        .all()
        .await
        .unwrap();
    assert_eq!(seen.len(), 2, "{seen:?}");
    let as_visitor = login(server, realm.name(), "visitor").await;
    let err = as_visitor
        .realm(realm.name())
        .users()
        .get(&ids[0])
        .await
        .unwrap_err();
    assert!(err.is_forbidden(), "{err:?}");
}
