//! One API call as data: [`Request`], built by generated code through a chain of small
//! constructors (one per spec construct) and read by the transport, by tests and by mocks.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::Method;
use serde::Serialize;
use serde_json::Value;
use url::Url;

use crate::form::FormLists;
use crate::header_arg::{sent_header, HeaderArg, SentHeader};
use crate::multipart::{Multipart, MultipartPart};
use crate::paging::Paging;
use crate::query::{Query, QueryValue};
use crate::types::{Order, Range, TriState};
use crate::upload::{Chunks, Piece, Upload};

/// Everything except RFC 3986 unreserved characters gets percent-encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment so that no input (`../x`, `a/b`, `?`, `#`, `%`) can
/// change the route: only RFC 3986 unreserved characters stay literal.
///
/// A segment that is exactly `.` or `..` is still a dot segment after encoding; the
/// transport refuses such paths with `Error::InvalidRequest` instead of letting them climb.
pub fn encode_path_segment(s: &str) -> Cow<'_, str> {
    utf8_percent_encode(s, PATH_SEGMENT).into()
}

/// How the success body becomes the typed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unwrap {
    /// The whole body.
    Body,
    /// One member of a JSON object body.
    Member(&'static str),
}

/// What a request does to the client's login session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SessionEffect {
    /// Stores the tokens of the answer (login, refresh).
    Start,
    /// Drops the stored tokens (logout), whatever the answer.
    End,
}

/// A request body.
#[derive(Clone)]
pub(crate) enum Body {
    /// JSON, with the values of the secrets it carries (for scrubbing errors).
    Json { value: Value, secrets: Vec<String> },
    /// A form (`application/x-www-form-urlencoded`) made from the value, lists as `lists`.
    Form {
        value: Value,
        secrets: Vec<String>,
        lists: FormLists,
    },
    /// Raw bytes (or a stream) with the content type the spec names.
    Binary {
        upload: Upload,
        content_type: &'static str,
    },
    /// `multipart/form-data` parts, with the secrets of its text members.
    Multipart {
        multipart: Multipart,
        secrets: Vec<String>,
    },
}

impl Body {
    /// The `Content-Type` the body is sent with.
    pub(crate) fn content_type(&self) -> Cow<'static, str> {
        match self {
            Body::Json { .. } => "application/json".into(),
            Body::Form { .. } => "application/x-www-form-urlencoded".into(),
            Body::Binary { content_type, .. } => (*content_type).into(),
            Body::Multipart { multipart, .. } => multipart.content_type().into(),
        }
    }
}

/// Per-request settings a builder carries besides its parameters.
#[doc(hidden)]
#[derive(Debug, Clone, Default)]
pub struct Options {
    timeout: Option<Duration>,
}

impl Options {
    /// Overrides the client's timeout for one request.
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = Some(timeout);
    }
}

/// One API call: operation, method, path, query, body and how to read the answer.
///
/// Builders produce it with `to_request()`; `T` is what the answer decodes into. The
/// accessors show exactly what will be sent (before auth is added).
pub struct Request<T = Value> {
    operation: &'static str,
    method: Method,
    template: &'static str,
    path: Cow<'static, str>,
    query: Query,
    headers: Vec<SentHeader>,
    body: Option<Body>,
    retry_safe: bool,
    timeout: Option<Duration>,
    authenticated: bool,
    unwrap: Unwrap,
    session: Option<SessionEffect>,
    paging: Option<Paging>,
    /// A next-page URL (from the body or a `Link` header) that replaces path and query.
    target: Option<Url>,
    invalid: Option<String>,
    /// The success body is handed to the caller unread (`send_stream`).
    streaming: bool,
    out: PhantomData<fn() -> T>,
}

impl<T> Clone for Request<T> {
    fn clone(&self) -> Self {
        Request {
            operation: self.operation,
            method: self.method.clone(),
            template: self.template,
            path: self.path.clone(),
            query: self.query.clone(),
            headers: self.headers.clone(),
            body: self.body.clone(),
            retry_safe: self.retry_safe,
            timeout: self.timeout,
            authenticated: self.authenticated,
            unwrap: self.unwrap,
            session: self.session,
            paging: self.paging.clone(),
            target: self.target.clone(),
            invalid: self.invalid.clone(),
            streaming: self.streaming,
            out: PhantomData,
        }
    }
}

