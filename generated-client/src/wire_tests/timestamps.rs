//! `fixtures/timestamps`: Unix timestamps in bodies, lists, query values, ranges and paths.

use super::{answering, only_request};
use crate::fixtures::timestamps::*;
use crate::types::{Range, UnixMillis, UnixSeconds};
use crate::ClientConfig;
use serde_json::json;

fn client(server: &wiremock::MockServer) -> TimestampsClient {
    TimestampsClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

const SESSION: &str = r#"{"id":1,"started":1700000000,"last_seen":1700000000123,"ended":null,"beats":[1700000000000,1700000001000]}"#;

#[tokio::test]
async fn query_and_path_values_are_the_integers() {
    let server = answering(200, json!([])).await;
    let since = UnixSeconds::from_timestamp(1_700_000_000).unwrap();
    let from = UnixMillis::from_timestamp(1_700_000_000_123).unwrap();
    let to = chrono::DateTime::parse_from_rfc3339("2023-11-15T00:00:00.456789+01:00").unwrap();
    client(&server)
        .list_sessions()
        .since(since)
        .created(Range::between(from, UnixMillis::from(to)))
        .send()
        .await
        .unwrap();
    let (method, target, _) = only_request(&server).await;
    assert_eq!(method, "GET");
    assert_eq!(
        target,
        "/sessions?since=1700000000&created_gte=1700000000123&created_lte=1700002800456"
    );

    let server = answering(200, json!([])).await;
    let at: chrono::DateTime<chrono::Utc> = "2023-11-14T22:13:20.999Z".parse().unwrap();
    client(&server).get_day(at).send().await.unwrap();
    let (_, target, _) = only_request(&server).await;
    assert_eq!(target, "/days/1700000000");
}

#[tokio::test]
async fn bodies_decode_as_date_times_and_encode_back_to_the_same_integers() {
    let server = answering(200, serde_json::from_str(&format!("[{SESSION}]")).unwrap()).await;
    let sessions = client(&server).list_sessions().send().await.unwrap();
    let s = &sessions[0];
    assert_eq!(s.started.to_rfc3339(), "2023-11-14T22:13:20+00:00");
    assert_eq!(
        s.last_seen.unwrap().to_rfc3339(),
        "2023-11-14T22:13:20.123+00:00"
    );
    assert_eq!(s.ended, None);
    assert_eq!(s.beats.as_ref().unwrap()[1].timestamp(), 1_700_000_001_000);
    assert_eq!(serde_json::to_string(s).unwrap(), SESSION);
}

#[tokio::test]
async fn a_fractional_or_text_timestamp_is_a_located_error() {
    let server = answering(
        200,
        json!([{"id": 1, "started": 1700000000.5, "ended": null}]),
    )
    .await;
    let err = client(&server).list_sessions().send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("[0].started"));
    assert!(
        err.to_string()
            .contains("expected an integer Unix timestamp (seconds)"),
        "{err}"
    );
    let server = answering(
        200,
        json!([{"id": 1, "started": "1700000000", "ended": null}]),
    )
    .await;
    let err = client(&server).list_sessions().send().await.unwrap_err();
    assert_eq!(err.decode_path(), Some("[0].started"));
}
