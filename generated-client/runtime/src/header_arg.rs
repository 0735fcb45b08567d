//! Request header parameters: the values an operation's typed headers take (`Idempotency-Key`,
//! a per-call API version), checked into header values when the request is built, secret
//! ones marked sensitive so that `Debug`, hooks and errors never show them.

use std::borrow::Cow;

use reqwest::header::{HeaderName, HeaderValue};

use crate::query::QueryValue;
use crate::secret::Secret;

/// What a header parameter can hold: any query value (text, numbers, booleans, dates,
/// enums), a [`Secret`], or an `Option` of either (`None` sends no header).
pub trait HeaderArg {
    /// The header's text, and whether it is a credential; `None`: not sent.
    fn header_text(&self) -> Option<(Cow<'_, str>, bool)>;
}

impl<T: QueryValue + ?Sized> HeaderArg for T {
    fn header_text(&self) -> Option<(Cow<'_, str>, bool)> {
        Some((self.to_query(), false))
    }
}

impl HeaderArg for Secret {
    fn header_text(&self) -> Option<(Cow<'_, str>, bool)> {
        Some((Cow::Borrowed(self.expose()), true))
    }
}

impl<T: HeaderArg> HeaderArg for Option<T> {
    fn header_text(&self) -> Option<(Cow<'_, str>, bool)> {
        self.as_ref().and_then(HeaderArg::header_text)
    }
}

/// One header a request sends besides the client's own.
#[derive(Clone)]
pub(crate) struct SentHeader {
    pub(crate) name: HeaderName,
    pub(crate) value: HeaderValue,
    /// The credential's text, for scrubbing errors (secret headers only).
    pub(crate) secret: Option<String>,
}

/// The header `name: value`, or why it cannot be sent (a name that is not a token, a value
/// with a line break or another control character).
pub(crate) fn sent_header<V: HeaderArg + ?Sized>(
    name: &str,
    value: &V,
) -> Result<Option<SentHeader>, String> {
    let Some((text, secret)) = value.header_text() else {
        return Ok(None);
    };
    let header = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("`{name}` is not a header name"))?;
    let mut v = HeaderValue::from_str(&text).map_err(|_| {
        format!("the value of header `{name}` has characters a header cannot carry (line breaks, control characters)")
    })?;
    v.set_sensitive(secret);
    Ok(Some(SentHeader {
        name: header,
        value: v,
        secret: secret.then(|| text.into_owned()),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_become_header_text() {
        let h = sent_header("Idempotency-Key", &"k-1").unwrap().unwrap();
        assert_eq!(
            (h.name.as_str(), h.value.to_str().unwrap()),
            ("idempotency-key", "k-1")
        );
        assert!(!h.value.is_sensitive() && h.secret.is_none());
        let n = sent_header("X-Count", &Some(3i64)).unwrap().unwrap();
        assert_eq!(n.value.to_str().unwrap(), "3");
        assert!(sent_header("X-Count", &None::<i64>).unwrap().is_none());
    }

    #[test]
    fn secrets_are_sensitive_and_remembered() {
        let h = sent_header("X-Signature", &Secret::new("s3cr3t"))
            .unwrap()
            .unwrap();
        assert!(h.value.is_sensitive());
        assert_eq!(format!("{:?}", h.value), "Sensitive");
        assert_eq!(h.secret.as_deref(), Some("s3cr3t"));
    }

    #[test]
    fn line_breaks_are_refused() {
        let e = sent_header("X-Note", &"a\r\nInjected: yes").err().unwrap();
        assert!(e.contains("`X-Note`"), "{e}");
        assert!(sent_header("Bad Name", &"x").is_err());
    }
}
