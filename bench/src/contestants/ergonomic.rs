//! This project's ergonomic client (`keycloak-admin`): W3 is its stream, W4 its
//! `find_by_username`, and it counts its own token requests.

use super::Calls;
use crate::job::{DefaultWith, Job};
use futures_util::TryStreamExt;
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{KeycloakAdmin, Users};

pub struct Ergonomic<'a> {
    kc: KeycloakAdmin,
    users: Users,
    job: &'a Job,
    /// Token requests made by the login; the timed part's are counted after it.
    tokens_at_login: u64,
}

/// Ours logged in as the target's user, working in its realm.
pub async fn login(t: &crate::job::Target) -> Result<KeycloakAdmin, String> {
    t.admin()?
        .realm(&t.realm)
        .connect()
        .await
        .map_err(|e| e.to_string())
}

pub async fn connect(job: &Job) -> Result<Ergonomic<'_>, String> {
    let t = &job.target;
    let kc = login(t).await?;
    Ok(Ergonomic {
        users: kc.realm(&t.realm).users(),
        tokens_at_login: kc.token_requests(),
        kc,
        job,
    })
}

impl Ergonomic<'_> {
    /// The warm-up call reuses the login's token, so this is the timed part's count.
    pub fn token_requests_since_login(&self) -> u64 {
        self.kc.token_requests() - self.tokens_at_login
    }
}

impl Calls for Ergonomic<'_> {
    async fn create(&self, i: usize) -> bool {
        let user = crate::typed_person!(UserRepresentation, self.job.prefix, i);
        self.users.create(user).await.is_ok()
    }

    async fn count(&self) -> bool {
        self.users.count().await.is_ok()
    }

    async fn lookup(&self) -> bool {
        matches!(
            self.users.find_by_username(&self.job.lookup).await,
            Ok(Some(_))
        )
    }

    async fn read_all(&self) -> (u64, u64) {
        let stream = self.users.list().page_size(100).stream();
        match stream.try_fold(0u64, |n, _| async move { Ok(n + 1) }).await {
            Ok(n) => (n, 0),
            Err(_) => (0, 1),
        }
    }
}
