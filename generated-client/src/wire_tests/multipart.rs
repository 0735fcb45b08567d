//! `fixtures/multipart`: multipart bodies as a local server receives them: the
//! `multipart/form-data` content type with its boundary, and the exact bytes of every
//! part (text parts, file parts with file name and content type, bracketed names for lists
//! and maps, each list style, unset members left out), binary file contents kept byte for
//! byte, and a retry sending the same parts again.

use super::answering;
use crate::fixtures::multipart::*;
use crate::{ClientConfig, FilePart, RetryPolicy};
use serde_json::json;
use std::collections::BTreeMap;
use std::time::Duration;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer, config: ClientConfig) -> MultipartClient {
    MultipartClient::new(config.base_url(server.uri())).unwrap()
}

/// Each request's path, boundary (from the content type) and body bytes.
async fn received(server: &MockServer) -> Vec<(String, String, Vec<u8>)> {
    let reqs = server.received_requests().await.unwrap();
    reqs.iter()
        .map(|r| {
            let ct = r.headers.get("content-type").unwrap().to_str().unwrap();
            let boundary = ct
                .strip_prefix("multipart/form-data; boundary=")
                .unwrap_or_else(|| panic!("a multipart content type: {ct}"));
            (
                r.url.path().to_string(),
                boundary.to_string(),
                r.body.clone(),
            )
        })
        .collect()
}

/// Up to `attempts` attempts, a millisecond apart.
fn fast_retry(attempts: u32) -> RetryPolicy {
    RetryPolicy {
        max_attempts: attempts,
        base: Duration::from_millis(1),
        ..RetryPolicy::default()
    }
}

/// One part as written out: name, file name, content type, bytes.
type Part<'a> = (&'a str, Option<&'a str>, Option<&'a str>, &'a [u8]);

/// The body the parts make with `boundary`, written out by hand.
fn body(boundary: &str, parts: &[Part<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for (name, file_name, ct, bytes) in parts {
        out.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        let mut head = format!("Content-Disposition: form-data; name=\"{name}\"");
        if let Some(f) = file_name {
            head.push_str(&format!("; filename=\"{f}\""));
        }
        head.push_str("\r\n");
        if let Some(ct) = ct {
            head.push_str(&format!("Content-Type: {ct}\r\n"));
        }
        out.extend_from_slice(head.as_bytes());
        out.extend_from_slice(b"\r\n");
        out.extend_from_slice(bytes);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    out
}

#[tokio::test]
async fn text_and_file_parts_byte_for_byte() {
    let server = answering(200, json!({"id": "file_1", "size": 6})).await;
    let png = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x00, 0xff];
    let input = UploadInput::new(
        FilePart::new(png.clone())
            .with_file_name("me \"1\".png")
            .with_content_type("image/png"),
        Purpose::Avatar,
    )
    .with_tags(vec!["profile".into(), "new".into()])
    .with_metadata(BTreeMap::from([("source".to_string(), "app".to_string())]))
    .with_private(false);
    let stored = client(&server, ClientConfig::new())
        .upload_file(input)
        .send()
        .await
        .unwrap();
    assert_eq!(stored.id, "file_1");
    let got = received(&server).await;
    assert_eq!(got.len(), 1);
    let (path, boundary, bytes) = &got[0];
    assert_eq!(path, "/files");
    let expected = body(
        boundary,
        &[
            ("file", Some("me %221%22.png"), Some("image/png"), &png),
            ("purpose", None, None, b"avatar"),
            ("tags[]", None, None, b"profile"),
            ("tags[]", None, None, b"new"),
            ("metadata[source]", None, None, b"app"),
            ("private", None, None, b"false"),
        ],
    );
    assert_eq!(bytes, &expected, "{}", String::from_utf8_lossy(bytes));
}

#[tokio::test]
async fn list_styles_and_default_content_type() {
    let server = answering(200, json!({})).await;
    let reply = TicketReply::new("see attached").with_attachments(vec![
        FilePart::new("a,b\n1,2")
            .with_file_name("data.csv")
            .with_content_type("text/csv"),
        FilePart::new(vec![1u8, 2, 3]),
    ]);
    client(&server, ClientConfig::new())
        .reply_ticket(9, reply.clone())
        .send()
        .await
        .unwrap();
    client(&server, ClientConfig::new())
        .reply_inline(9, "see attached")
        .attachments(vec![FilePart::new("x").with_file_name("x.txt")])
        .send()
        .await
        .unwrap();
    client(&server, ClientConfig::new())
        .reply_inline(9, "no files")
        .send()
        .await
        .unwrap();
    let got = received(&server).await;
    assert_eq!(got.len(), 3);
    let (path, b, bytes) = &got[0];
    assert_eq!(path, "/tickets/9/replies");
    let octets = "application/octet-stream";
    assert_eq!(
        bytes,
        &body(
            b,
            &[
                ("message", None, None, b"see attached"),
                ("attachments", Some("data.csv"), Some("text/csv"), b"a,b\n1,2"),
                ("attachments", None, Some(octets), &[1, 2, 3]),
            ]
        ),
        "repeated: the same name for each file; no filename when none is set, the default content type"
    );
    let (path, b, bytes) = &got[1];
    assert_eq!(path, "/tickets/9/notes");
    assert_eq!(
        bytes,
        &body(
            b,
            &[
                ("message", None, None, b"see attached"),
                ("attachments[0]", Some("x.txt"), Some(octets), b"x"),
            ]
        ),
        "indexed"
    );
    let (_, b, bytes) = &got[2];
    assert_eq!(
        bytes,
        &body(b, &[("message", None, None, b"no files")]),
        "unset left out"
    );
    assert_ne!(got[0].1, got[1].1, "each request has its own boundary");
}

#[tokio::test]
async fn a_retried_upload_sends_the_same_bytes_again() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "f", "size": 1})))
        .mount(&server)
        .await;
    let retry = fast_retry(2);
    let input = UploadInput::new(FilePart::new("z"), Purpose::Attachment);
    // POST is not retried unless the operation says so: the builder's request is.
    let req = client(&server, ClientConfig::new().retry(retry.clone()))
        .upload_file(input)
        .to_request()
        .unwrap()
        .retry_safe(true);
    let parts = req.body_multipart().unwrap();
    assert_eq!(
        parts.iter().map(|p| p.name()).collect::<Vec<_>>(),
        ["file", "purpose"]
    );
    assert_eq!(parts[0].content_type(), Some("application/octet-stream"));
    let _: StoredFile = client(&server, ClientConfig::new().retry(retry))
        .transport()
        .send::<_, serde_json::Value>(req)
        .await
        .unwrap();
    let got = received(&server).await;
    assert_eq!(got.len(), 2, "one retry");
    assert_eq!(
        got[0], got[1],
        "the same boundary and bytes on both attempts"
    );
    assert_eq!(
        crate::parse_multipart(
            &format!("multipart/form-data; boundary={}", got[1].1),
            &got[1].2
        )
        .unwrap()[1]
            .text(),
        "attachment"
    );
}

