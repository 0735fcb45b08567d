//! HostBill answers through real generated operations and models: lenient decoding of the
//! loose types real installations send, error arrays in HTTP 200 answers, raw attachment
//! bytes, and routes without a documented answer decoding into `serde_json::Value`.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};
use generated_client::hostbill::{self as hb, HostbillClient};
use generated_client::Error;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fixture(name: &str) -> Value {
    let file = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/hostbill")
        .join(name);
    serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn datetime(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A Basic-auth client to a server answering `m path` with `body` (HTTP 200).
async fn serve(m: &str, p: &str, body: Value) -> (MockServer, HostbillClient) {
    let server = MockServer::start().await;
    Mock::given(method(m))
        .and(path(p))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let client = HostbillClient::with_basic(server.uri(), "jane@example.com", "pw-1").unwrap();
    (server, client)
}

#[tokio::test]
async fn numbers_arrive_as_strings_or_numbers() {
    // `total` is "9.99" in one invoice of the list and 19.65 in the other; ids "308976" / 308977.
    let (_s, c) = serve("GET", "/invoice", fixture("invoices.json")).await;
    let list = c.list_invoices().send().await.unwrap();
    assert_eq!(list[0].total, Some(dec("9.99")));
    assert_eq!(list[1].total, Some(dec("19.65")));
    assert_eq!(list[0].id, Some(308976));
    assert_eq!(list[1].id, Some(308977));

    // The documented invoice: ids as strings, amounts as numbers, quantities as strings.
    let (_s, c) = serve("GET", "/invoice/308976", fixture("invoice.json")).await;
    let inv = c.get_invoice(308976).send().await.unwrap();
    assert_eq!(inv.id, Some(308976));
    assert_eq!(inv.total, Some(dec("19.65")));
    assert_eq!(inv.subtotal, Some(dec("16.24")));
    assert_eq!(inv.taxrate, Some(dec("21")));
    let items = inv.items.as_ref().unwrap();
    assert_eq!(items[1].item_id, Some(-2));
    assert_eq!(items[0].qty, Some(dec("1.00")));
    assert_eq!(items[0].linetotal, Some(dec("15.00")));
    assert_eq!(inv.client.as_ref().unwrap().id, Some(26));

    // A new ticket's number as a string.
    let (_s, c) = serve("POST", "/tickets", json!({"ticket": "865650"})).await;
    let created = c
        .create_ticket(
            hb::CreateTicketRequest::new()
                .with_dept_id(1)
                .with_subject("s")
                .with_body("b"),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(created.ticket, Some(865650));
}

#[tokio::test]
async fn zero_and_one_strings_are_flags() {
    let (_s, c) = serve("GET", "/invoice/308976", fixture("invoice.json")).await;
    let inv = c.get_invoice(308976).send().await.unwrap();
    assert_eq!(inv.taxexempt, Some(false), "\"0\"");
    assert_eq!(inv.items.unwrap()[0].taxed, Some(true), "\"1\"");

    let (_s, c) = serve(
        "GET",
        "/contact",
        json!({"contacts": [{"id": "1", "company": "1"}, {"id": 2, "company": "0"}]}),
    )
    .await;
    let contacts = c.list_contacts().send().await.unwrap();
    assert_eq!(contacts[0].company, Some(true));
    assert_eq!(contacts[1].company, Some(false));
}

#[tokio::test]
async fn dates_without_zone_date_only_and_zero_dates() {
    let (_s, c) = serve("GET", "/invoice", fixture("invoices.json")).await;
    let list = c.list_invoices().send().await.unwrap();
    // `YYYY-MM-DD HH:MM:SS` without a zone.
    assert_eq!(list[0].datepaid, Some(datetime("2016-12-30 12:40:47")));
    // Date-only values.
    assert_eq!(list[0].date, Some(date("2016-12-30")));
    assert_eq!(list[1].duedate, Some(date("2017-02-06")));
    // `0000-00-00 00:00:00` means "none".
    assert_eq!(list[1].datepaid, None);
    // `null` and `""` for an optional id are none too.
    assert_eq!(list[0].merge_id, None);
    assert_eq!(list[1].merge_id, None);

    let (_s, c) = serve(
        "GET",
        "/contact",
        json!({"contacts": [{"id": "1", "lastlogin": "0000-00-00 00:00:00"}]}),
    )
    .await;
    assert_eq!(c.list_contacts().send().await.unwrap()[0].lastlogin, None);
}

#[tokio::test]
async fn empty_php_array_stands_for_an_empty_map() {
    let (_s, c) = serve("GET", "/payment", json!({"payments": []})).await;
    let methods = c.list_payment_methods().send().await.unwrap();
    assert_eq!(methods.payments, Some(Default::default()));

    // In /quote, an item's `domains` map is `[]` when empty and keyed by name otherwise.
    let (_s, c) = serve("POST", "/quote", fixture("quote.json")).await;
    let quote = c
        .get_quote(
            hb::QuoteRequest::new()
                .with_pay_method(1)
                .with_items(vec![]),
        )
        .send()
        .await
        .unwrap();
    let items = quote.items.unwrap();
    assert!(items[0].domains.as_ref().unwrap().is_empty());
    assert_eq!(items[1].domains.as_ref().unwrap().len(), 1);
}

#[tokio::test]
async fn maps_keyed_by_ids_and_names() {
    let (_s, c) = serve(
        "GET",
        "/payment",
        json!({"payments": {"10": "BankTransfer", "9": "PayPal"}}),
    )
    .await;
    let methods = c
        .list_payment_methods()
        .send()
        .await
        .unwrap()
        .payments
        .unwrap();
    let ids: Vec<&str> = methods.keys().map(String::as_str).collect();
    assert_eq!(ids, ["10", "9"]);
    assert_eq!(methods["10"], "BankTransfer");

    let (_s, c) = serve("POST", "/quote", fixture("quote.json")).await;
    let quote = c
        .get_quote(
            hb::QuoteRequest::new()
                .with_pay_method(1)
                .with_items(vec![]),
        )
        .send()
        .await
        .unwrap();
    let items = quote.items.unwrap();
    let domain = &items[1].domains.as_ref().unwrap()["test.com"];
    assert_eq!(domain.category_id, Some(6), "\"6\"");
    assert_eq!(domain.price, Some(dec("12.00")));
    assert!(items[1].product.is_none());
    assert_eq!(quote.summary.unwrap().total, Some(dec("88.81")));
}

#[tokio::test]
async fn error_array_in_http_200_is_an_api_error_with_its_codes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"error": ["wronglogin"]})))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/service/10/dns"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"error": ["invalid method"]})),
        )
        .mount(&server)
        .await;
    let client = HostbillClient::with_session(server.uri()).unwrap();

    let err = client
        .login("jane@example.com", "Not-The-Pw-1")
        .send()
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Api { status: 200, .. }), "{err}");
    assert_eq!(err.codes(), ["wronglogin"]);
    assert_eq!(
        err.api_body().and_then(|b| b.error.clone()),
        Some(vec!["wronglogin".to_owned()])
    );
    assert!(err.to_string().contains("wronglogin"), "{err}");
    assert!(!client.transport().session().unwrap().has_token());

    // Also for a route answering `serde_json::Value`, and a code that is a sentence.
    let client = HostbillClient::with_basic(server.uri(), "jane@example.com", "pw-1").unwrap();
    let err = client.list_service_dns(10).send().await.unwrap_err();
    assert_eq!(err.status(), Some(200));
    assert_eq!(err.codes(), ["invalid method"]);
}

