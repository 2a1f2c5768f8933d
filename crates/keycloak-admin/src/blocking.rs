//! The admin client without an async runtime, for scripts and synchronous code
//! (python-keycloak's sync users have a home here). Every handle has the same
//! shape as its async twin — `kc.realm("rep").users().get(id)?` — because the
//! blocking methods are generated from the async ones (`handle!`), not kept by
//! hand. Lists keep their four verbs; `stream()` becomes an iterator.
//!
//! The client owns a small single-threaded tokio runtime; calling it from
//! inside an async runtime is refused with an error instead of a panic.
//!
//! ```no_run
//! # fn demo() -> Result<(), keycloak_admin::Error> {
//! use keycloak_admin::{Credentials, KeycloakAdmin};
//! let kc = keycloak_admin::blocking::KeycloakAdmin::connect(
//!     KeycloakAdmin::builder("http://127.0.0.1:8080").credentials(Credentials::password("admin", "admin")),
//! )?;
//! let users = kc.realm("rep").users();
//! for user in users.search("john").stream() {
//!     println!("{:?}", user?.username);
//! }
//! let admins = kc.realm("rep").roles().members("admin").all()?;
//! # Ok(()) }
//! ```

use crate::types::UserRepresentation;
use crate::{Endpoint, Error, KeycloakAdminBuilder, List, Result, UserQuery};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use std::sync::Arc;
use tokio::runtime::Runtime;

/// An async handle `H` driven to completion on the client's own runtime:
/// `Blocking<Users>` has every method of [`crate::Users`], without `async`.
/// Cheap to clone.
#[derive(Clone, Debug)]
pub struct Blocking<H> {
    pub(crate) inner: H,
    rt: Arc<Runtime>,
}

/// The blocking admin client: [`crate::KeycloakAdmin`]'s handles, blocking.
pub type KeycloakAdmin = Blocking<crate::KeycloakAdmin>;

impl<H> Blocking<H> {
    /// The async handle underneath (it shares the token cache).
    pub fn as_async(&self) -> &H {
        &self.inner
    }

    /// Run any async call to completion, e.g. one of [`Self::as_async`]'s.
    pub fn run<T>(&self, fut: impl Future<Output = Result<T>>) -> Result<T> {
        if tokio::runtime::Handle::try_current().is_ok() {
            return Err(inside_runtime());
        }
        self.rt.block_on(fut)
    }

    /// The same runtime around `f(inner)`: builder steps of a list or query.
    pub(crate) fn map<U>(self, f: impl FnOnce(H) -> U) -> Blocking<U> {
        Blocking {
            inner: f(self.inner),
            rt: self.rt,
        }
    }

    pub(crate) fn wrap<U>(&self, inner: U) -> Blocking<U> {
        Blocking {
            inner,
            rt: self.rt.clone(),
        }
    }
}

fn inside_runtime() -> Error {
    Error::InvalidInput(
        "the blocking client was called inside an async runtime; use keycloak_admin::KeycloakAdmin there".into(),
    )
}

impl Blocking<crate::KeycloakAdmin> {
    /// Build and log in now (wrong credentials or an unreachable server fail here).
    pub fn connect(builder: KeycloakAdminBuilder) -> Result<Self> {
        let kc = Self::new(builder.build()?)?;
        kc.authenticate()?;
        Ok(kc)
    }

    /// Wrap an async client (it shares its token cache with the original).
    pub fn new(inner: crate::KeycloakAdmin) -> Result<Self> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::InvalidInput(format!("cannot start a runtime: {e}")))?;
        Ok(Blocking {
            inner,
            rt: Arc::new(rt),
        })
    }

    /// [`crate::KeycloakAdmin::send`]: any generated operation, blocking.
    pub fn send<E: Endpoint>(&self, request: E) -> Result<E::Output> {
        self.run(self.inner.send(request))
    }

    /// [`crate::KeycloakAdmin::create`]: a create operation, returning the new id.
    pub fn create<E: Endpoint<Output = ()>>(&self, request: E) -> Result<String> {
        self.run(self.inner.create(request))
    }
}

/// A list's items as a blocking iterator; each page is fetched when the
/// iteration reaches it. Inside an async runtime it yields one error and ends.
pub struct Iter<T> {
    stream: Option<BoxStream<'static, Result<T>>>,
    rt: Arc<Runtime>,
}

impl<T> Iterator for Iter<T> {
    type Item = Result<T>;

