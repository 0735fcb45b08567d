//! `fixtures/unions`: untagged and tagged unions in request bodies and responses.

use super::{answering, only_request};
use crate::fixtures::unions::*;
use crate::{ClientConfig, Error};
use serde_json::json;

fn client(server: &wiremock::MockServer) -> UnionsClient {
    UnionsClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

fn charge() -> serde_json::Value {
    json!({"id": "ch_1", "customer": "cus_1", "quantity": null})
}

#[tokio::test]
async fn request_bodies_carry_each_variant_in_its_own_form() {
    let server = answering(200, charge()).await;
    let body = ChargeInput::new(
        CustomerRef::Id("cus_1".into()),
        PaymentSource::Card(Card::new("4242")),
    )
    .with_label(Label::String("gift".into()));
    client(&server).create_charge(body).send().await.unwrap();
    let (method, target, body) = only_request(&server).await;
    assert_eq!((method.as_str(), target.as_str()), ("POST", "/charges"));
    assert_eq!(
        body,
        r#"{"customer":"cus_1","source":{"object":"card","last4":"4242"},"label":"gift"}"#
    );

    let server = answering(200, charge()).await;
    let mut names = std::collections::BTreeMap::new();
    names.insert("de".to_string(), "Geschenk".to_string());
    let body = ChargeInput::new(
        CustomerRef::Expanded(Customer::new("cus_2").with_email("a@example.com")),
        PaymentSource::BankAccount(BankAccount::new("DE00").with_holder("Ada")),
    )
    .with_label(Label::from(names));
    client(&server).create_charge(body).send().await.unwrap();
    let (_, _, body) = only_request(&server).await;
    assert_eq!(
        body,
        r#"{"customer":{"id":"cus_2","email":"a@example.com"},"source":{"object":"bank_account","iban":"DE00","holder":"Ada"},"label":{"de":"Geschenk"}}"#
    );
}

#[tokio::test]
async fn the_tag_replaces_what_the_model_holds_in_its_place() {
    let server = answering(200, charge()).await;
    let mut card = Card::new("4242");
    card.object = Some("not-a-card".into());
    let body = ChargeInput::new(CustomerRef::Id("c".into()), PaymentSource::Card(card));
    client(&server).create_charge(body).send().await.unwrap();
    let (_, _, body) = only_request(&server).await;
    assert_eq!(
        body,
        r#"{"customer":"c","source":{"object":"card","last4":"4242"}}"#
    );
}

#[tokio::test]
async fn responses_decode_by_shape_and_by_tag() {
    let server = answering(
        200,
        json!({
            "id": "ch_1",
            "customer": {"id": "cus_1"},
            "source": {"object": "card", "last4": "4242"},
            "labels": ["a", {"en": "b"}],
            "quantity": 2.5
        }),
    )
    .await;
    let c = client(&server).get_charge("ch_1").send().await.unwrap();
    assert!(matches!(&c.customer, CustomerRef::Expanded(x) if x.id == "cus_1"));
    assert!(matches!(&c.source, Some(PaymentSource::Card(card)) if card.last4 == "4242"));
    assert_eq!(c.source.as_ref().and_then(|s| s.tag()), Some("card"));
    let labels = c.labels.unwrap();
    assert_eq!(labels[0], Label::String("a".into()));
    assert!(matches!(&labels[1], Label::StringMap(m) if m["en"] == "b"));
    assert_eq!(c.quantity, Some(Quantity::Number(2.5)));

    for (q, expected) in [
        (json!(3), Quantity::Integer(3)),
        (json!(true), Quantity::Boolean(true)),
        (json!([1, 2]), Quantity::IntegerList(vec![1, 2])),
    ] {
        let server = answering(200, json!({"id": "x", "customer": "c", "quantity": q})).await;
        let c = client(&server).get_charge("x").send().await.unwrap();
        assert_eq!(c.quantity, Some(expected));
    }
}

#[tokio::test]
async fn an_unknown_tag_is_kept_and_sent_back_unchanged() {
    let source = r#"{"object":"sepa_debit","mandate":{"z":1,"a":[true,null]},"last4":"0000"}"#;
    let server = answering(
        200,
        json!({"id": "ch_1", "customer": "c", "quantity": null,
               "source": serde_json::from_str::<serde_json::Value>(source).unwrap()}),
    )
    .await;
    let c = client(&server).get_charge("ch_1").send().await.unwrap();
    let kept = c.source.unwrap();
    assert!(matches!(kept, PaymentSource::Unknown(_)), "{kept:?}");
    assert_eq!(kept.tag(), Some("sepa_debit"));

    let server = answering(200, charge()).await;
    let body = ChargeInput::new(CustomerRef::Id("c".into()), kept);
    client(&server).create_charge(body).send().await.unwrap();
    let (_, _, body) = only_request(&server).await;
    assert_eq!(body, format!(r#"{{"customer":"c","source":{source}}}"#));
}

#[tokio::test]
async fn decode_failures_name_the_path_the_variant_and_why() {
    let server = answering(200, json!({"id": "x", "customer": 7, "quantity": null})).await;
    let err = client(&server).get_charge("x").send().await.unwrap_err();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert_eq!(err.decode_path(), Some("customer"));
    // serde_json adds where in the body text the value ends.
    assert!(
        err.to_string().starts_with(
            "get_charge: customer: `CustomerRef` expects a string (`Id`), an object (`Expanded`); found number `7`"
        ),
        "{err}"
    );

    let server = answering(
        200,
        json!({"id": "x", "customer": "c", "quantity": null,
               "source": {"object": "card", "last4": 4242}}),
    )
    .await;
    let err = client(&server).get_charge("x").send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("source"));
    assert!(
        err.to_string().contains(
            "as `PaymentSource::Card` (object \"card\"): last4: invalid type: integer `4242`, expected a string"
        ),
        "{err}"
    );

    let server = answering(
        200,
        json!([{"type": "created", "at": "2021-05-05T12:00:00Z"}, {"type": "archived"}]),
    )
    .await;
    let err = client(&server).list_events().send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("[1]"));
    assert!(
        err.to_string().contains(
            "type: unknown `Event` variant \"archived\", expected one of \"created\", \"deleted\""
        ),
        "{err}"
    );
}

#[tokio::test]
async fn closed_tagged_unions_decode_known_tags() {
    let server = answering(
        200,
        json!([{"type": "created", "at": "2021-05-05T12:00:00Z"}, {"type": "deleted"}]),
    )
    .await;
    let events = client(&server).list_events().send().await.unwrap();
    assert!(
        matches!(&events[0], Event::Created(c) if c.at.to_rfc3339() == "2021-05-05T12:00:00+00:00")
    );
    assert!(matches!(&events[1], Event::Removed(d) if d.reason.is_none()));
    assert_eq!(events[1].tag(), "deleted");
}

#[tokio::test]
async fn a_union_in_a_cycle_decodes_through_the_box() {
    let server = answering(
        200,
        json!({"name": "root", "first": {"name": "sub", "rest": ["leaf"]}, "rest": ["a"]}),
    )
    .await;
    let t = client(&server).get_tree().send().await.unwrap();
    let Some(first) = t.first.as_deref() else {
        panic!("first is set")
    };
    assert!(matches!(first, Node::Tree(sub) if sub.rest == [Node::String("leaf".into())]));
    assert_eq!(t.rest, [Node::String("a".into())]);
}
