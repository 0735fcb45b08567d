//! `model!`: a struct model with its serde impls written by `macro_rules!` instead of
//! `#[derive(Serialize, Deserialize)]`, which is what most of a generated crate's check
//! time went to; the helpers its expansion calls (the field-name seed) live here too.

use serde::de::{DeserializeSeed, Deserializer, Error, Visitor};
use std::fmt;

/// A struct model: `#[derive(Debug, Clone, PartialEq)]`, `#[non_exhaustive]`, and
/// `Serialize` / `Deserialize` as a JSON object with one member per field.
///
/// Fields are written as in a struct, each with its docs and then, in this order, the
/// optional attributes the macro reads and removes:
///
/// - `#[keep_null]` (before the docs): an `Option` field that is `None` is sent as `null`
///   (a member that is always present and may be `null`); without it `None` is left out;
/// - `#[rename = "wire"]`: the member's name when it differs from the field's (a raw
///   identifier such as `r#type` always needs one, which a compile-time check enforces);
/// - `#[default = path]`: the function giving the value of a missing member;
/// - `#[with = path]`: a module with `serialize` and `deserialize` for the field's type.
///
/// Decoding: unknown members are skipped, a member given twice is an error, a missing
/// member is `None` for an `Option` field, `Patch::Absent` for a `Patch` field (which is
/// also left out when encoded while absent), the `#[default]` for a field with one, and an
/// error ("missing field") otherwise. `Option<..>` and `Patch<..>` are spelled so (the
/// macro reads the type as written) and expand to the std and runtime types, whatever the
/// invoking module imports.
///
/// ```text
/// model! {
///     /// A contact.
///     pub struct Contact {
///         /// Contact ID.
///         pub id: i64,
///         #[rename = "companyName"]
///         pub company_name: Option<String>,
///         #[with = local_date_time::option]
///         pub seen: Option<NaiveDateTime>,
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! model {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident { $($fields:tt)* }
    ) => {
        $crate::__model_fields! { [$(#[$meta])* $vis struct $name] [] $($fields)* }
    };
}

/// One field at a time: `[head] [fields done] fields to do`; each field becomes
/// `{ [docs] vis name (type) kind keep [wire] [default] [with] }`, `kind` being `opt`,
/// `patch` or `req` and `keep` `keep` or `drop`.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_fields {
    ($head:tt [$($done:tt)*]) => {
        $crate::__model_emit! { $head $($done)* }
    };
    ($head:tt [$($done:tt)*] #[keep_null] $($rest:tt)*) => {
        $crate::__model_field! { $head [$($done)*] keep $($rest)* }
    };
    ($head:tt [$($done:tt)*] $($rest:tt)+) => {
        $crate::__model_field! { $head [$($done)*] drop $($rest)+ }
    };
}

/// One field, its `keep` read: the attributes, then (in `__model_type`) the type's shape.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_field {
    (
        $head:tt [$($done:tt)*] $keep:ident
        $(#[doc = $doc:literal])*
        $(#[rename = $wire:literal])?
        $(#[default = $($dflt:ident)::+])?
        $(#[with = $($with:ident)::+])?
        $fvis:vis $field:ident : $($rest:tt)*
    ) => {
        $crate::__model_type! {
            $head [$($done)*]
            [[$(#[doc = $doc])*] $fvis $field]
            [$keep [$($wire)?] [$($($dflt)::+)?] [$($($with)::+)?]]
            $($rest)*
        }
    };
}

/// A field's type, read as `Option<..>` (`opt`), `Patch<..>` (`patch`) or anything else
/// (`req`), between the field's name and its attributes.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_type {
    (
        $head:tt [$($done:tt)*] [$($name:tt)*] [$keep:ident $($attrs:tt)*]
        Option<$inner:ty> $(, $($rest:tt)*)?
    ) => {
        $crate::__model_fields! {
            $head [$($done)* {
                $($name)* (::std::option::Option<$inner>) opt $keep $($attrs)*
            }] $($($rest)*)?
        }
    };
    (
        $head:tt [$($done:tt)*] [$($name:tt)*] [$keep:ident $($attrs:tt)*]
        Patch<$inner:ty> $(, $($rest:tt)*)?
    ) => {
        $crate::__model_fields! {
            $head [$($done)* {
                $($name)* ($crate::wiring::Patch<$inner>) patch $keep $($attrs)*
            }] $($($rest)*)?
        }
    };
    (
        $head:tt [$($done:tt)*] [$($name:tt)*] [$keep:ident $($attrs:tt)*]
        $fty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::__model_fields! {
            $head [$($done)* { $($name)* ($fty) req $keep $($attrs)* }] $($($rest)*)?
        }
    };
}

/// The struct and its impls, from the fields as `__model_type` wrote them.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_emit {
    (
        [$(#[$meta:meta])* $vis:vis struct $name:ident]
        $({
            [$($doc:tt)*] $fvis:vis $field:ident ($fty:ty) $kind:ident $keep:ident
            [$($wire:literal)?] [$($dflt:tt)*] [$($with:tt)*]
        })*
    ) => {
        $(#[$meta])*
        #[derive(::std::fmt::Debug, ::std::clone::Clone, ::std::cmp::PartialEq)]
        #[non_exhaustive]
        $vis struct $name { $($($doc)* $fvis $field: $fty,)* }

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                use $crate::wiring::serde::ser::SerializeStruct as _;
                let len = 0 $(+ usize::from(!$crate::__model_skip!(self.$field, $kind $keep)))*;
                #[allow(unused_mut)] // a model without fields calls only `end`
                let mut state = serializer.serialize_struct(::std::stringify!($name), len)?;
                $(
                    let wire = $crate::__model_wire!([$($wire)?] $field);
                    if $crate::__model_skip!(self.$field, $kind $keep) {
                        state.skip_field(wire)?;
                    } else {
                        $crate::__model_put!(state, wire, &self.$field, ($fty) [$($with)*]);
                    }
                )*
                state.end()
            }
        }

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                const __FIELDS: &[&str] = &[$($crate::__model_wire!([$($wire)?] $field)),*];
                const _: () = $crate::wiring::structs::plain_names(__FIELDS);
                // The fields in `__FIELDS` order, to match a member's index on.
                // `__` names cannot be a model's, so a field's type never resolves to them.
                #[allow(non_camel_case_types)]
                enum __Member { $($field,)* }
                const __MEMBERS: &[__Member] = &[$(__Member::$field),*];
                struct __Fields;
                impl<'de> $crate::wiring::serde::de::Visitor<'de> for __Fields {
                    type Value = $name;
                    fn expecting(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                        f.write_str(::std::concat!("struct ", ::std::stringify!($name)))
                    }
                    fn visit_map<A: $crate::wiring::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> ::std::result::Result<$name, A::Error> {
                        $(let mut $field: ::std::option::Option<$fty> = ::std::option::Option::None;)*
                        let mut seed = $crate::wiring::structs::FieldIndex::new(__FIELDS);
                        while let ::std::option::Option::Some(at) = map.next_key_seed(seed)? {
                            seed = seed.after(at);
                            match at.map(|i| &__MEMBERS[i]) {
                                $(::std::option::Option::Some(__Member::$field) => {
                                    if $field.is_some() {
                                        return ::std::result::Result::Err(
                                            $crate::wiring::serde::de::Error::duplicate_field(
                                                $crate::__model_wire!([$($wire)?] $field),
                                            ),
                                        );
                                    }
                                    $field = ::std::option::Option::Some(
                                        $crate::__model_take!(map, ($fty) [$($with)*]),
                                    );
                                })*
                                _ => {
                                    map.next_value::<$crate::wiring::serde::de::IgnoredAny>()?;
                                }
                            }
                        }
                        ::std::result::Result::Ok($name {
                            $($field: $crate::__model_finish!(
                                $field,
                                $kind [$($dflt)*],
                                $crate::__model_wire!([$($wire)?] $field)
                            ),)*
                        })
                    }
                }
                deserializer.deserialize_struct(::std::stringify!($name), __FIELDS, __Fields)
            }
        }
    };
}

/// A field's member name: its `#[rename]`, or the field's own name.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_wire {
    ([$wire:literal] $field:ident) => {
        $wire
    };
    ([] $field:ident) => {
        ::std::stringify!($field)
    };
}

/// Whether a field is left out when encoded.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_skip {
    ($value:expr, opt drop) => {
        $value.is_none()
    };
    ($value:expr, patch $keep:ident) => {
        $value.is_absent()
    };
    ($value:expr, $kind:ident $keep:ident) => {
        false
    };
}

/// Encodes one member, through the field's `with` module if it has one.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_put {
    ($state:ident, $wire:ident, $value:expr, ($fty:ty) []) => {
        $state.serialize_field($wire, $value)?
    };
    ($state:ident, $wire:ident, $value:expr, ($fty:ty) [$($with:tt)+]) => {{
        struct __With<'a>(&'a $fty);
        impl $crate::wiring::serde::Serialize for __With<'_> {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $($with)+::serialize(self.0, serializer)
            }
        }
        $state.serialize_field($wire, &__With($value))?
    }};
}

