//! Streams against servers that page badly: one that caps pages below `max`
//! (a proxy, a permission filter) is read to the end; one that ignores `first`
//! and cycles through pages is stopped with an error instead of streaming forever.

use crate::{client, stub_with_token};
use futures_util::TryStreamExt;
use keycloak_admin::Error;
use std::sync::atomic::{AtomicUsize, Ordering};
use wiremock::matchers::{method, path};
use wiremock::{Mock, Request, Respond, ResponseTemplate};

fn param(req: &Request, name: &str) -> usize {
    req.url
        .query_pairs()
        .find(|(k, _)| k == name)
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0)
}

fn users(range: std::ops::Range<usize>) -> serde_json::Value {
    range
        .map(|i| serde_json::json!({"id": format!("u{i:05}"), "username": format!("user{i}")}))
        .collect()
}

/// 1 000 users, at most 50 per answer whatever `max` says.
struct Capped;
impl Respond for Capped {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let first = param(req, "first");
        let max = param(req, "max").min(50);
        ResponseTemplate::new(200).set_body_json(users(first.min(1000)..(first + max).min(1000)))
    }
}

/// Ignores `first`: alternates between two pages of distinct users.
struct Cycling(AtomicUsize);
impl Respond for Cycling {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let max = param(req, "max");
        let n = self.0.fetch_add(1, Ordering::SeqCst);
        let start = if n.is_multiple_of(2) { 0 } else { max };
        ResponseTemplate::new(200).set_body_json(users(start..start + max))
    }
}

#[tokio::test]
async fn a_server_capping_pages_is_read_to_the_end() {
    let server = stub_with_token().await;
    Mock::given(method("GET"))
        .and(path("/admin/realms/r/users"))
        .respond_with(Capped)
        .mount(&server)
        .await;
    let kc = client(&server.uri()).build().unwrap();
    let ids: Vec<String> = kc
        .realm("r")
        .users()
        .list()
        .stream()
        .map_ok(|u| u.id.unwrap())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids.len(), 1000, "not 50: a short page is not the end");
    let distinct: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(distinct.len(), 1000);
}

#[tokio::test]
async fn a_server_cycling_through_pages_is_stopped() {
    let server = stub_with_token().await;
    Mock::given(method("GET"))
        .and(path("/admin/realms/r/users"))
        .respond_with(Cycling(AtomicUsize::new(0)))
        .mount(&server)
        .await;
    let kc = client(&server.uri()).build().unwrap();
    let items: Vec<_> = futures_util::StreamExt::collect::<Vec<_>>(
        kc.realm("r").users().list().page_size(100).stream(),
    )
    .await;
    assert_eq!(items.len(), 201, "two distinct pages, then the error");
    assert!(
        matches!(items[200], Err(Error::RepeatedPage { first: 200, .. })),
        "{:?}",
        items[200].as_ref().err()
    );
}
