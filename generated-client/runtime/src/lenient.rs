//! Lenient decoding for loosely typed (PHP-style) APIs, as a `Deserializer` over a parsed
//! JSON value: models stay plain serde types, and the leniency comes from how the value is
//! read, keyed by what the type asks for.
//!
//! Accepted, besides plain JSON:
//! - integers and floats as numeric strings (`"26"`, `"9.99"`), integral floats as integers;
//! - booleans as `0`/`1`, `"0"`/`"1"`, `"true"`/`"false"`, `"yes"`/`"no"` (any case), `""`;
//! - strings from numbers and booleans;
//! - `null`, `""`, `"0000-00-00"` and `"0000-00-00 00:00:00"` for an absent optional value;
//! - `[]` (PHP's empty map) for an object or map, a list as a map keyed `"0"`, `"1"`, ...;
//!   an object's values for a list; `null` and `""` for an empty list or map.
//!
//! A whole response of a lenient API is decoded with [`from_value`]; a single lenient field of
//! a strict API uses `#[with = lenient]` ([`deserialize`] / [`serialize`]). Unions
//! read their variants leniently when they are read leniently themselves (see `CAPTURE`).

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{
    DeserializeOwned, DeserializeSeed, Deserializer, Error as _, IntoDeserializer, MapAccess,
    SeqAccess, Unexpected, Visitor,
};
use serde_json::{Map, Number, Value};

type Error = serde_json::Error;

/// The items of an empty list or map.
static NOTHING: [Value; 0] = [];

/// The newtype-struct name a union decodes through ([`crate::unions`]): every other
/// deserializer forwards it with `visit_newtype_struct`, this one answers `visit_some`, so the
/// union knows to read its variants leniently too.
pub(crate) const CAPTURE: &str = "$client_runtime::union";

/// A JSON value read leniently (see the module docs).
#[derive(Clone, Copy)]
pub struct Lenient<'a>(pub &'a Value);

/// Decodes `T` from `value` leniently.
pub fn from_value<T: DeserializeOwned>(value: &Value) -> Result<T, Error> {
    T::deserialize(Lenient(value))
}

/// `#[with = lenient]`: decodes one field leniently (within a strict model); an
/// error inside the field names where (`[1].qty: invalid type ...`).
pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(d: D) -> Result<T, D::Error> {
    let value = Value::deserialize(d)?;
    serde_path_to_error::deserialize(Lenient(&value)).map_err(|e| {
        let path = e.path().to_string();
        if path == "." {
            D::Error::custom(e.into_inner())
        } else {
            D::Error::custom(format!("{path}: {}", e.into_inner()))
        }
    })
}

/// `#[with = lenient::strict]`: one field of a lenient API decoded strictly.
pub mod strict {
    use serde::de::{DeserializeOwned, Deserializer, Error as _};
    use serde::Deserialize as _;
    use serde_json::Value;

    /// Decodes the field exactly as JSON has it.
    pub fn deserialize<'de, D: Deserializer<'de>, T: DeserializeOwned>(
        d: D,
    ) -> Result<T, D::Error> {
        // A lenient deserializer hands over the value's own JSON types when asked for any.
        let value = Value::deserialize(d)?;
        T::deserialize(value).map_err(D::Error::custom)
    }

    /// Encodes the field as usual.
    pub fn serialize<T: serde::Serialize, S: serde::Serializer>(
        v: &T,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        v.serialize(s)
    }
}

/// `#[with = lenient]`: encodes the field as usual.
pub fn serialize<T: serde::Serialize, S: serde::Serializer>(
    v: &T,
    s: S,
) -> Result<S::Ok, S::Error> {
    v.serialize(s)
}

use serde::Deserialize as _;

/// Whether a string stands for "no value".
fn is_empty_marker(s: &str) -> bool {
    matches!(s.trim(), "" | "0000-00-00" | "0000-00-00 00:00:00")
}

