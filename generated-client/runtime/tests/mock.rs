//! The mock transport under the real request machinery: retries, session refresh, hooks,
//! credentials, error answers and unmatched requests.

mod common;

use client_runtime::hook::before_attempt;
use client_runtime::mock::{MockResponse, MockTransport};
use client_runtime::{Auth, ClientConfig, Error, Secret, Transport, SESSION_REFRESH};
use serde::Deserialize;
use serde_json::{json, Value};

fn transport(mock: &MockTransport, api: &'static client_runtime::ApiInfo, auth: Auth) -> Transport {
    let config = ClientConfig::new()
        .auth(auth)
        .retry(common::fast_retry())
        .mock(mock);
    Transport::new(api, config).unwrap()
}

#[tokio::test]
async fn retries_run_through_the_mock_sequence() {
    let mock = MockTransport::new();
    let rule = mock
        .on("list_things")
        .then_status(503)
        .then_response(MockResponse::status(429).header("retry-after", "0"))
        .then_output(&json!([1, 2]));
    let t = transport(&mock, &common::PLAIN, Auth::None);
    let v: Value = t
        .send::<Value, Value>(common::get("list_things", "/things"))
        .await
        .unwrap();
    assert_eq!(v, json!([1, 2]));
    assert_eq!((rule.calls(), mock.calls("list_things")), (3, 3));
    let attempts: Vec<u32> = mock.requests().iter().map(|r| r.attempt()).collect();
    assert_eq!(attempts, [1, 2, 3]);
    mock.assert_all_used();
}

#[tokio::test]
async fn an_unsafe_request_is_not_retried_and_the_error_is_typed() {
    #[derive(Debug, Deserialize)]
    struct ApiError {
        detail: String,
    }
    let mock = MockTransport::new();
    mock.on("create")
        .then_error(503, &json!({"detail": "busy"}))
        .repeatedly();
    let t = transport(&mock, &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, ApiError>(common::post("create", "/things"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(err.api_body().unwrap().detail, "busy");
    assert_eq!(mock.calls("create"), 1);
}

#[tokio::test]
async fn an_expired_session_is_refreshed_through_the_mock() {
    let mock = MockTransport::new();
    mock.on("me")
        .when(|r| r.header("authorization") == Some("Bearer old"))
        .then_status(401);
    mock.on("me")
        .when(|r| r.header("authorization") == Some("Bearer new"))
        .then_output(&json!({"name": "me"}));
    let refresh = mock
        .on(SESSION_REFRESH)
        .path("/token")
        .body_json(&json!({"refresh_token": "r1"}))
        .then_output(&json!({"token": "new", "refresh": "r2"}));
    let t = transport(&mock, &common::HOSTBILL, Auth::Session);
    t.session()
        .unwrap()
        .set_tokens(Secret::new("old"), Some(Secret::new("r1")));
    let v: Value = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap();
    assert_eq!(v["name"], "me");
    assert_eq!(refresh.calls(), 1);
    assert_eq!(mock.calls("me"), 2);
    assert_eq!(t.session().unwrap().refresh_token().unwrap().expose(), "r2");
    mock.assert_all_used();
}

#[tokio::test]
async fn rules_see_hooks_credentials_query_and_typed_bodies() {
    #[derive(Deserialize)]
    struct NewThing {
        a: i64,
    }
    let mock = MockTransport::new();
    let rule = mock
        .on("create")
        .path("/things")
        .when(|r| {
            r.header("x-tenant") == Some("42") && r.header("authorization") == Some("Bearer tok")
        })
        .body_matches(|b: &NewThing| b.a == 1)
        .then_output(&json!({"id": 5}));
    let search = mock
        .on("search")
        .query("q", "a b")
        .then(|r| MockResponse::json(&json!({"echo": r.query("q")})))
        .repeatedly();
    let config = ClientConfig::new()
        .base_url("https://api.example/v2")
        .auth(Auth::bearer("tok"))
        .hook(before_attempt(|parts| parts.set_header("x-tenant", "42")))
        .mock(&mock);
    let t = Transport::new(&common::PLAIN, config).unwrap();
    let v: Value = t
        .send::<Value, Value>(common::post("create", "/things"))
        .await
        .unwrap();
    assert_eq!(v["id"], 5);
    for _ in 0..2 {
        let v: Value = t
            .send::<Value, Value>(common::get("search", "/search").query("q", "a b"))
            .await
            .unwrap();
        assert_eq!(v["echo"], "a b");
    }
    assert_eq!((rule.calls(), search.calls()), (1, 2));
    mock.assert_all_used();
}

#[tokio::test]
async fn a_request_no_rule_answers_is_a_transport_error() {
    let mock = MockTransport::new();
    mock.on("list_things")
        .query("page", 2)
        .then_output(&json!([]));
    let t = transport(&mock, &common::PLAIN, Auth::None);
    let err = t
        .send::<Value, Value>(common::get("list_things", "/things").query("page", &1i64))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err:?}");
    assert!(err.to_string().contains("no mock rule"), "{err}");
    assert_eq!(mock.calls("list_things"), 1, "not retried");
    let result = std::panic::catch_unwind(|| mock.assert_all_used());
    assert!(result.is_err(), "the page-2 rule was never used");
}

#[tokio::test]
async fn a_streamed_upload_reaches_the_mock_whole_once_and_is_not_retried() {
    #[derive(serde::Serialize)]
    struct Upload {
        purpose: &'static str,
        file: client_runtime::FilePart,
    }
    let mock = MockTransport::new();
    mock.on("upload").then_status(503).repeatedly();
    let chunks = futures_util::stream::iter(
        ["he", "llo"].map(|c| Ok::<_, std::io::Error>(bytes::Bytes::from(c))),
    );
    let body = Upload {
        purpose: "avatar",
        file: client_runtime::FilePart::stream(chunks).with_file_name("a.txt"),
    };
    let req: client_runtime::Request<Value> = client_runtime::Request::post("upload", "/files")
        .multipart(&body, client_runtime::wiring::FormLists::Brackets)
        .retry_safe(true);
    assert!(
        req.has_stream() && !req.is_retry_safe(),
        "a stream is never retried"
    );
    let parts = req.body_multipart().unwrap();
    assert!(parts[1].is_stream() && parts[1].body().is_empty());
    let t = transport(&mock, &common::PLAIN, Auth::None);
    let err = t.send::<Value, Value>(req.clone()).await.unwrap_err();
    assert_eq!(err.status(), Some(503));
    assert_eq!(mock.calls("upload"), 1, "no retry");
    let sent = &mock.requests()[0];
    let got = sent.multipart().expect("a multipart body");
    let texts: Vec<(&str, Option<&str>, String)> = got
        .iter()
        .map(|p| (p.name(), p.file_name(), p.text()))
        .collect();
    assert_eq!(
        texts,
        [
            ("purpose", None, "avatar".to_string()),
            ("file", Some("a.txt"), "hello".to_string())
        ]
    );
    // The clone shares the stream, which the first send read.
    let again = t.send::<Value, Value>(req).await.unwrap_err();
    assert!(
        matches!(&again, Error::InvalidRequest { message, .. } if message.contains("sent already")),
        "{again:?}"
    );
    assert_eq!(mock.calls("upload"), 1, "nothing sent the second time");
}
