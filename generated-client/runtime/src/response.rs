//! A success answer with its status and headers ([`Response`]), the typed view of the
//! headers a spec declares ([`FromHeaders`], the `response_headers!` macro), and the header
//! readers shared with [`Error`](crate::Error) (request id, `Retry-After`).

use std::str::FromStr;
use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// Header names that carry a request id, in the order they are looked up.
pub const REQUEST_ID_HEADERS: &[&str] = &[
    "x-request-id",
    "request-id",
    "x-amzn-requestid",
    "x-amz-request-id",
    "x-correlation-id",
    "x-trace-id",
];

/// A typed view of the response headers an operation declares; `()` for operations that
/// declare none. Generated per operation (`ListClientsHeaders`, ...) by the
/// `response_headers!` macro.
pub trait FromHeaders: Sized {
    /// Reads the declared headers from the response's header map. A header that is absent
    /// or does not parse as its type reads as `None`; nothing here fails.
    fn from_headers(headers: &HeaderMap) -> Self;
}

impl FromHeaders for () {
    fn from_headers(_: &HeaderMap) -> Self {}
}

/// A decoded success answer together with its HTTP status and headers, returned by every
/// request builder's `send_with_response()`.
///
/// `H` is the typed view of the headers the spec declares for the operation (`()` when it
/// declares none); [`Response::headers`] always has every header as received.
#[derive(Debug, Clone)]
pub struct Response<T, H = ()> {
    status: u16,
    headers: HeaderMap,
    typed: H,
    value: T,
}

impl<T> Response<T> {
    pub(crate) fn new(status: u16, headers: HeaderMap, value: T) -> Self {
        Response {
            status,
            headers,
            typed: (),
            value,
        }
    }

    /// The same response with the typed view `H` of its headers (used by generated
    /// builders).
    #[doc(hidden)]
    pub fn with_typed_headers<H: FromHeaders>(self) -> Response<T, H> {
        let Response {
            status,
            headers,
            typed: (),
            value,
        } = self;
        Response {
            typed: H::from_headers(&headers),
            status,
            headers,
            value,
        }
    }
}

impl<T, H> Response<T, H> {
    /// The HTTP status (2xx).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// Every response header, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// One header as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The headers the spec declares for this operation, typed (`()` when it declares
    /// none).
    pub fn typed_headers(&self) -> &H {
        &self.typed
    }

    /// The request id the server sent (`x-request-id`, `request-id`, ... see
    /// [`REQUEST_ID_HEADERS`]).
    pub fn request_id(&self) -> Option<&str> {
        request_id(&self.headers)
    }

    /// The decoded value.
    pub fn value(&self) -> &T {
        &self.value
    }

    /// The decoded value, dropping status and headers.
    pub fn into_value(self) -> T {
        self.value
    }

    /// Status, headers and value.
    pub fn into_parts(self) -> (u16, HeaderMap, T) {
        (self.status, self.headers, self.value)
    }
}

/// The first request-id header present (see [`REQUEST_ID_HEADERS`]).
pub(crate) fn request_id(headers: &HeaderMap) -> Option<&str> {
    REQUEST_ID_HEADERS
        .iter()
        .find_map(|name| headers.get(*name))
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
}

/// `Retry-After` as a delay from `now`: delta-seconds, or an HTTP date (a date in the past
/// means no wait).
pub(crate) fn retry_after_at(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = httpdate::parse_http_date(value).ok()?;
    Some(when.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Reads the header `name` as `V` (text trimmed); `None` when absent or unparsable. Used by
/// the accessors `response_headers!` generates.
#[doc(hidden)]
pub fn typed_header<V: FromStr>(headers: &HeaderMap, name: &str) -> Option<V> {
    headers.get(name)?.to_str().ok()?.trim().parse().ok()
}

/// The typed view of an operation's declared response headers: a struct with one
/// `Option` field per header and an accessor method for each (absent or unparsable headers
/// are `None`).
///
/// ```text
/// response_headers! {
///     /// Declared response headers of `list_clients`.
///     pub struct ListClientsHeaders {
///         /// Requests left in the window.
///         #[header("X-RateLimit-Remaining")]
///         x_rate_limit_remaining: i64,
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! response_headers {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                #[header($wire:literal)]
                $field:ident : $fty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Default)]
        #[non_exhaustive]
        $vis struct $name {
            $( $field: ::std::option::Option<$fty>, )*
        }

        impl $name {
            $(
                $(#[doc = $fdoc])*
                #[doc = ""]
                #[doc = concat!("Header `", $wire, "`; `None` when absent or not a valid value.")]
                pub fn $field(&self) -> ::std::option::Option<&$fty> {
                    self.$field.as_ref()
                }
            )*
        }

        impl $crate::wiring::FromHeaders for $name {
            fn from_headers(headers: &$crate::http::HeaderMap) -> Self {
                $name {
                    $( $field: $crate::wiring::typed_header(headers, $wire), )*
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn map(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (n, v) in pairs {
            h.insert(*n, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn request_ids_are_found_under_their_usual_names() {
        assert_eq!(request_id(&map(&[("x-request-id", " r-1 ")])), Some("r-1"));
        assert_eq!(request_id(&map(&[("request-id", "r-2")])), Some("r-2"));
        assert_eq!(request_id(&map(&[("x-other", "r-3")])), None);
    }

    #[test]
    fn typed_headers_parse_or_are_none() {
        let h = map(&[("x-remaining", "41"), ("x-bad", "many")]);
        assert_eq!(typed_header::<i64>(&h, "X-Remaining"), Some(41));
        assert_eq!(typed_header::<i64>(&h, "x-bad"), None);
        assert_eq!(typed_header::<String>(&h, "x-missing"), None);
    }

    #[test]
    fn retry_after_reads_seconds_and_dates() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        let h = map(&[("retry-after", "7")]);
        assert_eq!(retry_after_at(&h, now), Some(Duration::from_secs(7)));
        let mut h = HeaderMap::new();
        let date = httpdate::fmt_http_date(now + Duration::from_secs(30));
        h.insert("retry-after", HeaderValue::from_str(&date).unwrap());
        assert_eq!(retry_after_at(&h, now), Some(Duration::from_secs(30)));
    }
}
