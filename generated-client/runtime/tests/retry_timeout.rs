//! Retries, Retry-After, timeouts and connection failures.

mod common;

use std::time::{Duration, Instant};

use client_runtime::RetryPolicy;
use client_runtime::{Auth, Error};
use serde_json::{json, Value};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn flaky_server(first_status: u16, verb: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(first_status))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method(verb))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": 1})))
        .mount(&server)
        .await;
    server
}

#[tokio::test]
async fn get_is_retried_after_500_and_503() {
    for status in [500, 502, 503, 504] {
        let server = flaky_server(status, "GET").await;
        let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
        let v: Value = t
            .send::<Value, Value>(common::get("get", "/x"))
            .await
            .unwrap();
        assert_eq!(v, json!({"ok": 1}));
        assert_eq!(
            server.received_requests().await.unwrap().len(),
            2,
            "{status}"
        );
    }
}

#[tokio::test]
async fn post_is_not_retried_unless_retry_safe() {
    let server = flaky_server(503, "POST").await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::post("create", "/x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let server = flaky_server(503, "POST").await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let req = common::post("create", "/x").retry_safe(true);
    let v: Value = t.send::<Value, Value>(req).await.unwrap();
    assert_eq!(v, json!({"ok": 1}));
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn client_errors_are_not_retried_and_attempts_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::get("get", "/x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(404));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::get("get", "/x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 3);
}

#[tokio::test]
async fn retry_after_seconds_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([1])))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let started = Instant::now();
    let v: Vec<u8> = t
        .send::<Vec<u8>, Value>(common::get("get", "/x"))
        .await
        .unwrap();
    assert_eq!(v, [1]);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn retry_after_longer_than_allowed_returns_the_429() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "120"))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let started = Instant::now();
    let err = t
        .send::<Value, Value>(common::get("get", "/x"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn slow_server_times_out() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let mut options = client_runtime::wiring::Options::default();
    options.set_timeout(Duration::from_millis(200));
    let req = common::get("slow_op", "/x").options(&options);
    let started = Instant::now();
    let err = t.send::<Value, Value>(req).await.unwrap_err();
    assert!(matches!(err, Error::Timeout { .. }), "{err}");
    assert!(err.is_timeout());
    assert_eq!(err.to_string(), "slow_op: request timed out");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn connection_refused_is_a_transport_error_with_its_source() {
    let base = common::refused_base_url().await;
    let t = common::transport_at(&base, &common::PLAIN, Auth::None);
    let started = Instant::now();
    let err = t
        .send::<Value, Value>(common::get("get", "/x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err}");
    assert!(err.to_string().starts_with("get: "));
    assert!(std::error::Error::source(&err).is_some());
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn retry_policy_defaults() {
    let p = RetryPolicy::default();
    assert_eq!(p.max_attempts, 3);
    assert_eq!(p.base, Duration::from_millis(200));
    assert_eq!(p.cap, Duration::from_secs(5));
    assert_eq!(p.max_retry_after, Duration::from_secs(60));
    assert_eq!(RetryPolicy::none().max_attempts, 1);
}

#[test]
fn futures_and_errors_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    fn assert_send_sync<T: Send + Sync + 'static>() {}
    let t = common::transport_at("http://127.0.0.1:9", &common::PLAIN, Auth::None);
    let fut = t.send::<Value, Value>(common::get("get", "/x"));
    assert_send(&fut);
    drop(fut);
    assert_send_sync::<Error>();
    assert_send_sync::<client_runtime::Transport>();
}
