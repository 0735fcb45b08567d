//! What JSON values a type accepts on the wire, coarsely: its JSON types (string, integer,
//! number, boolean, array, object) and, within one JSON type, whether one type accepts
//! every value of another. Untagged unions are checked (a variant that an earlier one always
//! takes is an error) and emitted (each variant states its JSON types) with it.

use crate::ir::{Model, ModelKind, Scalar, Ty};
use std::collections::BTreeSet;

/// A JSON type, as a union variant states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    /// A string.
    String,
    /// An integral number.
    Integer,
    /// Any number.
    Number,
    /// `true` or `false`.
    Boolean,
    /// An array.
    Array,
    /// An object.
    Object,
    /// Anything (`json`).
    Any,
}

impl Shape {
    /// The word the runtime's union macros use.
    pub fn word(self) -> &'static str {
        match self {
            Shape::String => "string",
            Shape::Integer => "integer",
            Shape::Number => "number",
            Shape::Boolean => "boolean",
            Shape::Array => "array",
            Shape::Object => "object",
            Shape::Any => "any",
        }
    }

    /// "a string", "an array", ... for messages.
    pub fn phrase(self) -> &'static str {
        match self {
            Shape::String => "a string",
            Shape::Integer => "an integer",
            Shape::Number => "a number",
            Shape::Boolean => "a boolean",
            Shape::Array => "an array",
            Shape::Object => "an object",
            Shape::Any => "any value",
        }
    }
}

/// What a type accepts, with aliases resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Accepts {
    /// Anything (`json`).
    Any,
    /// A scalar.
    Scalar(Scalar),
    /// A string enum; an open one takes any string.
    StringEnum {
        /// Unknown values are kept.
        open: bool,
        /// Wire values.
        values: BTreeSet<String>,
    },
    /// An integer enum (also read from a numeric string); an open one takes any integer.
    IntEnum {
        /// Unknown values are kept.
        open: bool,
        /// Wire values.
        values: BTreeSet<String>,
    },
    /// A list (of anything: an empty array fits every list).
    List,
    /// A map.
    Map,
    /// A struct with the wire names of the members it cannot do without.
    Struct {
        /// Model name.
        name: String,
        /// Members that must be present (not optional, no default).
        required: BTreeSet<String>,
    },
    /// Another union.
    Union(String),
    /// `page<T>` or `list_or_page<T>`.
    Envelope,
}

/// The model called `rust` among `models` (sorted by Rust name).
pub fn model<'a>(models: &'a [Model], rust: &str) -> Option<&'a Model> {
    models
        .binary_search_by(|m| m.name.rust.as_str().cmp(rust))
        .ok()
        .map(|i| &models[i])
}

/// What `ty` accepts; `models` are the API's, sorted by Rust name.
pub fn accepts(ty: &Ty, models: &[Model]) -> Accepts {
    let mut ty = ty;
    for _ in 0..64 {
        match ty {
            Ty::Scalar(Scalar::Json) => return Accepts::Any,
            Ty::Scalar(s) => return Accepts::Scalar(*s),
            Ty::List(_) => return Accepts::List,
            Ty::Map(_) => return Accepts::Map,
            Ty::Page(_) | Ty::ListOrPage(_) => return Accepts::Envelope,
            Ty::Model(n) => match model(models, &n.rust).map(|m| &m.kind) {
                Some(ModelKind::Alias(t)) => ty = t,
                Some(ModelKind::Enum(e)) => {
                    let values = e.variants.iter().map(|v| v.wire.clone()).collect();
                    return match e.integer {
                        true => Accepts::IntEnum {
                            open: e.open,
                            values,
                        },
                        false => Accepts::StringEnum {
                            open: e.open,
                            values,
                        },
                    };
                }
                Some(ModelKind::Struct(fields)) => {
                    let required = fields
                        .iter()
                        .filter(|f| !f.optional && !f.patch && f.default.is_none())
                        .map(|f| f.name.wire.clone())
                        .collect();
                    return Accepts::Struct {
                        name: n.rust.clone(),
                        required,
                    };
                }
                Some(ModelKind::Union(_)) => return Accepts::Union(n.rust.clone()),
                // A missing model or an alias cycle is reported elsewhere.
                None => return Accepts::Any,
            },
        }
    }
    Accepts::Any
}

/// The JSON types `a` is read from.
pub fn shapes(a: &Accepts) -> Vec<Shape> {
    match a {
        Accepts::Any | Accepts::Union(_) | Accepts::Envelope => vec![Shape::Any],
        Accepts::Scalar(s) => match s {
            Scalar::String
            | Scalar::Date
            | Scalar::DateTime
            | Scalar::LocalDateTime
            | Scalar::DateOrDateTime => vec![Shape::String],
            Scalar::Integer | Scalar::UnixSeconds | Scalar::UnixMillis => vec![Shape::Integer],
            Scalar::Number => vec![Shape::Number],
            Scalar::Decimal => vec![Shape::Number, Shape::String],
            Scalar::Boolean => vec![Shape::Boolean],
            Scalar::Json | Scalar::Bytes => vec![Shape::Any],
            // Its text, or `{content, file_name, content_type}`.
            Scalar::File => vec![Shape::String, Shape::Object],
        },
        Accepts::StringEnum { .. } => vec![Shape::String],
        Accepts::IntEnum { .. } => vec![Shape::Integer, Shape::String],
        Accepts::List => vec![Shape::Array],
        Accepts::Map | Accepts::Struct { .. } => vec![Shape::Object],
    }
}

