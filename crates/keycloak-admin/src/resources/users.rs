use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::handle::handle;
use crate::pagination::{List, ahead, list, pages};
use futures_util::TryStreamExt;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    CredentialRepresentation, FederatedIdentityRepresentation, GroupRepresentation,
    UserRepresentation, UserSessionRepresentation,
};

/// The users of one realm.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use futures_util::TryStreamExt;
/// let users = kc.realm("rep").users();
/// let johns: Vec<_> = users.search("john").exact(false).stream().try_collect().await?;
/// let id = users.create(keycloak_admin::types::UserRepresentation {
///     username: Some("jane".into()), enabled: Some(true), ..Default::default()
/// }).await?;
/// users.set_password(&id, "s3cret", true).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Users {
    kc: KeycloakAdmin,
    realm: String,
}

impl Users {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// After a write that sent attributes `sent`: read the user back and name
    /// the ones Keycloak did not keep (its user profile drops undeclared
    /// attributes without a word).
    async fn check_kept(
        &self,
        op: &'static keycloak_admin_api::Operation,
        id: &str,
        sent: Vec<String>,
    ) -> Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        let kept = self.get(id).await?;
        let kept = kept.attributes.unwrap_or_default();
        let dropped: Vec<String> = sent
            .into_iter()
            .filter(|name| !kept.contains_key(name))
            .collect();
        if dropped.is_empty() {
            return Ok(());
        }
        Err(Error::AttributesDropped {
            operation: op.to_string(),
            id: id.to_string(),
            attributes: dropped,
        })
    }

    /// Name what blocks a login Keycloak refused with "Account is not fully
    /// set up" (which is all its token endpoint says): the error comes back
    /// with [`login_blockers`](Self::login_blockers) of `username` in it, e.g.
    /// `… refused (400 invalid_grant): Account is not fully set up (blocked
    /// by: missing firstName)`. Any other error, or one whose user cannot be
    /// looked up, comes back as it was.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin, oidc: keycloak_oidc::OidcClient) {
    /// let users = kc.realm("rep").users();
    /// if let Err(e) = oidc.password("bob", "s3cret").await {
    ///     eprintln!("{}", users.explain_login_error("bob", e).await);
    /// }
    /// # }
    /// ```
    pub async fn explain_login_error(
        &self,
        username: &str,
        err: keycloak_oidc::Error,
    ) -> keycloak_oidc::Error {
        let keycloak_oidc::Error::OAuth(refusal) = err else {
            return err;
        };
        if !refusal.is_account_not_set_up() {
            return keycloak_oidc::Error::OAuth(refusal);
        }
        let blockers = match self.find_by_username(username).await {
            Ok(Some(user)) => match user.id {
                Some(id) => self.login_blockers(&id).await.unwrap_or_default(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        keycloak_oidc::Error::OAuth(Box::new(refusal.with_blockers(blockers)))
    }

    /// Create many users in few requests (`partialImport` batches); await it
    /// for one outcome per user, in input order. Users the realm's user
    /// profile cannot prove valid locally (and those carrying attributes it
    /// would drop) are created one by one, so the server's validation and
    /// [`Error::AttributesDropped`] apply to them as to [`create`](Self::create).
    /// See [`CreateMany`](crate::CreateMany).
    pub fn create_many<U: Into<UserRepresentation>>(
        &self,
        users: impl IntoIterator<Item = U>,
    ) -> crate::CreateMany<UserRepresentation, crate::bulk::UserKind> {
        let kind = crate::bulk::UserKind {
            handle: self.clone(),
            profile: None,
        };
        let users = users.into_iter().map(Into::into).collect();
        crate::CreateMany::new(self.kc.clone(), self.realm.clone(), kind, users)
    }

    /// The realm's user profile (its configuration decides what users keep).
    pub(crate) fn profile(&self) -> super::UserProfile {
        super::UserProfile::new(self.kc.clone(), self.realm.clone())
    }

    /// Consents the user gave to clients (as Keycloak sends them).
    pub async fn consents(
        &self,
        id: &str,
    ) -> Result<Vec<serde_json::Map<String, serde_json::Value>>> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_users_consents()
                    .realm(&self.realm)
                    .user_id(id),
            )
            .await
    }

    /// The identity-provider links of the user.
    pub async fn federated_identities(
        &self,
        id: &str,
    ) -> Result<Vec<FederatedIdentityRepresentation>> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_users_federated_identity()
                    .realm(&self.realm)
                    .user_id(id),
            )
            .await
    }

    /// Brute-force detection state: `disabled`, `numFailures`, `lastFailure`, …
    pub async fn brute_force_status(
        &self,
        id: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>> {
        let req = self
            .kc
            .api()
            .get_attack_detection_brute_force_users_by_user_id()
            .realm(&self.realm)
            .user_id(id);
        self.kc.send(req).await
    }
}

