//! The real Keycloak behind the fault proxy: a reset or a truncation in the
//! middle of a page ends the stream with a transport error, a stall with a
//! time-out, a delay under the time-out is harmless, a refusing server fails
//! within the retry deadline — and the same client works again afterwards.

use crate::proxy::{Fault, Proxy};
use futures_util::{StreamExt, TryStreamExt};
use keycloak_admin::types::{PartialImportRepresentation, UserRepresentation};
use keycloak_admin::{Credentials, Error, KeycloakAdmin, RetryPolicy};
use keycloak_testkit::Server;
use std::time::{Duration, Instant};

async fn server() -> &'static Server {
    Server::shared().await.unwrap_or_else(|e| panic!("{e}"))
}

async fn through(proxy: &Proxy, server: &Server, timeout: Duration) -> KeycloakAdmin {
    KeycloakAdmin::builder(proxy.url())
        .auth_realm("master")
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .timeout(timeout)
        .retry(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(50))
                .deadline(Duration::from_secs(2)),
        )
        .connect()
        .await
        .unwrap()
}

/// A realm with `n` users, made directly (not through the proxy).
async fn realm_with_users(server: &Server, n: usize) -> keycloak_testkit::TestRealm {
    let realm = server.new_realm().await.unwrap();
    let kc = KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await
        .unwrap();
    let users: Vec<UserRepresentation> = (0..n)
        .map(|i| UserRepresentation {
            username: Some(format!("user{i:04}")),
            enabled: Some(true),
            ..Default::default()
        })
        .collect();
    kc.realm(realm.name())
        .partial_import(PartialImportRepresentation {
            users: Some(users),
            if_resource_exists: Some("FAIL".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    realm
}

#[tokio::test]
async fn a_reset_or_truncation_mid_page_ends_the_stream_and_the_client_recovers() {
    let server = server().await;
    let realm = realm_with_users(server, 250).await;
    let proxy = Proxy::start(server.base_url()).await;
    let kc = through(&proxy, server, Duration::from_secs(20)).await;
    for fault in [Fault::ResetAfter(1000), Fault::CloseAfter(1000)] {
        // Pages of 50: the stream keeps pages in flight ahead of the one it
        // yields from, so the fault meets a page requested after it is set
        // (the one at 200, asked for when the page at 100 is taken) or one
        // still arriving — either way some item after the 100th.
        let mut stream =
            std::pin::pin!(kc.realm(realm.name()).users().list().page_size(50).stream());
        for _ in 0..100 {
            stream.next().await.unwrap().unwrap();
        }
        proxy.set(fault);
        let mut read = 100;
        let e = loop {
            match stream.next().await {
                Some(Ok(_)) => read += 1,
                Some(Err(e)) => break e,
                None => panic!("{fault:?}: the stream ended after {read} users without an error"),
            }
        };
        assert!(
            read < 250,
            "{fault:?}: the error came after every user ({read})"
        );
        assert!(matches!(e, Error::Transport { .. }), "{fault:?}: {e:?}");
        assert!(
            stream.next().await.is_none(),
            "the stream ends after its error"
        );
        // Nothing to rebuild: the same client reads the realm whole.
        proxy.set(Fault::None);
        let all: Vec<_> = kc
            .realm(realm.name())
            .users()
            .list()
            .stream()
            .try_collect()
            .await
            .unwrap();
        assert_eq!(all.len(), 250, "{fault:?}");
    }
}

#[tokio::test]
async fn a_stall_is_a_timeout_and_a_delay_under_it_is_harmless() {
    let server = server().await;
    let realm = realm_with_users(server, 3).await;
    let proxy = Proxy::start(server.base_url()).await;
    let kc = through(&proxy, server, Duration::from_secs(2)).await;
    let users = kc.realm(realm.name()).users();

    proxy.set(Fault::Delay(Duration::from_millis(300)));
    assert_eq!(users.count().await.unwrap(), 3);

    proxy.set(Fault::StallAfter(5));
    let started = Instant::now();
    let e = users.list().first_page().await.unwrap_err();
    assert!(matches!(e, Error::Timeout { .. }), "{e:?}");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );

    proxy.set(Fault::None);
    assert_eq!(users.count().await.unwrap(), 3);
}

#[tokio::test]
async fn a_refusing_server_fails_within_the_deadline_and_posts_are_not_repeated() {
    let server = server().await;
    let realm = realm_with_users(server, 1).await;
    let proxy = Proxy::start(server.base_url()).await;
    let kc = through(&proxy, server, Duration::from_secs(5)).await;
    let users = kc.realm(realm.name()).users();
    proxy.set(Fault::Refuse);
    let started = Instant::now();
    let e = users.count().await.unwrap_err();
    assert!(e.is_retryable(), "{e:?}");
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );
    // The client tried: the GET several times (retried), each refused.
    let tried = |what: &str| {
        proxy
            .refused()
            .iter()
            .filter(|l| l.starts_with(what) && l.contains("/users"))
            .count()
    };
    assert!(
        tried("GET ") > 1,
        "the GET was retried: {:?}",
        proxy.refused()
    );
    let before = proxy.requests().len();
    let e = users
        .create(UserRepresentation {
            username: Some("never-twice".into()),
            ..Default::default()
        })
        .await
        .unwrap_err();
    assert!(matches!(e, Error::Transport { .. }), "{e:?}");
    proxy.set(Fault::None);
    assert_eq!(proxy.requests().len(), before, "nothing reached the server");
    // Sent once, refused once, never again (a retried POST would be counted here).
    assert_eq!(tried("POST "), 1, "{:?}", proxy.refused());
    assert_eq!(
        users.count().await.unwrap(),
        1,
        "the create was not replayed later"
    );
}