/// Decodes one member's value, through the field's `with` module if it has one.
#[doc(hidden)]
#[macro_export]
macro_rules! __model_take {
    ($map:ident, ($fty:ty) []) => {
        $map.next_value::<$fty>()?
    };
    ($map:ident, ($fty:ty) [$($with:tt)+]) => {{
        struct __With($fty);
        impl<'de> $crate::wiring::serde::Deserialize<'de> for __With {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $($with)+::deserialize(deserializer).map(__With)
            }
        }
        $map.next_value::<__With>()?.0
    }};
}

/// A field's value once every member is read: what was read, or what a missing member
/// gives (its default, `None` or `Patch::Absent`, or a "missing field" error).
#[doc(hidden)]
#[macro_export]
macro_rules! __model_finish {
    ($slot:ident, $kind:ident [$($dflt:tt)+], $wire:expr) => {
        match $slot {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => $($dflt)+(),
        }
    };
    ($slot:ident, req [], $wire:expr) => {
        match $slot {
            ::std::option::Option::Some(value) => value,
            ::std::option::Option::None => {
                return ::std::result::Result::Err(
                    $crate::wiring::serde::de::Error::missing_field($wire),
                )
            }
        }
    };
    ($slot:ident, $kind:ident [], $wire:expr) => {
        $slot.unwrap_or_default()
    };
}

