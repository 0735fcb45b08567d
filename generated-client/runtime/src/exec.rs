//! Running a request: credentials on each attempt, attempts under a timeout with retries,
//! one session refresh on expiry, in-band errors, and error values with secrets scrubbed.

use std::sync::Mutex;
use std::time::{Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{
    HeaderMap, HeaderName, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT,
};
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::field::Empty;
use tracing::{Instrument, Span};
use url::Url;

use crate::auth::Auth;
use crate::config::{redacted_url, ApiInfo, ClientConfig};
use crate::credentials::CredentialContext;
use crate::error::Error;
use crate::hook::{Hooks, RequestParts, ResponseInfo};
use crate::inband::{codes_mean_expired_token, error_codes};
use crate::request::Request;
use crate::retry::{classify, delay, Action, Outcome, RetryPolicy};
use crate::scrub::Scrubber;
use crate::session::{self, Session};
use crate::upload::Chunks;

/// Operation name used for errors raised while building a client.
pub(crate) const CONFIG_OPERATION: &str = "client_config";

/// The operation name hooks and mocks see for the runtime's session refresh request.
pub const SESSION_REFRESH: &str = "session_refresh";

/// How many credential values from a provider are remembered for scrubbing errors.
const REMEMBERED_CREDENTIALS: usize = 8;

/// Most bytes of an error response body that are read and kept.
pub(crate) const MAX_ERROR_BODY: usize = 64 * 1024;

/// A response whose body has been read, or, for a streamed success answer, is still to be
/// read from `stream` (`body` is then empty).
#[derive(Debug)]
pub(crate) struct Raw {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
    pub(crate) stream: Option<reqwest::Response>,
}

fn is_success(status: u16) -> bool {
    (200..300).contains(&status)
}

fn invalid<E>(operation: &'static str, message: impl Into<String>) -> Error<E> {
    Error::InvalidRequest {
        operation,
        message: message.into(),
    }
}

/// The state of one client: where requests go, how they authenticate and retry.
pub(crate) struct Executor {
    api: &'static ApiInfo,
    base_url: Url,
    client: reqwest::Client,
    auth: Auth,
    static_auth: Option<(HeaderName, HeaderValue)>,
    retry: RetryPolicy,
    timeout: std::time::Duration,
    /// Headers for every request, when the caller brought their own `reqwest::Client`.
    headers: HeaderMap,
    session: Option<Session>,
    max_body_size: usize,
    hooks: Hooks,
    /// The latest values a credential provider gave, for scrubbing errors.
    provided: Mutex<Vec<String>>,
    #[cfg(feature = "test-util")]
    mock: Option<crate::mock::MockTransport>,
}

impl std::fmt::Debug for Executor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Transport")
            .field("api", &self.api.name)
            .field("base_url", &redacted_url(self.base_url.as_str()))
            .field("auth", &self.auth)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .field("session", &self.session)
            .finish_non_exhaustive()
    }
}

