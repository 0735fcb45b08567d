//! Success bodies are read up to the client's limit: an endless body, or one announced as too
//! large, ends the request with `Error::BodyTooLarge` after a bounded amount of reading.

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use client_runtime::{Auth, ClientConfig, Error, RetryPolicy, Transport};
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const LIMIT: usize = 1024 * 1024;

/// A server that answers every request with `head` and then writes `chunk` forever (until
/// the client goes away), counting the bytes it managed to write.
async fn endless_server(head: &'static str, chunk: Vec<u8>) -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let written = Arc::new(AtomicU64::new(0));
    let count = written.clone();
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let count = count.clone();
            let chunk = chunk.clone();
            tokio::spawn(async move {
                let mut buf = vec![0u8; 8192];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match sock.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                if sock.write_all(head.as_bytes()).await.is_err() {
                    return;
                }
                // Bounded even if the client never stops reading: 1 GiB at most.
                for _ in 0..(1 << 30) / chunk.len() {
                    if sock.write_all(&chunk).await.is_err() {
                        return;
                    }
                    count.fetch_add(chunk.len() as u64, Ordering::SeqCst);
                }
            });
        }
    });
    (format!("http://{addr}"), written)
}

fn transport(base: &str) -> Transport {
    let config = ClientConfig::new()
        .base_url(base)
        .auth(Auth::None)
        .retry(RetryPolicy::none())
        .timeout(Duration::from_secs(20))
        .max_body_size(LIMIT);
    Transport::new(&common::PLAIN, config).unwrap()
}

#[tokio::test]
async fn an_endless_chunked_body_stops_at_the_limit() {
    let mut chunk = format!("{:x}\r\n", 64 * 1024).into_bytes();
    chunk.extend(std::iter::repeat_n(b' ', 64 * 1024));
    chunk.extend_from_slice(b"\r\n");
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
    let (base, written) = endless_server(head, chunk).await;
    let err = transport(&base)
        .send::<Value, Value>(common::get("download", "/x"))
        .await
        .unwrap_err();
    assert!(
        matches!(err, Error::BodyTooLarge { limit: LIMIT, .. }),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "download: response body larger than 1048576 bytes"
    );
    // The client read just past the limit, then let go (socket buffers allow some slack).
    tokio::time::sleep(Duration::from_millis(200)).await;
    let sent = written.load(Ordering::SeqCst);
    assert!(sent >= LIMIT as u64, "{sent}");
    assert!(sent < (LIMIT as u64) * 16, "the server wrote {sent} bytes");
}

#[tokio::test]
async fn an_announced_length_over_the_limit_is_refused_before_reading() {
    let head =
        "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 10737418240\r\n\r\n";
    let (base, written) = endless_server(head, vec![b' '; 64 * 1024]).await;
    let err = transport(&base)
        .send::<Value, Value>(common::get("download", "/x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { .. }), "{err}");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(written.load(Ordering::SeqCst) < (LIMIT as u64) * 16);
}

#[tokio::test]
async fn bodies_within_the_limit_decode() {
    let body = format!("[{}]", vec!["1"; 1000].join(","));
    let head: &'static str = Box::leak(
        format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        )
        .into_boxed_str(),
    );
    let addr = common::raw_server(head.as_bytes()).await;
    let items: Vec<u32> = transport(&format!("http://{addr}"))
        .send::<Vec<u32>, Value>(common::get("list", "/x"))
        .await
        .unwrap();
    assert_eq!(items.len(), 1000);
}
