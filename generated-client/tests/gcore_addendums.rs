//! `GET /billing/v1/org/addendums` (and the ordering / list filters of `GET /iam/clients`)
//! against a local server: the exact wire form of every query parameter, the `__from`/`__to`
//! ranges, the three date forms, typed filters and ordering, and the Addendum model.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use generated_client::gcore::{
    Addendum, AddendumStatus, Currency, GcoreClient, ListAddendumsOrdering, ListClientsOrdering,
    ProductId, ProductInternalName,
};
use generated_client::types::{DateOrDateTime, Order, Page, Range};
use generated_client::ClientConfig;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const ADDENDUMS: &str = include_str!("data/gcore_addendums.json");
const ADDENDUMS_PATH: &str = "/billing/v1/org/addendums";

fn client(server: &MockServer) -> GcoreClient {
    GcoreClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(GcoreClient::api_key_auth("s3cr3t")),
    )
    .unwrap()
}

fn d(s: &str) -> DateOrDateTime {
    s.parse().unwrap()
}

fn query_of(req: &Request) -> Vec<(String, String)> {
    req.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// A server answering every GET with an empty page; returns it and its base client.
async fn empty_page_server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "count": 0, "next": null, "previous": null, "results": []
        })))
        .mount(&server)
        .await;
    server
}

/// The query pairs of every request the server received, in order.
async fn sent_queries(server: &MockServer) -> Vec<Vec<(String, String)>> {
    server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(query_of)
        .collect()
}