/// Fails compilation when a member name is still a raw identifier (`r#type`): such a field
/// needs `#[rename = "type"]`.
pub const fn plain_names(names: &[&str]) {
    let mut i = 0;
    while i < names.len() {
        let b = names[i].as_bytes();
        assert!(
            !(b.len() > 2 && b[0] == b'r' && b[1] == b'#'),
            "a raw identifier field needs #[rename = \"..\"] in model!"
        );
        i += 1;
    }
}

/// Reads a member name as its index in a model's member names (`None` for a member the model does not
/// have), without allocating. The search starts after the member read last, so members in
/// the order the model lists them (as servers usually send them) are found at once.
#[derive(Clone, Copy)]
pub struct FieldIndex {
    names: &'static [&'static str],
    from: usize,
}

impl FieldIndex {
    /// A seed for the member names `names`.
    pub fn new(names: &'static [&'static str]) -> FieldIndex {
        FieldIndex { names, from: 0 }
    }

    /// The seed for the member after the one read as `at`.
    pub fn after(self, at: Option<usize>) -> FieldIndex {
        match at {
            Some(i) => FieldIndex {
                from: i + 1,
                ..self
            },
            None => self,
        }
    }

    fn find(self, is: impl Fn(&str) -> bool) -> Option<usize> {
        let (before, rest) = self.names.split_at(self.from.min(self.names.len()));
        match rest.iter().position(|name| is(name)) {
            Some(i) => Some(self.from + i),
            None => before.iter().position(|name| is(name)),
        }
    }
}

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Option<usize>, D::Error> {
        d.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_str<E: Error>(self, v: &str) -> Result<Option<usize>, E> {
        Ok(self.find(|name| name == v))
    }

    fn visit_bytes<E: Error>(self, v: &[u8]) -> Result<Option<usize>, E> {
        Ok(self.find(|name| name.as_bytes() == v))
    }

    fn visit_u64<E: Error>(self, v: u64) -> Result<Option<usize>, E> {
        Ok(usize::try_from(v).ok().filter(|i| *i < self.names.len()))
    }
}

