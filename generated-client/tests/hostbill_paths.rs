//! String path parameters of HostBill routes (the ticket attachment `file`, the VM `vmid`)
//! are percent-encoded so that `../x`, `a/b`, `?` and `#` cannot change the route; a
//! segment that is exactly `.` or `..` is refused before anything is sent.

use generated_client::hostbill::HostbillClient;
use generated_client::Error;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    server
}

/// The raw path and query of the only request the server received (then forgets it).
async fn seen(server: &MockServer) -> (String, Option<String>) {
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let r = &received[0];
    let out = (r.url.path().to_owned(), r.url.query().map(str::to_owned));
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(server)
        .await;
    out
}

const CASES: [(&str, &str); 9] = [
    ("../x", "..%2Fx"),
    ("../../details", "..%2F..%2Fdetails"),
    ("a/b", "a%2Fb"),
    ("x?number=1", "x%3Fnumber%3D1"),
    ("x#frag", "x%23frag"),
    ("%2e%2e", "%252e%252e"),
    ("a b", "a%20b"),
    ("ü", "%C3%BC"),
    ("...", "..."),
];

#[tokio::test]
async fn attachment_file_cannot_change_the_route() {
    let server = server().await;
    // Under a base URL with a path prefix, as HostBill installations have.
    let base = format!("{}/api", server.uri());
    let client = HostbillClient::with_basic(base, "u", "p").unwrap();
    for (file, encoded) in CASES {
        client
            .get_ticket_attachment(file)
            .number(7)
            .send()
            .await
            .unwrap();
        let (path, query) = seen(&server).await;
        assert_eq!(
            path,
            format!("/api/ticket/attachment/{encoded}"),
            "{file:?}"
        );
        assert_eq!(query.as_deref(), Some("number=7"), "{file:?}");
    }
}

#[tokio::test]
async fn vmid_cannot_change_the_route() {
    let server = server().await;
    let client = HostbillClient::with_basic(server.uri(), "u", "p").unwrap();
    for (vmid, encoded) in CASES {
        let _ = client.get_vm(11, vmid).send().await.unwrap();
        let (path, query) = seen(&server).await;
        assert_eq!(path, format!("/service/11/vms/{encoded}"), "{vmid:?}");
        assert_eq!(query, None, "{vmid:?}");
        let _ = client.reboot_vm(11, vmid).send().await.unwrap();
        let (path, _) = seen(&server).await;
        assert_eq!(
            path,
            format!("/service/11/vms/{encoded}/reboot"),
            "{vmid:?}"
        );
    }
}

#[tokio::test]
async fn dot_segments_are_refused_without_sending() {
    let server = server().await;
    let client = HostbillClient::with_basic(server.uri(), "u", "p").unwrap();
    for bad in [".", ".."] {
        let err = client.get_ticket_attachment(bad).send().await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidRequest {
                    operation: "get_ticket_attachment",
                    ..
                }
            ),
            "{bad:?}: {err}"
        );
        let err = client.stop_vm(11, bad).send().await.unwrap_err();
        assert!(
            matches!(
                err,
                Error::InvalidRequest {
                    operation: "stop_vm",
                    ..
                }
            ),
            "{bad:?}: {err}"
        );
        assert!(err.to_string().contains("`.` or `..`"), "{err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
