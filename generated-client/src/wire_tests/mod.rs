//! Tests of the ok-fixtures' generated code against a local server (wiremock on
//! 127.0.0.1): the exact bytes each construct puts on the wire, and what it decodes. They
//! live in the crate because the fixtures are compiled for its tests only.

mod form_bodies;
mod multipart;
mod paging_styles;
mod patch;
mod query_objects;
mod query_styles;
mod raw_bodies;
mod request_headers;
mod response_headers;
mod struct_fields;
mod timestamps;
mod unions;

use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A server answering every request with `status` and the JSON `body`.
pub async fn answering(status: u16, body: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_json(body))
        .mount(&server)
        .await;
    server
}

/// The one request the server got: method, path with query, and body as text.
pub async fn only_request(server: &MockServer) -> (String, String, String) {
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "one request");
    let r = &reqs[0];
    let target = match r.url.query() {
        Some(q) => format!("{}?{q}", r.url.path()),
        None => r.url.path().to_string(),
    };
    let body = String::from_utf8(r.body.clone()).unwrap();
    (r.method.to_string(), target, body)
}
