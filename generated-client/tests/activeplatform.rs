//! ActivePlatform `GET /api/vendor/v1/accounts.json` end to end against a local server:
//! the literal bracketed query names, the `api_token` query auth, the token never leaking
//! into errors, page-number paging, and the Account model on the documented example.

use std::collections::BTreeMap;
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, Timelike};
use futures_util::{StreamExt, TryStreamExt};
use generated_client::activeplatform::{
    Account, AccountStatus, ActivePlatformClient, ListAccountsSorting, PaymentModel,
};
use generated_client::types::Order;
use generated_client::RetryPolicy;
use generated_client::{ClientConfig, Error};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

const TOKEN: &str = "vY5fwetestK3gJXZH5uHCw";
const ACCOUNTS: &str = include_str!("data/activeplatform_accounts.json");
const ACCOUNTS_PATH: &str = "/api/vendor/v1/accounts.json";

fn query_of(req: &Request) -> Vec<(String, String)> {
    req.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

async fn sent_queries(server: &MockServer) -> Vec<Vec<(String, String)>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(query_of)
        .collect()
}

async fn array_server(body: Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ACCOUNTS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    server
}

fn example() -> Value {
    serde_json::from_str(ACCOUNTS).unwrap()
}

// ---------------------------------------------------------------------------------------
// Query parameters and auth
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn every_query_parameter_arrives_with_its_literal_bracketed_name() {
    let server = array_server(json!([])).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let accounts = c
        .list_accounts()
        .page(4)
        .per_page(2)
        .sorting(Order::Desc(ListAccountsSorting::Id))
        .filters_created_at(NaiveDate::from_ymd_opt(2019, 12, 4).unwrap())
        .filters_updated_at(NaiveDate::from_ymd_opt(2020, 1, 31).unwrap())
        .filters_status(AccountStatus::Deleted)
        .filters_email("test+1@example.com")
        .send()
        .await
        .unwrap();
    assert!(accounts.is_empty());

    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url.path(), ACCOUNTS_PATH);
    // The documented request example, plus the filters; the token is added once, by the
    // client.
    assert_eq!(
        query_of(&reqs[0]),
        pairs(&[
            ("page", "4"),
            ("per_page", "2"),
            ("sorting[field]", "id"),
            ("sorting[reversed]", "true"),
            ("filters[created_at]", "2019-12-04"),
            ("filters[updated_at]", "2020-01-31"),
            ("filters[status]", "deleted"),
            ("filters[email]", "test+1@example.com"),
            ("api_token", TOKEN),
        ])
    );
    // On the wire the brackets are percent-encoded (servers decode them back to the
    // literal names above); `+` in a value is encoded so it is not read as a space.
    let raw = reqs[0].url.query().unwrap();
    assert!(raw.contains("sorting%5Bfield%5D=id"), "{raw}");
    assert!(
        raw.contains("filters%5Bemail%5D=test%2B1%40example.com"),
        "{raw}"
    );
    // No auth header: the token travels only in the query.
    assert!(reqs[0].headers.get("authorization").is_none());
}

#[tokio::test]
async fn sorting_sends_the_field_and_the_reversed_flag() {
    let server = array_server(json!([])).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    for field in ListAccountsSorting::ALL {
        for order in [Order::Asc(field.clone()), Order::Desc(field.clone())] {
            c.list_accounts().sorting(order).send().await.unwrap();
        }
    }
    // Any other account field goes through unchanged.
    c.list_accounts()
        .sorting(Order::Asc(ListAccountsSorting::from("account_type")))
        .send()
        .await
        .unwrap();
    // No sorting: neither parameter is sent (the API defaults to ascending).
    c.list_accounts().send().await.unwrap();

    let q = sent_queries(&server).await;
    let mut expected = Vec::new();
    for field in [
        "id",
        "name",
        "status",
        "balance",
        "email",
        "created_at",
        "updated_at",
    ] {
        for reversed in ["false", "true"] {
            expected.push(pairs(&[
                ("sorting[field]", field),
                ("sorting[reversed]", reversed),
                ("api_token", TOKEN),
            ]));
        }
    }
    expected.push(pairs(&[
        ("sorting[field]", "account_type"),
        ("sorting[reversed]", "false"),
        ("api_token", TOKEN),
    ]));
    expected.push(pairs(&[("api_token", TOKEN)]));
    assert_eq!(q, expected);
}

