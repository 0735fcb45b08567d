//! Gcore error bodies decode into the typed API error: `Error::Api` with `status()` and
//! `api_body()` = `GcoreError`, for each documented shape, plus a body that is not JSON.

use std::collections::BTreeMap;

use generated_client::gcore::{GcoreClient, GcoreError};
use generated_client::RetryPolicy;
use generated_client::{ClientConfig, Error};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn failing(template: ResponseTemplate) -> (MockServer, GcoreClient) {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/billing/v1/org/addendums"))
        .respond_with(template.clone())
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/iam/clients"))
        .respond_with(template)
        .mount(&server)
        .await;
    let client = GcoreClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(GcoreClient::api_key_auth("s3cr3t"))
            .retry(RetryPolicy::none()),
    )
    .unwrap();
    (server, client)
}

/// The error of `list_addendums` and of `list_clients` against the same answer; both
/// must be the same typed error.
async fn errors_for(template: ResponseTemplate) -> Error<GcoreError> {
    let (_server, client) = failing(template).await;
    let from_addendums = client.list_addendums().send().await.unwrap_err();
    let from_clients = client.list_clients().send().await.unwrap_err();
    assert_eq!(from_addendums.operation(), "list_addendums");
    assert_eq!(from_clients.operation(), "list_clients");
    assert_eq!(from_addendums.status(), from_clients.status());
    assert_eq!(from_addendums.api_body(), from_clients.api_body());
    from_addendums
}

#[tokio::test]
async fn detail_body() {
    let err = errors_for(
        ResponseTemplate::new(401)
            .set_body_json(json!({"detail": "Authentication credentials were not provided."})),
    )
    .await;
    assert!(matches!(err, Error::Api { status: 401, .. }), "{err:?}");
    assert_eq!(err.status(), Some(401));
    let body: &GcoreError = err.api_body().expect("decoded body");
    assert_eq!(
        body.detail,
        Some(json!("Authentication credentials were not provided."))
    );
    assert_eq!(body.errors, None);
    assert_eq!(body.message, None);
    assert_eq!(
        err.to_string(),
        "list_addendums: HTTP 401: {\"detail\":\"Authentication credentials were not provided.\"}"
    );
}

#[tokio::test]
async fn errors_body_with_messages_per_field() {
    let err = errors_for(ResponseTemplate::new(400).set_body_json(json!({
        "errors": {
            "active_from__from": ["Enter a valid date/time."],
            "ordering": ["Select a valid choice.", "Unknown field plan_id."]
        }
    })))
    .await;
    assert!(matches!(err, Error::Api { status: 400, .. }), "{err:?}");
    assert_eq!(err.status(), Some(400));
    let body = err.api_body().expect("decoded body");
    let expected: BTreeMap<String, Vec<String>> = [
        (
            "active_from__from".to_owned(),
            vec!["Enter a valid date/time.".to_owned()],
        ),
        (
            "ordering".to_owned(),
            vec![
                "Select a valid choice.".to_owned(),
                "Unknown field plan_id.".to_owned(),
            ],
        ),
    ]
    .into();
    assert_eq!(body.errors.as_ref(), Some(&expected));
    assert_eq!(body.detail, None);
    assert_eq!(body.message, None);
}

#[tokio::test]
async fn message_body() {
    let err = errors_for(
        ResponseTemplate::new(403).set_body_json(json!({"message": "Reseller access required"})),
    )
    .await;
    assert!(matches!(err, Error::Api { status: 403, .. }), "{err:?}");
    assert_eq!(err.status(), Some(403));
    let body = err.api_body().expect("decoded body");
    assert_eq!(body.message, Some(json!("Reseller access required")));
    assert_eq!(body.detail, None);
    assert_eq!(body.errors, None);
}

#[tokio::test]
async fn detail_that_is_not_a_string_is_kept() {
    // `detail`/`message` are usually strings, but DRF also sends lists and objects.
    let err = errors_for(ResponseTemplate::new(404).set_body_json(json!({
        "detail": ["Not found.", {"code": "not_found"}],
        "extra": true
    })))
    .await;
    assert_eq!(err.status(), Some(404));
    let body = err
        .api_body()
        .expect("decoded body despite the unknown member");
    assert_eq!(
        body.detail,
        Some(json!(["Not found.", {"code": "not_found"}]))
    );
}

#[tokio::test]
async fn non_json_error_body_is_an_api_error_with_the_raw_text() {
    let html = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let err = errors_for(ResponseTemplate::new(502).set_body_raw(html, "text/html")).await;
    assert!(matches!(err, Error::Api { status: 502, .. }), "{err:?}");
    assert_eq!(err.status(), Some(502));
    // Not JSON: no typed body, but the text is kept and shown.
    assert!(err.api_body().is_none());
    assert_eq!(err.raw_body(), Some(html));
    assert_eq!(err.to_string(), format!("list_addendums: HTTP 502: {html}"));
    // And it is not mistaken for a decode or transport failure.
    assert_eq!(err.decode_path(), None);
    assert!(!err.is_timeout());
}

#[tokio::test]
async fn empty_error_body() {
    let err = errors_for(ResponseTemplate::new(500)).await;
    assert_eq!(err.status(), Some(500));
    assert!(err.api_body().is_none());
    assert_eq!(err.raw_body(), Some(""));
    assert_eq!(err.to_string(), "list_addendums: HTTP 500");
}

/// A server that echoes the key in its error body.
fn echoing() -> ResponseTemplate {
    ResponseTemplate::new(401).set_body_json(json!({"detail": "Invalid key APIKey s3cr3t"}))
}

#[tokio::test]
async fn api_key_echoed_by_the_server_is_scrubbed_from_the_error_text() {
    let err = errors_for(echoing()).await;
    assert_eq!(
        err.raw_body(),
        Some("{\"detail\":\"Invalid key APIKey [redacted]\"}")
    );
    let display = err.to_string();
    assert!(!display.contains("s3cr3t"), "{display}");
    assert!(display.contains("[redacted]"), "{display}");
}

#[tokio::test]
async fn api_key_echoed_by_the_server_is_not_in_the_decoded_body() {
    let err = errors_for(echoing()).await;
    let debug = format!("{err:?}");
    assert!(!debug.contains("s3cr3t"), "{debug}");
    // The typed body is decoded from the scrubbed text.
    let body = err.api_body().expect("decoded body");
    assert_eq!(body.detail, Some(json!("Invalid key APIKey [redacted]")));
}