fn unexpected(v: &Value) -> Unexpected<'_> {
    match v {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_i64(), n.as_u64(), n.as_f64()) {
            (Some(i), _, _) => Unexpected::Signed(i),
            (_, Some(u), _) => Unexpected::Unsigned(u),
            (_, _, Some(f)) => Unexpected::Float(f),
            _ => Unexpected::Other("number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

/// An integer from a JSON number, an integral float or a numeric string.
enum Int {
    Signed(i64),
    Unsigned(u64),
}

fn int_of(v: &Value) -> Option<Int> {
    fn from_f64(f: f64) -> Option<Int> {
        (f.is_finite() && f.fract() == 0.0 && f.abs() < 9.2e18).then_some(Int::Signed(f as i64))
    }
    match v {
        Value::Number(n) => n
            .as_i64()
            .map(Int::Signed)
            .or_else(|| n.as_u64().map(Int::Unsigned))
            .or_else(|| n.as_f64().and_then(from_f64)),
        Value::String(s) => {
            let t = s.trim();
            t.parse::<i64>()
                .map(Int::Signed)
                .ok()
                .or_else(|| t.parse::<u64>().ok().map(Int::Unsigned))
                .or_else(|| t.parse::<f64>().ok().and_then(from_f64))
        }
        _ => None,
    }
}

fn visit_int<'de, V: Visitor<'de>>(v: &Value, visitor: V) -> Result<V::Value, Error> {
    match int_of(v) {
        Some(Int::Signed(i)) => visitor.visit_i64(i),
        Some(Int::Unsigned(u)) => visitor.visit_u64(u),
        None => Err(Error::invalid_type(
            unexpected(v),
            &"an integer or a numeric string",
        )),
    }
}

fn visit_number_text<'de, V: Visitor<'de>>(n: &Number, visitor: V) -> Result<V::Value, Error> {
    visitor.visit_string(n.to_string())
}

impl<'de> Deserializer<'de> for Lenient<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => {
                if let Some(u) = n.as_u64() {
                    visitor.visit_u64(u)
                } else if let Some(i) = n.as_i64() {
                    visitor.visit_i64(i)
                } else {
                    visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN))
                }
            }
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(map) => visitor.visit_map(Members::new(map)),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let b = match self.0 {
            Value::Bool(b) => Some(*b),
            Value::Number(_) => match int_of(self.0) {
                Some(Int::Signed(0) | Int::Unsigned(0)) => Some(false),
                Some(Int::Signed(1) | Int::Unsigned(1)) => Some(true),
                _ => None,
            },
            Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
                "1" | "true" | "yes" => Some(true),
                "0" | "false" | "no" | "" => Some(false),
                _ => None,
            },
            _ => None,
        };
        match b {
            Some(b) => visitor.visit_bool(b),
            None => Err(Error::invalid_value(
                unexpected(self.0),
                &"a boolean, 0/1, or one of \"true\", \"false\", \"yes\", \"no\", \"\"",
            )),
        }
    }

    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        visit_int(self.0, v)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let f = match self.0 {
            Value::Number(n) => n.as_f64(),
            Value::String(s) => s.trim().parse::<f64>().ok(),
            _ => None,
        };
        match f {
            Some(f) => visitor.visit_f64(f),
            None => Err(Error::invalid_type(
                unexpected(self.0),
                &"a number or a numeric string",
            )),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_borrowed_str(s),
            Value::Number(n) => visit_number_text(n, visitor),
            Value::Bool(b) => visitor.visit_string(b.to_string()),
            other => Err(Error::invalid_type(
                unexpected(other),
                &"a string, number or boolean",
            )),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            Value::String(s) if is_empty_marker(s) => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            other => Err(Error::invalid_type(unexpected(other), &"null")),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == CAPTURE {
            // A union asks how it is read: `visit_some` (which no other deserializer answers
            // a newtype struct with) says "leniently".
            return visitor.visit_some(self);
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Array(items) => visitor.visit_seq(Items(items.iter())),
            Value::Object(map) => visitor.visit_seq(Items(ValuesOf(map.values()))),
            Value::Null => visitor.visit_seq(Items(NOTHING.iter())),
            Value::String(s) if s.trim().is_empty() => visitor.visit_seq(Items(NOTHING.iter())),
            other => Err(Error::invalid_type(
                unexpected(other),
                &"an array or an object",
            )),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Members::new(map)),
            Value::Array(items) => visitor.visit_map(Indexed {
                items: items.iter().enumerate(),
                value: None,
            }),
            Value::Null => visitor.visit_map(Indexed {
                items: NOTHING.iter().enumerate(),
                value: None,
            }),
            Value::String(s) if s.trim().is_empty() => visitor.visit_map(Indexed {
                items: NOTHING.iter().enumerate(),
                value: None,
            }),
            other => Err(Error::invalid_type(
                unexpected(other),
                &"an object or an array",
            )),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(map) => visitor.visit_map(Members::new(map)),
            // PHP encodes an empty object as `[]`.
            Value::Array(items) if items.is_empty() => visitor.visit_map(Members::empty()),
            other => Err(Error::invalid_type(unexpected(other), &"an object")),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(s) => visitor.visit_enum(s.as_str().into_deserializer()),
            other => other.deserialize_enum(name, variants, visitor),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// An iterator of values, read leniently as a sequence.
struct Items<I>(I);

impl<'de, I: Iterator<Item = &'de Value>> SeqAccess<'de> for Items<I> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0
            .next()
            .map(|v| seed.deserialize(Lenient(v)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        match self.0.size_hint() {
            (lo, Some(hi)) if lo == hi => Some(lo),
            _ => None,
        }
    }
}

/// The values of an object, in order.
struct ValuesOf<'a>(serde_json::map::Values<'a>);

