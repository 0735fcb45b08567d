//! Turning a success body into the typed value: the whole body or one member, strict or
//! lenient, with the JSON path of the first mismatch when it fails.

use serde::de::{DeserializeOwned, Error as _};
use serde_json::Value;

use crate::lenient::Lenient;
use crate::request::Unwrap;

/// Why a body did not decode, and where.
#[derive(Debug)]
pub(crate) struct Failure {
    /// JSON path of the failure (`results[3].status`); empty for the whole body.
    pub(crate) path: String,
    pub(crate) source: serde_json::Error,
}

fn failure(path: impl Into<String>, source: serde_json::Error) -> Failure {
    let path = path.into();
    Failure {
        path: if path == "." { String::new() } else { path },
        source,
    }
}

/// `path` inside the member `key` of the body.
pub(crate) fn under(key: &str, path: String) -> String {
    if path == "." || path.is_empty() {
        key.to_owned()
    } else if path.starts_with('[') {
        format!("{key}{path}")
    } else {
        format!("{key}.{path}")
    }
}

/// Decodes a success body as `T` (an empty body is JSON `null`).
pub(crate) fn decode<T: DeserializeOwned>(
    body: &[u8],
    unwrap: Unwrap,
    lenient: bool,
) -> Result<T, Failure> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        body
    };
    match (unwrap, lenient) {
        (Unwrap::Body, false) => strict(body),
        (Unwrap::Body, true) => {
            let value: Value = strict(body)?;
            from_value(&value, true)
        }
        (Unwrap::Member(key), lenient) => {
            let value: Value = strict(body)?;
            let Value::Object(mut map) = value else {
                let source = serde_json::Error::custom(format!(
                    "expected a JSON object with member `{key}`"
                ));
                return Err(failure("", source));
            };
            let member = map.remove(key);
            let missing = member.is_none();
            let member = member.unwrap_or(Value::Null);
            from_value(&member, lenient).map_err(|f| {
                let source = if missing {
                    serde_json::Error::missing_field(key)
                } else {
                    f.source
                };
                failure(under(key, f.path), source)
            })
        }
    }
}

/// Plain serde_json; only a body that fails is decoded a second time, tracking the path.
pub(crate) fn strict<T: DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    if let Ok(value) = serde_json::from_slice::<T>(body) {
        return Ok(value);
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize::<_, T>(&mut de)
        .map_err(|e| failure(e.path().to_string(), e.into_inner()))?;
    de.end().map_err(|e| failure("", e))?;
    Ok(value)
}

/// `T` from a parsed value, strictly or leniently, with the failing path.
pub(crate) fn from_value<T: DeserializeOwned>(value: &Value, lenient: bool) -> Result<T, Failure> {
    let first = if lenient {
        crate::lenient::from_value(value)
    } else {
        T::deserialize(value)
    };
    if let Ok(v) = first {
        return Ok(v);
    }
    let tracked = if lenient {
        serde_path_to_error::deserialize::<_, T>(Lenient(value))
    } else {
        serde_path_to_error::deserialize::<_, T>(value)
    };
    tracked.map_err(|e| failure(e.path().to_string(), e.into_inner()))
}

/// An error body decoded as `E`, if it decodes.
pub(crate) fn error_body<E: DeserializeOwned>(text: &str, lenient: bool) -> Option<E> {
    if !lenient {
        return serde_json::from_str(text).ok();
    }
    let value: Value = serde_json::from_str(text).ok()?;
    crate::lenient::from_value(&value).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        id: i64,
    }

    #[test]
    fn whole_bodies_and_members_decode_with_paths() {
        let items: Vec<Item> = decode(br#"[{"id": 1}]"#, Unwrap::Body, false).unwrap();
        assert_eq!(items, [Item { id: 1 }]);
        let f =
            decode::<Vec<Item>>(br#"[{"id": 1}, {"id": "x"}]"#, Unwrap::Body, false).unwrap_err();
        assert_eq!(f.path, "[1].id");
        let f = decode::<Vec<Item>>(
            br#"{"items": [{"id": "x"}]}"#,
            Unwrap::Member("items"),
            false,
        )
        .unwrap_err();
        assert_eq!(f.path, "items[0].id");
        let f =
            decode::<Vec<Item>>(br#"{"other": 1}"#, Unwrap::Member("items"), false).unwrap_err();
        assert_eq!(f.path, "items");
        assert!(f.source.to_string().contains("missing field `items`"));
        let empty: Option<Item> = decode(b"  ", Unwrap::Body, false).unwrap();
        assert_eq!(empty, None);
        let f = decode::<Item>(br#"{"id": 1} trailing"#, Unwrap::Body, false).unwrap_err();
        assert_eq!(f.path, "");
    }

    #[test]
    fn lenient_bodies_accept_php_forms() {
        let items: Vec<Item> = decode(br#"{"a": {"id": "1"}}"#, Unwrap::Body, true).unwrap();
        assert_eq!(items, [Item { id: 1 }]);
        let one: Item = decode(br#"{"item": {"id": "2"}}"#, Unwrap::Member("item"), true).unwrap();
        assert_eq!(one, Item { id: 2 });
        let f =
            decode::<Item>(br#"{"item": {"id": "x"}}"#, Unwrap::Member("item"), true).unwrap_err();
        assert_eq!(f.path, "item.id");
        assert!(decode::<Item>(br#"{"id": "2"}"#, Unwrap::Body, false).is_err());
    }

    #[test]
    fn error_bodies_decode_when_they_can() {
        assert_eq!(
            error_body::<Item>(r#"{"id": 3}"#, false),
            Some(Item { id: 3 })
        );
        assert_eq!(
            error_body::<Item>(r#"{"id": "3"}"#, true),
            Some(Item { id: 3 })
        );
        assert_eq!(error_body::<Item>("<html>", false), None);
    }
}
