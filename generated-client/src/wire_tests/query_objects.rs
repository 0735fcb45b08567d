//! `fixtures/query_objects`: models and maps sent as bracketed query keys under the
//! parameter's name, exactly as a local server receives them: nested members, unset
//! members left out, each list style inside, and a required object.

use super::{answering, only_request};
use crate::fixtures::query_objects::*;
use crate::ClientConfig;
use serde_json::json;
use std::collections::BTreeMap;
use wiremock::MockServer;

fn client(server: &MockServer) -> QueryObjectsClient {
    QueryObjectsClient::new(ClientConfig::new().base_url(server.uri())).unwrap()
}

/// The one request's target, after checking it was a GET without a body.
async fn target(server: &MockServer) -> String {
    let (method, target, body) = only_request(server).await;
    assert_eq!((method.as_str(), body.as_str()), ("GET", ""));
    target
}

fn filter() -> ServerFilter {
    ServerFilter::new()
        .with_name("web app")
        .with_owner(Owner::new(7).with_kind(OwnerKind::Team))
        .with_tags(["a".to_string(), "b".to_string()])
}

#[tokio::test]
async fn a_model_and_a_map_become_bracketed_keys() {
    let server = answering(200, json!([{"id": "s1"}])).await;
    let metadata = BTreeMap::from([
        ("plan".to_string(), "pro".to_string()),
        ("a b".to_string(), "x&y".to_string()),
    ]);
    let servers = client(&server)
        .list_servers()
        .filter(filter())
        .metadata(metadata)
        .limit(10)
        .send()
        .await
        .unwrap();
    assert_eq!(servers.len(), 1);
    assert_eq!(
        target(&server).await,
        "/servers?filter%5Bname%5D=web+app&filter%5Bowner%5D%5Bid%5D=7&filter%5Bowner%5D%5Bkind%5D=team\
         &filter%5Btags%5D%5B%5D=a&filter%5Btags%5D%5B%5D=b\
         &metadata%5Ba+b%5D=x%26y&metadata%5Bplan%5D=pro&limit=10"
    );
}

#[tokio::test]
async fn unset_objects_and_members_are_left_out() {
    let server = answering(200, json!([])).await;
    client(&server)
        .list_servers()
        .filter(
            ServerFilter::new()
                .with_created_after(chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(
        target(&server).await,
        "/servers?filter%5Bcreated_after%5D=2024-05-01"
    );
    let server = answering(200, json!([])).await;
    client(&server).list_servers().send().await.unwrap();
    assert_eq!(target(&server).await, "/servers");
}

#[tokio::test]
async fn lists_inside_are_repeated_or_indexed_as_the_spec_says() {
    let server = answering(200, json!({})).await;
    client(&server).search().q(filter()).send().await.unwrap();
    assert_eq!(
        target(&server).await,
        "/search?q%5Bname%5D=web+app&q%5Bowner%5D%5Bid%5D=7&q%5Bowner%5D%5Bkind%5D=team\
         &q%5Btags%5D=a&q%5Btags%5D=b"
    );
    let server = answering(200, json!({})).await;
    let groups = BTreeMap::from([(
        "by".to_string(),
        vec!["region".to_string(), "day".to_string()],
    )]);
    client(&server)
        .usage(Window::new(1, 2))
        .groups(groups)
        .send()
        .await
        .unwrap();
    assert_eq!(
        target(&server).await,
        "/usage?window%5Bfrom%5D=1&window%5Bto%5D=2&groups%5Bby%5D%5B0%5D=region&groups%5Bby%5D%5B1%5D=day"
    );
}

#[test]
fn to_request_shows_the_pairs() {
    let server_less = QueryObjectsClient::new(ClientConfig::new()).unwrap();
    let request = server_less.usage(Window::new(3, 4)).to_request().unwrap();
    let pairs: Vec<(&str, &str)> = request.query_pairs().collect();
    assert_eq!(pairs, [("window[from]", "3"), ("window[to]", "4")]);
}
