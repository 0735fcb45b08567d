//! Offset and page-number streams: termination, laziness and errors.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use futures_util::{pin_mut, StreamExt, TryStreamExt};
use generated_client::paging::{offset_stream, page_stream};
use generated_client::transport::Request;
use generated_client::types::Page;
use generated_client::{Auth, Error, Transport};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn mount_page(server: &MockServer, offset: u64, count: u64, items: Vec<u64>, has_next: bool) {
    let next = has_next.then(|| {
        format!(
            "{}/items?offset={}",
            server.uri(),
            offset + items.len() as u64
        )
    });
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("offset", offset.to_string()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": count, "next": next, "previous": null, "results": items
        })))
        .mount(server)
        .await;
}

fn list_request(limit: u64, offset: u64) -> Request {
    let mut req = common::get("list_items", "/items");
    req.query.push("limit", &limit);
    req.query.push("offset", &offset);
    req
}

fn stream_over(
    t: &Transport,
    page_size: u64,
) -> impl futures_core::Stream<Item = Result<u64, Error>> + '_ {
    offset_stream(page_size, 0, move |limit, offset| {
        let t = t.clone();
        async move {
            t.send_json::<Page<u64>, Value>(list_request(limit, offset))
                .await
        }
    })
}

#[tokio::test]
async fn three_pages_then_stop() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 7, vec![0, 1, 2], true).await;
    mount_page(&server, 3, 7, vec![3, 4, 5], true).await;
    mount_page(&server, 6, 7, vec![6], false).await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let all: Vec<u64> = stream_over(&t, 3).try_collect().await.unwrap();
    assert_eq!(all, (0..7).collect::<Vec<_>>());
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn exact_multiple_of_page_size_needs_no_extra_request() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 4, vec![0, 1], true).await;
    // A server that still sends `next` on the last page: `count` stops us.
    mount_page(&server, 2, 4, vec![2, 3], true).await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let all: Vec<u64> = stream_over(&t, 2).try_collect().await.unwrap();
    assert_eq!(all, [0, 1, 2, 3]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn empty_result_yields_nothing() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 0, vec![], false).await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let all: Vec<u64> = stream_over(&t, 10).try_collect().await.unwrap();
    assert!(all.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn stream_is_lazy() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 6, vec![0, 1, 2], true).await;
    mount_page(&server, 3, 6, vec![3, 4, 5], false).await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let stream = stream_over(&t, 3);
    pin_mut!(stream);
    assert_eq!(server.received_requests().await.unwrap().len(), 0);
    assert_eq!(stream.next().await.unwrap().unwrap(), 0);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 3);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn error_is_yielded_once_then_stream_ends() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 6, vec![0, 1, 2], true).await;
    Mock::given(method("GET"))
        .and(query_param("offset", "3"))
        .respond_with(ResponseTemplate::new(400))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let got: Vec<Result<u64, Error>> = stream_over(&t, 3).collect().await;
    assert_eq!(got.len(), 4);
    assert!(got[..3].iter().all(Result::is_ok));
    assert_eq!(got[3].as_ref().unwrap_err().status(), Some(400));
}

#[tokio::test]
async fn start_offset_is_passed_through() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let stream = offset_stream(5, 10, move |limit, offset| {
        seen.fetch_add(1, Ordering::SeqCst);
        async move {
            assert_eq!((limit, offset), (5, 10));
            Ok::<_, Error>(Page {
                count: 12,
                next: None,
                previous: None,
                results: vec![10u64, 11],
            })
        }
    });
    let all: Vec<u64> = stream.try_collect().await.unwrap();
    assert_eq!(all, [10, 11]);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

type Ready = std::future::Ready<Result<Vec<u64>, Error>>;

fn numbered(total: u64) -> (Arc<AtomicUsize>, impl FnMut(u64, u64) -> Ready) {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let fetch = move |per_page: u64, page: u64| {
        seen.fetch_add(1, Ordering::SeqCst);
        let start = (page - 1) * per_page;
        let end = (start + per_page).min(total);
        std::future::ready(Ok((start..end.max(start)).collect()))
    };
    (calls, fetch)
}

#[tokio::test]
async fn page_stream_ends_on_short_page() {
    let (calls, fetch) = numbered(7);
    let all: Vec<u64> = page_stream(3, 1, fetch).try_collect().await.unwrap();
    assert_eq!(all, (0..7).collect::<Vec<_>>());
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn page_stream_ends_on_empty_page() {
    let (calls, fetch) = numbered(6);
    let all: Vec<u64> = page_stream(3, 1, fetch).try_collect().await.unwrap();
    assert_eq!(all, (0..6).collect::<Vec<_>>());
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn page_stream_is_lazy_and_stops_after_error() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let stream = page_stream(2, 1, move |_per_page, page| {
        seen.fetch_add(1, Ordering::SeqCst);
        std::future::ready(if page == 1 {
            Ok(vec![1u64, 2])
        } else {
            Err(Error::<Value>::Timeout { operation: "list" })
        })
    });
    pin_mut!(stream);
    assert_eq!(stream.next().await.unwrap().unwrap(), 1);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 2);
    assert!(stream.next().await.unwrap().unwrap_err().is_timeout());
    assert!(stream.next().await.is_none());
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn finished_stream_keeps_returning_none_and_needs_no_pinning() {
    use futures_util::StreamExt;
    let mut stream = generated_client::paging::page_stream(2, 1, |_, page| async move {
        Ok::<_, generated_client::Error>(if page == 1 { vec![1, 2] } else { vec![3] })
    });
    let mut seen = Vec::new();
    while let Some(item) = stream.next().await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, vec![1, 2, 3]);
    // Polling after the end is allowed and stays at the end.
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none());
}
