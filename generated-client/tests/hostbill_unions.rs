//! HostBill members that are one of several JSON shapes, as unions, on the documented
//! payloads: a DNS record's `content` (text, or the parts of an `SRV` record), the values
//! of an upgrade request's `resources`, an order's `custom` values, and the upgrade
//! options' `package` map (which PHP sends as `[]` when empty). Request bodies are
//! compared byte for byte; answers are read leniently, as HostBill's are.

use std::collections::BTreeMap;

use generated_client::hostbill::{self as hb, HostbillClient};
use serde_json::{json, Value};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

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

/// The body of the one request the server got, as text.
async fn sent_body(server: &MockServer) -> String {
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1);
    String::from_utf8(reqs[0].body.clone()).unwrap()
}

#[tokio::test]
async fn dns_record_content_is_text_or_srv_parts_on_the_wire() {
    let records = "/service/10/dns/20/records";
    let (s, c) = serve("POST", records, json!({"record": {}, "info": []})).await;
    let body = hb::DnsRecordRequest::new()
        .with_name("")
        .with_ttl(3600)
        .with_priority(10)
        .with_type(hb::DnsRecordType::A)
        .with_content(hb::DnsRecordContent::Text("192.0.2.1".into()));
    c.create_dns_record(10, 20, body).send().await.unwrap();
    assert_eq!(
        sent_body(&s).await,
        r#"{"name":"","ttl":3600,"priority":10,"type":"A","content":"192.0.2.1"}"#
    );

    let (s, c) = serve("POST", records, json!({"record": {}, "info": []})).await;
    let parts = vec!["5".to_string(), "5060".into(), "sip.example.com".into()];
    let body = hb::DnsRecordRequest::new()
        .with_name("_sip._tcp")
        .with_ttl(3600)
        .with_priority(10)
        .with_type(hb::DnsRecordType::Srv)
        .with_content(hb::DnsRecordContent::from(parts));
    c.create_dns_record(10, 20, body).send().await.unwrap();
    assert_eq!(
        sent_body(&s).await,
        r#"{"name":"_sip._tcp","ttl":3600,"priority":10,"type":"SRV","content":["5","5060","sip.example.com"]}"#
    );
}

#[tokio::test]
async fn dns_record_content_decodes_from_the_documented_answers() {
    let rec = "/service/10/dns/20/records/55";
    // "Edit DNS Record": an `A` record with empty content (lenient: no value).
    let answer = json!({
        "record": {"id": "55", "type": "A", "ttl": "3600", "name": "test", "priority": 0, "content": ""},
        "info": ["The record was updated successfully."]
    });
    let (_s, c) = serve("PUT", rec, answer).await;
    let body = hb::DnsRecordRequest::new()
        .with_name("test")
        .with_ttl(3600)
        .with_priority(0)
        .with_type(hb::DnsRecordType::A)
        .with_content(hb::DnsRecordContent::Text(String::new()));
    let r = c
        .update_dns_record(10, 20, 55, body.clone())
        .send()
        .await
        .unwrap();
    let record = r.record.unwrap();
    assert_eq!((record.id, record.ttl), (Some(55), Some(3600)));
    assert_eq!(record.content, None);

    // "Add DNS Record" for `SRV`: an array (numbers read leniently as text), and text.
    for (content, expected) in [
        (
            json!(["10", 5060, "sip.example.com"]),
            hb::DnsRecordContent::Parts(vec!["10".into(), "5060".into(), "sip.example.com".into()]),
        ),
        (
            json!("192.0.2.7"),
            hb::DnsRecordContent::Text("192.0.2.7".into()),
        ),
        // No variant is a number: tried leniently, the text variant takes it.
        (json!(42), hb::DnsRecordContent::Text("42".into())),
    ] {
        let answer = json!({"record": {"name": "", "type": "SRV", "ttl": "3600", "priority": "10", "content": content}});
        let (_s, c) = serve("PUT", rec, answer).await;
        let r = c
            .update_dns_record(10, 20, 55, body.clone())
            .send()
            .await
            .unwrap();
        assert_eq!(r.record.unwrap().content, Some(expected));
    }

    // Lenient reading takes an object's values for a list (maps keyed by ids), so an
    // object fits `Parts`; an array holding an object fits no variant.
    let answer = json!({"record": {"content": {"0": "5"}}});
    let (_s, c) = serve("PUT", rec, answer).await;
    let r = c
        .update_dns_record(10, 20, 55, body.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.record.unwrap().content,
        Some(hb::DnsRecordContent::Parts(vec!["5".into()]))
    );
    let answer = json!({"record": {"content": [{"weight": 5}]}});
    let (_s, c) = serve("PUT", rec, answer).await;
    let err = c
        .update_dns_record(10, 20, 55, body)
        .send()
        .await
        .unwrap_err();
    assert_eq!(err.decode_path(), Some("record.content"));
    assert!(
        err.to_string()
            .ends_with("no variant of `DnsRecordContent` fits: as `DnsRecordContent::Parts`: [0]: invalid type: map, expected a string, number or boolean"),
        "{err}"
    );
}