#[tokio::test]
async fn status_filter_is_an_open_enum() {
    let server = array_server(json!([])).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    for status in AccountStatus::ALL {
        c.list_accounts()
            .filters_status(status.clone())
            .send()
            .await
            .unwrap();
    }
    c.list_accounts()
        .filters_status("suspended")
        .send()
        .await
        .unwrap();
    let statuses: Vec<String> = sent_queries(&server)
        .await
        .iter()
        .map(|q| {
            q.iter()
                .find(|(k, _)| k == "filters[status]")
                .unwrap()
                .1
                .clone()
        })
        .collect();
    assert_eq!(
        statuses,
        [
            "active",
            "credit_hold",
            "administrative_hold",
            "deleted",
            "suspended"
        ]
    );
}

#[tokio::test]
async fn token_is_set_once_on_the_client_and_sent_on_every_request() {
    let server = array_server(json!([])).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let clone = c.clone();
    c.list_accounts().send().await.unwrap();
    clone.list_accounts().page(2).send().await.unwrap();
    c.list_accounts()
        .filters_email("a@b.c")
        .send()
        .await
        .unwrap();
    let q = sent_queries(&server).await;
    assert_eq!(q.len(), 3);
    for pairs in &q {
        let tokens: Vec<&str> = pairs
            .iter()
            .filter(|(k, _)| k == "api_token")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(tokens, [TOKEN], "exactly one api_token in {pairs:?}");
    }
    // The client's Debug does not show the token.
    let debug = format!("{c:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
}

// ---------------------------------------------------------------------------------------
// The token never leaks into errors
// ---------------------------------------------------------------------------------------

/// Asserts `TOKEN` is in neither Display nor Debug of `err` and of every `source()`.
fn assert_token_absent(err: &Error, kind: &str) {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut depth = 0;
    while let Some(e) = current {
        let display = e.to_string();
        let debug = format!("{e:?}");
        assert!(
            !display.contains(TOKEN),
            "{kind}: token in Display at depth {depth}: {display}"
        );
        assert!(
            !debug.contains(TOKEN),
            "{kind}: token in Debug at depth {depth}: {debug}"
        );
        current = e.source();
        depth += 1;
        assert!(depth < 32, "{kind}: source chain too long");
    }
}

fn no_retry_client(base: &str) -> ActivePlatformClient {
    ActivePlatformClient::new(
        ClientConfig::new()
            .base_url(base)
            .auth(ActivePlatformClient::api_token_auth(TOKEN))
            .retry(RetryPolicy::none()),
    )
    .unwrap()
}

async fn refused_base_url() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

#[tokio::test]
async fn connection_refused_does_not_show_the_token() {
    let base = refused_base_url().await;
    let err = ActivePlatformClient::with_api_token(&base, TOKEN)
        .unwrap()
        .list_accounts()
        .page(1)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(std::error::Error::source(&err).is_some());
    assert_token_absent(&err, "connection refused");
}

#[tokio::test]
async fn timeouts_do_not_show_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    // Per request, on a client built with `with_api_token`...
    let err = ActivePlatformClient::with_api_token(server.uri(), TOKEN)
        .unwrap()
        .list_accounts()
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_token_absent(&err, "request timeout");
    // ...and for the whole client through ClientConfig.
    let c = ActivePlatformClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(ActivePlatformClient::api_token_auth(TOKEN))
            .retry(RetryPolicy::none())
            .timeout(Duration::from_millis(100)),
    )
    .unwrap();
    let err = c.list_accounts().send().await.unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_token_absent(&err, "client timeout");
    // The token really was sent.
    let reqs = server.received_requests().await.unwrap();
    assert!(!reqs.is_empty());
    assert!(reqs
        .iter()
        .all(|r| query_of(r) == pairs(&[("api_token", TOKEN)])));
}

#[tokio::test]
async fn http_500_does_not_show_the_token_even_when_the_body_echoes_it() {
    let server = MockServer::start().await;
    let echo = format!(
        "Internal Server Error at GET {ACCOUNTS_PATH}?api_token={TOKEN}&page=1 (token {TOKEN})"
    );
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(500).set_body_string(echo))
        .mount(&server)
        .await;
    let err = no_retry_client(&server.uri())
        .list_accounts()
        .page(1)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    let raw = err.raw_body().unwrap();
    assert!(raw.contains("api_token=[redacted]&page=1"), "{raw}");
    assert_token_absent(&err, "HTTP 500");
    assert_eq!(
        query_of(&server.received_requests().await.unwrap()[0]),
        pairs(&[("page", "1"), ("api_token", TOKEN)])
    );
}

