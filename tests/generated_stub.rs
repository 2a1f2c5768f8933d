//! What a real server cannot do on demand, against a stub: HTML error pages from a
//! proxy, empty bodies, fields and enum values from a newer Keycloak.

use keycloak_admin_api::types::{GroupRepresentation, PolicyRepresentation, UserRepresentation};
use keycloak_admin_api::{Client, Error, Hooks};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn stub(status: u16, body: &str, content_type: &str) -> (MockServer, Client) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), content_type),
        )
        .mount(&server)
        .await;
    let client = Client::new(&server.uri(), Hooks::none());
    (server, client)
}

async fn raw_failure(err: Error<()>) -> (u16, String) {
    match err {
        Error::UnexpectedResponse(resp) => {
            let status = resp.status().as_u16();
            (status, resp.text().await.unwrap())
        }
        other => panic!("expected the raw response, got {other:?}"),
    }
}

#[tokio::test]
async fn a_201_exposes_location() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/admin/realms/r/users"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "http://kc/admin/realms/r/users/0b5e"),
        )
        .mount(&server)
        .await;
    let client = Client::new(&server.uri(), Hooks::none());
    let resp = client
        .post_users()
        .realm("r")
        .body(UserRepresentation::default())
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status().as_u16(), 201);
    assert_eq!(
        resp.headers()["location"],
        "http://kc/admin/realms/r/users/0b5e"
    );
}

#[tokio::test]
async fn error_bodies_of_every_shape_reach_the_caller() {
    let cases = [
        (
            409,
            r#"{"errorMessage":"User exists with same username"}"#,
            "application/json",
        ),
        (401, "", "application/json"),
        (
            500,
            "<html><body><h1>502 Bad Gateway</h1></body></html>",
            "text/html",
        ),
    ];
    for (status, body, content_type) in cases {
        let (_server, client) = stub(status, body, content_type).await;
        let (got_status, got_body) =
            raw_failure(client.get_realm().realm("r").send().await.unwrap_err()).await;
        assert_eq!((got_status, got_body.as_str()), (status, body));
    }
}

#[tokio::test]
async fn empty_collections_are_sent_when_set() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri(), Hooks::none());
    let user = UserRepresentation {
        required_actions: Some(vec![]),
        attributes: Some(Default::default()),
        ..Default::default()
    };
    client
        .put_users_by_user_id()
        .realm("r")
        .user_id("u")
        .body(user)
        .send()
        .await
        .unwrap();
    let group = GroupRepresentation {
        attributes: Some(Default::default()),
        sub_groups: None,
        ..Default::default()
    };
    client
        .put_groups_by_group_id()
        .realm("r")
        .group_id("g")
        .body(group)
        .send()
        .await
        .unwrap();

    let sent: Vec<serde_json::Value> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| serde_json::from_slice(&r.body).unwrap())
        .collect();
    assert_eq!(sent[0], json!({"requiredActions": [], "attributes": {}}));
    assert_eq!(
        sent[1],
        json!({"attributes": {}}),
        "None is not sent at all"
    );
}

#[tokio::test]
async fn unknown_enum_values_and_unknown_fields_parse_and_survive_a_round_trip() {
    let newer = json!({
        "id": "p1",
        "name": "policy",
        "decisionStrategy": "SOME_FUTURE_STRATEGY",
        "logic": "POSITIVE",
        "fieldFromTheFuture": {"nested": [1, 2, 3]}
    });
    let policy: PolicyRepresentation = serde_json::from_value(newer.clone()).unwrap();
    assert_eq!(
        policy.decision_strategy.as_ref().map(|d| d.as_str()),
        Some("SOME_FUTURE_STRATEGY")
    );
    assert_eq!(
        policy.extra["fieldFromTheFuture"],
        json!({"nested": [1, 2, 3]})
    );
    assert_eq!(
        serde_json::to_value(&policy).unwrap(),
        newer,
        "a read-modify-write keeps what the spec does not know"
    );

    let (_server, client) = stub(
        200,
        &json!([{"username": "u", "brandNewField": true}]).to_string(),
        "application/json",
    )
    .await;
    let users = client
        .get_users()
        .realm("r")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(users[0].extra["brandNewField"], json!(true));
}

/// A hook that counts its calls and always asks for a re-send after a 401.
struct CountingHook {
    prepared: std::sync::atomic::AtomicUsize,
}