#[tokio::test]
async fn upgrade_resources_take_each_documented_form() {
    let (s, c) = serve("POST", "/service/11/upgrade", json!({})).await;
    let mut item = BTreeMap::new();
    item.insert("10103".to_string(), "2".to_string());
    let mut resources = BTreeMap::new();
    resources.insert(
        "1557".to_string(),
        hb::UpgradeResourceValue::Value("9953".into()),
    );
    resources.insert(
        "1558".to_string(),
        hb::UpgradeResourceValue::Value("5".into()),
    );
    resources.insert(
        "1559".to_string(),
        hb::UpgradeResourceValue::ItemQuantity(item),
    );
    let body = hb::UpgradeRequest::new()
        .with_resources(resources)
        .with_send(true);
    c.request_upgrade(11, body).send().await.unwrap();
    assert_eq!(
        sent_body(&s).await,
        r#"{"resources":{"1557":"9953","1558":"5","1559":{"10103":"2"}},"send":true}"#
    );
}

#[tokio::test]
async fn upgrade_options_package_is_a_map_even_when_php_sends_an_empty_array() {
    // The documented answer of `GET /service/@id/upgrade`.
    let answer = json!({
        "resources": [{
            "id": 1557, "name": "Bandwidth", "type": "select",
            "items": [
                {"id": "9953", "name": "100 GB", "price": 1, "setup_price": 0, "selected": true},
                {"id": "10103", "name": "500 GB", "price": 5, "setup_price": 0, "selected": false}
            ]
        }],
        "package": []
    });
    let (_s, c) = serve("GET", "/service/11/upgrade", answer).await;
    let o = c.get_upgrade_options(11).send().await.unwrap();
    assert_eq!(o.package, Some(BTreeMap::new()));
    let items = &o.resources.unwrap()[0].items;
    assert_eq!(items.as_ref().unwrap()[1].id, Some(10103));

    let answer = json!({"resources": [], "package": {"12": {"name": "Pro"}}});
    let (_s, c) = serve("GET", "/service/11/upgrade", answer).await;
    let o = c.get_upgrade_options(11).send().await.unwrap();
    assert_eq!(o.package.unwrap()["12"], json!({"name": "Pro"}));

    let answer = json!({"package": "several"});
    let (_s, c) = serve("GET", "/service/11/upgrade", answer).await;
    let err = c.get_upgrade_options(11).send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("package"));
}

#[tokio::test]
async fn order_custom_values_are_quantities_or_text() {
    let (s, c) = serve("POST", "/order/9", json!({"order_num": 873340995})).await;
    // The docs' example: `"custom": {"1618": {"10330": 1}}`, and an input field's text.
    let mut disk = BTreeMap::new();
    disk.insert("10330".to_string(), hb::OrderCustomValue::Quantity(1));
    let mut hostname = BTreeMap::new();
    hostname.insert(
        "10400".to_string(),
        hb::OrderCustomValue::from("srv1".to_string()),
    );
    let mut custom = BTreeMap::new();
    custom.insert("1618".to_string(), disk);
    custom.insert("1619".to_string(), hostname);
    let body = hb::OrderProductRequest::new()
        .with_cycle("m")
        .with_pay_method(1)
        .with_domain("")
        .with_custom(custom)
        .with_promocode("T346F")
        .with_aff_id(55);
    c.order_product(9, body).send().await.unwrap();
    assert_eq!(
        sent_body(&s).await,
        r#"{"domain":"","cycle":"m","pay_method":1,"custom":{"1618":{"10330":1},"1619":{"10400":"srv1"}},"promocode":"T346F","aff_id":55}"#
    );
}
