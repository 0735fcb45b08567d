//! Unions: a value that is one of several types, with or without a discriminator member.
//! The macros `untagged_union!`, `tagged_union!` and `closed_tagged_union!` write the enums;
//! the decoding and encoding they share is here.
//!
//! A union first takes its JSON value as received ([`capture`]), noting whether it is read
//! leniently (a lenient deserializer answers the capture differently, see
//! [`crate::lenient`]). Then:
//!
//! - untagged: the variants whose JSON type fits the value (each variant states its JSON
//!   types, e.g. `"string"`, `"array"`) are tried in spec order, and the first that decodes
//!   wins. Under lenient decoding, a value whose JSON type no variant has is then tried
//!   against every variant in order, leniently (so `"26"` fits an `integer` variant);
//! - tagged: the discriminator member names the variant, which decodes the whole object; an
//!   unknown tag is kept as `Unknown(value)` (or is an error for a closed union).
//!
//! Either way a variant decodes strictly or leniently, as the union was read. A failure
//! names the union, the variant and the JSON path inside the value.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use std::fmt;

use crate::lenient::{Lenient, CAPTURE};

/// A union's JSON value as received, and how it is read.
#[derive(Debug)]
pub struct Captured {
    value: Value,
    lenient: bool,
}

/// Takes the value a union decodes from.
pub fn capture<'de, D: Deserializer<'de>>(d: D) -> Result<Captured, D::Error> {
    d.deserialize_newtype_struct(CAPTURE, CaptureVisitor)
}

struct CaptureVisitor;

impl CaptureVisitor {
    fn strict(value: Value) -> Captured {
        Captured {
            value,
            lenient: false,
        }
    }
}

