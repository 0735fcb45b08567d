//! Lenient decoding of loosely typed JSON (HostBill-style).

use std::collections::{BTreeMap, HashMap};

use chrono::{NaiveDate, NaiveDateTime};
use client_runtime::lenient::from_value;
use client_runtime::types::DateOrDateTime;
use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::{json, Value};

fn de<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, serde_json::Error> {
    from_value(&v)
}

/// A local date-time field, as generated code declares one.
#[derive(Debug, Deserialize, PartialEq)]
struct At {
    #[serde(with = "client_runtime::wiring::local_date_time")]
    at: NaiveDateTime,
}

fn at(v: Value) -> Result<NaiveDateTime, serde_json::Error> {
    de::<At>(json!({ "at": v })).map(|a| a.at)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn integers() {
    assert_eq!(de::<i64>(json!(5)).unwrap(), 5);
    assert_eq!(de::<i64>(json!("-12")).unwrap(), -12);
    assert_eq!(de::<i64>(json!(" 7 ")).unwrap(), 7);
    assert_eq!(de::<i64>(json!(3.0)).unwrap(), 3);
    assert_eq!(de::<i64>(json!("4.0")).unwrap(), 4);
    assert!(de::<i64>(json!("abc")).is_err());
    assert!(de::<i64>(json!(1.5)).is_err());
    assert!(de::<i64>(json!(true)).is_err());
    assert_eq!(de::<u32>(json!("42")).unwrap(), 42);
    assert!(de::<u32>(json!("-1")).is_err());
    assert_eq!(de::<u64>(json!(u64::MAX)).unwrap(), u64::MAX);
    assert!(de::<i32>(json!(i64::MAX)).is_err());
}

#[test]
fn floats_and_decimals() {
    assert_eq!(de::<f64>(json!(1.25)).unwrap(), 1.25);
    assert_eq!(de::<f64>(json!("1.25")).unwrap(), 1.25);
    assert_eq!(de::<f64>(json!(3)).unwrap(), 3.0);
    assert!(de::<f64>(json!("x")).is_err());
    assert_eq!(de::<Decimal>(json!("12.50")).unwrap(), dec("12.50"));
    assert_eq!(de::<Decimal>(json!(0.1)).unwrap(), dec("0.1"));
    assert_eq!(de::<Decimal>(json!(7)).unwrap(), dec("7"));
    assert_eq!(de::<Decimal>(json!("1e3")).unwrap(), dec("1000"));
    assert!(de::<Decimal>(json!("twelve")).is_err());
}

#[test]
fn decimal_accepts_string_and_number_without_lenient() {
    let a: Decimal = serde_json::from_value(json!("10.05")).unwrap();
    let b: Decimal = serde_json::from_value(json!(10.05)).unwrap();
    let c: Decimal = serde_json::from_value(json!(10)).unwrap();
    assert_eq!((a, b, c), (dec("10.05"), dec("10.05"), dec("10")));
}

#[test]
fn booleans() {
    for v in [
        json!(true),
        json!(1),
        json!("1"),
        json!("true"),
        json!("Yes"),
        json!("TRUE"),
    ] {
        assert!(de::<bool>(v.clone()).unwrap(), "{v}");
    }
    for v in [
        json!(false),
        json!(0),
        json!("0"),
        json!("false"),
        json!("no"),
        json!(""),
    ] {
        assert!(!de::<bool>(v.clone()).unwrap(), "{v}");
    }
    assert!(de::<bool>(json!(2)).is_err());
    assert!(de::<bool>(json!("maybe")).is_err());
}

#[test]
fn strings() {
    assert_eq!(de::<String>(json!("x")).unwrap(), "x");
    assert_eq!(de::<String>(json!(12)).unwrap(), "12");
    assert_eq!(de::<String>(json!(-3)).unwrap(), "-3");
    assert_eq!(de::<String>(json!(1.5)).unwrap(), "1.5");
    assert_eq!(de::<String>(json!(true)).unwrap(), "true");
    assert!(de::<String>(json!({"a": 1})).is_err());
}

#[test]
fn dates_and_times() {
    assert_eq!(
        de::<NaiveDate>(json!("2021-05-05")).unwrap(),
        date(2021, 5, 5)
    );
    assert!(de::<NaiveDate>(json!("05/05/2021")).is_err());
    let noon: NaiveDateTime = date(2021, 5, 5).and_hms_opt(12, 0, 0).unwrap();
    assert_eq!(at(json!("2021-05-05 12:00:00")).unwrap(), noon);
    assert_eq!(at(json!("2021-05-05T12:00:00")).unwrap(), noon);
    assert_eq!(
        at(json!("2021-05-05")).unwrap(),
        date(2021, 5, 5).and_hms_opt(0, 0, 0).unwrap()
    );
    assert!(at(json!("noon")).is_err());
    assert_eq!(
        de::<DateOrDateTime>(json!("2021-05-05")).unwrap(),
        DateOrDateTime::Date(date(2021, 5, 5))
    );
    assert_eq!(
        de::<DateOrDateTime>(json!("2021-05-05 12:00:00")).unwrap(),
        DateOrDateTime::DateTime(noon)
    );
    assert!(matches!(
        de::<DateOrDateTime>(json!("2021-05-05T12:00:00+02:00")).unwrap(),
        DateOrDateTime::Rfc3339(_)
    ));
}

#[test]
fn values_pass_through() {
    let v = json!({"a": [1, "b", null]});
    assert_eq!(de::<Value>(v.clone()).unwrap(), v);
}

#[test]
fn options_treat_empty_markers_as_none() {
    for v in [
        json!(null),
        json!(""),
        json!("0000-00-00"),
        json!("0000-00-00 00:00:00"),
    ] {
        assert_eq!(de::<Option<NaiveDateTime>>(v.clone()).unwrap(), None, "{v}");
        assert_eq!(de::<Option<String>>(v.clone()).unwrap(), None, "{v}");
    }
    assert_eq!(de::<Option<i64>>(json!("5")).unwrap(), Some(5));
    assert_eq!(de::<Option<bool>>(json!(1)).unwrap(), Some(true));
    assert_eq!(
        de::<Option<Vec<i64>>>(json!(["1", 2])).unwrap(),
        Some(vec![1, 2])
    );
    assert_eq!(
        de::<Option<BTreeMap<String, i64>>>(json!({"a": "1"})).unwrap(),
        Some(BTreeMap::from([("a".to_owned(), 1)]))
    );
    assert!(de::<Option<i64>>(json!("x")).is_err());
}

#[test]
fn vectors_from_arrays_and_objects() {
    assert_eq!(de::<Vec<i64>>(json!([1, "2", 3.0])).unwrap(), [1, 2, 3]);
    assert_eq!(
        de::<Vec<String>>(json!({"b": "x", "a": 2})).unwrap(),
        ["x", "2"]
    );
    assert!(de::<Vec<i64>>(json!(null)).unwrap().is_empty());
    assert!(de::<Vec<i64>>(json!("")).unwrap().is_empty());
    assert!(de::<Vec<i64>>(json!(5)).is_err());
}

#[test]
fn maps_from_objects_and_php_arrays() {
    let m: BTreeMap<String, bool> = de(json!({"x": "1", "y": 0})).unwrap();
    assert_eq!(
        m,
        BTreeMap::from([("x".to_owned(), true), ("y".to_owned(), false)])
    );
    let empty: BTreeMap<String, i64> = de(json!([])).unwrap();
    assert!(empty.is_empty());
    let listed: HashMap<String, i64> = de(json!(["7", 8])).unwrap();
    assert_eq!(
        listed,
        HashMap::from([("0".to_owned(), 7), ("1".to_owned(), 8)])
    );
    assert!(de::<BTreeMap<String, i64>>(json!(3)).is_err());
}

#[derive(Debug, Deserialize, PartialEq, Default)]
struct Line {
    qty: i64,
}

/// A strict model with lenient fields (`lenient: true` on fields of a strict API).
#[derive(Debug, Deserialize, PartialEq)]
struct Invoice {
    #[serde(with = "client_runtime::lenient", default)]
    id: i64,
    #[serde(with = "client_runtime::lenient", default)]
    paid: bool,
    #[serde(with = "client_runtime::lenient", default)]
    total: Decimal,
    #[serde(with = "client_runtime::lenient", default)]
    due: Option<NaiveDate>,
    #[serde(with = "client_runtime::lenient", default)]
    lines: Vec<Line>,
    #[serde(with = "client_runtime::lenient", default)]
    meta: BTreeMap<String, String>,
}

#[test]
fn struct_fields_with_the_lenient_module() {
    let inv: Invoice = serde_json::from_value(json!({
        "id": "17", "paid": "1", "total": "99.90", "due": "0000-00-00",
        "lines": {"a": {"qty": "2"}, "b": {"qty": 3}}, "meta": []
    }))
    .unwrap();
    assert_eq!(
        inv,
        Invoice {
            id: 17,
            paid: true,
            total: dec("99.90"),
            due: None,
            lines: vec![Line { qty: 2 }, Line { qty: 3 }],
            meta: BTreeMap::new(),
        }
    );
    let missing: Invoice = serde_json::from_value(json!({})).unwrap();
    assert_eq!(missing.id, 0);
    assert!(missing.lines.is_empty());
}

#[test]
fn nested_lenient_errors_keep_their_path() {
    // A whole lenient body: the path of the failure.
    let body = json!({"lines": [{"qty": 1}, {"qty": "many"}]});
    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Body {
        lines: Vec<Line>,
    }
    let err = serde_path_to_error::deserialize::<_, Body>(client_runtime::lenient::Lenient(&body))
        .unwrap_err();
    assert_eq!(err.path().to_string(), "lines[1].qty");
    // A lenient field of a strict model: the field, and inside it the path in the message.
    let body = r#"{"id": 1, "lines": [{"qty": 1}, {"qty": "many"}]}"#;
    let mut de = serde_json::Deserializer::from_str(body);
    let err = serde_path_to_error::deserialize::<_, Invoice>(&mut de).unwrap_err();
    assert_eq!(err.path().to_string(), "lines");
    assert!(err.to_string().contains("[1].qty: invalid type"), "{err}");
}

#[derive(Debug, Deserialize, PartialEq)]
struct Mixed {
    loose: i64,
    #[serde(with = "client_runtime::lenient::strict")]
    exact: i64,
}

#[test]
fn a_strict_field_in_a_lenient_body_stays_strict() {
    let ok: Mixed = de(json!({"loose": "1", "exact": 2})).unwrap();
    assert_eq!(ok, Mixed { loose: 1, exact: 2 });
    assert!(de::<Mixed>(json!({"loose": "1", "exact": "2"})).is_err());
}
