//! Runtime for the generated Gcore, HostBill and ActivePlatform API clients.
//!
//! The code in `generated` (produced by `cargo xtask regen`) describes each
//! operation as a [`transport::Request`] and hands it to a
//! [`Transport`], which adds authentication, retries, timeouts, session
//! refresh, bounded error bodies and path-aware JSON decoding.

pub mod auth;
mod date;
pub mod de;
pub mod error;
mod exec;
pub mod paging;
pub mod query;
mod retry;
pub mod secret;
pub mod transport;
pub mod types;

#[rustfmt::skip]
mod generated;
#[allow(unused_imports)]
pub use generated::*;

#[cfg(test)]
#[rustfmt::skip]
pub mod fixtures;

pub use auth::{Auth, Session};
pub use error::Error;
pub use query::{Query, QueryValue};
pub use secret::Secret;
pub use transport::{ApiInfo, ClientConfig, Request, RetryPolicy, SessionConfig, Transport};

/// The README's Rust examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
