//! The HTTP transport: API description, client configuration, requests and the `send_*` entry points.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use reqwest::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, USER_AGENT};
use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use crate::auth::{Auth, Session};
use crate::error::Error;
use crate::query::Query;
use crate::types::Binary;

pub use crate::retry::RetryPolicy;

/// Operation name used for errors raised while building a [`Transport`].
pub(crate) const CONFIG_OPERATION: &str = "client_config";

/// Everything except RFC 3986 unreserved characters gets percent-encoded.
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment so that no input (`../x`, `a/b`, `?`,
/// `#`, `%`) can change the route: only RFC 3986 unreserved characters stay
/// literal.
///
/// A segment that is exactly `.` or `..` is still a dot segment after
/// encoding; the transport refuses such paths with
/// [`Error::InvalidRequest`] instead of letting them climb the path.
pub fn encode_path_segment(s: &str) -> String {
    utf8_percent_encode(s, PATH_SEGMENT).to_string()
}

/// Login-session routes of an API whose auth is a refreshable JWT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionConfig {
    /// Path of the refresh route, e.g. `/token`.
    pub refresh_path: &'static str,
    /// JSON field of the refresh request carrying the refresh token.
    pub refresh_request_field: &'static str,
    /// JSON field of the refresh response carrying the new access token.
    pub token_field: &'static str,
    /// JSON field of the refresh response carrying the new refresh token.
    pub refresh_token_field: &'static str,
}

/// Static facts about one API, emitted by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiInfo {
    /// Human-readable API name.
    pub name: &'static str,
    /// Base URL used when the configuration gives none.
    pub default_base_url: Option<&'static str>,
    /// Top-level field that carries errors in otherwise successful JSON
    /// object bodies (HostBill: `error`). A non-empty array there turns the
    /// response into an [`Error::Api`]; an empty array does not.
    pub error_field: Option<&'static str>,
    /// Login-session routes, for APIs with [`Auth::Session`].
    pub session: Option<SessionConfig>,
}

/// Client settings, built with chainable setters.
#[derive(Clone)]
pub struct ClientConfig {
    pub(crate) base_url: Option<String>,
    pub(crate) auth: Auth,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) default_headers: Vec<(String, String)>,
    pub(crate) http_client: Option<reqwest::Client>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: None,
            auth: Auth::None,
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
            user_agent: concat!("generated-client/", env!("CARGO_PKG_VERSION")).to_owned(),
            default_headers: Vec::new(),
            http_client: None,
        }
    }
}

impl ClientConfig {
    /// Defaults: no auth, 30 s timeout, 10 s connect timeout, default retries.
    pub fn new() -> Self {
        ClientConfig::default()
    }

    /// The base URL (scheme, host and optional path prefix).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// The authentication scheme.
    pub fn auth(mut self, auth: Auth) -> Self {
        self.auth = auth;
        self
    }

    /// Timeout of one attempt of a request, including reading the body.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Timeout for establishing a connection (ignored with
    /// [`ClientConfig::http_client`]: configure that client instead).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The retry policy.
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// The `User-Agent` header.
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// A header sent with every request (validated by [`Transport::new`]).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// Use this `reqwest` client instead of building one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }
}

impl fmt::Debug for ClientConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let header_names: Vec<&str> = self
            .default_headers
            .iter()
            .map(|(n, _)| n.as_str())
            .collect();
        f.debug_struct("ClientConfig")
            .field("base_url", &self.base_url.as_deref().map(redacted_url))
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("retry", &self.retry)
            .field("user_agent", &self.user_agent)
            .field("default_headers", &header_names)
            .field("custom_http_client", &self.http_client.is_some())
            .finish()
    }
}

/// A URL as text without credentials or query (for `Debug` output).
pub(crate) fn redacted_url(url: &str) -> String {
    match Url::parse(url) {
        Ok(mut u) => {
            let had_query = u.query().is_some();
            u.set_query(None);
            u.set_fragment(None);
            let _ = u.set_password(None);
            let _ = u.set_username("");
            if had_query {
                format!("{u}?[redacted]")
            } else {
                u.to_string()
            }
        }
        Err(_) => "[unparseable]".to_owned(),
    }
}

