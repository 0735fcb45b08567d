//! Parses the type expressions of the spec format: scalars, `list<T>`, `map<T>`,
//! `page<T>`, `list_or_page<T>` and model names.

use std::fmt;

/// The scalar types of the spec format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scalar {
    /// UTF-8 text.
    String,
    /// 64-bit signed integer.
    Integer,
    /// 64-bit float.
    Number,
    /// Exact decimal (accepts a JSON string or number).
    Decimal,
    /// `true`/`false`.
    Boolean,
    /// `YYYY-MM-DD`.
    Date,
    /// RFC 3339 date-time with offset.
    DateTime,
    /// `YYYY-MM-DD HH:MM:SS` without zone.
    LocalDateTime,
    /// A date, a date with time, or an RFC 3339 date-time, kept in the form given.
    DateOrDateTime,
    /// An instant sent as integer seconds since the Unix epoch.
    UnixSeconds,
    /// An instant sent as integer milliseconds since the Unix epoch.
    UnixMillis,
    /// Any JSON value.
    Json,
    /// Raw bytes with their content type (responses only).
    Bytes,
    /// A file part of a multipart body: bytes, file name, content type.
    File,
}

impl Scalar {
    /// Every scalar with its spelling in the spec.
    pub const ALL: &'static [(&'static str, Scalar)] = &[
        ("string", Scalar::String),
        ("integer", Scalar::Integer),
        ("number", Scalar::Number),
        ("decimal", Scalar::Decimal),
        ("boolean", Scalar::Boolean),
        ("date", Scalar::Date),
        ("date_time", Scalar::DateTime),
        ("local_date_time", Scalar::LocalDateTime),
        ("date_or_date_time", Scalar::DateOrDateTime),
        ("unix_seconds", Scalar::UnixSeconds),
        ("unix_millis", Scalar::UnixMillis),
        ("json", Scalar::Json),
        ("bytes", Scalar::Bytes),
        ("file", Scalar::File),
    ];

    /// The spelling in the spec.
    pub fn spec_name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, s)| *s == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

/// The generic wrappers of the spec format.
pub const WRAPPERS: &[&str] = &["list", "map", "page", "list_or_page"];

/// A parsed, not yet resolved type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A scalar.
    Scalar(Scalar),
    /// `list<T>`: a JSON array.
    List(Box<TypeExpr>),
    /// `map<T>`: a JSON object with string keys.
    Map(Box<TypeExpr>),
    /// `page<T>`: the `{count, next, previous, results}` envelope.
    Page(Box<TypeExpr>),
    /// `list_or_page<T>`: a bare array, or the envelope when paging parameters are sent.
    ListOrPage(Box<TypeExpr>),
    /// A model name.
    Named(String),
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeExpr::Scalar(s) => f.write_str(s.spec_name()),
            TypeExpr::List(t) => write!(f, "list<{t}>"),
            TypeExpr::Map(t) => write!(f, "map<{t}>"),
            TypeExpr::Page(t) => write!(f, "page<{t}>"),
            TypeExpr::ListOrPage(t) => write!(f, "list_or_page<{t}>"),
            TypeExpr::Named(n) => f.write_str(n),
        }
    }
}

/// Parses `text`; the error says what is wrong with it.
pub fn parse(text: &str) -> Result<TypeExpr, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    if compact.is_empty() {
        return Err("empty type".into());
    }
    let (ty, rest) = parse_inner(&compact, 0)?;
    if !rest.is_empty() {
        return Err(format!("unexpected `{rest}` after `{ty}` in type `{text}`"));
    }
    Ok(ty)
}

fn parse_inner(s: &str, depth: usize) -> Result<(TypeExpr, &str), String> {
    if depth > 16 {
        return Err("type nested too deeply".into());
    }
    let end = s.find(['<', '>', ',']).unwrap_or(s.len());
    let (head, rest) = s.split_at(end);
    if head.is_empty() {
        return Err(format!("expected a type name before `{rest}`"));
    }
    if let Some(rest) = rest.strip_prefix('<') {
        let (inner, rest) = parse_inner(rest, depth + 1)?;
        let rest = rest
            .strip_prefix('>')
            .ok_or_else(|| format!("missing `>` after `{head}<{inner}`"))?;
        let inner = Box::new(inner);
        let ty = match head {
            "list" => TypeExpr::List(inner),
            "map" => TypeExpr::Map(inner),
            "page" => TypeExpr::Page(inner),
            "list_or_page" => TypeExpr::ListOrPage(inner),
            other => {
                let hint = crate::diag::hint(other, WRAPPERS.iter().copied());
                return Err(format!("unknown generic type `{other}<..>`{hint}"));
            }
        };
        return Ok((ty, rest));
    }
    if WRAPPERS.contains(&head) {
        return Err(format!(
            "`{head}` needs an item type, e.g. `{head}<string>`"
        ));
    }
    let ty = match Scalar::ALL.iter().find(|(n, _)| *n == head) {
        Some((_, s)) => TypeExpr::Scalar(*s),
        None => TypeExpr::Named(head.to_string()),
    };
    Ok((ty, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested() {
        assert_eq!(
            parse("map< list<Feature> >").unwrap(),
            TypeExpr::Map(Box::new(TypeExpr::List(Box::new(TypeExpr::Named(
                "Feature".into()
            )))))
        );
        assert_eq!(
            parse("date_time").unwrap(),
            TypeExpr::Scalar(Scalar::DateTime)
        );
        assert!(parse("list").unwrap_err().contains("needs an item type"));
        assert!(parse("lst<string>")
            .unwrap_err()
            .contains("did you mean `list`"));
        assert!(parse("list<string").unwrap_err().contains("missing `>`"));
        assert!(parse("string>").unwrap_err().contains("unexpected"));
        assert_eq!(
            parse("page<Addendum>").unwrap().to_string(),
            "page<Addendum>"
        );
    }
}
