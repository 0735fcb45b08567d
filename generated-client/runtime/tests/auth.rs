//! Each auth scheme on the wire, config validation, redaction in Debug, and session refresh.

mod common;

use std::time::Duration;

use client_runtime::{Auth, Error, Secret};
use client_runtime::{ClientConfig, Transport};
use serde_json::{json, Value};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn ok_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/me"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true})))
        .mount(&server)
        .await;
    server
}

async fn one_request(auth: Auth, authenticated: bool) -> wiremock::Request {
    let server = ok_server().await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, auth);
    let req = common::get("me", "/me");
    let req = if authenticated {
        req
    } else {
        req.unauthenticated()
    };
    let v: Value = t.send::<Value, Value>(req).await.unwrap();
    assert_eq!(v, json!({"ok": true}));
    let mut received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    received.remove(0)
}

fn header_of<'a>(req: &'a wiremock::Request, name: &str) -> Option<&'a str> {
    req.headers.get(name).map(|v| v.to_str().unwrap())
}

#[tokio::test]
async fn api_key_header_with_prefix() {
    let r = one_request(Auth::api_key_header("Authorization", "APIKey", "k1"), true).await;
    assert_eq!(header_of(&r, "authorization"), Some("APIKey k1"));
    let r = one_request(Auth::api_key_header("X-Api-Key", "", "k2"), true).await;
    assert_eq!(header_of(&r, "x-api-key"), Some("k2"));
}

#[tokio::test]
async fn basic_and_bearer() {
    let r = one_request(Auth::basic("user", "pass"), true).await;
    assert_eq!(header_of(&r, "authorization"), Some("Basic dXNlcjpwYXNz"));
    let r = one_request(Auth::bearer("tok"), true).await;
    assert_eq!(header_of(&r, "authorization"), Some("Bearer tok"));
}

#[tokio::test]
async fn query_token_is_appended() {
    let r = one_request(Auth::query_token("api_token", "tok"), true).await;
    assert_eq!(r.url.query(), Some("api_token=tok"));
    assert_eq!(header_of(&r, "authorization"), None);
}

#[tokio::test]
async fn unauthenticated_requests_carry_no_credentials() {
    let r = one_request(Auth::bearer("tok"), false).await;
    assert_eq!(header_of(&r, "authorization"), None);
    let r = one_request(Auth::query_token("api_token", "tok"), false).await;
    assert_eq!(r.url.query(), None);
}

#[tokio::test]
async fn default_headers_and_user_agent() {
    let server = ok_server().await;
    let config = ClientConfig::new()
        .base_url(server.uri())
        .default_header("X-Tenant", "42");
    let t = Transport::new(&common::PLAIN, config).unwrap();
    let _: Value = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap();
    let r = &server.received_requests().await.unwrap()[0];
    assert_eq!(header_of(r, "x-tenant"), Some("42"));
    assert_eq!(
        header_of(r, "user-agent"),
        Some(concat!("generated-client/", env!("CARGO_PKG_VERSION")))
    );
}

#[test]
fn invalid_config_is_rejected_before_sending() {
    let cases = [
        ClientConfig::new(),
        ClientConfig::new().base_url("not a url"),
        ClientConfig::new().base_url("ftp://example.invalid"),
        ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .auth(Auth::api_key_header(
                "Authorization",
                "APIKey",
                "k\r\nX-Evil: 1",
            )),
        ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .auth(Auth::bearer("a\nb")),
        ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .default_header("X-A", "v\r\n"),
        ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .default_header("Bad Name", "v"),
        ClientConfig::new()
            .base_url("http://127.0.0.1:9")
            .user_agent("ua\r\n"),
    ];
    for config in cases {
        let err = Transport::new(&common::PLAIN, config).unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{err}");
        assert!(err.to_string().starts_with("client_config: "));
    }
}

