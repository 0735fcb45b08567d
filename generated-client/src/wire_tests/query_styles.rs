//! `fixtures/query_styles`: list and ordering styles and typed path parameters, exactly as
//! sent.

use super::{answering, only_request};
use crate::fixtures::query_styles::*;
use crate::types::Order::{Asc, Desc};
use crate::ClientConfig;
use serde_json::json;

async fn target(build: impl FnOnce(QueryStylesClient) -> ListServers) -> String {
    let server = answering(200, json!([])).await;
    let client = QueryStylesClient::new(ClientConfig::new().base_url(server.uri())).unwrap();
    build(client).send().await.unwrap();
    let (method, target, body) = only_request(&server).await;
    assert_eq!((method.as_str(), body.as_str()), ("GET", ""));
    target
}

fn day() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2024, 5, 1).unwrap()
}

#[tokio::test]
async fn typed_path_parameters_are_written_as_values() {
    let t = target(|c| c.list_servers(State::Off, false, day())).await;
    assert_eq!(t, "/zones/off/false/2024-05-01/servers");
}

#[tokio::test]
async fn each_list_style_has_its_own_wire_form() {
    let t = target(|c| {
        c.list_servers(State::Running, true, day())
            .status([State::Running, State::Off])
            .expand(["owner", "disk size"])
            .tags(["a", "b", "c"])
            .ids([1i64, 2])
    })
    .await;
    assert_eq!(
        t,
        "/zones/running/true/2024-05-01/servers?status=running&status=off&expand%5B%5D=owner&expand%5B%5D=disk+size&tags=a%7Cb%7Cc&ids=1%2C2"
    );
}

#[tokio::test]
async fn suffix_orderings_repeat_or_stand_alone() {
    let t = target(|c| {
        c.list_servers(State::Running, true, day())
            .sort([Desc(ListServersSort::Name), Asc(ListServersSort::Created)])
            .order(Asc(ListServersOrder::Name))
    })
    .await;
    assert_eq!(
        t,
        "/zones/running/true/2024-05-01/servers?sort=name%3Adesc&sort=created%3Aasc&order=name"
    );
    let t = target(|c| {
        c.list_servers(State::Running, true, day())
            .order(Desc(ListServersOrder::Name))
    })
    .await;
    assert_eq!(t, "/zones/running/true/2024-05-01/servers?order=name+DESC");
}

#[tokio::test]
async fn empty_lists_send_nothing() {
    let t = target(|c| {
        c.list_servers(State::Running, true, day())
            .status(Vec::<State>::new())
            .expand(Vec::<String>::new())
            .sort([])
    })
    .await;
    assert_eq!(t, "/zones/running/true/2024-05-01/servers");
}
