//! The blocking facades in plain `fn` tests: no async runtime in the test
//! itself. Only the harness starts the server on a runtime of its own.

use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_oidc::Grant;
use keycloak_testkit::{Server, TestRealm};

/// The shared server and a fresh realm, set up on a runtime that is then left alone.
fn setup() -> (&'static Server, TestRealm, tokio::runtime::Runtime) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let server = rt
        .block_on(Server::shared())
        .unwrap_or_else(|e| panic!("{e}"));
    let realm = rt.block_on(server.new_realm()).unwrap();
    (server, realm, rt)
}

/// The blocking client, logged in as the server's bootstrap admin.
fn admin(server: &Server) -> keycloak_admin::blocking::KeycloakAdmin {
    keycloak_admin::blocking::KeycloakAdmin::connect(
        KeycloakAdmin::builder(server.base_url())
            .auth_realm("master")
            .credentials(Credentials::password(
                server.admin_username(),
                server.admin_password(),
            )),
    )
    .unwrap()
}

#[test]
fn password_grant_userinfo_and_an_admin_list_without_a_runtime() {
    let (server, realm, _rt) = setup();
    let r = realm.name();
    let kc = admin(server);
    let users = kc.realm(r).users();
    let id = users
        .create(UserRepresentation {
            username: Some("sync-user".into()),
            email: Some("sync-user@example.com".into()),
            first_name: Some("Sync".into()),
            last_name: Some("User".into()),
            enabled: Some(true),
            ..Default::default()
        })
        .unwrap();
    users.set_password(&id, "sync-pw", false).unwrap();
    // admin-cli's access tokens are lightweight (userinfo refuses them): a client
    // of our own, through the same handle shape as the async client's.
    let script: keycloak_admin::types::ClientRepresentation = serde_json::from_value(
        serde_json::json!({"clientId": "script", "publicClient": true, "directAccessGrantsEnabled": true}),
    )
    .unwrap();
    kc.realm(r).clients().create(script).unwrap();

    let oidc = keycloak_oidc::blocking::OidcClient::new(
        keycloak_oidc::OidcClient::builder(server.base_url(), r, "script")
            .build()
            .unwrap(),
    )
    .unwrap();
    let password = Grant::Password {
        username: "sync-user",
        password: "sync-pw",
        totp: None,
    };
    let tokens = oidc.grant(password, &[("scope", "openid")]).unwrap();
    let me = oidc.userinfo(&tokens.access_token).unwrap();
    assert_eq!(me.preferred_username.as_deref(), Some("sync-user"));
    assert_eq!(me.email.as_deref(), Some("sync-user@example.com"));
    let claims = oidc.verify_access_token(&tokens.access_token).unwrap();
    assert_eq!(claims.sub.as_deref(), Some(id.as_str()));

    let listed = users.list().all().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id.as_deref(), Some(id.as_str()));
    assert_eq!(users.count().unwrap(), 1);
    let by_email: Vec<_> = users
        .list()
        .email("sync-user@example.com")
        .exact(true)
        .page_size(1)
        .stream()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(by_email.len(), 1);
    assert_eq!(users.list().email("nobody@example.com").count().unwrap(), 0);

    // Sub-handles and lists of other handles: roles, members, the generic `send`.
    let roles = kc.realm(r).roles();
    roles
        .create(keycloak_admin::NewRole::new("sync-auditor"))
        .unwrap();
    roles.assign_to_user(&id, &["sync-auditor"]).unwrap();
    let members = roles.members("sync-auditor").all().unwrap();
    assert_eq!(members[0].id.as_deref(), Some(id.as_str()));
    let mine = users
        .roles(&id)
        .realm()
        .stream()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert!(
        mine.iter()
            .any(|role| role.name.as_deref() == Some("sync-auditor"))
    );
    let profile = kc
        .send(kc.as_async().api().get_users_profile().realm(r))
        .unwrap();
    assert!(profile.attributes.is_some_and(|a| !a.is_empty()));

    let err = oidc.password("sync-user", "wrong").unwrap_err();
    assert_eq!(err.oauth_code(), Some("invalid_grant"));
}

/// The blocking twin of `create_many`: the same builder and outcomes, no
/// runtime in the caller; the server's count proves what was reported.
#[test]
fn bulk_create_without_a_runtime() {
    let (server, realm, _rt) = setup();
    let kc = admin(server);
    let users = kc.realm(realm.name()).users();
    let person = |i: usize| UserRepresentation {
        username: Some(format!("bulk-{i:03}")),
        // One address the user profile refuses.
        email: Some(if i == 7 {
            "not-an-email".into()
        } else {
            format!("bulk-{i:03}@example.com")
        }),
        first_name: Some("Bulk".into()),
        last_name: Some("User".into()),
        enabled: Some(true),
        ..Default::default()
    };
    let outcomes = users
        .create_many((0..30).map(person))
        .batch_size(8)
        .all()
        .unwrap();
    assert_eq!(outcomes.len(), 30);
    let failed: Vec<usize> = (0..30).filter(|i| outcomes[*i].is_err()).collect();
    assert_eq!(failed, [7], "{:?}", outcomes[7]);
    assert!(
        outcomes[7]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("email"),
        "{:?}",
        outcomes[7]
    );
    assert_eq!(users.count().unwrap(), 29);

    // Again, streamed: every user exists now and is skipped.
    let again: Vec<_> = users
        .create_many((0..30).filter(|i| *i != 7).map(person))
        .stream()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(again.len(), 29);
    assert!(again.iter().all(|(_, o)| matches!(
        o,
        Ok(w) if w.action == keycloak_admin::WriteAction::Skipped
    )));
    assert_eq!(users.count().unwrap(), 29);
}

