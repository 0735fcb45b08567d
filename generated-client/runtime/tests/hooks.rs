//! Hooks and credential providers against a local server: a signing hook the server
//! verifies, a metrics hook counting attempts through retries, a provider rotating keys
//! after a 401; raw responses and what errors say about their response.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use client_runtime::hook::{after_response, before_attempt};
use client_runtime::{
    Auth, ClientConfig, Credential, CredentialContext, CredentialFuture, CredentialProvider, Error,
    Hook, HookFuture, RequestParts, Transport,
};
use ring::hmac;
use serde_json::{json, Value};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request as WireRequest, ResponseTemplate};

const SIGNING_KEY: &[u8] = b"shared-signing-key";

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// What both sides sign: method, path with query, timestamp and body.
fn string_to_sign(method: &str, path_and_query: &str, timestamp: &str, body: &[u8]) -> Vec<u8> {
    let mut text = format!("{method}\n{path_and_query}\n{timestamp}\n").into_bytes();
    text.extend_from_slice(body);
    text
}

/// An application's HMAC signing hook (async, as if the key came from a keystore).
struct Signer {
    key: hmac::Key,
}

impl Hook for Signer {
    fn before_attempt<'a>(&'a self, parts: &'a mut RequestParts) -> HookFuture<'a> {
        Box::pin(async move {
            let timestamp = "1700000000";
            let text = string_to_sign(
                parts.method().as_str(),
                &parts.path_and_query(),
                timestamp,
                parts.body(),
            );
            let signature = to_hex(hmac::sign(&self.key, &text).as_ref());
            parts.set_header("x-timestamp", timestamp)?;
            parts.set_header("x-signature", &signature)?;
            Ok(())
        })
    }
}

/// The server's side: recomputes the signature over what it received.
struct ValidSignature;

