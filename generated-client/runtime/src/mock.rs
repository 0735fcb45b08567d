//! A mock transport for applications' tests (feature `test-util`): requests go to rules
//! declared per operation instead of the network, while auth, hooks, retries, session
//! refresh, paging and decoding run as they do against a server.
//!
//! A [`MockTransport`] holds [`Rule`]s. A request is answered by the first rule, in the
//! order they were added, whose operation name matches, whose conditions hold and that has
//! answers left. A rule's answers are given in order, each once (or `times(n)`, or
//! `repeatedly()` for the last one). A request no rule answers fails with
//! `Error::Transport` ("no mock rule ..."), and is still counted.
//!
//! The runtime's own session refresh request is the operation
//! [`SESSION_REFRESH`](crate::SESSION_REFRESH) (`session_refresh`).
//!
//! ```
//! use client_runtime::mock::MockTransport;
//! use client_runtime::{ApiInfo, ClientConfig, Request, Transport};
//! use serde_json::{json, Value};
//!
//! static API: ApiInfo = ApiInfo {
//!     name: "demo", default_base_url: None, error_field: None, session: None, lenient: false,
//!     headers: &[],
//! };
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let mock = MockTransport::new();
//! let rule = mock
//!     .on("get_thing")
//!     .when(|r| r.path() == "/things/7")
//!     .then_output(&json!({"id": 7}));
//! let transport = Transport::new(&API, ClientConfig::new().mock(&mock)).unwrap();
//! let thing: Value = transport
//!     .send::<Value, Value>(Request::get("get_thing", "/things/7"))
//!     .await
//!     .unwrap();
//! assert_eq!(thing["id"], 7);
//! assert_eq!((rule.calls(), mock.calls("get_thing")), (1, 1));
//! mock.assert_all_used();
//! # }
//! ```

use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use url::Url;

use crate::exec::Raw;
use crate::hook::RequestParts;

/// A request as a mock rule sees it: after auth and hooks, exactly what would be sent.
#[derive(Debug, Clone)]
pub struct MockRequest {
    operation: &'static str,
    attempt: u32,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    headers: HeaderMap,
    body: Bytes,
}

impl MockRequest {
    /// The spec's operation name (`session_refresh` for the runtime's refresh).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The attempt number, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path after the base URL's path, percent-encoded as sent (`/iam/clients/7`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters, decoded, in the order sent.
    pub fn query_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query.iter().map(|(n, v)| (n.as_str(), v.as_str()))
    }

    /// The (first) value of the query parameter `name`.
    pub fn query(&self, name: &str) -> Option<&str> {
        self.query_pairs().find(|(n, _)| *n == name).map(|(_, v)| v)
    }

    /// The headers sent (credentials included).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header as text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The body's bytes (empty without a body).
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The body as JSON, if it is JSON.
    pub fn json(&self) -> Option<Value> {
        serde_json::from_slice(&self.body).ok()
    }

    /// The parts of a `multipart/form-data` body, if it is one.
    pub fn multipart(&self) -> Option<Vec<crate::MultipartPart>> {
        crate::multipart::parse(self.header("content-type")?, &self.body)
    }

    /// The body decoded as `B` (a request model of the API, or any type).
    pub fn body_as<B: DeserializeOwned>(&self) -> Option<B> {
        serde_json::from_slice(&self.body).ok()
    }
}

/// An answer of a mock rule.
#[derive(Debug, Clone)]
pub struct MockResponse {
    status: u16,
    headers: HeaderMap,
    body: Bytes,
}

impl MockResponse {
    /// A 200 answer with `value` serialized as JSON (a model of the API, `json!(..)`, ...).
    ///
    /// # Panics
    /// When `value` does not serialize.
    pub fn json(value: &impl Serialize) -> Self {
        let body = serde_json::to_vec(value).expect("a mock answer serializes to JSON");
        MockResponse::status(200)
            .header("content-type", "application/json")
            .body(body)
    }

    /// An answer with this status and an empty body.
    pub fn status(status: u16) -> Self {
        MockResponse {
            status,
            headers: HeaderMap::new(),
            body: Bytes::new(),
        }
    }

    /// An error answer: `status` with `body` serialized as JSON (the API's error body).
    pub fn error(status: u16, body: &impl Serialize) -> Self {
        MockResponse {
            status,
            ..MockResponse::json(body)
        }
    }

    /// Adds a header.
    ///
    /// # Panics
    /// When the name or value is not valid in a header.
    pub fn header(mut self, name: &str, value: &str) -> Self {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        let value = HeaderValue::from_str(value).expect("a valid header value");
        self.headers.append(name, value);
        self
    }

    /// Replaces the body with these bytes.
    pub fn body(mut self, body: impl Into<Bytes>) -> Self {
        self.body = body.into();
        self
    }

    /// Replaces the status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = status;
        self
    }
}