handle! {
impl Users {
    /// All users; narrow with the query's filters.
    pub fn list(&self) -> UserQuery {
        UserQuery {
            kc: self.kc.clone(),
            realm: self.realm.clone(),
            filters: Filters::default(),
            page_size: None,
        }
    }

    /// Users whose username, email, first or last name contain `text` (Keycloak's `search`).
    pub fn search(&self, text: impl Into<String>) -> UserQuery {
        let mut q = self.list();
        q.filters.search = Some(text.into());
        q
    }

    /// The user's role mappings, realm and client roles alike.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
    /// let users = kc.realm("rep").users();
    /// let id = users.id_by_username("alice").await?;
    /// let direct = users.roles(&id).realm().all().await?;
    /// let app = kc.realm("rep").clients().id_by_client_id("reports").await?;
    /// let of_app = users.roles(&id).client(&app).all().await?;
    /// # Ok(()) }
    /// ```
    pub fn roles(&self, id: &str) -> UserRoles {
        UserRoles {
            kc: self.kc.clone(),
            realm: self.realm.clone(),
            user: id.to_string(),
        }
    }

    /// Number of users in the realm.
    pub async fn count(&self) -> Result<u64> {
        self.list().count().await
    }

    /// Why this user cannot log in yet, from what the admin API shows: the
    /// account is disabled, a required action is pending, or a field the
    /// realm's user profile requires is empty. Keycloak's token endpoint says
    /// only "Account is not fully set up" for the last two; this names them,
    /// e.g. `["required action UPDATE_PASSWORD", "missing firstName"]`.
    /// Empty: nothing the admin API knows of stands in the way.
    pub async fn login_blockers(&self, id: &str) -> Result<Vec<String>> {
        let user = self.get(id).await?;
        // The profile, not the admin view's metadata: an admin may leave a
        // field empty that the user must fill in before logging in.
        let profile = self.profile().get().await?;
        let mut blockers = Vec::new();
        if user.enabled == Some(false) {
            blockers.push("disabled".to_string());
        }
        for action in user.required_actions.iter().flatten() {
            blockers.push(format!("required action {action}"));
        }
        let attributes = user.attributes.clone().unwrap_or_default();
        let value = |name: &str| -> bool {
            let root = match name {
                "username" => user.username.as_deref(),
                "email" => user.email.as_deref(),
                "firstName" => user.first_name.as_deref(),
                "lastName" => user.last_name.as_deref(),
                _ => None,
            };
            root.is_some_and(|v| !v.is_empty())
                || attributes.get(name).is_some_and(|v| v.iter().any(|x| !x.is_empty()))
        };
        for attribute in profile.attributes.iter().flatten() {
            // Required of users at login: no role list or `user` in it, and
            // not only when some scope is asked for.
            let Some(required) = &attribute.required else {
                continue;
            };
            let roles = required.roles.as_deref().unwrap_or_default();
            let for_users = roles.is_empty() || roles.iter().any(|r| r == "user");
            let scoped = required.scopes.as_ref().is_some_and(|s| !s.is_empty());
            if for_users
                && !scoped
                && let Some(name) = attribute.name.as_deref()
                && !value(name)
            {
                blockers.push(format!("missing {name}"));
            }
        }
        Ok(blockers)
    }

    /// A user by id.
    pub async fn get(&self, id: &str) -> Result<UserRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_users_by_user_id()
                    .realm(&self.realm)
                    .user_id(id),
            )
            .await
    }

    /// The user with exactly this username, if any.
    pub async fn find_by_username(&self, username: &str) -> Result<Option<UserRepresentation>> {
        let found = self
            .list()
            .username(username)
            .exact(true)
            .page_size(2)
            .first_page()
            .await?;
        Ok(found.into_iter().find(|u| {
            u.username
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(username))
        }))
    }

    /// The id of the user with exactly this username; a missing user is a not-found error.
    pub async fn id_by_username(&self, username: &str) -> Result<String> {
        self.find_by_username(username)
            .await?
            .and_then(|u| u.id)
            .ok_or_else(|| not_found(ops::GET_USERS, &format!("no user `{username}`")))
    }

    /// Create a user; returns its id (from `Location`). When the user carries
    /// attributes, it is read back: attributes the realm's user profile
    /// dropped make this [`Error::AttributesDropped`] (the user exists).
    pub async fn create(&self, user: impl Into<UserRepresentation>) -> Result<String> {
        let user = user.into();
        let sent = attribute_names(&user);
        let id = self
            .kc
            .create(self.kc.api().post_users().realm(&self.realm).body(user))
            .await?;
        self.check_kept(ops::POST_USERS, &id, sent).await?;
        Ok(id)
    }

    /// Create the user unless one with its username exists (race-safe: a 409 means
    /// someone else created it). Returns the id and whether this call created it.
    pub async fn ensure(&self, user: impl Into<UserRepresentation>) -> Result<(String, bool)> {
        let user = user.into();
        let username = user
            .username
            .clone()
            .ok_or_else(|| Error::InvalidInput("ensure needs a username".into()))?;
        if let Some(id) = self.find_by_username(&username).await?.and_then(|u| u.id) {
            return Ok((id, false));
        }
        match self.create(user).await {
            Ok(id) => Ok((id, true)),
            Err(e) if e.is_conflict() => Ok((self.id_by_username(&username).await?, false)),
            Err(e) => Err(e),
        }
    }

    /// Update the fields that are set (`Some`); `Some(vec![])` clears a list.
    /// Attributes the user profile dropped: [`Error::AttributesDropped`], as
    /// for [`create`](Self::create).
    pub async fn update(&self, id: &str, user: UserRepresentation) -> Result<()> {
        let sent = attribute_names(&user);
        self.kc
            .send(
                self.kc
                    .api()
                    .put_users_by_user_id()
                    .realm(&self.realm)
                    .user_id(id)
                    .body(user),
            )
            .await?;
        self.check_kept(ops::PUT_USERS_BY_USER_ID, id, sent).await
    }

    /// Enable or disable a user.
    pub async fn set_enabled(&self, id: &str, enabled: bool) -> Result<()> {
        self.update(
            id,
            UserRepresentation {
                enabled: Some(enabled),
                ..Default::default()
            },
        )
        .await
    }

    /// Delete a user.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_users_by_user_id()
                    .realm(&self.realm)
                    .user_id(id),
            )
            .await
            .map(|_| ())
    }

    /// Set the password; `temporary` makes the user change it at next login.
    pub async fn set_password(&self, id: &str, password: &str, temporary: bool) -> Result<()> {
        let credential = CredentialRepresentation {
            type_: Some("password".into()),
            value: Some(password.into()),
            temporary: Some(temporary),
            ..Default::default()
        };
        let req = self
            .kc
            .api()
            .put_users_reset_password()
            .realm(&self.realm)
            .user_id(id)
            .body(credential);
        self.kc.send(req).await
    }

    /// The user's credentials (passwords, OTP, …; values are not included).
    pub fn credentials(&self, id: &str) -> List<CredentialRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = id.to_string()], |api| api
            .get_users_credentials()
            .realm(&realm)
            .user_id(&id))
    }

    /// Delete one of the user's credentials.
    pub async fn delete_credential(&self, id: &str, credential_id: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .delete_users_credentials_by_credential_id()
            .realm(&self.realm)
            .user_id(id)
            .credential_id(credential_id);
        self.kc.send(req).await
    }

    /// End all of the user's sessions.
    pub async fn logout(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_users_logout()
                    .realm(&self.realm)
                    .user_id(id),
            )
            .await
            .map(|_| ())
    }

    /// The user's active sessions.
    pub fn sessions(&self, id: &str) -> List<UserSessionRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = id.to_string()], |api| api
            .get_users_sessions()
            .realm(&realm)
            .user_id(&id))
    }

    /// The groups the user is a direct member of.
    pub fn groups(&self, id: &str) -> List<GroupRepresentation> {
        list!(
            self.kc,
            [realm = self.realm.clone(), id = id.to_string()],
            |api, first, max| api
                .get_users_groups()
                .realm(&realm)
                .user_id(&id)
                .brief_representation(false)
                .first(first)
                .max(max)
        )
    }

    /// Clear the user's login failures (unlock a temporarily locked user).
    pub async fn clear_brute_force(&self, id: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .delete_attack_detection_brute_force_users_by_user_id()
            .realm(&self.realm)
            .user_id(id);
        self.kc.send(req).await
    }

    /// Email the user a link to perform `actions` (e.g. `UPDATE_PASSWORD`, `VERIFY_EMAIL`).
    pub async fn execute_actions_email(&self, id: &str, actions: Vec<String>) -> Result<()> {
        let req = self
            .kc
            .api()
            .put_users_execute_actions_email()
            .realm(&self.realm)
            .user_id(id)
            .body(actions);
        self.kc.send(req).await
    }

    /// Email the user a link to verify their address.
    pub async fn send_verify_email(&self, id: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .put_users_send_verify_email()
            .realm(&self.realm)
            .user_id(id);
        self.kc.send(req).await
    }
}
}