/// One API call, as built by generated code.
#[derive(Clone)]
pub struct Request {
    /// Operation name (used in errors and tracing).
    pub operation: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template from the spec, e.g. `/clients/{id}` (for tracing).
    pub path_template: &'static str,
    /// Encoded path starting with `/`, appended to the base URL's path.
    pub path: String,
    /// Query parameters.
    pub query: Query,
    /// JSON body.
    pub body: Option<serde_json::Value>,
    /// Whether the request may be retried after a failure.
    pub retry_safe: bool,
    /// Per-request timeout overriding the configured one.
    pub timeout: Option<Duration>,
    /// Whether to attach authentication (false for login/refresh routes).
    pub authenticated: bool,
}

impl Request {
    /// A request with an empty query, no body, authentication on, and
    /// `retry_safe` true for GET, HEAD, PUT, DELETE and OPTIONS.
    pub fn new(
        operation: &'static str,
        method: Method,
        path_template: &'static str,
        path: impl Into<String>,
    ) -> Self {
        let retry_safe = matches!(
            method,
            Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS
        );
        Request {
            operation,
            method,
            path_template,
            path: path.into(),
            query: Query::new(),
            body: None,
            retry_safe,
            timeout: None,
            authenticated: true,
        }
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The body may hold login credentials, so only its presence is shown.
        f.debug_struct("Request")
            .field("operation", &self.operation)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("has_body", &self.body.is_some())
            .field("retry_safe", &self.retry_safe)
            .field("timeout", &self.timeout)
            .field("authenticated", &self.authenticated)
            .finish()
    }
}

pub(crate) struct Inner {
    pub(crate) api: &'static ApiInfo,
    pub(crate) base_url: Url,
    pub(crate) client: reqwest::Client,
    pub(crate) auth: Auth,
    pub(crate) static_auth: Option<(HeaderName, HeaderValue)>,
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Duration,
    pub(crate) headers: HeaderMap,
    pub(crate) session: Option<Session>,
}

/// The HTTP transport shared by all operations of one API client.
///
/// Cheap to clone: clones share the connection pool and the session.
#[derive(Clone)]
pub struct Transport {
    pub(crate) inner: Arc<Inner>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Transport")
            .field("api", &inner.api.name)
            .field("base_url", &redacted_url(inner.base_url.as_str()))
            .field("auth", &inner.auth)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .field("session", &inner.session)
            .finish_non_exhaustive()
    }
}

fn invalid<E>(message: impl Into<String>) -> Error<E> {
    Error::InvalidRequest {
        operation: CONFIG_OPERATION,
        message: message.into(),
    }
}

fn header_value<E>(what: &str, value: &str) -> Result<HeaderValue, Error<E>> {
    HeaderValue::from_str(value).map_err(|_| {
        invalid(format!(
            "{what} contains characters not allowed in a header value"
        ))
    })
}

fn header_name<E>(name: &str) -> Result<HeaderName, Error<E>> {
    HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| invalid(format!("invalid header name `{}`", name.escape_debug())))
}

/// The `Authorization`-style header for fixed (non-session) credentials.
fn static_auth_header<E>(auth: &Auth) -> Result<Option<(HeaderName, HeaderValue)>, Error<E>> {
    use base64::Engine as _;
    let (name, text, what) = match auth {
        Auth::None | Auth::Session => return Ok(None),
        Auth::QueryToken { param, .. } => {
            if param.is_empty() {
                return Err(invalid("query token parameter name is empty"));
            }
            return Ok(None);
        }
        Auth::ApiKeyHeader {
            header,
            prefix,
            key,
        } => {
            let prefix = prefix.trim_end();
            let text = if prefix.is_empty() {
                key.expose().to_owned()
            } else {
                format!("{prefix} {}", key.expose())
            };
            (header_name(header)?, text, "API key")
        }
        Auth::Basic { username, password } => {
            let raw = format!("{username}:{}", password.expose());
            let encoded = base64::engine::general_purpose::STANDARD.encode(raw);
            (
                AUTHORIZATION,
                format!("Basic {encoded}"),
                "basic credentials",
            )
        }
        Auth::Bearer(token) => (
            AUTHORIZATION,
            format!("Bearer {}", token.expose()),
            "bearer token",
        ),
    };
    let mut value = header_value(what, &text)?;
    value.set_sensitive(true);
    Ok(Some((name, value)))
}