impl Executor {
    /// Validates the configuration. Nothing is sent.
    pub(crate) fn new(api: &'static ApiInfo, config: ClientConfig) -> Result<Self, Error> {
        let config = config.into_parts();
        let fail = |m: String| invalid::<Value>(CONFIG_OPERATION, m);
        #[cfg(feature = "test-util")]
        let mock_base = config.mock.as_ref().map(|_| "http://mock.invalid/");
        #[cfg(not(feature = "test-util"))]
        let mock_base = None;
        let base = config
            .base_url
            .as_deref()
            .or(api.default_base_url)
            .or(mock_base)
            .ok_or_else(|| fail(format!("no base URL configured for {}", api.name)))?;
        let mut base_url = Url::parse(base).map_err(|e| fail(format!("invalid base URL: {e}")))?;
        if !matches!(base_url.scheme(), "http" | "https") || base_url.cannot_be_a_base() {
            return Err(fail("base URL must be an http or https URL".into()));
        }
        base_url.set_fragment(None);

        let header_value = |what: &str, v: &str| {
            HeaderValue::from_str(v).map_err(|_| {
                fail(format!(
                    "{what} contains characters not allowed in a header value"
                ))
            })
        };
        let mut headers = HeaderMap::new();
        headers.insert(USER_AGENT, header_value("user agent", &config.user_agent)?);
        // The API's constant headers (an API version), unless the application sets its own.
        for (name, value) in api.headers {
            let overridden = config
                .default_headers
                .iter()
                .any(|(n, _)| n.eq_ignore_ascii_case(name));
            if !overridden {
                let name = HeaderName::from_bytes(name.as_bytes())
                    .map_err(|_| fail(format!("invalid header name `{}`", name.escape_debug())))?;
                headers.insert(name, header_value("API header", value)?);
            }
        }
        for (name, value) in &config.default_headers {
            let name = HeaderName::from_bytes(name.as_bytes())
                .map_err(|_| fail(format!("invalid header name `{}`", name.escape_debug())))?;
            let mut value = header_value("default header", value)?;
            value.set_sensitive(true);
            headers.append(name, value);
        }
        let static_auth = config.auth.static_header().map_err(fail)?;

        // Our own client carries the default headers itself, so requests need not copy
        // them; a caller's client gets them on every request.
        let (client, headers) = match config.http_client {
            Some(client) => (client, headers),
            None => {
                let client = reqwest::Client::builder()
                    .connect_timeout(config.connect_timeout)
                    .default_headers(headers)
                    .build()
                    .map_err(|e| fail(format!("cannot build HTTP client: {}", e.without_url())))?;
                (client, HeaderMap::new())
            }
        };
        let session =
            (api.session.is_some() || matches!(config.auth, Auth::Session)).then(Session::new);
        Ok(Executor {
            api,
            base_url,
            client,
            auth: config.auth,
            static_auth,
            retry: config.retry,
            timeout: config.timeout,
            headers,
            session,
            max_body_size: config.max_body_size,
            hooks: config.hooks,
            provided: Mutex::new(Vec::new()),
            #[cfg(feature = "test-util")]
            mock: config.mock,
        })
    }