#[tokio::test]
async fn http_500_with_a_json_body_does_not_show_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500).set_body_json(json!({"error": "internal", "status": 500})),
        )
        .mount(&server)
        .await;
    let err = no_retry_client(&server.uri())
        .list_accounts()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        err.api_body(),
        Some(&json!({"error": "internal", "status": 500}))
    );
    assert_token_absent(&err, "HTTP 500 JSON");
}

#[tokio::test]
async fn http_500_with_a_json_body_echoing_the_token_does_not_show_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_json(json!({"error": "bad request", "api_token": TOKEN})),
        )
        .mount(&server)
        .await;
    let err = no_retry_client(&server.uri())
        .list_accounts()
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert_eq!(
        err.api_body(),
        Some(&json!({"error": "bad request", "api_token": "[redacted]"}))
    );
    assert_token_absent(&err, "HTTP 500 JSON echo");
}

#[tokio::test]
async fn invalid_json_does_not_show_the_token() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            format!("[{{\"id\": 1, \"name\": \"{TOKEN}"),
            "application/json",
        ))
        .mount(&server)
        .await;
    let err = ActivePlatformClient::with_api_token(server.uri(), TOKEN)
        .unwrap()
        .list_accounts()
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_token_absent(&err, "invalid JSON");
}

#[tokio::test]
async fn decode_errors_do_not_show_the_token() {
    // Values that are the token where serde quotes the value in its message: a
    // wrong-typed `id` and an unparsable timestamp.
    let mut wrong_id = example();
    wrong_id[1]["id"] = json!(TOKEN);
    let mut bad_date = example();
    bad_date[0]["created_at"] = json!(format!("{TOKEN}T00:00:00"));
    for (kind, body, path) in [
        ("wrong type", wrong_id, "[1].id"),
        ("bad timestamp", bad_date, "[0].created_at"),
    ] {
        let server = array_server(body).await;
        let err = ActivePlatformClient::with_api_token(server.uri(), TOKEN)
            .unwrap()
            .list_accounts()
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{kind}: {err:?}");
        assert_eq!(err.decode_path(), Some(path), "{kind}: {err}");
        assert_token_absent(&err, kind);
    }
}

// ---------------------------------------------------------------------------------------
// Paging
// ---------------------------------------------------------------------------------------

/// Answers `?page=P&per_page=N` with accounts `(P-1)*N+1 ..= min(P*N, total)` as a bare
/// array, like the real API (no total; the last page is short or empty).
struct Pages {
    total: u64,
}

fn num(req: &Request, name: &str) -> u64 {
    req.url
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.parse().unwrap())
        .unwrap_or_else(|| panic!("no {name} in {}", req.url))
}

fn account_json(id: u64) -> Value {
    let mut v = example()[0].clone();
    v["id"] = id.into();
    v
}

impl Respond for Pages {
    fn respond(&self, req: &Request) -> ResponseTemplate {
        let page = num(req, "page");
        let per_page = num(req, "per_page");
        let start = (page - 1) * per_page;
        let end = (start + per_page).min(self.total);
        let items: Vec<Value> = (start.min(end)..end).map(|i| account_json(i + 1)).collect();
        ResponseTemplate::new(200).set_body_json(items)
    }
}

async fn paged_server(total: u64) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ACCOUNTS_PATH))
        .respond_with(Pages { total })
        .mount(&server)
        .await;
    server
}

/// `(page, per_page)` of every request, checking each carried the token once.
async fn pages_requested(server: &MockServer) -> Vec<(u64, u64)> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| {
            let tokens = r
                .url
                .query_pairs()
                .filter(|(k, _)| k == "api_token")
                .count();
            assert_eq!(tokens, 1, "{}", r.url);
            (num(r, "page"), num(r, "per_page"))
        })
        .collect()
}

#[tokio::test]
async fn stream_ends_on_a_short_page() {
    let server = paged_server(5).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let ids: Vec<i64> = c
        .list_accounts()
        .per_page(2)
        .stream()
        .map_ok(|a| a.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, vec![1, 2, 3, 4, 5]);
    // 2 + 2 + 1: the short third page ends it.
    assert_eq!(pages_requested(&server).await, vec![(1, 2), (2, 2), (3, 2)]);
}

