//! The users of a realm: CRUD, credentials, sessions, groups (this file);
//! searches and their verbs (`query.rs`), login diagnosis (`login.rs`), the
//! attribute read-back after writes (`attributes.rs`), a user's roles
//! (`roles.rs`).

use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    CredentialRepresentation, FederatedIdentityRepresentation, GroupRepresentation,
    UserRepresentation, UserSessionRepresentation,
};

pub(crate) mod attributes;
pub(crate) mod login;
pub(crate) mod query;
pub(crate) mod roles;

use attributes::attribute_names;
pub(crate) use query::user_id;
pub use query::{BRIEF_USER_PAGE_SIZE, MEMBER_PAGE_SIZE, USER_PAGE_SIZE, UserFilters, UserQuery};
pub use roles::UserRoles;

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

impl Users {
    /// All users; narrow with the query's filters.
    pub fn list(&self) -> UserQuery {
        query::of_realm(&self.kc, self.realm.clone())
    }

    /// Users whose username, email, first or last name contain `text` (Keycloak's `search`).
    pub fn search(&self, text: impl Into<String>) -> UserQuery {
        let mut q = self.list();
        q.query.search = Some(text.into());
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
        List::whole(
            &self.kc,
            ops::GET_USERS_CREDENTIALS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, id)| async move {
                kc.page(kc.api().get_users_credentials().realm(&realm).user_id(&id))
                    .await
            },
        )
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
        List::whole(
            &self.kc,
            ops::GET_USERS_SESSIONS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, id)| async move {
                kc.page(kc.api().get_users_sessions().realm(&realm).user_id(&id))
                    .await
            },
        )
    }

    /// The groups the user is a direct member of.
    pub fn groups(&self, id: &str) -> List<GroupRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_USERS_GROUPS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, id), first, max| async move {
                kc.page(
                    kc.api()
                        .get_users_groups()
                        .realm(&realm)
                        .user_id(&id)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
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

pub(crate) fn not_found(op: &'static keycloak_admin_api::Operation, message: &str) -> Error {
    crate::error::ApiError::new(op, 404, serde_json::json!({ "error": message }).to_string()).into()
}
