//! The transport every generated client holds: built from the API's description and the
//! application's configuration, it sends a [`Request`] and decodes the answer.

use std::fmt;
use std::sync::Arc;

use serde::de::DeserializeOwned;
use url::Url;

use crate::config::{ApiInfo, ClientConfig};
use crate::download::ByteStream;
use crate::error::Error;
use crate::exec::{Executor, Raw};
use crate::request::{Request, SessionEffect};
use crate::response::Response;
use crate::session::{self, Session};
use crate::types::Binary;

/// The HTTP transport shared by all operations of one API client.
///
/// Cheap to clone: clones share the connection pool and the session.
#[derive(Clone)]
pub struct Transport {
    inner: Arc<Executor>,
}

impl fmt::Debug for Transport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

/// A value a success answer decodes into: any JSON type, or [`Binary`] for raw bodies.
#[doc(hidden)]
pub trait FromResponse: Sized {
    /// The `Accept` header sent for it.
    const ACCEPT: &'static str;
    /// Decodes the answer of `req`.
    #[allow(private_interfaces)]
    fn from_response<T, E>(
        transport: &Transport,
        req: &Request<T>,
        raw: Raw,
    ) -> Result<Self, Error<E>>;
}

impl<V: DeserializeOwned> FromResponse for V {
    const ACCEPT: &'static str = "application/json";

    #[allow(private_interfaces)]
    fn from_response<T, E>(
        transport: &Transport,
        req: &Request<T>,
        raw: Raw,
    ) -> Result<Self, Error<E>> {
        let lenient = transport.inner.api().lenient;
        crate::decode::decode(&raw.body, req.unwrap_mode(), lenient)
            .map_err(|f| transport.inner.decode_error(req, f.path, f.source))
    }
}

impl FromResponse for Binary {
    const ACCEPT: &'static str = "*/*";

    #[allow(private_interfaces)]
    fn from_response<T, E>(
        _transport: &Transport,
        _req: &Request<T>,
        raw: Raw,
    ) -> Result<Self, Error<E>> {
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
}

impl Transport {
    /// Validates the configuration and builds the transport. Nothing is sent. Fails with
    /// [`Error::InvalidRequest`] when there is no usable base URL or a header name/value is
    /// invalid (e.g. contains CR/LF).
    // `Error` is large because of `Error::Api`; boxing it would change the contract, and
    // construction happens once per client.
    #[allow(clippy::result_large_err)]
    pub fn new(api: &'static ApiInfo, config: ClientConfig) -> Result<Transport, Error> {
        Ok(Transport {
            inner: Arc::new(Executor::new(api, config)?),
        })
    }

    /// The login session, for APIs that have one (or with [`Auth::Session`](crate::Auth)).
    pub fn session(&self) -> Option<&Session> {
        self.inner.session()
    }

    /// The base URL requests are sent to.
    pub fn base_url(&self) -> &Url {
        self.inner.base_url()
    }

    /// The API this transport talks to.
    pub fn api(&self) -> &'static ApiInfo {
        self.inner.api()
    }

    /// Sends `req` and returns the answer's status, headers and body, undecoded (a page
    /// of a paginated walk, whose facts are read before it is decoded).
    pub(crate) async fn fetch<T, E: DeserializeOwned>(
        &self,
        req: &Request<T>,
    ) -> Result<Raw, Error<E>> {
        self.inner.execute::<T, E>(req, "application/json").await
    }

    /// The [`Error::Decode`] for a page of `req` that failed at `path`, with secrets scrubbed.
    pub(crate) fn decode_error<T, E>(
        &self,
        req: &Request<T>,
        path: String,
        source: serde_json::Error,
    ) -> Error<E> {
        self.inner.decode_error(req, path, source)
    }

    /// Sends `req` and decodes the answer as `T`, applying the request's session effect:
    /// a login or refresh answer that carries a token stores it (a two-factor challenge,
    /// which has none, leaves the session as it was); a logout drops the tokens whatever
    /// the answer.
    pub async fn send<T: FromResponse, E: DeserializeOwned>(
        &self,
        req: Request<T>,
    ) -> Result<T, Error<E>> {
        let raw = self.exchange::<T, E>(&req).await?;
        T::from_response(self, &req, raw)
    }

    /// Like [`Transport::send`], and keeps the success answer's status and headers.
    pub async fn send_with_response<T: FromResponse, E: DeserializeOwned>(
        &self,
        req: Request<T>,
    ) -> Result<Response<T>, Error<E>> {
        let raw = self.exchange::<T, E>(&req).await?;
        let (status, headers) = (raw.status, raw.headers.clone());
        let value = T::from_response(self, &req, raw)?;
        Ok(Response::new(status, headers, value))
    }

    /// Sends `req` and returns its success answer's body as a stream, unread: retries,
    /// credentials and error statuses as for [`Transport::send`]; no body size limit.
    pub async fn send_stream<E: DeserializeOwned>(
        &self,
        mut req: Request<Binary>,
    ) -> Result<ByteStream, Error<E>> {
        req.set_streaming();
        let raw = self.exchange::<Binary, E>(&req).await?;
        Ok(ByteStream::new(req.operation(), raw))
    }

    /// Runs `req` and applies its session effect; the body is not decoded yet.
    async fn exchange<T: FromResponse, E: DeserializeOwned>(
        &self,
        req: &Request<T>,
    ) -> Result<Raw, Error<E>> {
        let result = self.inner.execute::<T, E>(req, T::ACCEPT).await;
        match req.session_effect() {
            Some(SessionEffect::End) => {
                if let Some(session) = self.session() {
                    session.clear();
                }
            }
            Some(SessionEffect::Start) => {
                if let (Ok(raw), Some(session), Some(cfg)) =
                    (&result, self.session(), self.api().session.as_ref())
                {
                    let tokens = serde_json::from_slice::<serde_json::Value>(&raw.body)
                        .ok()
                        .and_then(|body| session::tokens(&body, cfg));
                    if let Some((token, refresh)) = tokens {
                        session.set_tokens(token, refresh);
                    }
                }
            }
            None => {}
        }
        result
    }
}
