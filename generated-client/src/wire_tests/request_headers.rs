//! `fixtures/request_headers`: the API's constant header and each operation's typed header
//! parameters as a local server receives them (names, exact values, absent when unset), an
//! application's default header replacing the constant, a secret header hidden from
//! `Debug` and error text, and a value with a line break refused before anything is sent.

use super::answering;
use crate::fixtures::request_headers::*;
use crate::{ClientConfig, Error};
use serde_json::json;
use wiremock::MockServer;

fn client(server: &MockServer, config: ClientConfig) -> RequestHeadersClient {
    let config = config
        .base_url(server.uri())
        .auth(RequestHeadersClient::key_auth("k-123"));
    RequestHeadersClient::new(config).unwrap()
}

/// The one request's headers, as (name, value) with names lowercased, and its body.
async fn only_headers(server: &MockServer) -> (Vec<(String, String)>, String) {
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "one request");
    let r = &reqs[0];
    let headers = r
        .headers
        .iter()
        .map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap().to_string()))
        .collect();
    (headers, String::from_utf8(r.body.clone()).unwrap())
}

fn value<'a>(headers: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    headers
        .iter()
        .filter(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .collect()
}

#[tokio::test]
async fn typed_headers_and_the_constant_go_on_the_wire() {
    let server = answering(200, json!({"amount": 5})).await;
    let charge = client(&server, ClientConfig::new())
        .create_charge("order-77", Charge { amount: 5 })
        .x_priority(Priority::High)
        .send()
        .await
        .unwrap();
    assert_eq!(charge.amount, 5);
    let (headers, body) = only_headers(&server).await;
    assert_eq!(value(&headers, "api-version"), ["2024-06-20"]);
    assert_eq!(value(&headers, "idempotency-key"), ["order-77"]);
    assert_eq!(value(&headers, "x-priority"), ["high"]);
    assert_eq!(value(&headers, "x-api-key"), ["k-123"]);
    assert!(
        value(&headers, "x-retry-count").is_empty(),
        "unset: not sent"
    );
    assert_eq!(value(&headers, "content-type"), ["application/json"]);
    assert_eq!(body, r#"{"amount":5}"#);
}

#[tokio::test]
async fn an_integer_header_is_its_decimal_text() {
    let server = answering(200, json!({"amount": 1})).await;
    client(&server, ClientConfig::new())
        .create_charge("k", Charge { amount: 1 })
        .x_retry_count(3)
        .send()
        .await
        .unwrap();
    let (headers, _) = only_headers(&server).await;
    assert_eq!(value(&headers, "x-retry-count"), ["3"]);
    assert!(value(&headers, "x-priority").is_empty());
}

#[tokio::test]
async fn an_application_default_header_replaces_the_constant() {
    let server = answering(200, json!({"amount": 1})).await;
    let config = ClientConfig::new().default_header("API-Version", "2025-01-01");
    client(&server, config).get_charge(9).send().await.unwrap();
    let (headers, _) = only_headers(&server).await;
    assert_eq!(
        value(&headers, "api-version"),
        ["2025-01-01"],
        "one value, the application's"
    );
}

#[tokio::test]
async fn a_secret_header_is_sent_but_never_shown() {
    // The server echoes the signature in its error body.
    let server = answering(403, json!({"message": "bad signature sig-s3cr3t"})).await;
    let builder = client(&server, ClientConfig::new())
        .get_charge(9)
        .x_signature("sig-s3cr3t");
    let request = builder.to_request().unwrap();
    let shown = format!("{request:?}");
    assert!(
        shown.contains("x-signature") && shown.contains("[redacted]"),
        "{shown}"
    );
    assert!(!shown.contains("sig-s3cr3t"), "{shown}");
    let err = builder.send().await.unwrap_err();
    assert_eq!(err.status(), Some(403));
    for text in [format!("{err}"), format!("{err:?}")] {
        assert!(!text.contains("sig-s3cr3t"), "{text}");
    }
    let (headers, _) = only_headers(&server).await;
    assert_eq!(value(&headers, "x-signature"), ["sig-s3cr3t"]);
    let path = server.received_requests().await.unwrap()[0]
        .url
        .path()
        .to_string();
    assert_eq!(path, "/charges/9");
}

#[tokio::test]
async fn a_line_break_in_a_header_value_sends_nothing() {
    let server = answering(200, json!({"amount": 1})).await;
    let err = client(&server, ClientConfig::new())
        .create_charge("a\r\nX-Injected: yes", Charge { amount: 1 })
        .send()
        .await
        .unwrap_err();
    match &err {
        Error::InvalidRequest { operation, message } => {
            assert_eq!(*operation, "create_charge");
            assert!(message.contains("`Idempotency-Key`"), "{message}");
        }
        other => panic!("expected InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
