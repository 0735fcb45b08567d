//! Shared helpers for the integration tests: API descriptions, transports, raw servers.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use client_runtime::{ApiInfo, Auth, ClientConfig, Request, RetryPolicy, SessionConfig, Transport};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A plain JSON API.
pub static PLAIN: ApiInfo = ApiInfo {
    name: "plain",
    default_base_url: None,
    error_field: None,
    session: None,
    lenient: false,
    headers: &[],
};

/// A HostBill-like API: error field and refreshable session.
pub static HOSTBILL: ApiInfo = ApiInfo {
    name: "hostbill",
    default_base_url: None,
    error_field: Some("error"),
    session: Some(SessionConfig {
        refresh_path: "/token",
        refresh_request_field: "refresh_token",
        token_field: "token",
        refresh_token_field: "refresh",
    }),
    lenient: false,
    headers: &[],
};

/// Fast retries for tests.
pub fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base: Duration::from_millis(10),
        cap: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
    }
}

/// A transport to `base` with the given API and auth and fast retries.
pub fn transport_at(base: &str, api: &'static ApiInfo, auth: Auth) -> Transport {
    let config = ClientConfig::new()
        .base_url(base)
        .auth(auth)
        .retry(fast_retry())
        .timeout(Duration::from_secs(5));
    Transport::new(api, config).expect("valid config")
}

/// A GET request for `path`.
pub fn get<T>(operation: &'static str, path: &'static str) -> Request<T> {
    Request::get(operation, path)
}

/// A POST request for `path` with a JSON body.
pub fn post<T>(operation: &'static str, path: &'static str) -> Request<T> {
    Request::post(operation, path).json(&serde_json::json!({"a": 1}))
}

/// A base URL whose port had a listener a moment ago but has none now.
pub async fn refused_base_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

/// A one-connection raw HTTP server that answers with `response` and closes.
pub async fn raw_server(response: &'static [u8]) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let accepted = tokio::time::timeout(Duration::from_secs(10), listener.accept()).await;
        if let Ok(Ok((mut sock, _))) = accepted {
            let mut buf = vec![0u8; 8192];
            let mut seen = Vec::new();
            // Read the request head (bounded) before answering.
            for _ in 0..100 {
                match sock.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(n) => seen.extend_from_slice(&buf[..n]),
                }
                if seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    break;
                }
            }
            let _ = sock.write_all(response).await;
            let _ = sock.shutdown().await;
        }
    });
    addr
}

/// Asserts that `needle` appears nowhere in the error's Display/Debug or
/// in any error of its source chain.
pub fn assert_not_in_error(err: &(dyn std::error::Error + 'static), needle: &str) {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    let mut depth = 0;
    while let Some(e) = current {
        let display = e.to_string();
        let debug = format!("{e:?}");
        assert!(
            !display.contains(needle),
            "secret in Display at depth {depth}: {display}"
        );
        assert!(
            !debug.contains(needle),
            "secret in Debug at depth {depth}: {debug}"
        );
        current = e.source();
        depth += 1;
        assert!(depth < 32, "source chain too long");
    }
}
