//! `GET /iam/clients` end to end against a local server: the exact request (every query
//! parameter's wire form, the auth header), both response shapes, unknown enum values,
//! and the page stream.

use chrono::{DateTime, FixedOffset};
use generated_client::gcore::{
    ClientStatus, ClientType, GcoreClient, ListClientsOrdering, ServiceStatus,
};
use generated_client::types::{Listing, Order, Range, TriState};
use generated_client::ClientConfig;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

const CLIENT: &str = include_str!("data/gcore_client.json");

fn client(server: &MockServer) -> GcoreClient {
    GcoreClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(GcoreClient::api_key_auth("s3cr3t")),
    )
    .unwrap()
}

fn client_json(id: u64) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(CLIENT).unwrap();
    v["id"] = id.into();
    v
}

fn query_of(req: &Request) -> Vec<(String, String)> {
    req.url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

#[tokio::test]
async fn every_query_parameter_has_its_wire_form() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/iam/clients"))
        .and(header("authorization", "APIKey s3cr3t"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "count": 0, "next": null, "previous": null, "results": []
        })))
        .expect(1)
        .mount(&server)
        .await;
    let from: DateTime<FixedOffset> = "2024-01-01T00:00:00Z".parse().unwrap();
    let to: DateTime<FixedOffset> = "2024-02-01T12:30:00+02:00".parse().unwrap();
    let listing = client(&server)
        .list_clients()
        .limit(50)
        .offset(100)
        .ordering([
            Order::Desc(ListClientsOrdering::CreatedAt),
            Order::Asc(ListClientsOrdering::CompanyName),
        ])
        .email("a@b.c")
        .company_name("ACME & Co")
        .name("Ann")
        .deleted(TriState::All)
        .reseller_id(3)
        .seller_id(4)
        .custom_id("c-1")
        .cdn(ServiceStatus::Active)
        .storage(ServiceStatus::Trial)
        .ddos(ServiceStatus::Trialend)
        .dns(ServiceStatus::Paused)
        .cloud(ServiceStatus::Activating)
        .infrastructure_protection(ServiceStatus::Deleted)
        .connect(ServiceStatus::New)
        .min_traffic(1.5)
        .max_traffic(10.0)
        .secondaryhostnames("cdn.example.com")
        .activated(true)
        .id_in_exclude([1, 2, 3])
        .bill_type("prepay")
        .users_name("Bob")
        .users_email("bob@example.com")
        .created_at(Range::between(from, to))
        .feature_id_in([10, 20])
        .is_test(false)
        .client_type(ClientType::Reseller)
        .personal_product_availability(["CDN", "CLOUD"])
        .promocode("PROMO")
        .country_code("DE")
        .send()
        .await
        .unwrap();
    assert_eq!(listing.count(), Some(0));

    let requests = server.received_requests().await.unwrap();
    let expected: Vec<(&str, &str)> = vec![
        ("limit", "50"),
        ("offset", "100"),
        ("ordering", "-created_at,companyName"),
        ("email", "a@b.c"),
        ("companyName", "ACME & Co"),
        ("name", "Ann"),
        ("deleted", "all"),
        ("reseller_id", "3"),
        ("seller_id", "4"),
        ("custom_id", "c-1"),
        ("cdn", "active"),
        ("storage", "trial"),
        ("ddos", "trialend"),
        ("dns", "paused"),
        ("cloud", "activating"),
        ("infrastructure_protection", "deleted"),
        ("connect", "new"),
        ("min_traffic", "1.5"),
        ("max_traffic", "10"),
        ("secondaryhostnames", "cdn.example.com"),
        ("activated", "true"),
        ("id__in__exclude", "1,2,3"),
        ("bill_type", "prepay"),
        ("users_name", "Bob"),
        ("users_email", "bob@example.com"),
        ("created_at_gte", "2024-01-01T00:00:00Z"),
        ("created_at_lte", "2024-02-01T12:30:00+02:00"),
        ("feature_id_in", "10,20"),
        ("is_test", "false"),
        ("client_type", "reseller"),
        ("personal_product_availability", "CDN,CLOUD"),
        ("promocode", "PROMO"),
        ("country_code", "DE"),
    ];
    let got = query_of(&requests[0]);
    let got: Vec<(&str, &str)> = got.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(got, expected);
}

#[tokio::test]
async fn tristate_bounds_and_null_country() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .mount(&server)
        .await;
    let since: DateTime<FixedOffset> = "2024-03-04T05:06:07Z".parse().unwrap();
    let c = client(&server);
    c.list_clients()
        .deleted(TriState::True)
        .created_at(Range::since(since))
        .country_code_null()
        .send()
        .await
        .unwrap();
    c.list_clients()
        .deleted(TriState::False)
        .ordering([Order::Asc(ListClientsOrdering::Id)])
        .send()
        .await
        .unwrap();
    c.list_clients()
        .ordering([Order::Desc(ListClientsOrdering::from("last_login"))])
        .send()
        .await
        .unwrap();
    let reqs = server.received_requests().await.unwrap();
    let q: Vec<Vec<(String, String)>> = reqs.iter().map(query_of).collect();
    let pairs = |v: &[(&str, &str)]| {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        q[0],
        pairs(&[
            ("deleted", "true"),
            ("created_at_gte", "2024-03-04T05:06:07Z"),
            ("country_code", "null")
        ])
    );
    assert_eq!(q[1], pairs(&[("ordering", "id"), ("deleted", "false")]));
    // A field the spec does not list goes through the open enum unchanged.
    assert_eq!(q[2], pairs(&[("ordering", "-last_login")]));
}

