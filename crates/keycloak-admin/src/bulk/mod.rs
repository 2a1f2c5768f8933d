//! Bulk create: many users, groups, realm roles or clients in a few
//! `POST /partialImport` requests instead of one request each.
//!
//! How it stays exact:
//! - Partial import is always sent with `SKIP`: an item that exists is
//!   reported, never replaced (Keycloak's `OVERWRITE` deletes and re-creates
//!   it under a new id, losing its credentials and memberships). What
//!   [`IfExists`] asks for is done afterwards, per existing item.
//! - A batch the server refuses as a whole (one bad item makes it 400, 409 or
//!   500) is split in halves until every good item lands; a lone refused item
//!   is created by its own `POST`, whose answer names the cause exactly.
//! - Users partial import would store without the user profile's validation
//!   are never batched (see `provable`).
//! - Items that share a key (username or email, group, role or client name)
//!   go in successive rounds, so the later one meets the earlier one as
//!   existing, as it would one by one.
//! - Partial import needs manage-realm; a caller it forbids (403) — one with
//!   manage-users only, say — gets every item by its own request instead.

pub(crate) mod kinds;
mod provable;

use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use futures_util::future::BoxFuture;
use futures_util::stream::{self, BoxStream};
use futures_util::{FutureExt, StreamExt};
use keycloak_admin_api::types::{PartialImportRepresentation, PartialImportResults};
use std::collections::HashMap;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::sync::Arc;

pub use kinds::{ClientKind, GroupKind, RoleKind, UserKind};

/// Items per `partialImport` request unless [`CreateMany::batch_size`] says
/// otherwise; chosen by measurement (`BENCHMARKS.md`, "Bulk create").
pub const DEFAULT_BATCH_SIZE: usize = 50;
/// Requests in flight unless [`CreateMany::concurrency`] says otherwise.
pub const DEFAULT_CONCURRENCY: usize = 4;

/// What to do with an item that already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum IfExists {
    /// Leave it as it is: [`WriteAction::Skipped`] with its id.
    #[default]
    Skip,
    /// Update it in place (`PUT`): its id, credentials and memberships stay;
    /// the fields the item sets replace the stored ones.
    /// [`WriteAction::Overwritten`].
    Overwrite,
    /// An error for that item ([`Error::is_conflict`]); the others go on.
    Fail,
}

/// What happened to one item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum WriteAction {
    /// Created by this call.
    Created,
    /// It existed and was left alone ([`IfExists::Skip`]).
    Skipped,
    /// It existed and was updated ([`IfExists::Overwrite`]).
    Overwritten,
}

/// One item written (or found) by a bulk create.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Written {
    /// Its id (a role's id too, though roles are addressed by name).
    pub id: String,
    /// What was done.
    pub action: WriteAction,
}

/// The kind-specific half of a bulk create: how items are keyed, packed into
/// a partial import, created alone, found and updated.
pub trait Kind<T>: Send + Sync + 'static {
    /// `resourceType` in partial import's answer (`USER`, `GROUP`, …).
    const RESOURCE_TYPE: &'static str;
    /// Read what routing needs (the user profile); once per call.
    fn prepare(&mut self) -> BoxFuture<'_, Result<()>> {
        async { Ok(()) }.boxed()
    }
    /// The name partial import reports it under.
    fn name(item: &T) -> Option<&str>;
    /// Keys no two items of one round may share (compared lowercased).
    fn keys(item: &T) -> Vec<String> {
        Self::name(item)
            .map(str::to_lowercase)
            .into_iter()
            .collect()
    }
    /// It may travel in a batch (else it is created by its own request).
    fn batchable(&self, item: &T) -> bool;
    /// Whether a lone refused item is tried again by its own create request
    /// (which names the cause better than partial import does).
    fn retry_alone(&self, _item: &T) -> bool {
        true
    }
    /// The partial import carrying these items.
    fn import(items: Vec<T>) -> PartialImportRepresentation;
    /// Create one by its own request; its id.
    fn create(&self, item: T) -> BoxFuture<'_, Result<String>>;
    /// The id of the existing item with this one's name, if any.
    fn find<'a>(&'a self, item: &'a T) -> BoxFuture<'a, Result<Option<String>>>;
    /// Update the existing item `id` with this one's fields.
    fn update(&self, id: String, item: T) -> BoxFuture<'_, Result<()>>;
}

