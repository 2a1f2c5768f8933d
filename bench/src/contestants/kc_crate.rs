//! The `keycloak` crate from crates.io, used the way its README shows: a token
//! acquired once (`KeycloakAdminToken`), positional-argument calls.

use super::{Calls, read_pages};
use crate::job::{DefaultWith, Job};
use keycloak::types::UserRepresentation;
use keycloak::{KeycloakAdmin, KeycloakAdminToken};

pub struct KcCrate<'a> {
    kc: KeycloakAdmin<KeycloakAdminToken>,
    job: &'a Job,
}

pub async fn connect(job: &Job) -> Result<KcCrate<'_>, String> {
    Ok(KcCrate {
        kc: login(&job.target).await?,
        job,
    })
}

/// The crate's client with a token acquired once, as its README shows.
pub async fn login(t: &crate::job::Target) -> Result<KeycloakAdmin<KeycloakAdminToken>, String> {
    let http = t.http()?.build().map_err(|e| e.to_string())?;
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
    Ok(KeycloakAdmin::new(&t.base_url, token, http))
}

impl KcCrate<'_> {
    async fn users(
        &self,
        first: Option<i32>,
        max: Option<i32>,
        username: Option<String>,
    ) -> Option<usize> {
        let exact = username.as_ref().map(|_| true);
        let realm = &self.job.target.realm;
        self.kc
            .realm_users_get(
                realm, None, None, None, None, None, None, exact, first, None, None, None, None,
                max, None, None, username,
            )
            .await
            .ok()
            .map(|p| p.len())
    }
}

impl Calls for KcCrate<'_> {
    async fn create(&self, i: usize) -> bool {
        let user = crate::typed_person!(UserRepresentation, self.job.prefix, i);
        matches!(self.kc.realm_users_post(&self.job.target.realm, user).await, Ok(r) if r.to_id().is_some())
    }

    async fn count(&self) -> bool {
        let realm = &self.job.target.realm;
        self.kc
            .realm_users_count_get(
                realm, None, None, None, None, None, None, None, None, None, None, None, None, None,
            )
            .await
            .is_ok()
    }

    async fn lookup(&self) -> bool {
        self.users(None, None, Some(self.job.lookup.clone())).await == Some(1)
    }

    async fn read_all(&self) -> (u64, u64) {
        read_pages(|first| self.page(first)).await
    }
}

impl KcCrate<'_> {
    async fn page(&self, first: usize) -> Option<usize> {
        self.users(Some(first as i32), Some(100), None).await
    }
}