impl<'de> Visitor<'de> for CaptureVisitor {
    type Value = Captured;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    /// Every deserializer but the lenient one forwards a newtype struct like this.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Captured, D::Error> {
        Value::deserialize(d).map(Self::strict)
    }

    /// The lenient deserializer's answer to [`CAPTURE`].
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Captured, D::Error> {
        Ok(Captured {
            value: Value::deserialize(d)?,
            lenient: true,
        })
    }

    // Deserializers that hand over the value itself.
    fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Captured, E> {
        Ok(Self::strict(Value::Bool(v)))
    }
    fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Captured, E> {
        Ok(Self::strict(v.into()))
    }
    fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Captured, E> {
        Ok(Self::strict(v.into()))
    }
    fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<Captured, E> {
        Ok(Self::strict(v.into()))
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Captured, E> {
        Ok(Self::strict(Value::String(v.to_owned())))
    }
    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Captured, E> {
        Ok(Self::strict(Value::String(v)))
    }
    fn visit_unit<E: serde::de::Error>(self) -> Result<Captured, E> {
        Ok(Self::strict(Value::Null))
    }
    fn visit_none<E: serde::de::Error>(self) -> Result<Captured, E> {
        Ok(Self::strict(Value::Null))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Captured, A::Error> {
        Value::deserialize(SeqAccessDeserializer::new(seq)).map(Self::strict)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Captured, A::Error> {
        Value::deserialize(MapAccessDeserializer::new(map)).map(Self::strict)
    }
}

impl Captured {
    /// The value as received.
    pub fn value(&self) -> &Value {
        &self.value
    }

    /// Whether it is read leniently.
    pub fn is_lenient(&self) -> bool {
        self.lenient
    }

    /// Decodes the value as `T`, strictly or leniently as it was read; the error says
    /// where inside the value (`[1].id: ...`).
    pub fn decode<T: DeserializeOwned>(&self) -> Result<T, String> {
        self.decode_as(self.lenient)
    }

    fn decode_as<T: DeserializeOwned>(&self, lenient: bool) -> Result<T, String> {
        let tracked = if lenient {
            serde_path_to_error::deserialize::<_, T>(Lenient(&self.value))
        } else {
            serde_path_to_error::deserialize::<_, T>(&self.value)
        };
        tracked.map_err(|e| {
            let path = e.path().to_string();
            if path == "." {
                e.into_inner().to_string()
            } else {
                format!("{path}: {}", e.into_inner())
            }
        })
    }
}

/// One variant of an untagged union: its JSON types (space-separated: `string`, `number`,
/// `integer`, `boolean`, `array`, `object`, `any`), its name, and how it decodes.
pub type Untagged<U> = (
    &'static str,
    &'static str,
    fn(&Captured) -> Result<U, String>,
);

/// One variant of a tagged union: its tag value, its name, and how it decodes.
pub type Tagged<U> = (
    &'static str,
    &'static str,
    fn(&Captured) -> Result<U, String>,
);

/// The JSON type of a value, as variants state theirs.
fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn fits(shapes: &str, value: &Value) -> bool {
    let t = json_type(value);
    shapes
        .split(' ')
        .any(|s| s == "any" || s == t || (s == "number" && t == "integer"))
}

fn shape_words(shapes: &str) -> String {
    let words: Vec<&str> = shapes
        .split(' ')
        .map(|s| match s {
            "string" => "a string",
            "number" => "a number",
            "integer" => "an integer",
            "boolean" => "a boolean",
            "array" => "an array",
            "object" => "an object",
            _ => "any value",
        })
        .collect();
    words.join(" or ")
}

fn found(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) => format!("number `{n}`"),
        Value::String(s) if s.chars().count() <= 40 => format!("string {s:?}"),
        Value::String(_) => "a string".into(),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Decodes an untagged union `name` from `captured` (see the module docs).
pub fn untagged<U>(captured: &Captured, name: &str, variants: &[Untagged<U>]) -> Result<U, String> {
    let mut failures = Vec::new();
    for (shapes, variant, decode) in variants {
        if fits(shapes, &captured.value) {
            match decode(captured) {
                Ok(v) => return Ok(v),
                Err(e) => failures.push(format!("as `{name}::{variant}`: {e}")),
            }
        }
    }
    if failures.is_empty() && captured.lenient {
        for (_, variant, decode) in variants {
            match decode(captured) {
                Ok(v) => return Ok(v),
                Err(e) => failures.push(format!("as `{name}::{variant}`: {e}")),
            }
        }
    }
    if failures.is_empty() {
        let expected: Vec<String> = variants
            .iter()
            .map(|(shapes, variant, _)| format!("{} (`{variant}`)", shape_words(shapes)))
            .collect();
        return Err(format!(
            "`{name}` expects {}; found {}",
            expected.join(", "),
            found(&captured.value)
        ));
    }
    Err(format!(
        "no variant of `{name}` fits: {}",
        failures.join("; ")
    ))
}

/// Decodes a tagged union `name` whose discriminator member is `tag`; `unknown` keeps an
/// unknown tag's value (an open union), or is `None` (a closed one: an error).
pub fn tagged<U>(
    captured: &Captured,
    name: &str,
    tag: &str,
    variants: &[Tagged<U>],
    unknown: Option<fn(Value) -> U>,
) -> Result<U, String> {
    let Value::Object(members) = &captured.value else {
        return Err(format!(
            "`{name}` expects an object with a `{tag}` member; found {}",
            found(&captured.value)
        ));
    };
    let value = match members.get(tag) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) if captured.lenient => n.to_string(),
        Some(other) => {
            return Err(format!(
                "{tag}: `{name}` expects its discriminator to be a string; found {}",
                found(other)
            ))
        }
        None => {
            return Err(format!(
                "`{name}` expects a `{tag}` member naming the variant; it is missing"
            ))
        }
    };
    if let Some((_, variant, decode)) = variants.iter().find(|(t, _, _)| *t == value) {
        return decode(captured)
            .map_err(|e| format!("as `{name}::{variant}` ({tag} {value:?}): {e}"));
    }
    match unknown {
        Some(keep) => Ok(keep(captured.value.clone())),
        None => {
            let known: Vec<String> = variants.iter().map(|(t, _, _)| format!("{t:?}")).collect();
            Err(format!(
                "{tag}: unknown `{name}` variant {value:?}, expected one of {}",
                known.join(", ")
            ))
        }
    }
}

/// Encodes a tagged variant: the model's members with the discriminator `tag: value` (in
/// the model's own place for it, or first).
pub fn serialize_tagged<S: Serializer, T: Serialize>(
    s: S,
    tag: &str,
    value: &str,
    variant: &T,
) -> Result<S::Ok, S::Error> {
    let members =
        match serde_json::to_value(variant).map_err(<S::Error as serde::ser::Error>::custom)? {
            Value::Object(members) => members,
            other => {
                return Err(<S::Error as serde::ser::Error>::custom(format!(
                    "a tagged union variant must encode as an object, not {}",
                    found(&other)
                )))
            }
        };
    let out = if members.contains_key(tag) {
        let mut members = members;
        members.insert(tag.to_owned(), Value::String(value.to_owned()));
        members
    } else {
        let mut out = Map::with_capacity(members.len() + 1);
        out.insert(tag.to_owned(), Value::String(value.to_owned()));
        out.extend(members);
        out
    };
    out.serialize(s)
}

