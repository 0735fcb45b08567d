//! `fixtures/paging_styles`: every pagination style against a local server that builds each
//! page from the request, asserting the exact request sequence, each stop condition, a
//! repeating cursor or next URL, and a next link to another host (which gets no request).

use crate::fixtures::paging_styles::*;
use crate::{Auth, ClientConfig, Error, Secret};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{json, Value};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> PagingStylesClient {
    let config = ClientConfig::new()
        .base_url(server.uri())
        .auth(Auth::Bearer(Secret::new("tok-123")));
    PagingStylesClient::new(config).unwrap()
}

/// A server whose every answer is `answer(request)`.
async fn serving(
    answer: impl Fn(&Request) -> ResponseTemplate + Send + Sync + 'static,
) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any()).respond_with(answer).mount(&server).await;
    server
}

/// The query parameter `name` of `r`.
fn param(r: &Request, name: &str) -> Option<String> {
    r.url
        .query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

fn num(r: &Request, name: &str, default: u64) -> u64 {
    param(r, name).map_or(default, |v| v.parse().unwrap())
}

/// Every request the server got, as `path?query`.
async fn targets(server: &MockServer) -> Vec<String> {
    let reqs = server.received_requests().await.unwrap();
    reqs.iter()
        .map(|r| match r.url.query() {
            Some(q) => format!("{}?{q}", r.url.path()),
            None => r.url.path().to_string(),
        })
        .collect()
}

fn servers(ids: impl IntoIterator<Item = u64>) -> Vec<Value> {
    ids.into_iter()
        .map(|id| json!({"id": id, "name": format!("s{id}")}))
        .collect()
}

fn ids(items: &[Server]) -> Vec<i64> {
    items.iter().map(|s| s.id).collect()
}

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

/// Page numbers over `{servers, meta: {pagination: {page, next_page, total}}}`.
fn numbered(total: u64) -> impl Fn(&Request) -> ResponseTemplate {
    move |r| {
        let (page, size) = (num(r, "page", 1), num(r, "per_page", 2));
        let first = (page - 1) * size + 1;
        let last = (first + size - 1).min(total);
        let next = (last < total).then_some(page + 1);
        ok(json!({
            "servers": servers(first..=last),
            "meta": {"pagination": {"page": page, "next_page": next, "total": total}}
        }))
    }
}

#[tokio::test]
async fn page_numbers_over_an_envelope_end_on_a_short_page_or_the_total() {
    let server = serving(numbered(5)).await;
    let all: Vec<Server> = client(&server)
        .list_servers()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server).await,
        [
            "/servers?per_page=2&page=1",
            "/servers?per_page=2&page=2",
            "/servers?per_page=2&page=3"
        ]
    );

    // A total that is a multiple of the page size: no request for an empty page.
    let server = serving(numbered(4)).await;
    let all: Vec<Server> = client(&server)
        .list_servers()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3, 4]);
    assert_eq!(targets(&server).await.len(), 2, "the total ends the walk");

    // `send()` is one page with its metadata; `pages()` every page whole.
    let page = client(&server).list_servers().page(2).send().await.unwrap();
    assert_eq!(ids(&page.servers), [3, 4]);
    assert_eq!(
        (page.meta.pagination.page, page.meta.pagination.total),
        (2, 4)
    );
    let pages: Vec<ServerList> = client(&server)
        .list_servers()
        .pages()
        .try_collect()
        .await
        .unwrap();
    let numbers: Vec<_> = pages.iter().map(|p| p.meta.pagination.page).collect();
    assert_eq!(numbers, [1, 2]);
    assert_eq!(pages[1].meta.pagination.next_page, None);
}

