//! HostBill authentication through the generated client: the JWT session started by
//! `login` (bearer header, one refresh on expiry shared by concurrent requests, logout and
//! revoke, the two-factor answer) and HTTP Basic as the alternative.

use std::time::Duration;

use generated_client::hostbill::HostbillClient;
use generated_client::Error;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn auth_of(r: &Request) -> Option<&str> {
    r.headers.get("authorization").map(|v| v.to_str().unwrap())
}

fn count(received: &[Request], m: &str, p: &str) -> usize {
    received
        .iter()
        .filter(|r| r.method.as_str() == m && r.url.path() == p)
        .count()
}

fn details_body() -> serde_json::Value {
    json!({"client": {"id": "26", "email": "jane@example.com"}})
}

/// A server whose `/login` hands out `tok-1` / `ref-1`.
async fn login_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "jane@example.com", "password": "pw-1"}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": "tok-1", "refresh": "ref-1"})),
        )
        .mount(&server)
        .await;
    server
}

async fn logged_in(server: &MockServer) -> HostbillClient {
    let client = HostbillClient::with_session(server.uri()).unwrap();
    let resp = client
        .login("jane@example.com", "pw-1")
        .send()
        .await
        .unwrap();
    assert_eq!(resp.token.as_ref().map(|t| t.expose()), Some("tok-1"));
    assert_eq!(resp.refresh.as_ref().map(|t| t.expose()), Some("ref-1"));
    assert!(client.transport().session().unwrap().has_token());
    client
}

#[tokio::test]
async fn login_stores_tokens_and_requests_carry_the_bearer() {
    let server = login_server().await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .respond_with(ResponseTemplate::new(200).set_body_json(details_body()))
        .mount(&server)
        .await;

    let client = HostbillClient::with_session(server.uri()).unwrap();
    // Before logging in there is no token: an auth error, and nothing is sent.
    let err = client.get_details().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    assert!(server.received_requests().await.unwrap().is_empty());

    let client = logged_in(&server).await;
    let details = client.get_details().send().await.unwrap();
    assert_eq!(details.id, Some(26));

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].url.path(), "/login");
    assert_eq!(auth_of(&received[0]), None, "login carries no credentials");
    assert_eq!(received[1].url.path(), "/details");
    assert_eq!(auth_of(&received[1]), Some("Bearer tok-1"));
}

/// Mounts `/details` answering 401 to `tok-1` and 200 to `tok-2`, and `/token` exchanging
/// `ref-1` for `tok-2` after `delay`.
async fn mount_expiry(server: &MockServer, delay: Duration) {
    Mock::given(method("GET"))
        .and(path("/details"))
        .and(header("authorization", "Bearer tok-1"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": ["token expired"]})))
        .mount(server)
        .await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .and(header("authorization", "Bearer tok-2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(details_body()))
        .mount(server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .and(body_json(json!({"refresh_token": "ref-1"})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"token": "tok-2", "refresh": "ref-2"}))
                .set_delay(delay),
        )
        .mount(server)
        .await;
}

#[tokio::test]
async fn expired_token_is_refreshed_once_and_the_request_retried_once() {
    let server = login_server().await;
    mount_expiry(&server, Duration::ZERO).await;
    let client = logged_in(&server).await;

    let details = client.get_details().send().await.unwrap();
    assert_eq!(details.email.as_deref(), Some("jane@example.com"));

    let received = server.received_requests().await.unwrap();
    let seq: Vec<(&str, &str, Option<&str>)> = received
        .iter()
        .map(|r| (r.method.as_str(), r.url.path(), auth_of(r)))
        .collect();
    assert_eq!(
        seq,
        vec![
            ("POST", "/login", None),
            ("GET", "/details", Some("Bearer tok-1")),
            ("POST", "/token", None),
            ("GET", "/details", Some("Bearer tok-2")),
        ]
    );
    let refresh_body: serde_json::Value = serde_json::from_slice(&received[2].body).unwrap();
    assert_eq!(refresh_body, json!({"refresh_token": "ref-1"}));
    let session = client.transport().session().unwrap();
    assert_eq!(session.refresh_token().unwrap().expose(), "ref-2");
}

#[tokio::test]
async fn a_second_401_after_the_refresh_is_an_error_not_a_loop() {
    let server = login_server().await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": ["token expired"]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": "tok-2", "refresh": "ref-2"})),
        )
        .mount(&server)
        .await;
    let client = logged_in(&server).await;

    let err = client.get_details().send().await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");
    assert_eq!(err.codes(), ["token expired"]);
    let received = server.received_requests().await.unwrap();
    assert_eq!(count(&received, "POST", "/token"), 1, "one refresh");
    assert_eq!(count(&received, "GET", "/details"), 2, "one retry");
}