/// An untagged union: `Name(Type) = "json types"` per variant, tried in order (see the
/// module docs). Expands to the enum, `From<Type>` per variant, and serde.
#[doc(hidden)]
#[macro_export]
macro_rules! untagged_union {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) = $shapes:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant($ty), )*
        }

        $(
            impl ::std::convert::From<$ty> for $name {
                fn from(v: $ty) -> Self {
                    $name::$variant(v)
                }
            }
        )*

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(v) => $crate::wiring::serde::Serialize::serialize(v, s), )*
                }
            }
        }

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let captured = $crate::wiring::unions::capture(d)?;
                $crate::wiring::unions::untagged::<Self>(
                    &captured,
                    ::std::stringify!($name),
                    &[$((
                        $shapes,
                        ::std::stringify!($variant),
                        |c| c.decode::<$ty>().map($name::$variant),
                    )),*],
                )
                .map_err(<D::Error as $crate::wiring::serde::de::Error>::custom)
            }
        }
    };
}

/// A union tagged by a discriminator member, which keeps an unknown tag's object as
/// `Unknown(value)` and sends it back unchanged. Written with `#[discriminator = "member"]`
/// before the enum and `Name(Model) = "tag"` per variant.
#[doc(hidden)]
#[macro_export]
macro_rules! tagged_union {
    (
        #[discriminator = $tag:literal]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) = $value:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $tag, ": ", $value, "`")] $variant($ty), )*
            /// A variant this client does not know, kept as received so it can be sent back
            /// unchanged.
            Unknown($crate::wiring::Value),
        }

        impl $name {
            /// The discriminator member.
            pub const DISCRIMINATOR: &'static str = $tag;

            /// The value of the discriminator member.
            pub fn tag(&self) -> ::std::option::Option<&str> {
                match self {
                    $( $name::$variant(_) => ::std::option::Option::Some($value), )*
                    $name::Unknown(v) => v.get($tag).and_then($crate::wiring::Value::as_str),
                }
            }
        }

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(v) => $crate::wiring::unions::serialize_tagged(s, $tag, $value, v), )*
                    $name::Unknown(v) => $crate::wiring::serde::Serialize::serialize(v, s),
                }
            }
        }

        $crate::__tagged_union_de!($name, $tag, [$($variant($ty) = $value),*], ::std::option::Option::Some($name::Unknown));
    };
}

/// A union tagged by a discriminator member whose unknown tags are decode errors.
#[doc(hidden)]
#[macro_export]
macro_rules! closed_tagged_union {
    (
        #[discriminator = $tag:literal]
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident($ty:ty) = $value:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $tag, ": ", $value, "`")] $variant($ty), )*
        }

        impl $name {
            /// The discriminator member.
            pub const DISCRIMINATOR: &'static str = $tag;

            /// The value of the discriminator member.
            pub fn tag(&self) -> &'static str {
                match self {
                    $( $name::$variant(_) => $value, )*
                }
            }
        }

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    $( $name::$variant(v) => $crate::wiring::unions::serialize_tagged(s, $tag, $value, v), )*
                }
            }
        }

        $crate::__tagged_union_de!($name, $tag, [$($variant($ty) = $value),*], ::std::option::Option::None);
    };
}