/// Whether `earlier` decodes every value of JSON type `shape` that `later` decodes (so that,
/// tried first, it leaves `later` none of them). Errs on the side of "yes" where the
/// difference would hang on member types or on an empty array or object.
pub fn covers(earlier: &Accepts, later: &Accepts, shape: Shape) -> bool {
    use Accepts as A;
    use Scalar as S;
    if matches!(earlier, A::Any) {
        return true;
    }
    let reads = shapes(earlier);
    let reads_shape =
        reads.contains(&shape) || (shape == Shape::Integer && reads.contains(&Shape::Number));
    if !reads_shape {
        return false;
    }
    if earlier == later {
        return true;
    }
    let integral = |a: &A| {
        matches!(
            a,
            A::Scalar(S::Integer | S::UnixSeconds | S::UnixMillis) | A::IntEnum { .. }
        )
    };
    match shape {
        Shape::String => match (earlier, later) {
            (A::Scalar(S::String) | A::StringEnum { open: true, .. }, _) => true,
            (A::Scalar(S::DateOrDateTime), A::Scalar(S::Date | S::DateTime | S::LocalDateTime)) => {
                true
            }
            (
                A::StringEnum {
                    open: false,
                    values: wide,
                },
                A::StringEnum {
                    open: false,
                    values: narrow,
                },
            ) => narrow.is_subset(wide),
            // An integer enum's strings are numeric: any integer enum's strings.
            (A::IntEnum { open: true, .. }, A::IntEnum { .. }) => true,
            (
                A::IntEnum {
                    open: false,
                    values: wide,
                },
                A::IntEnum {
                    open: false,
                    values: narrow,
                },
            ) => narrow.is_subset(wide),
            _ => false,
        },
        Shape::Integer => match earlier {
            A::Scalar(S::Integer | S::UnixSeconds | S::UnixMillis | S::Number | S::Decimal)
            | A::IntEnum { open: true, .. } => integral(later) || *later == A::Scalar(S::Number),
            A::IntEnum {
                open: false,
                values: wide,
            } => matches!(later, A::IntEnum { open: false, values } if values.is_subset(wide)),
            _ => false,
        },
        Shape::Number => matches!(earlier, A::Scalar(S::Number | S::Decimal)),
        Shape::Boolean | Shape::Array => true,
        Shape::Object => match (earlier, later) {
            (A::Map, _) => true,
            (A::Struct { required, .. }, A::Map) => required.is_empty(),
            (A::Struct { required: a, .. }, A::Struct { required: b, .. }) => a.is_subset(b),
            _ => false,
        },
        Shape::Any => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn structure(required: &[&str]) -> Accepts {
        Accepts::Struct {
            name: "S".into(),
            required: required.iter().map(|r| r.to_string()).collect(),
        }
    }

    #[test]
    fn earlier_variants_cover_later_ones() {
        let int = Accepts::Scalar(Scalar::Integer);
        let num = Accepts::Scalar(Scalar::Number);
        let string = Accepts::Scalar(Scalar::String);
        let date = Accepts::Scalar(Scalar::Date);
        assert!(covers(&num, &int, Shape::Integer), "integer after number");
        assert!(!covers(&int, &num, Shape::Number), "number after integer");
        assert!(covers(&string, &date, Shape::String));
        assert!(!covers(&date, &string, Shape::String));
        assert!(covers(
            &structure(&["id"]),
            &structure(&["id", "name"]),
            Shape::Object
        ));
        assert!(!covers(
            &structure(&["id", "name"]),
            &structure(&["id"]),
            Shape::Object
        ));
        assert!(!covers(
            &structure(&["a"]),
            &structure(&["b"]),
            Shape::Object
        ));
        assert!(covers(&Accepts::Map, &structure(&["b"]), Shape::Object));
        assert!(covers(&structure(&[]), &Accepts::Map, Shape::Object));
        assert!(covers(&Accepts::List, &Accepts::List, Shape::Array));
        assert!(covers(&Accepts::Any, &int, Shape::Integer));
        assert!(!covers(&string, &int, Shape::Integer));
        let closed = |v: &[&str]| Accepts::StringEnum {
            open: false,
            values: v.iter().map(|s| s.to_string()).collect(),
        };
        assert!(covers(&closed(&["a", "b"]), &closed(&["a"]), Shape::String));
        assert!(!covers(
            &closed(&["a"]),
            &closed(&["a", "b"]),
            Shape::String
        ));
        assert_eq!(
            shapes(&Accepts::Scalar(Scalar::Decimal)),
            [Shape::Number, Shape::String]
        );
    }
}