#[test]
fn debug_output_never_shows_secrets() {
    let auths = [
        Auth::api_key_header("Authorization", "APIKey", "SECRET123"),
        Auth::query_token("api_token", "SECRET123"),
        Auth::basic("user", "SECRET123"),
        Auth::bearer("SECRET123"),
    ];
    for auth in auths {
        let auth_debug = format!("{auth:?}");
        assert!(!auth_debug.contains("SECRET123"), "{auth_debug}");
        let config = ClientConfig::new()
            .base_url("http://user:SECRET123@127.0.0.1:9/api?key=SECRET123")
            .auth(auth)
            .default_header("X-Key", "SECRET123");
        let config_debug = format!("{config:?}");
        assert!(!config_debug.contains("SECRET123"), "{config_debug}");
        let t = Transport::new(&common::PLAIN, config).unwrap();
        let t_debug = format!("{t:?}");
        assert!(!t_debug.contains("SECRET123"), "{t_debug}");
        assert!(t_debug.contains("127.0.0.1"));
    }
    let s = Secret::new("SECRET123");
    assert_eq!(format!("{s} {s:?}"), "[redacted] [redacted]");
    assert_eq!(s.expose(), "SECRET123");
}

#[tokio::test]
async fn session_without_token_is_an_auth_error() {
    let server = MockServer::start().await;
    let t = common::transport_at(&server.uri(), &common::HOSTBILL, Auth::Session);
    assert!(!t.session().unwrap().has_token());
    let err = t
        .send::<Value, Value>(common::get("list_clients", "/clients"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn concurrent_expiry_shares_one_refresh() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/clients"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": ["expired"]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/clients"))
        .and(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"clients": [1, 2]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_json(json!({"refresh_token": "r1"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"token": "new", "refresh": "r2"}))
                .set_delay(Duration::from_millis(200)),
        )
        .expect(1)
        .mount(&server)
        .await;

    let t = common::transport_at(&server.uri(), &common::HOSTBILL, Auth::Session);
    let session = t.session().unwrap();
    session.set_tokens(Secret::new("old"), Some(Secret::new("r1")));

    let calls = (0..8).map(|_| {
        let t = t.clone();
        async move {
            t.send::<Vec<u32>, Value>(common::get("list_clients", "/clients").member("clients"))
                .await
        }
    });
    let results = futures_util::future::join_all(calls).await;
    for r in &results {
        assert_eq!(r.as_ref().unwrap(), &vec![1, 2]);
    }
    let received = server.received_requests().await.unwrap();
    let refreshes: Vec<_> = received
        .iter()
        .filter(|r| r.url.path() == "/token")
        .collect();
    assert_eq!(refreshes.len(), 1);
    assert!(refreshes[0].headers.get("authorization").is_none());
    let old = received
        .iter()
        .filter(|r| header_of(r, "authorization") == Some("Bearer old"))
        .count();
    assert!((1..=8).contains(&old), "old-token requests: {old}");
    assert_eq!(session.refresh_token().unwrap().expose(), "r2");
}

#[tokio::test]
async fn expired_code_in_200_body_also_refreshes() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer old"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": ["Token expired"]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(header("authorization", "Bearer new"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": [], "x": 1})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"token": "new"})))
        .expect(1)
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::HOSTBILL, Auth::Session);
    t.session()
        .unwrap()
        .set_tokens(Secret::new("old"), Some(Secret::new("r1")));
    let x: u32 = t
        .send::<u32, Value>(common::get("get_x", "/x").member("x"))
        .await
        .unwrap();
    assert_eq!(x, 1);
    // The refresh response had no new refresh token: the old one is kept.
    assert_eq!(t.session().unwrap().refresh_token().unwrap().expose(), "r1");
}

#[tokio::test]
async fn failed_refresh_is_an_auth_error_and_clears_the_session() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(401).set_body_string("refresh-secret-r1 rejected"))
        .expect(1)
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::HOSTBILL, Auth::Session);
    let session = t.session().unwrap();
    session.set_tokens(Secret::new("old"), Some(Secret::new("refresh-secret-r1")));
    let err = t
        .send::<Value, Value>(common::get("get_x", "/x"))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    assert!(err.to_string().starts_with("get_x: "));
    assert!(!format!("{err} {err:?}").contains("refresh-secret-r1"));
    assert!(!session.has_token());
    assert!(session.refresh_token().is_none());
}

#[tokio::test]
async fn non_session_401_is_an_api_error_without_refresh() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"detail": "bad key"})))
        .expect(1)
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::bearer("tok-123456"));
    let err = t
        .send::<Value, Value>(common::get("me", "/me"))
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(401));
    assert_eq!(err.api_body(), Some(&json!({"detail": "bad key"})));
}
