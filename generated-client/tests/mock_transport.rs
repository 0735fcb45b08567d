//! The generated clients on the mock transport (feature `test-util`), as an application's
//! unit tests use them: paging streams, a session login with refresh, retries, typed
//! request expectations and raw responses; no server at all.

use std::time::Duration;

use futures_util::TryStreamExt;
use generated_client::gcore::{GcoreClient, ServiceStatus};
use generated_client::hostbill::{HostbillClient, LoginRequest};
use generated_client::mock::{MockResponse, MockTransport};
use generated_client::{ClientConfig, RetryPolicy, SESSION_REFRESH};
use serde_json::{json, Value};

const CLIENT: &str = include_str!("data/gcore_client.json");

fn client_json(id: u64) -> Value {
    let mut v: Value = serde_json::from_str(CLIENT).unwrap();
    v["id"] = id.into();
    v
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base: Duration::from_millis(1),
        cap: Duration::from_millis(5),
        max_retry_after: Duration::from_secs(1),
    }
}

fn gcore(mock: &MockTransport) -> GcoreClient {
    let config = ClientConfig::new()
        .auth(GcoreClient::api_key_auth("key-1"))
        .retry(fast_retry())
        .mock(mock);
    GcoreClient::new(config).unwrap()
}

#[tokio::test]
async fn a_paging_stream_walks_pages_the_mock_builds_from_the_query() {
    let mock = MockTransport::new();
    let pages = mock
        .on("list_clients")
        .query("cdn", "active")
        .when(|r| r.header("authorization") == Some("APIKey key-1"))
        .then(|r| {
            let offset: u64 = r.query("offset").unwrap().parse().unwrap();
            let limit: u64 = r.query("limit").unwrap().parse().unwrap();
            let ids = (offset + 1..=(offset + limit).min(250)).map(client_json);
            let next = (offset + limit < 250)
                .then(|| format!("/iam/clients?limit={limit}&offset={}", offset + limit));
            MockResponse::json(&json!({
                "count": 250, "next": next, "previous": null,
                "results": ids.collect::<Vec<_>>(),
            }))
        })
        .repeatedly();
    let all: Vec<_> = gcore(&mock)
        .list_clients()
        .cdn(ServiceStatus::Active)
        .limit(100)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 250);
    assert_eq!(all[249].id, 250);
    assert_eq!((pages.calls(), mock.calls("list_clients")), (3, 3));
    let offsets: Vec<String> = mock
        .requests()
        .iter()
        .map(|r| r.query("offset").unwrap().to_owned())
        .collect();
    assert_eq!(offsets, ["0", "100", "200"]);
    mock.assert_all_used();
}

fn hostbill(mock: &MockTransport) -> HostbillClient {
    let config = ClientConfig::new()
        .auth(HostbillClient::basic_auth("me@example.com", "pw"))
        .retry(fast_retry())
        .mock(mock);
    HostbillClient::new(config).unwrap()
}

#[tokio::test]
async fn a_retried_get_and_its_raw_response() {
    let mock = MockTransport::new();
    mock.on("get_invoice")
        .path("/invoice/7")
        .then_status(502)
        .then_response(
            MockResponse::json(&json!({"invoice": {"id": "7", "total": "9.50"}, "error": []}))
                .header("x-request-id", "rq-7")
                .header("x-ratelimit-remaining", "99"),
        );
    let response = hostbill(&mock)
        .get_invoice(7)
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.request_id(), Some("rq-7"));
    assert_eq!(response.header("x-ratelimit-remaining"), Some("99"));
    assert_eq!(response.value().id, Some(7));
    assert_eq!(mock.calls("get_invoice"), 2);
    mock.assert_all_used();
}

#[tokio::test]
async fn an_error_answer_is_the_apis_typed_error() {
    let mock = MockTransport::new();
    mock.on("get_invoice").then_response(
        MockResponse::error(404, &json!({"error": ["invoice_not_found"]}))
            .header("x-request-id", "rq-404"),
    );
    let err = hostbill(&mock).get_invoice(8).send().await.unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(err.request_id(), Some("rq-404"));
    assert!(!err.is_retryable());
    assert_eq!(err.codes(), ["invoice_not_found"]);
    let body = err.api_body().unwrap();
    assert_eq!(
        body.error.as_deref(),
        Some(&["invoice_not_found".to_owned()][..])
    );
    assert_eq!(mock.calls("get_invoice"), 1);
}

#[tokio::test]
async fn login_then_an_expired_token_is_refreshed_once() {
    let mock = MockTransport::new();
    mock.on("login")
        .body_matches(|b: &LoginRequest| b.username == "me@example.com")
        .then_output(&json!({"token": "jwt-1", "refresh": "ref-1"}));
    mock.on("list_invoices")
        .when(|r| r.header("authorization") == Some("Bearer jwt-1"))
        .then_error(401, &json!({"error": ["token_expired"]}));
    mock.on(SESSION_REFRESH)
        .body_json(&json!({"refresh_token": "ref-1"}))
        .then_output(&json!({"token": "jwt-2", "refresh": "ref-2"}));
    mock.on("list_invoices")
        .when(|r| r.header("authorization") == Some("Bearer jwt-2"))
        .then_output(&json!({"invoices": [{"id": "12", "total": "9.50"}], "error": []}));

    let config = ClientConfig::new()
        .auth(HostbillClient::session_auth())
        .mock(&mock);
    let hb = HostbillClient::new(config).unwrap();
    let login = hb.login("me@example.com", "pw").send().await.unwrap();
    assert!(login.mfa.is_none());
    let invoices = hb.list_invoices().send().await.unwrap();
    assert_eq!(invoices.len(), 1);
    assert_eq!(invoices[0].id, Some(12));
    assert_eq!(
        (
            mock.calls("login"),
            mock.calls("list_invoices"),
            mock.calls(SESSION_REFRESH)
        ),
        (1, 2, 1)
    );
    mock.assert_all_used();
}

#[tokio::test]
async fn a_raw_answer_from_the_mock_streams_past_the_body_limit() {
    let mock = MockTransport::new();
    let file: Vec<u8> = (0..100_000u32).map(|i| (i % 7) as u8).collect();
    mock.on("get_ticket_attachment").then_response(
        MockResponse::status(200)
            .header("content-type", "application/pdf")
            .body(file.clone()),
    );
    let config = ClientConfig::new()
        .auth(HostbillClient::basic_auth("me@example.com", "pw"))
        .max_body_size(1024)
        .mock(&mock);
    let client = HostbillClient::new(config).unwrap();
    let mut stream = client
        .get_ticket_attachment("f1")
        .number(9)
        .send_stream()
        .await
        .unwrap();
    assert_eq!(stream.content_type(), Some("application/pdf"));
    let mut got = Vec::new();
    while let Some(chunk) = stream.next_chunk().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, file);
    assert_eq!(mock.calls("get_ticket_attachment"), 1);
}
