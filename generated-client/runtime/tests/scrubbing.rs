//! A request body's credentials stay out of decode errors, in every form a server may echo
//! them back in.

mod common;

use client_runtime::{Error, Request};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A password with the characters JSON and PHP escape.
const PASSWORD: &str = "pa/ss\"wo\\rd-42";

fn all_text<E: std::fmt::Debug>(err: &Error<E>) -> String {
    let mut text = format!("{err} {err:?}");
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        text.push_str(&format!(" {s} {s:?}"));
        source = s.source();
    }
    text
}

fn assert_no_password(text: &str) {
    let json = serde_json::to_string(PASSWORD).unwrap();
    let json = &json[1..json.len() - 1];
    for form in [
        PASSWORD.to_string(),
        json.to_string(),
        json.replace('/', "\\/"),
        "pa/ss".into(),
        "pa\\/ss".into(),
    ] {
        assert!(!text.contains(&form), "`{form}` leaked into: {text}");
    }
}

#[tokio::test]
async fn a_password_echoed_into_a_mistyped_field_stays_out_of_decode_errors() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Created {
        id: i64,
    }
    let server = MockServer::start().await;
    // `id` should be a number; the server echoes the request's password there instead,
    // and serde's message quotes the value it got.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": PASSWORD})))
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, client_runtime::Auth::None);
    let req = Request::post("create_contact", "/contact")
        .json(&serde_json::json!({"email": "x@example.com", "password": PASSWORD}));
    let err = t.send::<Created, serde_json::Value>(req).await.unwrap_err();
    let text = all_text(&err);
    assert!(matches!(err, Error::Decode { .. }), "{text}");
    assert!(text.contains("[redacted]"), "{text}");
    assert_no_password(&text);
}