impl keycloak_admin_api::RequestHook for CountingHook {
    fn prepare<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _op: &'static keycloak_admin_api::Operation,
    ) -> keycloak_admin_api::BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let n = self
                .prepared
                .fetch_add(1, std::sync::atomic::Ordering::SeqCst)
                + 1;
            request.headers_mut().insert(
                "authorization",
                format!("Bearer token-{n}").parse().unwrap(),
            );
            Ok(())
        })
    }

    fn retry<'a>(
        &'a self,
        _request: &'a reqwest::Request,
        response: &'a reqwest::Response,
        _op: &'static keycloak_admin_api::Operation,
    ) -> keycloak_admin_api::BoxFuture<'a, bool> {
        Box::pin(async move { response.status() == 401 })
    }
}

#[tokio::test]
async fn the_hook_re_sends_once_after_a_401_with_a_fresh_token() {
    use wiremock::matchers::header;
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer token-1"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    Mock::given(header("authorization", "Bearer token-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"realm": "r"})))
        .mount(&server)
        .await;
    let hook = std::sync::Arc::new(CountingHook {
        prepared: Default::default(),
    });
    let client = Client::new(&server.uri(), Hooks::from_arc(hook.clone()));
    let realm = client
        .get_realm()
        .realm("r")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(realm.realm.as_deref(), Some("r"));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_second_401_is_returned_not_retried_again() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let client = Client::new(
        &server.uri(),
        Hooks::new(CountingHook {
            prepared: Default::default(),
        }),
    );
    let (status, _) = raw_failure(client.get_realm().realm("r").send().await.unwrap_err()).await;
    assert_eq!(status, 401);
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        2,
        "one send and exactly one re-send"
    );
}

/// The four ways a generated `send` decodes (src/dispatch.rs): JSON on any 2xx,
/// JSON on 200 only (authorization searches), no body, raw bytes — and every
/// other status reaches the caller untouched.
#[tokio::test]
async fn each_response_kind_decodes_as_the_operation_declares() {
    use futures_util::TryStreamExt;
    // JSON on any 2xx.
    let (_s, client) = stub(200, r#"[{"username":"a"}]"#, "application/json").await;
    let users = client.get_users().realm("r").send().await.unwrap();
    assert_eq!(users[0].username.as_deref(), Some("a"));
    let (_s, client) = stub(404, r#"{"error":"Realm not found."}"#, "application/json").await;
    let err = client.get_users().realm("r").send().await.unwrap_err();
    assert_eq!(raw_failure(err).await.0, 404);
    // A 2xx whose body is not the declared JSON: the bytes come back with serde's error.
    let (_s, client) = stub(200, r#"[{"username":"#, "application/json").await;
    match client.get_users().realm("r").send().await {
        Err(keycloak_admin_api::Error::InvalidResponsePayload(bytes, e)) => {
            assert_eq!(&bytes[..], br#"[{"username":"#);
            assert!(e.is_eof(), "{e}");
        }
        other => panic!("expected InvalidResponsePayload, got {other:?}"),
    }
    // The decoded value keeps the answer's status and headers.
    let (_s, client) = stub(200, "[]", "application/json").await;
    let users = client.get_users().realm("r").send().await.unwrap();
    assert_eq!(users.status().as_u16(), 200);
    assert_eq!(users.headers()["content-type"], "application/json");

    // JSON on 200 only: Keycloak answers an empty search with 204, which is no result.
    let (_s, client) = stub(204, "", "application/json").await;
    let err = client
        .get_clients_authz_resource_server_policy_search()
        .realm("r")
        .client_uuid("c")
        .send()
        .await
        .unwrap_err();
    assert_eq!(raw_failure(err).await.0, 204);

    // No body: the status and headers.
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/admin/realms/r/users/u"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let client = Client::new(&server.uri(), Hooks::none());
    let done = client
        .delete_users_by_user_id()
        .realm("r")
        .user_id("u")
        .send()
        .await
        .unwrap();
    assert_eq!(done.status().as_u16(), 204);
    let err = client
        .delete_users_by_user_id()
        .realm("r")
        .user_id("other")
        .send()
        .await
        .unwrap_err();
    assert_eq!(raw_failure(err).await.0, 404);

    // Raw bytes, streamed.
    let (_s, client) = stub(200, "<xml/>", "application/xml").await;
    let body = client
        .get_clients_installation_providers_by_provider_id()
        .realm("r")
        .client_uuid("c")
        .provider_id("p")
        .send()
        .await
        .unwrap()
        .into_inner()
        .into_inner()
        .map_ok(|b| b.to_vec())
        .try_concat()
        .await
        .unwrap();
    assert_eq!(body, b"<xml/>");
}
