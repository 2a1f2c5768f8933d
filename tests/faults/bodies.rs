//! Response bodies: a size limit enforced while reading (endless and oversized
//! bodies), and decode errors that never quote a secret-bearing body.

use crate::{client, stub_with_token};
use keycloak_admin::{Credentials, Error, KeycloakAdmin};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use wiremock::matchers::method;
use wiremock::{Mock, ResponseTemplate};

/// A server that answers every request with `head` and then, if `endless`,
/// chunks of JSON-ish bytes until the client goes away.
async fn raw_server(head: &'static str, endless: bool) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let mut buf = [0u8; 4096];
                let _ = socket.read(&mut buf).await;
                if socket.write_all(head.as_bytes()).await.is_err() || !endless {
                    // Keep the connection open without a body (declared length never sent).
                    tokio::time::sleep(Duration::from_secs(30)).await;
                    return;
                }
                let chunk = format!("4000\r\n{}\r\n", "[".repeat(0x4000));
                while socket.write_all(chunk.as_bytes()).await.is_ok() {}
            });
        }
    });
    url
}

fn bearer(url: &str, limit: u64) -> KeycloakAdmin {
    KeycloakAdmin::builder(url)
        .credentials(Credentials::bearer("t"))
        .max_response_bytes(limit)
        .build()
        .unwrap()
}

#[tokio::test]
async fn an_endless_body_stops_at_the_limit() {
    let url = raw_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n",
        true,
    )
    .await;
    let started = Instant::now();
    let e = bearer(&url, 1 << 20)
        .realm("r")
        .users()
        .list()
        .first_page()
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::ResponseTooLarge { limit: 1048576, .. }),
        "{e:?}"
    );
    assert!(e.to_string().contains("1048576 bytes"), "{e}");
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_declared_oversized_body_is_refused_before_reading_it() {
    let url = raw_server(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 209715200\r\n\r\n",
        false,
    )
    .await;
    let started = Instant::now();
    let e = bearer(&url, 1 << 20)
        .realm("r")
        .users()
        .count()
        .await
        .unwrap_err();
    assert!(matches!(e, Error::ResponseTooLarge { .. }), "{e:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn an_error_status_with_an_endless_body_keeps_its_status() {
    let url = raw_server(
        "HTTP/1.1 500 Internal Server Error\r\ntransfer-encoding: chunked\r\n\r\n",
        true,
    )
    .await;
    let e = bearer(&url, 1 << 20)
        .realm("r")
        .users()
        .count()
        .await
        .unwrap_err();
    let api = e.api().unwrap_or_else(|| panic!("{e:?}"));
    assert_eq!(api.status, 500);
    assert!(api.raw.contains("over the limit"), "{}", api.raw);
}

#[tokio::test]
async fn decode_errors_never_quote_a_secret() {
    let server = stub_with_token().await;
    // A client secret whose shape is off: serde would quote the values it chokes on.
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"type":"secret","value":"s3cr3t-VALUE","temporary":"s3cr3t-TOO"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let kc = client(&server.uri()).build().unwrap();
    let e = kc.realm("r").clients().secret("c").await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    let shown = format!("{e} {e:?}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
}
