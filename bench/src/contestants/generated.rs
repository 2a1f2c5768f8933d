//! This project's generated client (`keycloak-admin-api`) used directly, with a
//! token fetched once and put in a default header: no refresh, no error mapping.

use super::{Calls, fixed_token_http, read_pages};
use crate::job::{DefaultWith, Job};
use keycloak_admin_api::types::UserRepresentation;
use keycloak_admin_api::{Client, Hooks};

pub struct Generated<'a> {
    api: Client,
    job: &'a Job,
}

pub async fn connect(job: &Job) -> Result<Generated<'_>, String> {
    let t = &job.target;
    let api = Client::new_with_client(&t.base_url, fixed_token_http(t).await?, Hooks::none());
    Ok(Generated { api, job })
}

impl Calls for Generated<'_> {
    async fn create(&self, i: usize) -> bool {
        let user = crate::typed_person!(UserRepresentation, self.job.prefix, i);
        let r = self
            .api
            .post_users()
            .realm(&self.job.target.realm)
            .body(user)
            .send()
            .await;
        // The id is the last segment of Location.
        r.is_ok_and(|r| {
            r.headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .and_then(|l| l.rsplit('/').next())
                .is_some()
        })
    }

    async fn count(&self) -> bool {
        self.api
            .get_users_count()
            .realm(&self.job.target.realm)
            .send()
            .await
            .is_ok()
    }

    async fn lookup(&self) -> bool {
        let found = self
            .api
            .get_users()
            .realm(&self.job.target.realm)
            .username(&self.job.lookup)
            .exact(true)
            .send()
            .await;
        found.is_ok_and(|p| p.len() == 1)
    }

    async fn read_all(&self) -> (u64, u64) {
        read_pages(|first| self.page(first)).await
    }
}

impl Generated<'_> {
    async fn page(&self, first: usize) -> Option<usize> {
        let page = self
            .api
            .get_users()
            .realm(&self.job.target.realm)
            .first(first as i32)
            .max(100)
            .send()
            .await
            .ok()?;
        Some(page.len())
    }
}
