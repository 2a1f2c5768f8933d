//! Per-call overhead against a local stub serving canned Keycloak-shaped
//! answers: the ergonomic client vs the generated client vs raw reqwest, on the
//! same keep-alive connection pool settings. Goal: ergonomic ≤ 1.10× raw.
//!
//! `cargo bench -p keycloak-bench --bench overhead`; `cargo test` runs each once.

use criterion::{Criterion, criterion_group, criterion_main};
use keycloak_admin_api::types::UserRepresentation;

#[path = "../src/stub.rs"]
mod stub;
use stub::stub;

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
    keycloak_admin_api::tls::install_default_provider();
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
