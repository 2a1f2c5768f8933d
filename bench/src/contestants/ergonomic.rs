//! This project's ergonomic client (`keycloak-admin`).

use crate::job::{DefaultWith, Job, Sample, Workload, timed};
use futures_util::{StreamExt, TryStreamExt, stream};
use keycloak_admin::{Credentials, KeycloakAdmin};

pub async fn run(job: &Job) -> Result<(Sample, Option<u64>), String> {
    let t = &job.target;
    let kc = KeycloakAdmin::builder(&t.base_url)
        .realm(&t.realm)
        .auth_realm(&t.auth_realm)
        .credentials(Credentials::password(&t.username, &t.password))
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    let users = kc.realm(&t.realm).users();
    users.count().await.map_err(|e| e.to_string())?;
    if job.workload == Workload::W5 {
        tokio::time::sleep(job.wait).await;
    }
    let before = kc.token_requests();
    let user = |i| crate::typed_person!(keycloak_admin::types::UserRepresentation, job.prefix, i);
    let sample = timed(async {
        match job.workload {
            Workload::W1 => {
                let mut ok = 0;
                for i in 0..job.n {
                    ok += users.create(user(i)).await.is_ok() as u64;
                }
                (ok, job.n as u64 - ok)
            }
            Workload::W2 => {
                let ok = stream::iter(0..job.n)
                    .map(|i| users.create(user(i)))
                    .buffer_unordered(job.concurrency)
                    .filter(|r| std::future::ready(r.is_ok()))
                    .count()
                    .await as u64;
                (ok, job.n as u64 - ok)
            }
            Workload::W3 => match users
                .list()
                .page_size(100)
                .stream()
                .try_fold(0u64, |n, _| async move { Ok(n + 1) })
                .await
            {
                Ok(n) => (n, 0),
                Err(_) => (0, 1),
            },
            Workload::W4 => {
                let mut ok = users.count().await.is_ok() as u64;
                for _ in 0..job.n {
                    ok += matches!(users.find_by_username(&job.lookup).await, Ok(Some(_))) as u64;
                }
                (ok, job.n as u64 + 1 - ok)
            }
            Workload::W5 => {
                let calls = (0..job.n).map(|_| users.count());
                let ok = futures_util::future::join_all(calls)
                    .await
                    .iter()
                    .filter(|r| r.is_ok())
                    .count() as u64;
                (ok, job.n as u64 - ok)
            }
        }
    })
    .await;
    Ok((sample, Some(kc.token_requests() - before)))
}
