//! `fixtures/patch`: partial-update members, absent, `null` or a value, exactly as sent.

use super::{answering, only_request};
use crate::fixtures::patch::*;
use crate::types::Patch;
use crate::ClientConfig;
use serde_json::json;

fn client(server: &wiremock::MockServer) -> PatchClient {
    PatchClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

async fn sent(body: ContactPatch) -> String {
    let server = answering(200, json!({"id": 5, "phone": null})).await;
    client(&server)
        .update_contact(5, body)
        .send()
        .await
        .unwrap();
    let (method, target, body) = only_request(&server).await;
    assert_eq!((method.as_str(), target.as_str()), ("PATCH", "/contacts/5"));
    body
}

#[tokio::test]
async fn absent_null_and_value_are_three_bodies() {
    assert_eq!(sent(ContactPatch::new()).await, "{}");
    assert_eq!(
        sent(ContactPatch::new().with_manager_null()).await,
        r#"{"manager":null}"#
    );
    assert_eq!(
        sent(ContactPatch::new().with_manager(1)).await,
        r#"{"manager":1}"#
    );
    let at = chrono::NaiveDate::from_ymd_opt(2021, 5, 5)
        .unwrap()
        .and_hms_opt(12, 0, 0)
        .unwrap();
    assert_eq!(
        sent(
            ContactPatch::new()
                .with_email("a@example.com")
                .with_phone_null()
                .with_seen(at)
                .with_tags(vec!["x".to_string()])
        )
        .await,
        r#"{"email":"a@example.com","phone":null,"seen":"2021-05-05 12:00:00","tags":["x"]}"#
    );
    assert_eq!(
        sent(ContactPatch::new().with_seen_null().with_tags_null()).await,
        r#"{"seen":null,"tags":null}"#
    );
}

#[tokio::test]
async fn inline_bodies_have_value_and_null_setters() {
    let server = answering(200, json!({"id": 5, "phone": null})).await;
    client(&server)
        .patch_contact_inline(5)
        .phone_null()
        .manager(7)
        .send()
        .await
        .unwrap();
    let (_, target, body) = only_request(&server).await;
    assert_eq!(target, "/contacts/5/inline");
    assert_eq!(body, r#"{"phone":null,"manager":7}"#);
}

#[test]
fn decoding_tells_the_three_states_apart() {
    let p: ContactPatch = serde_json::from_str(r#"{"phone":null,"manager":3}"#).unwrap();
    assert_eq!(p.phone, Patch::Null);
    assert_eq!(p.manager, Patch::Value(3));
    assert_eq!(p.seen, Patch::Absent);
    assert_eq!(
        serde_json::to_string(&p).unwrap(),
        r#"{"phone":null,"manager":3}"#
    );
}