impl<'a> Iterator for ValuesOf<'a> {
    type Item = &'a Value;
    fn next(&mut self) -> Option<&'a Value> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// The members of an object, values read leniently.
struct Members<'a> {
    iter: Option<serde_json::map::Iter<'a>>,
    value: Option<&'a Value>,
}

impl<'a> Members<'a> {
    fn new(map: &'a Map<String, Value>) -> Self {
        Members {
            iter: Some(map.iter()),
            value: None,
        }
    }

    fn empty() -> Self {
        Members {
            iter: None,
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.iter.as_mut().and_then(Iterator::next) else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(BorrowedStrDeserializer::new(key))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error::custom("a value was asked for before its key"))?;
        seed.deserialize(Lenient(value))
    }
}

/// The items of an array as a map keyed by their index (`"0"`, `"1"`, ...).
struct Indexed<'a, I> {
    items: I,
    value: Option<&'a Value>,
}

impl<'de, I: Iterator<Item = (usize, &'de Value)>> MapAccess<'de> for Indexed<'de, I> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((index, value)) = self.items.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(StringDeserializer::<Error>::new(index.to_string()))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| Error::custom("a value was asked for before its key"))?;
        seed.deserialize(Lenient(value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        id: i64,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Model {
        id: i64,
        total: f64,
        flag: bool,
        name: String,
        when: Option<String>,
        tags: Vec<String>,
        extra: BTreeMap<String, String>,
        inner: Option<Inner>,
        missing: Option<i64>,
    }

    #[test]
    fn php_shapes_decode() {
        let v = json!({
            "id": "26", "total": "9.99", "flag": "1", "name": 12,
            "when": "0000-00-00 00:00:00", "tags": {"a": "x", "b": "y"}, "extra": [],
            "inner": {"id": 3.0}
        });
        let m: Model = from_value(&v).unwrap();
        assert_eq!(
            m,
            Model {
                id: 26,
                total: 9.99,
                flag: true,
                name: "12".into(),
                when: None,
                tags: vec!["x".into(), "y".into()],
                extra: BTreeMap::new(),
                inner: Some(Inner { id: 3 }),
                missing: None,
            }
        );
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(from_value::<i64>(&json!("abc")).is_err());
        assert!(from_value::<i64>(&json!(1.5)).is_err());
        assert!(from_value::<bool>(&json!("maybe")).is_err());
        assert!(from_value::<bool>(&json!(2)).is_err());
        assert!(from_value::<f64>(&json!(true)).is_err());
        assert!(from_value::<Vec<i64>>(&json!(5)).is_err());
    }

    #[test]
    fn lists_become_index_maps_and_empty_forms_are_empty() {
        let m: BTreeMap<String, i64> = from_value(&json!(["7", 8])).unwrap();
        assert_eq!(m.get("0"), Some(&7));
        assert_eq!(m.get("1"), Some(&8));
        let empty: BTreeMap<String, i64> = from_value(&json!("")).unwrap();
        assert!(empty.is_empty());
        let none: Vec<i64> = from_value(&json!(null)).unwrap();
        assert!(none.is_empty());
        let inner: Inner = from_value(&json!({"id": "4"})).unwrap();
        assert_eq!(inner, Inner { id: 4 });
        assert!(
            from_value::<Inner>(&json!([])).is_err(),
            "`id` is still required"
        );
    }

    #[test]
    fn error_paths_are_kept() {
        let v = json!({"id": 1, "total": 1, "flag": "x", "name": "n", "when": null,
                       "tags": [], "extra": {}, "inner": null});
        let err = serde_path_to_error::deserialize::<_, Model>(Lenient(&v)).unwrap_err();
        assert_eq!(err.path().to_string(), "flag");
    }
}