#[tokio::test]
async fn offsets_over_a_nested_list_keep_the_filters_and_stop_on_the_total_or_an_empty_page() {
    let server = serving(|r| {
        let (offset, limit) = (num(r, "offset", 0), num(r, "limit", 2));
        let last = (offset + limit).min(5);
        ok(json!({"data": {"items": servers(offset + 1..=last)}, "total": 5}))
    })
    .await;
    let all: Vec<Server> = client(&server)
        .list_offset()
        .name("web")
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server).await,
        [
            "/offset?name=web&limit=2&offset=0",
            "/offset?name=web&limit=2&offset=2",
            "/offset?name=web&limit=2&offset=4"
        ]
    );

    // A server that reports more than it has: the empty page ends the walk.
    let server = serving(|r| {
        let offset = num(r, "offset", 0);
        let items = if offset == 0 {
            servers([1, 2])
        } else {
            Vec::new()
        };
        ok(json!({"data": {"items": items}, "total": 100}))
    })
    .await;
    let all: Vec<Server> = client(&server)
        .list_offset()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2]);
    assert_eq!(targets(&server).await.len(), 2);
}

/// Cursors `c1`, `c2`, ... over `{data, meta: {next_token}}`: 2 items a page up to `total`;
/// `repeat`: the page after `c1` names `c1` again.
fn cursors(total: u64, repeat: bool) -> impl Fn(&Request) -> ResponseTemplate {
    move |r| {
        let at: u64 = param(r, "cursor").map_or(0, |c| c[1..].parse().unwrap());
        let first = at * 2 + 1;
        let last = (first + 1).min(total);
        let next = if repeat && at == 1 {
            json!("c1")
        } else if last < total {
            json!(format!("c{}", at + 1))
        } else {
            Value::Null
        };
        ok(json!({"data": servers(first..=last), "meta": {"next_token": next}}))
    }
}

#[tokio::test]
async fn cursors_are_sent_back_until_there_is_none() {
    let server = serving(cursors(5, false)).await;
    let all: Vec<Server> = client(&server)
        .list_cursor()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3, 4, 5]);
    assert_eq!(
        targets(&server).await,
        [
            "/cursor?limit=2",
            "/cursor?limit=2&cursor=c1",
            "/cursor?limit=2&cursor=c2"
        ]
    );

    // An absent cursor ends the walk as a null one does.
    let server = serving(|_| ok(json!({"data": servers([1]), "meta": {}}))).await;
    let all: Vec<Server> = client(&server)
        .list_cursor()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!((ids(&all), targets(&server).await.len()), (vec![1], 1));

    // The caller's own cursor and size start the walk.
    let server = serving(cursors(9, false)).await;
    let page: Vec<Server> = client(&server)
        .list_cursor()
        .cursor("c3")
        .limit(3)
        .stream()
        .take(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&page), [7, 8]);
    assert_eq!(targets(&server).await, ["/cursor?cursor=c3&limit=3"]);
}

