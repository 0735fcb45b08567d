//! Runs the spec's examples, the tests regen writes into `generated/<api>/examples.rs`: a
//! local server (wiremock on 127.0.0.1) answers with the example's response; the one
//! request it got must be the example's method, target and body, byte for byte; the typed
//! answer (or error body), encoded again, must keep every member the example carries and
//! the types declare.

use crate::{Auth, ClientConfig, Error, RetryPolicy};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::fmt::Debug;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// One documented call: what the client must send, and what the server answers.
#[derive(Debug, Clone, Copy)]
pub struct Exchange {
    /// The HTTP method.
    pub method: &'static str,
    /// The path and query, exactly as sent.
    pub target: &'static str,
    /// Header parameters the request must carry, with their exact values.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body, exactly as sent.
    pub body: Option<&'static str>,
    /// The answer, if the example has one.
    pub answer: Option<Answer>,
}

/// The server's side of an example.
#[derive(Debug, Clone, Copy)]
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The call fails: a status outside 2xx, or an in-band error in a 2xx body.
    pub failed: bool,
    /// Response headers.
    pub headers: &'static [(&'static str, &'static str)],
    /// The body, as the server sends it.
    pub body: Option<&'static str>,
    /// JSON Pointers the decoded value, encoded again, must still have.
    pub kept: &'static [&'static str],
}

/// A typed value from its JSON text (the example's parameters and bodies).
pub fn val<T: DeserializeOwned>(json: &str) -> T {
    match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => panic!("the example value {json} does not decode: {e}"),
    }
}

impl Exchange {
    /// Starts a server that answers every request with the example's response.
    pub async fn serve(self) -> Served {
        let server = MockServer::start().await;
        let answer = self.answer.unwrap_or(Answer {
            status: 200,
            failed: false,
            headers: &[],
            body: None,
            kept: &[],
        });
        let mut response = ResponseTemplate::new(answer.status);
        for (name, value) in answer.headers {
            response = response.insert_header(*name, *value);
        }
        if let Some(body) = answer.body {
            response = response.set_body_raw(body.as_bytes().to_vec(), "application/json");
        }
        Mock::given(any())
            .respond_with(response)
            .mount(&server)
            .await;
        Served {
            server,
            exchange: self,
        }
    }
}

/// The server of one example, and what it expects.
pub struct Served {
    server: MockServer,
    exchange: Exchange,
}

impl Served {
    /// A configuration for this server: bearer auth (sent as a header, so the target is the
    /// example's alone) and no retries.
    pub fn config(&self) -> ClientConfig {
        ClientConfig::new()
            .base_url(self.server.uri())
            .auth(Auth::bearer("example-token"))
            .retry(RetryPolicy::none())
    }

    /// Checks the one request the server got, then the call's result.
    pub async fn check<T: Serialize + Debug, E: Serialize + Debug>(
        self,
        result: Result<T, Error<E>>,
    ) {
        let ex = self.exchange;
        let requests = self.server.received_requests().await.unwrap_or_default();
        assert_eq!(requests.len(), 1, "the example sends one request");
        let got = &requests[0];
        let target = match got.url.query() {
            Some(q) => format!("{}?{q}", got.url.path()),
            None => got.url.path().to_string(),
        };
        assert_eq!(
            (got.method.as_str(), target.as_str()),
            (ex.method, ex.target),
            "method and target"
        );
        for (name, value) in ex.headers {
            let sent: Vec<&str> = got
                .headers
                .get_all(*name)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            assert_eq!(sent, [*value], "header `{name}`");
        }
        let mut body = String::from_utf8_lossy(&got.body).into_owned();
        // A multipart body's boundary is random: the example says `{boundary}` in its place.
        let content_type = got
            .headers
            .get("content-type")
            .and_then(|v| v.to_str().ok());
        if let Some((_, boundary)) = content_type.and_then(|ct| ct.split_once("boundary=")) {
            body = body.replace(boundary, "{boundary}");
        }
        assert_eq!(body, ex.body.unwrap_or(""), "request body");
        let Some(answer) = ex.answer else {
            return;
        };
        let encoded = if !answer.failed {
            match result {
                Ok(value) => serde_json::to_value(&value).expect("the answer encodes"),
                Err(e) => panic!("the example answer does not decode: {e:?}"),
            }
        } else {
            match result {
                Ok(value) => panic!("status {} decoded as a success: {value:?}", answer.status),
                Err(e) => {
                    assert_eq!(e.status(), Some(answer.status), "error status: {e:?}");
                    match e.api_body() {
                        Some(body) => serde_json::to_value(body).expect("the error body encodes"),
                        None if answer.kept.is_empty() => return,
                        None => panic!("the example error body does not decode: {e:?}"),
                    }
                }
            }
        };
        let lost: Vec<&str> = answer
            .kept
            .iter()
            .copied()
            .filter(|p| encoded.pointer(p).is_none_or(serde_json::Value::is_null))
            .collect();
        assert!(
            lost.is_empty(),
            "members lost when the decoded answer is encoded again: {lost:?}\nencoded: {encoded}"
        );
    }
}

#[cfg(test)]
mod tests {
    //! The checks fail when the wire or the decoded value differs from the example.
    use super::*;
    use crate::fixtures::spec_examples::SpecExamplesClient;

    fn not_found(target: &'static str, kept: &'static [&'static str]) -> Exchange {
        Exchange {
            method: "GET",
            target,
            headers: &[],
            body: None,
            answer: Some(Answer {
                status: 404,
                failed: true,
                headers: &[],
                body: Some(r#"{"code":"not_found"}"#),
                kept,
            }),
        }
    }

    async fn run(exchange: Exchange) {
        let server = exchange.serve().await;
        let client = SpecExamplesClient::new(server.config()).unwrap();
        let result = client.get_server(8i64, "a").send().await;
        server.check(result).await;
    }

    #[tokio::test]
    async fn the_example_as_sent_passes() {
        run(not_found("/servers/8/a", &["/code"])).await;
    }

    #[tokio::test]
    #[should_panic(expected = "method and target")]
    async fn another_target_fails() {
        run(not_found("/servers/8/b", &["/code"])).await;
    }

    #[tokio::test]
    #[should_panic(expected = "members lost")]
    async fn a_member_lost_on_encoding_fails() {
        run(not_found("/servers/8/a", &["/code", "/detail"])).await;
    }
}
