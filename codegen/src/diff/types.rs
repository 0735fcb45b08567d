//! Types as code sees them: aliases resolved, the Rust spelling of each, and how the values
//! two types accept on the wire relate (widened, narrowed, the same, or unrelated).

use crate::ir::{Model, ModelKind, Scalar, Ty};
use std::collections::BTreeMap;

/// A type with aliases resolved, knowing what its named models are.
#[derive(Debug, Clone)]
pub enum Resolved {
    /// A scalar.
    Scalar(Scalar),
    /// A `string` field marked `secret`: `Secret` in Rust, a string on the wire.
    Secret,
    /// `list<T>`.
    List(Box<Resolved>),
    /// `map<T>`.
    Map(Box<Resolved>),
    /// `page<T>`.
    Page(Box<Resolved>),
    /// `list_or_page<T>`.
    ListOrPage(Box<Resolved>),
    /// A struct model.
    Struct(String),
    /// A union model.
    Union(String),
    /// An enum model.
    Enum {
        /// Rust name.
        name: String,
        /// Unknown values are kept.
        open: bool,
        /// Integer wire values.
        integer: bool,
        /// Wire values.
        values: Vec<String>,
    },
}

/// The models of one side, by Rust name.
pub type Models<'a> = BTreeMap<&'a str, &'a Model>;

/// Resolves `ty` against `models`, following aliases (a cycle or a missing model, which
/// lowering rejects, ends as a struct of that name).
pub fn resolve(models: &Models<'_>, ty: &Ty) -> Resolved {
    resolve_depth(models, ty, 0)
}

fn resolve_depth(models: &Models<'_>, ty: &Ty, depth: usize) -> Resolved {
    let inner = |t: &Ty| Box::new(resolve_depth(models, t, depth + 1));
    match ty {
        Ty::Scalar(s) => Resolved::Scalar(*s),
        Ty::List(t) => Resolved::List(inner(t)),
        Ty::Map(t) => Resolved::Map(inner(t)),
        Ty::Page(t) => Resolved::Page(inner(t)),
        Ty::ListOrPage(t) => Resolved::ListOrPage(inner(t)),
        Ty::Model(name) => match models.get(name.rust.as_str()).map(|m| &m.kind) {
            Some(ModelKind::Alias(t)) if depth < 64 => resolve_depth(models, t, depth + 1),
            Some(ModelKind::Enum(e)) => Resolved::Enum {
                name: name.rust.clone(),
                open: e.open,
                integer: e.integer,
                values: e.variants.iter().map(|v| v.wire.clone()).collect(),
            },
            Some(ModelKind::Union(_)) => Resolved::Union(name.rust.clone()),
            Some(ModelKind::Struct(_) | ModelKind::Alias(_)) | None => {
                Resolved::Struct(name.rust.clone())
            }
        },
    }
}

/// The spec spelling of a type (`list<Client>`, `date_time`).
pub fn spec_name(ty: &Ty) -> String {
    match ty {
        Ty::Scalar(s) => s.spec_name().to_string(),
        Ty::List(t) => format!("list<{}>", spec_name(t)),
        Ty::Map(t) => format!("map<{}>", spec_name(t)),
        Ty::Page(t) => format!("page<{}>", spec_name(t)),
        Ty::ListOrPage(t) => format!("list_or_page<{}>", spec_name(t)),
        Ty::Model(n) => n.wire.clone(),
    }
}

/// The spec spelling with the `secret` flag.
pub fn spec_name_secret(ty: &Ty, secret: bool) -> String {
    match secret {
        true => format!("{} (secret)", spec_name(ty)),
        false => spec_name(ty),
    }
}

/// The Rust type, as short as the generated docs show it. Two types are the same Rust
/// type exactly when these spellings are equal.
pub fn rust_name(r: &Resolved) -> String {
    match r {
        Resolved::Scalar(s) => match s {
            Scalar::String => "String",
            Scalar::Integer => "i64",
            Scalar::Number => "f64",
            Scalar::Decimal => "Decimal",
            Scalar::Boolean => "bool",
            Scalar::Date => "NaiveDate",
            Scalar::DateTime => "DateTime<FixedOffset>",
            Scalar::LocalDateTime => "NaiveDateTime",
            Scalar::DateOrDateTime => "DateOrDateTime",
            Scalar::UnixSeconds => "UnixSeconds",
            Scalar::UnixMillis => "UnixMillis",
            Scalar::Json => "serde_json::Value",
            Scalar::Bytes => "Binary",
            Scalar::File => "FilePart",
        }
        .to_string(),
        Resolved::Secret => "Secret".to_string(),
        Resolved::List(t) => format!("Vec<{}>", rust_name(t)),
        Resolved::Map(t) => format!("BTreeMap<String, {}>", rust_name(t)),
        Resolved::Page(t) => format!("Page<{}>", rust_name(t)),
        Resolved::ListOrPage(t) => format!("Listing<{}>", rust_name(t)),
        Resolved::Struct(n) | Resolved::Union(n) | Resolved::Enum { name: n, .. } => n.clone(),
    }
}

/// How the values two types accept on the wire relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same values (e.g. `string` and an open string enum, or a secret string).
    Same,
    /// The new type accepts every old value and more.
    Widened,
    /// The old type accepted every new value and more.
    Narrowed,
    /// Neither contains the other.
    Unrelated,
}

impl Relation {
    /// ` (widened)` and the like, to append to a description.
    pub fn suffix(self) -> &'static str {
        match self {
            Relation::Same => " (same wire values)",
            Relation::Widened => " (widened)",
            Relation::Narrowed => " (narrowed)",
            Relation::Unrelated => "",
        }
    }
}

