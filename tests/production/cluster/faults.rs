//! What only a cluster has: a node SIGKILLed while the client streams or
//! bulk-creates through the proxy, a rolling restart under a long read, and
//! writes through one node read back through the other. Counts are the
//! database's own (SQL), not the API's under test.

use super::{Topology, lock};
use futures_util::{StreamExt, TryStreamExt};
use keycloak_admin::{IfExists, NewUser, WriteAction};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

/// A realm with `n` users `p0000`… made through the proxy.
async fn realm_with_users(t: &Topology, prefix: &str, n: usize) -> String {
    let realm = t.new_realm(prefix).await;
    let outcomes = t
        .admin()
        .realm(&realm)
        .users()
        .create_many(crate::people("p", n))
        .await
        .unwrap();
    assert!(
        outcomes.iter().all(|o| o.is_ok()),
        "{:?}",
        outcomes.iter().find(|o| o.is_err())
    );
    assert_eq!(t.user_rows(&realm), n);
    realm
}

#[tokio::test]
async fn a_node_killed_during_a_stream_and_the_stream_finishes_with_every_user_once() {
    let mut t = lock().await;
    let realm = realm_with_users(&t, "stream", 1500).await;
    let kc = t.admin();
    let mut stream = kc.realm(&realm).users().list().page_size(50).stream();
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    while let Some(user) = stream.next().await {
        let user = user.unwrap_or_else(|e| panic!("after {} users: {e}", seen.len()));
        *seen.entry(user.username.unwrap()).or_default() += 1;
        if seen.len() == 300 {
            t.cluster.crash_node(0);
        }
    }
    let twice: Vec<_> = seen.iter().filter(|(_, n)| **n > 1).collect();
    assert!(twice.is_empty(), "read more than once: {twice:?}");
    assert_eq!(seen.len(), 1500);
    // The node that stayed answers alone; then the killed one comes back.
    assert_eq!(t.admin().realm(&realm).users().count().await.unwrap(), 1500);
    t.cluster.start_node(0).await.unwrap();
    assert_eq!(
        t.node_admin(0).realm(&realm).users().count().await.unwrap(),
        1500
    );
}

