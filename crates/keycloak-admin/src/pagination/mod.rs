//! Lazy pagination over Keycloak's `first`/`max` endpoints.
//!
//! Lists that fetch on their own tasks ([`ahead`]) keep [`PAGES_IN_FLIGHT`]
//! (one) request ahead of the page being consumed — lists of users, whose
//! items have ids, [`KEYED_PAGES_IN_FLIGHT`] (two) — so memory holds at most
//! two pages, three for users (plus 16 bytes per page seen, below); dropping
//! the stream cancels it.
//!
//! **When a stream ends.** Only on an empty page. `first` advances by the
//! number of items received, so a short page is not taken as the last one: a
//! server or proxy that caps pages below `max` (or an endpoint that filters a
//! page after the database query, as Keycloak does for permission-checked
//! lists) is read to the end instead of ending silently after the first cap.
//! The cost is one request that comes back empty at the end of every stream:
//! measured on Keycloak 26.7.3 (local, 5 000 users), 7.6 ms for the empty page
//! against 15.3 ms for a page of 100 — about 1 % of streaming those users, one
//! extra round trip for a list that fits in one page.
//!
//! **Repeated pages.** A page identical (length, first and last item) to *any*
//! page seen before in the same stream — a server that ignores `first`, even
//! one that cycles through a few pages — ends the stream with
//! [`Error::RepeatedPage`]. Only a 64-bit hash per page is kept.

use crate::KeycloakAdmin;
use crate::error::{Error, Result};
use futures_util::Stream;
use keycloak_admin_api::{Endpoint, Operation};
use serde::Serialize;
use std::collections::{HashMap, HashSet, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// Default page size.
pub const DEFAULT_PAGE_SIZE: i32 = 100;

/// A page requested ahead of need on the runtime's other workers; dropping
/// it (the stream was dropped) cancels the request.
struct Ahead<T>(tokio::task::JoinHandle<Result<Vec<T>>>);

impl<T> Drop for Ahead<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// `fetch`, with each page's request started on its own task as soon as it is
/// asked for (when a Tokio runtime is running; else as it was): combined with
/// [`pages`], which asks for the next pages when a page arrives, they are
/// fetched while the caller consumes the current one — at most
/// [`PAGES_IN_FLIGHT`] ahead, so memory stays O(page).
pub(crate) fn ahead<T, F, Fut>(
    op: &'static Operation,
    mut fetch: F,
) -> impl FnMut(i32, i32) -> PageFuture<T> + Send
where
    T: Send + 'static,
    F: FnMut(i32, i32) -> Fut + Send,
    Fut: Future<Output = Result<Vec<T>>> + Send + 'static,
{
    move |first, max| {
        let page = fetch(first, max);
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => {
                use tracing::Instrument;
                let mut task = Ahead(runtime.spawn(page.in_current_span()));
                Box::pin(async move {
                    (&mut task.0).await.unwrap_or_else(|e| {
                        Err(Error::Transport {
                            operation: op.to_string(),
                            message: format!("the page request did not finish: {e}"),
                            source: Some(Arc::new(e)),
                        })
                    })
                })
            }
            Err(_) => Box::pin(page),
        }
    }
}

/// Requests in flight ahead of the page being consumed, for lists whose
/// page requests run on the runtime's tasks and whose items have no id
/// (most [`List`]s, [`KeycloakAdmin::paginate`]): one. With two, the next
/// page's request is made before the page after it is known, so a later page
/// can be read before an earlier one; under concurrent deletions the two then
/// overlap and, with nothing to recognise an item by, a stream would yield it
/// twice (seen in CI, the real-server
/// `streams_under_concurrent_deletes_and_delete_all`). With one, each page is
/// asked for after the previous arrived: deletions skip, never repeat.
/// Memory holds at most two pages.
pub const PAGES_IN_FLIGHT: usize = 1;

