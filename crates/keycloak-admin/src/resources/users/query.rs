//! A user search: typed filters on the list verbs, `count` and `delete_all`.

use super::Users;
use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::{List, Page, with};
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::UserRepresentation;

/// A user search: every user of a realm, narrowed by typed filters that
/// combine; the list verbs, plus [`count`](UserQuery::count) and
/// [`delete_all`](UserQuery::delete_all).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use futures_util::TryStreamExt;
/// let ops_people: Vec<_> = kc.realm("rep").users()
///     .list()
///     .q("dept:ops")
///     .enabled(true)
///     .brief(true)
///     .page_size(500)
///     .stream()
///     .try_collect()
///     .await?;
/// # Ok(()) }
/// ```
pub type UserQuery = List<UserRepresentation, UserFilters>;

/// The filters of a [`UserQuery`] (set through its methods).
#[derive(Debug, Clone, Default)]
pub struct UserFilters {
    realm: String,
    pub(super) search: Option<String>,
    username: Option<String>,
    email: Option<String>,
    first_name: Option<String>,
    last_name: Option<String>,
    exact: Option<bool>,
    enabled: Option<bool>,
    email_verified: Option<bool>,
    idp_alias: Option<String>,
    idp_user_id: Option<String>,
    q: Option<String>,
    brief: Option<bool>,
}

/// Users per request of a full-representation stream unless `page_size` says
/// otherwise. Measured (`BENCHMARKS.md`, "Reading users"): larger pages of
/// full users get *slower* per user on Keycloak 26.7.3 (each user costs the
/// server queries whose cost grows with the page), smaller ones pay more
/// round trips and deep offsets.
pub const USER_PAGE_SIZE: i32 = 250;
/// Users per request of a [`brief`](UserQuery::brief) stream unless
/// `page_size` says otherwise. Brief pages cost the server little per user,
/// so fewer, larger pages win on both databases (`BENCHMARKS.md`, "Reading
/// users": 20 000 brief users in pages of 5 000 against 2 000 read 1.37×
/// faster on the dev-file database, 1.08× on PostgreSQL). Reading 100 000
/// brief users this way peaked at 38 MiB of resident memory (`BENCHMARKS.md`,
/// W8; 19 MiB with pages of 2 000).
pub const BRIEF_USER_PAGE_SIZE: i32 = 5000;
/// Users per request of a group's or a role's member list unless `page_size`
/// says otherwise. Measured (`BENCHMARKS.md`, "Lists of users: members"):
/// unlike `GET /users`, member pages keep getting cheaper per user as they
/// grow — 10 000 group members read ~2.9× faster in pages of 2 000 than of
/// 100, role members ~5× (role members were noisy: one run took 50 s in pages
/// of 250); pages of 5 000 gained little more (1.1× in the last run) for 2.5×
/// the memory per page.
pub const MEMBER_PAGE_SIZE: i32 = 2000;

/// One page of users matching `f`.
async fn page(kc: KeycloakAdmin, f: UserFilters, first: i32, max: i32) -> Page<UserRepresentation> {
    let req = kc.api().get_users().realm(&f.realm).first(first).max(max);
    let req = with(req, &f.search, |r, v| r.search(v));
    let req = with(req, &f.username, |r, v| r.username(v));
    let req = with(req, &f.email, |r, v| r.email(v));
    let req = with(req, &f.first_name, |r, v| r.first_name(v));
    let req = with(req, &f.last_name, |r, v| r.last_name(v));
    let req = with(req, &f.exact, |r, v| r.exact(v));
    let req = with(req, &f.enabled, |r, v| r.enabled(v));
    let req = with(req, &f.email_verified, |r, v| r.email_verified(v));
    let req = with(req, &f.idp_alias, |r, v| r.idp_alias(v));
    let req = with(req, &f.idp_user_id, |r, v| r.idp_user_id(v));
    let req = with(req, &f.q, |r, v| r.q(v));
    let req = with(req, &f.brief, |r, v| r.brief_representation(v));
    kc.page(req).await
}

/// Every user of `realm` (pages of [`USER_PAGE_SIZE`]).
pub(super) fn of_realm(kc: &KeycloakAdmin, realm: String) -> UserQuery {
    let filters = UserFilters {
        realm,
        ..Default::default()
    };
    List::filtered(kc, ops::GET_USERS, filters, page)
        .default_page_size(USER_PAGE_SIZE)
        .keyed(user_id)
}

/// A user's id: lists of users read two pages ahead
/// ([`KEYED_PAGES_IN_FLIGHT`](crate::KEYED_PAGES_IN_FLIGHT)).
/// An empty id is no id (never taken for a repeat).
pub(crate) fn user_id(user: &UserRepresentation) -> Option<&str> {
    user.id.as_deref().filter(|id| !id.is_empty())
}

impl UserQuery {
    /// Narrow by `username`.
    pub fn username(mut self, value: impl Into<String>) -> Self {
        self.query.username = Some(value.into());
        self
    }

    /// Narrow by `email`.
    pub fn email(mut self, value: impl Into<String>) -> Self {
        self.query.email = Some(value.into());
        self
    }

    /// Narrow by `first_name`.
    pub fn first_name(mut self, value: impl Into<String>) -> Self {
        self.query.first_name = Some(value.into());
        self
    }