#[tokio::test]
async fn a_node_killed_during_create_many_and_every_reported_outcome_is_true() {
    let mut t = lock().await;
    let realm = t.new_realm("bulk").await;
    let users = t.admin().realm(&realm).users();
    const N: usize = 1200;
    // Small batches, one at a time: the kill lands between and inside batches.
    let run = tokio::spawn(
        users
            .create_many(crate::people("p", N))
            .batch_size(20)
            .concurrency(1)
            .into_future(),
    );
    // Kill a node once the first users are in the database.
    let pg_wait = std::time::Instant::now();
    while t.user_rows(&realm) < 200 {
        assert!(pg_wait.elapsed() < Duration::from_secs(120), "no progress");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    t.cluster.crash_node(1);
    let at_kill = t.user_rows(&realm);
    let outcomes = run.await.unwrap().unwrap();
    assert!(
        at_kill < N,
        "the kill landed during the run ({at_kill} stored by then)"
    );

    // What the server holds, by username → id.
    let stored: BTreeMap<String, String> = t
        .sql(&format!(
            "select u.username || '=' || u.id from user_entity u join realm r on u.realm_id = r.id \
             where r.name = '{realm}' and u.service_account_client_link is null"
        ))
        .lines()
        .filter_map(|l| {
            l.split_once('=')
                .map(|(u, i)| (u.to_string(), i.to_string()))
        })
        .collect();
    let mut created = BTreeMap::new();
    let mut failed = BTreeSet::new();
    for (i, outcome) in outcomes.iter().enumerate() {
        let name = format!("p{i:04}");
        match outcome {
            Ok(w) => {
                assert_eq!(w.action, WriteAction::Created, "{name}");
                created.insert(name, w.id.clone());
            }
            Err(e) => {
                // Only a lost answer may fail an item: never a refusal.
                assert!(
                    !matches!(e.status(), Some(400..=499)),
                    "{name} refused by the server: {e}"
                );
                failed.insert(name);
            }
        }
    }
    // Every item reported created is stored, under the id reported.
    for (name, id) in &created {
        assert_eq!(stored.get(name), Some(id), "{name} reported created");
    }
    // Nothing else is stored but items whose answer was lost.
    let unreported: Vec<_> = stored
        .keys()
        .filter(|n| !created.contains_key(*n))
        .collect();
    assert!(
        unreported.iter().all(|n| failed.contains(*n)),
        "stored without being reported: {unreported:?}"
    );
    eprintln!(
        "create_many across a node kill ({at_kill} stored at the kill): {} created, {} failed ({} of them stored)",
        created.len(),
        failed.len(),
        unreported.len()
    );

    // The same input again with Skip settles every item, and nothing reported
    // created the first time is created again.
    let again = users
        .create_many(crate::people("p", N))
        .if_exists(IfExists::Skip)
        .await
        .unwrap();
    for (i, outcome) in again.iter().enumerate() {
        let name = format!("p{i:04}");
        let w = outcome.as_ref().unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Some(id) = created.get(&name) {
            assert_eq!((w.action, &w.id), (WriteAction::Skipped, id), "{name}");
        }
    }
    assert_eq!(t.user_rows(&realm), N);
}

#[tokio::test]
async fn a_rolling_restart_of_both_nodes_during_a_long_read() {
    let mut t = lock().await;
    let realm = realm_with_users(&t, "rolling", 1000).await;
    let kc = t.admin();
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (kc, realm, done) = (kc.clone(), realm.clone(), done.clone());
        tokio::spawn(async move {
            let mut reads = 0;
            while !done.load(std::sync::atomic::Ordering::SeqCst) || reads == 0 {
                let all: Vec<_> = kc
                    .realm(&realm)
                    .users()
                    .list()
                    .brief(true)
                    .page_size(25)
                    .stream()
                    .try_collect()
                    .await
                    .map_err(|e| format!("read {reads}: {e}"))?;
                let names: BTreeSet<_> = all.iter().filter_map(|u| u.username.clone()).collect();
                if (all.len(), names.len()) != (1000, 1000) {
                    return Err(format!(
                        "read {reads}: {} users, {} distinct",
                        all.len(),
                        names.len()
                    ));
                }
                reads += 1;
            }
            Ok::<_, String>(reads)
        })
    };
    for i in 0..t.cluster.nodes() {
        t.cluster
            .restart_node(i, Duration::from_secs(30))
            .await
            .unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let reads = reader.await.unwrap().unwrap();
    assert!(reads >= 2, "the reads spanned the restarts ({reads})");
    eprintln!("rolling restart: {reads} complete reads of 1000 users, none failed");
}

#[tokio::test]
async fn what_one_node_writes_the_other_reads_at_once() {
    let t = lock().await;
    let realm = t.new_realm("ryw").await;
    let (one, two) = (t.node_admin(0), t.node_admin(1));
    one.realm(&realm)
        .roles()
        .create(keycloak_admin::types::RoleRepresentation {
            name: Some("auditor".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    for i in 0..20 {
        let name = format!("ryw{i:02}");
        // Create through node 0; read, update and assign through node 1.
        let id = one
            .realm(&realm)
            .users()
            .create(NewUser::new(&name))
            .await
            .unwrap();
        let mut user = two.realm(&realm).users().get(&id).await.unwrap();
        assert_eq!(user.username.as_deref(), Some(name.as_str()));
        user.first_name = Some(format!("First{i}"));
        two.realm(&realm).users().update(&id, user).await.unwrap();
        two.realm(&realm)
            .roles()
            .assign_to_user(&id, &["auditor"])
            .await
            .unwrap();
        // Node 0 sees the update and the mapping (its cache was invalidated).
        let seen = one.realm(&realm).users().get(&id).await.unwrap();
        assert_eq!(
            seen.first_name,
            Some(format!("First{i}")),
            "{name} via node 0"
        );
        let roles = one
            .realm(&realm)
            .users()
            .roles(&id)
            .realm()
            .all()
            .await
            .unwrap();
        assert!(
            roles.iter().any(|r| r.name.as_deref() == Some("auditor")),
            "{name}: the role assigned through node 1 is missing on node 0"
        );
        // Deleted through node 1, gone on node 0.
        if i % 5 == 4 {
            two.realm(&realm).users().delete(&id).await.unwrap();
            let gone = one.realm(&realm).users().get(&id).await.unwrap_err();
            assert!(gone.is_not_found(), "{name} still on node 0: {gone}");
        }
    }
    assert_eq!(t.user_rows(&realm), 16);
}