impl Transport {
    /// Validates the configuration and builds the transport. Nothing is
    /// sent. Fails with [`Error::InvalidRequest`] when there is no usable
    /// base URL or a header name/value is invalid (e.g. contains CR/LF).
    // `Error` is large because of `Error::Api`; boxing it would change the
    // contract, and construction happens once per client.
    #[allow(clippy::result_large_err)]
    pub fn new(api: &'static ApiInfo, config: ClientConfig) -> Result<Transport, Error> {
        let base = config
            .base_url
            .as_deref()
            .or(api.default_base_url)
            .ok_or_else(|| invalid(format!("no base URL configured for {}", api.name)))?;
        let mut base_url =
            Url::parse(base).map_err(|e| invalid(format!("invalid base URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(invalid("base URL must be an http or https URL"));
        }
        base_url.set_fragment(None);

        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, header_value("user agent", &config.user_agent)?);
        for (name, value) in &config.default_headers {
            let name = header_name(name)?;
            let mut value = header_value("default header", value)?;
            value.set_sensitive(true);
            headers.append(name, value);
        }
        let static_auth = static_auth_header(&config.auth)?;

        // Our own client carries the default headers itself, so requests need not copy
        // them; a caller's client gets them on every request.
        let (client, headers) = match config.http_client {
            Some(client) => (client, headers),
            None => {
                let client = reqwest::Client::builder()
                    .connect_timeout(config.connect_timeout)
                    .default_headers(headers)
                    .build()
                    .map_err(|e| {
                        invalid(format!("cannot build HTTP client: {}", e.without_url()))
                    })?;
                (client, HeaderMap::new())
            }
        };
        let session =
            (api.session.is_some() || matches!(config.auth, Auth::Session)).then(Session::new);
        Ok(Transport {
            inner: Arc::new(Inner {
                api,
                base_url,
                client,
                auth: config.auth,
                static_auth,
                retry: config.retry,
                timeout: config.timeout,
                headers,
                session,
            }),
        })
    }

    /// The login session, for APIs that have one (or with [`Auth::Session`]).
    pub fn session(&self) -> Option<&Session> {
        self.inner.session.as_ref()
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &Url {
        &self.inner.base_url
    }

    /// The API this transport talks to.
    pub fn api(&self) -> &'static ApiInfo {
        self.inner.api
    }

    /// Sends the request and decodes the JSON body as `T` (an empty body
    /// decodes as JSON `null`).
    pub async fn send_json<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        req: Request,
    ) -> Result<T, Error<E>> {
        let raw = self.execute::<E>(&req, "application/json").await?;
        crate::exec::decode_body(self, &req, &raw.body)
    }

    /// Sends the request and decodes only the member `key` of the JSON
    /// object body as `T`; decode error paths start with `key`.
    pub async fn send_unwrapped<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        req: Request,
        key: &'static str,
    ) -> Result<T, Error<E>> {
        let raw = self.execute::<E>(&req, "application/json").await?;
        crate::exec::decode_member(self, &req, &raw.body, key)
    }

    /// Sends the request and returns the raw body with its content type.
    pub async fn send_bytes<E: DeserializeOwned>(&self, req: Request) -> Result<Binary, Error<E>> {
        let raw = self.execute::<E>(&req, "*/*").await?;
        let content_type = raw
            .headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Ok(Binary {
            content_type,
            bytes: raw.body,
        })
    }

    /// Sends the login (or refresh) operation of a session API: decodes the body as `T`
    /// and, when it carries a token, stores it and the refresh token in the session. A
    /// body without a token (e.g. a two-factor challenge) leaves the session as it was.
    pub async fn send_session_start<T: DeserializeOwned, E: DeserializeOwned>(
        &self,
        req: Request,
    ) -> Result<T, Error<E>> {
        let raw = self.execute::<E>(&req, "application/json").await?;
        if let (Some(session), Some(cfg)) = (self.session(), self.api().session.as_ref()) {
            let tokens = serde_json::from_slice::<serde_json::Value>(&raw.body)
                .ok()
                .and_then(|body| crate::exec::session_tokens(&body, cfg));
            if let Some((token, refresh)) = tokens {
                session.set_tokens(token, refresh);
            }
        }
        crate::exec::decode_body(self, &req, &raw.body)
    }
}