impl<T> fmt::Debug for Request<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold login credentials, so only its presence is shown.
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &self.query.pairs())
            .field("headers", &HeadersDebug(&self.headers))
            .field("has_body", &self.body.is_some())
            .field("retry_safe", &self.retry_safe)
            .field("timeout", &self.timeout)
            .field("authenticated", &self.authenticated)
            .finish()
    }
}

/// Constructors and settings, called by generated code.
#[doc(hidden)]
impl<T> Request<T> {
    /// A request for `operation` at the path `template` (`/contact/{id}`), sent as is until
    /// [`Request::path_params`] fills its parameters. Retry-safe for GET, PUT and DELETE.
    pub fn new(operation: &'static str, method: Method, template: &'static str) -> Self {
        let retry_safe = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        Request {
            operation,
            method,
            template,
            path: Cow::Borrowed(template),
            query: Query::new(),
            headers: Vec::new(),
            body: None,
            retry_safe,
            timeout: None,
            authenticated: true,
            unwrap: Unwrap::Body,
            session: None,
            paging: None,
            target: None,
            invalid: None,
            streaming: false,
            out: PhantomData,
        }
    }

    /// `GET template`.
    pub fn get(operation: &'static str, template: &'static str) -> Self {
        Self::new(operation, Method::GET, template)
    }

    /// `POST template`.
    pub fn post(operation: &'static str, template: &'static str) -> Self {
        Self::new(operation, Method::POST, template)
    }

    /// `PUT template`.
    pub fn put(operation: &'static str, template: &'static str) -> Self {
        Self::new(operation, Method::PUT, template)
    }

    /// `PATCH template`.
    pub fn patch(operation: &'static str, template: &'static str) -> Self {
        Self::new(operation, Method::PATCH, template)
    }

    /// `DELETE template`.
    pub fn delete(operation: &'static str, template: &'static str) -> Self {
        Self::new(operation, Method::DELETE, template)
    }

