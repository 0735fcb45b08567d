//! `fixtures/struct_fields`: a request model built with `new` and its setters, defaults and
//! renamed members included, exactly as sent.

use super::{answering, only_request};
use crate::fixtures::struct_fields::*;
use crate::ClientConfig;
use serde_json::json;

async fn sent(body: Presence) -> String {
    let answer = json!({
        "always": "a", "maybe_null": null, "with_default": 3, "companyName": "c",
        "type": "t", "odd-name": "o", "key": "k", "token": "s"
    });
    let server = answering(200, answer).await;
    let client = StructFieldsClient::new(ClientConfig::new().base_url(server.uri())).unwrap();
    let back = client.save_presence(body).send().await.unwrap();
    assert_eq!(back.with_default, 3);
    let (method, target, body) = only_request(&server).await;
    assert_eq!((method.as_str(), target.as_str()), ("POST", "/presence"));
    body
}

#[tokio::test]
async fn new_starts_a_defaulted_member_at_its_default_and_its_setter_replaces_it() {
    let body = || Presence::new("a", "c", "t", "o", "k", "s");
    assert_eq!(body().with_default, 10);
    assert_eq!(
        sent(body()).await,
        r#"{"always":"a","maybe_null":null,"with_default":10,"companyName":"c","type":"t","odd-name":"o","key":"k","token":"s"}"#
    );
    assert_eq!(
        sent(body().with_with_default(7).with_maybe_absent("m")).await,
        r#"{"always":"a","maybe_absent":"m","maybe_null":null,"with_default":7,"companyName":"c","type":"t","odd-name":"o","key":"k","token":"s"}"#
    );
}