/// Requests in flight for lists whose items have an id (users: a realm's,
/// a group's or a role's): two. A page read out of order can only overlap
/// the pages whose requests were already made when it was asked for (at most
/// this many), so the stream keeps their ids and drops an item it already
/// yielded: deletions still skip, never repeat. Measured (`BENCHMARKS.md`,
/// W8): on PostgreSQL the server runs the two deep-offset queries on two
/// cores at once. Memory holds at most three pages plus the ids of two.
pub const KEYED_PAGES_IN_FLIGHT: usize = 2;

/// An item's id, for lists read [`KEYED_PAGES_IN_FLIGHT`] ahead.
pub(crate) type Key<T> = fn(&T) -> Option<&str>;

/// A stream of items from `fetch(first, max)`, page by page. As soon as a
/// page arrives the requests of the next `depth` pages are made, assuming
/// full pages (`first` + `max`, + 2 × `max`, …); a short page drops the
/// guesses and asks for what follows it alone (see the module docs), so the
/// items are the same as fetched one page at a time. Futures made by
/// [`ahead`] start at once; others run when awaited.
///
/// With `key`, an item whose id was in one of the last `depth` pages is not
/// yielded again (pages read out of order overlap under deletions), and a
/// page identical to one that had arrived before it was requested is a
/// [`Error::RepeatedPage`]; identical to one still in flight then, it is an
/// overlap. Without `key`, any identical page is an error.
pub(crate) fn pages<T, F, Fut>(
    op: &'static Operation,
    page_size: i32,
    depth: usize,
    key: Option<Key<T>>,
    fetch: F,
) -> impl Stream<Item = Result<T>> + Send
where
    T: Serialize + Send,
    F: FnMut(i32, i32) -> Fut + Send,
    Fut: Future<Output = Result<Vec<T>>> + Send,
{
    struct State<T, F, Fut> {
        fetch: F,
        first: i32,
        buffer: std::vec::IntoIter<T>,
        /// Requests made ahead, with their `first` and the number of pages
        /// that had arrived when each was made, in order.
        queue: VecDeque<(i32, usize, Fut)>,
        /// Each page's fingerprint, with the number of the first page that had it.
        seen: HashMap<u64, usize>,
        /// Pages arrived so far.
        arrived: usize,
        /// The ids of the last `depth` pages (with `key`).
        recent: VecDeque<HashSet<String>>,
        /// The last page was shorter than asked: the next one should be empty.
        short: Option<usize>,
        done: bool,
    }
    let page_size = page_size.max(1);
    let depth = depth.max(1);
    let state = State {
        fetch,
        first: 0,
        buffer: Vec::new().into_iter(),
        queue: VecDeque::new(),
        seen: HashMap::new(),
        arrived: 0,
        recent: VecDeque::new(),
        short: None,
        done: false,
    };
    futures_util::stream::unfold(state, move |mut s| async move {
        loop {
            if let Some(item) = s.buffer.next() {
                return Some((Ok(item), s));
            }
            if s.done {
                return None;
            }
            let (first, asked_after, next) = match s.queue.pop_front() {
                Some(queued) => queued,
                None => (s.first, s.arrived, (s.fetch)(s.first, page_size)),
            };
            let page = match next.await {
                Ok(page) => page,
                Err(e) => {
                    s.done = true;
                    s.queue.clear();
                    return Some((Err(e), s));
                }
            };
            if page.is_empty() {
                return None;
            }
            if let Some(len) = s.short {
                tracing::debug!(
                    operation = op.id,
                    short = len,
                    "a short page was not the last: the server caps pages"
                );
            }
            let number = s.arrived;
            s.arrived += 1;
            // Identical to a page that had arrived before this one was asked
            // for: the server ignores `first`. (With ids, identical to a page
            // still in flight then is an overlap, handled below.)
            let earlier = fingerprint(&page).map(|f| *s.seen.entry(f).or_insert(number));
            if let Some(earlier) = earlier
                && earlier != number
                && (key.is_none() || earlier < asked_after)
            {
                s.done = true;
                s.queue.clear();
                return Some((
                    Err(Error::RepeatedPage {
                        operation: op.to_string(),
                        first,
                    }),
                    s,
                ));
            }
            s.short = ((page.len() as i32) < page_size).then_some(page.len());
            s.first = first.saturating_add(page.len() as i32);
            let page = match key {
                Some(key) => unseen(page, key, depth, &mut s.recent),
                None => page,
            };
            s.buffer = page.into_iter();
            // Guesses made for a full page are wrong after a short one; and
            // a server that caps pages gets one request at a time.
            let want = if s.short.is_some() {
                s.queue.clear();
                1
            } else {
                depth
            };
            while s.queue.len() < want {
                let at = s
                    .queue
                    .back()
                    .map_or(s.first, |(f, _, _)| f.saturating_add(page_size));
                let fut = (s.fetch)(at, page_size);
                s.queue.push_back((at, s.arrived, fut));
            }
        }
    })
}