#[tokio::test]
async fn a_streamed_file_part_goes_out_once_byte_for_byte() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let retry = fast_retry(3);
    // 300 chunks of 1,000 bytes, never held together by the client.
    let chunk = |i: usize| bytes::Bytes::from(vec![b'a' + (i % 26) as u8; 1000]);
    let chunks =
        futures_util::stream::iter((0..300).map(move |i| Ok::<_, std::io::Error>(chunk(i))));
    let file = FilePart::stream(chunks)
        .with_file_name("big.bin")
        .with_content_type("application/x-big");
    let c = client(&server, ClientConfig::new().retry(retry));
    let req = c
        .upload_file(UploadInput::new(file, Purpose::Attachment))
        .to_request()
        .unwrap()
        .retry_safe(true);
    let err = c
        .transport()
        .send::<_, serde_json::Value>(req.clone())
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    let got = received(&server).await;
    assert_eq!(got.len(), 1, "a streamed body is not retried");
    let (_, b, bytes) = &got[0];
    let contents: Vec<u8> = (0..300).flat_map(|i| chunk(i).to_vec()).collect();
    assert_eq!(
        bytes,
        &body(
            b,
            &[
                (
                    "file",
                    Some("big.bin"),
                    Some("application/x-big"),
                    &contents
                ),
                ("purpose", None, None, b"attachment"),
            ]
        )
    );
    let again = c
        .transport()
        .send::<_, serde_json::Value>(req)
        .await
        .unwrap_err();
    assert!(again.to_string().contains("sent already"), "{again}");
    assert_eq!(received(&server).await.len(), 1, "nothing sent again");
}

#[tokio::test]
async fn a_streamed_file_part_with_a_length_gives_the_body_its_length() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "f", "size": 11})))
        .mount(&server)
        .await;
    let chunks = futures_util::stream::iter(
        ["hello ", "world"].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c))),
    );
    let file = FilePart::new(crate::Upload::stream_with_length(11, chunks)).with_file_name("a.txt");
    let c = client(&server, ClientConfig::new());
    let req = c
        .upload_file(UploadInput::new(file, Purpose::Attachment))
        .to_request()
        .unwrap();
    c.transport()
        .send::<_, serde_json::Value>(req)
        .await
        .unwrap();
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    let length = reqs[0].headers.get("content-length").unwrap();
    assert_eq!(length.to_str().unwrap(), reqs[0].body.len().to_string());
    assert!(reqs[0].headers.get("transfer-encoding").is_none());
    let (_, b, bytes) = &received(&server).await[0];
    assert_eq!(
        bytes,
        &body(
            b,
            &[
                (
                    "file",
                    Some("a.txt"),
                    Some("application/octet-stream"),
                    b"hello world"
                ),
                ("purpose", None, None, b"attachment"),
            ]
        )
    );
}