#[tokio::test]
async fn empty_error_arrays_are_not_errors() {
    // The documented /quote answer: every item carries `"error": []`.
    let (_s, c) = serve("POST", "/quote", fixture("quote.json")).await;
    let quote = c
        .get_quote(
            hb::QuoteRequest::new()
                .with_pay_method(1)
                .with_items(vec![]),
        )
        .send()
        .await
        .unwrap();
    let items = quote.items.unwrap();
    assert_eq!(items.len(), 2);
    assert!(items.iter().all(|i| i.error == Some(vec![])));

    // A top-level empty `error` is success too.
    let (_s, c) = serve(
        "PUT",
        "/tickets/5/close",
        json!({"status": true, "error": []}),
    )
    .await;
    assert_eq!(c.close_ticket(5).send().await.unwrap().status, Some(true));
}

#[tokio::test]
async fn ticket_attachment_is_raw_bytes_with_content_type() {
    let pdf: &[u8] = b"%PDF-1.4\n\x00\x01\x02\xff binary";
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/ticket/attachment/f123"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(pdf, "application/pdf"))
        .mount(&server)
        .await;
    let client = HostbillClient::with_basic(server.uri(), "jane@example.com", "pw-1").unwrap();

    let file = client
        .get_ticket_attachment("f123")
        .number(736633)
        .send()
        .await
        .unwrap();
    assert_eq!(file.content_type.as_deref(), Some("application/pdf"));
    assert_eq!(&file.bytes[..], pdf);
    let received = server.received_requests().await.unwrap();
    assert_eq!(received[0].url.query(), Some("number=736633"));
    let accept = received[0].headers.get("accept").unwrap().to_str().unwrap();
    assert_eq!(accept, "*/*");
}