    /// Fills the template's `{..}` parameters, in order, with these values, each
    /// percent-encoded as one segment.
    pub fn path_params(mut self, values: &[&dyn QueryValue]) -> Self {
        let mut path = String::with_capacity(self.template.len() + 16);
        let mut rest = self.template;
        let mut values = values.iter();
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let Some(value) = values.next() else {
                self.invalid = Some(format!("no value for a parameter of `{}`", self.template));
                return self;
            };
            path.push_str(&rest[..open]);
            path.push_str(&encode_path_segment(&value.to_query()));
            rest = &rest[open + close + 1..];
        }
        path.push_str(rest);
        if values.next().is_some() {
            self.invalid = Some(format!("too many values for `{}`", self.template));
        }
        self.path = Cow::Owned(path);
        self
    }

    /// A required query parameter: `name=value`.
    pub fn query<V: QueryValue + ?Sized>(mut self, name: &'static str, value: &V) -> Self {
        self.query.push(name, value);
        self
    }

    /// An optional query parameter, sent when set.
    pub fn opt<V: QueryValue>(mut self, name: &'static str, value: &Option<V>) -> Self {
        self.query.push_opt(name, value.as_ref());
        self
    }

    /// An optional query parameter that can also select "no value": `Some(None)` sends the
    /// API's `null_literal`.
    pub fn nullable<V: QueryValue>(
        mut self,
        name: &'static str,
        value: &Option<Option<V>>,
        null_literal: &'static str,
    ) -> Self {
        match value {
            Some(Some(v)) => self.query.push(name, v),
            Some(None) => self.query.push_raw(name, null_literal),
            None => {}
        }
        self
    }

    /// An object (a model or a map) as bracketed keys under `name`: `name[member]=value`,
    /// nested members as `name[a][b]`, lists inside as `lists` says (nothing when unset).
    pub fn object<V: Serialize>(
        mut self,
        name: &'static str,
        value: Option<&V>,
        lists: FormLists,
    ) -> Self {
        let Some(value) = value else { return self };
        match serde_json::to_value(value) {
            Ok(v) => {
                for (key, text) in crate::form::pairs_under(name, &v, lists) {
                    self.query.push_owned(key, text);
                }
            }
            Err(e) => self.invalid = Some(format!("cannot serialize `{name}`: {e}")),
        }
        self
    }

    /// A list sent comma-joined in one parameter (nothing when empty).
    pub fn csv<V: QueryValue>(mut self, name: &'static str, values: &[V]) -> Self {
        self.query.push_csv(name, values);
        self
    }

    /// A list parameter in the given style (nothing when empty).
    pub fn list<V: QueryValue>(
        mut self,
        name: &'static str,
        values: &[V],
        style: crate::query::ListStyle,
    ) -> Self {
        self.query.push_list(name, values, style);
        self
    }

    /// Sort fields, each written in `form`, several in `style` (nothing when empty).
    pub fn orders<F: QueryValue>(
        mut self,
        name: &'static str,
        orders: &[Order<F>],
        form: crate::query::OrderForm,
        style: crate::query::ListStyle,
    ) -> Self {
        self.query.push_orders(name, orders, form, style);
        self
    }

    /// Sort fields, comma-joined, `-` marking descending ones (nothing when empty).
    pub fn ordering<F: QueryValue>(mut self, name: &'static str, orders: &[Order<F>]) -> Self {
        self.query.push_ordering(name, orders);
        self
    }

    /// One sort field as two parameters: the field and `true` when descending.
    pub fn ordering_flag<F: QueryValue>(
        mut self,
        field: &'static str,
        reversed: &'static str,
        order: &Option<Order<F>>,
    ) -> Self {
        self.query
            .push_ordering_flag(field, reversed, order.as_ref());
        self
    }

    /// A range as its two bounds, each sent when set.
    pub fn range<V: QueryValue>(
        mut self,
        from: &'static str,
        to: &'static str,
        range: &Range<V>,
    ) -> Self {
        self.query.push_range(from, to, range);
        self
    }

    /// A three-valued flag: `true`, `false`, or `all_literal`.
    pub fn tristate(
        mut self,
        name: &'static str,
        value: &Option<TriState>,
        all_literal: &'static str,
    ) -> Self {
        self.query.push_tristate(name, *value, all_literal);
        self
    }

    /// The header `name` with `value` (a query value, a `Secret`, or an `Option` of one:
    /// `None` sends nothing). A value a header cannot carry fails `build`.
    pub fn header<V: HeaderArg + ?Sized>(mut self, name: &'static str, value: &V) -> Self {
        match sent_header(name, value) {
            Ok(Some(h)) => self.headers.push(h),
            Ok(None) => {}
            Err(message) => self.invalid = Some(message),
        }
        self
    }

    /// A JSON body.
    pub fn json<B: Serialize + ?Sized>(mut self, body: &B) -> Self {
        let (value, secrets) = crate::secret::collecting(|| serde_json::to_value(body));
        match value {
            Ok(value) => self.body = Some(Body::Json { value, secrets }),
            Err(e) => self.invalid = Some(format!("cannot serialize the body: {e}")),
        }
        self
    }

    /// A form body (`application/x-www-form-urlencoded`): the body's members as bracketed
    /// keys, lists written as `lists` says.
    pub fn form<B: Serialize + ?Sized>(mut self, body: &B, lists: FormLists) -> Self {
        let (value, secrets) = crate::secret::collecting(|| serde_json::to_value(body));
        match value {
            Ok(value) => {
                self.body = Some(Body::Form {
                    value,
                    secrets,
                    lists,
                })
            }
            Err(e) => self.invalid = Some(format!("cannot serialize the body: {e}")),
        }
        self
    }

    /// A `multipart/form-data` body: the body's members as parts under their bracketed
    /// keys, lists as `lists` says; `FilePart` members are file parts.
    pub fn multipart<B: Serialize + ?Sized>(mut self, body: &B, lists: FormLists) -> Self {
        let ((value, mut secrets), files) = crate::file_part::collecting(|| {
            crate::secret::collecting(|| serde_json::to_value(body))
        });
        match value {
            Ok(value) => {
                named_secrets(&value, &mut secrets);
                let multipart = Multipart::new(&value, files, lists);
                self.body = Some(Body::Multipart { multipart, secrets });
            }
            Err(e) => self.invalid = Some(format!("cannot serialize the body: {e}")),
        }
        self
    }

    /// A raw body: the bytes as they are, sent with `content_type`.
    pub fn binary(mut self, upload: &Upload, content_type: &'static str) -> Self {
        self.body = Some(Body::Binary {
            upload: upload.clone(),
            content_type,
        });
        self
    }

    /// The answer is the member `key` of a JSON object body.
    pub fn member(mut self, key: &'static str) -> Self {
        self.unwrap = Unwrap::Member(key);
        self
    }

    /// Whether a failed attempt may be sent again (overrides the method's default).
    pub fn retry_safe(mut self, safe: bool) -> Self {
        self.retry_safe = safe;
        self
    }

    /// Sent without the client's credentials (login routes).
    pub fn unauthenticated(mut self) -> Self {
        self.authenticated = false;
        self
    }

    /// The answer carries session tokens to store (login, refresh).
    pub fn session_start(mut self) -> Self {
        self.session = Some(SessionEffect::Start);
        self
    }

    /// The call ends the session: stored tokens are dropped.
    pub fn session_end(mut self) -> Self {
        self.session = Some(SessionEffect::End);
        self
    }

    /// How the operation is walked page by page.
    pub fn paging(mut self, paging: Paging) -> Self {
        self.paging = Some(paging);
        self
    }

    /// Applies a builder's per-request options.
    pub fn options(mut self, options: &Options) -> Self {
        if options.timeout.is_some() {
            self.timeout = options.timeout;
        }
        self
    }

    /// The finished request, or the error that building it met (a body that does not
    /// serialize).
    pub fn build<E>(self) -> Result<Self, crate::Error<E>> {
        match &self.invalid {
            None => Ok(self),
            Some(message) => Err(crate::Error::InvalidRequest {
                operation: self.operation,
                message: message.clone(),
            }),
        }
    }
}

