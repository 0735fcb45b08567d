//! Wire forms of date-times that serde's defaults do not speak, as `with` modules (a
//! model's `#[with = ..]`, or serde's `#[serde(with = "..")]`): `local_date_time`
//! (`2021-05-05 12:00:00`, no zone), also for `Option` and `Patch`.

/// `YYYY-MM-DD HH:MM:SS` without a zone (also read: a `T` separator, fractional seconds, or a
/// bare date meaning midnight); written with a space and fractional seconds only when
/// non-zero.
pub mod local_date_time {
    use chrono::{NaiveDateTime, NaiveTime};
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::date::{format_naive_datetime, parse_naive_date, parse_naive_datetime};

    pub(crate) fn parse(s: &str) -> Option<NaiveDateTime> {
        let s = s.trim();
        parse_naive_datetime(s).or_else(|| parse_naive_date(s).map(|d| d.and_time(NaiveTime::MIN)))
    }

    /// Writes the value.
    pub fn serialize<S: Serializer>(v: &NaiveDateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&format_naive_datetime(v))
    }

    /// Reads the value.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDateTime, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        parse(&text).ok_or_else(|| {
            serde::de::Error::invalid_value(
                serde::de::Unexpected::Str(&text),
                &"a date-time YYYY-MM-DD HH:MM:SS",
            )
        })
    }

    /// The same for `Patch<NaiveDateTime>` (a `patch: true` field; the field skips `Absent`).
    pub mod patch {
        use chrono::NaiveDateTime;
        use serde::{Deserializer, Serializer};

        use crate::patch::Patch;

        /// Writes the value (`null` for `Null`, and for `Absent`, which the field skips).
        pub fn serialize<S: Serializer>(v: &Patch<NaiveDateTime>, s: S) -> Result<S::Ok, S::Error> {
            match v {
                Patch::Value(v) => super::serialize(v, s),
                Patch::Null | Patch::Absent => s.serialize_none(),
            }
        }

        /// Reads the value; `null` is `Null`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Patch<NaiveDateTime>, D::Error> {
            Ok(match super::option::deserialize(d)? {
                Some(v) => Patch::Value(v),
                None => Patch::Null,
            })
        }
    }

    /// The same for `Option<NaiveDateTime>`.
    pub mod option {
        use chrono::NaiveDateTime;
        use serde::{Deserialize, Deserializer, Serializer};

        /// Writes the value (`null` for `None`).
        pub fn serialize<S: Serializer>(
            v: &Option<NaiveDateTime>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match v {
                Some(v) => super::serialize(v, s),
                None => s.serialize_none(),
            }
        }

        /// Reads the value; `null` is `None`.
        pub fn deserialize<'de, D: Deserializer<'de>>(
            d: D,
        ) -> Result<Option<NaiveDateTime>, D::Error> {
            match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
                None => Ok(None),
                Some(text) => super::parse(&text).map(Some).ok_or_else(|| {
                    serde::de::Error::invalid_value(
                        serde::de::Unexpected::Str(&text),
                        &"a date-time YYYY-MM-DD HH:MM:SS",
                    )
                }),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct T {
        #[serde(with = "super::local_date_time")]
        at: NaiveDateTime,
        #[serde(with = "super::local_date_time::option")]
        maybe: Option<NaiveDateTime>,
    }

    #[test]
    fn space_form_round_trips() {
        let t: T = serde_json::from_str(r#"{"at": "2021-05-05 12:00:00", "maybe": "2021-05-06"}"#)
            .unwrap();
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"{"at":"2021-05-05 12:00:00","maybe":"2021-05-06 00:00:00"}"#
        );
        let t: T =
            serde_json::from_str(r#"{"at": "2021-05-05T12:00:00.5", "maybe": null}"#).unwrap();
        assert_eq!(t.maybe, None);
        assert!(serde_json::from_str::<T>(r#"{"at": "yesterday", "maybe": null}"#).is_err());
    }

    #[derive(Debug, Serialize, Deserialize, PartialEq)]
    struct P {
        #[serde(
            default,
            skip_serializing_if = "crate::patch::Patch::is_absent",
            with = "super::local_date_time::patch"
        )]
        at: crate::patch::Patch<NaiveDateTime>,
    }

    #[test]
    fn patch_form_has_three_states() {
        use crate::patch::Patch;
        let at = super::local_date_time::parse("2021-05-05 12:00:00").unwrap();
        let wire = |at| serde_json::to_string(&P { at }).unwrap();
        assert_eq!(wire(Patch::Absent), "{}");
        assert_eq!(wire(Patch::Null), r#"{"at":null}"#);
        assert_eq!(wire(Patch::Value(at)), r#"{"at":"2021-05-05 12:00:00"}"#);
        let read = |text: &str| serde_json::from_str::<P>(text).unwrap().at;
        assert_eq!(read("{}"), Patch::Absent);
        assert_eq!(read(r#"{"at":null}"#), Patch::Null);
        assert_eq!(read(r#"{"at":"2021-05-05 12:00:00"}"#), Patch::Value(at));
    }

    #[test]
    fn lenient_empty_markers_are_none() {
        let v = serde_json::json!({"at": "2021-05-05 12:00:00", "maybe": "0000-00-00 00:00:00"});
        let t: T = crate::lenient::from_value(&v).unwrap();
        assert_eq!(t.maybe, None);
    }
}
