//! A string wrapper for credentials that never prints its contents.

use std::fmt;

/// A secret value (API key, password, token).
///
/// `Debug` and `Display` both print `[redacted]`; call [`Secret::expose`] to
/// get at the real value when it has to go on the wire.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a value as a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    /// Returns the secret value itself.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret(value.to_owned())
    }
}

/// Serializes the real value: a secret in a request body has to reach the server. While a
/// request body is encoded, the value is also noted, so that errors can
/// scrub exactly the secrets that were sent.
impl serde::Serialize for Secret {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        SENT.with(|sent| {
            if let Some(list) = sent.borrow_mut().as_mut() {
                list.push(self.0.clone());
            }
        });
        s.serialize_str(&self.0)
    }
}

thread_local! {
    static SENT: std::cell::RefCell<Option<Vec<String>>> = const { std::cell::RefCell::new(None) };
}

/// Runs `encode` and returns its result with the value of every [`Secret`] it serialized.
pub(crate) fn collecting<R>(encode: impl FnOnce() -> R) -> (R, Vec<String>) {
    let outer = SENT.with(|sent| sent.borrow_mut().replace(Vec::new()));
    let result = encode();
    let secrets = SENT.with(|sent| std::mem::replace(&mut *sent.borrow_mut(), outer));
    (result, secrets.unwrap_or_default())
}

impl<'de> serde::Deserialize<'de> for Secret {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Secret)
    }
}

#[cfg(test)]
mod tests {
    use super::Secret;

    #[test]
    fn serde_round_trip_keeps_the_value_but_debug_hides_it() {
        let s: Secret = serde_json::from_str("\"hunter2\"").unwrap();
        assert_eq!(s.expose(), "hunter2");
        assert_eq!(serde_json::to_string(&s).unwrap(), "\"hunter2\"");
        assert_eq!(format!("{s:?} {s}"), "[redacted] [redacted]");
    }

    #[test]
    fn encoding_a_body_collects_its_secrets() {
        let body = serde_json::json!({"user": "me"});
        let pw = Secret::new("pw-1");
        let ((a, b), secrets) = super::collecting(|| {
            (
                serde_json::to_value(&body).unwrap(),
                serde_json::to_value(&pw).unwrap(),
            )
        });
        assert_eq!((a["user"].as_str(), b.as_str()), (Some("me"), Some("pw-1")));
        assert_eq!(secrets, vec!["pw-1".to_string()]);
        let (_, none) = super::collecting(|| serde_json::to_string(&body).unwrap());
        assert!(none.is_empty());
        // Outside `collecting`, nothing is kept.
        serde_json::to_string(&pw).unwrap();
        assert!(super::collecting(|| ()).1.is_empty());
    }
}
