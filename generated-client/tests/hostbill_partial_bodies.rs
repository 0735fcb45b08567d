//! HostBill's docs mark no request field as required, so request bodies carry only what the
//! caller sets: editing one member of a DNS record, or creating a contact or a VM with a few
//! fields, sends exactly those members.

use generated_client::hostbill::{
    CreateContactRequest, CreateVmRequest, DnsRecordContent, DnsRecordRequest, HostbillClient,
};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn body_sent(call: impl std::future::Future<Output = ()>, server: &MockServer) -> String {
    call.await;
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    let body = String::from_utf8(received[0].body.clone()).unwrap();
    server.reset().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(server)
        .await;
    body
}

#[tokio::test]
async fn only_the_members_set_are_sent() {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let hb = HostbillClient::with_basic(server.uri(), "jane@example.com", "pw-1").unwrap();

    let edit = DnsRecordRequest::new().with_content(DnsRecordContent::Text("192.0.2.7".into()));
    let sent = body_sent(
        async {
            hb.update_dns_record(10, 20, 30, edit).send().await.unwrap();
        },
        &server,
    )
    .await;
    assert_eq!(sent, r#"{"content":"192.0.2.7"}"#);

    let contact = CreateContactRequest::new().with_email("john@example.com");
    let sent = body_sent(
        async {
            hb.create_contact(contact).send().await.unwrap();
        },
        &server,
    )
    .await;
    assert_eq!(sent, r#"{"email":"john@example.com"}"#);

    let vm = CreateVmRequest::new()
        .with_label("web1")
        .with_template("tpl-1");
    let sent = body_sent(
        async {
            hb.create_vm(11, vm).send().await.unwrap();
        },
        &server,
    )
    .await;
    assert_eq!(sent, r#"{"label":"web1","template":"tpl-1"}"#);
}
