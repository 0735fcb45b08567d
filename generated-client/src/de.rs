//! Lenient decoding for loosely typed APIs (numbers as strings, `""` for null, `[]` for `{}`).
//!
//! Use on fields as `#[serde(deserialize_with = "crate::de::lenient", default)]`.
//! Generated model types implement [`Lenient`] by delegating to `Deserialize`.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::hash::BuildHasher;
use std::marker::PhantomData;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use rust_decimal::Decimal;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{
    self, DeserializeSeed, Deserializer, IgnoredAny, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use serde::Deserialize;

use crate::date::{parse_naive_date, parse_naive_datetime};
use crate::types::DateOrDateTime;

/// A type that can be decoded leniently from loosely typed JSON.
pub trait Lenient: Sized {
    /// Decodes `Self`, accepting the loose forms documented on each impl.
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error>;
}

/// `deserialize_with` adapter: decodes any [`Lenient`] type.
pub fn lenient<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Lenient,
{
    T::deserialize_lenient(d)
}

/// Decodes a whole response body leniently: generated code of lenient APIs uses it for
/// responses that are not a model (numbers, lists, maps), whose own `Deserialize` would
/// be strict.
#[derive(Debug, Clone, PartialEq)]
pub struct LenientBody<T>(pub T);

impl<'de, T: Lenient> serde::Deserialize<'de> for LenientBody<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize_lenient(d).map(LenientBody)
    }
}

/// A `DeserializeSeed` that decodes `T` leniently (keeps error paths intact).
struct LenientSeed<T>(PhantomData<T>);

impl<'de, T: Lenient> DeserializeSeed<'de> for LenientSeed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        T::deserialize_lenient(d)
    }
}

fn seed<T>() -> LenientSeed<T> {
    LenientSeed(PhantomData)
}

/// Integers go through `i128` so every target type gets a range check.
#[derive(Clone, Copy)]
struct IntVisitor;

impl Visitor<'_> for IntVisitor {
    type Value = i128;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an integer or a numeric string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i128, E> {
        Ok(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i128, E> {
        Ok(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<i128, E> {
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 1e38 {
            Ok(v as i128)
        } else {
            Err(E::invalid_value(Unexpected::Float(v), &self))
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<i128, E> {
        let t = v.trim();
        if let Ok(n) = t.parse::<i128>() {
            return Ok(n);
        }
        match t.parse::<f64>() {
            Ok(f) => self
                .visit_f64(f)
                .map_err(|_: E| E::invalid_value(Unexpected::Str(v), &self)),
            Err(_) => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

macro_rules! lenient_int {
    ($($ty:ty),*) => {
        $(
            /// Accepts a JSON integer, an integral float, or a numeric string.
            impl Lenient for $ty {
                fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    let n = d.deserialize_any(IntVisitor)?;
                    <$ty>::try_from(n).map_err(|_| {
                        de::Error::custom(format!("integer {n} out of range for {}", stringify!($ty)))
                    })
                }
            }
        )*
    };
}

lenient_int!(i32, i64, u32, u64);

struct FloatVisitor;

impl Visitor<'_> for FloatVisitor {
    type Value = f64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number or a numeric string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<f64, E> {
        v.trim()
            .parse()
            .map_err(|_| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// Accepts a JSON number or a numeric string.
impl Lenient for f64 {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(FloatVisitor)
    }
}

struct DecimalVisitor;

fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    Decimal::from_str(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number or a numeric string")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(v.into())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(v.into())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
        // The shortest round-trip rendering keeps `0.1` as `0.1`.
        parse_decimal(&v.to_string()).ok_or_else(|| E::invalid_value(Unexpected::Float(v), &self))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_decimal(v).ok_or_else(|| E::invalid_value(Unexpected::Str(v), &self))
    }
}

/// Accepts a JSON number or a numeric string (also scientific notation).
impl Lenient for Decimal {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(DecimalVisitor)
    }
}

struct BoolVisitor;

impl Visitor<'_> for BoolVisitor {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a boolean, 0/1, or one of \"true\", \"false\", \"yes\", \"no\", \"\"")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<bool, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Signed(v), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<bool, E> {
        match v {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(E::invalid_value(Unexpected::Unsigned(v), &self)),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<bool, E> {
        match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" => Ok(true),
            "0" | "false" | "no" | "" => Ok(false),
            _ => Err(E::invalid_value(Unexpected::Str(v), &self)),
        }
    }
}

/// Accepts `true`/`false`, `0`/`1`, and the strings `"0"`, `"1"`,
/// `"true"`, `"false"`, `"yes"`, `"no"` (any case) and `""` (false).
impl Lenient for bool {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(BoolVisitor)
    }
}

struct StringVisitor;

impl Visitor<'_> for StringVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, number or boolean")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
        Ok(v.to_owned())
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<String, E> {
        Ok(v)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
        Ok(v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<String, E> {
        Ok(v.to_string())
    }
}

/// Accepts a string, or a number/boolean rendered as a string.
impl Lenient for String {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StringVisitor)
    }
}

/// Parses a string with `parse`, reporting `what` on failure.
fn parse_string<'de, D, T>(
    d: D,
    what: &'static str,
    parse: fn(&str) -> Option<T>,
) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
{
    let s = d.deserialize_any(StringVisitor)?;
    parse(s.trim()).ok_or_else(|| de::Error::invalid_value(Unexpected::Str(&s), &what))
}

/// Accepts `YYYY-MM-DD`.
impl Lenient for NaiveDate {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_string(d, "a date YYYY-MM-DD", parse_naive_date)
    }
}

/// Accepts `YYYY-MM-DD HH:MM:SS` (or with `T`), or a date alone (midnight).
impl Lenient for NaiveDateTime {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_string(d, "a date-time YYYY-MM-DD HH:MM:SS", |s| {
            parse_naive_datetime(s)
                .or_else(|| parse_naive_date(s).map(|d| d.and_time(NaiveTime::MIN)))
        })
    }
}