#[cfg(test)]
mod tests {
    use crate::types::Patch;
    use crate::wiring::{local_date_time, NaiveDateTime};
    use serde_json::{json, Value};

    fn default_limit() -> i64 {
        25
    }

    crate::model! {
        /// Every field form `model!` reads.
        pub struct Every {
            /// Required.
            pub id: i64,
            #[rename = "companyName"]
            pub company_name: Option<String>,
            #[keep_null]
            pub website: Option<String>,
            pub phone: Patch<String>,
            #[default = default_limit]
            pub limit: i64,
            #[with = local_date_time::option]
            pub seen: Option<NaiveDateTime>,
            #[rename = "type"]
            pub r#type: Option<String>,
        }
    }

    crate::model! {
        /// No fields at all.
        pub struct Nothing {}
    }

    crate::model! {
        /// A model inside a model, for error paths.
        pub struct Outer {
            pub inner: Vec<Every>,
        }
    }

    crate::model! {
        /// Named like the items `model!` declares inside its impls.
        pub struct Member {
            pub with: Option<i64>,
        }
    }

    crate::model! {
        /// Fields whose types are models named like `model!`'s own items.
        pub struct Fields {
            pub member: Option<Member>,
            pub members: Vec<Member>,
            #[with = local_date_time::option]
            pub at: Option<NaiveDateTime>,
        }
    }

