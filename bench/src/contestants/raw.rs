//! The floor: plain reqwest with a fixed token, the same HTTP calls, decoding
//! into the same model types.

use super::{Calls, fixed_token_http, read_pages};
use crate::job::{Job, person};
use keycloak_admin_api::types::UserRepresentation;

pub struct Raw<'a> {
    http: reqwest::Client,
    users: String,
    job: &'a Job,
}

pub async fn connect(job: &Job) -> Result<Raw<'_>, String> {
    let t = &job.target;
    Ok(Raw {
        http: fixed_token_http(t).await?,
        users: format!("{}/admin/realms/{}/users", t.base_url, t.realm),
        job,
    })
}

impl Raw<'_> {
    async fn get(&self, query: &[(&str, &str)]) -> Option<Vec<UserRepresentation>> {
        let r = self.http.get(&self.users).query(query).send().await.ok()?;
        if !r.status().is_success() {
            return None;
        }
        r.json().await.ok()
    }
}

impl Calls for Raw<'_> {
    async fn create(&self, i: usize) -> bool {
        let user = person(&self.job.prefix, i);
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

    async fn count(&self) -> bool {
        match self.http.get(format!("{}/count", self.users)).send().await {
            Ok(r) if r.status().is_success() => r.json::<u64>().await.is_ok(),
            _ => false,
        }
    }

    async fn lookup(&self) -> bool {
        let q = [("username", self.job.lookup.as_str()), ("exact", "true")];
        self.get(&q).await.is_some_and(|p| p.len() == 1)
    }

    async fn read_all(&self) -> (u64, u64) {
        read_pages(|first| self.page(first)).await
    }
}

impl Raw<'_> {
    async fn page(&self, first: usize) -> Option<usize> {
        let first = first.to_string();
        self.get(&[("first", &first), ("max", "100")])
            .await
            .map(|p| p.len())
    }
}