#[tokio::test]
async fn every_documented_query_parameter_has_its_wire_form() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .and(header("authorization", "APIKey s3cr3t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "count": 0, "next": null, "previous": null, "results": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    let page: Page<Addendum> = client(&server)
        .list_addendums()
        .id(7)
        .plan_id(31)
        .status(AddendumStatus::Paused)
        .active_at(d("2024-05-30T12:00:00Z"))
        .active_from(d("2021-05-05"))
        .created_at(d("2021-05-05 12:00:00"))
        .active_from_range(Range::between(d("2021-01-01"), d("2021-12-31 23:59:59")))
        .active_to(d("2022-05-05T12:00:00+02:00"))
        .active_to_range(Range::between(d("2022-01-01T00:00:00Z"), d("2022-02-01")))
        .created_at_range(Range::between(
            d("2020-01-01 00:00:00"),
            d("2020-06-30T18:30:00Z"),
        ))
        .client_id(2001)
        .product_id(ProductId::FastEdge)
        .product_internal_name(ProductInternalName::InfrastructureProtection)
        .plan_name("CDN Pro & more")
        .client_company("ACME, Inc.")
        .plan_currency_char_code(Currency::Usd)
        .ordering(Order::Desc(ListAddendumsOrdering::CreatedAt))
        .limit(25)
        .offset(50)
        .send()
        .await
        .unwrap();
    assert_eq!(page.count, 0);

    // The 22 query parameters of README section 001, in wire form, each exactly once.
    let expected = pairs(&[
        ("id", "7"),
        ("plan_id", "31"),
        ("status", "paused"),
        ("active_at", "2024-05-30T12:00:00Z"),
        ("active_from", "2021-05-05"),
        ("created_at", "2021-05-05 12:00:00"),
        ("active_from__from", "2021-01-01"),
        ("active_from__to", "2021-12-31 23:59:59"),
        ("active_to", "2022-05-05T12:00:00+02:00"),
        ("active_to__from", "2022-01-01T00:00:00Z"),
        ("active_to__to", "2022-02-01"),
        ("created_at__from", "2020-01-01 00:00:00"),
        ("created_at__to", "2020-06-30T18:30:00Z"),
        ("client_id", "2001"),
        ("product_id", "21"),
        ("product_internal_name", "INFRASTRUCTURE_PROTECTION"),
        ("plan_name", "CDN Pro & more"),
        ("client_company", "ACME, Inc."),
        ("plan_currency_char_code", "USD"),
        ("ordering", "-created_at"),
        ("limit", "25"),
        ("offset", "50"),
    ]);
    let got = sent_queries(&server).await;
    assert_eq!(got.len(), 1);
    assert_eq!(got[0], expected);
    assert_eq!(expected.len(), 22);

    // The reserved characters really are percent-encoded on the wire (not merely decoded
    // back by a lenient parser): `&` and `,` inside values would otherwise split pairs.
    let raw = server.received_requests().await.unwrap()[0]
        .url
        .query()
        .unwrap()
        .to_owned();
    assert!(
        raw.contains("plan_name=CDN+Pro+%26+more")
            || raw.contains("plan_name=CDN%20Pro%20%26%20more"),
        "{raw}"
    );
    assert!(
        raw.contains("active_to=2022-05-05T12%3A00%3A00%2B02%3A00"),
        "{raw}"
    );
}

#[tokio::test]
async fn nothing_is_sent_for_unset_parameters() {
    let server = empty_page_server().await;
    client(&server).list_addendums().send().await.unwrap();
    assert_eq!(sent_queries(&server).await, vec![Vec::new()]);
}

#[tokio::test]
async fn one_range_call_sets_both_bounds_or_either_one() {
    let server = empty_page_server().await;
    let c = client(&server);
    // Both bounds with one call (also from a tuple).
    c.list_addendums()
        .created_at_range(Range::between(d("2021-05-05"), d("2021-06-05")))
        .send()
        .await
        .unwrap();
    c.list_addendums()
        .active_to_range((d("2021-05-05"), d("2021-06-05")))
        .send()
        .await
        .unwrap();
    // Only the lower bound.
    c.list_addendums()
        .active_from_range(Range::since(d("2021-05-05 12:00:00")))
        .send()
        .await
        .unwrap();
    // Only the upper bound.
    c.list_addendums()
        .active_from_range(Range::until(d("2021-05-05T12:00:00Z")))
        .send()
        .await
        .unwrap();
    // An empty range sends nothing; a later call replaces an earlier one.
    c.list_addendums()
        .active_to_range(Range::default())
        .created_at_range(Range::since(d("2020-01-01")))
        .created_at_range(Range::until(d("2020-12-31")))
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    assert_eq!(
        q,
        vec![
            pairs(&[
                ("created_at__from", "2021-05-05"),
                ("created_at__to", "2021-06-05")
            ]),
            pairs(&[
                ("active_to__from", "2021-05-05"),
                ("active_to__to", "2021-06-05")
            ]),
            pairs(&[("active_from__from", "2021-05-05 12:00:00")]),
            pairs(&[("active_from__to", "2021-05-05T12:00:00Z")]),
            pairs(&[("created_at__to", "2020-12-31")]),
        ]
    );
}

#[tokio::test]
async fn dates_are_sent_in_the_form_given() {
    let server = empty_page_server().await;
    let c = client(&server);
    let forms = [
        "2021-05-05",
        "2021-05-05 12:00:00",
        "2021-05-05T12:00:00Z",
        "2021-05-05T12:00:00+03:00",
        "2021-05-05T12:00:00.250Z",
    ];
    for form in forms {
        c.list_addendums()
            .active_from(d(form))
            .active_at(d(form))
            .send()
            .await
            .unwrap();
    }
    // Typed chrono values convert too, with the precision of their type.
    let date = NaiveDate::from_ymd_opt(2021, 5, 5).unwrap();
    let naive: NaiveDateTime = date.and_hms_opt(12, 0, 0).unwrap();
    let zoned: DateTime<FixedOffset> = "2021-05-05T12:00:00Z".parse().unwrap();
    c.list_addendums()
        .active_from(date)
        .created_at(naive)
        .active_to(zoned)
        .active_at(zoned.with_timezone(&chrono::Utc))
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    for (i, form) in forms.iter().enumerate() {
        assert_eq!(
            q[i],
            pairs(&[("active_at", form), ("active_from", form)]),
            "form {form}"
        );
    }
    assert_eq!(
        q[forms.len()],
        pairs(&[
            ("active_at", "2021-05-05T12:00:00Z"),
            ("active_from", "2021-05-05"),
            ("created_at", "2021-05-05 12:00:00"),
            ("active_to", "2021-05-05T12:00:00Z"),
        ])
    );
    // Anything else is refused when parsed, before a request is made.
    assert!("05/05/2021".parse::<DateOrDateTime>().is_err());
    assert!("2021-13-05".parse::<DateOrDateTime>().is_err());
}

#[tokio::test]
async fn status_product_and_currency_filters_are_typed() {
    let server = empty_page_server().await;
    let c = client(&server);
    for status in AddendumStatus::ALL {
        c.list_addendums()
            .status(status.clone())
            .send()
            .await
            .unwrap();
    }
    for product in ProductId::ALL {
        c.list_addendums()
            .product_id(*product)
            .send()
            .await
            .unwrap();
    }
    for name in ProductInternalName::ALL {
        c.list_addendums()
            .product_internal_name(name.clone())
            .send()
            .await
            .unwrap();
    }
    for currency in Currency::ALL {
        c.list_addendums()
            .plan_currency_char_code(currency.clone())
            .send()
            .await
            .unwrap();
    }
    // Values this client does not list still go through, unchanged.
    c.list_addendums()
        .status("archived")
        .product_id(23)
        .product_internal_name("QUANTUM")
        .plan_currency_char_code("GBP")
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    let values = |name: &str| -> Vec<String> {
        q.iter()
            .flat_map(|pairs| {
                pairs
                    .iter()
                    .filter(|(k, _)| k == name)
                    .map(|(_, v)| v.clone())
            })
            .collect()
    };
    assert_eq!(
        values("status"),
        ["active", "upcoming", "paused", "stopped", "archived"]
    );
    // Integer product IDs 1..=22 without 7 and 8, in table order.
    let ids: Vec<String> = (1..=22)
        .filter(|i| *i != 7 && *i != 8)
        .chain([23])
        .map(|i: i64| i.to_string())
        .collect();
    assert_eq!(values("product_id"), ids);
    assert_eq!(
        values("product_internal_name"),
        [
            "CDN",
            "STORAGE",
            "DDOS",
            "STREAMING",
            "CLOUD",
            "CONNECT",
            "INFRASTRUCTURE_PROTECTION",
            "DNS",
            "OTHER_SERVICES",
            "PREMIUM_SUPPORT",
            "CONNECTIVITY",
            "GHOST",
            "MANAGED_SERVICES",
            "RENT",
            "SOFTWARE_DEVELOPMENT",
            "VMWARE",
            "LAAS",
            "AWS_CLOUD",
            "FAST_EDGE",
            "TECHNICAL_SUPPORT",
            "QUANTUM",
        ]
    );
    assert_eq!(values("plan_currency_char_code"), ["EUR", "USD", "GBP"]);
    // The ID and internal-name enums describe the same 20 products.
    assert_eq!(ProductId::ALL.len(), 20);
    assert_eq!(ProductInternalName::ALL.len(), 20);
}

#[tokio::test]
async fn addendum_ordering_is_one_typed_field_asc_or_desc() {
    let server = empty_page_server().await;
    let c = client(&server);
    for field in ListAddendumsOrdering::ALL {
        c.list_addendums()
            .ordering(Order::Asc(field.clone()))
            .send()
            .await
            .unwrap();
        c.list_addendums()
            .ordering(Order::Desc(field.clone()))
            .send()
            .await
            .unwrap();
    }
    // The escape hatch: an unlisted field is sent as-is (and `-` still marks descending).
    c.list_addendums()
        .ordering(Order::Asc(ListAddendumsOrdering::from("plan_id")))
        .send()
        .await
        .unwrap();
    c.list_addendums()
        .ordering(Order::Desc(ListAddendumsOrdering::from("plan_id")))
        .send()
        .await
        .unwrap();
    // A second call replaces the first: the endpoint sorts by one field only.
    c.list_addendums()
        .ordering(Order::Asc(ListAddendumsOrdering::Id))
        .ordering(Order::Desc(ListAddendumsOrdering::Status))
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    let sent: Vec<String> = q
        .iter()
        .map(|pairs| {
            assert_eq!(pairs.len(), 1, "{pairs:?}");
            assert_eq!(pairs[0].0, "ordering");
            pairs[0].1.clone()
        })
        .collect();
    assert_eq!(
        sent,
        [
            "id",
            "-id",
            "status",
            "-status",
            "active_from",
            "-active_from",
            "active_to",
            "-active_to",
            "created_at",
            "-created_at",
            "plan_id",
            "-plan_id",
            "-status",
        ]
    );
    assert_eq!(
        ListAddendumsOrdering::from("plan_id"),
        ListAddendumsOrdering::Unknown("plan_id".into())
    );
    // Known wire names map back to their variants, not to `Unknown`.
    assert_eq!(
        ListAddendumsOrdering::from("active_to"),
        ListAddendumsOrdering::ActiveTo
    );
}

#[test]
fn the_ordering_escape_hatch_is_documented() {
    // The rustdoc of the generated `ordering` setter names the escape hatch.
    let source = include_str!("../src/generated/gcore/addendums.rs");
    let doc_of_ordering: Vec<&str> = source
        .lines()
        .skip_while(|l| !l.contains("Sorting by one field"))
        .take_while(|l| !l.contains("pub fn ordering"))
        .collect();
    let doc = doc_of_ordering.join("\n");
    assert!(doc.starts_with("    ///"), "{doc}");
    assert!(
        doc.contains("`ListAddendumsOrdering::from(\"plan_id\")` is\n    /// sent as-is"),
        "{doc}"
    );
}

#[tokio::test]
async fn client_ordering_takes_several_typed_fields() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let c = client(&server);
    // Every listed field, alternating direction, in one call.
    c.list_clients()
        .ordering(
            ListClientsOrdering::ALL
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    if i % 2 == 0 {
                        Order::Asc(f.clone())
                    } else {
                        Order::Desc(f.clone())
                    }
                })
                .collect::<Vec<_>>(),
        )
        .send()
        .await
        .unwrap();
    // Each listed field descending, plus an unlisted one, in one call.
    c.list_clients()
        .ordering(
            ListClientsOrdering::ALL
                .iter()
                .cloned()
                .map(Order::Desc)
                .chain([Order::Asc(ListClientsOrdering::from("last_login"))]),
        )
        .send()
        .await
        .unwrap();
    // An empty list sends nothing.
    c.list_clients()
        .ordering(Vec::<Order<ListClientsOrdering>>::new())
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    assert_eq!(
        q[0],
        pairs(&[("ordering", "id,-email,name,-status,companyName,-created_at")])
    );
    assert_eq!(
        q[1],
        pairs(&[(
            "ordering",
            "-id,-email,-name,-status,-companyName,-created_at,last_login"
        )])
    );
    assert_eq!(q[2], Vec::new());
}