type Condition = Box<dyn Fn(&MockRequest) -> bool + Send + Sync>;
type Responder = Arc<dyn Fn(&MockRequest) -> MockResponse + Send + Sync>;

/// How often one answer of a rule is given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Times {
    Exactly(usize),
    Forever,
}

struct Answer {
    respond: Responder,
    times: Times,
    given: usize,
}

struct RuleState {
    operation: String,
    conditions: Vec<Condition>,
    answers: Vec<Answer>,
    calls: usize,
}

impl RuleState {
    fn next_answer(&mut self) -> Option<&mut Answer> {
        self.answers.iter_mut().find(|a| match a.times {
            Times::Exactly(n) => a.given < n,
            Times::Forever => true,
        })
    }

    fn used_up(&self) -> bool {
        self.answers.iter().all(|a| match a.times {
            Times::Exactly(n) => a.given >= n,
            Times::Forever => a.given >= 1,
        })
    }
}

#[derive(Default)]
struct State {
    rules: Vec<Arc<Mutex<RuleState>>>,
    requests: Vec<MockRequest>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// Stands in for the HTTP client: install it with
/// [`ClientConfig::mock`](crate::ClientConfig::mock). Cheap to clone; clones share rules and
/// the record of requests.
#[derive(Clone, Default)]
pub struct MockTransport {
    state: Arc<Mutex<State>>,
}

impl fmt::Debug for MockTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.state);
        f.debug_struct("MockTransport")
            .field("rules", &state.rules.len())
            .field("requests", &state.requests.len())
            .finish()
    }
}

impl MockTransport {
    /// A mock without rules.
    pub fn new() -> Self {
        MockTransport::default()
    }

    /// A new rule for the operation `operation` (the spec's name, e.g. `list_clients`).
    pub fn on(&self, operation: &str) -> Rule {
        let rule = Arc::new(Mutex::new(RuleState {
            operation: operation.to_owned(),
            conditions: Vec::new(),
            answers: Vec::new(),
            calls: 0,
        }));
        lock(&self.state).rules.push(rule.clone());
        Rule { state: rule }
    }

    /// How many requests (attempts, retries included) were made for `operation`,
    /// answered by a rule or not.
    pub fn calls(&self, operation: &str) -> usize {
        lock(&self.state)
            .requests
            .iter()
            .filter(|r| r.operation == operation)
            .count()
    }

    /// Every request made, in order.
    pub fn requests(&self) -> Vec<MockRequest> {
        lock(&self.state).requests.clone()
    }

    /// Panics, naming them, when some rule still has answers to give (a rule with a
    /// `repeatedly()` answer needs to have given it once).
    pub fn assert_all_used(&self) {
        let state = lock(&self.state);
        let unused: Vec<String> = state
            .rules
            .iter()
            .map(|r| lock(r))
            .filter(|r| !r.used_up())
            .map(|r| format!("{} ({} calls)", r.operation, r.calls))
            .collect();
        assert!(unused.is_empty(), "mock rules not used up: {unused:?}");
    }

    /// Answers one attempt.
    pub(crate) fn respond(&self, parts: RequestParts, base: &Url) -> Result<Raw, String> {
        let base_path = base.path().trim_end_matches('/');
        let path = parts.url.path();
        let path = path.strip_prefix(base_path).unwrap_or(path).to_owned();
        let request = MockRequest {
            operation: parts.operation,
            attempt: parts.attempt,
            method: parts.method,
            query: parts
                .url
                .query_pairs()
                .map(|(n, v)| (n.into_owned(), v.into_owned()))
                .collect(),
            path,
            headers: parts.headers,
            body: parts.body,
        };
        let rules = {
            let mut state = lock(&self.state);
            state.requests.push(request.clone());
            state.rules.clone()
        };
        for rule in rules {
            let respond = {
                let mut rule = lock(&rule);
                if rule.operation != request.operation
                    || !rule.conditions.iter().all(|c| c(&request))
                {
                    continue;
                }
                let Some(answer) = rule.next_answer() else {
                    continue;
                };
                answer.given += 1;
                let respond = answer.respond.clone();
                rule.calls += 1;
                respond
            };
            let MockResponse {
                status,
                headers,
                body,
            } = respond(&request);
            return Ok(Raw {
                status,
                headers,
                body,
                stream: None,
            });
        }
        Err(format!(
            "no mock rule answers {} {} (operation `{}`)",
            request.method, request.path, request.operation
        ))
    }
}

/// A rule of a [`MockTransport`]: conditions on the request and the answers to give, in
/// order. Methods add to the rule in place and return it, so it can be kept to ask
/// [`Rule::calls`] later.
#[derive(Clone)]
pub struct Rule {
    state: Arc<Mutex<RuleState>>,
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = lock(&self.state);
        f.debug_struct("Rule")
            .field("operation", &state.operation)
            .field("answers", &state.answers.len())
            .field("calls", &state.calls)
            .finish()
    }
}

