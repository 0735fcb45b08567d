//! Hooks: application code run before each attempt of a request (add headers, sign it) and
//! after each response (latency, status, metrics), registered with
//! [`ClientConfig::hook`](crate::ClientConfig::hook).

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use reqwest::Method;
use url::Url;

use crate::error::BoxError;

/// The future a [`Hook::before_attempt`] returns.
pub type HookFuture<'a> = Pin<Box<dyn Future<Output = Result<(), BoxError>> + Send + 'a>>;

/// Code run around every attempt of every request of a client (including retries and the
/// session refresh request), in the order the hooks were added.
///
/// Both methods have do-nothing defaults, so a hook implements only what it needs. For a
/// synchronous hook, [`before_attempt`] and [`after_response`] build one from a closure.
///
/// An error from `before_attempt` ends the request with
/// [`Error::Hook`](crate::Error::Hook); nothing is sent.
pub trait Hook: Send + Sync + 'static {
    /// Called with the attempt's request just before it is sent: headers can be added or
    /// changed (a signature over [`RequestParts::method`], [`RequestParts::path_and_query`]
    /// and [`RequestParts::body`], a ticket, a cookie). Credentials are already in the
    /// headers, marked sensitive.
    fn before_attempt<'a>(&'a self, parts: &'a mut RequestParts) -> HookFuture<'a> {
        let _ = parts;
        Box::pin(std::future::ready(Ok(())))
    }

    /// Called after every attempt, answered or not (then [`ResponseInfo::status`] is
    /// `None`: a timeout or a connection failure).
    fn after_response(&self, info: &ResponseInfo<'_>) {
        let _ = info;
    }
}

/// One attempt's request as it will be sent: what a [`Hook`] sees and may change.
#[derive(Debug)]
pub struct RequestParts {
    pub(crate) operation: &'static str,
    pub(crate) attempt: u32,
    pub(crate) method: Method,
    pub(crate) url: Url,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
}

impl RequestParts {
    /// The spec's operation name (`session_refresh` for the runtime's refresh request).
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

    /// The full URL. With query-token auth it contains the token: do not log it.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// The path and, when there is one, `?` and the encoded query, as sent on the request
    /// line (what request signatures usually cover).
    pub fn path_and_query(&self) -> String {
        match self.url.query() {
            Some(q) => format!("{}?{q}", self.url.path()),
            None => self.url.path().to_owned(),
        }
    }

    /// The headers to send (besides the client's default headers and `User-Agent`).
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers to send, to change.
    pub fn headers_mut(&mut self) -> &mut HeaderMap {
        &mut self.headers
    }

    /// Sets a header, replacing any value it had. Fails when the name or value is not
    /// valid in a header (e.g. contains CR/LF).
    pub fn set_header(&mut self, name: &str, value: &str) -> Result<(), BoxError> {
        let name = HeaderName::from_bytes(name.as_bytes())?;
        let value = HeaderValue::from_str(value)?;
        self.headers.insert(name, value);
        Ok(())
    }

    /// The body's bytes exactly as sent (empty without a body).
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// What a [`Hook`] learns after an attempt.
#[derive(Debug, Clone, Copy)]
pub struct ResponseInfo<'a> {
    pub(crate) operation: &'static str,
    pub(crate) method: &'a Method,
    pub(crate) attempt: u32,
    pub(crate) status: Option<u16>,
    pub(crate) headers: Option<&'a HeaderMap>,
    pub(crate) elapsed: Duration,
}

impl<'a> ResponseInfo<'a> {
    /// The spec's operation name (`session_refresh` for the refresh request).
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &'a Method {
        self.method
    }

    /// The attempt number, from 1.
    pub fn attempt(&self) -> u32 {
        self.attempt
    }

    /// The HTTP status; `None` when there was no answer (timeout, connection failure, a
    /// body larger than the limit).
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The response headers, when there was an answer.
    pub fn headers(&self) -> Option<&'a HeaderMap> {
        self.headers
    }

    /// Time from sending the attempt to having read its body (or failing).
    pub fn elapsed(&self) -> Duration {
        self.elapsed
    }
}

/// A hook from a synchronous closure run before every attempt.
pub fn before_attempt<F>(f: F) -> impl Hook
where
    F: Fn(&mut RequestParts) -> Result<(), BoxError> + Send + Sync + 'static,
{
    struct Before<F>(F);
    impl<F> Hook for Before<F>
    where
        F: Fn(&mut RequestParts) -> Result<(), BoxError> + Send + Sync + 'static,
    {
        fn before_attempt<'a>(&'a self, parts: &'a mut RequestParts) -> HookFuture<'a> {
            Box::pin(std::future::ready((self.0)(parts)))
        }
    }
    Before(f)
}

/// A hook from a closure run after every attempt.
pub fn after_response<F>(f: F) -> impl Hook
where
    F: Fn(&ResponseInfo<'_>) + Send + Sync + 'static,
{
    struct After<F>(F);
    impl<F> Hook for After<F>
    where
        F: Fn(&ResponseInfo<'_>) + Send + Sync + 'static,
    {
        fn after_response(&self, info: &ResponseInfo<'_>) {
            (self.0)(info)
        }
    }
    After(f)
}

/// The hooks of one client, shared by its clones.
pub(crate) type Hooks = Vec<Arc<dyn Hook>>;
