//! The pagination machinery against scripted pages.

use super::*;
use futures_util::StreamExt;
use keycloak_admin_api::operations::GET_USERS;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

#[tokio::test]
async fn fetches_lazily_and_stops_on_the_empty_page_after_a_short_one() {
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let stream = pages(GET_USERS, 2, 1, move |first, max| {
        let c = c.clone();
        async move {
            c.fetch_add(1, Ordering::SeqCst);
            Ok((first..(first + max).min(5)).collect::<Vec<i32>>())
        }
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
        4,
        "pages [0,1] [2,3] [4], then the empty page that confirms the end"
    );
}

#[tokio::test]
async fn a_page_capped_below_max_is_not_the_end() {
    // A proxy that answers at most 3 items whatever `max` says.
    let stream = pages(GET_USERS, 10, 1, |first, max| async move {
        Ok((first..(first + max.min(3)).min(20)).collect::<Vec<i32>>())
    });
    let all: Vec<i32> = stream.map(|r| r.unwrap()).collect().await;
    assert_eq!(all, (0..20).collect::<Vec<_>>());
}

#[tokio::test]
async fn a_server_cycling_through_pages_is_stopped() {
    // Ignores `first`; alternates between two pages of distinct items.
    let calls = Arc::new(AtomicUsize::new(0));
    let c = calls.clone();
    let stream = pages(GET_USERS, 2, 1, move |_, _| {
        let c = c.clone();
        async move {
            let n = c.fetch_add(1, Ordering::SeqCst);
            Ok(if n.is_multiple_of(2) {
                vec![1, 2]
            } else {
                vec![3, 4]
            })
        }
    });
    let items: Vec<Result<i32>> = stream.collect().await;
    assert_eq!(items.len(), 5, "{items:?}");
    assert!(matches!(
        items[4],
        Err(Error::RepeatedPage { first: 4, .. })
    ));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn a_repeated_page_ends_the_stream_with_an_error() {
    let stream = pages(GET_USERS, 2, 1, |_, _| async { Ok(vec![7, 8]) });
    let items: Vec<Result<i32>> = stream.collect().await;
    assert_eq!(items.len(), 3);
    assert!(
        matches!(items[2], Err(Error::RepeatedPage { first: 2, .. })),
        "{:?}",
        items[2]
    );
}

/// `pages` with `depth`, over a server of `n` items that answers at most
/// `cap` per request: the items, and every `first` asked for.
async fn read(n: i32, cap: i32, depth: usize) -> (Vec<i32>, Vec<i32>) {
    let asked = Arc::new(std::sync::Mutex::new(Vec::new()));
    let a = asked.clone();
    let stream = pages(GET_USERS, 2, depth, move |first, max| {
        a.lock().unwrap().push(first);
        async move { Ok((first..(first + max.min(cap)).min(n)).collect::<Vec<i32>>()) }
    });
    let items = stream.map(|r| r.unwrap()).collect().await;
    let asked = asked.lock().unwrap().clone();
    (items, asked)
}

#[tokio::test]
async fn two_pages_in_flight_read_the_same_items_with_one_guess_too_many() {
    let (one, asked_one) = read(10, 100, 1).await;
    let (two, asked_two) = read(10, 100, 2).await;
    assert_eq!(one, (0..10).collect::<Vec<_>>());
    assert_eq!(two, one);
    assert_eq!(asked_one, [0, 2, 4, 6, 8, 10]);
    // Pages 2 and 4 are asked for when page 0 arrives; the end costs
    // one request more (12, dropped unread).
    assert_eq!(asked_two, [0, 2, 4, 6, 8, 10, 12]);
}

#[tokio::test]
async fn a_capped_server_gets_one_request_at_a_time_and_no_item_twice() {
    // Asked for 2, answers 1: every page is short, so nothing is guessed.
    let (items, asked) = read(5, 1, 2).await;
    assert_eq!(items, [0, 1, 2, 3, 4]);
    assert_eq!(asked, [0, 1, 2, 3, 4, 5]);
    // An uneven cap with depth 2: still each item once, in order.
    let (items, _) = read(9, 3, 2).await;
    assert_eq!(items, (0..9).collect::<Vec<_>>());
}
