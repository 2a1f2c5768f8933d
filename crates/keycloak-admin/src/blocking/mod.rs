//! The admin client without an async runtime, for scripts and synchronous code
//! (python-keycloak's sync users have a home here). Every handle has the same
//! shape as its async twin — `kc.realm("rep").users().get(id)?` — because the
//! blocking methods are generated from the async handles' `impl` blocks by
//! `cargo xtask blocking` (`generated.rs`, checked fresh in CI; a method it
//! cannot mirror fails generation unless allowed with a reason). Lists keep
//! their four verbs; `stream()` becomes an iterator.
//!
//! The client owns a small single-threaded tokio runtime; calling it from
//! inside an async runtime is refused with an error instead of a panic, and
//! dropping it there does not panic either.
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

use crate::{Error, KeycloakAdminBuilder, Result};
use futures_util::StreamExt;
use futures_util::stream::BoxStream;
use std::sync::Arc;
use tokio::runtime::Runtime;

mod generated;

/// An async handle `H` driven to completion on the client's own runtime:
/// `Blocking<Users>` has every public method of [`crate::Users`], without
/// `async` (generated, with a parity test). Cheap to clone.
#[derive(Clone, Debug)]
pub struct Blocking<H> {
    pub(crate) inner: H,
    rt: Arc<OwnRuntime>,
}

/// The client's runtime. Dropped inside an async runtime (a blocking client
/// made and dropped in async code), it shuts down in the background: tokio
/// panics when a runtime is dropped where blocking is not allowed.
#[derive(Debug)]
struct OwnRuntime(Option<Runtime>);

impl OwnRuntime {
    fn block_on<F: Future>(&self, fut: F) -> F::Output {
        self.0
            .as_ref()
            .expect("present until dropped")
            .block_on(fut)
    }
}

impl Drop for OwnRuntime {
    fn drop(&mut self) {
        if let Some(rt) = self.0.take()
            && tokio::runtime::Handle::try_current().is_ok()
        {
            rt.shutdown_background();
        }
    }
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

    /// [`Self::run`] for a method that consumes the handle (a list's `all`).
    pub(crate) fn run_owned<T, F: Future<Output = Result<T>>>(
        self,
        call: impl FnOnce(H) -> F,
    ) -> Result<T> {
        let Blocking { inner, rt } = self;
        Blocking { inner: (), rt }.run(call(inner))
    }

    /// A stream of the async handle as a blocking iterator.
    pub(crate) fn iter<T>(
        self,
        stream: impl FnOnce(H) -> BoxStream<'static, Result<T>>,
    ) -> Iter<T> {
        Iter {
            stream: Some(stream(self.inner)),
            rt: self.rt,
        }
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
    Error::Blocking(
        "called inside an async runtime; use keycloak_admin::KeycloakAdmin there".into(),
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
            .map_err(|e| Error::Blocking(format!("cannot start its runtime: {e}")))?;
        Ok(Blocking {
            inner,
            rt: Arc::new(OwnRuntime(Some(rt))),
        })
    }
}

/// A list's items as a blocking iterator; each page is fetched when the
/// iteration reaches it. Inside an async runtime it yields one error and ends.
pub struct Iter<T> {
    stream: Option<BoxStream<'static, Result<T>>>,
    rt: Arc<OwnRuntime>,
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
impl<T, K> Blocking<crate::CreateMany<T, K>>
where
    T: Clone + Send + Sync + 'static,
    K: crate::bulk::Kind<T>,
{
    /// Run it: one outcome per item, in input order (what awaiting the async
    /// builder gives).
    pub fn all(self) -> Result<Vec<Result<crate::Written>>> {
        let Blocking { inner, rt } = self;
        Blocking { inner: (), rt }.run(inner.into_future())
    }
}
