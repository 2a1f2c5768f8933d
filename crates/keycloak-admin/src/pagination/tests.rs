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
    let stream = pages(GET_USERS, 2, 1, None, move |first, max| {
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
    let stream = pages(GET_USERS, 10, 1, None, |first, max| async move {
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
    let stream = pages(GET_USERS, 2, 1, None, move |_, _| {
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
    let stream = pages(GET_USERS, 2, 1, None, |_, _| async { Ok(vec![7, 8]) });
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
    let stream = pages(GET_USERS, 2, depth, None, move |first, max| {
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

// The signature `Key<String>` needs.
#[allow(clippy::ptr_arg)]
fn id(item: &String) -> Option<&str> {
    Some(item)
}

/// A realm of `a`…`j` read in pages of 2, two in flight, by a caller that
/// deletes each user it is handed. The page at `first` = 2 is read by the
/// server late (after the caller deleted what it had), the others when asked
/// for: the pages at 2 and 4 then answer the same users.
async fn read_while_deleting(key: Option<Key<String>>) -> Vec<Result<String>> {
    let realm: Arc<std::sync::Mutex<Vec<String>>> = Arc::new(std::sync::Mutex::new(
        ('a'..='j').map(String::from).collect(),
    ));
    let server = realm.clone();
    let answer = move |first: i32, max: i32| -> Vec<String> {
        let users = server.lock().unwrap();
        users
            .iter()
            .skip(first as usize)
            .take(max as usize)
            .cloned()
            .collect()
    };
    let stream = pages(
        GET_USERS,
        2,
        2,
        key,
        move |first, max| -> PageFuture<String> {
            if first == 2 {
                let answer = answer.clone();
                Box::pin(async move { Ok(answer(first, max)) })
            } else {
                let page = answer(first, max);
                Box::pin(async move { Ok(page) })
            }
        },
    );
    futures_util::pin_mut!(stream);
    let mut out = Vec::new();
    while let Some(item) = stream.next().await {
        if let Ok(user) = &item {
            realm.lock().unwrap().retain(|u| u != user);
        }
        out.push(item);
    }
    out
}

#[tokio::test]
async fn pages_read_out_of_order_under_deletions_yield_each_id_once() {
    let with_ids = read_while_deleting(Some(id)).await;
    let users: Vec<String> = with_ids.into_iter().map(|r| r.unwrap()).collect();
    let unique: std::collections::HashSet<_> = users.iter().collect();
    assert_eq!(unique.len(), users.len(), "a user twice: {users:?}");
    // Deletions skip (offsets shift under them), never repeat.
    assert_eq!(users[..2], ["a", "b"]);
    // Without ids the same reads end in an error: the page at 4 equals the
    // page at 2 (this is why lists without ids keep one request ahead).
    let without = read_while_deleting(None).await;
    assert!(
        without
            .iter()
            .any(|r| matches!(r, Err(Error::RepeatedPage { .. }))),
        "{without:?}"
    );
}

#[tokio::test]
async fn with_ids_a_server_ignoring_first_is_still_stopped() {
    let stream = pages(GET_USERS, 2, 2, Some(id), |_, _| async {
        Ok(vec!["x".to_string(), "y".to_string()])
    });
    let items: Vec<Result<String>> = stream.collect().await;
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(matches!(
        items[2],
        Err(Error::RepeatedPage { first: 2, .. })
    ));
}

#[tokio::test]
async fn with_ids_two_in_flight_read_every_item_once_in_order() {
    let stream = pages(GET_USERS, 3, 2, Some(id), |first, max| async move {
        Ok((first..(first + max).min(10))
            .map(|i| i.to_string())
            .collect::<Vec<_>>())
    });
    let items: Vec<String> = stream.map(|r| r.unwrap()).collect().await;
    assert_eq!(items, (0..10).map(|i| i.to_string()).collect::<Vec<_>>());
}