    fn next(&mut self) -> Option<Result<T>> {
        let stream = self.stream.as_mut()?;
        if tokio::runtime::Handle::try_current().is_ok() {
            self.stream = None;
            return Some(Err(inside_runtime()));
        }
        self.rt.block_on(stream.next())
    }
}

impl<T> std::fmt::Debug for Iter<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Iter").finish_non_exhaustive()
    }
}

/// The four list verbs, blocking, for a list type of the async client.
macro_rules! blocking_list {
    (impl[$($g:tt)*] $list:ty => $item:ty) => {
        impl<$($g)*> Blocking<$list> {
            /// Items per request (see the async list's `page_size`).
            pub fn page_size(self, size: i32) -> Self {
                self.map(|list| list.page_size(size))
            }

            /// Every item, page by page as the iteration reaches it.
            pub fn stream(self) -> Iter<$item> {
                Iter { stream: Some(self.inner.stream()), rt: self.rt }
            }

            /// Every item, collected.
            pub fn all(self) -> Result<Vec<$item>> {
                self.run(self.inner.clone().all())
            }

            /// The first page only.
            pub fn first_page(self) -> Result<Vec<$item>> {
                self.run(self.inner.clone().first_page())
            }
        }
    };
}

blocking_list!(impl[T: serde::Serialize + Send + 'static] List<T> => T);
blocking_list!(impl[] UserQuery => UserRepresentation);

impl Blocking<UserQuery> {
    /// How many users match.
    pub fn count(self) -> Result<u64> {
        self.run(self.inner.clone().count())
    }
}

/// `create_many` on the blocking handles: the same builder, run with `.all()`
/// (one outcome per item, in input order) or `.stream()` (outcomes as their
/// batches finish, each with its input index).
///
/// ```no_run
/// # fn demo(kc: &keycloak_admin::blocking::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::UserRepresentation;
/// let users = (0..1000).map(|i| UserRepresentation {
///     username: Some(format!("user-{i}")),
///     ..Default::default()
/// });
/// let outcomes = kc.realm("rep").users().create_many(users).batch_size(100).all()?;
/// for (i, outcome) in outcomes.iter().enumerate() {
///     if let Err(e) = outcome {
///         eprintln!("user {i}: {e}");
///     }
/// }
/// # Ok(()) }
/// ```
macro_rules! blocking_create_many {
    ($($handle:ty => $item:ty, $kind:ty;)*) => {$(
        impl Blocking<$handle> {
            #[doc = concat!("[`", stringify!($handle), "::create_many`], blocking when run.")]
            pub fn create_many<I: Into<$item>>(
                &self,
                items: impl IntoIterator<Item = I>,
            ) -> Blocking<crate::CreateMany<$item, $kind>> {
                self.wrap(self.inner.create_many(items))
            }
        }
    )*};
}

blocking_create_many! {
    crate::Users => UserRepresentation, crate::bulk::UserKind;
    crate::Groups => crate::types::GroupRepresentation, crate::bulk::GroupKind;
    crate::Roles => crate::types::RoleRepresentation, crate::bulk::RoleKind;
    crate::Clients => crate::types::ClientRepresentation, crate::bulk::ClientKind;
}

impl<T, K> Blocking<crate::CreateMany<T, K>>
where
    T: Clone + Send + Sync + 'static,
    K: crate::bulk::Kind<T>,
{
    /// Items per partial-import request (see [`crate::CreateMany::batch_size`]).
    pub fn batch_size(self, n: usize) -> Self {
        self.map(|c| c.batch_size(n))
    }

    /// Requests in flight (see [`crate::CreateMany::concurrency`]).
    pub fn concurrency(self, n: usize) -> Self {
        self.map(|c| c.concurrency(n))
    }

    /// What to do with existing items (see [`crate::CreateMany::if_exists`]).
    pub fn if_exists(self, policy: crate::IfExists) -> Self {
        self.map(|c| c.if_exists(policy))
    }

    /// Run it: one outcome per item, in input order (what awaiting the async
    /// builder gives).
    pub fn all(self) -> Result<Vec<Result<crate::Written>>> {
        let Blocking { inner, rt } = self;
        Blocking { inner: (), rt }.run(inner.into_future())
    }

    /// The outcomes as their batches finish, each with its input index.
    pub fn stream(self) -> Iter<crate::Outcome> {
        Iter {
            stream: Some(self.inner.stream()),
            rt: self.rt,
        }
    }
}
