//! Credentials computed by the application, per attempt: [`CredentialProvider`] for auth
//! schemes the spec format does not know (tokens from a vault, rotated keys), used with
//! [`Auth::provider`](crate::Auth::provider).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use reqwest::header::{HeaderName, HeaderValue};

use crate::error::BoxError;

/// The future a [`CredentialProvider`] returns.
pub type CredentialFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credential, BoxError>> + Send + 'a>>;

/// Gives the credential header of each attempt of every authenticated request.
///
/// Called before every attempt (so a rotated key is picked up by the next retry), and
/// once more when the server answers 401, with [`CredentialContext::rejected`] set: the
/// request is then sent again, once, with the new credential. An error ends the request
/// with [`Error::Auth`](crate::Error::Auth).
///
/// The values it returns are kept out of `Debug`, errors and traces like other secrets.
pub trait CredentialProvider: Send + Sync + 'static {
    /// The credential for this attempt.
    fn credential<'a>(&'a self, cx: &'a CredentialContext) -> CredentialFuture<'a>;
}

/// A shared provider (the application keeps a clone, e.g. to rotate or inspect it).
impl<P: CredentialProvider> CredentialProvider for Arc<P> {
    fn credential<'a>(&'a self, cx: &'a CredentialContext) -> CredentialFuture<'a> {
        P::credential(self, cx)
    }
}

/// What a [`CredentialProvider`] is told about the attempt it is asked for.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CredentialContext {
    /// The spec's operation name.
    pub operation: &'static str,
    /// The attempt number, from 1 (counted again after a rejection).
    pub attempt: u32,
    /// The server answered 401 to the previous credential: fetch a fresh one.
    pub rejected: bool,
}

/// One header carrying a credential. Its value is marked sensitive.
#[derive(Clone)]
pub struct Credential {
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
    pub(crate) secret: String,
}

impl fmt::Debug for Credential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credential")
            .field("name", &self.name)
            .field("value", &"[redacted]")
            .finish()
    }
}

impl Credential {
    /// The header `name: value`. Fails when either is not valid in a header.
    pub fn header(name: &str, value: impl Into<String>) -> Result<Credential, BoxError> {
        let secret = value.into();
        let name = HeaderName::from_bytes(name.as_bytes())?;
        let mut value = HeaderValue::from_str(&secret)?;
        value.set_sensitive(true);
        Ok(Credential {
            name,
            value,
            secret,
        })
    }

    /// `Authorization: Bearer <token>`.
    pub fn bearer(token: impl Into<String>) -> Result<Credential, BoxError> {
        let token = token.into();
        let mut credential = Credential::header("authorization", format!("Bearer {token}"))?;
        credential.secret = token;
        Ok(credential)
    }
}

/// A shared [`CredentialProvider`], as held by [`Auth::Provider`](crate::Auth::Provider).
#[derive(Clone)]
pub struct SharedProvider(pub(crate) Arc<dyn CredentialProvider>);

impl fmt::Debug for SharedProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CredentialProvider")
    }
}