impl wiremock::Match for ValidSignature {
    fn matches(&self, request: &WireRequest) -> bool {
        let get = |name: &str| request.headers.get(name).and_then(|v| v.to_str().ok());
        let (Some(signature), Some(timestamp)) = (get("x-signature"), get("x-timestamp")) else {
            return false;
        };
        let target = match request.url.query() {
            Some(q) => format!("{}?{q}", request.url.path()),
            None => request.url.path().to_owned(),
        };
        let text = string_to_sign(request.method.as_str(), &target, timestamp, &request.body);
        let key = hmac::Key::new(hmac::HMAC_SHA256, SIGNING_KEY);
        let Ok(signature) = (0..signature.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(signature.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<Result<Vec<u8>, _>>()
        else {
            return false;
        };
        hmac::verify(&key, &text, &signature).is_ok()
    }
}

#[tokio::test]
async fn a_signing_hook_signs_what_the_server_verifies() {
    let server = MockServer::start().await;
    Mock::given(ValidSignature)
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"signed": true})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(401))
        .mount(&server)
        .await;
    let key = hmac::Key::new(hmac::HMAC_SHA256, SIGNING_KEY);
    let config = ClientConfig::new()
        .base_url(format!("{}/api", server.uri()))
        .retry(common::fast_retry())
        .hook(Signer { key });
    let t = Transport::new(&common::PLAIN, config).unwrap();

    let req = common::post::<Value>("create", "/things");
    let v: Value = t.send::<Value, Value>(req).await.unwrap();
    assert_eq!(v, json!({"signed": true}));
    let get = common::get::<Value>("list", "/things").query("q", "a b&c");
    let v: Value = t.send::<Value, Value>(get).await.unwrap();
    assert_eq!(v, json!({"signed": true}));

    // A hook that signs with another key is refused by the same server.
    let wrong = hmac::Key::new(hmac::HMAC_SHA256, b"other-key");
    let config = ClientConfig::new()
        .base_url(format!("{}/api", server.uri()))
        .hook(Signer { key: wrong });
    let t = Transport::new(&common::PLAIN, config).unwrap();
    let err = t
        .send::<Value, Value>(common::post("create", "/things"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
}

#[tokio::test]
async fn a_metrics_hook_sees_every_attempt_through_retries() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let before = Arc::new(AtomicUsize::new(0));
    let (seen2, before2) = (seen.clone(), before.clone());
    let config = ClientConfig::new()
        .base_url(server.uri())
        .retry(common::fast_retry())
        .hook(before_attempt(move |parts| {
            before2.fetch_add(1, Ordering::SeqCst);
            parts.set_header("x-attempt", &parts.attempt().to_string())
        }))
        .hook(after_response(move |info| {
            assert!(info.elapsed() < Duration::from_secs(5));
            let request_header = info.headers().map(|h| h.len());
            seen2.lock().unwrap().push((
                info.operation(),
                info.attempt(),
                info.status(),
                request_header.is_some(),
            ));
        }));
    let t = Transport::new(&common::PLAIN, config).unwrap();
    let v: Value = t
        .send::<Value, Value>(common::get("list_things", "/things"))
        .await
        .unwrap();
    assert_eq!(v, json!([]));
    assert_eq!(before.load(Ordering::SeqCst), 3);
    assert_eq!(
        *seen.lock().unwrap(),
        vec![
            ("list_things", 1, Some(503), true),
            ("list_things", 2, Some(503), true),
            ("list_things", 3, Some(200), true),
        ]
    );
    let attempts: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["x-attempt"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(attempts, ["1", "2", "3"]);
}

#[tokio::test]
async fn a_failing_hook_stops_the_request_before_sending() {
    let server = MockServer::start().await;
    let config = ClientConfig::new()
        .base_url(server.uri())
        .hook(before_attempt(|_| Err("no ticket available".into())));
    let t = Transport::new(&common::PLAIN, config).unwrap();
    let err = t
        .send::<Value, Value>(common::get("list_things", "/things"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Hook { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "list_things: hook failed: no ticket available"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

/// Keys from a "vault" that rotates: the first key has been revoked.
#[derive(Default)]
struct RotatingKeys {
    asked: Mutex<Vec<(u32, bool)>>,
    current: AtomicUsize,
}

impl CredentialProvider for RotatingKeys {
    fn credential<'a>(&'a self, cx: &'a CredentialContext) -> CredentialFuture<'a> {
        Box::pin(async move {
            self.asked.lock().unwrap().push((cx.attempt, cx.rejected));
            if cx.rejected {
                self.current.fetch_add(1, Ordering::SeqCst);
            }
            let n = self.current.load(Ordering::SeqCst) + 1;
            Credential::header("x-api-key", format!("vault-key-{n}"))
        })
    }
}

#[tokio::test]
async fn a_provider_is_asked_again_after_a_401_and_keys_rotate() {
    let server = MockServer::start().await;
    Mock::given(header("x-api-key", "vault-key-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": 1})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("key vault-key-1 is revoked"))
        .mount(&server)
        .await;
    let keys = Arc::new(RotatingKeys::default());
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::provider(keys.clone()));
    let v: Value = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap();
    assert_eq!(v, json!({"ok": 1}));
    // The next request uses the rotated key directly.
    let _: Value = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap();
    assert_eq!(
        *keys.asked.lock().unwrap(),
        [(1, false), (1, true), (1, false)]
    );
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|r| r.headers["x-api-key"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(sent, ["vault-key-1", "vault-key-2", "vault-key-2"]);
    assert!(!format!("{t:?}").contains("vault-key"));
}

#[tokio::test]
async fn a_second_401_is_the_error_and_provided_keys_are_scrubbed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_string("bad key: vault-key-2"))
        .mount(&server)
        .await;
    let keys = Arc::new(RotatingKeys::default());
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::provider(keys.clone()));
    let err = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    common::assert_not_in_error(&err, "vault-key-2");
    assert_eq!(
        keys.asked.lock().unwrap().len(),
        2,
        "asked once, then once after the 401"
    );
}

struct Broken;

impl CredentialProvider for Broken {
    fn credential<'a>(&'a self, _: &'a CredentialContext) -> CredentialFuture<'a> {
        Box::pin(async { Err("vault sealed".into()) })
    }
}

#[tokio::test]
async fn a_failing_provider_is_an_auth_error() {
    let server = MockServer::start().await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::provider(Broken));
    let err = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err:?}");
    assert!(err.to_string().contains("vault sealed"), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn raw_responses_carry_status_and_headers() {
    let server = MockServer::start().await;
    Mock::given(path("/things"))
        .respond_with(
            ResponseTemplate::new(201)
                .insert_header("x-request-id", "req-81")
                .insert_header("location", "/things/9")
                .set_body_json(json!({"id": 9})),
        )
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    let response = t
        .send_with_response::<Value, Value>(common::post("create", "/things"))
        .await
        .unwrap();
    assert_eq!(response.status(), 201);
    assert_eq!(response.request_id(), Some("req-81"));
    assert_eq!(response.header("Location"), Some("/things/9"));
    assert_eq!(response.value(), &json!({"id": 9}));
    let (status, headers, value) = response.into_parts();
    assert_eq!(
        (status, headers["location"].to_str().unwrap()),
        (201, "/things/9")
    );
    assert_eq!(value["id"], 9);
}

#[tokio::test]
async fn errors_from_a_response_say_status_headers_request_id_and_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(
            ResponseTemplate::new(429)
                .insert_header("request-id", "rq-1")
                .insert_header("retry-after", "120")
                .insert_header("set-cookie", "session=cookie-secret"),
        )
        .mount(&server)
        .await;
    let date = httpdate_in(90);
    Mock::given(path("/down"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", date.as_str()))
        .mount(&server)
        .await;
    Mock::given(path("/bad"))
        .respond_with(ResponseTemplate::new(400).insert_header("x-request-id", "rq-2"))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);

    // Retry-After beyond the policy's cap: the 429 comes back at once.
    let err = t
        .send::<Value, Value>(common::get("slow", "/slow"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(429));
    assert_eq!(err.request_id(), Some("rq-1"));
    assert_eq!(err.retry_after(), Some(Duration::from_secs(120)));
    assert!(err.is_retryable());
    assert_eq!(
        err.headers().unwrap()["set-cookie"].to_str().unwrap(),
        "session=cookie-secret"
    );
    assert!(!format!("{err:?}").contains("cookie-secret"), "{err:?}");

    let err = t
        .send::<Value, Value>(common::get("down", "/down"))
        .await
        .unwrap_err();
    let wait = err.retry_after().unwrap();
    assert!(
        wait > Duration::from_secs(80) && wait <= Duration::from_secs(90),
        "{wait:?}"
    );
    assert!(err.is_retryable());

    let err = t
        .send::<Value, Value>(common::get("bad", "/bad"))
        .await
        .unwrap_err();
    assert_eq!((err.request_id(), err.retry_after()), (Some("rq-2"), None));
    assert!(!err.is_retryable());

    let refused = common::refused_base_url().await;
    let t = common::transport_at(&refused, &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::get("gone", "/gone"))
        .await
        .unwrap_err();
    assert!(err.is_retryable() && err.headers().is_none() && err.status().is_none());
}

/// An HTTP date `secs` seconds from now.
fn httpdate_in(secs: u64) -> String {
    httpdate::fmt_http_date(std::time::SystemTime::now() + Duration::from_secs(secs))
}