    /// Narrow by `last_name`.
    pub fn last_name(mut self, value: impl Into<String>) -> Self {
        self.query.last_name = Some(value.into());
        self
    }

    /// Match the text filters exactly instead of as substrings.
    pub fn exact(mut self, value: impl Into<bool>) -> Self {
        self.query.exact = Some(value.into());
        self
    }

    /// Narrow by `enabled`.
    pub fn enabled(mut self, value: impl Into<bool>) -> Self {
        self.query.enabled = Some(value.into());
        self
    }

    /// Narrow by `email_verified`.
    pub fn email_verified(mut self, value: impl Into<bool>) -> Self {
        self.query.email_verified = Some(value.into());
        self
    }

    /// Narrow by `idp_alias`.
    pub fn idp_alias(mut self, value: impl Into<String>) -> Self {
        self.query.idp_alias = Some(value.into());
        self
    }

    /// Narrow by `idp_user_id`.
    pub fn idp_user_id(mut self, value: impl Into<String>) -> Self {
        self.query.idp_user_id = Some(value.into());
        self
    }

    /// Attribute query, `key1:value1 key2:value2`.
    pub fn q(mut self, value: impl Into<String>) -> Self {
        self.query.q = Some(value.into());
        self
    }

    /// Leave out attributes and other details; brief streams default to pages
    /// of [`BRIEF_USER_PAGE_SIZE`].
    pub fn brief(mut self, value: impl Into<bool>) -> Self {
        let brief = value.into();
        self.query.brief = Some(brief);
        self.default_page_size(if brief {
            BRIEF_USER_PAGE_SIZE
        } else {
            USER_PAGE_SIZE
        })
    }

    /// Delete every matching user (8 requests in flight); returns how many
    /// this call deleted. It reads the first page again after each round
    /// instead of streaming: a stream's offsets shift under its own deletions
    /// and would skip a page for every page deleted (see
    /// [`stream`](Self::stream)). A user still listed after its delete
    /// succeeded (a read-only federation, say) stops it with an error
    /// instead of looping. A delete the server fails with a 5xx (Keycloak's
    /// database conflicts under concurrent deletes) is tried once more in the
    /// next round; a second failure of the same user is returned.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// let removed = kc.realm("rep").users().search("load-test-").delete_all().await?;
    /// # Ok(()) }
    /// ```
    pub async fn delete_all(self) -> Result<u64> {
        use futures_util::StreamExt;
        let query = self.brief(true);
        let users = Users::new(query.kc.clone(), query.query.realm.clone());
        let mut deleted = 0u64;
        let mut last_round: std::collections::HashSet<String> = Default::default();
        let mut failed_before: std::collections::HashSet<String> = Default::default();
        loop {
            let page = query.clone().first_page().await?;
            if page.is_empty() {
                return Ok(deleted);
            }
            let ids: Vec<String> = page.into_iter().filter_map(|u| u.id).collect();
            if let Some(stuck) = ids.iter().find(|id| last_round.contains(*id)) {
                return Err(Error::StillListed {
                    operation: ops::GET_USERS.to_string(),
                    id: stuck.clone(),
                });
            }
            let mut gone = std::collections::HashSet::new();
            let mut failed_now = std::collections::HashSet::new();
            {
                let mut results = futures_util::stream::iter(ids.iter())
                    .map(|id| {
                        let users = &users;
                        async move { (id, users.delete(id).await) }
                    })
                    .buffer_unordered(8);
                while let Some((id, result)) = results.next().await {
                    match result {
                        Ok(()) => {
                            deleted += 1;
                            gone.insert(id.clone());
                        }
                        // Someone else deleted it meanwhile.
                        Err(e) if e.is_not_found() => {
                            gone.insert(id.clone());
                        }
                        // Keycloak answers 500 now and then to concurrent
                        // deletes (a database conflict, rolled back:
                        // keycloak/keycloak#39743); the user stays listed and
                        // is tried once more in the next round.
                        Err(e) if is_server_error(&e) && !failed_before.contains(id) => {
                            failed_now.insert(id.clone());
                        }
                        Err(e) => return Err(e),
                    }
                }
            }
            last_round = gone;
            failed_before = failed_now;
        }
    }

    /// How many users match (the count endpoint, same filters).
    pub async fn count(self) -> Result<u64> {
        let f = &self.query;
        let req = self.kc.api().get_users_count().realm(&f.realm);
        let req = with(req, &f.search, |r, v| r.search(v));
        let req = with(req, &f.username, |r, v| r.username(v));
        let req = with(req, &f.email, |r, v| r.email(v));
        let req = with(req, &f.first_name, |r, v| r.first_name(v));
        let req = with(req, &f.last_name, |r, v| r.last_name(v));
        let req = with(req, &f.exact, |r, v| r.exact(v));
        let req = with(req, &f.enabled, |r, v| r.enabled(v));
        let req = with(req, &f.email_verified, |r, v| r.email_verified(v));
        let req = with(req, &f.idp_alias, |r, v| r.idp_alias(v));
        let req = with(req, &f.idp_user_id, |r, v| r.idp_user_id(v));
        let req = with(req, &f.q, |r, v| r.q(v));
        let n = self.kc.send(req).await?;
        Ok(n.max(0) as u64)
    }
}

/// A 5xx answer from Keycloak itself (not a transport failure).
fn is_server_error(e: &Error) -> bool {
    e.status().is_some_and(|s| (500..600).contains(&s))
}