/// `Deserialize` of a tagged union.
#[doc(hidden)]
#[macro_export]
macro_rules! __tagged_union_de {
    ($name:ident, $tag:literal, [$($variant:ident($ty:ty) = $value:literal),*], $unknown:expr) => {
        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let captured = $crate::wiring::unions::capture(d)?;
                $crate::wiring::unions::tagged::<Self>(
                    &captured,
                    ::std::stringify!($name),
                    $tag,
                    &[$((
                        $value,
                        ::std::stringify!($variant),
                        |c| c.decode::<$ty>().map($name::$variant),
                    )),*],
                    $unknown,
                )
                .map_err(<D::Error as $crate::wiring::serde::de::Error>::custom)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Customer {
        id: String,
        balance: i64,
    }

    crate::untagged_union! {
        enum CustomerRef {
            Id(String) = "string",
            Expanded(Customer) = "object",
        }
    }

    #[test]
    fn untagged_picks_by_shape_and_keeps_the_wire_form() {
        let id: CustomerRef = serde_json::from_value(json!("cus_1")).unwrap();
        assert_eq!(id, CustomerRef::Id("cus_1".into()));
        let full: CustomerRef =
            serde_json::from_value(json!({"id": "cus_1", "balance": 5})).unwrap();
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"id":"cus_1","balance":5}"#
        );
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""cus_1""#);
        assert_eq!(
            CustomerRef::from("x".to_string()),
            CustomerRef::Id("x".into())
        );
    }

    #[test]
    fn untagged_errors_say_where_and_why() {
        let err = serde_json::from_value::<CustomerRef>(json!(5)).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`CustomerRef` expects a string (`Id`), an object (`Expanded`); found number `5`"
        );
        let err =
            serde_json::from_value::<CustomerRef>(json!({"id": "c", "balance": "x"})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "no variant of `CustomerRef` fits: as `CustomerRef::Expanded`: balance: invalid type: string \"x\", expected i64"
        );
    }

    #[test]
    fn untagged_under_lenient_decoding() {
        // Inside the chosen variant, leniently.
        let v: CustomerRef = crate::lenient::from_value(&json!({"id": 7, "balance": "5"})).unwrap();
        assert_eq!(
            v,
            CustomerRef::Expanded(Customer {
                id: "7".into(),
                balance: 5
            })
        );
        // No variant has the value's JSON type: every variant in order, leniently.
        let v: CustomerRef = crate::lenient::from_value(&json!(26)).unwrap();
        assert_eq!(v, CustomerRef::Id("26".into()));
        let err = crate::lenient::from_value::<CustomerRef>(&json!([1])).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("no variant of `CustomerRef` fits"),
            "{err}"
        );
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Card {
        last4: String,
    }

    #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Bank {
        object: String,
        iban: String,
    }

    crate::tagged_union! {
        #[discriminator = "object"]
        enum Source {
            Card(Card) = "card",
            Bank(Bank) = "bank_account",
        }
    }

    crate::closed_tagged_union! {
        #[discriminator = "object"]
        enum Strict {
            Card(Card) = "card",
        }
    }

    #[test]
    fn tagged_writes_the_tag_first_or_in_the_model_place() {
        let card = Source::Card(Card {
            last4: "4242".into(),
        });
        assert_eq!(
            serde_json::to_string(&card).unwrap(),
            r#"{"object":"card","last4":"4242"}"#
        );
        let bank = Source::Bank(Bank {
            object: "anything".into(),
            iban: "DE00".into(),
        });
        assert_eq!(
            serde_json::to_string(&bank).unwrap(),
            r#"{"object":"bank_account","iban":"DE00"}"#
        );
        assert_eq!(card.tag(), Some("card"));
        assert_eq!(Source::DISCRIMINATOR, "object");
    }

    #[test]
    fn tagged_keeps_unknown_variants_as_received() {
        let text = r#"{"iban":"x","object":"sepa_debit","nested":{"b":1,"a":2}}"#;
        let v: Source = serde_json::from_str(text).unwrap();
        assert!(matches!(&v, Source::Unknown(_)));
        assert_eq!(v.tag(), Some("sepa_debit"));
        assert_eq!(serde_json::to_string(&v).unwrap(), text);
        let err = serde_json::from_str::<Strict>(text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "object: unknown `Strict` variant \"sepa_debit\", expected one of \"card\""
        );
    }

    #[test]
    fn tagged_errors_say_where_and_why() {
        let err =
            serde_json::from_value::<Source>(json!({"object": "card", "last4": 4242})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "as `Source::Card` (object \"card\"): last4: invalid type: integer `4242`, expected a string"
        );
        let err = serde_json::from_value::<Source>(json!({"last4": "1"})).unwrap_err();
        assert!(
            err.to_string().contains("expects a `object` member"),
            "{err}"
        );
        let err = serde_json::from_value::<Source>(json!({"object": 1})).unwrap_err();
        assert!(
            err.to_string().contains("discriminator to be a string"),
            "{err}"
        );
        assert!(serde_json::from_value::<Source>(json!("card")).is_err());
        // Lenient: a number tag reads as text, the variant leniently.
        let v: Strict =
            crate::lenient::from_value(&json!({"object": "card", "last4": 42})).unwrap();
        assert_eq!(v, Strict::Card(Card { last4: "42".into() }));
        assert_eq!(v.tag(), "card");
        assert_eq!(Strict::DISCRIMINATOR, "object");
    }
}
