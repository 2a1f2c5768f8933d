//! This project's generated client (`keycloak-admin-api`) used directly, with a
//! token fetched once and put in a default header: no refresh, no error mapping.

use super::fixed_token_http;
use crate::job::{DefaultWith, Job, Sample, Workload, timed};
use futures_util::{StreamExt, stream};
use keycloak_admin_api::types::UserRepresentation;
use keycloak_admin_api::{Client, Hooks};

async fn create(api: &Client, realm: &str, user: UserRepresentation) -> bool {
    match api.post_users().realm(realm).body(user).send().await {
        // The id is the last segment of Location.
        Ok(r) => r
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .and_then(|l| l.rsplit('/').next())
            .is_some(),
        Err(_) => false,
    }
}

pub async fn run(job: &Job) -> Result<(Sample, Option<u64>), String> {
    let t = &job.target;
    let api = Client::new_with_client(&t.base_url, fixed_token_http(t).await?, Hooks::none());
    let r = t.realm.as_str();
    api.get_users_count()
        .realm(r)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    if job.workload == Workload::W5 {
        tokio::time::sleep(job.wait).await;
    }
    let sample = timed(async {
        match job.workload {
            Workload::W1 => {
                let mut ok = 0;
                for i in 0..job.n {
                    ok += create(
                        &api,
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
                            &api,
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
                    let Ok(page) = api.get_users().realm(r).first(first).max(100).send().await
                    else {
                        return (n, 1);
                    };
                    let len = page.len();
                    n += len as u64;
                    if len < 100 {
                        return (n, 0);
                    }
                    first += 100;
                }
            }
            Workload::W4 => {
                let mut ok = api.get_users_count().realm(r).send().await.is_ok() as u64;
                for _ in 0..job.n {
                    let found = api
                        .get_users()
                        .realm(r)
                        .username(&job.lookup)
                        .exact(true)
                        .send()
                        .await;
                    ok += found.is_ok_and(|p| p.len() == 1) as u64;
                }
                (ok, job.n as u64 + 1 - ok)
            }
            Workload::W5 => {
                let calls = (0..job.n).map(|_| api.get_users_count().realm(r).send());
                let ok = futures_util::future::join_all(calls)
                    .await
                    .iter()
                    .filter(|x| x.is_ok())
                    .count() as u64;
                (ok, job.n as u64 - ok)
            }
        }
    })
    .await;
    Ok((sample, None))
}