#[tokio::test]
async fn stream_ends_on_an_empty_page() {
    let server = paged_server(4).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let ids: Vec<i64> = c
        .list_accounts()
        .per_page(2)
        .filters_status(AccountStatus::Deleted)
        .stream()
        .map_ok(|a| a.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, vec![1, 2, 3, 4]);
    // With no total, a full last page can only be told apart by the empty page after it.
    assert_eq!(pages_requested(&server).await, vec![(1, 2), (2, 2), (3, 2)]);
    // The filters ride along on every page.
    for q in sent_queries(&server).await {
        assert!(q.contains(&("filters[status]".to_owned(), "deleted".to_owned())));
    }
}

#[tokio::test]
async fn stream_of_an_empty_list_is_one_request() {
    let server = paged_server(0).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let ids: Vec<i64> = c
        .list_accounts()
        .stream()
        .map_ok(|a| a.id)
        .try_collect()
        .await
        .unwrap();
    assert!(ids.is_empty());
    // Default page size 100, first page 1.
    assert_eq!(pages_requested(&server).await, vec![(1, 100)]);
}

#[tokio::test]
async fn stream_is_lazy_and_starts_at_the_given_page() {
    let server = paged_server(1_000).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let mut stream = Box::pin(c.list_accounts().page(3).per_page(10).stream());
    assert_eq!(pages_requested(&server).await, vec![]);
    assert_eq!(stream.next().await.unwrap().unwrap().id, 21);
    assert_eq!(pages_requested(&server).await, vec![(3, 10)]);
    for expected in 22..=30 {
        assert_eq!(stream.next().await.unwrap().unwrap().id, expected);
    }
    assert_eq!(pages_requested(&server).await, vec![(3, 10)]);
    assert_eq!(stream.next().await.unwrap().unwrap().id, 31);
    assert_eq!(pages_requested(&server).await, vec![(3, 10), (4, 10)]);
}

// ---------------------------------------------------------------------------------------
// The Account model
// ---------------------------------------------------------------------------------------

