//! Timeouts through a generated client: the client-wide default, and a per-request
//! override that is longer or shorter than it.

use generated_client::gcore::GcoreClient;
use generated_client::{ClientConfig, Error, RetryPolicy};
use std::time::{Duration, Instant};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn slow_server(delay: Duration) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!([]))
                .set_delay(delay),
        )
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, timeout: Duration) -> GcoreClient {
    let config = ClientConfig::new()
        .base_url(server.uri())
        .auth(GcoreClient::api_key_auth("k"))
        .timeout(timeout)
        .retry(RetryPolicy::none());
    GcoreClient::new(config).unwrap()
}

#[tokio::test]
async fn client_timeout_applies_to_every_request() {
    let server = slow_server(Duration::from_millis(1500)).await;
    let started = Instant::now();
    let err = client(&server, Duration::from_millis(150))
        .list_clients()
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::Timeout {
                operation: "list_clients"
            }
        ),
        "{err:?}"
    );
    assert!(
        started.elapsed() < Duration::from_millis(1200),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn per_request_timeout_overrides_the_client_default() {
    let server = slow_server(Duration::from_millis(300)).await;
    let c = client(&server, Duration::from_millis(100));
    // Longer than the client default: the slow answer arrives.
    let ok = c
        .list_clients()
        .timeout(Duration::from_secs(5))
        .send()
        .await
        .unwrap();
    assert!(ok.items().is_empty());
    // Shorter than the server's delay: a timeout again.
    let c = client(&server, Duration::from_secs(5));
    let err = c
        .list_clients()
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
}
