//! UMA against the real server: resource sets through the protection API, then
//! decisions and RPTs under a policy that grants alice and not bob.

use super::{Fixture, confidential};
use keycloak_admin::types::PolicyRepresentation;
use keycloak_oidc::{Decision, ExposeSecret, OidcClient, Resource, ResourceQuery, SecretString};

/// A resource server `rs` (confidential, authorization enabled); returns its internal id and client.
async fn resource_server(fx: &Fixture) -> (String, OidcClient) {
    let mut rep = confidential("rs", "rs-secret");
    rep["authorizationServicesEnabled"] = true.into();
    let uuid = fx.client(rep).await;
    (uuid, fx.oidc("rs", Some("rs-secret")))
}

#[tokio::test]
async fn resource_sets_round_trip() {
    let fx = Fixture::new().await;
    let (_, rs) = resource_server(&fx).await;
    let sets = rs.uma().resource_sets();

    let created = sets
        .create(
            &Resource::new("Invoice 7")
                .kind("urn:rs:invoice")
                .uri("/invoices/7")
                .scopes(["read", "write"]),
        )
        .await
        .unwrap();
    let id = created.id.clone().expect("an id");
    assert_eq!(created.scope_names(), ["read", "write"]);
    let mut listed = sets.list().await.unwrap();
    let mut default = Vec::new();
    if crate::versions::authz_creates_a_default_resource(crate::versions::version().await) {
        let at = listed
            .iter()
            .position(|x| *x != id)
            .expect("a default resource");
        let extra = listed.remove(at);
        assert_eq!(sets.get(&extra).await.unwrap().name, "Default Resource");
        default.push(extra);
    }
    assert_eq!(listed, vec![id.clone()]);

    let got = sets.get(&id).await.unwrap();
    assert_eq!(
        (got.name.as_str(), got.kind.as_deref()),
        ("Invoice 7", Some("urn:rs:invoice"))
    );
    assert_eq!(got.uris, ["/invoices/7"]);

    let mut changed = got.clone();
    changed.display_name = Some("Invoice #7".into());
    changed.uris = vec!["/invoices/7".into(), "/v2/invoices/7".into()];
    sets.update(&id, &changed).await.unwrap();
    let got = sets.get(&id).await.unwrap();
    assert_eq!(got.display_name.as_deref(), Some("Invoice #7"));
    assert_eq!(got.uris.len(), 2);

    let found = sets
        .query(&ResourceQuery::name("Invoice 7").exact())
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id.as_deref(), Some(id.as_str()));
    assert_eq!(found[0].scope_names(), ["read", "write"]);
    assert!(
        sets.query(&ResourceQuery::name("Invoice").exact())
            .await
            .unwrap()
            .is_empty()
    );

    sets.delete(&id).await.unwrap();
    assert_eq!(
        sets.list().await.unwrap(),
        default,
        "only the release's default resource is left"
    );
    let gone = sets.get(&id).await.unwrap_err();
    assert_eq!(gone.status(), Some(404), "{gone}");
}

#[tokio::test]
async fn has_access_follows_the_policy() {
    let fx = Fixture::new().await;
    let (uuid, rs) = resource_server(&fx).await;
    rs.uma()
        .resource_sets()
        .create(&Resource::new("Doc").scopes(["read", "write"]))
        .await
        .unwrap();

    // Admin side: a user policy for alice and a scope permission Doc#read under it.
    let api = fx.kc.api();
    let alice = fx
        .kc
        .realm(fx.name())
        .users()
        .id_by_username("alice")
        .await
        .unwrap();
    let mut only_alice = PolicyRepresentation {
        name: Some("only-alice".into()),
        ..Default::default()
    };
    only_alice
        .extra
        .insert("users".into(), serde_json::json!([alice]));
    api.post_clients_authz_resource_server_policy_by_type()
        .realm(fx.name())
        .client_uuid(&uuid)
        .type_("user")
        .body(only_alice)
        .send()
        .await
        .unwrap();
    let mut read_doc = PolicyRepresentation {
        name: Some("read-doc".into()),
        policies: Some(vec!["only-alice".into()]),
        ..Default::default()
    };
    read_doc
        .extra
        .insert("resources".into(), serde_json::json!(["Doc"]));
    read_doc
        .extra
        .insert("scopes".into(), serde_json::json!(["read"]));
    api.post_clients_authz_resource_server_permission_by_type()
        .realm(fx.name())
        .client_uuid(&uuid)
        .type_("scope")
        .body(read_doc)
        .send()
        .await
        .unwrap();

    let alice = rs.password("alice", "alice-pw").await.unwrap().access_token;
    let bob = rs.password("bob", "bob-pw").await.unwrap().access_token;
    let uma = rs.uma();
    assert_eq!(
        uma.has_access(&alice, "Doc#read").await.unwrap(),
        Decision::Granted
    );
    assert_eq!(
        uma.has_access(&bob, "Doc#read").await.unwrap(),
        Decision::Denied
    );
    assert_eq!(
        uma.has_access(&alice, "Doc#write").await.unwrap(),
        Decision::Denied
    );
    let garbage = SecretString::from("not-a-token");
    assert_eq!(
        uma.has_access(&garbage, "Doc#read").await.unwrap(),
        Decision::NotAuthenticated
    );
    let unknown = uma.has_access(&alice, "Nope#read").await.unwrap_err();
    assert_eq!(unknown.oauth_code(), Some("invalid_resource"), "{unknown}");

    let granted = uma.permissions(&alice, &["Doc#read"]).await.unwrap();
    assert_eq!(granted.len(), 1);
    assert_eq!(granted[0].resource_name.as_deref(), Some("Doc"));
    assert_eq!(granted[0].scopes, ["read"]);

    let rpt = uma.rpt(&alice, &["Doc#read"]).await.unwrap();
    let claims =
        keycloak_oidc::dangerous::decode_unverified(rpt.access_token.expose_secret()).unwrap();
    let perms = &claims.extra["authorization"]["permissions"];
    assert_eq!(perms[0]["rsname"], "Doc", "{perms}");
    let refused = uma.rpt(&bob, &["Doc#read"]).await.unwrap_err();
    assert_eq!(
        (refused.status(), refused.oauth_code()),
        (Some(403), Some("access_denied"))
    );
}