#[test]
fn inside_a_runtime_the_facades_refuse_instead_of_panicking() {
    let (server, realm, rt) = setup();
    let oidc = keycloak_oidc::blocking::OidcClient::new(
        keycloak_oidc::OidcClient::builder(server.base_url(), realm.name(), "admin-cli")
            .build()
            .unwrap(),
    )
    .unwrap();
    let err = rt.block_on(async { oidc.password("x", "y") }).unwrap_err();
    assert!(err.to_string().contains("inside an async runtime"), "{err}");

    let kc = keycloak_admin::blocking::KeycloakAdmin::connect(
        KeycloakAdmin::builder(server.base_url()).credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        )),
    )
    .unwrap();
    let users = kc.realm(realm.name()).users();
    let err = rt.block_on(async { users.count() }).unwrap_err();
    assert!(err.to_string().contains("inside an async runtime"), "{err}");
    let mut iter = users.list().stream();
    let first = rt.block_on(async { iter.next() });
    assert!(matches!(first, Some(Err(ref e)) if e.to_string().contains("inside an async runtime")));
    assert!(
        iter.next().is_none(),
        "the iterator ends after its one error"
    );
}

/// Methods the hand-kept mirror once lacked, now generated: the kdb
/// service-account flow and a partial export, with no runtime in the caller;
/// the client they registered logs in with its secret.
#[test]
fn service_account_and_partial_export_without_a_runtime() {
    use keycloak_admin::{ExposeSecret, ServiceAccountClient};
    let (server, realm, _rt) = setup();
    let r = realm.name();
    let kc = admin(server);
    kc.realm(r)
        .roles()
        .create(keycloak_admin::NewRole::new("reports-reader"))
        .unwrap();
    let clients = kc.realm(r).clients();
    let registered = clients
        .register_service_account(
            ServiceAccountClient::new("sync-ingest")
                .realm_roles(["reports-reader"])
                .token_lifespan(120),
        )
        .unwrap();
    assert_eq!(registered.client_id, "sync-ingest");
    // Idempotent by clientId: the same client again.
    let again = clients
        .register_service_account(ServiceAccountClient::new("sync-ingest"))
        .unwrap();
    assert_eq!(again.uuid, registered.uuid);

    let oidc = keycloak_oidc::blocking::OidcClient::new(
        keycloak_oidc::OidcClient::builder(server.base_url(), r, "sync-ingest")
            .client_secret(again.secret.expose_secret())
            .build()
            .unwrap(),
    )
    .unwrap();
    let tokens = oidc.grant(Grant::ClientCredentials, &[]).unwrap();
    let claims = oidc.verify_access_token(&tokens.access_token).unwrap();
    assert_eq!(claims.azp.as_deref(), Some("sync-ingest"));

    let export = kc.realm(r).partial_export(true, true).unwrap();
    assert_eq!(export.realm.as_deref(), Some(r));
    let exported = export.clients.unwrap_or_default();
    assert!(
        exported
            .iter()
            .any(|c| c.client_id.as_deref() == Some("sync-ingest")),
        "the registered client is in the export"
    );
    let roles = export.roles.and_then(|r| r.realm).unwrap_or_default();
    assert!(
        roles
            .iter()
            .any(|role| role.name.as_deref() == Some("reports-reader"))
    );
}

/// A blocking client made, used and dropped inside async code: each call is
/// refused with an error, and dropping it (its own runtime with it) does not
/// panic — tokio panics when a runtime is dropped where blocking is not
/// allowed, so the client shuts it down in the background there.
#[test]
fn built_used_and_dropped_inside_a_runtime_without_a_panic() {
    let (server, realm, rt) = setup();
    let builder = || {
        KeycloakAdmin::builder(server.base_url()).credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
    };
    rt.block_on(async {
        // `connect` logs in at once: refused here, and its client is dropped
        // on the error path inside this runtime.
        let err = keycloak_admin::blocking::KeycloakAdmin::connect(builder()).unwrap_err();
        assert!(err.to_string().contains("inside an async runtime"), "{err}");

        let kc = keycloak_admin::blocking::KeycloakAdmin::new(builder().build().unwrap()).unwrap();
        let err = kc.realm(realm.name()).users().count().unwrap_err();
        assert!(err.to_string().contains("inside an async runtime"), "{err}");
        let handles = kc.realm(realm.name()).users();
        drop(kc);
        drop(handles); // the last owner of the runtime

        // The OIDC facade the same way.
        let oidc = keycloak_oidc::blocking::OidcClient::new(
            keycloak_oidc::OidcClient::builder(server.base_url(), realm.name(), "admin-cli")
                .build()
                .unwrap(),
        )
        .unwrap();
        let err = oidc.password("x", "y").unwrap_err();
        assert!(err.to_string().contains("inside an async runtime"), "{err}");
        drop(oidc);
    });
}
