//! Typed Rust clients for the Gcore, HostBill and ActivePlatform APIs, generated from
//! `spec/` by `cargo xtask regen`; one module and cargo feature per API.
//!
//! Each API module has a client (`GcoreClient`, ...) whose methods return request builders:
//! set parameters, then `send().await`. What the clients share (configuration, auth, errors,
//! value types) comes from the runtime crate and is re-exported here.

#![warn(missing_docs)]

#[rustfmt::skip]
mod generated;
#[allow(unused_imports)]
pub use generated::*;

#[cfg(test)]
#[rustfmt::skip]
#[allow(missing_docs)]
pub mod fixtures;

#[cfg(test)]
mod wire_tests;

#[cfg(test)]
mod example_check;

pub use client_runtime::{
    hook, http, parse_multipart, types, Auth, ByteStream, ClientConfig, Credential,
    CredentialContext, CredentialFuture, CredentialProvider, Error, FilePart, Hook, HookFuture,
    Items, MultipartPart, Pages, Request, RequestParts, Response, ResponseInfo, RetryPolicy,
    Secret, Session, Transport, Upload, REQUEST_ID_HEADERS, SESSION_REFRESH,
};

/// A mock transport for tests of code that uses these clients (feature `test-util`): see
/// the README's "Tests without a network".
#[cfg(feature = "test-util")]
pub use client_runtime::mock;

/// The README's Rust examples, compiled as doctests so they cannot rot.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