/// `page` without the items whose id was in one of the `depth` pages before
/// it (`recent`, which then gets this page's ids).
fn unseen<T>(
    page: Vec<T>,
    key: Key<T>,
    depth: usize,
    recent: &mut VecDeque<HashSet<String>>,
) -> Vec<T> {
    let ids: HashSet<String> = page
        .iter()
        .filter_map(|t| key(t).map(str::to_owned))
        .collect();
    let page = page
        .into_iter()
        .filter(|t| key(t).is_none_or(|id| !recent.iter().any(|seen| seen.contains(id))))
        .collect();
    recent.push_back(ids);
    while recent.len() > depth {
        recent.pop_front();
    }
    page
}

/// One page's request under way.
pub(crate) type PageFuture<T> = Pin<Box<dyn Future<Output = Result<Vec<T>>> + Send>>;
/// Builds the request of the page at `first` of size `max` from the list's
/// query (for a list the server returns whole, called once with `(0, i32::MAX)`).
pub(crate) type PageFn<T, Q> =
    Arc<dyn Fn(KeycloakAdmin, Q, i32, i32) -> PageFuture<T> + Send + Sync>;

/// `set(builder, value)` when a filter is set (generated builders take
/// values, not `Option`s).
pub(crate) fn with<B, V: Clone>(builder: B, value: &Option<V>, set: impl FnOnce(B, V) -> B) -> B {
    match value {
        Some(v) => set(builder, v.clone()),
        None => builder,
    }
}

/// One page's items and the operation that read them ([`KeycloakAdmin::page`]),
/// so a list can check (in debug builds) that it sends what it declared.
pub(crate) struct Page<T> {
    pub(crate) operation: &'static Operation,
    pub(crate) items: Result<Vec<T>>,
}

impl KeycloakAdmin {
    /// Send one page's request ([`List::paged`], [`List::whole`]).
    pub(crate) async fn page<T, E: Endpoint<Output = Vec<T>>>(&self, request: E) -> Page<T> {
        Page {
            operation: E::OPERATION,
            items: self.send(request).await,
        }
    }
}

/// `fetch`'s page, checked against the operation the list declared.
async fn declared<T>(
    operation: &'static Operation,
    page: impl Future<Output = Page<T>>,
) -> Result<Vec<T>> {
    let page = page.await;
    debug_assert_eq!(
        page.operation.id, operation.id,
        "a list declared one operation and sent another"
    );
    page.items
}