    pub(crate) fn api(&self) -> &'static ApiInfo {
        self.api
    }

    pub(crate) fn base_url(&self) -> &Url {
        &self.base_url
    }

    pub(crate) fn session(&self) -> Option<&Session> {
        self.session.as_ref()
    }

    /// The scrubber for errors of `req`: the auth and session secrets, and the credentials
    /// in the request's body (a login password a server echoes back) and secret headers.
    pub(crate) fn scrubber<T>(&self, req: &Request<T>) -> Scrubber {
        let mut secrets = self.auth.secrets();
        if let Some(session) = &self.session {
            secrets.extend(session.secrets());
        }
        secrets.extend(req.body_secrets());
        secrets.extend(req.header_secrets().map(str::to_owned));
        secrets.extend(self.provided_secrets().iter().cloned());
        Scrubber::new(secrets)
    }

    fn provided_secrets(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.provided.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a request to completion: retries, one session refresh, and conversion of error
    /// statuses and in-band error fields into [`Error::Api`].
    pub(crate) async fn execute<T, E: DeserializeOwned>(
        &self,
        req: &Request<T>,
        accept: &'static str,
    ) -> Result<Raw, Error<E>> {
        let span = tracing::info_span!(
            "api_request",
            api = self.api.name,
            operation = req.operation(),
            method = %req.method(),
            path = req.path_template(),
            status = Empty,
            attempt = Empty,
            duration_ms = Empty,
        );
        let started = Instant::now();
        let result = self.run(req, accept).instrument(span.clone()).await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Err(e) = &result {
            span.in_scope(|| tracing::debug!(error = %e, "request failed"));
        }
        result
    }

    async fn run<T, E: DeserializeOwned>(
        &self,
        req: &Request<T>,
        accept: &'static str,
    ) -> Result<Raw, Error<E>> {
        let token = match &self.auth {
            Auth::QueryToken { param, token } if req.is_authenticated() => {
                Some((param.as_str(), token.expose()))
            }
            _ => None,
        };
        let url = req
            .url(&self.base_url, token)
            .map_err(|m| invalid(req.operation(), m))?;
        let mut refreshed = false;
        loop {
            let label = req.operation();
            let (raw, generation) = self.attempts(req, label, &url, accept, refreshed).await?;
            let codes = match self.api.error_field {
                Some(field) => error_codes(&raw.body, field),
                None => Vec::new(),
            };
            // A 401 means the request was not carried out, so it can be sent again after
            // a refresh; an in-band "expired" code only for requests safe to repeat.
            let expired = raw.status == 401
                || (req.is_retry_safe()
                    && is_success(raw.status)
                    && codes_mean_expired_token(&codes));
            // A streamed body was read by the first send: it cannot go out again.
            let can_refresh = req.is_authenticated()
                && matches!(self.auth, Auth::Session)
                && self.api.session.is_some()
                && !req.has_stream();
            if expired && can_refresh && !refreshed {
                self.refresh::<E>(req.operation(), generation).await?;
                refreshed = true;
                continue;
            }
            // A provided credential that was refused: ask the provider again, send once more.
            let provided = req.is_authenticated()
                && matches!(self.auth, Auth::Provider(_))
                && !req.has_stream();
            if raw.status == 401 && provided && !refreshed {
                refreshed = true;
                continue;
            }
            if !is_success(raw.status) || !codes.is_empty() {
                return Err(self.api_error(req, raw, codes));
            }
            return Ok(raw);
        }
    }

    /// One attempt's request as hooks see it; returns the session generation used, if any.
    /// `rejected`: the previous attempt's provided credential was refused with a 401.
    #[allow(clippy::too_many_arguments)]
    async fn prepare<T, E>(
        &self,
        req: &Request<T>,
        label: &'static str,
        url: &Url,
        accept: &'static str,
        body: &Bytes,
        attempt: u32,
        rejected: bool,
    ) -> Result<(RequestParts, Option<u64>), Error<E>> {
        let mut headers = HeaderMap::new();
        headers.insert(ACCEPT, HeaderValue::from_static(accept));
        if !self.headers.is_empty() {
            headers.extend(self.headers.clone());
        }
        // The operation's typed headers (validation keeps them apart from auth headers).
        for h in req.sent_headers() {
            headers.insert(h.name.clone(), h.value.clone());
        }
        let auth_error = |message: String| Error::Auth {
            operation: req.operation(),
            message,
        };
        let mut generation = None;
        if req.is_authenticated() {
            match &self.auth {
                Auth::Session => {
                    let session = self
                        .session
                        .as_ref()
                        .ok_or_else(|| auth_error("no session configured".into()))?;
                    let (token, gen) = session.snapshot();
                    let token =
                        token.ok_or_else(|| auth_error("no session token; log in first".into()))?;
                    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                        .map_err(|_| {
                            auth_error("session token is not a valid header value".into())
                        })?;
                    value.set_sensitive(true);
                    headers.insert(AUTHORIZATION, value);
                    generation = Some(gen);
                }
                Auth::Provider(provider) => {
                    let cx = CredentialContext {
                        operation: req.operation(),
                        attempt,
                        rejected,
                    };
                    let credential =
                        provider.0.credential(&cx).await.map_err(|e| {
                            auth_error(format!("the credential provider failed: {e}"))
                        })?;
                    {
                        let mut provided = self.provided_secrets();
                        if !provided.contains(&credential.secret) {
                            if provided.len() >= REMEMBERED_CREDENTIALS {
                                provided.remove(0);
                            }
                            provided.push(credential.secret.clone());
                        }
                    }
                    headers.insert(credential.name, credential.value);
                }
                _ => {
                    if let Some((name, value)) = &self.static_auth {
                        headers.insert(name.clone(), value.clone());
                    }
                }
            }
        }
        if let Some(body) = req.body() {
            let content_type =
                HeaderValue::try_from(body.content_type().into_owned()).map_err(|_| {
                    Error::InvalidRequest {
                        operation: req.operation(),
                        message: "the body's content type is not a header value".into(),
                    }
                })?;
            headers.insert(CONTENT_TYPE, content_type);
        }
        let parts = RequestParts {
            operation: label,
            attempt,
            method: req.method().clone(),
            url: url.clone(),
            headers,
            body: body.clone(),
        };
        Ok((parts, generation))
    }

    /// Sends one attempt (to the mock, when there is one) and reads the answer; `upload`
    /// is a streamed body, sent in place of `parts.body`.
    async fn dispatch(
        &self,
        parts: RequestParts,
        upload: Option<Chunks>,
        streaming: bool,
    ) -> Result<Raw, ReadFailure> {
        #[cfg(feature = "test-util")]
        if let Some(mock) = &self.mock {
            // The mock sees a streamed body whole, as a server would receive it.
            let mut parts = parts;
            if let Some(mut chunks) = upload {
                use futures_util::StreamExt;
                let mut body = Vec::new();
                while let Some(chunk) = chunks.next().await {
                    let chunk = chunk.map_err(|e| ReadFailure::Mock(format!("upload: {e}")))?;
                    body.extend_from_slice(&chunk);
                }
                parts.body = Bytes::from(body);
            }
            let raw = mock
                .respond(parts, &self.base_url)
                .map_err(ReadFailure::Mock)?;
            // A streamed answer has no size limit, from a mock as from a server.
            if !streaming && is_success(raw.status) && raw.body.len() > self.max_body_size {
                return Err(ReadFailure::TooLarge);
            }
            return Ok(raw);
        }
        let RequestParts {
            method,
            url,
            headers,
            body,
            ..
        } = parts;
        // The whole attempt (connect, send, read the body) runs under one
        // `tokio::time::timeout` in `attempts`; no second timer here.
        let mut builder = self.client.request(method, url).headers(headers);
        if let Some(chunks) = upload {
            builder = builder.body(reqwest::Body::wrap_stream(chunks));
        } else if !body.is_empty() {
            builder = builder.body(body);
        }
        read_response(builder, self.max_body_size, streaming).await
    }

    /// Sends attempts until success, a non-retryable outcome, or the policy is exhausted.
    /// Returns the last response with the session generation.
    async fn attempts<T, E>(
        &self,
        req: &Request<T>,
        label: &'static str,
        url: &Url,
        accept: &'static str,
        rejected: bool,
    ) -> Result<(Raw, Option<u64>), Error<E>> {
        let timeout = req.timeout().unwrap_or(self.timeout);
        let body = req.body_bytes();
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            Span::current().record("attempt", attempt);
            let (mut parts, generation) = self
                .prepare(
                    req,
                    label,
                    url,
                    accept,
                    &body,
                    attempt,
                    rejected && attempt == 1,
                )
                .await?;
            // A streamed body of known size says so (hooks that sign requests see it); without one
            // it goes chunked.
            if let Some(length) = req.stream_length() {
                parts
                    .headers
                    .insert(reqwest::header::CONTENT_LENGTH, length.into());
            }
            for hook in &self.hooks {
                hook.before_attempt(&mut parts)
                    .await
                    .map_err(|source| Error::Hook {
                        operation: req.operation(),
                        source,
                    })?;
            }
            let method = parts.method.clone();
            // A streamed body is read by this one attempt; a second one has nothing to send.
            let upload = match req.take_stream() {
                None => None,
                Some(Some(chunks)) => Some(chunks),
                Some(None) => {
                    return Err(invalid(
                        req.operation(),
                        "its streamed body was sent already; a stream is sent once",
                    ))
                }
            };
            let started = Instant::now();
            // A streamed answer is timed until its head; the caller reads the body.
            let dispatch = self.dispatch(parts, upload, req.is_streaming());
            let outcome = tokio::time::timeout(timeout, dispatch).await;
            if !self.hooks.is_empty() {
                let (status, headers) = match &outcome {
                    Ok(Ok(raw)) => (Some(raw.status), Some(&raw.headers)),
                    _ => (None, None),
                };
                let info = ResponseInfo {
                    operation: label,
                    method: &method,
                    attempt,
                    status,
                    headers,
                    elapsed: started.elapsed(),
                };
                for hook in &self.hooks {
                    hook.after_response(&info);
                }
            }
            let now = SystemTime::now();
            let (action, result) = match outcome {
                Err(_) => (
                    Action::Stop,
                    Err(Error::Timeout {
                        operation: req.operation(),
                    }),
                ),
                Ok(Err(ReadFailure::TooLarge)) => (
                    Action::Stop,
                    Err(Error::BodyTooLarge {
                        operation: req.operation(),
                        limit: self.max_body_size,
                    }),
                ),
                #[cfg(feature = "test-util")]
                Ok(Err(ReadFailure::Mock(message))) => (
                    Action::Stop,
                    Err(Error::Transport {
                        operation: req.operation(),
                        source: message.into(),
                    }),
                ),
                Ok(Err(ReadFailure::Http(e))) if e.is_timeout() && !e.is_connect() => (
                    Action::Stop,
                    Err(Error::Timeout {
                        operation: req.operation(),
                    }),
                ),
                Ok(Err(ReadFailure::Http(e))) => {
                    let kind = if e.is_connect() {
                        Outcome::ConnectFailed
                    } else {
                        Outcome::Failed
                    };
                    let action = classify(kind, attempt, &self.retry, req.is_retry_safe(), now);
                    let error = Error::Transport {
                        operation: req.operation(),
                        source: Box::new(e.without_url()),
                    };
                    (action, Err(error))
                }
                Ok(Ok(raw)) => {
                    Span::current().record("status", raw.status);
                    let answered = Outcome::Answered {
                        status: raw.status,
                        headers: &raw.headers,
                    };
                    let action = classify(answered, attempt, &self.retry, req.is_retry_safe(), now);
                    (action, Ok((raw, generation)))
                }
            };
            match delay(action) {
                None => return result,
                Some(wait) => {
                    tracing::debug!(attempt, delay_ms = wait.as_millis() as u64, "retrying");
                    tokio::time::sleep(wait).await;
                }
            }
        }
    }

    /// Refreshes the session once for all requests that failed with the token of
    /// generation `failed_generation`.
    async fn refresh<E: DeserializeOwned>(
        &self,
        operation: &'static str,
        failed_generation: Option<u64>,
    ) -> Result<(), Error<E>> {
        let (Some(session), Some(cfg)) = (self.session.as_ref(), self.api.session) else {
            return Ok(());
        };
        let _guard = session.refreshing().await;
        if Some(session.generation()) != failed_generation {
            // Someone else refreshed (or logged in/out) meanwhile.
            return Ok(());
        }
        let auth_error = |message: &str| Error::Auth {
            operation,
            message: message.to_owned(),
        };
        let refresh = session
            .refresh_token()
            .ok_or_else(|| auth_error("session token expired and no refresh token is stored"))?;
        let mut body = serde_json::Map::new();
        body.insert(
            cfg.refresh_request_field.to_owned(),
            Value::String(refresh.expose().to_owned()),
        );
        let req: Request = Request::post(operation, cfg.refresh_path)
            .json(&body)
            .unauthenticated();
        let span = tracing::info_span!(
            "session_refresh",
            operation,
            path = cfg.refresh_path,
            status = Empty,
            attempt = Empty,
        );
        let url = req
            .url(&self.base_url, None)
            .map_err(|m| invalid(operation, m))?;
        let (raw, _) = self
            .attempts::<Value, E>(&req, SESSION_REFRESH, &url, "application/json", false)
            .instrument(span)
            .await?;
        let failed_inband = self
            .api
            .error_field
            .is_some_and(|f| !error_codes(&raw.body, f).is_empty());
        if !is_success(raw.status) || failed_inband {
            session.clear();
            return Err(Error::Auth {
                operation,
                message: format!("session refresh failed (HTTP {})", raw.status),
            });
        }
        let value: Value = serde_json::from_slice(&raw.body)
            .map_err(|_| auth_error("session refresh returned a body that is not JSON"))?;
        let (token, new_refresh) = session::tokens(&value, &cfg)
            .ok_or_else(|| auth_error("session refresh response has no token"))?;
        session.set_tokens(token, new_refresh);
        Ok(())
    }

    /// The error for a failed answer. Known secrets, and the credentials of the request
    /// body (a login password a server echoes back), are scrubbed from the raw text and the
    /// codes; the decoded body is made from the scrubbed text too.
    fn api_error<T, E: DeserializeOwned>(
        &self,
        req: &Request<T>,
        raw: Raw,
        codes: Vec<String>,
    ) -> Error<E> {
        let mut headers = raw.headers;
        for value in headers.values_mut() {
            value.set_sensitive(true);
        }
        let scrubber = self.scrubber(req);
        // Scrubbed whole, then cut, so no secret is split at the cut.
        let text = scrubber.scrub(&String::from_utf8_lossy(&raw.body));
        let body = crate::decode::error_body::<E>(&text, self.api.lenient).map(Box::new);
        let mut end = text.len().min(MAX_ERROR_BODY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Error::Api {
            operation: req.operation(),
            status: raw.status,
            body,
            raw: text[..end].to_owned(),
            codes: codes.iter().map(|c| scrubber.scrub(c)).collect(),
            headers: Box::new(headers),
        }
    }

    /// A decode error with secrets scrubbed from its message and path.
    pub(crate) fn decode_error<T, E>(
        &self,
        req: &Request<T>,
        path: String,
        source: serde_json::Error,
    ) -> Error<E> {
        let scrubber = self.scrubber(req);
        let message = source.to_string();
        let scrubbed = scrubber.scrub(&message);
        let source = if scrubbed == message {
            source
        } else {
            <serde_json::Error as serde::de::Error>::custom(scrubbed)
        };
        Error::Decode {
            operation: req.operation(),
            path: scrubber.scrub(&path),
            source,
        }
    }
}