#[tokio::test]
async fn comma_joined_filters_take_lists_of_typed_values() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let c = client(&server);
    c.list_clients()
        .id_in_exclude([1i64, 22, 333])
        .feature_id_in(vec![10u32, 20])
        .personal_product_availability(
            [ProductInternalName::Cdn, ProductInternalName::Cloud]
                .iter()
                .map(ToString::to_string),
        )
        .send()
        .await
        .unwrap();
    // Single values and other integer types convert; an empty list sends nothing.
    c.list_clients()
        .id_in_exclude(Some(5u8))
        .feature_id_in(Vec::<i64>::new())
        .personal_product_availability(["STREAMING"])
        .send()
        .await
        .unwrap();

    let q = sent_queries(&server).await;
    assert_eq!(
        q[0],
        pairs(&[
            ("id__in__exclude", "1,22,333"),
            ("feature_id_in", "10,20"),
            ("personal_product_availability", "CDN,CLOUD"),
        ])
    );
    assert_eq!(
        q[1],
        pairs(&[
            ("id__in__exclude", "5"),
            ("personal_product_availability", "STREAMING"),
        ])
    );
}

#[tokio::test]
async fn addendum_model_decodes_every_documented_shape() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(ADDENDUMS_PATH))
        .respond_with(ResponseTemplate::new(200).set_body_raw(ADDENDUMS, "application/json"))
        .mount(&server)
        .await;
    let page = client(&server)
        .list_addendums()
        .active_at(d("2021-06-01T00:00:00Z"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.count, 3);
    assert_eq!(page.next, None);
    assert_eq!(page.results.len(), 3);
    let [a, b, c] = &page.results[..] else {
        panic!("three addendums expected")
    };

    // First: product_id as a string, every nullable field null, status_at_active_at present.
    assert_eq!(a.id, 101);
    assert_eq!(a.client_id, 2001);
    assert_eq!(a.plan_id, 31);
    assert_eq!(a.status, AddendumStatus::Active);
    assert_eq!(a.active_from, d("2021-05-05T12:00:00Z"));
    assert_eq!(a.active_to, None);
    assert_eq!(a.created_at, d("2021-05-01T08:30:00.123456Z"));
    assert_eq!(a.previous_id, None);
    assert_eq!(a.plan_name_en, "CDN Pro");
    assert_eq!(a.plan_currency_char_code, Currency::Eur);
    assert_eq!(a.plan_currency_id, 1);
    assert_eq!(a.product_id, ProductId::Cdn);
    assert_eq!(a.product_internal_name, ProductInternalName::Cdn);
    assert_eq!(a.archived, None);
    assert_eq!(a.description, "");
    assert_eq!(a.status_at_active_at, Some(AddendumStatus::Upcoming));

    // Second: product_id as a number, nullable fields set, no status_at_active_at,
    // dates in the bare-date and space-separated forms.
    assert_eq!(b.status, AddendumStatus::Stopped);
    assert_eq!(b.product_id, ProductId::FastEdge);
    assert_eq!(b.product_internal_name, ProductInternalName::FastEdge);
    assert_eq!(b.plan_currency_char_code, Currency::Usd);
    assert_eq!(b.active_from, d("2021-05-05"));
    assert_eq!(b.active_to, Some(d("2022-05-05 00:00:00")));
    assert_eq!(b.created_at, d("2021-05-01"));
    assert_eq!(b.previous_id, Some(101));
    assert_eq!(b.archived, Some(true));
    assert_eq!(b.status_at_active_at, None);

    // Third: nullable fields absent altogether; unknown enum values are kept.
    assert_eq!(c.active_to, None);
    assert_eq!(c.previous_id, None);
    assert_eq!(c.archived, Some(false));
    assert_eq!(c.status, AddendumStatus::Unknown("hibernating".into()));
    assert_eq!(c.product_id, ProductId::Unknown(99));
    assert_eq!(
        c.product_internal_name,
        ProductInternalName::Unknown("QUANTUM".into())
    );
    assert_eq!(c.plan_currency_char_code, Currency::Unknown("GBP".into()));
    assert_eq!(c.active_from, d("2022-05-05T00:00:00+03:00"));

    // Dates serialize back in the form received; product_id goes back as a number and
    // an absent status_at_active_at stays absent.
    let back = serde_json::to_value(b).unwrap();
    assert_eq!(back["active_to"], "2022-05-05 00:00:00");
    assert_eq!(back["created_at"], "2021-05-01");
    assert_eq!(back["product_id"], 21);
    assert!(back.get("status_at_active_at").is_none());
}

#[tokio::test]
async fn addendum_missing_a_required_field_is_a_decode_error_with_its_path() {
    let server = MockServer::start().await;
    let mut body: serde_json::Value = serde_json::from_str(ADDENDUMS).unwrap();
    body["results"][1]
        .as_object_mut()
        .unwrap()
        .remove("plan_name_en");
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(&server)
        .await;
    let err = client(&server).list_addendums().send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("results[1]"), "{err}");
    assert!(err.to_string().contains("plan_name_en"), "{err}");
}