    #[test]
    fn field_types_named_like_the_macros_items_are_the_models() {
        let v: Fields = serde_json::from_str(r#"{"member":{"with":1},"members":[{}]}"#).unwrap();
        assert_eq!(v.member, Some(Member { with: Some(1) }));
        assert_eq!(v.members, vec![Member { with: None }]);
        assert_eq!(
            serde_json::to_string(&v).unwrap(),
            r#"{"member":{"with":1},"members":[{}]}"#
        );
    }

    fn every() -> Every {
        Every {
            id: 7,
            company_name: None,
            website: None,
            phone: Patch::Absent,
            limit: 25,
            seen: None,
            r#type: None,
        }
    }

    #[test]
    fn encodes_members_under_their_wire_names_leaving_out_what_is_absent() {
        assert_eq!(
            serde_json::to_value(every()).unwrap(),
            json!({"id": 7, "website": null, "limit": 25})
        );
        let full = Every {
            company_name: Some("Acme".into()),
            website: Some("acme.test".into()),
            phone: Patch::Null,
            seen: NaiveDateTime::parse_from_str("2024-05-01 10:00:00", "%Y-%m-%d %H:%M:%S").ok(),
            r#type: Some("company".into()),
            ..every()
        };
        assert_eq!(
            serde_json::to_string(&full).unwrap(),
            r#"{"id":7,"companyName":"Acme","website":"acme.test","phone":null,"limit":25,"seen":"2024-05-01 10:00:00","type":"company"}"#
        );
        assert_eq!(serde_json::to_string(&Nothing {}).unwrap(), "{}");
    }

    #[test]
    fn decodes_what_it_encodes_and_fills_in_missing_members() {
        let text = r#"{"id":7,"companyName":"Acme","website":null,"phone":"1","seen":"2024-05-01 10:00:00","type":"x","extra":[1,{"a":2}]}"#;
        let v: Every = serde_json::from_str(text).unwrap();
        assert_eq!(v.company_name.as_deref(), Some("Acme"));
        assert_eq!(v.phone, Patch::Value("1".into()));
        assert_eq!(v.limit, 25, "a missing member with a default takes it");
        assert_eq!(v.r#type.as_deref(), Some("x"));
        assert!(v.seen.is_some());
        let back: Every = serde_json::from_value(serde_json::to_value(&v).unwrap()).unwrap();
        assert_eq!(back, v);
        let least: Every = serde_json::from_str(r#"{"id":1}"#).unwrap();
        assert_eq!(least, Every { id: 1, ..every() });
        let nulls: Every = serde_json::from_str(r#"{"id":1,"phone":null,"seen":null}"#).unwrap();
        assert_eq!((nulls.phone, nulls.seen), (Patch::Null, None));
        assert_eq!(
            serde_json::from_str::<Nothing>(r#"{"a":1}"#).unwrap(),
            Nothing {}
        );
    }

    #[test]
    fn missing_duplicate_and_mistyped_members_fail_as_serde_words_them() {
        let err = |text: &str| serde_json::from_str::<Every>(text).unwrap_err().to_string();
        assert!(
            err(r#"{"limit":1}"#).starts_with("missing field `id`"),
            "{}",
            err(r#"{"limit":1}"#)
        );
        assert!(err(r#"{"id":1,"companyName":"a","companyName":"b"}"#)
            .starts_with("duplicate field `companyName`"));
        assert!(err(r#"{"id":"x"}"#).starts_with("invalid type: string \"x\", expected i64"));
        assert!(err("[1]").starts_with("invalid type: sequence, expected struct Every"));
        assert!(err("null").starts_with("invalid type: null, expected struct Every"));
    }

    #[test]
    fn error_paths_name_the_member() {
        let text = r#"{"inner":[{"id":1},{"id":2,"companyName":5}]}"#;
        let mut de = serde_json::Deserializer::from_str(text);
        let e = serde_path_to_error::deserialize::<_, Outer>(&mut de).unwrap_err();
        assert_eq!(e.path().to_string(), "inner[1].companyName");
    }

    #[test]
    fn lenient_decoding_reads_php_forms() {
        let v: Every =
            crate::lenient::from_value(&json!({"id": "7", "phone": "", "limit": "3"})).unwrap();
        assert_eq!((v.id, v.phone, v.limit), (7, Patch::Null, 3));
        let empty: Nothing = crate::lenient::from_value(&json!([])).unwrap();
        assert_eq!(empty, Nothing {});
        let outer: Value = json!({"inner": [{"id": 1}]});
        assert_eq!(
            crate::lenient::from_value::<Outer>(&outer).unwrap().inner,
            vec![Every { id: 1, ..every() }]
        );
    }

    #[test]
    fn member_names_are_read_as_indices_from_any_form_and_any_start() {
        use super::FieldIndex;
        use serde::de::value::{BytesDeserializer, Error, StrDeserializer, U64Deserializer};
        use serde::de::DeserializeSeed;
        const NAMES: &[&str] = &["a", "b", "c"];
        let name =
            |seed: FieldIndex, n: &str| seed.deserialize(StrDeserializer::<Error>::new(n)).unwrap();
        let first = FieldIndex::new(NAMES);
        assert_eq!(name(first, "b"), Some(1));
        assert_eq!(name(first, "d"), None);
        // After `b`, the search starts at `c` and wraps round to `a`.
        let after_b = first.after(Some(1));
        assert_eq!(name(after_b, "c"), Some(2));
        assert_eq!(name(after_b, "a"), Some(0));
        assert_eq!(name(after_b, "b"), Some(1));
        assert_eq!(name(after_b, "d"), None);
        let after_c = after_b.after(Some(2));
        assert_eq!(name(after_c, "a"), Some(0));
        assert_eq!(name(after_c.after(None), "c"), Some(2));
        let b = first.deserialize(BytesDeserializer::<Error>::new(b"c"));
        assert_eq!(b.unwrap(), Some(2));
        let n = first.deserialize(U64Deserializer::<Error>::new(1));
        assert_eq!(n.unwrap(), Some(1));
        let n = first.deserialize(U64Deserializer::<Error>::new(3));
        assert_eq!(n.unwrap(), None);
    }

    #[test]
    fn members_in_any_order_decode_alike() {
        let listed = r#"{"id":1,"companyName":"a","website":null,"limit":3,"type":"t"}"#;
        let shuffled =
            r#"{"type":"t","limit":3,"unknown":0,"website":null,"companyName":"a","id":1}"#;
        let a: Every = serde_json::from_str(listed).unwrap();
        let b: Every = serde_json::from_str(shuffled).unwrap();
        assert_eq!(a, b);
        assert_eq!((a.id, a.limit, a.r#type.as_deref()), (1, 3, Some("t")));
    }
}
