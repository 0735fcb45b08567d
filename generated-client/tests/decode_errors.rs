//! Decode errors from generated operations name the operation and the JSON path of the
//! failing member, so a drifted API is diagnosed from the message alone.

use generated_client::gcore::GcoreClient;
use generated_client::{ClientConfig, Error};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const CLIENT: &str = include_str!("data/gcore_client.json");

async fn list_with_results(
    results: Vec<serde_json::Value>,
) -> Error<generated_client::gcore::GcoreError> {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "count": results.len(), "next": null, "previous": null, "results": results
        })))
        .mount(&server)
        .await;
    let client = GcoreClient::new(
        ClientConfig::new()
            .base_url(server.uri())
            .auth(GcoreClient::api_key_auth("k")),
    )
    .unwrap();
    client.list_clients().limit(10).send().await.unwrap_err()
}

fn clients(n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|_| serde_json::from_str(CLIENT).unwrap())
        .collect()
}

#[tokio::test]
async fn missing_required_field_names_operation_and_path() {
    let mut results = clients(5);
    results[3].as_object_mut().unwrap().remove("email");
    let err = list_with_results(results).await;
    let shown = err.to_string();
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    assert!(shown.starts_with("list_clients: results[3]"), "{shown}");
    assert!(shown.contains("missing field `email`"), "{shown}");
    assert_eq!(err.operation(), "list_clients");
}

#[tokio::test]
async fn wrong_type_deep_inside_names_the_full_path() {
    let mut results = clients(3);
    results[1]["users"][0]["groups"][0]["id"] = serde_json::json!("seven");
    let err = list_with_results(results).await;
    let shown = err.to_string();
    assert!(
        shown.starts_with("list_clients: results[1].users[0].groups[0].id"),
        "{shown}"
    );
    assert!(shown.contains("invalid type"), "{shown}");
}
