//! HostBill passwords and tokens never show in `Debug` output, errors or logs: the spec marks
//! them `secret: true`, so request builders, bodies and responses print `[redacted]`.
//!
//! One test only, because a tracing subscriber scoped to one test misses events when other
//! tests of the same binary run in parallel.

use std::io::Write;
use std::sync::{Arc, Mutex};

use generated_client::hostbill::{self as hb, HostbillClient};
use generated_client::Error;
use serde_json::json;
use wiremock::matchers::{body_json, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const PASSWORD: &str = "Pw-login-91f3";
const TOKEN: &str = "Tok-access-5b2e";
const REFRESH: &str = "Tok-refresh-c7a1";
const TOKEN2: &str = "Tok-access2-88d0";
const REFRESH2: &str = "Tok-refresh2-0e4f";
const CONTACT_PW: &str = "Pw-contact-3a9b";
const ROOT_PW: &str = "Pw-root-d41c";
const ALL: [&str; 7] = [
    PASSWORD, TOKEN, REFRESH, TOKEN2, REFRESH2, CONTACT_PW, ROOT_PW,
];

fn assert_clean(what: &str, text: &str) {
    for s in ALL {
        assert!(!text.contains(s), "{what} shows a secret: {text}");
    }
}

fn assert_error_clean(err: &Error<hb::HostbillError>) {
    assert_clean("error Display", &err.to_string());
    assert_clean("error Debug", &format!("{err:?}"));
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        assert_clean("error source", &format!("{s} {s:?}"));
        source = s.source();
    }
}

fn contact() -> hb::CreateContactRequest {
    hb::CreateContactRequest::new()
        .with_privileges(hb::ContactPrivileges::new())
        .with_type(hb::AccountType::Private)
        .with_firstname("John")
        .with_lastname("Doe")
        .with_phonenumber("")
        .with_email("john@example.com")
        .with_companyname("")
        .with_address1("")
        .with_address2("")
        .with_city("")
        .with_state("")
        .with_postcode("")
        .with_country("US")
        .with_password(CONTACT_PW)
}

async fn scenario() -> usize {
    let server = MockServer::start().await;
    let c = HostbillClient::with_session(server.uri()).unwrap();

    // Builders and request bodies.
    let login = c.login("jane@example.com", PASSWORD);
    assert_clean("login builder", &format!("{login:?}"));
    assert!(format!("{login:?}").contains("[redacted]"));
    assert_clean(
        "login request",
        &format!("{:?}", login.to_request().unwrap()),
    );
    assert_clean(
        "refresh builder",
        &format!("{:?}", c.refresh_token(REFRESH)),
    );
    assert_clean(
        "revoke builder",
        &format!("{:?}", c.revoke().refresh_token(REFRESH)),
    );
    assert_clean(
        "contact builder",
        &format!("{:?}", c.create_contact(contact())),
    );
    let vm = hb::CreateVmRequest::new()
        .with_label("l")
        .with_template("t")
        .with_flavor("f")
        .with_disk("10")
        .with_security_group("g")
        .with_keypair("k")
        .with_password(ROOT_PW);
    assert_clean("vm builder", &format!("{:?}", c.create_vm(1, vm.clone())));
    // ... while the wire still carries the real values.
    assert_eq!(serde_json::to_value(&vm).unwrap()["password"], ROOT_PW);
    assert_eq!(
        serde_json::to_value(contact()).unwrap()["password"],
        CONTACT_PW
    );

    // A failing login: HTTP 200 with `wronglogin`, an HTTP 401 and a 500 page that echoes
    // the submitted password and username.
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "wrong@example.com", "password": PASSWORD}),
        ))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": ["wronglogin"]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "locked@example.com", "password": PASSWORD}),
        ))
        .respond_with(ResponseTemplate::new(401).set_body_json(json!({"error": ["locked"]})))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "echo@example.com", "password": PASSWORD}),
        ))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_string(format!("Fatal error: login(echo@example.com, {PASSWORD})")),
        )
        .mount(&server)
        .await;
    // ... and an error array that quotes it.
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "codes@example.com", "password": PASSWORD}),
        ))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"error": [format!("wrong password {PASSWORD}")]})),
        )
        .mount(&server)
        .await;
    for user in [
        "wrong@example.com",
        "locked@example.com",
        "echo@example.com",
        "codes@example.com",
    ] {
        let err = c.login(user, PASSWORD).send().await.unwrap_err();
        assert!(matches!(err, Error::Api { .. }), "{err}");
        assert_error_clean(&err);
        if user == "codes@example.com" {
            assert_eq!(err.codes(), ["wrong password [redacted]"]);
            let decoded = err.api_body().and_then(|b| b.error.clone());
            assert_eq!(decoded, Some(vec!["wrong password [redacted]".to_owned()]));
        }
    }
    // The same login against a closed port: a transport error.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = l.local_addr().unwrap().port();
        drop(l);
        format!("http://127.0.0.1:{port}")
    };
    let offline = HostbillClient::with_session(closed).unwrap();
    let err = offline
        .login("jane@example.com", PASSWORD)
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Transport { .. }), "{err}");
    assert_error_clean(&err);

    // A successful login and refresh: responses and the client print no token.
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(body_json(
            json!({"username": "jane@example.com", "password": PASSWORD}),
        ))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": TOKEN, "refresh": REFRESH})),
        )
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/token"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"token": TOKEN2, "refresh": REFRESH2})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/details"))
        .respond_with(
            ResponseTemplate::new(500)
                .set_body_string(format!("debug: bearer {TOKEN2} refresh {REFRESH2}")),
        )
        .mount(&server)
        .await;
    let resp = c.login("jane@example.com", PASSWORD).send().await.unwrap();
    assert_eq!(resp.token.as_ref().unwrap().expose(), TOKEN);
    assert_clean("login response", &format!("{resp:?}"));
    let tokens = c.refresh_token(REFRESH).send().await.unwrap();
    assert_eq!(tokens.refresh.as_ref().unwrap().expose(), REFRESH2);
    assert_clean("token response", &format!("{tokens:?}"));
    assert_clean("client", &format!("{c:?}"));
    // An error page that echoes the session tokens is scrubbed.
    let err = c.get_details().send().await.unwrap_err();
    assert_eq!(err.status(), Some(500));
    assert!(err.raw_body().unwrap().contains("[redacted]"));
    assert_error_clean(&err);
    let received = server.received_requests().await.unwrap();
    received.iter().filter(|r| r.url.path() == "/login").count()
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
fn secrets_never_in_debug_errors_or_logs() {
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
    let sent = tracing::subscriber::with_default(subscriber, || runtime.block_on(scenario()));
    assert_eq!(
        sent, 5,
        "four failed logins and one that worked reached the server"
    );
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("operation=\"login\""), "{logs}");
    assert!(logs.contains("wronglogin"), "failures are logged: {logs}");
    assert_clean("logs", &logs);
}
