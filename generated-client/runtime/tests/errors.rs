//! Error mapping: decode errors with paths, API errors, bounded bodies, HostBill error arrays.

mod common;

use client_runtime::types::{Binary, Listing, Page};
use client_runtime::RetryPolicy;
use client_runtime::{Auth, Error};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[derive(Debug, Deserialize, PartialEq)]
struct Item {
    id: u32,
    status: Status,
}

#[derive(Debug, Deserialize, PartialEq)]
#[serde(rename_all = "lowercase")]
enum Status {
    Active,
    Closed,
}

#[derive(Debug, Deserialize, PartialEq)]
struct ApiProblem {
    message: String,
}

async fn serve(template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(template)
        .mount(&server)
        .await;
    server
}

fn plain(server: &MockServer) -> client_runtime::Transport {
    common::transport_at(&server.uri(), &common::PLAIN, Auth::None)
}

fn hostbill(server: &MockServer) -> client_runtime::Transport {
    common::transport_at(&server.uri(), &common::HOSTBILL, Auth::None)
}

fn items(n_ok: u32, last: Value) -> Value {
    let mut results: Vec<Value> = (0..n_ok)
        .map(|i| json!({"id": i, "status": "active"}))
        .collect();
    results.push(last);
    json!({"count": results.len(), "next": null, "previous": null, "results": results})
}

#[tokio::test]
async fn decode_error_names_the_json_path() {
    let server = serve(
        ResponseTemplate::new(200).set_body_json(items(3, json!({"id": 3, "status": "weird"}))),
    )
    .await;
    let err = plain(&server)
        .send::<Page<Item>, Value>(common::get("list_clients", "/c"))
        .await
        .unwrap_err();
    assert_eq!(err.decode_path(), Some("results[3].status"));
    let shown = err.to_string();
    assert!(
        shown.starts_with("list_clients: results[3].status: unknown variant `weird`"),
        "{shown}"
    );
}

#[tokio::test]
async fn missing_required_field_is_named() {
    let server = serve(ResponseTemplate::new(200).set_body_json(items(1, json!({"id": 9})))).await;
    let err = plain(&server)
        .send::<Listing<Item>, Value>(common::get("list_clients", "/c"))
        .await
        .unwrap_err();
    let shown = err.to_string();
    assert!(matches!(err, Error::Decode { .. }));
    assert!(
        shown.contains("results[1]") && shown.contains("missing field `status`"),
        "{shown}"
    );
}

#[tokio::test]
async fn unknown_fields_are_ignored() {
    let body = json!([{"id": 1, "status": "closed", "brand_new_field": {"x": 1}}]);
    let server = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    let got = plain(&server)
        .send::<Listing<Item>, Value>(common::get("list", "/c"))
        .await
        .unwrap();
    assert_eq!(
        got.items(),
        &[Item {
            id: 1,
            status: Status::Closed
        }]
    );
    assert_eq!(got.count(), None);
}

#[tokio::test]
async fn non_json_success_is_a_decode_error() {
    for body in ["<html>oops</html>", "{\"id\": 1", "{\"id\":1} trailing"] {
        let server = serve(ResponseTemplate::new(200).set_body_string(body)).await;
        let err = plain(&server)
            .send::<Value, Value>(common::get("get", "/c"))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::Decode { .. }), "{body}: {err}");
        assert!(err.to_string().starts_with("get: "));
    }
}

#[tokio::test]
async fn empty_success_body_decodes_as_null() {
    let server = serve(ResponseTemplate::new(204)).await;
    let t = plain(&server);
    let unit: () = t
        .send::<(), Value>(common::get("delete", "/c"))
        .await
        .unwrap();
    assert_eq!(unit, ());
    let v: Value = t
        .send::<Value, Value>(common::get("delete", "/c"))
        .await
        .unwrap();
    assert_eq!(v, Value::Null);
}