/// Why an attempt's response could not be read.
enum ReadFailure {
    Http(reqwest::Error),
    /// The success body was larger than the limit.
    TooLarge,
    /// The mock transport had no answer.
    #[cfg(feature = "test-util")]
    Mock(String),
}

impl From<reqwest::Error> for ReadFailure {
    fn from(e: reqwest::Error) -> Self {
        ReadFailure::Http(e)
    }
}

/// Sends one attempt and reads its body: a success body up to `limit` bytes (refused as
/// soon as `Content-Length` or the bytes read so far exceed it), or not at all when
/// `streaming` (the caller reads it, without a limit); at most [`MAX_ERROR_BODY`] bytes of
/// an error body.
async fn read_response(
    builder: reqwest::RequestBuilder,
    limit: usize,
    streaming: bool,
) -> Result<Raw, ReadFailure> {
    let mut response = builder.send().await?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    if streaming && is_success(status) {
        return Ok(Raw {
            status,
            headers,
            body: Bytes::new(),
            stream: Some(response),
        });
    }
    let body = if is_success(status) {
        match response.content_length() {
            Some(n) if n > limit as u64 => return Err(ReadFailure::TooLarge),
            // The length is known and allowed; the HTTP layer holds the body to it.
            Some(_) => response.bytes().await?,
            None => {
                let mut buf = Vec::new();
                while let Some(chunk) = response.chunk().await? {
                    if buf.len() + chunk.len() > limit {
                        return Err(ReadFailure::TooLarge);
                    }
                    buf.extend_from_slice(&chunk);
                }
                Bytes::from(buf)
            }
        }
    } else {
        let mut buf = Vec::new();
        // A broken error body still leaves us the status: keep what arrived.
        while let Ok(Some(chunk)) = response.chunk().await {
            let room = MAX_ERROR_BODY - buf.len();
            buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            if buf.len() >= MAX_ERROR_BODY {
                break;
            }
        }
        Bytes::from(buf)
    };
    Ok(Raw {
        status,
        headers,
        body,
        stream: None,
    })
}
