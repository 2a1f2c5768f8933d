//! Retries: idempotent requests only, on connection failures, 502/503/504 and
//! 429 (honouring `Retry-After`), bounded by count and deadline; a POST is
//! never sent twice.

use crate::{client, received, stub_with_token};
use keycloak_admin::{Credentials, Error, KeycloakAdmin, RetryPolicy};
use std::time::{Duration, Instant};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast() -> RetryPolicy {
    RetryPolicy::default()
        .initial_backoff(Duration::from_millis(20))
        .max_backoff(Duration::from_millis(100))
}

#[tokio::test]
async fn a_get_is_retried_through_503s_until_it_succeeds() {
    let server = stub_with_token().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(7))
        .mount(&server)
        .await;
    let kc = client(&server.uri()).retry(fast()).build().unwrap();
    assert_eq!(kc.realm("r").users().count().await.unwrap(), 7);
    assert_eq!(
        received(&server, "GET").await,
        3,
        "two 503s, then the answer"
    );
}

#[tokio::test]
async fn a_post_is_never_sent_twice() {
    let server = stub_with_token().await;
    Mock::given(method("POST"))
        .and(wiremock::matchers::path("/admin/realms/r/users"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let kc = client(&server.uri()).retry(fast()).build().unwrap();
    let e = kc
        .realm("r")
        .users()
        .create(keycloak_admin::NewUser::new("nobody"))
        .await
        .unwrap_err();
    assert_eq!(e.status(), Some(503), "{e}");
    let posts = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path() == "/admin/realms/r/users")
        .count();
    assert_eq!(posts, 1, "the create went out exactly once");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = stub_with_token().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(1))
        .mount(&server)
        .await;
    let kc = client(&server.uri()).retry(fast()).build().unwrap();
    let started = Instant::now();
    assert_eq!(kc.realm("r").users().count().await.unwrap(), 1);
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "waited {:?}",
        started.elapsed()
    );
    assert_eq!(received(&server, "GET").await, 2);
}

#[tokio::test]
async fn retries_switch_off_and_stop_at_the_deadline() {
    let server = stub_with_token().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let off = client(&server.uri())
        .retry(RetryPolicy::none())
        .build()
        .unwrap();
    assert_eq!(
        off.realm("r").users().count().await.unwrap_err().status(),
        Some(503)
    );
    assert_eq!(
        received(&server, "GET").await,
        1,
        "no retry when switched off"
    );

    let bounded = client(&server.uri())
        .retry(
            RetryPolicy::default()
                .max_retries(100)
                .initial_backoff(Duration::from_millis(200))
                .max_backoff(Duration::from_millis(300))
                .deadline(Duration::from_secs(1)),
        )
        .build()
        .unwrap();
    let started = Instant::now();
    let e = bounded.realm("r").users().count().await.unwrap_err();
    assert_eq!(e.status(), Some(503));
    assert!(e.is_retryable());
    assert!(
        started.elapsed() < Duration::from_millis(1500),
        "gave up within the deadline: {:?}",
        started.elapsed()
    );
    let gets = received(&server, "GET").await - 1;
    assert!((2..=6).contains(&gets), "{gets} attempts within 1 s");
}

/// Connection refused (a server restarting) until a server appears on the port.
#[tokio::test]
async fn a_refused_connection_is_retried_until_the_server_is_back() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let url = format!("http://127.0.0.1:{port}");
    let later = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(700)).await;
        let listener = std::net::TcpListener::bind(("127.0.0.1", port)).unwrap();
        let server = MockServer::builder().listener(listener).start().await;
        Mock::given(method("GET"))
            .respond_with(ResponseTemplate::new(200).set_body_json(5))
            .mount(&server)
            .await;
        server
    });
    let kc = KeycloakAdmin::builder(&url)
        .credentials(Credentials::bearer("t"))
        .build()
        .unwrap();
    // A POST while nothing listens: refused once, not queued for later.
    let e = kc
        .realm("r")
        .users()
        .create(keycloak_admin::NewUser::new("nobody"))
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e}");
    assert_eq!(kc.realm("r").users().count().await.unwrap(), 5);
    let server = later.await.unwrap();
    assert_eq!(
        received(&server, "POST").await,
        0,
        "the POST was never re-sent"
    );
}
