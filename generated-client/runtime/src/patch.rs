//! `Patch<T>`: a body member with three states, for partial updates: left out (`Absent`),
//! sent as `null` (`Null`, which clears it on the server), or sent with a value.

/// A member of a partial update (the spec's `patch: true`): absent, `null` or a value.
///
/// In a generated model, `Absent` is left out when the value is encoded, `Null` is written
/// as `null`, and `Value(v)` as `v`; decoding gives `Absent` for a missing member, `Null`
/// for `null` (under lenient decoding also for the "no value" forms `""` and
/// `0000-00-00`), and `Value` otherwise.
///
/// ```
/// use client_runtime::types::Patch;
/// let keep: Patch<String> = Patch::Absent;
/// let clear: Patch<String> = Patch::Null;
/// let set = Patch::from("new".to_string());
/// assert!(keep.is_absent() && clear.is_null());
/// assert_eq!(set.value().map(String::as_str), Some("new"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Patch<T> {
    /// Not sent: the server keeps what it has.
    Absent,
    /// Sent as `null`: the server clears the member.
    Null,
    /// Sent with this value.
    Value(T),
}

impl<T> Patch<T> {
    /// Whether the member is left out (used by generated models to skip it).
    pub fn is_absent(&self) -> bool {
        matches!(self, Patch::Absent)
    }

    /// Whether the member is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Patch::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Patch::Value(v) => Some(v),
            Patch::Absent | Patch::Null => None,
        }
    }

    /// The value, if there is one, taking it.
    pub fn into_value(self) -> Option<T> {
        match self {
            Patch::Value(v) => Some(v),
            Patch::Absent | Patch::Null => None,
        }
    }

    /// `None` when absent, `Some(None)` for `null`, `Some(Some(v))` for a value.
    pub fn into_option(self) -> Option<Option<T>> {
        match self {
            Patch::Absent => None,
            Patch::Null => Some(None),
            Patch::Value(v) => Some(Some(v)),
        }
    }

    /// A `Patch` of a reference to the value.
    pub fn as_ref(&self) -> Patch<&T> {
        match self {
            Patch::Absent => Patch::Absent,
            Patch::Null => Patch::Null,
            Patch::Value(v) => Patch::Value(v),
        }
    }
}

/// `Absent`, whatever `T` is.
impl<T> Default for Patch<T> {
    fn default() -> Self {
        Patch::Absent
    }
}

impl<T> From<T> for Patch<T> {
    fn from(value: T) -> Self {
        Patch::Value(value)
    }
}

/// `Absent` and `Null` both encode as `null`: a model leaves `Absent` out before it gets
/// here, and a `Patch` anywhere else has no way to be absent.
impl<T: serde::Serialize> serde::Serialize for Patch<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Patch::Value(v) => s.serialize_some(v),
            Patch::Absent | Patch::Null => s.serialize_none(),
        }
    }
}

/// A present member: `null` is `Null`, anything else a `Value` (a missing member is
/// `Absent`: `model!` gives a missing `Patch` field its default).
impl<'de, T: serde::Deserialize<'de>> serde::Deserialize<'de> for Patch<T> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match Option::<T>::deserialize(d)? {
            Some(v) => Patch::Value(v),
            None => Patch::Null,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::Patch;
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Update {
        #[serde(default, skip_serializing_if = "Patch::is_absent")]
        x: Patch<i64>,
    }

    #[test]
    fn three_states_on_the_wire() {
        let wire = |x| serde_json::to_string(&Update { x }).unwrap();
        assert_eq!(wire(Patch::Absent), "{}");
        assert_eq!(wire(Patch::Null), r#"{"x":null}"#);
        assert_eq!(wire(Patch::Value(1)), r#"{"x":1}"#);
        let read = |text: &str| serde_json::from_str::<Update>(text).unwrap().x;
        assert_eq!(read("{}"), Patch::Absent);
        assert_eq!(read(r#"{"x":null}"#), Patch::Null);
        assert_eq!(read(r#"{"x":1}"#), Patch::Value(1));
        assert!(serde_json::from_str::<Update>(r#"{"x":"a"}"#).is_err());
    }

    #[test]
    fn lenient_no_value_forms_are_null() {
        let read = |v| crate::lenient::from_value::<Update>(&v).unwrap().x;
        assert_eq!(read(json!({"x": ""})), Patch::Null);
        assert_eq!(read(json!({"x": "7"})), Patch::Value(7));
        assert_eq!(read(json!({})), Patch::Absent);
    }

    #[test]
    fn accessors() {
        assert_eq!(Patch::Value(3).into_option(), Some(Some(3)));
        assert_eq!(Patch::<i32>::Null.into_option(), Some(None));
        assert_eq!(Patch::<i32>::Absent.into_option(), None);
        assert_eq!(Patch::Value(3).as_ref().value(), Some(&&3));
        assert_eq!(Patch::Value(3).into_value(), Some(3));
        assert_eq!(Patch::<i32>::Null.value(), None);
        assert_eq!(Patch::<i32>::default(), Patch::Absent);
    }
}
