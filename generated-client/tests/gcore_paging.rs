//! Paging of both Gcore list endpoints (`list_clients`, `list_addendums`) through the
//! generated `.stream()`: laziness, the last page, page size, several pages, an empty
//! result, a total that is a multiple of the page size, and fetching one page with `count`.
//!
//! The server builds each page from the `limit`/`offset` it receives, like the real API.

use std::pin::Pin;

use futures_util::{Stream, StreamExt, TryStreamExt};
use generated_client::gcore::{AddendumStatus, GcoreClient, ServiceStatus};
use generated_client::types::{Listing, Page};
use generated_client::ClientConfig;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const CLIENT: &str = include_str!("data/gcore_client.json");
const CLIENTS_PATH: &str = "/iam/clients";
const ADDENDUMS_PATH: &str = "/billing/v1/org/addendums";

fn client(server: &MockServer) -> GcoreClient {
    GcoreClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(GcoreClient::api_key_auth("s3cr3t")),
    )
    .unwrap()
}

fn client_json(id: u64) -> Value {
    let mut v: Value = serde_json::from_str(CLIENT).unwrap();
    v["id"] = id.into();
    v
}

fn addendum_json(id: u64) -> Value {
    json!({
        "id": id,
        "client_id": 2001,
        "plan_id": 31,
        "status": "active",
        "active_from": "2021-05-05T12:00:00Z",
        "active_to": null,
        "created_at": "2021-05-01 08:30:00",
        "previous_id": null,
        "plan_name_en": "CDN Pro",
        "plan_currency_char_code": "EUR",
        "plan_currency_id": 1,
        "product_id": "1",
        "product_internal_name": "CDN",
        "archived": null,
        "description": format!("addendum {id}")
    })
}

/// Answers `GET ?limit=L&offset=O` with items `O+1 ..= min(O+L, total)` (ids are 1-based)
/// in a `{count, next, previous, results}` page, like Django REST framework.
struct Paged {
    total: u64,
    item: fn(u64) -> Value,
    /// When set, `next` is never null (a server whose links cannot be trusted): the
    /// client must then stop by `count`.
    always_next: bool,
}

fn param(req: &Request, name: &str) -> Option<u64> {
    req.url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().unwrap())
}

impl Respond for Paged {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let limit = param(req, "limit").expect("the stream always sends limit");
        let offset = param(req, "offset").expect("the stream always sends offset");
        let end = (offset + limit).min(self.total);
        let results: Vec<Value> = (offset..end).map(|i| (self.item)(i + 1)).collect();
        let base = format!("http://example.invalid{}", req.url.path());
        let next = if end < self.total || self.always_next {
            Some(format!("{base}?limit={limit}&offset={end}"))
        } else {
            None
        };
        let previous = (offset > 0).then(|| {
            format!(
                "{base}?limit={limit}&offset={}",
                offset.saturating_sub(limit)
            )
        });
        ResponseTemplate::new(200).set_body_json(json!({
            "count": self.total,
            "next": next,
            "previous": previous,
            "results": results,
        }))
    }
}

/// Which endpoint a test runs against.
#[derive(Clone, Copy, Debug)]
enum Endpoint {
    Clients,
    Addendums,
}

const BOTH: [Endpoint; 2] = [Endpoint::Clients, Endpoint::Addendums];

impl Endpoint {
    fn path(self) -> &'static str {
        match self {
            Endpoint::Clients => CLIENTS_PATH,
            Endpoint::Addendums => ADDENDUMS_PATH,
        }
    }

    async fn server(self, total: u64, always_next: bool) -> MockServer {
        let server = MockServer::start().await;
        let item = match self {
            Endpoint::Clients => client_json,
            Endpoint::Addendums => addendum_json,
        };
        Mock::given(method("GET"))
            .and(path(self.path()))
            .respond_with(Paged {
                total,
                item,
                always_next,
            })
            .mount(&server)
            .await;
        server
    }

    /// The ids of a stream with page size `limit` (panics on an error item).
    fn id_stream(self, c: &GcoreClient, limit: i64) -> Pin<Box<dyn Stream<Item = u64> + '_>> {
        match self {
            Endpoint::Clients => Box::pin(
                c.list_clients()
                    .limit(limit)
                    .stream()
                    .map(|r| r.unwrap().id as u64),
            ),
            Endpoint::Addendums => Box::pin(
                c.list_addendums()
                    .limit(limit)
                    .stream()
                    .map(|r| r.unwrap().id as u64),
            ),
        }
    }

    /// Streams ids with page size `limit` (or the default), taking at most `take` items.
    async fn stream_ids(self, c: &GcoreClient, limit: Option<i64>, take: usize) -> Vec<u64> {
        match self {
            Endpoint::Clients => {
                let mut b = c.list_clients();
                if let Some(l) = limit {
                    b = b.limit(l);
                }
                b.stream()
                    .take(take)
                    .map_ok(|c| c.id as u64)
                    .try_collect()
                    .await
                    .unwrap()
            }
            Endpoint::Addendums => {
                let mut b = c.list_addendums();
                if let Some(l) = limit {
                    b = b.limit(l);
                }
                b.stream()
                    .take(take)
                    .map_ok(|a| a.id as u64)
                    .try_collect()
                    .await
                    .unwrap()
            }
        }
    }
}