impl Rule {
    /// Applies only to requests for which `condition` holds.
    pub fn when(self, condition: impl Fn(&MockRequest) -> bool + Send + Sync + 'static) -> Self {
        lock(&self.state).conditions.push(Box::new(condition));
        self
    }

    /// Applies only when the path (after the base URL's path, percent-encoded) is `path`.
    pub fn path(self, path: impl Into<String>) -> Self {
        let path = path.into();
        self.when(move |r| r.path == path)
    }

    /// Applies only when the query parameter `name` is `value`.
    pub fn query(self, name: impl Into<String>, value: impl fmt::Display) -> Self {
        let (name, value) = (name.into(), value.to_string());
        self.when(move |r| r.query(&name) == Some(value.as_str()))
    }

    /// Applies only when the body is JSON equal to `body` serialized.
    ///
    /// # Panics
    /// When `body` does not serialize.
    pub fn body_json(self, body: &impl Serialize) -> Self {
        let expected = serde_json::to_value(body).expect("an expected body serializes");
        self.when(move |r| r.json().as_ref() == Some(&expected))
    }

    /// Applies only when the body decodes as `B` and `check` holds for it: a typed
    /// expectation on a request model.
    pub fn body_matches<B: DeserializeOwned>(
        self,
        check: impl Fn(&B) -> bool + Send + Sync + 'static,
    ) -> Self {
        self.when(move |r| r.body_as::<B>().is_some_and(|b| check(&b)))
    }

    /// Next answer: `response`.
    pub fn then_response(self, response: MockResponse) -> Self {
        self.then(move |_| response.clone())
    }

    /// Next answer: a 200 with `value` as its JSON body.
    pub fn then_output(self, value: &impl Serialize) -> Self {
        self.then_response(MockResponse::json(value))
    }

    /// Next answer: `status` with `body` as its JSON body.
    pub fn then_error(self, status: u16, body: &impl Serialize) -> Self {
        self.then_response(MockResponse::error(status, body))
    }

    /// Next answer: `status` and an empty body.
    pub fn then_status(self, status: u16) -> Self {
        self.then_response(MockResponse::status(status))
    }

    /// Next answer: computed from the request (an echo, a page for the requested offset).
    pub fn then(
        self,
        respond: impl Fn(&MockRequest) -> MockResponse + Send + Sync + 'static,
    ) -> Self {
        lock(&self.state).answers.push(Answer {
            respond: Arc::new(respond),
            times: Times::Exactly(1),
            given: 0,
        });
        self
    }

    /// The last answer added is given `n` times instead of once.
    pub fn times(self, n: usize) -> Self {
        self.set_last(Times::Exactly(n));
        self
    }

    /// The last answer added is given to every further request.
    pub fn repeatedly(self) -> Self {
        self.set_last(Times::Forever);
        self
    }

    fn set_last(&self, times: Times) {
        let mut state = lock(&self.state);
        let last = state
            .answers
            .last_mut()
            .expect("times()/repeatedly() follow an answer (then_output, ...)");
        last.times = times;
    }

    /// How many requests this rule answered.
    pub fn calls(&self) -> usize {
        lock(&self.state).calls
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::CONTENT_TYPE;

    fn parts(operation: &'static str, url: &str, body: &str) -> RequestParts {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        RequestParts {
            operation,
            attempt: 1,
            method: Method::POST,
            url: Url::parse(url).unwrap(),
            headers,
            body: Bytes::from(body.to_owned()),
        }
    }

    #[test]
    fn rules_match_by_operation_and_conditions_then_run_out() {
        let base = Url::parse("http://h.test/api/").unwrap();
        let mock = MockTransport::new();
        let rule = mock
            .on("create")
            .path("/things")
            .query("dry", "1")
            .body_json(&serde_json::json!({"a": 1}))
            .then_status(201)
            .then_error(409, &serde_json::json!({"detail": "exists"}));
        let ok = mock
            .respond(
                parts("create", "http://h.test/api/things?dry=1", r#"{"a":1}"#),
                &base,
            )
            .unwrap();
        assert_eq!(ok.status, 201);
        let again = mock
            .respond(
                parts("create", "http://h.test/api/things?dry=1", r#"{"a":1}"#),
                &base,
            )
            .unwrap();
        assert_eq!(
            (again.status, &again.body[..]),
            (409, &br#"{"detail":"exists"}"#[..])
        );
        let none = mock.respond(
            parts("create", "http://h.test/api/things?dry=1", "{}"),
            &base,
        );
        assert!(none.unwrap_err().contains("no mock rule"));
        assert_eq!((rule.calls(), mock.calls("create")), (2, 3));
        mock.assert_all_used();
    }

    #[test]
    #[should_panic(expected = "not used up")]
    fn unused_rules_are_reported() {
        let mock = MockTransport::new();
        mock.on("never").then_status(200).repeatedly();
        mock.assert_all_used();
    }
}