/// What the request sends.
impl<T> Request<T> {
    /// The spec's operation name.
    pub fn operation(&self) -> &'static str {
        self.operation
    }

    /// The HTTP method.
    pub fn method(&self) -> &Method {
        &self.method
    }

    /// The path template from the spec, e.g. `/contact/{id}`.
    pub fn path_template(&self) -> &'static str {
        self.template
    }

    /// The encoded path, appended to the base URL's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters in the order they are sent (values not yet percent-encoded).
    pub fn query_pairs(&self) -> impl Iterator<Item = (&str, &str)> {
        self.query
            .pairs()
            .iter()
            .map(|(n, v)| (n.as_ref(), v.as_str()))
    }

    /// The headers the operation sends besides the client's own (its typed header
    /// parameters), in order; a secret one's value is marked sensitive (`Debug` hides it).
    pub fn headers(&self) -> impl Iterator<Item = (&str, &reqwest::header::HeaderValue)> {
        self.headers.iter().map(|h| (h.name.as_str(), &h.value))
    }

    /// The JSON body, if the request has one.
    pub fn body_json(&self) -> Option<&Value> {
        match &self.body {
            Some(Body::Json { value, .. }) => Some(value),
            Some(Body::Form { .. } | Body::Binary { .. } | Body::Multipart { .. }) | None => None,
        }
    }

    /// The form body's `(key, value)` pairs in the order they are sent (not yet
    /// percent-encoded), if the request has a form body.
    pub fn body_form(&self) -> Option<Vec<(String, String)>> {
        match &self.body {
            Some(Body::Form { value, lists, .. }) => Some(crate::form::pairs(value, *lists)),
            Some(Body::Json { .. } | Body::Binary { .. } | Body::Multipart { .. }) | None => None,
        }
    }

    /// A raw body's bytes and content type, if the body is raw bytes in memory (see
    /// [`Request::body_upload`] for a streamed one).
    pub fn body_binary(&self) -> Option<(&[u8], &'static str)> {
        let (upload, content_type) = self.body_upload()?;
        Some((upload.bytes()?, content_type))
    }

    /// A raw body (bytes or a stream) and its content type, if the body is raw.
    pub fn body_upload(&self) -> Option<(&Upload, &'static str)> {
        match &self.body {
            Some(Body::Binary {
                upload,
                content_type,
            }) => Some((upload, content_type)),
            Some(Body::Json { .. } | Body::Form { .. } | Body::Multipart { .. }) | None => None,
        }
    }

    /// A multipart body's parts in the order they are sent, if the body is multipart.
    pub fn body_multipart(&self) -> Option<&[MultipartPart]> {
        match &self.body {
            Some(Body::Multipart { multipart, .. }) => Some(&multipart.parts),
            Some(Body::Json { .. } | Body::Form { .. } | Body::Binary { .. }) | None => None,
        }
    }

    /// Whether a failed attempt may be sent again: never with a streamed body, which is
    /// read as it is sent.
    pub fn is_retry_safe(&self) -> bool {
        self.retry_safe && !self.has_stream()
    }

    /// Whether the body is (or holds) a stream, which can be sent once.
    pub fn has_stream(&self) -> bool {
        match &self.body {
            Some(Body::Binary { upload, .. }) => upload.is_stream(),
            Some(Body::Multipart { multipart, .. }) => multipart.is_streamed(),
            Some(Body::Json { .. } | Body::Form { .. }) | None => false,
        }
    }

    /// The size of a streamed body, when every stream in it has a length
    /// ([`crate::Upload::stream_with_length`]): sent as `Content-Length` instead of chunked.
    pub fn stream_length(&self) -> Option<u64> {
        match &self.body {
            Some(Body::Binary { upload, .. }) if upload.is_stream() => upload.len(),
            Some(Body::Multipart { multipart, .. }) if multipart.is_streamed() => {
                crate::upload::length(&multipart.pieces())
            }
            _ => None,
        }
    }

    /// The chunks of a streamed body, taken by the one send: `None` without a stream,
    /// `Some(None)` when it was sent already.
    pub(crate) fn take_stream(&self) -> Option<Option<Chunks>> {
        if !self.has_stream() {
            return None;
        }
        Some(match &self.body {
            Some(Body::Binary { upload, .. }) => {
                crate::upload::chain(&[Piece::Stream(upload.clone())])
            }
            Some(Body::Multipart { multipart, .. }) => crate::upload::chain(&multipart.pieces()),
            _ => None,
        })
    }

    /// The per-request timeout, if set.
    pub fn timeout(&self) -> Option<Duration> {
        self.timeout
    }

    /// Whether the client's credentials are attached.
    pub fn is_authenticated(&self) -> bool {
        self.authenticated
    }

    pub(crate) fn is_streaming(&self) -> bool {
        self.streaming
    }

    pub(crate) fn set_streaming(&mut self) {
        self.streaming = true;
    }

    pub(crate) fn body(&self) -> Option<&Body> {
        self.body.as_ref()
    }

    /// The body's bytes as sent (empty without a body): the JSON encoding `reqwest` would
    /// produce. A streamed body's are sent from [`Request::take_stream`] instead.
    pub(crate) fn body_bytes(&self) -> bytes::Bytes {
        match &self.body {
            Some(Body::Json { value, .. }) => serde_json::to_vec(value)
                .map(bytes::Bytes::from)
                .unwrap_or_default(),
            Some(Body::Form { value, lists, .. }) => {
                bytes::Bytes::from(crate::form::encode(value, *lists))
            }
            Some(Body::Binary { upload, .. }) => upload.bytes().cloned().unwrap_or_default(),
            Some(Body::Multipart { multipart, .. }) => multipart.encode(),
            None => bytes::Bytes::new(),
        }
    }

    pub(crate) fn unwrap_mode(&self) -> Unwrap {
        self.unwrap
    }

    pub(crate) fn session_effect(&self) -> Option<SessionEffect> {
        self.session
    }

    pub(crate) fn paging_config(&self) -> Option<&Paging> {
        self.paging.as_ref()
    }

    /// Sets one query parameter (a page position or size), replacing its value.
    pub(crate) fn set_query(&mut self, name: &'static str, value: String) {
        self.query.set(name, value);
    }

    /// Sends the request to `url` (a next-page link) instead of its path and query.
    pub(crate) fn set_target(&mut self, url: Url) {
        self.target = Some(url);
    }

    /// Base URL + path + query (+ a query token). Refuses paths that could leave the route,
    /// and a next-page target on another scheme, host or port than `base`.
    pub(crate) fn url(&self, base: &Url, token: Option<(&str, &str)>) -> Result<Url, String> {
        if let Some(target) = &self.target {
            if !same_origin(target, base) {
                return Err(format!(
                    "next-page URL on another origin ({}) than the client's ({})",
                    origin(target),
                    origin(base)
                ));
            }
            let mut url = target.clone();
            url.set_fragment(None);
            if let Some((param, token)) = token {
                url.query_pairs_mut().append_pair(param, token);
            }
            return Ok(url);
        }
        if !self.path.starts_with('/') {
            return Err("path must start with `/`".into());
        }
        if self.path.contains(['?', '#']) {
            return Err("path must be percent-encoded (contains `?` or `#`)".into());
        }
        for segment in self.path.split('/') {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            if decoded == "." || decoded == ".." {
                return Err("path segment `.` or `..` is not allowed".into());
            }
        }
        let mut url = base.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), self.path);
        url.set_path(&joined);
        if !self.query.is_empty() || token.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in self.query.pairs() {
                pairs.append_pair(name, value);
            }
            if let Some((param, token)) = token {
                pairs.append_pair(param, token);
            }
        }
        Ok(url)
    }

    /// The operation's own headers, as sent.
    pub(crate) fn sent_headers(&self) -> &[SentHeader] {
        &self.headers
    }

    /// The values of the secret headers, for scrubbing error text.
    pub(crate) fn header_secrets(&self) -> impl Iterator<Item = &str> {
        self.headers.iter().filter_map(|h| h.secret.as_deref())
    }

    /// The secrets of the body (exact, from `Secret` values) and of members named like
    /// credentials (`password`, `token`, ...), for scrubbing error text.
    pub(crate) fn body_secrets(&self) -> Vec<String> {
        match &self.body {
            Some(Body::Json { value, secrets } | Body::Form { value, secrets, .. }) => {
                let mut out = secrets.clone();
                named_secrets(value, &mut out);
                out
            }
            Some(Body::Multipart { secrets, .. }) => secrets.clone(),
            Some(Body::Binary { .. }) | None => Vec::new(),
        }
    }
}

