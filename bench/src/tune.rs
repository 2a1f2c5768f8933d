//! `keycloak-bench tune`: the measurements behind `keycloak-admin`'s defaults
//! for bulk create (batch size × concurrency) and full reads (page size, full
//! or brief). Each cell runs on a fresh realm of the harness's Keycloak; the
//! tables go to stdout and into `BENCHMARKS.md` by hand, with the run's date.

use crate::job::person;
use crate::setup::{self, Result};
use futures_util::{StreamExt, TryStreamExt};
use keycloak_admin::KeycloakAdmin;
use keycloak_admin::types::UserRepresentation;
use std::time::Instant;

fn users(prefix: &str, n: usize) -> Vec<UserRepresentation> {
    (0..n)
        .map(|i| serde_json::from_value(person(prefix, i)).unwrap())
        .collect()
}

/// Bulk create of `n` users: one-by-one (16 in flight) against
/// `create_many` over a grid of batch sizes and concurrencies.
pub async fn bulk(kc: &KeycloakAdmin, n: usize) -> Result<String> {
    let mut out = format!(
        "| strategy ({n} users, fresh realm each) | seconds | users/s |\n|---|---:|---:|\n"
    );
    let realm = "tune-bulk";
    // Warm-up: the JIT compiles both paths once before timing.
    setup::fresh_realm(kc, realm, |_| {}).await?;
    let _ = kc.realm(realm).users().create_many(users("w", 1000)).await;
    let _ = one_by_one(kc, realm, users("v", 1000)).await;

    // Each cell: the better of two runs (the machine is noisy).
    let mut best = f64::MAX;
    for _ in 0..2 {
        setup::fresh_realm(kc, realm, |_| {}).await?;
        let t = Instant::now();
        let created = one_by_one(kc, realm, users("one", n)).await?;
        if created != n {
            return Err(format!("one by one: {created} of {n} created"));
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    out += &format!(
        "| one `POST /users` each, 16 in flight | {best:.2} | {:.0} |\n",
        n as f64 / best
    );

    for batch in [25usize, 50, 100, 250, 500, 1000] {
        for concurrency in [1usize, 2, 4] {
            let mut s = f64::MAX;
            for _ in 0..2 {
                setup::fresh_realm(kc, realm, |_| {}).await?;
                let h = kc.realm(realm).users();
                let t = Instant::now();
                let outcomes = h
                    .create_many(users("bulk", n))
                    .batch_size(batch)
                    .concurrency(concurrency)
                    .await
                    .map_err(|e| e.to_string())?;
                s = s.min(t.elapsed().as_secs_f64());
                let ok = outcomes.iter().filter(|o| o.is_ok()).count();
                if ok != n {
                    return Err(format!("batch {batch}: {ok} of {n} created"));
                }
            }
            out += &format!(
                "| `create_many`, batch {batch}, concurrency {concurrency} | {s:.2} | {:.0} |\n",
                n as f64 / s
            );
            eprintln!("batch {batch} × {concurrency}: {s:.2} s");
        }
    }
    kc.realm(realm).delete().await.map_err(|e| e.to_string())?;
    Ok(out)
}

async fn one_by_one(
    kc: &KeycloakAdmin,
    realm: &str,
    list: Vec<UserRepresentation>,
) -> Result<usize> {
    let h = kc.realm(realm).users();
    futures_util::stream::iter(list)
        .map(|u| {
            let h = h.clone();
            async move { h.create(u).await }
        })
        .buffer_unordered(16)
        .try_fold(0usize, |n, _| async move { Ok(n + 1) })
        .await
        .map_err(|e| e.to_string())
}

/// Reading `n` users whole: page sizes, full and brief representation.
pub async fn pages(kc: &KeycloakAdmin, n: usize) -> Result<String> {
    let realm = "tune-pages";
    setup::fresh_realm(kc, realm, |_| {}).await?;
    setup::seed(kc, realm, "read", n).await?;
    let users = kc.realm(realm).users();
    let mut out = format!("| read {n} users | page | seconds | users/s |\n|---|---:|---:|---:|\n");
    // Warm-up pass.
    let _ = users.list().page_size(1000).all().await;
    for brief in [false, true] {
        for page in [100, 250, 500, 1000, 2000, 5000] {
            if !brief && page > 2000 {
                continue; // measured once: 115 s for 20 000 users, slower still
            }
            let t = Instant::now();
            let got = users
                .list()
                .brief(brief)
                .page_size(page)
                .stream()
                .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                .await
                .map_err(|e| e.to_string())?;
            let s = t.elapsed().as_secs_f64();
            if got != n {
                return Err(format!("page {page}: read {got} of {n}"));
            }
            let kind = if brief { "brief" } else { "full" };
            out += &format!("| {kind} | {page} | {s:.2} | {:.0} |\n", n as f64 / s);
            eprintln!("{kind} page {page}: {s:.2} s");
        }
    }
    kc.realm(realm).delete().await.map_err(|e| e.to_string())?;
    Ok(out)
}

/// Lists of users other than `users()`: a group's and a realm role's
/// members, page sizes 100 to 5 000, `n` members each.
pub async fn member_pages(kc: &KeycloakAdmin, n: usize) -> Result<String> {
    let realm = "tune-members";
    setup::fresh_realm(kc, realm, |_| {}).await?;
    let r = kc.realm(realm);
    let group = r
        .groups()
        .create(keycloak_admin::NewGroup::new("everyone"))
        .await
        .map_err(|e| e.to_string())?;
    r.roles()
        .create(keycloak_admin::NewRole::new("member"))
        .await
        .map_err(|e| e.to_string())?;
    // Members and role holders from the start: partial import places them.
    for start in (0..n).step_by(1000) {
        let users: Vec<UserRepresentation> = (start..n.min(start + 1000))
            .map(|i| {
                let mut u: UserRepresentation =
                    serde_json::from_value(person("member", i)).unwrap();
                u.groups = Some(vec!["/everyone".into()]);
                u.realm_roles = Some(vec!["member".into()]);
                u
            })
            .collect();
        let import = keycloak_admin::types::PartialImportRepresentation {
            users: Some(users),
            if_resource_exists: Some("SKIP".into()),
            ..Default::default()
        };
        r.partial_import(import).await.map_err(|e| e.to_string())?;
    }
    let mut out =
        format!("| list ({n} members) | page | seconds | users/s |\n|---|---:|---:|---:|\n");
    let groups = r.groups();
    let roles = r.roles();
    // Warm-up pass.
    let _ = groups.members(&group).page_size(500).all().await;
    let _ = roles.members("member").page_size(500).all().await;
    for (what, list) in [
        ("group members", groups.members(&group)),
        ("realm role members", roles.members("member")),
    ] {
        for page in [100, 250, 500, 1000, 2000, 5000] {
            // The better of two runs (the machine is noisy).
            let mut s = f64::MAX;
            for _ in 0..2 {
                let t = Instant::now();
                let got = list
                    .clone()
                    .page_size(page)
                    .stream()
                    .try_fold(0usize, |n, _| async move { Ok(n + 1) })
                    .await
                    .map_err(|e| e.to_string())?;
                s = s.min(t.elapsed().as_secs_f64());
                if got != n {
                    return Err(format!("{what}, page {page}: read {got} of {n}"));
                }
            }
            out += &format!("| {what} | {page} | {s:.2} | {:.0} |\n", n as f64 / s);
            eprintln!("{what} page {page}: {s:.2} s");
        }
    }
    r.delete().await.map_err(|e| e.to_string())?;
    Ok(out)
}