#[tokio::test]
async fn documented_example_decodes_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ACCOUNTS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(ACCOUNTS, "application/json"))
        .mount(&server)
        .await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let accounts = c
        .list_accounts()
        .per_page(2)
        .page(4)
        .sorting(Order::Desc(ListAccountsSorting::Id))
        .filters_status(AccountStatus::Deleted)
        .send()
        .await
        .unwrap();
    assert_eq!(accounts.len(), 2);
    let a = &accounts[0];
    let dec = |s: &str| Decimal::from_str(s).unwrap();

    assert_eq!(a.id, 486);
    assert_eq!(a.name, "John Doe");
    assert_eq!(a.account_class_id, Some(1));
    assert_eq!(a.account_class.as_deref(), Some("Default"));
    assert_eq!(a.primary_name.as_deref(), Some(""));
    assert_eq!(a.first_name.as_deref(), Some("John"));
    assert_eq!(a.middle_name.as_deref(), Some(""));
    assert_eq!(a.last_name.as_deref(), Some("Doe"));
    assert_eq!(a.country.as_deref(), Some("US"));
    assert_eq!(a.region.as_deref(), Some("NY"));
    assert_eq!(a.city.as_deref(), Some("Brooklyn"));
    assert_eq!(a.street.as_deref(), Some("Westminster ave."));
    assert_eq!(a.building.as_deref(), Some(""));
    assert_eq!(a.office.as_deref(), Some(""));
    assert_eq!(a.zip.as_deref(), Some("11230"));
    assert_eq!(a.phone.as_deref(), Some("+5554000"));
    assert_eq!(a.email.as_deref(), Some("test@example.com"));
    assert_eq!(a.status, AccountStatus::Deleted);
    assert_eq!(a.balance, Some(dec("8.22")));
    assert_eq!(a.balance.unwrap().to_string(), "8.22");
    assert_eq!(a.account_type_id, Some(1564));
    assert_eq!(a.account_type.as_deref(), Some("Personal"));
    assert_eq!(a.default_payment_model, Some(PaymentModel::Prepay));
    assert_eq!(a.current_debt, Some(Decimal::ZERO));
    assert_eq!(a.financial_blocking_threshold_use_system, Some(true));
    assert_eq!(a.financial_blocking_threshold, Some(dec("100")));
    assert_eq!(a.subscription_credit_limit_use_system, Some(true));
    assert_eq!(a.subscription_credit_limit, Some(Decimal::ZERO));
    assert_eq!(a.manager_id, None);
    assert_eq!(a.owner_id, Some(846));
    assert_eq!(a.new_owner_first_name, None);
    assert_eq!(a.new_owner_last_name, None);
    assert_eq!(a.new_owner_middle_name, None);
    assert_eq!(a.new_owner_email, None);
    assert_eq!(a.tech_user_id, Some(846));
    assert_eq!(a.bill_user_id, Some(846));
    assert_eq!(a.custom_attributes, Some(BTreeMap::new()));
    let created = a.created_at;
    assert_eq!(
        created,
        DateTime::parse_from_rfc3339("2019-12-04T13:55:12.585+03:00").unwrap()
    );
    assert_eq!(created.offset().local_minus_utc(), 3 * 3600);
    assert_eq!(created.nanosecond(), 585_000_000);
    assert_eq!(
        a.updated_at,
        DateTime::parse_from_rfc3339("2019-08-19T15:09:25.104+03:00").unwrap()
    );

    let b = &accounts[1];
    assert_eq!(b.id, 300);
    assert_eq!(b.name, "Kate S Closecharges");
    assert_eq!(b.account_class_id, Some(1180));
    assert_eq!(b.account_class.as_deref(), Some("By Default new"));
    assert_eq!(b.middle_name.as_deref(), Some("S"));
    assert_eq!(b.country.as_deref(), Some("BY"));
    assert_eq!(b.region.as_deref(), Some("4"));
    assert_eq!(b.building.as_deref(), Some("13"));
    assert_eq!(b.zip.as_deref(), Some("123456"));
    assert_eq!(b.balance, Some(Decimal::ZERO));
    assert_eq!(b.account_type.as_deref(), Some("Personal BLR"));
    assert_eq!(b.financial_blocking_threshold, Some(Decimal::ZERO));
    assert_eq!(b.owner_id, Some(679));
    let attrs = b.custom_attributes.as_ref().unwrap();
    assert_eq!(attrs.len(), 9);
    assert_eq!(attrs["passport_date_of_issue"], json!("01.07.2018"));
    assert_eq!(attrs["personal_number"], json!("3213213"));
    assert_eq!(attrs["tenantID"], json!(""));
    assert_eq!(
        b.created_at,
        DateTime::parse_from_rfc3339("2018-08-18T14:51:48.394+03:00").unwrap()
    );
}

/// Decodes one account: the first documented example with `changes` applied.
async fn decode_with(changes: Value) -> Result<Account, Error> {
    let mut account = example()[0].clone();
    for (k, v) in changes.as_object().unwrap() {
        if v.is_null() && k.starts_with("remove:") {
            account
                .as_object_mut()
                .unwrap()
                .remove(&k["remove:".len()..]);
        } else {
            account[k] = v.clone();
        }
    }
    let server = array_server(json!([account])).await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    c.list_accounts().send().await.map(|mut v| v.remove(0))
}

#[tokio::test]
async fn balance_is_an_exact_decimal_from_a_string_or_a_number() {
    let expected = Decimal::from_str("8.22").unwrap();
    let from_string = decode_with(json!({"balance": "8.22"})).await.unwrap();
    let from_number = decode_with(json!({"balance": 8.22})).await.unwrap();
    assert_eq!(from_string.balance, Some(expected));
    assert_eq!(from_number.balance, Some(expected));
    assert_eq!(from_number.balance.unwrap().to_string(), "8.22");
    // Amounts a float would round stay exact.
    let big = decode_with(json!({"balance": "12345678901234.01"}))
        .await
        .unwrap();
    assert_eq!(big.balance.unwrap().to_string(), "12345678901234.01");
    let int = decode_with(json!({"balance": 8, "current_debt": "-0.10"}))
        .await
        .unwrap();
    assert_eq!(int.balance, Some(Decimal::from(8)));
    assert_eq!(int.current_debt, Some(Decimal::from_str("-0.1").unwrap()));
    // Null and absent are both `None`.
    let null = decode_with(json!({"balance": null})).await.unwrap();
    assert_eq!(null.balance, None);
    let absent = decode_with(json!({"remove:balance": null})).await.unwrap();
    assert_eq!(absent.balance, None);
    // Not a number at all is a decode error at the field.
    let err = decode_with(json!({"balance": "eight"})).await.unwrap_err();
    assert_eq!(err.decode_path(), Some("[0].balance"), "{err}");
}