/// The request's own headers in `Debug`: names, and values unless sensitive.
struct HeadersDebug<'a>(&'a [SentHeader]);

impl fmt::Debug for HeadersDebug<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map()
            .entries(self.0.iter().map(|h| {
                let value = if h.value.is_sensitive() {
                    "[redacted]"
                } else {
                    h.value.to_str().unwrap_or("[not text]")
                };
                (h.name.as_str(), value)
            }))
            .finish()
    }
}

/// String values of members whose names mark credentials, at any depth.
/// Whether `a` and `b` share scheme, host and port (default ports included).
pub(crate) fn same_origin(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme()
        && a.host_str() == b.host_str()
        && a.port_or_known_default() == b.port_or_known_default()
}

/// `scheme://host:port` of `u`, without user info, path or query.
pub(crate) fn origin(u: &Url) -> String {
    format!(
        "{}://{}:{}",
        u.scheme(),
        u.host_str().unwrap_or(""),
        u.port_or_known_default().unwrap_or(0)
    )
}

fn named_secrets(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let k = k.to_ascii_lowercase();
                let named = ["password", "passwd", "secret", "token"]
                    .iter()
                    .any(|n| k.contains(n));
                match v {
                    Value::String(s) if named && !s.is_empty() => out.push(s.clone()),
                    _ => named_secrets(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| named_secrets(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Asc, Desc};

    fn query(r: &Request) -> String {
        r.query_pairs()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    #[test]
    fn literal_paths_are_borrowed_and_parameters_encoded() {
        let r: Request = Request::get("list", "/contact/privileges");
        assert!(matches!(r.path, Cow::Borrowed(_)));
        let r: Request =
            Request::get("get", "/service/{id}/vms/{vmid}").path_params(&[&10i64, &"a/b ?#%"]);
        assert_eq!(r.path(), "/service/10/vms/a%2Fb%20%3F%23%25");
        assert_eq!(r.path_template(), "/service/{id}/vms/{vmid}");
        assert!(Request::<Value>::get("x", "/a/{b}")
            .path_params(&[])
            .build::<Value>()
            .is_err());
    }

    #[test]
    fn query_methods_follow_the_constructs() {
        let r: Request = Request::get("list", "/items")
            .query("required", "yes")
            .opt("limit", &Some(5i64))
            .opt::<i64>("offset", &None)
            .nullable("country", &Some(None::<String>), "null")
            .csv("ids", &[1i64, 2])
            .ordering("ordering", &[Desc("a"), Asc("b")])
            .ordering_flag("s[field]", "s[reversed]", &Some(Asc("id")))
            .range("gte", "lte", &Range::until(3i64))
            .tristate("deleted", &Some(TriState::False), "all");
        assert_eq!(
            query(&r),
            "required=yes&limit=5&country=null&ids=1,2&ordering=-a,b&s[field]=id&s[reversed]=false&lte=3&deleted=false"
        );
    }

    #[test]
    fn defaults_follow_the_method() {
        let get: Request = Request::get("a", "/a");
        let post: Request = Request::post("a", "/a");
        assert!(get.is_retry_safe() && !post.is_retry_safe());
        assert!(Request::<Value>::put("a", "/a").is_retry_safe());
        assert!(Request::<Value>::delete("a", "/a").is_retry_safe());
        assert!(!Request::<Value>::patch("a", "/a").is_retry_safe());
        assert!(get.is_authenticated());
        assert!(!post.unauthenticated().is_authenticated());
    }

    #[test]
    fn next_page_targets_stay_on_the_clients_origin() {
        let base = Url::parse("https://h.example/api/").unwrap();
        let mut r: Request = Request::get("a", "/x").opt("q", &Some("a"));
        r.set_target(Url::parse("https://h.example:443/api/x?page=2#f").unwrap());
        assert_eq!(
            r.url(&base, Some(("api_token", "t"))).unwrap().as_str(),
            "https://h.example/api/x?page=2&api_token=t",
            "the target replaces path and query; the token follows on the same origin"
        );
        for elsewhere in [
            "http://h.example/api/x",
            "https://other.example/api/x",
            "https://h.example:8443/api/x",
        ] {
            r.set_target(Url::parse(elsewhere).unwrap());
            let e = r.url(&base, Some(("api_token", "t"))).unwrap_err();
            assert!(
                e.contains("another origin") && !e.contains("api_token"),
                "{e}"
            );
        }
    }

    #[test]
    fn urls_join_the_base_path_and_refuse_dot_segments() {
        let base = Url::parse("https://h.example/api/").unwrap();
        let r: Request = Request::get("a", "/x/{id}")
            .path_params(&[&"1"])
            .opt("q", &Some("a b"));
        assert_eq!(
            r.url(&base, Some(("api_token", "t"))).unwrap().as_str(),
            "https://h.example/api/x/1?q=a+b&api_token=t"
        );
        for bad in ["..", "."] {
            let r: Request = Request::get("a", "/x/{id}").path_params(&[&bad]);
            assert!(r.url(&base, None).unwrap_err().contains("not allowed"));
        }
    }

    #[test]
    fn body_secrets_come_from_secret_values_and_names() {
        #[derive(Serialize)]
        struct Login {
            username: String,
            key: crate::Secret,
            password: String,
        }
        let r: Request = Request::post("login", "/login").json(&Login {
            username: "me".into(),
            key: crate::Secret::new("k-123"),
            password: "pw-9".into(),
        });
        assert_eq!(
            r.body_secrets(),
            vec!["k-123".to_string(), "pw-9".to_string()]
        );
        assert_eq!(r.body_json().unwrap()["key"], "k-123");
    }
}