/// Routes whose docs show no example answer (from the docs; `GET /service/@service_id/dns`
/// only shows the error answer).
const NO_RESPONSE_DOCUMENTED: [&str; 26] = [
    "list_logs",
    "get_affiliate_summary",
    "list_affiliate_campaigns",
    "list_affiliate_commissions",
    "list_affiliate_payouts",
    "list_affiliate_vouchers",
    "list_affiliate_commission_plans",
    "list_notifications",
    "list_new_notifications",
    "ack_notification",
    "list_statuses",
    "get_status",
    "list_ticket_departments",
    "request_upgrade",
    "list_vms",
    "get_vm",
    "create_vm",
    "stop_vm",
    "start_vm",
    "reboot_vm",
    "rescue_vm",
    "unrescue_vm",
    "rebuild_vm",
    "list_os_templates",
    "list_service_resources",
    "list_service_ips",
];

#[test]
fn undocumented_answers_have_no_response_type_in_the_spec() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let spec = codegen::load::load_dir(&root, "spec").expect("spec loads");
    let api = spec
        .apis
        .iter()
        .find(|a| a.name.wire == "hostbill")
        .unwrap();
    let untyped: BTreeSet<&str> = api
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .filter(|op| op.response.ty.is_none())
        .map(|op| op.name.wire.as_str())
        .collect();
    let mut expected: BTreeSet<&str> = NO_RESPONSE_DOCUMENTED.into_iter().collect();
    // No success body shown (only `{"error": ["invalid method"]}`), and DELETE of a record.
    expected.extend(["list_service_dns", "delete_dns_record"]);
    assert_eq!(untyped, expected);
}

#[tokio::test]
async fn undocumented_answers_decode_into_json_values() {
    let odd = json!({"whatever": [1, "two", {"three": null}], "n": "3"});
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_body_json(&odd))
        .mount(&server)
        .await;
    let c = HostbillClient::with_basic(server.uri(), "jane@example.com", "pw-1").unwrap();

    // Each binding is typed `Value`: a made-up struct would not compile here.
    let answers: Vec<Value> = vec![
        c.list_logs().send().await.unwrap(),
        c.get_affiliate_summary().send().await.unwrap(),
        c.list_notifications().send().await.unwrap(),
        c.ack_notification(1).send().await.unwrap(),
        c.get_status(1).send().await.unwrap(),
        c.list_ticket_departments().send().await.unwrap(),
        c.request_upgrade(1, hb::UpgradeRequest::new())
            .send()
            .await
            .unwrap(),
        c.get_vm(1, "v").send().await.unwrap(),
        c.stop_vm(1, "v").send().await.unwrap(),
        c.list_service_ips(1).send().await.unwrap(),
        c.list_service_dns(1).send().await.unwrap(),
        c.delete_dns_record(1, 2, 3).send().await.unwrap(),
    ];
    for a in answers {
        assert_eq!(a, odd, "the body is kept as it came");
    }
    // An empty body is JSON null rather than an error.
    server.reset().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    assert_eq!(c.start_vm(1, "v").send().await.unwrap(), Value::Null);
}

#[tokio::test]
async fn unwrapped_lists_decode_leniently_too() {
    // PHP sends a list keyed by ids as an object, and an empty list as `[]` or `{}`.
    let keyed = json!({"invoices": {
        "26": {"id": "26", "total": "9.99", "status": "Paid"},
        "27": {"id": 27, "total": 19.65, "status": "Unpaid"}
    }});
    let (_server, client) = serve("GET", "/invoice", keyed).await;
    let invoices = client.list_invoices().send().await.unwrap();
    assert_eq!(invoices.len(), 2);
    assert_eq!(invoices[0].id, Some(26));
    assert_eq!(invoices[1].total, Some(dec("19.65")));
    for empty in [json!({"invoices": []}), json!({"invoices": {}})] {
        let (_server, client) = serve("GET", "/invoice", empty).await;
        assert!(client.list_invoices().send().await.unwrap().is_empty());
    }
}
