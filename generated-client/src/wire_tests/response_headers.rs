//! `fixtures/response_headers`: documented response headers read as typed accessors from a
//! local server's answer, beside the raw status, headers and the decoded (unwrapped) value.

use super::only_request;
use crate::fixtures::response_headers::*;
use crate::ClientConfig;
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> ResponseHeadersClient {
    ResponseHeadersClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

#[tokio::test]
async fn declared_headers_are_typed_and_bad_ones_are_none() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("X-RateLimit-Remaining", "41")
                .insert_header("x-ratelimit-reset", " 12.5 ")
                .insert_header("X-Request-Id", "rq-9")
                .insert_header("X-Partial", "maybe")
                .set_body_json(json!([{"id": 1}, {"id": 2}])),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .list_items()
        .send_with_response()
        .await
        .unwrap();
    let typed = response.typed_headers();
    assert_eq!(typed.x_rate_limit_remaining(), Some(&41));
    assert_eq!(typed.x_rate_limit_reset(), Some(&12.5));
    assert_eq!(typed.x_request_id().map(String::as_str), Some("rq-9"));
    assert_eq!(typed.x_partial(), None, "`maybe` is not a boolean");
    assert_eq!(response.request_id(), Some("rq-9"));
    assert_eq!(response.status(), 200);
    let ids: Vec<i64> = response.into_value().iter().map(|i| i.id).collect();
    assert_eq!(ids, [1, 2]);
    let (verb, target, _) = only_request(&server).await;
    assert_eq!((verb.as_str(), target.as_str()), ("GET", "/items"));
}

#[tokio::test]
async fn an_unwrapped_answer_keeps_its_location() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("location", "/items/7")
                .set_body_json(json!({"item": {"id": 7}})),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .create_item(Item::new(7))
        .send_with_response()
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(
        response.typed_headers().location().map(String::as_str),
        Some("/items/7")
    );
    assert_eq!(response.value().id, 7);
    let (_, _, body) = only_request(&server).await;
    assert_eq!(body, r#"{"id":7}"#);
}

#[tokio::test]
async fn an_operation_without_declared_headers_still_has_them_raw() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-anything", "yes")
                .set_body_json(json!({"id": 3})),
        )
        .mount(&server)
        .await;
    let response = client(&server)
        .get_item(3)
        .send_with_response()
        .await
        .unwrap();
    let () = *response.typed_headers();
    assert_eq!(response.header("X-Anything"), Some("yes"));
    assert_eq!(response.into_value().id, 3);
}
