//! Offset and page-number streams: termination, laziness, start positions and errors,
//! against a local server.

mod common;

use client_runtime::types::Page;
use client_runtime::wiring::{items, Paging};
use client_runtime::{Auth, Error, Items, Request, Transport};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const OFFSET: Paging = Paging::offset("limit", "offset", 100);

const PAGE: Paging = Paging::page("per_page", "page", 50);

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

fn transport(server: &MockServer) -> Transport {
    common::transport_at(&server.uri(), &common::PLAIN, Auth::None)
}

/// The offset stream of `/items` with page size `limit`.
fn offset_items(t: &Transport, limit: u64) -> Items<u64, Value> {
    let req: Request<Page<u64>> = Request::get("list_items", "/items")
        .query("limit", &limit)
        .paging(OFFSET);
    items(t, Ok::<_, Error>(req))
}

async fn requests(server: &MockServer) -> Vec<String> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap_or_default().to_owned())
        .collect()
}

#[tokio::test]
async fn three_pages_then_stop() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 7, vec![0, 1, 2], true).await;
    mount_page(&server, 3, 7, vec![3, 4, 5], true).await;
    mount_page(&server, 6, 7, vec![6], false).await;
    let all: Vec<u64> = offset_items(&transport(&server), 3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, (0..7).collect::<Vec<_>>());
    assert_eq!(
        requests(&server).await,
        ["limit=3&offset=0", "limit=3&offset=3", "limit=3&offset=6"]
    );
}

#[tokio::test]
async fn exact_multiple_of_page_size_needs_no_extra_request() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 4, vec![0, 1], true).await;
    // A server that still sends `next` on the last page: `count` stops us.
    mount_page(&server, 2, 4, vec![2, 3], true).await;
    let all: Vec<u64> = offset_items(&transport(&server), 2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, [0, 1, 2, 3]);
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn empty_result_yields_nothing() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 0, vec![], false).await;
    let all: Vec<u64> = offset_items(&transport(&server), 10)
        .try_collect()
        .await
        .unwrap();
    assert!(all.is_empty());
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn stream_is_lazy() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 6, vec![0, 1, 2], true).await;
    mount_page(&server, 3, 6, vec![3, 4, 5], false).await;
    let mut stream = offset_items(&transport(&server), 3);
    assert_eq!(requests(&server).await.len(), 0);
    assert_eq!(stream.next().await.unwrap().unwrap(), 0);
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 2);
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 3);
    assert_eq!(requests(&server).await.len(), 2);
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
    let got: Vec<Result<u64, Error>> = offset_items(&transport(&server), 3).collect().await;
    assert_eq!(got.len(), 4);
    assert!(got[..3].iter().all(Result::is_ok));
    assert_eq!(got[3].as_ref().unwrap_err().status(), Some(400));
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn start_offset_and_size_set_by_the_caller_are_kept() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("offset", "10"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "count": 12, "next": null, "previous": null, "results": [10, 11]
        })))
        .mount(&server)
        .await;
    let req: Request<Page<u64>> = Request::get("list_items", "/items")
        .query("limit", &5u64)
        .query("offset", &10u64)
        .query("q", "x")
        .paging(OFFSET);
    let all: Vec<u64> = items(&transport(&server), Ok::<_, Error>(req))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, [10, 11]);
    assert_eq!(requests(&server).await, ["limit=5&offset=10&q=x"]);
}

#[tokio::test]
async fn the_default_size_is_sent_when_the_caller_sets_none() {
    let server = MockServer::start().await;
    mount_page(&server, 0, 1, vec![7], false).await;
    let req: Request<Page<u64>> = Request::get("list_items", "/items").paging(OFFSET);
    let all: Vec<u64> = items(&transport(&server), Ok::<_, Error>(req))
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, [7]);
    assert_eq!(requests(&server).await, ["limit=100&offset=0"]);
}

/// Serves `total` numbered items, `per_page` at a time, as bare arrays.
async fn numbered(total: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/numbers"))
        .respond_with(move |req: &wiremock::Request| {
            let param = |name: &str| {
                req.url
                    .query_pairs()
                    .find(|(n, _)| n == name)
                    .and_then(|(_, v)| v.parse::<u64>().ok())
                    .unwrap()
            };
            let (page, per_page) = (param("page"), param("per_page"));
            let start = (page - 1) * per_page;
            let end = (start + per_page).min(total);
            let items: Vec<u64> = (start..end.max(start)).collect();
            ResponseTemplate::new(200).set_body_json(items)
        })
        .mount(&server)
        .await;
    server
}

fn page_items(t: &Transport, per_page: u64) -> Items<u64, Value> {
    let req: Request<Vec<u64>> = Request::get("list_numbers", "/numbers")
        .query("per_page", &per_page)
        .paging(PAGE);
    items(t, Ok::<_, Error>(req))
}

#[tokio::test]
async fn page_stream_ends_on_short_page() {
    let server = numbered(7).await;
    let all: Vec<u64> = page_items(&transport(&server), 3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, (0..7).collect::<Vec<_>>());
    assert_eq!(
        requests(&server).await,
        [
            "per_page=3&page=1",
            "per_page=3&page=2",
            "per_page=3&page=3"
        ]
    );
}

#[tokio::test]
async fn page_stream_ends_on_empty_page() {
    let server = numbered(6).await;
    let all: Vec<u64> = page_items(&transport(&server), 3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all, (0..6).collect::<Vec<_>>());
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn page_stream_is_lazy_and_stops_after_error() {
    let server = MockServer::start().await;
    Mock::given(query_param("page", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([1, 2])))
        .mount(&server)
        .await;
    Mock::given(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let mut stream = page_items(&transport(&server), 2);
    assert_eq!(stream.next().await.unwrap().unwrap(), 1);
    assert_eq!(requests(&server).await.len(), 1);
    assert_eq!(stream.next().await.unwrap().unwrap(), 2);
    assert_eq!(
        stream.next().await.unwrap().unwrap_err().status(),
        Some(404)
    );
    assert!(stream.next().await.is_none());
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn finished_stream_keeps_returning_none() {
    let server = numbered(3).await;
    let mut stream = page_items(&transport(&server), 2);
    let mut seen = Vec::new();
    while let Some(item) = stream.next().await {
        seen.push(item.unwrap());
    }
    assert_eq!(seen, vec![0, 1, 2]);
    // Polling after the end is allowed and stays at the end.
    assert!(stream.next().await.is_none());
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn a_request_that_did_not_build_is_the_one_error() {
    let server = MockServer::start().await;
    let req: Request<Vec<u64>> = Request::get("list_numbers", "/numbers/{id}")
        .path_params(&[])
        .paging(PAGE);
    let got: Vec<Result<u64, Error>> = items(&transport(&server), req.build()).collect().await;
    assert_eq!(got.len(), 1);
    assert!(matches!(got[0], Err(Error::InvalidRequest { .. })));
    assert!(requests(&server).await.is_empty());
}
