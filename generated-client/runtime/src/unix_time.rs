//! `UnixSeconds` and `UnixMillis`: instants that travel as integer Unix timestamps and are
//! date-times (`DateTime<Utc>`) in Rust.
//!
//! The wire form is an integer: seconds (or milliseconds) since 1970-01-01T00:00:00Z. A
//! value holds exactly what is sent: building one from a `DateTime` drops what is finer
//! than the unit (rounding down), so a decoded value is encoded back to the same integer.
//!
//! Decoding takes a JSON integer. Under lenient decoding, whatever a lenient integer accepts
//! is accepted too: a numeric string (`"1700000000"`) or an integral float (`1.7e9`). A
//! fractional timestamp (`1700000000.5`) is an error in both modes: the client could not send
//! it back unchanged.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, TimeZone, Utc};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! unix_time {
    (
        $(#[$meta:meta])*
        $name:ident, $unit:literal, $from:path, $to:ident
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(DateTime<Utc>);

        impl $name {
            #[doc = concat!("The instant `value` ", $unit, " after 1970-01-01T00:00:00Z; `None` when")]
            /// it is outside the range of `DateTime<Utc>`.
            pub fn from_timestamp(value: i64) -> Option<Self> {
                $from(value).map($name)
            }

            #[doc = concat!("The wire integer: ", $unit, " since 1970-01-01T00:00:00Z.")]
            pub fn timestamp(&self) -> i64 {
                self.0.$to()
            }

            /// The instant as a date-time.
            pub fn date_time(&self) -> DateTime<Utc> {
                self.0
            }
        }

        #[doc = concat!("Drops what is finer than ", $unit, " (rounding down), as the wire would.")]
        impl<Tz: TimeZone> From<DateTime<Tz>> for $name {
            fn from(value: DateTime<Tz>) -> Self {
                let whole = value.with_timezone(&Utc).$to();
                // Rounding down an instant that fits always fits.
                $name($from(whole).unwrap_or(DateTime::<Utc>::MIN_UTC))
            }
        }

        impl From<$name> for DateTime<Utc> {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl Deref for $name {
            type Target = DateTime<Utc>;

            fn deref(&self) -> &DateTime<Utc> {
                &self.0
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_i64(self.timestamp())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = d.deserialize_i64(Timestamp($unit))?;
                $name::from_timestamp(v).ok_or_else(|| {
                    de::Error::custom(format!(
                        "Unix timestamp {v} ({}) is out of range",
                        $unit
                    ))
                })
            }
        }
    };
}

fn from_seconds(value: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(value, 0)
}

fn from_millis(value: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp_millis(value)
}

unix_time! {
    /// An instant sent as whole seconds since the Unix epoch (`1700000000`); the spec type
    /// `unix_seconds`. Dereferences to `DateTime<Utc>`.
    ///
    /// ```
    /// use client_runtime::types::UnixSeconds;
    /// let at = UnixSeconds::from_timestamp(1_700_000_000).unwrap();
    /// assert_eq!(at.to_rfc3339(), "2023-11-14T22:13:20+00:00");
    /// assert_eq!(serde_json::to_string(&at).unwrap(), "1700000000");
    /// ```
    UnixSeconds, "seconds", from_seconds, timestamp
}

unix_time! {
    /// An instant sent as whole milliseconds since the Unix epoch (`1700000000123`); the
    /// spec type `unix_millis`. Dereferences to `DateTime<Utc>`.
    ///
    /// ```
    /// use client_runtime::types::UnixMillis;
    /// let at = UnixMillis::from_timestamp(1_700_000_000_123).unwrap();
    /// assert_eq!(at.to_rfc3339(), "2023-11-14T22:13:20.123+00:00");
    /// assert_eq!(serde_json::to_string(&at).unwrap(), "1700000000123");
    /// ```
    UnixMillis, "milliseconds", from_millis, timestamp_millis
}

/// Reads the integer of a timestamp in `.0` (the unit, for messages).
struct Timestamp(&'static str);

impl Visitor<'_> for Timestamp {
    type Value = i64;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer Unix timestamp ({})", self.0)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
        Ok(v)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
        i64::try_from(v).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn integers_round_trip() {
        let s: UnixSeconds = serde_json::from_value(json!(1_700_000_000)).unwrap();
        assert_eq!(s.to_rfc3339(), "2023-11-14T22:13:20+00:00");
        assert_eq!(serde_json::to_value(s).unwrap(), json!(1_700_000_000));
        let m: UnixMillis = serde_json::from_value(json!(-1)).unwrap();
        assert_eq!(m.to_rfc3339(), "1969-12-31T23:59:59.999+00:00");
        assert_eq!(serde_json::to_value(m).unwrap(), json!(-1));
    }

    #[test]
    fn finer_parts_are_dropped_rounding_down() {
        let at = DateTime::parse_from_rfc3339("2023-11-14T23:13:20.987+01:00").unwrap();
        assert_eq!(UnixSeconds::from(at).timestamp(), 1_700_000_000);
        assert_eq!(UnixMillis::from(at).timestamp(), 1_700_000_000_987);
        let before = DateTime::parse_from_rfc3339("1969-12-31T23:59:59.5Z").unwrap();
        assert_eq!(UnixSeconds::from(before).timestamp(), -1);
        assert_eq!(
            DateTime::<Utc>::from(UnixSeconds::from(at)),
            UnixSeconds::from(at).date_time()
        );
    }

    #[test]
    fn strict_decoding_takes_integers_only() {
        for bad in [json!(1.5), json!(1.0e9), json!("1700000000"), json!(null)] {
            let err = serde_json::from_value::<UnixSeconds>(bad.clone()).unwrap_err();
            assert!(
                err.to_string()
                    .contains("an integer Unix timestamp (seconds)"),
                "{bad}: {err}"
            );
        }
        let err = serde_json::from_value::<UnixSeconds>(json!(i64::MAX)).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{err}");
        assert!(serde_json::from_value::<UnixMillis>(json!(u64::MAX)).is_err());
    }

    #[test]
    fn lenient_decoding_takes_what_lenient_integers_take() {
        let from = |v| crate::lenient::from_value::<UnixSeconds>(&v).map(|s| s.timestamp());
        assert_eq!(from(json!("1700000000")).unwrap(), 1_700_000_000);
        assert_eq!(from(json!(" 1700000000 ")).unwrap(), 1_700_000_000);
        assert_eq!(from(json!(1.7e9)).unwrap(), 1_700_000_000);
        assert_eq!(from(json!("1700000000.0")).unwrap(), 1_700_000_000);
        assert!(from(json!(1_700_000_000.5)).is_err());
        assert!(from(json!("1700000000.5")).is_err());
        assert!(from(json!("soon")).is_err());
        let none: Option<UnixMillis> = crate::lenient::from_value(&json!("")).unwrap();
        assert_eq!(none, None);
    }
}
