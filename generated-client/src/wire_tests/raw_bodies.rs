//! `fixtures/raw_bodies`: raw request bodies as a local server receives them (the bytes
//! and the spec's media type), and raw answers read whole or as a stream of chunks, which
//! has no body size limit.

use super::only_request;
use crate::fixtures::raw_bodies::*;
use crate::ClientConfig;
use futures_util::StreamExt;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn serving(status: u16, body: Vec<u8>, content_type: &str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(status).set_body_raw(body, content_type))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer, config: ClientConfig) -> RawBodiesClient {
    RawBodiesClient::new(config.base_url(server.uri())).unwrap()
}

#[tokio::test]
async fn a_raw_body_goes_out_as_it_is_with_its_media_type() {
    let server = serving(
        200,
        br#"{"id":"av_1","size":4}"#.to_vec(),
        "application/json",
    )
    .await;
    let png = vec![0x89, b'P', b'N', b'G', 0x00, 0xff];
    let upload = client(&server, ClientConfig::new())
        .upload_avatar(7, png.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(upload.id, "av_1");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].url.path(), "/users/7/avatar");
    assert_eq!(reqs[0].method.as_str(), "PUT");
    assert_eq!(reqs[0].headers.get("content-type").unwrap(), "image/png");
    assert_eq!(reqs[0].body, png);

    let server = serving(200, b"{}".to_vec(), "application/json").await;
    client(&server, ClientConfig::new())
        .put_object("a b", "plain text")
        .send()
        .await
        .unwrap();
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(
        reqs[0].headers.get("content-type").unwrap(),
        "application/octet-stream"
    );
    let (method, target, body) = only_request(&server).await;
    assert_eq!(
        (method.as_str(), target.as_str(), body.as_str()),
        ("PUT", "/objects/a%20b", "plain text")
    );
}

#[test]
fn to_request_shows_the_raw_body() {
    let c = RawBodiesClient::new(ClientConfig::new()).unwrap();
    let r = c.upload_avatar(1, &b"xyz"[..]).to_request().unwrap();
    assert_eq!(r.body_binary(), Some((&b"xyz"[..], "image/png")));
    assert!(r.body_json().is_none());
}

#[tokio::test]
async fn a_raw_answer_is_read_whole_or_streamed_past_the_body_limit() {
    let file: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    let server = serving(200, file.clone(), "application/pdf").await;
    let limited = || ClientConfig::new().max_body_size(64 * 1024);

    // Whole: refused beyond the client's body limit.
    let whole = client(&server, limited())
        .download_object("big")
        .send()
        .await;
    assert!(
        matches!(whole, Err(crate::Error::BodyTooLarge { .. })),
        "{whole:?}"
    );

    // Streamed: chunk by chunk, no limit, the same bytes.
    let mut stream = client(&server, limited())
        .download_object("big")
        .send_stream()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    assert_eq!(stream.content_type(), Some("application/pdf"));
    assert_eq!(stream.content_length(), Some(file.len() as u64));
    let mut got = Vec::new();
    while let Some(chunk) = stream.next_chunk().await {
        got.extend_from_slice(&chunk.unwrap());
    }
    assert_eq!(got, file);

    // As a `Stream`, and whole within the limit.
    let small = serving(200, b"%PDF-1.7".to_vec(), "application/pdf").await;
    let parts: Vec<_> = client(&small, ClientConfig::new())
        .download_object("x")
        .send_stream()
        .await
        .unwrap()
        .collect()
        .await;
    let bytes: Vec<u8> = parts
        .into_iter()
        .flat_map(|c| c.unwrap().to_vec())
        .collect();
    assert_eq!(bytes, b"%PDF-1.7");
    let whole = client(&small, ClientConfig::new())
        .download_object("x")
        .send()
        .await
        .unwrap();
    assert_eq!(&whole.bytes[..], b"%PDF-1.7");
    assert_eq!(whole.content_type.as_deref(), Some("application/pdf"));
}

#[tokio::test]
async fn an_error_status_is_an_error_before_any_stream() {
    let server = serving(
        404,
        br#"{"message":"no such object"}"#.to_vec(),
        "application/json",
    )
    .await;
    let r = client(&server, ClientConfig::new())
        .download_object("gone")
        .send_stream()
        .await;
    match r {
        Err(crate::Error::Api { status, .. }) => assert_eq!(status, 404),
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_raw_body_streams_from_an_upload() {
    let server = serving(
        200,
        br#"{"id":"av_2","size":6}"#.to_vec(),
        "application/json",
    )
    .await;
    let chunks = futures_util::stream::iter(
        [&b"\x89PN"[..], &b"G\x00\xff"[..]].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c))),
    );
    let req = client(&server, ClientConfig::new())
        .upload_avatar(7, crate::Upload::stream(chunks))
        .to_request()
        .unwrap();
    let (upload, content_type) = req.body_upload().unwrap();
    assert!(upload.is_stream() && req.body_binary().is_none());
    assert_eq!(content_type, "image/png");
    let answer = client(&server, ClientConfig::new())
        .transport()
        .send::<_, serde_json::Value>(req)
        .await
        .unwrap();
    assert_eq!(answer.id, "av_2");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].headers.get("content-type").unwrap(), "image/png");
    assert_eq!(reqs[0].headers.get("transfer-encoding").unwrap(), "chunked");
    assert!(reqs[0].headers.get("content-length").is_none());
    assert_eq!(reqs[0].body, [0x89, b'P', b'N', b'G', 0x00, 0xff]);
}

fn png_chunks() -> impl futures_util::Stream<Item = Result<bytes::Bytes, std::io::Error>> {
    futures_util::stream::iter(
        [&b"\x89PN"[..], &b"G\x00\xff"[..]].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c))),
    )
}

#[tokio::test]
async fn a_stream_with_a_length_goes_out_with_content_length_not_chunked() {
    let server = serving(
        200,
        br#"{"id":"av_3","size":6}"#.to_vec(),
        "application/json",
    )
    .await;
    let upload = crate::Upload::stream_with_length(6, png_chunks());
    let answer = client(&server, ClientConfig::new())
        .upload_avatar(7, upload)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.id, "av_3");
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    assert_eq!(reqs[0].headers.get("content-length").unwrap(), "6");
    assert!(reqs[0].headers.get("transfer-encoding").is_none());
    assert_eq!(reqs[0].body, [0x89, b'P', b'N', b'G', 0x00, 0xff]);
}

/// The error and its sources, as one text.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    text
}

#[tokio::test]
async fn a_stream_that_disagrees_with_its_length_fails_the_send() {
    let server = serving(200, br#"{"id":"x","size":0}"#.to_vec(), "application/json").await;
    for (length, says) in [
        (10, "ended after 6 of the 10 bytes"),
        (4, "more than the 4 bytes"),
    ] {
        let upload = crate::Upload::stream_with_length(length, png_chunks());
        let err = client(&server, ClientConfig::new())
            .upload_avatar(7, upload)
            .send()
            .await
            .unwrap_err();
        assert!(matches!(err, crate::Error::Transport { .. }), "{err:?}");
        assert!(chain(&err).contains(says), "{}", chain(&err));
    }
}
