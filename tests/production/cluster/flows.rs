//! The flows users run, through nginx (TLS from the test CA, `/auth`): every
//! admin login kind, CRUD, bulk create, streams, OIDC grants and local
//! verification against the proxy's issuer, UMA — and the proxy's log shows
//! both nodes served.

use super::lock;
use futures_util::TryStreamExt;
use keycloak_admin::types::{ClientRepresentation, PolicyRepresentation};
use keycloak_admin::{Credentials, NewUser, ServiceAccountClient};
use keycloak_oidc::{Decision, ExposeSecret, OidcClient, Resource};

#[tokio::test]
async fn every_login_kind_and_the_admin_flows_work_through_the_tls_proxy_under_a_path() {
    let t = lock().await;
    let url = t.cluster.url().to_string();
    assert!(
        url.starts_with("https://localhost:") && url.ends_with("/auth"),
        "{url}"
    );

    // Password login (master admin) through the proxy; the realm to manage.
    let kc = t.admin();
    let app = t.new_realm("app").await;
    let users = kc.realm(&app).users();

    // Bulk create, then the database's own count.
    let outcomes = users.create_many(crate::people("u", 300)).await.unwrap();
    crate::assert_all_created(&outcomes, 300);
    assert_eq!(t.user_rows(&app), 300);

    // Streams, full and brief, small pages: every user once.
    for brief in [false, true] {
        let read: Vec<_> = users
            .list()
            .brief(brief)
            .page_size(40)
            .stream()
            .try_collect()
            .await
            .unwrap();
        let mut names: Vec<_> = read.iter().filter_map(|u| u.username.clone()).collect();
        names.sort();
        names.dedup();
        assert_eq!((read.len(), names.len()), (300, 300), "brief={brief}");
    }

    // CRUD, checked in the database.
    let id = users
        .create(
            NewUser::new("crud")
                .email("crud@example.com")
                .name("Crud", "User"),
        )
        .await
        .unwrap();
    let mut user = users.get(&id).await.unwrap();
    user.first_name = Some("Ada".into());
    users.update(&id, user).await.unwrap();
    assert_eq!(
        t.sql(&format!(
            "select first_name from user_entity where id = '{id}'"
        )),
        "Ada"
    );
    users.set_password(&id, "crud-pw", false).await.unwrap();

    // Client credentials: a service account of master with its admin role.
    let service = kc
        .realm("master")
        .clients()
        .register_service_account(
            ServiceAccountClient::new(format!("ops-{app}")).realm_roles(["admin"]),
        )
        .await
        .unwrap();
    let as_service = t
        .builder(&url)
        .credentials(Credentials::client_credentials(
            &service.client_id,
            service.secret.expose_secret(),
        ))
        .build()
        .unwrap();
    assert_eq!(as_service.realm(&app).users().count().await.unwrap(), 301);

    // A user of `app` itself (not master) with realm-management roles.
    let clients = kc.realm(&app).clients();
    let realm_management = clients
        .find_by_client_id("realm-management")
        .await
        .unwrap()
        .and_then(|c| c.id)
        .expect("realm-management exists");
    let ops = users
        .create(
            NewUser::new("ops")
                .email("ops@example.com")
                .name("Ops", "Admin"),
        )
        .await
        .unwrap();
    users.set_password(&ops, "ops-pw", false).await.unwrap();
    clients
        .roles(&realm_management)
        .assign_to_user(&ops, &["view-users", "manage-users"])
        .await
        .unwrap();
    let as_ops = t
        .builder(&url)
        .auth_realm(&app)
        .credentials(Credentials::password("ops", "ops-pw"))
        .build()
        .unwrap();
    let found = as_ops
        .realm(&app)
        .users()
        .find_by_username("crud")
        .await
        .unwrap();
    assert_eq!(found.and_then(|u| u.id).as_deref(), Some(id.as_str()));
    let master = as_ops.realm("master").users().count().await.unwrap_err();
    assert_eq!(
        master.status(),
        Some(403),
        "an app admin is not a master admin: {master}"
    );

    // OIDC: a confidential client, grants through the proxy, tokens verified
    // locally against the proxy's issuer (its JWKS fetched through the proxy).
    let rep: ClientRepresentation = serde_json::from_value(serde_json::json!({
        "clientId": "web",
        "publicClient": false,
        "secret": "web-secret",
        "directAccessGrantsEnabled": true,
        "serviceAccountsEnabled": true,
        "authorizationServicesEnabled": true,
    }))
    .unwrap();
    let web_uuid = clients.create(rep).await.unwrap();
    let oidc = OidcClient::builder(&url, &app, "web")
        .client_secret("web-secret")
        .http_client(t.http())
        .build()
        .unwrap();
    let discovered = oidc.discovery().await.unwrap();
    assert_eq!(discovered.issuer, format!("{url}/realms/{app}"));
    let tokens = oidc.password("crud", "crud-pw").await.unwrap();
    let claims = oidc
        .verify_access_token(&tokens.access_token)
        .await
        .unwrap();
    assert_eq!(claims.iss, discovered.issuer);
    let refresh = tokens.refresh_token.expect("a refresh token");
    let again = oidc.refresh(&refresh).await.unwrap();
    oidc.verify_access_token(&again.access_token).await.unwrap();
    let service_tokens = oidc.client_credentials().await.unwrap();
    oidc.verify_access_token(&service_tokens.access_token)
        .await
        .unwrap();

    // UMA: a resource through the protection API, a policy for `crud` only.
    let uma = oidc.uma();
    uma.resource_sets()
        .create(&Resource::new("Doc").scopes(["read"]))
        .await
        .unwrap();
    let mut only_crud = PolicyRepresentation {
        name: Some("only-crud".into()),
        ..Default::default()
    };
    only_crud
        .extra
        .insert("users".into(), serde_json::json!([id]));
    let api = kc.api();
    api.post_clients_authz_resource_server_policy_by_type()
        .realm(&app)
        .client_uuid(&web_uuid)
        .type_("user")
        .body(only_crud)
        .send()
        .await
        .unwrap();
    let mut read_doc = PolicyRepresentation {
        name: Some("read-doc".into()),
        policies: Some(vec!["only-crud".into()]),
        ..Default::default()
    };
    read_doc
        .extra
        .insert("resources".into(), serde_json::json!(["Doc"]));
    read_doc
        .extra
        .insert("scopes".into(), serde_json::json!(["read"]));
    api.post_clients_authz_resource_server_permission_by_type()
        .realm(&app)
        .client_uuid(&web_uuid)
        .type_("scope")
        .body(read_doc)
        .send()
        .await
        .unwrap();
    let ops_token = oidc.password("ops", "ops-pw").await.unwrap().access_token;
    let fresh = oidc.password("crud", "crud-pw").await.unwrap().access_token;
    assert_eq!(
        uma.has_access(&fresh, "Doc#read").await.unwrap(),
        Decision::Granted
    );
    assert_eq!(
        uma.has_access(&ops_token, "Doc#read").await.unwrap(),
        Decision::Denied
    );

    // Delete, and the database agrees.
    users.delete(&id).await.unwrap();
    assert_eq!(t.user_rows(&app), 301, "300 bulk + ops");

    // nginx passed requests to both nodes.
    let log = std::fs::read_to_string(t.cluster.proxy_log()).unwrap();
    for i in 0..t.cluster.nodes() {
        let node = t.cluster.node_url(i);
        let addr = node.trim_start_matches("http://").trim_end_matches("/auth");
        assert!(
            log.contains(addr),
            "node {i} ({addr}) served nothing through the proxy"
        );
    }
}
