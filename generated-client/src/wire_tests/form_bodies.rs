//! `fixtures/form_bodies`: form bodies as a local server receives them: the
//! `application/x-www-form-urlencoded` content type and the exact bytes, with nested
//! members and maps as bracketed keys, each list style, unset members left out, a `patch`
//! member cleared with an empty value, and an inline body with a list of objects.

use super::answering;
use crate::fixtures::form_bodies::*;
use crate::ClientConfig;
use serde_json::json;
use std::collections::BTreeMap;
use wiremock::MockServer;

fn client(server: &MockServer) -> FormBodiesClient {
    FormBodiesClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

/// The one request's path, content type and body.
async fn only_form(server: &MockServer) -> (String, String, String) {
    let reqs = server.received_requests().await.unwrap();
    assert_eq!(reqs.len(), 1, "one request");
    let r = &reqs[0];
    let ct = r
        .headers
        .get("content-type")
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let body = String::from_utf8(r.body.clone()).unwrap();
    (r.url.path().to_string(), ct, body)
}

const FORM: &str = "application/x-www-form-urlencoded";

#[tokio::test]
async fn nested_members_maps_and_bracketed_lists() {
    let server = answering(200, json!({"id": "cus_1", "email": "a@b.c"})).await;
    let metadata = BTreeMap::from([
        ("plan".to_string(), "pro plan".to_string()),
        ("a&b".to_string(), "x=y".to_string()),
    ]);
    let body = CustomerInput::new("a@b.c")
        .with_metadata(metadata)
        .with_address(Address::new("1 Main St").with_city("Oslo"))
        .with_expand(vec!["sources".to_string(), "tax".to_string()])
        .with_balance(-5)
        .with_tax_exempt(true);
    let customer = client(&server).create_customer(body).send().await.unwrap();
    assert_eq!(customer.id, "cus_1");
    let (path, ct, body) = only_form(&server).await;
    assert_eq!((path.as_str(), ct.as_str()), ("/customers", FORM));
    assert_eq!(
        body,
        "email=a%40b.c&metadata%5Ba%26b%5D=x%3Dy&metadata%5Bplan%5D=pro+plan\
         &address%5Bline1%5D=1+Main+St&address%5Bcity%5D=Oslo\
         &expand%5B%5D=sources&expand%5B%5D=tax&balance=-5&tax_exempt=true"
    );
}

#[tokio::test]
async fn repeated_lists_and_a_cleared_patch_member() {
    let server = answering(200, json!({"id": "cus_1", "email": "a@b.c"})).await;
    let body = CustomerUpdate::new()
        .with_description_null()
        .with_tags(vec!["a b".to_string(), "c".to_string()]);
    client(&server)
        .update_customer("cus_1", body)
        .send()
        .await
        .unwrap();
    let (path, ct, body) = only_form(&server).await;
    assert_eq!((path.as_str(), ct.as_str()), ("/customers/cus_1", FORM));
    assert_eq!(body, "description=&tags=a+b&tags=c");
}

#[tokio::test]
async fn an_absent_patch_member_is_left_out() {
    let server = answering(200, json!({"id": "cus_1", "email": "a@b.c"})).await;
    let body = CustomerUpdate::new().with_description("VIP");
    client(&server)
        .update_customer("cus_1", body)
        .send()
        .await
        .unwrap();
    let (_, _, body) = only_form(&server).await;
    assert_eq!(body, "description=VIP");
}

#[tokio::test]
async fn an_inline_body_with_indexed_objects() {
    let server = answering(200, json!({"id": "in_1"})).await;
    let items = vec![LineItem::new("price_1", 2), LineItem::new("price_2", 1)];
    let builder = client(&server).create_invoice("cus_1", items);
    let pairs = builder.to_request().unwrap().body_form().unwrap();
    assert_eq!(
        pairs[1],
        ("items[0][price]".to_string(), "price_1".to_string())
    );
    builder.send().await.unwrap();
    let (path, ct, body) = only_form(&server).await;
    assert_eq!((path.as_str(), ct.as_str()), ("/invoices", FORM));
    assert_eq!(
        body,
        "customer=cus_1&items%5B0%5D%5Bprice%5D=price_1&items%5B0%5D%5Bquantity%5D=2\
         &items%5B1%5D%5Bprice%5D=price_2&items%5B1%5D%5Bquantity%5D=1"
    );
}
