//! What a client is configured with: the API's static description (`ApiInfo`, emitted by the
//! generator) and the application's settings (`ClientConfig`).

use std::fmt;
use std::time::Duration;

use url::Url;

use crate::auth::Auth;
use crate::hook::{Hook, Hooks};
use crate::retry::RetryPolicy;
use crate::session::SessionConfig;

/// Static facts about one API, emitted by the generator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiInfo {
    /// The API's name (its module and cargo feature).
    pub name: &'static str,
    /// Base URL used when the configuration gives none.
    pub default_base_url: Option<&'static str>,
    /// Top-level field that carries errors in otherwise successful JSON object bodies
    /// (HostBill: `error`). A non-empty array there turns the response into an
    /// `Error::Api`; an empty array does not.
    pub error_field: Option<&'static str>,
    /// Login-session routes, for APIs with [`Auth::Session`].
    pub session: Option<SessionConfig>,
    /// Responses (and error bodies) are decoded leniently (see `lenient`).
    pub lenient: bool,
    /// Headers sent with every request (`api.headers`: an API version); a default header
    /// of the same name in [`ClientConfig`] replaces one.
    pub headers: &'static [(&'static str, &'static str)],
}

/// Client settings, built with chainable setters.
#[derive(Clone)]
pub struct ClientConfig {
    base_url: Option<String>,
    auth: Auth,
    timeout: Duration,
    connect_timeout: Duration,
    retry: RetryPolicy,
    user_agent: String,
    default_headers: Vec<(String, String)>,
    http_client: Option<reqwest::Client>,
    max_body_size: usize,
    hooks: Hooks,
    #[cfg(feature = "test-util")]
    mock: Option<crate::mock::MockTransport>,
}

/// The default limit of a success body: 32 MiB.
pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

/// A configuration taken apart, for building a transport.
pub(crate) struct ConfigParts {
    pub(crate) base_url: Option<String>,
    pub(crate) auth: Auth,
    pub(crate) timeout: Duration,
    pub(crate) connect_timeout: Duration,
    pub(crate) retry: RetryPolicy,
    pub(crate) user_agent: String,
    pub(crate) default_headers: Vec<(String, String)>,
    pub(crate) http_client: Option<reqwest::Client>,
    pub(crate) max_body_size: usize,
    pub(crate) hooks: Hooks,
    #[cfg(feature = "test-util")]
    pub(crate) mock: Option<crate::mock::MockTransport>,
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
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            hooks: Vec::new(),
            #[cfg(feature = "test-util")]
            mock: None,
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

    /// A header sent with every request (validated when the client is built).
    pub fn default_header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.default_headers.push((name.into(), value.into()));
        self
    }

    /// The largest success body read, in bytes (default [`DEFAULT_MAX_BODY_SIZE`], 32 MiB); a
    /// larger one ends the request with `Error::BodyTooLarge` as soon as it is known (from
    /// `Content-Length`, or while reading). Error bodies are always cut at 64 KiB.
    pub fn max_body_size(mut self, bytes: usize) -> Self {
        self.max_body_size = bytes;
        self
    }

    /// Use this `reqwest` client instead of building one.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Adds a [`Hook`], run before every attempt and after every response, after the
    /// hooks added before it.
    pub fn hook(mut self, hook: impl Hook) -> Self {
        self.hooks.push(std::sync::Arc::new(hook));
        self
    }

    /// Sends every request to `mock` instead of the network (feature `test-util`). Without
    /// a base URL, `http://mock.invalid/` is used.
    #[cfg(feature = "test-util")]
    pub fn mock(mut self, mock: &crate::mock::MockTransport) -> Self {
        self.mock = Some(mock.clone());
        self
    }

    pub(crate) fn into_parts(self) -> ConfigParts {
        let ClientConfig {
            base_url,
            auth,
            timeout,
            connect_timeout,
            retry,
            user_agent,
            default_headers,
            http_client,
            max_body_size,
            hooks,
            #[cfg(feature = "test-util")]
            mock,
        } = self;
        ConfigParts {
            base_url,
            auth,
            timeout,
            connect_timeout,
            retry,
            user_agent,
            default_headers,
            http_client,
            max_body_size,
            hooks,
            #[cfg(feature = "test-util")]
            mock,
        }
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
            .field("max_body_size", &self.max_body_size)
            .field("hooks", &self.hooks.len())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_credentials_and_header_values() {
        let c = ClientConfig::new()
            .base_url("https://usr-7:pw-3@h.example/api?api_token=tok-1")
            .auth(Auth::api_key_header("Authorization", "APIKey ", "key-1"))
            .default_header("X-Secret", "hv-1");
        let text = format!("{c:?}");
        for secret in ["pw-3", "tok-1", "key-1", "hv-1", "usr-7"] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
        assert!(text.contains("https://h.example/api?[redacted]"));
        assert!(text.contains("X-Secret"));
    }
}