/// `(limit, offset)` of every request the server received, in order.
async fn pages_requested(server: &MockServer) -> Vec<(u64, u64)> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| (param(r, "limit").unwrap(), param(r, "offset").unwrap()))
        .collect()
}

#[tokio::test]
async fn stream_is_lazy_and_fetches_the_next_page_only_when_needed() {
    for ep in BOTH {
        let server = ep.server(1_000, false).await;
        let c = client(&server);
        let mut ids = ep.id_stream(&c, 3);
        // Building the stream sends nothing.
        assert_eq!(pages_requested(&server).await, vec![], "{ep:?}");
        // The first item loads the first page only.
        assert_eq!(ids.next().await, Some(1));
        assert_eq!(pages_requested(&server).await, vec![(3, 0)], "{ep:?}");
        // The rest of that page comes from the buffer.
        assert_eq!(ids.next().await, Some(2));
        assert_eq!(ids.next().await, Some(3));
        assert_eq!(pages_requested(&server).await, vec![(3, 0)], "{ep:?}");
        // Item 4 needs the second page.
        assert_eq!(ids.next().await, Some(4));
        assert_eq!(
            pages_requested(&server).await,
            vec![(3, 0), (3, 3)],
            "{ep:?}"
        );
    }
}

#[tokio::test]
async fn taking_the_first_items_loads_only_the_pages_they_are_on() {
    for ep in BOTH {
        let server = ep.server(1_000, false).await;
        let c = client(&server);
        let ids = ep.stream_ids(&c, Some(10), 15).await;
        assert_eq!(ids, (1..=15).collect::<Vec<_>>(), "{ep:?}");
        // 15 items from pages of 10: two requests for a list of 1,000 (100 pages).
        assert_eq!(
            pages_requested(&server).await,
            vec![(10, 0), (10, 10)],
            "{ep:?}"
        );
    }
}

#[tokio::test]
async fn stream_walks_several_pages_and_stops_cleanly_after_the_last() {
    for ep in BOTH {
        let server = ep.server(7, false).await;
        let c = client(&server);
        let ids = ep.stream_ids(&c, Some(3), usize::MAX).await;
        assert_eq!(ids, (1..=7).collect::<Vec<_>>(), "{ep:?}");
        // 3 + 3 + 1: three requests, the last one short, nothing after it.
        assert_eq!(
            pages_requested(&server).await,
            vec![(3, 0), (3, 3), (3, 6)],
            "{ep:?}"
        );
    }
}

#[tokio::test]
async fn stream_ends_with_none_right_after_the_last_item() {
    let server = Endpoint::Addendums.server(2, false).await;
    let c = client(&server);
    let mut stream = Box::pin(c.list_addendums().limit(5).stream());
    assert_eq!(stream.next().await.unwrap().unwrap().id, 1);
    assert_eq!(stream.next().await.unwrap().unwrap().id, 2);
    assert!(stream.next().await.is_none());
    assert_eq!(pages_requested(&server).await, vec![(5, 0)]);
}

#[tokio::test]
async fn page_size_is_configurable_and_defaults_to_100() {
    for ep in BOTH {
        let server = ep.server(250, false).await;
        let c = client(&server);
        let ids = ep.stream_ids(&c, None, usize::MAX).await;
        assert_eq!(ids.len(), 250, "{ep:?}");
        assert_eq!(
            pages_requested(&server).await,
            vec![(100, 0), (100, 100), (100, 200)],
            "{ep:?}"
        );

        let server = ep.server(250, false).await;
        let c = client(&server);
        let ids = ep.stream_ids(&c, Some(125), usize::MAX).await;
        assert_eq!(ids, (1..=250).collect::<Vec<_>>(), "{ep:?}");
        assert_eq!(
            pages_requested(&server).await,
            vec![(125, 0), (125, 125)],
            "{ep:?}"
        );
    }
}

#[tokio::test]
async fn empty_result_is_one_request_and_no_items() {
    for ep in BOTH {
        let server = ep.server(0, false).await;
        let c = client(&server);
        let ids = ep.stream_ids(&c, Some(10), usize::MAX).await;
        assert!(ids.is_empty(), "{ep:?}");
        assert_eq!(pages_requested(&server).await, vec![(10, 0)], "{ep:?}");
    }
}