#[tokio::test]
async fn eight_concurrent_requests_during_one_expiry_share_one_refresh() {
    let server = login_server().await;
    // The slow refresh keeps the other requests waiting on the one in flight.
    mount_expiry(&server, Duration::from_millis(200)).await;
    let client = logged_in(&server).await;

    let calls = (0..8).map(|_| client.get_details().send());
    let results = futures_util::future::join_all(calls).await;
    for r in &results {
        assert_eq!(r.as_ref().unwrap().id, Some(26));
    }

    let received = server.received_requests().await.unwrap();
    assert_eq!(count(&received, "POST", "/token"), 1, "exactly one refresh");
    let with = |token: &str| {
        received
            .iter()
            .filter(|r| r.url.path() == "/details" && auth_of(r) == Some(token))
            .count()
    };
    assert_eq!(
        with("Bearer tok-2"),
        8,
        "every request retried with the new token"
    );
    assert!((1..=8).contains(&with("Bearer tok-1")));
    assert_eq!(
        count(&received, "GET", "/details"),
        8 + with("Bearer tok-1")
    );
}

#[tokio::test]
async fn logout_ends_the_session() {
    let server = login_server().await;
    Mock::given(method("POST"))
        .and(path("/logout"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": true})))
        .mount(&server)
        .await;
    let client = logged_in(&server).await;

    let out = client.logout().send().await.unwrap();
    assert_eq!(out.status, Some(true));
    assert!(!client.transport().session().unwrap().has_token());
    assert!(client
        .transport()
        .session()
        .unwrap()
        .refresh_token()
        .is_none());

    let err = client.get_details().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "nothing sent after logout");
    assert_eq!(received[1].url.path(), "/logout");
    assert_eq!(auth_of(&received[1]), Some("Bearer tok-1"));
}

#[tokio::test]
async fn revoke_ends_the_session() {
    let server = login_server().await;
    Mock::given(method("POST"))
        .and(path("/revoke"))
        .and(body_json(json!({"refresh_token": "ref-1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"status": true})))
        .mount(&server)
        .await;
    let client = logged_in(&server).await;

    let out = client.revoke().refresh_token("ref-1").send().await.unwrap();
    assert_eq!(out.status, Some(true));
    assert!(!client.transport().session().unwrap().has_token());

    let err = client.list_services().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "nothing sent after revoke");
    assert_eq!(auth_of(&received[1]), Some("Bearer tok-1"));
}

#[tokio::test]
async fn two_factor_login_is_a_distinct_outcome_without_a_session() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"token": null, "mfa": {"type": "totp", "required": true}})),
        )
        .mount(&server)
        .await;
    let client = HostbillClient::with_session(server.uri()).unwrap();

    let resp = client
        .login("jane@example.com", "pw-1")
        .send()
        .await
        .expect("a two-factor answer decodes; it is not an error");
    assert!(resp.token.is_none());
    assert!(resp.refresh.is_none());
    assert_eq!(resp.mfa, Some(json!({"type": "totp", "required": true})));
    assert!(!client.transport().session().unwrap().has_token());

    let err = client.get_details().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_two_factor_challenge_token_never_becomes_the_session() {
    // Real installations put the challenge's own token one level down.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "token": null, "refresh": null, "mfa": {"token": "mfa-challenge-1"}
        })))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .respond_with(ResponseTemplate::new(200).set_body_json(details_body()))
        .mount(&server)
        .await;
    let client = HostbillClient::with_session(server.uri()).unwrap();
    let resp = client
        .login("jane@example.com", "pw-1")
        .send()
        .await
        .unwrap();
    assert!(resp.token.is_none());
    assert!(resp.mfa.is_some());
    assert!(!client.transport().session().unwrap().has_token());

    let err = client.get_details().send().await.unwrap_err();
    assert!(matches!(err, Error::Auth { .. }), "{err}");
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "only the login went out");
    assert!(received.iter().all(|r| auth_of(r).is_none()));
}

#[tokio::test]
async fn basic_auth_sends_base64_of_user_and_password() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .respond_with(ResponseTemplate::new(200).set_body_json(details_body()))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/service"))
        .respond_with(ResponseTemplate::new(401).set_body_string("unauthorized"))
        .mount(&server)
        .await;
    let client = HostbillClient::with_basic(server.uri(), "Aladdin", "open sesame").unwrap();

    client.get_details().send().await.unwrap();
    // With Basic auth a 401 is an API error: there is no session to refresh.
    let err = client.list_services().send().await.unwrap_err();
    assert_eq!(err.status(), Some(401), "{err}");

    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 2, "no refresh attempt");
    for r in &received {
        // The example of the HostBill docs: base64("Aladdin:open sesame").
        assert_eq!(auth_of(r), Some("Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="));
    }
}
