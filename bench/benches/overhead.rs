//! Per-call overhead against a local stub serving canned Keycloak-shaped
//! answers: the ergonomic client vs the generated client vs raw reqwest, on the
//! same keep-alive connection pool settings. Goal: ergonomic ≤ 1.10× raw.
//!
//! `cargo bench -p keycloak-bench --bench overhead`; `cargo test` runs each once.

use criterion::{Criterion, criterion_group, criterion_main};
use keycloak_admin_api::types::UserRepresentation;
use std::sync::Arc;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};

const TOKEN: &str = r#"{"access_token":"stub-token","expires_in":3600,"token_type":"Bearer"}"#;

fn users_page() -> String {
    let users: Vec<_> = (0..100)
        .map(|i| {
            serde_json::json!({
                "id": format!("6f1c3b0e-0000-4000-8000-{i:012}"), "username": format!("user-{i:05}"),
                "email": format!("user-{i:05}@example.com"), "firstName": "Bench", "lastName": "User",
                "enabled": true, "emailVerified": false, "createdTimestamp": 1_795_000_000_000u64 + i,
                "totp": false, "disableableCredentialTypes": [], "requiredActions": [], "notBefore": 0,
                "access": {"manage": true}
            })
        })
        .collect();
    serde_json::to_string(&users).unwrap()
}

/// A keep-alive HTTP/1.1 server answering by path; returns its base URL.
async fn stub() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let page = Arc::new(users_page());
    tokio::spawn(async move {
        loop {
            let (socket, _) = listener.accept().await.unwrap();
            let page = page.clone();
            tokio::spawn(async move {
                let (read, mut write) = socket.into_split();
                let mut read = BufReader::new(read);
                loop {
                    let mut head = String::new();
                    let mut length = 0usize;
                    loop {
                        let mut line = String::new();
                        if read.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        if let Some(v) = line.to_ascii_lowercase().strip_prefix("content-length:") {
                            length = v.trim().parse().unwrap_or(0);
                        }
                        if line == "\r\n" {
                            break;
                        }
                        head.push_str(&line);
                    }
                    let mut body = vec![0; length];
                    read.read_exact(&mut body).await.unwrap();
                    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                    let (status, body) = if path.ends_with("/token") {
                        ("200 OK", TOKEN.to_string())
                    } else if path.ends_with("/users/count") {
                        ("200 OK", "42".to_string())
                    } else if path.ends_with("/users/missing") {
                        ("404 Not Found", r#"{"error":"User not found"}"#.to_string())
                    } else {
                        ("200 OK", page.to_string())
                    };
                    let response = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
                        body.len()
                    );
                    if write.write_all(response.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    format!("http://{addr}")
}

struct Clients {
    raw: reqwest::Client,
    base: String,
    generated: keycloak_admin_api::Client,
    ergonomic: keycloak_admin::KeycloakAdmin,
}

async fn clients() -> Clients {
    let base = stub().await;
    let mut auth = reqwest::header::HeaderValue::from_static("Bearer stub-token");
    auth.set_sensitive(true);
    let headers = reqwest::header::HeaderMap::from_iter([(reqwest::header::AUTHORIZATION, auth)]);
    let raw = reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .unwrap();
    let generated = keycloak_admin_api::Client::new_with_client(
        &base,
        raw.clone(),
        keycloak_admin_api::Hooks::none(),
    );
    let ergonomic = keycloak_admin::KeycloakAdmin::builder(&base)
        .realm("r")
        .credentials(keycloak_admin::Credentials::password("admin", "admin"))
        .connect()
        .await
        .unwrap();
    Clients {
        raw,
        base,
        generated,
        ergonomic,
    }
}

fn overhead(c: &mut Criterion) {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let cl = rt.block_on(clients());
    let users_url = format!("{}/admin/realms/r/users", cl.base);
    let missing_url = format!("{users_url}/missing");
    let count_url = format!("{users_url}/count");

    let mut g = c.benchmark_group("page100");
    g.bench_function("raw", |b| {
        b.to_async(&rt).iter(|| async {
            let r = cl
                .raw
                .get(&users_url)
                .query(&[("first", "0"), ("max", "100")])
                .send()
                .await
                .unwrap();
            let users: Vec<UserRepresentation> = r.json().await.unwrap();
            assert_eq!(users.len(), 100);
        })
    });
    g.bench_function("generated", |b| {
        b.to_async(&rt).iter(|| async {
            let users = cl
                .generated
                .get_users()
                .realm("r")
                .first(0)
                .max(100)
                .send()
                .await
                .unwrap();
            assert_eq!(users.len(), 100);
        })
    });
    g.bench_function("ergonomic", |b| {
        b.to_async(&rt).iter(|| async {
            let users = cl
                .ergonomic
                .realm("r")
                .users()
                .list()
                .page_size(100)
                .first_page()
                .await
                .unwrap();
            assert_eq!(users.len(), 100);
        })
    });
    g.finish();

    let mut g = c.benchmark_group("error404");
    g.bench_function("raw", |b| {
        b.to_async(&rt).iter(|| async {
            let r = cl.raw.get(&missing_url).send().await.unwrap();
            assert_eq!(r.status().as_u16(), 404);
            let body: serde_json::Value = r.json().await.unwrap();
            assert_eq!(body["error"], "User not found");
        })
    });
    g.bench_function("generated", |b| {
        b.to_async(&rt).iter(|| async {
            match cl
                .generated
                .get_users_by_user_id()
                .realm("r")
                .user_id("missing")
                .send()
                .await
            {
                Err(keycloak_admin_api::Error::UnexpectedResponse(r)) => {
                    assert_eq!(r.status().as_u16(), 404);
                    let body: serde_json::Value = r.json().await.unwrap();
                    assert_eq!(body["error"], "User not found");
                }
                other => panic!("{other:?}"),
            }
        })
    });
    g.bench_function("ergonomic", |b| {
        b.to_async(&rt).iter(|| async {
            let e = cl
                .ergonomic
                .realm("r")
                .users()
                .get("missing")
                .await
                .unwrap_err();
            assert!(e.is_not_found());
            assert_eq!(e.api().unwrap().message(), Some("User not found"));
        })
    });
    g.finish();

    // The smallest call: what remains is token injection and dispatch.
    let mut g = c.benchmark_group("count");
    g.bench_function("raw", |b| {
        b.to_async(&rt).iter(|| async {
            let n: u64 = cl
                .raw
                .get(&count_url)
                .send()
                .await
                .unwrap()
                .json()
                .await
                .unwrap();
            assert_eq!(n, 42);
        })
    });
    g.bench_function("generated", |b| {
        b.to_async(&rt).iter(|| async {
            let n = cl
                .generated
                .get_users_count()
                .realm("r")
                .send()
                .await
                .unwrap()
                .into_inner();
            assert_eq!(n, 42);
        })
    });
    g.bench_function("ergonomic", |b| {
        b.to_async(&rt).iter(|| async {
            assert_eq!(cl.ergonomic.realm("r").users().count().await.unwrap(), 42);
        })
    });
    g.finish();
}

criterion_group!(benches, overhead);
criterion_main!(benches);