/// Every list of the crate: the same verbs whatever it lists.
///
/// - [`List::stream`]: lazily, page by page (memory holds one page);
/// - [`List::all`]: everything, collected (awaiting the list does the same);
/// - [`List::first_page`]: one request, at most [`List::page_size`] items;
/// - [`List::page_size`]: items per request (default [`DEFAULT_PAGE_SIZE`]).
///
/// A filtered list carries its query in `Q` and has the query's typed
/// filters as methods besides the verbs: a user search is a
/// `List<UserRepresentation, UserFilters>` ([`crate::UserQuery`]), the
/// groups of a realm a `List<GroupRepresentation, GroupFilters>`
/// ([`crate::GroupQuery`]), and so on. Unfiltered lists are `List<T>`.
///
/// A list whose endpoint is not paginated (the server answers whole) has the
/// same verbs: its one page is everything, and `page_size` has no effect.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::prelude::*;
/// let clients = kc.realm("rep").clients();
/// let first_ten = clients.list().page_size(10).first_page().await?;
/// let mut all = clients.list().stream();
/// while let Some(client) = all.try_next().await? {
///     println!("{:?}", client.client_id);
/// }
/// let ops = kc.realm("rep").groups().list().search("ops").await?;
/// # Ok(()) }
/// ```
#[must_use = "a list does nothing until streamed or collected"]
pub struct List<T, Q = ()> {
    pub(crate) kc: KeycloakAdmin,
    operation: &'static Operation,
    page_size: i32,
    /// `page_size` was chosen by the caller (a filter may not change it).
    pub(crate) page_size_chosen: bool,
    paginated: bool,
    pub(crate) query: Q,
    fetch: PageFn<T, Q>,
    /// The items' id: the stream reads [`KEYED_PAGES_IN_FLIGHT`] ahead.
    key: Option<Key<T>>,
}

impl<T, Q: Clone> Clone for List<T, Q> {
    fn clone(&self) -> Self {
        List {
            kc: self.kc.clone(),
            query: self.query.clone(),
            fetch: self.fetch.clone(),
            ..*self
        }
    }
}

impl<T, Q> std::fmt::Debug for List<T, Q> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("List")
            .field("operation", &self.operation.to_string())
            .field("page_size", &self.page_size)
            .field("paginated", &self.paginated)
            .finish_non_exhaustive()
    }
}

impl<T: Serialize + Send + 'static> List<T> {
    /// A list over the `first`/`max` operation `op`: `fetch(kc, ctx, first,
    /// max)` sends one page's request through [`KeycloakAdmin::page`]; `ctx`
    /// (what the request needs: realm, ids) is cloned for every page.
    pub(crate) fn paged<C, F, Fut>(
        kc: &KeycloakAdmin,
        op: &'static Operation,
        ctx: C,
        fetch: F,
    ) -> Self
    where
        C: Clone + Send + Sync + 'static,
        F: Fn(KeycloakAdmin, C, i32, i32) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Page<T>> + Send + 'static,
    {
        List::filtered(kc, op, (), move |kc, (), first, max| {
            fetch(kc, ctx.clone(), first, max)
        })
    }

    /// A list the server answers whole: [`List::paged`] with one request.
    pub(crate) fn whole<C, F, Fut>(
        kc: &KeycloakAdmin,
        op: &'static Operation,
        ctx: C,
        fetch: F,
    ) -> Self
    where
        C: Clone + Send + Sync + 'static,
        F: Fn(KeycloakAdmin, C) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Page<T>> + Send + 'static,
    {
        List {
            paginated: false,
            ..List::filtered(kc, op, (), move |kc, (), _, _| fetch(kc, ctx.clone()))
        }
    }
}

impl<T: Serialize + Send + 'static, Q: Clone + Send + Sync + 'static> List<T, Q> {
    /// A list over the `first`/`max` operation `op` narrowed by `query`:
    /// `fetch(kc, query, first, max)` sends one page's request through
    /// [`KeycloakAdmin::page`]; the query's filters change it before a verb runs.
    pub(crate) fn filtered<F, Fut>(
        kc: &KeycloakAdmin,
        op: &'static Operation,
        query: Q,
        fetch: F,
    ) -> Self
    where
        F: Fn(KeycloakAdmin, Q, i32, i32) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Page<T>> + Send + 'static,
    {
        List {
            kc: kc.clone(),
            operation: op,
            page_size: DEFAULT_PAGE_SIZE,
            page_size_chosen: false,
            paginated: true,
            query,
            fetch: Arc::new(move |kc, query, first, max| {
                Box::pin(declared(op, fetch(kc, query, first, max)))
            }),
            key: None,
        }
    }