/// Accepts a date, a date-time or an RFC 3339 timestamp.
impl Lenient for DateOrDateTime {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_string(d, "a date, date-time or RFC 3339 timestamp", |s| {
            s.parse().ok()
        })
    }
}

/// Accepts anything.
impl Lenient for serde_json::Value {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        serde_json::Value::deserialize(d)
    }
}

/// Whether a string means "no value" in loosely typed APIs.
fn is_empty_marker(s: &str) -> bool {
    matches!(s.trim(), "" | "0000-00-00" | "0000-00-00 00:00:00")
}

struct OptionVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for OptionVisitor<T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an optional value")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        T::deserialize_lenient(d).map(Some)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if is_empty_marker(v) {
            return Ok(None);
        }
        T::deserialize_lenient(v.into_deserializer()).map(Some)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        T::deserialize_lenient(v.into_deserializer()).map(Some)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        T::deserialize_lenient(v.into_deserializer()).map(Some)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        T::deserialize_lenient(v.into_deserializer()).map(Some)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        T::deserialize_lenient(v.into_deserializer()).map(Some)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        T::deserialize_lenient(SeqAccessDeserializer::new(seq)).map(Some)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize_lenient(MapAccessDeserializer::new(map)).map(Some)
    }
}

/// `null`, `""`, `"0000-00-00"` and `"0000-00-00 00:00:00"` are `None`;
/// anything else is decoded leniently as `T`.
impl<T: Lenient> Lenient for Option<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(OptionVisitor(PhantomData))
    }
}

struct VecVisitor<T>(PhantomData<T>);

impl<'de, T: Lenient> Visitor<'de> for VecVisitor<T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array or an object")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        if v.trim().is_empty() {
            Ok(Vec::new())
        } else {
            Err(E::invalid_type(Unexpected::Str(v), &self))
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element_seed(seed::<T>())? {
            out.push(item);
        }
        Ok(out)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = Vec::new();
        while map.next_key::<IgnoredAny>()?.is_some() {
            out.push(map.next_value_seed(seed::<T>())?);
        }
        Ok(out)
    }
}

/// An array, or an object's values in order; `null` and `""` are empty.
impl<T: Lenient> Lenient for Vec<T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(VecVisitor(PhantomData))
    }
}

struct MapVisitor<M, T>(PhantomData<(M, T)>);

impl<'de, M, T> Visitor<'de> for MapVisitor<M, T>
where
    M: Default + Extend<(String, T)>,
    T: Lenient,
{
    type Value = M;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object or an array")
    }

    fn visit_unit<E: de::Error>(self) -> Result<M, E> {
        Ok(M::default())
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<M, E> {
        if v.trim().is_empty() {
            Ok(M::default())
        } else {
            Err(E::invalid_type(Unexpected::Str(v), &self))
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<M, A::Error> {
        let mut out = M::default();
        while let Some(key) = map.next_key_seed(seed::<String>())? {
            let value = map.next_value_seed(seed::<T>())?;
            out.extend(std::iter::once((key, value)));
        }
        Ok(out)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<M, A::Error> {
        let mut out = M::default();
        let mut index = 0usize;
        while let Some(value) = seq.next_element_seed(seed::<T>())? {
            out.extend(std::iter::once((index.to_string(), value)));
            index += 1;
        }
        Ok(out)
    }
}

/// An object; or an array (PHP's empty map is `[]`, a list becomes keys
/// `"0"`, `"1"`, ...); `null` and `""` are empty.
impl<T: Lenient> Lenient for BTreeMap<String, T> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MapVisitor(PhantomData))
    }
}

/// Same forms as the `BTreeMap` impl.
impl<T: Lenient, S: BuildHasher + Default> Lenient for HashMap<String, T, S> {
    fn deserialize_lenient<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MapVisitor(PhantomData))
    }
}