/// The attribute names a write sends with at least one value (an empty list
/// removes an attribute, so nothing is expected back for it).
fn attribute_names(user: &UserRepresentation) -> Vec<String> {
    let mut names: Vec<String> = user
        .attributes
        .iter()
        .flatten()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, _)| name.clone())
        .collect();
    names.sort();
    names
}

pub(crate) fn not_found(op: &'static keycloak_admin_api::Operation, message: &str) -> Error {
    crate::error::ApiError::new(op, 404, serde_json::json!({ "error": message }).to_string()).into()
}

#[derive(Debug, Clone, Default)]
struct Filters {
    search: Option<String>,
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

/// Set every filter that is `Some` on a generated request builder (the list and
/// count endpoints take the same filters but are different builder types).
macro_rules! apply_filters {
    ($req:ident, $f:ident) => {
        apply_filters!(@each $req, $f, search, username, email, first_name, last_name, exact, enabled, email_verified, idp_alias, idp_user_id, q)
    };
    (@each $req:ident, $f:ident, $($field:ident),*) => {
        $(if let Some(v) = &$f.$field {
            $req = $req.$field(v.clone());
        })*
    };
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
    kc: KeycloakAdmin,
    realm: String,
    filters: Filters,
    /// `None`: [`USER_PAGE_SIZE`] or [`BRIEF_USER_PAGE_SIZE`].
    page_size: Option<i32>,
}

/// Users per request of a full-representation stream unless `page_size` says
/// otherwise. Measured (`BENCHMARKS.md`, "Reading users"): larger pages of
/// full users get *slower* per user on Keycloak 26.7.3 (each user costs the
/// server queries whose cost grows with the page), smaller ones pay more
/// round trips and deep offsets.
pub const USER_PAGE_SIZE: i32 = 250;
/// Users per request of a [`brief`](UserQuery::brief) stream unless
/// `page_size` says otherwise (brief pages cost the server little per user).
pub const BRIEF_USER_PAGE_SIZE: i32 = 2000;
/// Users per request of a group's or a role's member list unless `page_size`
/// says otherwise. Measured (`BENCHMARKS.md`, "Lists of users: members"):
/// unlike `GET /users`, member pages keep getting cheaper per user as they
/// grow — 10 000 group members read ~2.9× faster in pages of 2 000 than of
/// 100, role members ~5× (role members were noisy: one run took 50 s in pages
/// of 250); pages of 5 000 gained little more (1.1× in the last run) for 2.5×
/// the memory per page.
pub const MEMBER_PAGE_SIZE: i32 = 2000;

/// The query's filters, and (with `blocking`) the same on `Blocking<UserQuery>`.
macro_rules! filters {
    ($($(#[$doc:meta])* $name:ident: $ty:ty),* $(,)?) => {
        impl UserQuery {$(
            $(#[$doc])*
            /// Narrow by this field.
            pub fn $name(mut self, value: impl Into<$ty>) -> Self {
                self.filters.$name = Some(value.into());
                self
            }
        )*}

        #[cfg(feature = "blocking")]
        impl crate::blocking::Blocking<UserQuery> {$(
            #[doc = concat!("[`UserQuery::", stringify!($name), "`].")]
            pub fn $name(self, value: impl Into<$ty>) -> Self {
                self.map(|q| q.$name(value))
            }
        )*}
    };
}

filters! {
    username: String,
    email: String,
    first_name: String,
    last_name: String,
    /// Match the text filters exactly instead of as substrings.
    exact: bool,
    enabled: bool,
    email_verified: bool,
    idp_alias: String,
    idp_user_id: String,
    /// Attribute query, `key1:value1 key2:value2`.
    q: String,
    /// Leave out attributes and other details.
    brief: bool,
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
                return Err(Error::Decode {
                    operation: ops::GET_USERS.to_string(),
                    message: format!("user {stuck} is still listed after it was deleted"),
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
        let mut req = self.kc.api().get_users_count().realm(&self.realm);
        apply_filters!(req, f);
        let n = self.kc.send(req).await?;
        Ok(n.max(0) as u64)
    }

    async fn page(&self, first: i32, max: i32) -> Result<Vec<UserRepresentation>> {
        let f = &self.filters;
        let mut req = self
            .kc
            .api()
            .get_users()
            .realm(&self.realm)
            .first(first)
            .max(max);
        apply_filters!(req, f);
        if let Some(b) = f.brief {
            req = req.brief_representation(b);
        }
        self.kc.send(req).await
    }
}

/// One user's role mappings (see [`Users::roles`]).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let users = kc.realm("rep").users();
/// let alice = users.id_by_username("alice").await?;
/// let direct = users.roles(&alice).realm().all().await?;
/// let effective = users.roles(&alice).realm_effective().all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct UserRoles {
    kc: KeycloakAdmin,
    realm: String,
    user: String,
}

impl UserRoles {
    fn realm_roles(&self) -> super::Roles {
        super::Roles::of_realm(self.kc.clone(), self.realm.clone())
    }

    fn client_roles(&self, client_uuid: &str) -> super::Roles {
        super::Roles::of_client(self.kc.clone(), self.realm.clone(), client_uuid.to_string())
    }
}

handle! {
impl UserRoles {
    /// Realm roles mapped directly to the user.
    pub fn realm(&self) -> List<crate::types::RoleRepresentation> {
        self.realm_roles().of_user(&self.user)
    }

    /// Realm roles the user has, directly or through groups and composites.
    pub fn realm_effective(&self) -> List<crate::types::RoleRepresentation> {
        self.realm_roles().effective_for_user(&self.user)
    }

    /// Roles of one client (by uuid) mapped directly to the user.
    pub fn client(&self, client_uuid: &str) -> List<crate::types::RoleRepresentation> {
        self.client_roles(client_uuid).of_user(&self.user)
    }

    /// Roles of one client (by uuid) the user has, directly or not.
    pub fn client_effective(&self, client_uuid: &str) -> List<crate::types::RoleRepresentation> {
        self.client_roles(client_uuid)
            .effective_for_user(&self.user)
    }

    /// Every direct mapping at once: realm roles and each client's roles.
    pub async fn mappings(&self) -> Result<crate::types::MappingsRepresentation> {
        let api = self.kc.api();
        self.kc
            .send(
                api.get_users_role_mappings()
                    .realm(&self.realm)
                    .user_id(&self.user),
            )
            .await
    }
}
}

/// A 5xx answer from Keycloak itself (not a transport failure).
fn is_server_error(e: &Error) -> bool {
    e.status().is_some_and(|s| (500..600).contains(&s))
}
