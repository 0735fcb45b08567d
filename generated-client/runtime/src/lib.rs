//! The runtime of the generated API clients: what every generated operation hands its
//! [`Request`] to. A [`Transport`] adds authentication, retries with backoff, timeouts,
//! session refresh, bounded error bodies and path-aware JSON decoding; [`Error`] says what
//! went wrong without leaking credentials.
//!
//! Applications use it through the generated crate, which re-exports what they need.
//! Generated code reaches the runtime through [`wiring`] (hidden from these docs).

#![warn(missing_docs)]

mod auth;
mod config;
mod date;
mod decode;
mod error;
mod exec;
mod formats;
mod inband;
pub mod lenient;
mod macros;
mod paging;
mod patch;
mod query;
mod request;
mod retry;
mod scrub;
mod secret;
mod session;
mod stream;
mod transport;
pub mod types;
mod unions;
mod unix_time;
#[doc(hidden)]
pub mod wiring;

pub use auth::Auth;
pub use config::{ApiInfo, ClientConfig, DEFAULT_MAX_BODY_SIZE};
pub use error::{BoxError, Error};
pub use request::{encode_path_segment, Request};
pub use retry::RetryPolicy;
pub use secret::Secret;
pub use session::{Session, SessionConfig};
pub use stream::{Items, Pages};
pub use transport::Transport;
