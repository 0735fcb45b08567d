//! The runtime of the generated API clients: what every generated operation hands its
//! [`Request`] to. A [`Transport`] adds authentication, retries with backoff, timeouts,
//! session refresh, bounded error bodies and path-aware JSON decoding; [`Error`] says what
//! went wrong without leaking credentials.
//!
//! Applications use it through the generated crate, which re-exports what they need.
//! Generated code reaches the runtime through [`wiring`] (hidden from these docs).
//!
//! Around the client: every request builder's `send_with_response()` returns a
//! [`Response`] (status, headers, typed declared headers, value); [`Hook`]s run before each
//! attempt and after each response ([`ClientConfig::hook`]); [`Auth::provider`] takes
//! credentials from a [`CredentialProvider`]; with the feature `test-util`, `mock`
//! stands in for the network in applications' tests.
//!
//! # Tracing
//!
//! The runtime emits [`tracing`](https://docs.rs/tracing) spans and events; with no
//! subscriber installed they cost next to nothing.
//!
//! | name | kind, level | fields |
//! |---|---|---|
//! | `api_request` | span, INFO, one per call of `send`/`send_with_response` (each page of a stream is one) | `api` (the API's name), `operation` (the spec's name), `method`, `path` (the spec's path **template**, e.g. `/iam/clients/{id}`), `status` (last HTTP status), `attempt` (last attempt number, from 1), `duration_ms` (the whole call, retries and refresh included) |
//! | `session_refresh` | span, INFO, inside `api_request` | `operation` (the call that found the token expired), `path` (the refresh route), `status`, `attempt` |
//! | `retrying` | event, DEBUG, inside the span of the request | `attempt` (the attempt that failed), `delay_ms` (the wait before the next) |
//! | `request failed` | event, DEBUG, inside `api_request` | `error`: the error's `Display` |
//!
//! What is never recorded: the URL, the base URL, path parameter values (only the template
//! is), query parameters (names or values: a query token is one), request and response
//! headers (credentials, cookies, signatures added by hooks), request and response bodies
//! (login passwords), and credential-provider values. The one free-text field, `error`, is
//! the error's `Display`, which holds no URL and from which every credential the client
//! knows (auth secrets, session tokens, provided credentials, credential members of the
//! request body) has been scrubbed; a response body appears in it only as its first 200
//! characters, scrubbed the same way. The text of an error a hook or a credential provider
//! returns is the application's own and is shown as it is. Hooks and providers run inside the `api_request` span,
//! so what they log themselves is attributed to the call.

#![warn(missing_docs)]

mod auth;
mod config;
mod credentials;
mod date;
mod decode;
mod download;
mod error;
mod exec;
mod file_part;
mod form;
mod formats;
mod header_arg;
pub mod hook;
mod inband;
pub mod lenient;
mod macros;
#[cfg(feature = "test-util")]
pub mod mock;
mod multipart;
mod paging;
mod patch;
mod query;
mod request;
mod response;
mod retry;
mod scrub;
mod secret;
mod session;
mod stream;
mod structs;
mod transport;
pub mod types;
mod unions;
mod unix_time;
mod upload;
#[doc(hidden)]
pub mod wiring;

pub use auth::Auth;
pub use config::{ApiInfo, ClientConfig, DEFAULT_MAX_BODY_SIZE};
pub use credentials::{
    Credential, CredentialContext, CredentialFuture, CredentialProvider, SharedProvider,
};
pub use download::ByteStream;
pub use error::{BoxError, Error};
pub use exec::SESSION_REFRESH;
pub use file_part::FilePart;
pub use hook::{Hook, HookFuture, RequestParts, ResponseInfo};
pub use multipart::{parse as parse_multipart, MultipartPart};
pub use request::{encode_path_segment, Request};
pub use response::{FromHeaders, Response, REQUEST_ID_HEADERS};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use session::{Session, SessionConfig};
pub use stream::{Items, Pages};
pub use transport::Transport;
pub use upload::Upload;

/// The HTTP types that appear in this crate's API (from `reqwest`, i.e. the `http` crate).
pub mod http {
    pub use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
    pub use reqwest::Method;
}