/// A bulk create, set up by `create_many` on [`Users`](crate::Users),
/// [`Groups`](crate::Groups), [`Roles`](crate::Roles) (realm roles) and
/// [`Clients`](crate::Clients). Await it for one outcome per item, in input
/// order, or [`stream`](Self::stream) the outcomes as batches finish.
///
/// An item is reported created only when the server said so. A batch whose
/// answer is lost (a transport error or time-out: partial import is a POST
/// and is not retried) reports that error for each of its items: they may or
/// may not exist — run the same input again with [`IfExists::Skip`] to know.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{IfExists, NewUser, WriteAction};
/// let staff = (0..1000).map(|i| {
///     NewUser::new(format!("user{i}")).email(format!("user{i}@example.com")).name("Test", "User")
/// });
/// let outcomes = kc.realm("rep").users().create_many(staff).if_exists(IfExists::Skip).await?;
/// for (i, outcome) in outcomes.iter().enumerate() {
///     match outcome {
///         Ok(w) if w.action == WriteAction::Created => {}
///         Ok(w) => println!("item {i}: {:?} ({})", w.action, w.id),
///         Err(e) => println!("item {i}: {e}"),
///     }
/// }
/// # Ok(()) }
/// ```
#[must_use = "a bulk create does nothing until awaited or streamed"]
pub struct CreateMany<T, K> {
    kc: KeycloakAdmin,
    realm: String,
    kind: K,
    items: Vec<T>,
    batch_size: usize,
    concurrency: usize,
    if_exists: IfExists,
}

impl<T, K> std::fmt::Debug for CreateMany<T, K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Items may carry passwords: only their number is shown.
        f.debug_struct("CreateMany")
            .field("realm", &self.realm)
            .field("items", &self.items.len())
            .field("batch_size", &self.batch_size)
            .field("concurrency", &self.concurrency)
            .field("if_exists", &self.if_exists)
            .finish()
    }
}

/// An item's index in the input and what happened to it.
pub type Outcome = (usize, Result<Written>);

impl<T, K> CreateMany<T, K>
where
    T: Clone + Send + Sync + 'static,
    K: Kind<T>,
{
    pub(crate) fn new(kc: KeycloakAdmin, realm: String, kind: K, items: Vec<T>) -> Self {
        CreateMany {
            kc,
            realm,
            kind,
            items,
            batch_size: DEFAULT_BATCH_SIZE,
            concurrency: DEFAULT_CONCURRENCY,
            if_exists: IfExists::Skip,
        }
    }

    /// Items per partial-import request (1 to 10 000; default
    /// [`DEFAULT_BATCH_SIZE`]).
    pub fn batch_size(mut self, n: usize) -> Self {
        self.batch_size = n.clamp(1, 10_000);
        self
    }

    /// Requests in flight at once (at least 1; default [`DEFAULT_CONCURRENCY`]).
    pub fn concurrency(mut self, n: usize) -> Self {
        self.concurrency = n.max(1);
        self
    }

    /// What to do with items that exist already (default [`IfExists::Skip`]).
    pub fn if_exists(mut self, policy: IfExists) -> Self {
        self.if_exists = policy;
        self
    }

    /// The outcomes as their batches finish, each with its input index. The
    /// stream yields one `Err` and ends when the call cannot start (e.g. the
    /// realm's user profile cannot be read); every item's own failure is an
    /// `Ok((index, Err(…)))`.
    pub fn stream(self) -> BoxStream<'static, Result<Outcome>> {
        let CreateMany {
            kc,
            realm,
            mut kind,
            items,
            batch_size,
            concurrency,
            if_exists,
        } = self;
        let start = async move {
            kind.prepare().await?;
            let engine = Arc::new(Engine {
                kc,
                realm,
                kind,
                if_exists,
                concurrency,
                import_forbidden: Default::default(),
            });
            Ok(engine.run(items, batch_size))
        };
        stream::once(start)
            .map(
                |started: Result<BoxStream<'static, Outcome>>| match started {
                    Err(e) => stream::iter([Err(e)]).boxed(),
                    Ok(outcomes) => outcomes.map(Ok).boxed(),
                },
            )
            .flatten()
            .boxed()
    }

    async fn all(self) -> Result<Vec<Result<Written>>> {
        let n = self.items.len();
        let mut slots: Vec<Option<Result<Written>>> = (0..n).map(|_| None).collect();
        let mut outcomes = self.stream();
        while let Some(outcome) = outcomes.next().await {
            let (i, result) = outcome?;
            slots[i] = Some(result);
        }
        Ok(slots
            .into_iter()
            .map(|s| s.expect("every item has an outcome"))
            .collect())
    }
}

