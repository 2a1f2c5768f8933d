//! A user search: typed filters, the list verbs, `count` and `delete_all`.

use super::Users;
use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::{ahead, pages};
use futures_util::TryStreamExt;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::UserRepresentation;

#[derive(Debug, Clone, Default)]
pub(super) struct Filters {
    pub(super) search: Option<String>,
    pub(super) username: Option<String>,
    pub(super) email: Option<String>,
    pub(super) first_name: Option<String>,
    pub(super) last_name: Option<String>,
    pub(super) exact: Option<bool>,
    pub(super) enabled: Option<bool>,
    pub(super) email_verified: Option<bool>,
    pub(super) idp_alias: Option<String>,
    pub(super) idp_user_id: Option<String>,
    pub(super) q: Option<String>,
    pub(super) brief: Option<bool>,
}

/// `set(builder, value)` when the filter is set: the list and count endpoints
/// take the same filters but are different builder types.
fn with<B, V: Clone>(builder: B, value: &Option<V>, set: impl FnOnce(B, V) -> B) -> B {
    match value {
        Some(v) => set(builder, v.clone()),
        None => builder,
    }
}

/// A user search; all filters are optional and combine.
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
#[derive(Debug, Clone)]
#[must_use]
pub struct UserQuery {
    pub(super) kc: KeycloakAdmin,
    pub(super) realm: String,
    pub(super) filters: Filters,
    /// `None`: [`USER_PAGE_SIZE`] or [`BRIEF_USER_PAGE_SIZE`].
    pub(super) page_size: Option<i32>,
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
/// faster on the dev-file database, 1.08× on PostgreSQL); two pages of
/// 5 000 brief users held at once stay under ~4 MiB.
pub const BRIEF_USER_PAGE_SIZE: i32 = 5000;
/// Users per request of a group's or a role's member list unless `page_size`
/// says otherwise. Measured (`BENCHMARKS.md`, "Lists of users: members"):
/// unlike `GET /users`, member pages keep getting cheaper per user as they
/// grow — 10 000 group members read ~2.9× faster in pages of 2 000 than of
/// 100, role members ~5× (role members were noisy: one run took 50 s in pages
/// of 250); pages of 5 000 gained little more (1.1× in the last run) for 2.5×
/// the memory per page.
pub const MEMBER_PAGE_SIZE: i32 = 2000;

impl UserQuery {
    /// Narrow by `username`.
    pub fn username(mut self, value: impl Into<String>) -> Self {
        self.filters.username = Some(value.into());
        self
    }

    /// Narrow by `email`.
    pub fn email(mut self, value: impl Into<String>) -> Self {
        self.filters.email = Some(value.into());
        self
    }

    /// Narrow by `first_name`.
    pub fn first_name(mut self, value: impl Into<String>) -> Self {
        self.filters.first_name = Some(value.into());
        self
    }

    /// Narrow by `last_name`.
    pub fn last_name(mut self, value: impl Into<String>) -> Self {
        self.filters.last_name = Some(value.into());
        self
    }

    /// Match the text filters exactly instead of as substrings.
    pub fn exact(mut self, value: impl Into<bool>) -> Self {
        self.filters.exact = Some(value.into());
        self
    }

    /// Narrow by `enabled`.
    pub fn enabled(mut self, value: impl Into<bool>) -> Self {
        self.filters.enabled = Some(value.into());
        self
    }

    /// Narrow by `email_verified`.
    pub fn email_verified(mut self, value: impl Into<bool>) -> Self {
        self.filters.email_verified = Some(value.into());
        self
    }

    /// Narrow by `idp_alias`.
    pub fn idp_alias(mut self, value: impl Into<String>) -> Self {
        self.filters.idp_alias = Some(value.into());
        self
    }

    /// Narrow by `idp_user_id`.
    pub fn idp_user_id(mut self, value: impl Into<String>) -> Self {
        self.filters.idp_user_id = Some(value.into());
        self
    }

    /// Attribute query, `key1:value1 key2:value2`.
    pub fn q(mut self, value: impl Into<String>) -> Self {
        self.filters.q = Some(value.into());
        self
    }

    /// Leave out attributes and other details.
    pub fn brief(mut self, value: impl Into<bool>) -> Self {
        self.filters.brief = Some(value.into());
        self
    }
}

impl UserQuery {
    /// Users per request when streaming (default [`USER_PAGE_SIZE`], or
    /// [`BRIEF_USER_PAGE_SIZE`] for brief ones; at least 1).
    pub fn page_size(mut self, size: i32) -> Self {
        self.page_size = Some(size.max(1));
        self
    }

    fn size(&self) -> i32 {
        self.page_size
            .unwrap_or(if self.filters.brief == Some(true) {
                BRIEF_USER_PAGE_SIZE
            } else {
                USER_PAGE_SIZE
            })
    }

    /// Every matching user, fetched page by page (`first`/`max`, ordered by
    /// username); the next page is requested while the caller consumes the
    /// current one (at most two pages in memory).
    ///
    /// **While the realm changes.** Pages are offsets, so users deleted
    /// before the stream's position shift the rest back: the stream skips as
    /// many users (never deleted ones among them) as were deleted behind it,
    /// and never yields a user twice because of a deletion. Users created
    /// behind its position shift the rest forward: the stream may yield a
    /// user twice. Users created or deleted ahead of its position simply
    /// are or are not yielded. So never delete what you stream with the same
    /// query — [`delete_all`](Self::delete_all) does that right — and for a
    /// consistent list of a changing realm, collect ids first (`.brief(true)`
    /// makes that cheap).
    pub fn stream(self) -> futures_util::stream::BoxStream<'static, Result<UserRepresentation>> {
        let page_size = self.size();
        let fetch = move |first, max| {
            let q = self.clone();
            async move { q.page(first, max).await }
        };
        Box::pin(pages(
            ops::GET_USERS,
            page_size,
            crate::pagination::PAGES_IN_FLIGHT,
            ahead(ops::GET_USERS, fetch),
        ))
    }

    /// Every matching user, collected.
    pub async fn all(self) -> Result<Vec<UserRepresentation>> {
        self.stream().try_collect().await
    }

    /// The first page only (`page_size` users at most).
    pub async fn first_page(self) -> Result<Vec<UserRepresentation>> {
        let size = self.size();
        self.page(0, size).await
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
        let users = Users::new(query.kc.clone(), query.realm.clone());
        let size = query.size();
        let mut deleted = 0u64;
        let mut last_round: std::collections::HashSet<String> = Default::default();
        let mut failed_before: std::collections::HashSet<String> = Default::default();
        loop {
            let page = query.page(0, size).await?;
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
        let f = &self.filters;
        let req = self.kc.api().get_users_count().realm(&self.realm);
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

    async fn page(&self, first: i32, max: i32) -> Result<Vec<UserRepresentation>> {
        let f = &self.filters;
        let req = self.kc.api().get_users().realm(&self.realm);
        let req = req.first(first).max(max);
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
        self.kc.send(req).await
    }
}

/// Awaiting a query is [`UserQuery::all`], as for every [`List`].
impl std::future::IntoFuture for UserQuery {
    type Output = Result<Vec<UserRepresentation>>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Self::Output>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.all())
    }
}

/// A 5xx answer from Keycloak itself (not a transport failure).
fn is_server_error(e: &Error) -> bool {
    e.status().is_some_and(|s| (500..600).contains(&s))
}