#[tokio::test]
async fn total_that_is_a_multiple_of_the_page_size_needs_no_extra_request() {
    for always_next in [false, true] {
        for ep in BOTH {
            let server = ep.server(6, always_next).await;
            let c = client(&server);
            let ids = ep.stream_ids(&c, Some(2), usize::MAX).await;
            assert_eq!(ids, (1..=6).collect::<Vec<_>>(), "{ep:?}");
            // Exactly three requests: the third page reaches `count`, so no empty fourth
            // page is asked for, even when the server's `next` link says there is more.
            assert_eq!(
                pages_requested(&server).await,
                vec![(2, 0), (2, 2), (2, 4)],
                "{ep:?} always_next={always_next}"
            );
        }
    }
}

#[tokio::test]
async fn stream_starts_at_the_given_offset_and_keeps_the_filters() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .respond_with(Paged {
            total: 9,
            item: addendum_json,
            always_next: false,
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CLIENTS_PATH))
        .respond_with(Paged {
            total: 9,
            item: client_json,
            always_next: false,
        })
        .mount(&server)
        .await;
    let c = client(&server);
    let addendums: Vec<_> = c
        .list_addendums()
        .status(AddendumStatus::Active)
        .limit(4)
        .offset(3)
        .stream()
        .map_ok(|a| a.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(addendums, vec![4, 5, 6, 7, 8, 9]);
    let clients: Vec<_> = c
        .list_clients()
        .cdn(ServiceStatus::Active)
        .limit(4)
        .offset(3)
        .stream()
        .map_ok(|c| c.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(clients, vec![4, 5, 6, 7, 8, 9]);

    let sent: Vec<(String, String)> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| (r.url.path().to_owned(), r.url.query().unwrap().to_owned()))
        .collect();
    let s = |p: &str, q: &str| (p.to_owned(), q.to_owned());
    assert_eq!(
        sent,
        vec![
            s(ADDENDUMS_PATH, "status=active&limit=4&offset=3"),
            s(ADDENDUMS_PATH, "status=active&limit=4&offset=7"),
            s(CLIENTS_PATH, "limit=4&offset=3&cdn=active"),
            s(CLIENTS_PATH, "limit=4&offset=7&cdn=active"),
        ]
    );
}

#[tokio::test]
async fn one_page_with_its_count() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .respond_with(Paged {
            total: 23,
            item: addendum_json,
            always_next: false,
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(CLIENTS_PATH))
        .respond_with(Paged {
            total: 23,
            item: client_json,
            always_next: false,
        })
        .mount(&server)
        .await;
    let c = client(&server);

    let page: Page<_> = c.list_addendums().limit(5).offset(10).send().await.unwrap();
    assert_eq!(page.count, 23);
    assert_eq!(
        page.results.iter().map(|a| a.id).collect::<Vec<_>>(),
        vec![11, 12, 13, 14, 15]
    );
    assert_eq!(
        page.next.as_deref(),
        Some("http://example.invalid/billing/v1/org/addendums?limit=5&offset=15")
    );
    assert_eq!(
        page.previous.as_deref(),
        Some("http://example.invalid/billing/v1/org/addendums?limit=5&offset=5")
    );

    let listing = c.list_clients().limit(5).offset(20).send().await.unwrap();
    assert_eq!(listing.count(), Some(23));
    let Listing::Page(page) = &listing else {
        panic!("with limit the answer is a page: {listing:?}")
    };
    assert_eq!(
        page.results.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![21, 22, 23]
    );
    assert_eq!(page.next, None);

    // Exactly one request each.
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.url.query().unwrap().to_owned())
        .collect();
    assert_eq!(sent, vec!["limit=5&offset=10", "limit=5&offset=20"]);
}

#[tokio::test]
async fn an_error_page_ends_the_stream_after_the_items_already_read() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .and(wiremock::matchers::query_param("offset", "0"))
        .respond_with(Paged {
            total: 4,
            item: addendum_json,
            always_next: false,
        })
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .and(wiremock::matchers::query_param("offset", "2"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"detail": "Not found."})))
        .mount(&server)
        .await;
    let c = client(&server);
    let got: Vec<Result<i64, u16>> = c
        .list_addendums()
        .limit(2)
        .stream()
        .map(|r| r.map(|a| a.id).map_err(|e| e.status().unwrap()))
        .collect()
        .await;
    assert_eq!(got, vec![Ok(1), Ok(2), Err(404)]);
    assert_eq!(pages_requested(&server).await, vec![(2, 0), (2, 2)]);
}
