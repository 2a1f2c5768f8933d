//! The `keycloak` crate from crates.io, used the way its README shows: a token
//! acquired once (`KeycloakAdminToken`), positional-argument calls.

use crate::job::{DefaultWith, Job, Sample, Workload, timed};
use futures_util::{StreamExt, stream};
use keycloak::types::UserRepresentation;
use keycloak::{KeycloakAdmin, KeycloakAdminToken};

type Admin = KeycloakAdmin<KeycloakAdminToken>;

async fn create(kc: &Admin, realm: &str, user: UserRepresentation) -> bool {
    matches!(kc.realm_users_post(realm, user).await, Ok(r) if r.to_id().is_some())
}

async fn page(
    kc: &Admin,
    realm: &str,
    first: Option<i32>,
    max: Option<i32>,
    username: Option<String>,
) -> Option<usize> {
    let exact = username.as_ref().map(|_| true);
    kc.realm_users_get(
        realm, None, None, None, None, None, None, exact, first, None, None, None, None, max, None,
        None, username,
    )
    .await
    .ok()
    .map(|p| p.len())
}

async fn count(kc: &Admin, realm: &str) -> bool {
    kc.realm_users_count_get(
        realm, None, None, None, None, None, None, None, None, None, None, None, None, None,
    )
    .await
    .is_ok()
}

pub async fn run(job: &Job) -> Result<(Sample, Option<u64>), String> {
    let t = &job.target;
    let http = reqwest::Client::new();
    let token = KeycloakAdminToken::acquire_custom_realm(
        &t.base_url,
        &t.username,
        &t.password,
        &t.auth_realm,
        "admin-cli",
        "password",
        &http,
    )
    .await
    .map_err(|e| format!("keycloak crate login: {e}"))?;
    let kc = KeycloakAdmin::new(&t.base_url, token, http);
    let r = t.realm.as_str();
    if !count(&kc, r).await {
        return Err("keycloak crate: the warm-up count failed".into());
    }
    if job.workload == Workload::W5 {
        tokio::time::sleep(job.wait).await;
    }
    let sample = timed(async {
        match job.workload {
            Workload::W1 => {
                let mut ok = 0;
                for i in 0..job.n {
                    ok += create(
                        &kc,
                        r,
                        crate::typed_person!(UserRepresentation, job.prefix, i),
                    )
                    .await as u64;
                }
                (ok, job.n as u64 - ok)
            }
            Workload::W2 => {
                let ok = stream::iter(0..job.n)
                    .map(|i| {
                        create(
                            &kc,
                            r,
                            crate::typed_person!(UserRepresentation, job.prefix, i),
                        )
                    })
                    .buffer_unordered(job.concurrency)
                    .filter(|ok| std::future::ready(*ok))
                    .count()
                    .await as u64;
                (ok, job.n as u64 - ok)
            }
            Workload::W3 => {
                let (mut first, mut n) = (0, 0u64);
                loop {
                    let Some(len) = page(&kc, r, Some(first), Some(100), None).await else {
                        return (n, 1);
                    };
                    n += len as u64;
                    if len < 100 {
                        return (n, 0);
                    }
                    first += 100;
                }
            }
            Workload::W4 => {
                let mut ok = count(&kc, r).await as u64;
                for _ in 0..job.n {
                    ok += (page(&kc, r, None, None, Some(job.lookup.clone())).await == Some(1))
                        as u64;
                }
                (ok, job.n as u64 + 1 - ok)
            }
            Workload::W5 => {
                let calls = (0..job.n).map(|_| count(&kc, r));
                let ok = futures_util::future::join_all(calls)
                    .await
                    .iter()
                    .filter(|x| **x)
                    .count() as u64;
                (ok, job.n as u64 - ok)
            }
        }
    })
    .await;
    Ok((sample, None))
}
