//! Credentials stay out of errors in every form a server may echo them back in
//! (JSON-escaped, PHP's `\/`, base64 in an echoed header), and an in-band "expired" code
//! that is not about the session never makes a POST go out twice.

use generated_client::hostbill::{CreateOrderRequest, HostbillClient};
use generated_client::{ClientConfig, Error, RetryPolicy};
use wiremock::matchers::{method, path};
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
async fn escaped_echoes_of_a_login_password_are_scrubbed() {
    let server = MockServer::start().await;
    // PHP's json_encode escapes `/` as `\/`, and `"` and `\` as JSON does.
    let echoed = format!(
        "{{\"error\": [\"wronglogin\"], \"password\": {}}}",
        serde_json::to_string(PASSWORD).unwrap().replace('/', "\\/")
    );
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(ResponseTemplate::new(500).set_body_raw(echoed, "application/json"))
        .mount(&server)
        .await;
    let client = HostbillClient::with_session(server.uri()).unwrap();
    let err = client
        .login("jane@example.com", PASSWORD)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.raw_body().unwrap().contains("[redacted]"));
    assert_no_password(&all_text(&err));
}

#[tokio::test]
async fn basic_credentials_echoed_as_a_header_are_scrubbed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(|req: &wiremock::Request| {
            let auth = req
                .headers
                .get("authorization")
                .unwrap()
                .to_str()
                .unwrap()
                .to_string();
            ResponseTemplate::new(502)
                .set_body_string(format!("proxy error; request had Authorization: {auth}"))
        })
        .mount(&server)
        .await;
    let config = ClientConfig::new()
        .base_url(server.uri())
        .auth(HostbillClient::basic_auth("jane@example.com", PASSWORD))
        .retry(RetryPolicy::none());
    let err = HostbillClient::new(config)
        .unwrap()
        .get_details()
        .send()
        .await
        .unwrap_err();
    let text = all_text(&err);
    assert!(text.contains("Authorization: Basic [redacted]"), "{text}");
    assert_no_password(&text);
}

#[tokio::test]
async fn an_unrelated_expired_code_does_not_resend_a_post() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"token": "tok-1", "refresh": "ref-1"})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/order"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"error": ["Credit card expired"]})),
        )
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(ResponseTemplate::new(500))
        .expect(0)
        .mount(&server)
        .await;
    let client = HostbillClient::with_session(server.uri()).unwrap();
    client
        .login("jane@example.com", PASSWORD)
        .send()
        .await
        .unwrap();
    let err = client
        .create_order(
            CreateOrderRequest::new()
                .with_pay_method(1)
                .with_items(vec![]),
        )
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.codes(), ["Credit card expired"]);
    server.verify().await;
}
