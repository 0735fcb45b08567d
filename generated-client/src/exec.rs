//! Request execution: URL building, auth, attempts with retries, session refresh and decoding.

use std::time::Instant;

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION};
use reqwest::Method;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tracing::field::Empty;
use tracing::{Instrument, Span};
use url::Url;

use crate::auth::Auth;
use crate::error::Error;
use crate::retry::is_retryable_status;
use crate::secret::Secret;
use crate::transport::{Request, Transport};

/// Most bytes of an error response body that are read and kept.
pub(crate) const MAX_ERROR_BODY: usize = 64 * 1024;

/// A response whose body has been read.
pub(crate) struct Raw {
    pub(crate) status: u16,
    pub(crate) headers: HeaderMap,
    pub(crate) body: Bytes,
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

/// Whether API error codes say the session token is expired or invalid (a code that
/// names the token or session, not e.g. "card expired").
fn codes_mean_expired_token(codes: &[String]) -> bool {
    codes.iter().any(|c| {
        let c = c.to_ascii_lowercase();
        let about_session = ["token", "session", "jwt"].iter().any(|w| c.contains(w));
        about_session && (c.contains("expired") || c.contains("invalid"))
    })
}

/// Every secret a request can leak, in each form a server may echo it back in; built
/// once per error and applied to every text of it.
pub(crate) struct Scrubber {
    forms: Vec<String>,
}

impl Scrubber {
    fn new(secrets: impl IntoIterator<Item = String>) -> Self {
        // Secrets shorter than this would mangle ordinary text; real keys are longer.
        const MIN_SCRUBBED: usize = 4;
        let mut forms = Vec::new();
        for s in secrets.into_iter().filter(|s| s.len() >= MIN_SCRUBBED) {
            // As JSON escapes it (quotes, backslashes, control characters), with PHP's
            // `\/` for `/`, and as it appears in a URL query.
            let json = serde_json::to_string(&s).unwrap_or_default();
            let json = json[1..json.len().saturating_sub(1).max(1)].to_owned();
            let url: String = url::form_urlencoded::byte_serialize(s.as_bytes()).collect();
            forms.push(json.replace('/', "\\/"));
            forms.extend([json, url, s]);
        }
        // Longest first, so a form that contains another is replaced whole.
        forms.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
        forms.dedup();
        Scrubber { forms }
    }

    /// `text` with every form of every secret replaced by `[redacted]`.
    pub(crate) fn scrub(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for form in &self.forms {
            if out.contains(form.as_str()) {
                out = out.replace(form.as_str(), "[redacted]");
            }
        }
        out
    }
}

/// Reads the top-level member named `.0` of a JSON object, skipping every other member.
struct ErrorMember(&'static str);

impl<'de> serde::de::DeserializeSeed<'de> for ErrorMember {
    type Value = Option<Value>;

    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for ErrorMember {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut found = None;
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            if key == self.0 && found.is_none() {
                found = Some(map.next_value::<Value>()?);
            } else {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
        }
        Ok(found)
    }
}

/// Renders one element of an API error array as text.
fn code_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Object(map) => ["code", "message", "msg"]
            .iter()
            .find_map(|k| map.get(*k))
            .map(code_text)
            .unwrap_or_else(|| v.to_string()),
        other => other.to_string(),
    }
}

