//! Query-string and path-segment encoding as seen by the server.

mod common;

use chrono::{NaiveDate, TimeZone, Utc};
use client_runtime::encode_path_segment;
use client_runtime::types::{Asc, Desc, Range, TriState};
use client_runtime::{Auth, Error, Request};
use rust_decimal::Decimal;
use serde_json::Value;
use wiremock::matchers::{method, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn encode_path_segment_keeps_only_unreserved() {
    assert_eq!(encode_path_segment("../x"), "..%2Fx");
    assert_eq!(encode_path_segment("a/b"), "a%2Fb");
    assert_eq!(encode_path_segment("q?x=1"), "q%3Fx%3D1");
    assert_eq!(encode_path_segment("h#f"), "h%23f");
    assert_eq!(encode_path_segment("100%"), "100%25");
    assert_eq!(encode_path_segment("a b"), "a%20b");
    assert_eq!(encode_path_segment("é"), "%C3%A9");
    assert_eq!(encode_path_segment("Az09-._~"), "Az09-._~");
}

#[test]
fn query_pairs_keep_push_order() {
    let req: Request = Request::get("list", "/items")
        .query("b", &2i32)
        .query("a", &1u64)
        .ordering::<String>("ordering", &[])
        .range::<i64>("from", "to", &Range::default())
        .tristate("t", &None, "all");
    let names: Vec<&str> = req.query_pairs().map(|(n, _)| n).collect();
    assert_eq!(names, ["b", "a"]);
}

#[tokio::test]
async fn every_query_construct_reaches_the_server_encoded() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param("filters[status]", "open"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);

    let req: Request = Request::get("list", "/items")
        .query("limit", &10u32)
        .query("name", "a b&c")
        .opt("status", &Some("active".to_owned()))
        .opt::<i64>("missing", &None)
        .csv("ids", &[1i64, 2, 3])
        .csv::<i64>("empty", &[])
        .ordering(
            "ordering",
            &[Asc("name".to_owned()), Desc("created".to_owned())],
        )
        .ordering_flag("sort", "sort_reverse", &Some(Desc("date".to_owned())))
        .ordering_flag("sort2", "rev2", &Some(Asc("id".to_owned())))
        .range(
            "created_from",
            "created_to",
            &Range::since(NaiveDate::from_ymd_opt(2021, 5, 5).unwrap()),
        )
        .range("n_from", "n_to", &Range::from((1i64, 9i64)))
        .tristate("active", &Some(TriState::All), "any")
        .tristate("flag", &Some(TriState::False), "all")
        .tristate("flag2", &Some(TriState::True), "all")
        .opt("filters[status]", &Some("open"))
        .query("at", &Utc.with_ymd_and_hms(2021, 5, 5, 12, 0, 0).unwrap())
        .query(
            "dt",
            &NaiveDate::from_ymd_opt(2021, 5, 5)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        )
        .query("amount", &"1.50".parse::<Decimal>().unwrap())
        .query("b", &true)
        .query("f", &2.5f64)
        .nullable::<String>("country", &Some(None), "null");

    let _: Value = t.send::<Value, Value>(req).await.unwrap();
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].url.query().unwrap(),
        "limit=10&name=a+b%26c&status=active&ids=1%2C2%2C3&ordering=name%2C-created\
         &sort=date&sort_reverse=true&sort2=id&rev2=false&created_from=2021-05-05\
         &n_from=1&n_to=9&active=any&flag=false&flag2=true&filters%5Bstatus%5D=open\
         &at=2021-05-05T12%3A00%3A00Z&dt=2021-05-05+12%3A00%3A00&amount=1.50&b=true&f=2.5&country=null"
    );
    let decoded: Vec<(String, String)> = received[0].url.query_pairs().into_owned().collect();
    assert!(decoded.contains(&("filters[status]".to_owned(), "open".to_owned())));
    assert!(decoded.contains(&("name".to_owned(), "a b&c".to_owned())));
    assert!(decoded.contains(&("ordering".to_owned(), "name,-created".to_owned())));
}

#[tokio::test]
async fn hostile_path_segments_stay_in_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&server)
        .await;
    let base = format!("{}/api/v1/", server.uri());
    let t = common::transport_at(&base, &common::PLAIN, Auth::None);
    let ids = ["../x", "a/b", "what?", "frag#x", "50%"];
    for id in ids {
        let req: Request = Request::get("get", "/items/{id}").path_params(&[&id]);
        let _: Value = t.send::<Value, Value>(req).await.unwrap();
    }
    let received = server.received_requests().await.unwrap();
    let paths: Vec<&str> = received.iter().map(|r| r.url.path()).collect();
    assert_eq!(
        paths,
        [
            "/api/v1/items/..%2Fx",
            "/api/v1/items/a%2Fb",
            "/api/v1/items/what%3F",
            "/api/v1/items/frag%23x",
            "/api/v1/items/50%25",
        ]
    );
    assert!(received.iter().all(|r| r.url.query().is_none()));
}

#[tokio::test]
async fn dot_segments_are_refused_before_sending() {
    let server = MockServer::start().await;
    let t = common::transport_at(&server.uri(), &common::PLAIN, Auth::None);
    for bad in ["/items/..", "/items/%2E%2E/admin", "/./x", "items", "/a?b"] {
        let err = t
            .send::<Value, Value>(common::get("get", bad))
            .await
            .unwrap_err();
        assert!(matches!(err, Error::InvalidRequest { .. }), "{bad}: {err}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}