#[tokio::test]
async fn custom_attributes_is_a_map_and_accepts_an_empty_array() {
    let empty_object = decode_with(json!({"custom_attributes": {}})).await.unwrap();
    assert_eq!(empty_object.custom_attributes, Some(BTreeMap::new()));
    let empty_array = decode_with(json!({"custom_attributes": []})).await.unwrap();
    assert_eq!(empty_array.custom_attributes, Some(BTreeMap::new()));
    let values = decode_with(json!({"custom_attributes": {
        "invoice": "0", "limit": 5, "flags": [1, 2], "nested": {"a": null}
    }}))
    .await
    .unwrap();
    let attrs = values.custom_attributes.unwrap();
    assert_eq!(attrs["invoice"], json!("0"));
    assert_eq!(attrs["limit"], json!(5));
    assert_eq!(attrs["flags"], json!([1, 2]));
    assert_eq!(attrs["nested"], json!({"a": null}));
    let null = decode_with(json!({"custom_attributes": null}))
        .await
        .unwrap();
    assert_eq!(null.custom_attributes, None);
}

#[tokio::test]
async fn timestamps_keep_their_offset_and_milliseconds() {
    let a = decode_with(json!({
        "created_at": "2019-12-04T13:55:12.585+03:00",
        "updated_at": "2021-01-02T03:04:05Z"
    }))
    .await
    .unwrap();
    assert_eq!(a.created_at.to_rfc3339(), "2019-12-04T13:55:12.585+03:00");
    assert_eq!(a.created_at.timestamp_millis(), 1_575_456_912_585);
    assert_eq!(a.updated_at.offset().local_minus_utc(), 0);
    assert_eq!(
        a.updated_at,
        DateTime::parse_from_rfc3339("2021-01-02T03:04:05+00:00").unwrap()
    );
}

#[tokio::test]
async fn unknown_status_and_payment_model_are_kept_and_new_fields_ignored() {
    let a = decode_with(json!({
        "status": "suspended",
        "default_payment_model": "hybrid",
        "new_owner_first_name": "Ann",
        "new_owner_last_name": "Lee",
        "new_owner_middle_name": "M",
        "new_owner_email": "ann@example.com",
        "field_from_a_newer_platform": {"x": 1}
    }))
    .await
    .unwrap();
    assert_eq!(a.status, AccountStatus::Unknown("suspended".into()));
    assert_eq!(a.status.as_str(), "suspended");
    assert_eq!(
        a.default_payment_model,
        Some(PaymentModel::Unknown("hybrid".into()))
    );
    assert_eq!(a.new_owner_first_name.as_deref(), Some("Ann"));
    assert_eq!(a.new_owner_last_name.as_deref(), Some("Lee"));
    assert_eq!(a.new_owner_middle_name.as_deref(), Some("M"));
    assert_eq!(a.new_owner_email.as_deref(), Some("ann@example.com"));
    // Unknown values serialize back unchanged.
    let back = serde_json::to_value(&a).unwrap();
    assert_eq!(back["status"], "suspended");
    assert_eq!(back["default_payment_model"], "hybrid");
    for status in ["active", "credit_hold", "administrative_hold", "deleted"] {
        let a = decode_with(json!({ "status": status })).await.unwrap();
        assert_eq!(a.status.as_str(), status);
        assert!(!matches!(a.status, AccountStatus::Unknown(_)), "{status}");
    }
}

#[tokio::test]
async fn an_account_with_only_the_required_fields_decodes() {
    let server = array_server(json!([{
        "id": 1,
        "name": "Minimal",
        "status": "active",
        "created_at": "2020-01-01T00:00:00.000+00:00",
        "updated_at": "2020-01-01T00:00:00.000+00:00"
    }]))
    .await;
    let c = ActivePlatformClient::with_api_token(server.uri(), TOKEN).unwrap();
    let a = c.list_accounts().send().await.unwrap().remove(0);
    assert_eq!(a.id, 1);
    assert_eq!(a.status, AccountStatus::Active);
    assert_eq!(a.email, None);
    assert_eq!(a.balance, None);
    assert_eq!(a.custom_attributes, None);
    assert_eq!(a.new_owner_email, None);
}