/// String values of request-body members whose names mark credentials (`password`,
/// `refresh_token`, `secret`, ...), at any depth.
fn body_secrets(body: Option<&Value>) -> Vec<String> {
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let k = k.to_ascii_lowercase();
                    let named = ["password", "passwd", "secret", "token"]
                        .iter()
                        .any(|n| k.contains(n));
                    match v {
                        Value::String(s) if named && !s.is_empty() => out.push(s.clone()),
                        _ => walk(v, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|v| walk(v, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    if let Some(body) = body {
        walk(body, &mut out);
    }
    out
}

/// Finds a non-empty string field at the top level of an object or one level down.
fn find_string_field(v: &Value, field: &str) -> Option<String> {
    let obj = v.as_object()?;
    let non_empty = |v: Option<&Value>| match v {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    non_empty(obj.get(field)).or_else(|| {
        obj.values()
            .find_map(|inner| non_empty(inner.as_object()?.get(field)))
    })
}

/// The access token and refresh token of a login or refresh answer, if it has a token
/// (a two-factor answer has none).
pub(crate) fn session_tokens(
    body: &Value,
    cfg: &crate::transport::SessionConfig,
) -> Option<(Secret, Option<Secret>)> {
    let token = find_string_field(body, cfg.token_field)?;
    let refresh = find_string_field(body, cfg.refresh_token_field);
    Some((Secret::new(token), refresh.map(Secret::new)))
}

impl Transport {
    /// The scrubber for errors of `req`: the auth and session secrets, and the
    /// credentials in the request's body (a login password a server echoes back).
    pub(crate) fn scrubber(&self, req: &Request) -> Scrubber {
        let mut secrets = self.inner.auth.secrets();
        if let Some(session) = self.session() {
            secrets.extend(session.secrets());
        }
        secrets.extend(body_secrets(req.body.as_ref()));
        Scrubber::new(secrets)
    }

    /// Runs a request to completion: retries, one session refresh, and
    /// conversion of error statuses / error fields into [`Error::Api`].
    pub(crate) async fn execute<E: DeserializeOwned>(
        &self,
        req: &Request,
        accept: &'static str,
    ) -> Result<Raw, Error<E>> {
        let span = tracing::info_span!(
            "api_request",
            api = self.inner.api.name,
            operation = req.operation,
            method = %req.method,
            path = req.path_template,
            status = Empty,
            attempt = Empty,
            duration_ms = Empty,
        );
        let started = Instant::now();
        let result = self
            .execute_in_span(req, accept)
            .instrument(span.clone())
            .await;
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        if let Err(e) = &result {
            span.in_scope(|| tracing::debug!(error = %e, "request failed"));
        }
        result
    }

    async fn execute_in_span<E: DeserializeOwned>(
        &self,
        req: &Request,
        accept: &'static str,
    ) -> Result<Raw, Error<E>> {
        let url = self.build_url::<E>(req)?;
        let mut refreshed = false;
        loop {
            let (raw, generation) = self.send_with_retries::<E>(req, &url, accept).await?;
            let codes = self.error_codes(&raw);
            // A 401 means the request was not carried out, so it can be sent again after
            // a refresh; an in-band "expired" code only for requests safe to repeat.
            let expired = raw.status == 401
                || (req.retry_safe && is_success(raw.status) && codes_mean_expired_token(&codes));
            let can_refresh = req.authenticated
                && matches!(self.inner.auth, Auth::Session)
                && self.inner.api.session.is_some();
            if expired && can_refresh && !refreshed {
                self.refresh::<E>(req.operation, generation).await?;
                refreshed = true;
                continue;
            }
            if !is_success(raw.status) || !codes.is_empty() {
                return Err(self.api_error(req, raw, codes));
            }
            return Ok(raw);
        }
    }

    /// Base URL + path + query (+ query token). Refuses dot segments.
    fn build_url<E>(&self, req: &Request) -> Result<Url, Error<E>> {
        let op = req.operation;
        if !req.path.starts_with('/') {
            return Err(invalid(op, "path must start with `/`"));
        }
        if req.path.contains(['?', '#']) {
            return Err(invalid(
                op,
                "path must be percent-encoded (contains `?` or `#`)",
            ));
        }
        for segment in req.path.split('/') {
            let decoded = percent_decode_str(segment).decode_utf8_lossy();
            if decoded == "." || decoded == ".." {
                return Err(invalid(op, "path segment `.` or `..` is not allowed"));
            }
        }
        let mut url = self.inner.base_url.clone();
        let joined = format!("{}{}", url.path().trim_end_matches('/'), req.path);
        url.set_path(&joined);
        let token = match &self.inner.auth {
            Auth::QueryToken { param, token } if req.authenticated => Some((param, token)),
            _ => None,
        };
        if !req.query.is_empty() || token.is_some() {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in req.query.pairs() {
                pairs.append_pair(name, value);
            }
            if let Some((param, token)) = token {
                pairs.append_pair(param, token.expose());
            }
        }
        Ok(url)
    }

    /// Builds one attempt; returns the session generation used, if any.
    fn build_attempt<E>(
        &self,
        req: &Request,
        url: &Url,
        accept: &'static str,
    ) -> Result<(reqwest::RequestBuilder, Option<u64>), Error<E>> {
        let inner = &self.inner;
        // The whole attempt (connect, send, read the body) runs under one
        // `tokio::time::timeout` in `send_with_retries`; no second timer here.
        let mut builder = inner
            .client
            .request(req.method.clone(), url.clone())
            .header(ACCEPT, HeaderValue::from_static(accept));
        if !inner.headers.is_empty() {
            builder = builder.headers(inner.headers.clone());
        }
        let mut generation = None;
        if req.authenticated {
            if let Auth::Session = inner.auth {
                let session = self.session().ok_or_else(|| Error::Auth {
                    operation: req.operation,
                    message: "no session configured".to_owned(),
                })?;
                let (token, gen) = session.snapshot();
                let token = token.ok_or_else(|| Error::Auth {
                    operation: req.operation,
                    message: "no session token; log in first".to_owned(),
                })?;
                let mut value = HeaderValue::from_str(&format!("Bearer {}", token.expose()))
                    .map_err(|_| Error::Auth {
                        operation: req.operation,
                        message: "session token is not a valid header value".to_owned(),
                    })?;
                value.set_sensitive(true);
                builder = builder.header(AUTHORIZATION, value);
                generation = Some(gen);
            } else if let Some((name, value)) = &inner.static_auth {
                builder = builder.header(name.clone(), value.clone());
            }
        }
        if let Some(body) = &req.body {
            builder = builder.json(body);
        }
        Ok((builder, generation))
    }

    /// Sends attempts until success, a non-retryable outcome, or the policy
    /// is exhausted. Returns the last response with the session generation.
    pub(crate) async fn send_with_retries<E>(
        &self,
        req: &Request,
        url: &Url,
        accept: &'static str,
    ) -> Result<(Raw, Option<u64>), Error<E>> {
        let policy = &self.inner.retry;
        let max_attempts = policy.max_attempts.max(1);
        let timeout = req.timeout.unwrap_or(self.inner.timeout);
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            Span::current().record("attempt", attempt);
            let (builder, generation) = self.build_attempt(req, url, accept)?;
            let outcome = tokio::time::timeout(timeout, read_response(builder)).await;
            let may_retry = req.retry_safe && attempt < max_attempts;
            match outcome {
                Err(_) => {
                    return Err(Error::Timeout {
                        operation: req.operation,
                    })
                }
                Ok(Err(e)) if e.is_timeout() && !e.is_connect() => {
                    return Err(Error::Timeout {
                        operation: req.operation,
                    })
                }
                Ok(Err(e)) => {
                    if e.is_connect() && may_retry {
                        let delay = policy.backoff(attempt);
                        tracing::debug!(
                            attempt,
                            delay_ms = delay.as_millis() as u64,
                            "connect failed; retrying"
                        );
                        tokio::time::sleep(delay).await;
                        continue;
                    }
                    return Err(Error::Transport {
                        operation: req.operation,
                        source: Box::new(e.without_url()),
                    });
                }
                Ok(Ok(raw)) => {
                    Span::current().record("status", raw.status);
                    if may_retry && is_retryable_status(raw.status) {
                        if let Some(delay) = policy.delay_after_status(attempt, &raw.headers) {
                            tracing::debug!(
                                attempt,
                                status = raw.status,
                                delay_ms = delay.as_millis() as u64,
                                "retryable status; retrying"
                            );
                            tokio::time::sleep(delay).await;
                            continue;
                        }
                    }
                    return Ok((raw, generation));
                }
            }
        }
    }

    /// Refreshes the session once for all requests that failed with the
    /// token of generation `failed_generation`.
    async fn refresh<E: DeserializeOwned>(
        &self,
        operation: &'static str,
        failed_generation: Option<u64>,
    ) -> Result<(), Error<E>> {
        let (Some(session), Some(cfg)) = (self.session(), self.inner.api.session) else {
            return Ok(());
        };
        let _guard = session.refresh_lock.lock().await;
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
        let mut req = Request::new(operation, Method::POST, cfg.refresh_path, cfg.refresh_path);
        req.body = Some(Value::Object(body));
        req.authenticated = false;
        let span = tracing::info_span!(
            "session_refresh",
            operation,
            path = cfg.refresh_path,
            status = Empty,
            attempt = Empty,
        );
        let url = self.build_url::<E>(&req)?;
        let (raw, _) = self
            .send_with_retries::<E>(&req, &url, "application/json")
            .instrument(span)
            .await?;
        if !is_success(raw.status) || !self.error_codes(&raw).is_empty() {
            session.clear();
            return Err(Error::Auth {
                operation,
                message: format!("session refresh failed (HTTP {})", raw.status),
            });
        }
        let value: Value = serde_json::from_slice(&raw.body)
            .map_err(|_| auth_error("session refresh returned a body that is not JSON"))?;
        let (token, new_refresh) = session_tokens(&value, &cfg)
            .ok_or_else(|| auth_error("session refresh response has no token"))?;
        session.set_tokens(token, new_refresh);
        Ok(())
    }

    /// Error codes from the API's error field (non-empty top-level array).
    fn error_codes(&self, raw: &Raw) -> Vec<String> {
        let Some(field) = self.inner.api.error_field else {
            return Vec::new();
        };
        let trimmed = raw.body.trim_ascii_start();
        if !trimmed.starts_with(b"{") {
            return Vec::new();
        }
        // Only the one member is materialized; the rest of the body is skipped, so a
        // large success answer is not built twice.
        let mut de = serde_json::Deserializer::from_slice(trimmed);
        match serde::de::DeserializeSeed::deserialize(ErrorMember(field), &mut de) {
            Ok(Some(Value::Array(items))) => items.iter().map(code_text).collect(),
            _ => Vec::new(),
        }
    }

    /// The error for a failed answer. Known secrets, and the credentials of the request
    /// body (a login password a server echoes back), are scrubbed from the raw text and
    /// the codes; the request-body credentials also from the decoded body.
    fn api_error<E: DeserializeOwned>(
        &self,
        req: &Request,
        raw: Raw,
        codes: Vec<String>,
    ) -> Error<E> {
        let scrubber = self.scrubber(req);
        // Scrubbed whole, then cut, so no secret is split at the cut; the decoded body is
        // made from the scrubbed text too, so an echoed credential cannot reach it.
        let text = scrubber.scrub(&String::from_utf8_lossy(&raw.body));
        let body = serde_json::from_str::<E>(&text).ok().map(Box::new);
        let mut end = text.len().min(MAX_ERROR_BODY);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        Error::Api {
            operation: req.operation,
            status: raw.status,
            body,
            raw: text[..end].to_owned(),
            codes: codes.iter().map(|c| scrubber.scrub(c)).collect(),
        }
    }

    fn decode_error<E>(&self, req: &Request, path: String, source: serde_json::Error) -> Error<E> {
        let scrubber = self.scrubber(req);
        let operation = req.operation;
        let message = source.to_string();
        let scrubbed = scrubber.scrub(&message);
        let source = if scrubbed == message {
            source
        } else {
            <serde_json::Error as serde::de::Error>::custom(scrubbed)
        };
        let path = if path == "." {
            String::new()
        } else {
            scrubber.scrub(&path)
        };
        Error::Decode {
            operation,
            path,
            source,
        }
    }
}

/// Sends one attempt and reads its body: all of it for a success, at most
/// [`MAX_ERROR_BODY`] bytes otherwise.
async fn read_response(builder: reqwest::RequestBuilder) -> Result<Raw, reqwest::Error> {
    let mut response = builder.send().await?;
    let status = response.status().as_u16();
    let headers = std::mem::take(response.headers_mut());
    let body = if is_success(status) {
        response.bytes().await?
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
    })
}

/// Decodes a whole success body as `T` (empty body = `null`).
pub(crate) fn decode_body<T: DeserializeOwned, E>(
    transport: &Transport,
    req: &Request,
    body: &[u8],
) -> Result<T, Error<E>> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    // Fast path: plain serde_json. Only a body that fails is decoded a second time,
    // tracking the path, to say where it failed.
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de).map_err(|e| {
        let path = e.path().to_string();
        transport.decode_error(req, path, e.into_inner())
    })?;
    de.end()
        .map_err(|e| transport.decode_error(req, String::new(), e))?;
    Ok(value)
}

/// Decodes only the member `key` of an object body as `T`.
pub(crate) fn decode_member<T: DeserializeOwned, E>(
    transport: &Transport,
    req: &Request,
    body: &[u8],
    key: &'static str,
) -> Result<T, Error<E>> {
    use serde::de::Error as _;
    let value: Value = decode_body(transport, req, body)?;
    let Value::Object(mut map) = value else {
        let source =
            serde_json::Error::custom(format!("expected a JSON object with member `{key}`"));
        return Err(transport.decode_error(req, String::new(), source));
    };
    let member = map.remove(key);
    let missing = member.is_none();
    let member = member.unwrap_or(Value::Null);
    if let Ok(value) = T::deserialize(&member) {
        return Ok(value);
    }
    serde_path_to_error::deserialize::<_, T>(member).map_err(|e| {
        let inner = e.path().to_string();
        let path = if inner == "." {
            key.to_owned()
        } else if inner.starts_with('[') {
            format!("{key}{inner}")
        } else {
            format!("{key}.{inner}")
        };
        let source = if missing {
            serde_json::Error::missing_field(key)
        } else {
            e.into_inner()
        };
        transport.decode_error(req, path, source)
    })
}