/// How `new` relates to `old` on the wire.
pub fn relation(old: &Resolved, new: &Resolved) -> Relation {
    match (accepts(new, old), accepts(old, new)) {
        (true, true) => Relation::Same,
        (true, false) => Relation::Widened,
        (false, true) => Relation::Narrowed,
        (false, false) => Relation::Unrelated,
    }
}

/// Whether every JSON value `narrow` accepts is accepted by `wide`. A `T` and a `list<T>`
/// are unrelated here: in a JSON body `5` is not `[5]` (query lists are handled apart).
pub fn accepts(wide: &Resolved, narrow: &Resolved) -> bool {
    use Resolved as R;
    use Scalar as S;
    if rust_name(wide) == rust_name(narrow) {
        return true;
    }
    let is_string = |r: &Resolved| matches!(r, R::Scalar(S::String) | R::Secret);
    match (wide, narrow) {
        (R::Scalar(S::Json), _) => true,
        (w, n) if is_string(w) && is_string(n) => true,
        (R::Scalar(S::Number | S::Decimal), R::Scalar(S::Integer)) => true,
        // Unix timestamps are integers on the wire.
        (
            R::Scalar(S::Integer | S::Number | S::Decimal | S::UnixSeconds | S::UnixMillis),
            R::Scalar(S::UnixSeconds | S::UnixMillis),
        )
        | (R::Scalar(S::UnixSeconds | S::UnixMillis), R::Scalar(S::Integer)) => true,
        (R::Scalar(S::Decimal), R::Scalar(S::Number)) => true,
        (R::Scalar(S::DateOrDateTime), R::Scalar(S::Date | S::DateTime | S::LocalDateTime)) => true,
        (w, R::Scalar(S::Date | S::DateTime | S::LocalDateTime | S::DateOrDateTime)) => {
            is_string(w)
        }
        (w, R::Enum { integer: false, .. }) if is_string(w) => true,
        (R::Scalar(S::Integer | S::Number | S::Decimal), R::Enum { integer: true, .. }) => true,
        // An open enum keeps any value of its kind.
        (
            R::Enum {
                open: true,
                integer: false,
                ..
            },
            n,
        ) if is_string(n) => true,
        (
            R::Enum {
                open: true,
                integer: true,
                ..
            },
            R::Scalar(S::Integer),
        ) => true,
        (
            R::Enum {
                open: wide_open,
                integer: wi,
                values: wv,
                ..
            },
            R::Enum {
                integer: ni,
                values: nv,
                open: narrow_open,
                ..
            },
        ) => wi == ni && (*wide_open || (!narrow_open && nv.iter().all(|v| wv.contains(v)))),
        (R::List(w), R::List(n)) | (R::Map(w), R::Map(n)) | (R::Page(w), R::Page(n)) => {
            accepts(w, n)
        }
        (R::ListOrPage(w), R::List(n) | R::Page(n) | R::ListOrPage(n)) => accepts(w, n),
        // Anything else (scalars added later included) is unrelated: the change is still
        // breaking, only the widened/narrowed note is left out.
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enum_of(open: bool, values: &[&str]) -> Resolved {
        Resolved::Enum {
            name: format!("E{}", values.join("")),
            open,
            integer: false,
            values: values.iter().map(|v| v.to_string()).collect(),
        }
    }

    #[test]
    fn scalar_widening() {
        let int = Resolved::Scalar(Scalar::Integer);
        let num = Resolved::Scalar(Scalar::Number);
        assert_eq!(relation(&int, &num), Relation::Widened);
        assert_eq!(relation(&num, &int), Relation::Narrowed);
        let date = Resolved::Scalar(Scalar::Date);
        let either = Resolved::Scalar(Scalar::DateOrDateTime);
        assert_eq!(relation(&date, &either), Relation::Widened);
        let json = Resolved::Scalar(Scalar::Json);
        assert_eq!(relation(&int, &json), Relation::Widened);
        let boolean = Resolved::Scalar(Scalar::Boolean);
        assert_eq!(relation(&int, &boolean), Relation::Unrelated);
    }

    #[test]
    fn strings_and_enums() {
        let s = Resolved::Scalar(Scalar::String);
        assert_eq!(relation(&s, &enum_of(false, &["a"])), Relation::Narrowed);
        assert_eq!(relation(&s, &enum_of(true, &["a"])), Relation::Same);
        assert_eq!(relation(&s, &Resolved::Secret), Relation::Same);
        let (ab, a) = (enum_of(false, &["a", "b"]), enum_of(false, &["a"]));
        assert_eq!(
            relation(&a, &Resolved::List(Box::new(ab.clone()))),
            Relation::Unrelated
        );
        assert!(accepts(&ab, &a) && !accepts(&a, &ab));
    }

    #[test]
    fn containers_follow_their_items() {
        let list = |r: Resolved| Resolved::List(Box::new(r));
        let int = Resolved::Scalar(Scalar::Integer);
        let num = Resolved::Scalar(Scalar::Number);
        assert_eq!(relation(&list(int.clone()), &list(num)), Relation::Widened);
        let listing = Resolved::ListOrPage(Box::new(int.clone()));
        assert_eq!(relation(&list(int.clone()), &listing), Relation::Widened);
        assert_eq!(relation(&int, &list(int.clone())), Relation::Unrelated);
        assert_eq!(rust_name(&listing), "Listing<i64>");
    }
}
