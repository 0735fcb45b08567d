//! Authentication schemes: what credentials a client holds and the header they become.

use reqwest::header::{HeaderName, HeaderValue, AUTHORIZATION};

use crate::credentials::{CredentialProvider, SharedProvider};
use crate::secret::Secret;

/// How requests authenticate. Secrets are redacted in `Debug`.
#[derive(Debug, Clone, Default)]
pub enum Auth {
    /// No authentication.
    #[default]
    None,
    /// A key in a header, e.g. `Authorization: APIKey <key>`.
    ApiKeyHeader {
        /// Header name.
        header: String,
        /// Text before the key; joined to it with one space. Empty sends the
        /// key alone.
        prefix: String,
        /// The key.
        key: Secret,
    },
    /// A token sent as a query parameter on every request.
    QueryToken {
        /// Query parameter name.
        param: String,
        /// The token.
        token: Secret,
    },
    /// HTTP basic authentication.
    Basic {
        /// User name.
        username: String,
        /// Password.
        password: Secret,
    },
    /// `Authorization: Bearer <token>`.
    Bearer(Secret),
    /// Use the transport's [`Session`](crate::Session) (a JWT obtained from a login route,
    /// renewed through the API's refresh route).
    Session,
    /// A header computed by the application before every attempt (see
    /// [`Auth::provider`]).
    Provider(SharedProvider),
}

impl Auth {
    /// A key sent in `header` as `<prefix> <key>`.
    pub fn api_key_header(
        header: impl Into<String>,
        prefix: impl Into<String>,
        key: impl Into<String>,
    ) -> Self {
        Auth::ApiKeyHeader {
            header: header.into(),
            prefix: prefix.into(),
            key: Secret::new(key),
        }
    }

    /// A token sent as the query parameter `param`.
    pub fn query_token(param: impl Into<String>, token: impl Into<String>) -> Self {
        Auth::QueryToken {
            param: param.into(),
            token: Secret::new(token),
        }
    }

    /// HTTP basic authentication.
    pub fn basic(username: impl Into<String>, password: impl Into<String>) -> Self {
        Auth::Basic {
            username: username.into(),
            password: Secret::new(password),
        }
    }

    /// Credentials from `provider`, asked before every attempt and again after a 401 (the
    /// request is then sent once more): tokens from a vault, rotated keys, schemes the spec
    /// format does not describe.
    pub fn provider(provider: impl CredentialProvider) -> Self {
        Auth::Provider(SharedProvider(std::sync::Arc::new(provider)))
    }

    /// A fixed bearer token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Auth::Bearer(Secret::new(token))
    }

    /// The secret values carried by this scheme (for scrubbing error text).
    pub(crate) fn secrets(&self) -> Vec<String> {
        match self {
            Auth::None | Auth::Session | Auth::Provider(_) => Vec::new(),
            Auth::ApiKeyHeader { key, .. } => vec![key.expose().to_owned()],
            Auth::QueryToken { token, .. } => vec![token.expose().to_owned()],
            Auth::Basic { username, password } => {
                // The header's base64 form too: a server may echo request headers.
                use base64::Engine as _;
                let pair = format!("{username}:{}", password.expose());
                let encoded = base64::engine::general_purpose::STANDARD.encode(pair);
                vec![password.expose().to_owned(), encoded]
            }
            Auth::Bearer(token) => vec![token.expose().to_owned()],
        }
    }

    /// The `Authorization`-style header of fixed (non-session) credentials, marked
    /// sensitive; `None` for no auth, a session, or a query token. The error says what is
    /// wrong (an empty parameter name, a header value with CR/LF, ...).
    pub(crate) fn static_header(&self) -> Result<Option<(HeaderName, HeaderValue)>, String> {
        use base64::Engine as _;
        let (name, text, what) = match self {
            Auth::None | Auth::Session | Auth::Provider(_) => return Ok(None),
            Auth::QueryToken { param, .. } => {
                if param.is_empty() {
                    return Err("query token parameter name is empty".to_owned());
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
                let name = HeaderName::from_bytes(header.as_bytes())
                    .map_err(|_| format!("invalid header name `{}`", header.escape_debug()))?;
                (name, text, "API key")
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
        let mut value = HeaderValue::from_str(&text)
            .map_err(|_| format!("{what} contains characters not allowed in a header value"))?;
        value.set_sensitive(true);
        Ok(Some((name, value)))
    }
}