#[tokio::test]
async fn a_repeating_cursor_ends_the_stream_with_an_error_instead_of_looping() {
    let server = serving(cursors(100, true)).await;
    let got: Vec<Result<Server, Error>> = client(&server).list_cursor().stream().collect().await;
    let (items, errors): (Vec<_>, Vec<_>) = got.into_iter().partition(Result::is_ok);
    let items: Vec<Server> = items.into_iter().map(Result::unwrap).collect();
    assert_eq!(
        ids(&items),
        [1, 2, 3, 4],
        "the items of both pages come first"
    );
    assert_eq!(errors.len(), 1);
    let e = errors.into_iter().next().unwrap().unwrap_err();
    assert!(matches!(e, Error::Paging { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        "list_cursor: pagination stopped: the cursor `c1` was already used; following it would loop"
    );
    assert_eq!(targets(&server).await.len(), 2);

    // A server that answers the caller's own first cursor with itself.
    let server = serving(|_| ok(json!({"data": servers([1]), "meta": {"next_token": "x"}}))).await;
    let got: Vec<_> = client(&server)
        .list_cursor()
        .cursor("x")
        .stream()
        .collect()
        .await;
    assert_eq!(got.len(), 2);
    assert!(matches!(&got[1], Err(Error::Paging { .. })), "{got:?}");
    assert_eq!(targets(&server).await.len(), 1);
}

/// Charges `ch_1`.. with `starting_after`, `has_more` until `total`.
fn charges(total: u64) -> impl Fn(&Request) -> ResponseTemplate {
    move |r| {
        let after: u64 = param(r, "starting_after").map_or(0, |c| c[3..].parse().unwrap());
        let limit = num(r, "limit", 2);
        let last = (after + limit).min(total);
        let data: Vec<Value> = (after + 1..=last)
            .map(|i| json!({"id": format!("ch_{i}"), "amount": i * 100}))
            .collect();
        ok(json!({"object": "list", "data": data, "has_more": last < total}))
    }
}

#[tokio::test]
async fn the_last_id_is_sent_while_has_more_is_true() {
    let server = serving(charges(5)).await;
    let all: Vec<Charge> = client(&server)
        .list_charges()
        .stream()
        .try_collect()
        .await
        .unwrap();
    let got: Vec<&str> = all.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(got, ["ch_1", "ch_2", "ch_3", "ch_4", "ch_5"]);
    assert_eq!(
        targets(&server).await,
        [
            "/charges?limit=2",
            "/charges?limit=2&starting_after=ch_2",
            "/charges?limit=2&starting_after=ch_4"
        ]
    );

    // `has_more: false` on a full page ends the walk without asking for an empty page.
    let server = serving(charges(4)).await;
    let all: Vec<Charge> = client(&server)
        .list_charges()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!((all.len(), targets(&server).await.len()), (4, 2));

    // A server that keeps answering the same page: the repeated last id is refused.
    let server = serving(|_| {
        ok(json!({"object": "list", "data": [{"id": "ch_1", "amount": 1}], "has_more": true}))
    })
    .await;
    let got: Vec<_> = client(&server).list_charges().stream().collect().await;
    assert_eq!(
        got.len(),
        3,
        "two pages of one item, then the error: {got:?}"
    );
    assert!(matches!(&got[2], Err(Error::Paging { .. })));
    assert_eq!(targets(&server).await.len(), 2);
}

#[tokio::test]
async fn next_urls_in_the_body_are_followed_on_the_same_host_only() {
    // Relative and absolute next URLs, then none.
    let server = MockServer::start().await;
    let absolute = format!("{}/linked?page=3", server.uri());
    Mock::given(any())
        .respond_with(move |r: &Request| {
            let page = num(r, "page", 1);
            let next = match page {
                1 => json!("/linked?page=2"),
                2 => json!(absolute.clone()),
                _ => Value::Null,
            };
            ok(json!({"results": servers([page]), "links": {"next": next}}))
        })
        .mount(&server)
        .await;
    let all: Vec<Server> = client(&server)
        .list_linked()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [1, 2, 3]);
    assert_eq!(
        targets(&server).await,
        ["/linked", "/linked?page=2", "/linked?page=3"]
    );
    let reqs = server.received_requests().await.unwrap();
    assert!(reqs
        .iter()
        .all(|r| r.headers.get("authorization").unwrap() == "Bearer tok-123"));

    // A next URL on another port: an error, and the other server gets nothing.
    let other = MockServer::start().await;
    Mock::given(any())
        .respond_with(ok(json!({"results": [], "links": {}})))
        .mount(&other)
        .await;
    let elsewhere = format!("{}/linked?page=2", other.uri());
    let server = serving(move |_| {
        ok(json!({"results": servers([1]), "links": {"next": elsewhere.clone()}}))
    })
    .await;
    let got: Vec<_> = client(&server).list_linked().stream().collect().await;
    assert_eq!(got.len(), 2, "{got:?}");
    assert_eq!(got[0].as_ref().unwrap().id, 1);
    let e = got[1].as_ref().unwrap_err();
    assert!(matches!(e, Error::Paging { .. }), "{e:?}");
    assert!(e.to_string().contains("not on the client's"), "{e}");
    assert!(!e.to_string().contains("tok-123"));
    assert_eq!(other.received_requests().await.unwrap().len(), 0);
    assert_eq!(targets(&server).await, ["/linked"]);

    // A next URL that points back at a fetched page.
    let server =
        serving(|_| ok(json!({"results": servers([1]), "links": {"next": "/linked"}}))).await;
    let got: Vec<_> = client(&server).list_linked().stream().collect().await;
    assert!(matches!(&got[1], Err(Error::Paging { .. })), "{got:?}");
    assert_eq!(targets(&server).await, ["/linked"]);
}

#[tokio::test]
async fn link_headers_lead_to_the_next_page_on_the_same_host_only() {
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(any())
        .respond_with(move |r: &Request| {
            let page = num(r, "page", 1);
            let mut t = ok(Value::Array(servers([page * 10, page * 10 + 1])));
            if page < 3 {
                let link = format!(
                    r#"<{base}/link-header?page=1&per_page=2>; rel="first", <{base}/link-header?page={}&per_page=2>; rel="next""#,
                    page + 1
                );
                t = t.insert_header("link", link.as_str());
            }
            t
        })
        .mount(&server)
        .await;
    let all: Vec<Server> = client(&server)
        .list_link_header()
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&all), [10, 11, 20, 21, 30, 31]);
    assert_eq!(
        targets(&server).await,
        [
            "/link-header?per_page=2",
            "/link-header?page=2&per_page=2",
            "/link-header?page=3&per_page=2"
        ]
    );
    let pages: Vec<Vec<Server>> = client(&server)
        .list_link_header()
        .pages()
        .max_pages(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages.len(), 2);

    let other = MockServer::start().await;
    let link = format!(r#"<{}/link-header?page=2>; rel="next""#, other.uri());
    let server =
        serving(move |_| ok(Value::Array(servers([1]))).insert_header("link", link.as_str())).await;
    let got: Vec<_> = client(&server).list_link_header().stream().collect().await;
    assert_eq!(got.len(), 2);
    assert!(matches!(&got[1], Err(Error::Paging { .. })), "{got:?}");
    assert_eq!(other.received_requests().await.unwrap().len(), 0);
}

