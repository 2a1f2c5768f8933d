//! The admin client's common operations without an async runtime, for scripts
//! and synchronous code (python-keycloak's sync users have a home here). The
//! client owns a small single-threaded tokio runtime; calling it from inside an
//! async runtime is refused with an error instead of a panic.
//!
//! ```no_run
//! # fn demo() -> Result<(), keycloak_admin::Error> {
//! use keycloak_admin::{Credentials, KeycloakAdmin};
//! let kc = keycloak_admin::blocking::KeycloakAdmin::connect(
//!     KeycloakAdmin::builder("http://127.0.0.1:8080").credentials(Credentials::password("admin", "admin")),
//! )?;
//! for user in kc.users("rep").all()? {
//!     println!("{:?}", user.username);
//! }
//! # Ok(()) }
//! ```

use crate::types::{GroupRepresentation, RealmRepresentation, UserRepresentation};
use crate::{Error, KeycloakAdminBuilder, Result, UserQuery};
use futures_util::TryStreamExt;
use std::sync::Arc;

/// A blocking [`crate::KeycloakAdmin`]. Cheap to clone.
#[derive(Clone, Debug)]
pub struct KeycloakAdmin {
    inner: crate::KeycloakAdmin,
    rt: Arc<tokio::runtime::Runtime>,
}

impl KeycloakAdmin {
    /// Build and log in now (wrong credentials or an unreachable server fail here).
    pub fn connect(builder: KeycloakAdminBuilder) -> Result<Self> {
        let kc = Self::new(builder.build()?)?;
        kc.run(kc.inner.authenticate())?;
        Ok(kc)
    }

    /// Wrap an async client (it shares its token cache with the original).
    pub fn new(inner: crate::KeycloakAdmin) -> Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::InvalidInput(format!("cannot start a runtime: {e}")))?;
        Ok(KeycloakAdmin {
            inner,
            rt: Arc::new(rt),
        })
    }

    /// The async client underneath.
    pub fn as_async(&self) -> &crate::KeycloakAdmin {
        &self.inner
    }

    /// Run any async call of the async client to completion.
    pub fn run<T>(&self, fut: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(Error::InvalidInput(
                "the blocking client was called inside an async runtime; use keycloak_admin::KeycloakAdmin there".into(),
            ));
        }
        self.rt.block_on(fut)
    }

    /// Every realm.
    pub fn realms(&self) -> Result<Vec<RealmRepresentation>> {
        self.run(self.inner.realms().list().all())
    }

    /// Create a realm (its name is `realm.realm`).
    pub fn create_realm(&self, realm: RealmRepresentation) -> Result<()> {
        self.run(self.inner.realms().create(realm))
    }

    /// Delete a realm and everything in it.
    pub fn delete_realm(&self, realm: &str) -> Result<()> {
        self.run(self.inner.realm(realm).delete())
    }

    /// The users of a realm.
    pub fn users(&self, realm: &str) -> Users<'_> {
        Users {
            kc: self,
            inner: self.inner.realm(realm).users(),
        }
    }

    /// The groups of a realm.
    pub fn groups(&self, realm: &str) -> Groups<'_> {
        Groups {
            kc: self,
            inner: self.inner.realm(realm).groups(),
        }
    }
}

/// A realm's users, blocking.
pub struct Users<'a> {
    kc: &'a KeycloakAdmin,
    inner: crate::Users,
}

impl Users<'_> {
    /// Every user of the realm.
    pub fn all(&self) -> Result<Vec<UserRepresentation>> {
        self.query(self.inner.list())
    }

    /// Users matching `text` in username, email, first or last name.
    pub fn search(&self, text: &str) -> Result<Vec<UserRepresentation>> {
        self.query(self.inner.search(text))
    }

    /// Every user matching an async query, e.g. `users.query(q.email("x").exact(true))`.
    pub fn query(&self, query: UserQuery) -> Result<Vec<UserRepresentation>> {
        self.kc.run(query.stream().try_collect())
    }

    /// Build a query to pass to [`Users::query`].
    pub fn list(&self) -> UserQuery {
        self.inner.list()
    }

    /// Number of users in the realm.
    pub fn count(&self) -> Result<u64> {
        self.kc.run(self.inner.count())
    }

    /// A user by id.
    pub fn get(&self, id: &str) -> Result<UserRepresentation> {
        self.kc.run(self.inner.get(id))
    }

    /// The user with exactly this username, if any.
    pub fn find_by_username(&self, username: &str) -> Result<Option<UserRepresentation>> {
        self.kc.run(self.inner.find_by_username(username))
    }

    /// Create a user; returns its id.
    pub fn create(&self, user: UserRepresentation) -> Result<String> {
        self.kc.run(self.inner.create(user))
    }

    /// Update the fields that are set.
    pub fn update(&self, id: &str, user: UserRepresentation) -> Result<()> {
        self.kc.run(self.inner.update(id, user))
    }

    /// Delete a user.
    pub fn delete(&self, id: &str) -> Result<()> {
        self.kc.run(self.inner.delete(id))
    }

    /// Set a password; `temporary` forces a change at the next login.
    pub fn set_password(&self, id: &str, password: &str, temporary: bool) -> Result<()> {
        self.kc
            .run(self.inner.set_password(id, password, temporary))
    }
}

/// A realm's groups, blocking.
pub struct Groups<'a> {
    kc: &'a KeycloakAdmin,
    inner: crate::Groups,
}

impl Groups<'_> {
    /// Top-level groups.
    pub fn all(&self) -> Result<Vec<GroupRepresentation>> {
        self.kc.run(self.inner.list(None).all())
    }

    /// Create a top-level group; returns its id.
    pub fn create(&self, group: GroupRepresentation) -> Result<String> {
        self.kc.run(self.inner.create(group))
    }

    /// Delete a group (and its subgroups).
    pub fn delete(&self, id: &str) -> Result<()> {
        self.kc.run(self.inner.delete(id))
    }

    /// Add a user to a group.
    pub fn add_member(&self, group_id: &str, user_id: &str) -> Result<()> {
        self.kc.run(self.inner.add_member(group_id, user_id))
    }
}