#[tokio::test]
async fn truncated_body_is_a_transport_error() {
    let addr = common::raw_server(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"id\":",
    )
    .await;
    let t = common::transport_at(&format!("http://{addr}"), &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::get("get", "/c"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err}");
}

#[tokio::test]
async fn html_error_page_is_an_api_error_with_raw_text() {
    let server =
        serve(ResponseTemplate::new(502).set_body_string("<html><h1>Bad gateway</h1></html>"))
            .await;
    let config = client_runtime::ClientConfig::new()
        .base_url(server.uri())
        .retry(RetryPolicy::none());
    let t = client_runtime::Transport::new(&common::PLAIN, config).unwrap();
    let err = t
        .send::<Value, ApiProblem>(common::get("get", "/c"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(502));
    assert!(err.api_body().is_none());
    assert!(err.raw_body().unwrap().contains("Bad gateway"));
    assert!(err.to_string().starts_with("get: HTTP 502: <html>"));
}

#[tokio::test]
async fn json_error_body_is_decoded_as_e() {
    let server =
        serve(ResponseTemplate::new(404).set_body_json(json!({"message": "no such client"}))).await;
    let err = plain(&server)
        .send::<Value, ApiProblem>(common::get("get_client", "/c"))
        .await
        .unwrap_err();
    assert_eq!(err.operation(), "get_client");
    assert_eq!(
        err.api_body(),
        Some(&ApiProblem {
            message: "no such client".into()
        })
    );
}

#[tokio::test]
async fn huge_error_body_is_bounded() {
    let huge = "x".repeat(5 * 1024 * 1024);
    let server = serve(ResponseTemplate::new(400).set_body_string(huge)).await;
    let err = plain(&server)
        .send::<Value, Value>(common::get("get", "/c"))
        .await
        .unwrap_err();
    let raw = err.raw_body().unwrap();
    assert!(raw.len() <= 64 * 1024 && raw.len() > 1000, "{}", raw.len());
    assert!(err.to_string().len() < 1024);
}

#[tokio::test]
async fn hostbill_error_array_in_200_is_an_api_error() {
    let server = serve(
        ResponseTemplate::new(200)
            .set_body_json(json!({"success": false, "error": ["Invalid client id", {"code": 17}]})),
    )
    .await;
    let err = hostbill(&server)
        .send::<Value, Value>(common::get("get_client", "/c"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.codes(), ["Invalid client id", "17"]);
    assert_eq!(
        err.to_string(),
        "get_client: HTTP 200: Invalid client id; 17"
    );
}

#[tokio::test]
async fn hostbill_empty_or_nested_error_is_success() {
    for body in [
        json!({"success": true, "error": [], "client": {"id": 1}}),
        json!({"success": true, "data": {"error": ["nested"]}, "client": {"id": 1}}),
        json!({"success": true, "error": "", "client": {"id": 1}}),
    ] {
        let server = serve(ResponseTemplate::new(200).set_body_json(body.clone())).await;
        let v: Value = hostbill(&server)
            .send::<Value, Value>(common::get("get_client", "/c").member("client"))
            .await
            .unwrap();
        assert_eq!(v, json!({"id": 1}), "{body}");
    }
}

#[tokio::test]
async fn unwrapped_decode_paths_start_with_the_key() {
    let body = json!({"success": true, "clients": [{"id": 1, "status": "active"}, {"id": "x", "status": "active"}]});
    let server = serve(ResponseTemplate::new(200).set_body_json(body)).await;
    let t = hostbill(&server);
    let err = t
        .send::<Vec<Item>, Value>(common::get("list_clients", "/c").member("clients"))
        .await
        .unwrap_err();
    assert_eq!(err.decode_path(), Some("clients[1].id"));

    let err = t
        .send::<Vec<Item>, Value>(common::get("list_clients", "/c").member("accounts"))
        .await
        .unwrap_err();
    assert_eq!(err.decode_path(), Some("accounts"));
    assert!(
        err.to_string().contains("missing field `accounts`"),
        "{err}"
    );

    let absent: Option<Vec<Item>> = t
        .send::<Option<Vec<Item>>, Value>(common::get("list_clients", "/c").member("accounts"))
        .await
        .unwrap();
    assert_eq!(absent, None);
}

#[tokio::test]
async fn bytes_keep_content_type() {
    let server =
        serve(ResponseTemplate::new(200).set_body_raw(vec![0u8, 159, 146, 150], "application/pdf"))
            .await;
    let bin = plain(&server)
        .send::<Binary, Value>(common::get("invoice_pdf", "/c"))
        .await
        .unwrap();
    assert_eq!(bin.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(&bin.bytes[..], &[0u8, 159, 146, 150]);
}