#[tokio::test]
async fn streams_are_lazy_and_the_caller_caps_items_or_pages() {
    let server = serving(cursors(100, false)).await;
    let stream = client(&server).list_cursor().stream();
    tokio::task::yield_now().await;
    assert_eq!(
        targets(&server).await.len(),
        0,
        "nothing is sent before polling"
    );
    let mut stream = std::pin::pin!(stream);
    stream.next().await.unwrap().unwrap();
    assert_eq!(
        targets(&server).await.len(),
        1,
        "one page for the first item"
    );

    let server = serving(cursors(100, false)).await;
    let three: Vec<Server> = client(&server)
        .list_cursor()
        .stream()
        .max_items(3)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&three), [1, 2, 3]);
    assert_eq!(
        targets(&server).await.len(),
        2,
        "no page past the third item"
    );

    let server = serving(cursors(100, false)).await;
    let two_pages: Vec<Server> = client(&server)
        .list_cursor()
        .stream()
        .max_pages(2)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids(&two_pages), [1, 2, 3, 4]);
    assert_eq!(targets(&server).await.len(), 2);

    let server = serving(cursors(100, false)).await;
    let pages: Vec<CursorList> = client(&server)
        .list_cursor()
        .pages()
        .max_pages(3)
        .try_collect()
        .await
        .unwrap();
    let next: Vec<_> = pages.iter().map(|p| p.meta.next_token.clone()).collect();
    assert_eq!(
        next,
        [Some("c1".into()), Some("c2".into()), Some("c3".into())]
    );
}

#[tokio::test]
async fn an_item_that_does_not_decode_names_its_path_in_the_envelope() {
    let server = serving(|_| {
        ok(json!({"data": {"items": [{"id": 1, "name": "a"}, {"id": "x", "name": "b"}]}, "total": 2}))
    })
    .await;
    let got: Vec<_> = client(&server).list_offset().stream().collect().await;
    assert_eq!(got.len(), 1);
    let e = got[0].as_ref().unwrap_err();
    assert_eq!(e.decode_path(), Some("data.items[1].id"), "{e}");
}