    /// The items have an id (`key`): the stream keeps
    /// [`KEYED_PAGES_IN_FLIGHT`] requests ahead and drops an item whose id one
    /// of the pages a reordered page can overlap already yielded.
    pub(crate) fn keyed(mut self, key: Key<T>) -> Self {
        self.key = Some(key);
        self
    }

    /// Items per request (default [`DEFAULT_PAGE_SIZE`]; at least 1).
    pub fn page_size(mut self, size: i32) -> Self {
        self.page_size = size.max(1);
        self.page_size_chosen = true;
        self
    }

    /// The server answers this list whole (one request, `page_size` unused).
    pub(crate) fn answered_whole(mut self) -> Self {
        self.paginated = false;
        self
    }

    /// A default page size for this list (the caller's choice still wins).
    pub(crate) fn default_page_size(mut self, size: i32) -> Self {
        if !self.page_size_chosen {
            self.page_size = size.max(1);
        }
        self
    }

    /// The operation this list reads.
    pub fn operation(&self) -> &'static Operation {
        self.operation
    }

    /// Every item, lazily: the next pages are fetched while the caller
    /// consumes the current one ([`PAGES_IN_FLIGHT`] requests ahead, or
    /// [`KEYED_PAGES_IN_FLIGHT`] for lists of users). Boxed,
    /// so it is `Unpin` (`while let Some(x) = stream.try_next().await?` works
    /// as is).
    pub fn stream(self) -> futures_util::stream::BoxStream<'static, Result<T>> {
        let List {
            kc,
            operation,
            page_size,
            paginated,
            query,
            fetch,
            key,
            ..
        } = self;
        // A whole list is one request; the next (at `first` = its length) is
        // answered locally with the empty page that ends the stream.
        let page_size = if paginated { page_size } else { i32::MAX };
        let fetch = move |first, max| {
            let page =
                (paginated || first == 0).then(|| (fetch)(kc.clone(), query.clone(), first, max));
            async move {
                match page {
                    Some(p) => p.await,
                    None => Ok(Vec::new()),
                }
            }
        };
        if paginated {
            let depth = if key.is_some() {
                KEYED_PAGES_IN_FLIGHT
            } else {
                PAGES_IN_FLIGHT
            };
            Box::pin(pages(
                operation,
                page_size,
                depth,
                key,
                ahead(operation, fetch),
            ))
        } else {
            Box::pin(pages(operation, page_size, 1, None, fetch))
        }
    }

    /// Every item, collected.
    pub async fn all(self) -> Result<Vec<T>> {
        use futures_util::TryStreamExt;
        self.stream().try_collect().await
    }

    /// The first page only (for a list the server answers whole: everything).
    pub async fn first_page(self) -> Result<Vec<T>> {
        let max = if self.paginated {
            self.page_size
        } else {
            i32::MAX
        };
        (self.fetch)(self.kc, self.query, 0, max).await
    }
}

/// Awaiting a list is [`List::all`]: `kc.realms().list().await?` is every
/// realm, as it was before lists had verbs. Chosen so code written for the
/// earlier `async fn list() -> Result<Vec<T>>` still compiles; `.stream()`
/// stays the way to read a large list without holding it all.
impl<T: Serialize + Send + 'static, Q: Clone + Send + Sync + 'static> std::future::IntoFuture
    for List<T, Q>
{
    type Output = Result<Vec<T>>;
    type IntoFuture = futures_util::future::BoxFuture<'static, Result<Vec<T>>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.all())
    }
}

/// A hash of the length plus the first and last item: equal for a repeated
/// page, different for the next page of distinct entities. (Serializing whole
/// pages cost more than decoding them: measured in `bench/`, W3.)
fn fingerprint<T: Serialize>(page: &[T]) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let (first, last) = (page.first()?, page.last()?);
    let text = serde_json::to_string(&(page.len(), first, last)).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    Some(h.finish())
}

#[cfg(test)]
mod tests;
