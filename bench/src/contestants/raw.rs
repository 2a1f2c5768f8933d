//! The floor: plain reqwest with a fixed token, the same HTTP calls, decoding
//! into the same model types.

use super::fixed_token_http;
use crate::job::{Job, Sample, Workload, person, timed};
use futures_util::{StreamExt, stream};
use keycloak_admin_api::types::UserRepresentation;

struct Raw {
    http: reqwest::Client,
    users: String,
}

impl Raw {
    async fn create(&self, user: serde_json::Value) -> bool {
        match self.http.post(&self.users).json(&user).send().await {
            Ok(r) if r.status().as_u16() == 201 => r
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| l.rsplit('/').next())
                .is_some(),
            _ => false,
        }
    }

    async fn page(&self, query: &[(&str, &str)]) -> Option<Vec<UserRepresentation>> {
        let r = self.http.get(&self.users).query(query).send().await.ok()?;
        if !r.status().is_success() {
            return None;
        }
        r.json().await.ok()
    }

    async fn count(&self) -> bool {
        match self.http.get(format!("{}/count", self.users)).send().await {
            Ok(r) if r.status().is_success() => r.json::<u64>().await.is_ok(),
            _ => false,
        }
    }
}

pub async fn run(job: &Job) -> Result<(Sample, Option<u64>), String> {
    let t = &job.target;
    let raw = Raw {
        http: fixed_token_http(t).await?,
        users: format!("{}/admin/realms/{}/users", t.base_url, t.realm),
    };
    if !raw.count().await {
        return Err("raw: the warm-up count failed".into());
    }
    if job.workload == Workload::W5 {
        tokio::time::sleep(job.wait).await;
    }
    let sample = timed(async {
        match job.workload {
            Workload::W1 => {
                let mut ok = 0;
                for i in 0..job.n {
                    ok += raw.create(person(&job.prefix, i)).await as u64;
                }
                (ok, job.n as u64 - ok)
            }
            Workload::W2 => {
                let ok = stream::iter(0..job.n)
                    .map(|i| raw.create(person(&job.prefix, i)))
                    .buffer_unordered(job.concurrency)
                    .filter(|ok| std::future::ready(*ok))
                    .count()
                    .await as u64;
                (ok, job.n as u64 - ok)
            }
            Workload::W3 => {
                let (mut first, mut n) = (0usize, 0u64);
                loop {
                    let f = first.to_string();
                    let Some(page) = raw.page(&[("first", &f), ("max", "100")]).await else {
                        return (n, 1);
                    };
                    n += page.len() as u64;
                    if page.len() < 100 {
                        return (n, 0);
                    }
                    first += 100;
                }
            }
            Workload::W4 => {
                let mut ok = raw.count().await as u64;
                for _ in 0..job.n {
                    let q = [("username", job.lookup.as_str()), ("exact", "true")];
                    ok += raw.page(&q).await.is_some_and(|p| p.len() == 1) as u64;
                }
                (ok, job.n as u64 + 1 - ok)
            }
            Workload::W5 => {
                let calls = (0..job.n).map(|_| raw.count());
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
