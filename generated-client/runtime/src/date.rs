//! `DateOrDateTime`: a date filter value that keeps the precision the caller gave.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A date, a naive date-time or an RFC 3339 timestamp.
///
/// `Display` renders it in the same form it was given:
/// `2021-05-05`, `2021-05-05 12:00:00`, or RFC 3339 (`Z` for UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateOrDateTime {
    /// A calendar date, rendered `%Y-%m-%d`.
    Date(NaiveDate),
    /// A date and time without zone, rendered `%Y-%m-%d %H:%M:%S`.
    DateTime(NaiveDateTime),
    /// A date and time with an offset, rendered as RFC 3339.
    Rfc3339(DateTime<FixedOffset>),
}

/// Formats a naive date-time as `%Y-%m-%d %H:%M:%S`, adding fractional
/// seconds only when they are non-zero.
pub(crate) fn format_naive_datetime(dt: &NaiveDateTime) -> String {
    dt.format("%Y-%m-%d %H:%M:%S%.f").to_string()
}

/// Formats an offset date-time as RFC 3339 with `Z` for UTC.
pub(crate) fn format_rfc3339<Tz: chrono::TimeZone>(dt: &DateTime<Tz>) -> String
where
    Tz::Offset: fmt::Display,
{
    dt.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Parses `YYYY-MM-DD HH:MM:SS` (or with a `T`), with optional fraction.
pub(crate) fn parse_naive_datetime(s: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f"]
        .iter()
        .find_map(|fmt| NaiveDateTime::parse_from_str(s, fmt).ok())
}

/// Parses `YYYY-MM-DD`.
pub(crate) fn parse_naive_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

impl fmt::Display for DateOrDateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateOrDateTime::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
            DateOrDateTime::DateTime(dt) => f.write_str(&format_naive_datetime(dt)),
            DateOrDateTime::Rfc3339(dt) => f.write_str(&format_rfc3339(dt)),
        }
    }
}

/// Error returned when a string is not a date, date-time or RFC 3339 value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseDateError(String);

impl fmt::Display for ParseDateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid date `{}`: expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or RFC 3339",
            self.0
        )
    }
}

impl std::error::Error for ParseDateError {}

impl FromStr for DateOrDateTime {
    type Err = ParseDateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
            return Ok(DateOrDateTime::Rfc3339(dt));
        }
        if let Some(dt) = parse_naive_datetime(s) {
            return Ok(DateOrDateTime::DateTime(dt));
        }
        if let Some(d) = parse_naive_date(s) {
            return Ok(DateOrDateTime::Date(d));
        }
        // Keep only a short, printable prefix of the input in the error.
        Err(ParseDateError(s.chars().take(40).collect()))
    }
}

impl From<NaiveDate> for DateOrDateTime {
    fn from(value: NaiveDate) -> Self {
        DateOrDateTime::Date(value)
    }
}

impl From<NaiveDateTime> for DateOrDateTime {
    fn from(value: NaiveDateTime) -> Self {
        DateOrDateTime::DateTime(value)
    }
}

impl From<DateTime<FixedOffset>> for DateOrDateTime {
    fn from(value: DateTime<FixedOffset>) -> Self {
        DateOrDateTime::Rfc3339(value)
    }
}

impl From<DateTime<Utc>> for DateOrDateTime {
    fn from(value: DateTime<Utc>) -> Self {
        DateOrDateTime::Rfc3339(value.fixed_offset())
    }
}

impl Serialize for DateOrDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateOrDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}