impl<T, K> IntoFuture for CreateMany<T, K>
where
    T: Clone + Send + Sync + 'static,
    K: Kind<T>,
{
    type Output = Result<Vec<Result<Written>>>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.all())
    }
}

struct Engine<K> {
    kc: KeycloakAdmin,
    realm: String,
    kind: K,
    if_exists: IfExists,
    concurrency: usize,
    /// Partial import answered 403 (it needs manage-realm; creating users
    /// needs only manage-users): every later batch goes one by one.
    import_forbidden: std::sync::atomic::AtomicBool,
}

type Indexed<T> = Vec<(usize, T)>;

impl<K> Engine<K> {
    fn run<T>(self: Arc<Self>, items: Vec<T>, batch_size: usize) -> BoxStream<'static, Outcome>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        stream::iter(rounds::<T, K>(items))
            .map(move |round| {
                let (batched, alone): (Indexed<T>, Indexed<T>) = round
                    .into_iter()
                    .partition(|(_, item)| self.kind.batchable(item));
                let mut tasks: Vec<BoxFuture<'static, Vec<Outcome>>> = Vec::new();
                let mut batched = batched.into_iter().peekable();
                while batched.peek().is_some() {
                    let batch: Indexed<T> = batched.by_ref().take(batch_size).collect();
                    tasks.push(self.clone().batch(batch));
                }
                for (i, item) in alone {
                    let engine = self.clone();
                    tasks.push(async move { vec![(i, engine.alone(item).await)] }.boxed());
                }
                stream::iter(tasks)
                    .buffer_unordered(self.concurrency)
                    .flat_map(stream::iter)
            })
            .flatten()
            .boxed()
    }

    /// One partial import; bisected while the server refuses it as a whole.
    fn batch<T>(self: Arc<Self>, items: Indexed<T>) -> BoxFuture<'static, Vec<Outcome>>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        async move {
            if let [(i, item)] = items.as_slice()
                && self.kind.retry_alone(item)
            {
                return vec![(*i, self.alone(item.clone()).await)];
            }
            use std::sync::atomic::Ordering;
            if self.import_forbidden.load(Ordering::Relaxed) {
                return self.each_alone(items).await;
            }
            let import = K::import(items.iter().map(|(_, t)| t.clone()).collect());
            match self.kc.realm(&self.realm).partial_import(import).await {
                Ok(results) => self.settle(items, results).await,
                Err(e) if e.is_forbidden() => {
                    tracing::debug!("partial import forbidden: creating one by one");
                    self.import_forbidden.store(true, Ordering::Relaxed);
                    self.each_alone(items).await
                }
                Err(e) if refuses_an_item(&e) && items.len() > 1 => {
                    let mut first = items;
                    let second = first.split_off(first.len() / 2);
                    let mut out = self.clone().batch(first).await;
                    out.extend(self.batch(second).await);
                    out
                }
                Err(e) => items
                    .into_iter()
                    .map(|(i, _)| (i, Err(e.clone())))
                    .collect(),
            }
        }
        .boxed()
    }

    /// Each item by its own request, a few at a time.
    async fn each_alone<T>(&self, items: Indexed<T>) -> Vec<Outcome>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        stream::iter(items)
            .map(|(i, item)| async move { (i, self.alone(item).await) })
            .buffer_unordered(self.concurrency)
            .collect()
            .await
    }

    /// Match partial import's report to the items, by name.
    async fn settle<T>(&self, items: Indexed<T>, results: PartialImportResults) -> Vec<Outcome>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        let reported: HashMap<String, (String, String)> = results
            .results
            .unwrap_or_default()
            .into_iter()
            .filter(|r| r.resource_type.as_deref() == Some(K::RESOURCE_TYPE))
            .filter_map(|r| {
                Some((
                    r.resource_name?.to_lowercase(),
                    (r.action.unwrap_or_default(), r.id?),
                ))
            })
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items {
            let name = K::name(&item).unwrap_or_default().to_string();
            let outcome = match reported.get(&name.to_lowercase()) {
                Some((action, id)) if action == "ADDED" => Ok(Written {
                    id: id.clone(),
                    action: WriteAction::Created,
                }),
                Some((action, id)) if action == "SKIPPED" => {
                    self.existing(id.clone(), &name, item, None).await
                }
                other => Err(Error::Decode {
                    operation: "POST /admin/realms/{realm}/partialImport".into(),
                    message: match other {
                        Some((action, _)) => format!("`{name}` reported as {action}"),
                        None => format!("the answer does not mention `{name}`"),
                    },
                }),
            };
            out.push((i, outcome));
        }
        out
    }

    /// Created by its own request; a conflict is an existing item when one
    /// with its name exists.
    async fn alone<T>(&self, item: T) -> Result<Written>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        match self.kind.create(item.clone()).await {
            Ok(id) => Ok(Written {
                id,
                action: WriteAction::Created,
            }),
            Err(e) if e.is_conflict() => match self.kind.find(&item).await {
                Ok(Some(id)) => {
                    let name = K::name(&item).unwrap_or_default().to_string();
                    self.existing(id, &name, item, Some(e)).await
                }
                _ => Err(e),
            },
            Err(e) => Err(e),
        }
    }

    async fn existing<T>(
        &self,
        id: String,
        name: &str,
        item: T,
        conflict: Option<Error>,
    ) -> Result<Written>
    where
        T: Clone + Send + Sync + 'static,
        K: Kind<T>,
    {
        match self.if_exists {
            IfExists::Skip => Ok(Written {
                id,
                action: WriteAction::Skipped,
            }),
            IfExists::Overwrite => {
                self.kind.update(id.clone(), item).await?;
                Ok(Written {
                    id,
                    action: WriteAction::Overwritten,
                })
            }
            IfExists::Fail => Err(conflict.unwrap_or_else(|| Error::AlreadyExists {
                kind: K::RESOURCE_TYPE.to_lowercase().replace('_', " "),
                name: name.to_string(),
                id,
            })),
        }
    }
}

/// The server refused the batch because of what is in it (a bad item or a
/// duplicate), not because of who asked or where: worth splitting.
fn refuses_an_item(e: &Error) -> bool {
    matches!(e.status(), Some(400 | 409 | 422 | 500)) && matches!(e, Error::Api(_))
}

/// Split the input into rounds in which no two items share a key; an item's
/// round is one past the last round holding one of its keys.
fn rounds<T, K: Kind<T>>(items: Vec<T>) -> Vec<Indexed<T>> {
    let mut last: HashMap<String, usize> = HashMap::new();
    let mut rounds: Vec<Indexed<T>> = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let keys = K::keys(&item);
        let round = keys
            .iter()
            .filter_map(|k| last.get(k).map(|r| r + 1))
            .max()
            .unwrap_or(0);
        for k in keys {
            last.insert(k, round);
        }
        if rounds.len() <= round {
            rounds.resize_with(round + 1, Vec::new);
        }
        rounds[round].push((i, item));
    }
    rounds
}
