//! Shared value types: orders, ranges, dates, pages and listings.

use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use client_runtime::types::{Asc, DateOrDateTime, Desc, Listing, Page, Range, TriState};
use client_runtime::wiring::QueryValue;
use serde_json::json;

#[test]
fn order_accessors_and_query_form() {
    let o = Desc("created");
    assert!(o.is_desc());
    assert_eq!(*o.field(), "created");
    assert!(!Asc(1).is_desc());
    assert_eq!(Desc("created").to_query(), "-created");
    assert_eq!(Asc("name").to_query(), "name");
}

#[test]
fn range_constructors() {
    assert_eq!(
        Range::between(1, 2),
        Range {
            from: Some(1),
            to: Some(2)
        }
    );
    assert_eq!(
        Range::since(1),
        Range {
            from: Some(1),
            to: None
        }
    );
    assert_eq!(
        Range::until(2),
        Range {
            from: None,
            to: Some(2)
        }
    );
    assert_eq!(Range::from((3, 4)), Range::between(3, 4));
    assert!(Range::<i32>::default().is_empty());
    assert!(!Range::since(1).is_empty());
    assert_eq!(TriState::from(true), TriState::True);
}

#[test]
fn date_or_datetime_round_trips_in_the_given_form() {
    let d: DateOrDateTime = "2021-05-05".parse().unwrap();
    assert_eq!(d.to_string(), "2021-05-05");
    let dt: DateOrDateTime = "2021-05-05 12:00:00".parse().unwrap();
    assert_eq!(dt.to_string(), "2021-05-05 12:00:00");
    let utc: DateOrDateTime = "2021-05-05T12:00:00+00:00".parse().unwrap();
    assert_eq!(utc.to_string(), "2021-05-05T12:00:00Z");
    let off: DateOrDateTime = "2021-05-05T12:00:00.5+02:00".parse().unwrap();
    assert_eq!(off.to_string(), "2021-05-05T12:00:00.500+02:00");
    assert!("yesterday".parse::<DateOrDateTime>().is_err());

    let from_utc = DateOrDateTime::from(Utc.with_ymd_and_hms(2021, 5, 5, 12, 0, 0).unwrap());
    assert_eq!(from_utc.to_string(), "2021-05-05T12:00:00Z");
    let fixed = FixedOffset::east_opt(3600)
        .unwrap()
        .with_ymd_and_hms(2021, 5, 5, 12, 0, 0)
        .unwrap();
    assert_eq!(
        DateOrDateTime::from(fixed).to_string(),
        "2021-05-05T12:00:00+01:00"
    );
    let date = NaiveDate::from_ymd_opt(2021, 5, 5).unwrap();
    assert_eq!(DateOrDateTime::from(date), d);
    assert_eq!(
        DateOrDateTime::from(date.and_hms_opt(12, 0, 0).unwrap()),
        dt
    );

    assert_eq!(
        serde_json::to_value(dt).unwrap(),
        json!("2021-05-05 12:00:00")
    );
    let back: DateOrDateTime = serde_json::from_value(json!("2021-05-05T12:00:00Z")).unwrap();
    assert_eq!(back, utc);
    assert!(serde_json::from_value::<DateOrDateTime>(json!(5)).is_err());
    assert_eq!(utc.to_query(), "2021-05-05T12:00:00Z");
}

#[test]
fn page_envelope_defaults_and_round_trip() {
    let p: Page<u8> = serde_json::from_value(json!({"count": 2, "results": [1, 2]})).unwrap();
    assert_eq!(
        (p.count, p.next.as_deref(), p.previous.as_deref()),
        (2, None, None)
    );
    let back = serde_json::to_value(&p).unwrap();
    assert_eq!(
        back,
        json!({"count": 2, "next": null, "previous": null, "results": [1, 2]})
    );
    assert!(serde_json::from_value::<Page<u8>>(json!({"results": []})).is_err());
}

#[test]
fn listing_accepts_array_or_envelope() {
    let bare: Listing<u8> = serde_json::from_value(json!([1, 2])).unwrap();
    assert_eq!(bare.items(), &[1, 2]);
    assert_eq!(bare.count(), None);
    let paged: Listing<u8> =
        serde_json::from_value(json!({"count": 9, "next": "n", "previous": null, "results": [3]}))
            .unwrap();
    assert_eq!(paged.count(), Some(9));
    assert_eq!(paged.clone().into_items(), vec![3]);
    assert!(serde_json::from_value::<Listing<u8>>(json!("x")).is_err());
    assert_eq!(serde_json::to_value(&bare).unwrap(), json!([1, 2]));
}

#[test]
fn scalar_query_values() {
    assert_eq!(true.to_query(), "true");
    assert_eq!(false.to_query(), "false");
    assert_eq!((-5i32).to_query(), "-5");
    assert_eq!(1.5f64.to_query(), "1.5");
    let nd = NaiveDate::from_ymd_opt(2021, 5, 5).unwrap();
    assert_eq!(nd.to_query(), "2021-05-05");
    assert_eq!(
        nd.and_hms_opt(1, 2, 3).unwrap().to_query(),
        "2021-05-05 01:02:03"
    );
    let with_ms =
        Utc.with_ymd_and_hms(2021, 5, 5, 1, 2, 3).unwrap() + chrono::Duration::milliseconds(250);
    assert_eq!(with_ms.to_query(), "2021-05-05T01:02:03.250Z");
    assert_eq!((&&"x").to_query(), "x");
}
