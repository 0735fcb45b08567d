//! The error type returned by every generated operation.

use std::fmt;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// A boxed error used as the source of transport failures.
pub type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// Longest prefix of an error body shown in `Display`, in characters.
const DISPLAY_BODY_CHARS: usize = 200;

/// An error from an API call. `E` is the API's decoded error body type.
///
/// `Display` always starts with the name of the operation. Credentials never
/// appear in `Display` or `Debug` of this type or of its `source()` chain.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E = serde_json::Value> {
    /// The request could not be sent or the response could not be read
    /// (connect, DNS, TLS, broken body). The URL is removed from the source.
    Transport {
        /// Operation name.
        operation: &'static str,
        /// The underlying error.
        source: BoxError,
    },
    /// The request took longer than its timeout.
    Timeout {
        /// Operation name.
        operation: &'static str,
    },
    /// The server answered with an error status, or (for APIs with an error
    /// field) a success status whose body carries a non-empty error list.
    Api {
        /// Operation name.
        operation: &'static str,
        /// HTTP status code.
        status: u16,
        /// The body decoded as `E`, when it could be (boxed to keep `Error` small).
        body: Option<Box<E>>,
        /// The body as text, at most the first 64 KiB.
        raw: String,
        /// Error codes or messages from the API's error field (HostBill).
        codes: Vec<String>,
        /// The response headers (values marked sensitive, so `Debug` does not show them).
        headers: Box<HeaderMap>,
    },
    /// A success response did not match the expected type.
    Decode {
        /// Operation name.
        operation: &'static str,
        /// JSON path of the failure, like `results[3].status`.
        path: String,
        /// The underlying decode error.
        source: serde_json::Error,
    },
    /// A success body was larger than the client's limit
    /// (`ClientConfig::max_body_size`); reading stopped there.
    BodyTooLarge {
        /// Operation name.
        operation: &'static str,
        /// The limit, in bytes.
        limit: usize,
    },
    /// The request could not be built (bad base URL, header, path...).
    InvalidRequest {
        /// Operation name (or `client_config` for configuration errors).
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// Authentication is missing or could not be renewed.
    Auth {
        /// Operation name.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A paginated walk cannot go on safely: the next cursor or next URL repeats one already
    /// used (the server would be walked in a loop), a next URL points to another scheme, host
    /// or port than the client's (it is not followed, so no credentials leave), or the page
    /// does not say where the next one is (an item without its id). Ends the stream.
    Paging {
        /// Operation name.
        operation: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A [`Hook`](crate::Hook)'s `before_attempt` failed; nothing was sent.
    Hook {
        /// Operation name.
        operation: &'static str,
        /// The hook's error.
        source: BoxError,
    },
}

impl<E> Error<E> {
    /// The operation that failed.
    pub fn operation(&self) -> &'static str {
        match self {
            Error::Transport { operation, .. }
            | Error::Timeout { operation }
            | Error::Api { operation, .. }
            | Error::Decode { operation, .. }
            | Error::BodyTooLarge { operation, .. }
            | Error::InvalidRequest { operation, .. }
            | Error::Auth { operation, .. }
            | Error::Paging { operation, .. }
            | Error::Hook { operation, .. } => operation,
        }
    }

    /// The HTTP status of an [`Error::Api`].
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The response headers of an [`Error::Api`] (`None` for errors without an answer).
    pub fn headers(&self) -> Option<&HeaderMap> {
        match self {
            Error::Api { headers, .. } => Some(headers),
            _ => None,
        }
    }

    /// The request id the server sent with an [`Error::Api`] (`x-request-id`,
    /// `request-id`, ...: see [`REQUEST_ID_HEADERS`](crate::REQUEST_ID_HEADERS)), for
    /// support tickets and logs.
    pub fn request_id(&self) -> Option<&str> {
        self.headers().and_then(crate::response::request_id)
    }

    /// How long the server asked to wait before trying again (`Retry-After` of an
    /// [`Error::Api`], as delta-seconds or an HTTP date; a past date is zero).
    pub fn retry_after(&self) -> Option<Duration> {
        self.headers()
            .and_then(|h| crate::response::retry_after_at(h, SystemTime::now()))
    }

    /// Whether sending the same request later may succeed: an [`Error::Api`] with status
    /// 408, 429, 500, 502, 503 or 504, a timeout, or a transport failure. The client has
    /// already retried what its [`RetryPolicy`](crate::RetryPolicy) allows; this is for
    /// an application's own retry (a queue, a later job).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Api { status, .. } => matches!(status, 408 | 429 | 500 | 502 | 503 | 504),
            Error::Timeout { .. } | Error::Transport { .. } => true,
            _ => false,
        }
    }

    /// The decoded error body of an [`Error::Api`], if it decoded.
    pub fn api_body(&self) -> Option<&E> {
        match self {
            Error::Api { body, .. } => body.as_deref(),
            _ => None,
        }
    }

    /// The raw (bounded) error body of an [`Error::Api`].
    pub fn raw_body(&self) -> Option<&str> {
        match self {
            Error::Api { raw, .. } => Some(raw),
            _ => None,
        }
    }

    /// The API error codes of an [`Error::Api`] (empty otherwise).
    pub fn codes(&self) -> &[String] {
        match self {
            Error::Api { codes, .. } => codes,
            _ => &[],
        }
    }

    /// Whether this is an [`Error::Timeout`].
    pub fn is_timeout(&self) -> bool {
        matches!(self, Error::Timeout { .. })
    }

    /// The JSON path of an [`Error::Decode`].
    pub fn decode_path(&self) -> Option<&str> {
        match self {
            Error::Decode { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Transport { operation, source } => {
                write!(f, "{operation}: request failed: {source}")
            }
            Error::Timeout { operation } => write!(f, "{operation}: request timed out"),
            Error::Api {
                operation,
                status,
                raw,
                codes,
                ..
            } => {
                write!(f, "{operation}: HTTP {status}")?;
                if !codes.is_empty() {
                    write!(f, ": {}", codes.join("; "))
                } else if !raw.trim().is_empty() {
                    let shown: String = raw.trim().chars().take(DISPLAY_BODY_CHARS).collect();
                    let more = if raw.trim().chars().count() > DISPLAY_BODY_CHARS {
                        "..."
                    } else {
                        ""
                    };
                    write!(f, ": {shown}{more}")
                } else {
                    Ok(())
                }
            }
            Error::Decode {
                operation,
                path,
                source,
            } => {
                if path.is_empty() || path == "." {
                    write!(f, "{operation}: {source}")
                } else {
                    write!(f, "{operation}: {path}: {source}")
                }
            }
            Error::BodyTooLarge { operation, limit } => {
                write!(f, "{operation}: response body larger than {limit} bytes")
            }
            Error::InvalidRequest { operation, message } => {
                write!(f, "{operation}: invalid request: {message}")
            }
            Error::Auth { operation, message } => {
                write!(f, "{operation}: authentication error: {message}")
            }
            Error::Paging { operation, message } => {
                write!(f, "{operation}: pagination stopped: {message}")
            }
            Error::Hook { operation, source } => {
                write!(f, "{operation}: hook failed: {source}")
            }
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Transport { source, .. } | Error::Hook { source, .. } => Some(source.as_ref()),
            Error::Decode { source, .. } => Some(source),
            _ => None,
        }
    }
}
