//! A query token must never leak into errors, their source chains, or tracing output.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use client_runtime::{Auth, Error};
use client_runtime::{ClientConfig, RetryPolicy, Transport};
use serde::Deserialize;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "SECRET123";

fn token_transport(base: &str) -> Transport {
    let config = ClientConfig::new()
        .base_url(base)
        .auth(Auth::query_token("api_token", SECRET))
        .retry(RetryPolicy::none())
        .timeout(Duration::from_millis(300));
    Transport::new(&common::PLAIN, config).unwrap()
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Thing {
    kind: Kind,
}

#[derive(Debug, Deserialize)]
enum Kind {
    A,
}

async fn errors_for_every_failure_kind() -> Vec<Error> {
    let mut errors = Vec::new();

    let refused = token_transport(&common::refused_base_url().await);
    errors.push(
        refused
            .send::<Value, Value>(common::get("op", "/x"))
            .await
            .unwrap_err(),
    );

    let server = MockServer::start().await;
    Mock::given(path("/slow"))
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    Mock::given(path("/500"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_string(format!("bad token {SECRET} at /500?api_token={SECRET}")),
        )
        .mount(&server)
        .await;
    Mock::given(path("/invalid"))
        .respond_with(ResponseTemplate::new(200).set_body_string("{not json"))
        .mount(&server)
        .await;
    Mock::given(path("/decode"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"kind": SECRET})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({SECRET: 1})))
        .mount(&server)
        .await;
    let t = token_transport(&server.uri());
    for p in ["/slow", "/500", "/invalid"] {
        errors.push(
            t.send::<Value, Value>(common::get("op", p))
                .await
                .unwrap_err(),
        );
    }
    let decode = t
        .send::<Thing, Value>(common::get("op", "/decode"))
        .await
        .unwrap_err();
    errors.push(decode);
    let key = t
        .send::<std::collections::BTreeMap<String, String>, Value>(common::get("op", "/key"))
        .await
        .unwrap_err();
    errors.push(key);

    // The token really was sent.
    let received = server.received_requests().await.unwrap();
    assert!(received
        .iter()
        .all(|r| r.url.query() == Some("api_token=SECRET123")));
    errors
}

/// The errors' variants and redaction; called from the one test of this file, because a
/// tracing subscriber scoped to one test misses events when other tests run in parallel.
fn assert_errors_redacted(errors: &[Error]) {
    assert!(
        matches!(errors[0], Error::Transport { .. }),
        "{}",
        errors[0]
    );
    assert!(matches!(errors[1], Error::Timeout { .. }), "{}", errors[1]);
    assert!(
        matches!(errors[2], Error::Api { status: 500, .. }),
        "{}",
        errors[2]
    );
    assert!(matches!(errors[3], Error::Decode { .. }), "{}", errors[3]);
    assert!(matches!(errors[4], Error::Decode { .. }), "{}", errors[4]);
    assert!(matches!(errors[5], Error::Decode { .. }), "{}", errors[5]);
    assert!(errors[2].raw_body().unwrap().contains("[redacted]"));
    for err in errors {
        common::assert_not_in_error(err, SECRET);
    }
}

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn query_token_never_appears_in_errors_or_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::CLOSE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let errors = tracing::subscriber::with_default(subscriber, || {
        runtime.block_on(errors_for_every_failure_kind())
    });
    assert_eq!(errors.len(), 6);
    assert_errors_redacted(&errors);
    let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(text.contains("api_request"), "{text}");
    assert!(text.contains("operation=\"op\""), "{text}");
    assert!(text.contains("status=500"), "{text}");
    assert!(text.contains("attempt=1"), "{text}");
    assert!(text.contains("duration_ms="), "{text}");
    assert!(!text.contains(SECRET), "{text}");
}
