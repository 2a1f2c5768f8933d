//! Lazy pagination over Keycloak's `first`/`max` endpoints.
//!
//! The next page is fetched only when the stream is polled past the current one;
//! a short or empty page ends it; a page identical to the previous one (a server
//! that ignores `first`) ends it with [`Error::RepeatedPage`]. Memory holds one page.

use crate::error::{Error, Result};
use futures_util::Stream;
use keycloak_admin_api::Operation;
use serde::Serialize;
use std::future::Future;

/// Default page size.
pub const DEFAULT_PAGE_SIZE: i32 = 100;

/// A stream of items from `fetch(first, max)`, page by page.
pub(crate) fn pages<T, F, Fut>(
    op: &'static Operation,
    page_size: i32,
    fetch: F,
) -> impl Stream<Item = Result<T>> + Send
where
    T: Serialize + Send + 'static,
    F: FnMut(i32, i32) -> Fut + Send + 'static,
    Fut: Future<Output = Result<Vec<T>>> + Send,
{
    struct State<T, F> {
        fetch: F,
        first: i32,
        buffer: std::vec::IntoIter<T>,
        previous: Option<String>,
        done: bool,
    }
    let page_size = page_size.max(1);
    let state = State {
        fetch,
        first: 0,
        buffer: Vec::new().into_iter(),
        previous: None,
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
            let page = match (s.fetch)(s.first, page_size).await {
                Ok(page) => page,
                Err(e) => {
                    s.done = true;
                    return Some((Err(e), s));
                }
            };
            let fingerprint = fingerprint(&page);
            if fingerprint.is_some() && fingerprint == s.previous {
                s.done = true;
                return Some((
                    Err(Error::RepeatedPage {
                        operation: op.to_string(),
                        first: s.first,
                    }),
                    s,
                ));
            }
            s.done = (page.len() as i32) < page_size;
            s.previous = fingerprint;
            s.first += page_size;
            s.buffer = page.into_iter();
        }
    })
}

/// Length plus the first and last item: equal for a repeated page, different for
/// the next page of distinct entities. (Serializing whole pages cost more than
/// decoding them: measured in `bench/`, W3.)
fn fingerprint<T: Serialize>(page: &[T]) -> Option<String> {
    let (first, last) = (page.first()?, page.last()?);
    let mut f = serde_json::to_string(&(page.len(), first, last)).ok()?;
    f.shrink_to_fit();
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::StreamExt;
    use keycloak_admin_api::operations::GET_USERS;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn fetches_lazily_and_stops_on_a_short_page() {
        let calls = Arc::new(AtomicUsize::new(0));
        let c = calls.clone();
        let stream = pages(GET_USERS, 2, move |first, max| {
            c.fetch_add(1, Ordering::SeqCst);
            async move { Ok((first..(first + max).min(5)).collect::<Vec<i32>>()) }
        });
        futures_util::pin_mut!(stream);
        assert_eq!(stream.next().await.unwrap().unwrap(), 0);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            1,
            "one page fetched for the first item"
        );
        let rest: Vec<i32> = stream.map(|r| r.unwrap()).collect().await;
        assert_eq!(rest, [1, 2, 3, 4]);
        assert_eq!(
            calls.load(Ordering::SeqCst),
            3,
            "pages [0,1] [2,3] [4]: the short page ends it"
        );
    }

    #[tokio::test]
    async fn a_repeated_page_ends_the_stream_with_an_error() {
        let stream = pages(GET_USERS, 2, |_, _| async { Ok(vec![7, 8]) });
        let items: Vec<Result<i32>> = stream.collect().await;
        assert_eq!(items.len(), 3);
        assert!(
            matches!(items[2], Err(Error::RepeatedPage { first: 2, .. })),
            "{:?}",
            items[2]
        );
    }
}