#[tokio::test]
async fn bare_array_without_limit_decodes_every_field() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/iam/clients"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(format!("[{CLIENT}]"), "application/json"),
        )
        .mount(&server)
        .await;
    let listing = client(&server).list_clients().send().await.unwrap();
    assert!(matches!(listing, Listing::Items(_)));
    assert_eq!(listing.count(), None);
    let c = &listing.items()[0];
    assert_eq!(c.id, 42);
    // A status the spec does not list is kept, not an error.
    assert_eq!(c.status, ClientStatus::Unknown("frozen".into()));
    assert_eq!(c.status.as_str(), "frozen");
    assert_eq!(c.company_name, "Example Ltd");
    assert_eq!(c.name, None);
    assert_eq!(c.phone.as_deref(), Some("+100000000"));
    assert_eq!(
        c.users.as_ref().unwrap()[0].groups[0].name,
        "Administrators"
    );
    assert_eq!(
        c.users.as_ref().unwrap()[0].auth_types,
        vec!["password", "sso"]
    );
    assert_eq!(c.service_statuses["CDN"].status, ServiceStatus::Active);
    assert_eq!(
        c.service_statuses["QUANTUM"].status,
        ServiceStatus::Unknown("hibernating".into())
    );
    assert_eq!(c.paid_features["CDN"][0].feature_id, 1);
    assert_eq!(
        c.free_features["STREAMING"][0].create_date.as_deref(),
        Some("2024-01-02T03:04:05Z")
    );
    assert_eq!(c.client_type, Some(ClientType::Common));
    assert_eq!(c.resellers, Some(3));
    assert_eq!(c.seller, None);
    assert_eq!(c.owner, Some(7.0));
    assert!(c.has_active_admin);
    // Unknown values serialize back unchanged.
    assert_eq!(
        serde_json::to_value(&c.status).unwrap(),
        serde_json::json!("frozen")
    );
}

#[tokio::test]
async fn page_envelope_with_limit() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/iam/clients"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "count": 3,
            "next": "https://api.gcore.com/iam/clients?limit=1&offset=1",
            "previous": null,
            "results": [client_json(1)]
        })))
        .mount(&server)
        .await;
    let listing = client(&server)
        .list_clients()
        .limit(1)
        .send()
        .await
        .unwrap();
    let Listing::Page(page) = &listing else {
        panic!("expected a page, got {listing:?}")
    };
    assert_eq!(page.count, 3);
    assert_eq!(
        page.next.as_deref(),
        Some("https://api.gcore.com/iam/clients?limit=1&offset=1")
    );
    assert_eq!(page.previous, None);
    assert_eq!(listing.items().len(), 1);
    assert_eq!(listing.count(), Some(3));
}

#[tokio::test]
async fn stream_walks_pages_with_the_filters_kept() {
    let server = MockServer::start().await;
    for (offset, ids, next) in [
        (0u64, vec![1u64, 2], Some("p2")),
        (2, vec![3, 4], Some("p3")),
        (4, vec![5], None),
    ] {
        Mock::given(method("GET"))
            .and(path("/iam/clients"))
            .and(wiremock::matchers::query_param(
                "offset",
                offset.to_string(),
            ))
            .and(wiremock::matchers::query_param("limit", "2"))
            .and(wiremock::matchers::query_param("cdn", "active"))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "count": 5, "next": next, "previous": null,
                "results": ids.iter().map(|i| client_json(*i)).collect::<Vec<_>>()
            })))
            .expect(1)
            .mount(&server)
            .await;
    }
    use futures_util::TryStreamExt;
    let c = client(&server);
    let all: Vec<_> = c
        .list_clients()
        .cdn(ServiceStatus::Active)
        .limit(2)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        all.iter().map(|c| c.id).collect::<Vec<_>>(),
        vec![1, 2, 3, 4, 5]
    );
}

#[tokio::test]
async fn a_client_without_the_fields_gcore_does_not_guarantee_still_decodes() {
    let server = MockServer::start().await;
    let mut sparse = client_json(2);
    for key in ["users", "resellers", "client_type", "owner"] {
        sparse.as_object_mut().unwrap().remove(key);
    }
    Mock::given(method("GET"))
        .and(path("/iam/clients"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!([client_json(1), sparse])),
        )
        .mount(&server)
        .await;
    let items = client(&server)
        .list_clients()
        .send()
        .await
        .unwrap()
        .into_items();
    assert_eq!(items.len(), 2, "one sparse client does not fail the page");
    assert!(items[0].users.is_some() && items[0].owner.is_some());
    let b = &items[1];
    assert_eq!(
        (b.id, b.users.is_none(), b.resellers, b.owner),
        (2, true, None, None)
    );
    assert_eq!(b.client_type, None);
}
