//! The one place where wire names become Rust names: heck casing, keyword escaping,
//! collision detection (two wire names that would collapse to one Rust identifier) and the
//! names a spec may not take because Rust or the generated code already uses them.

use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::Ident;
use std::collections::BTreeMap;

/// Words that cannot be raw identifiers and get a trailing underscore instead.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "extern", "_"];

/// Rust keywords (2021 edition, reserved ones included) that need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

/// Type names the generated code uses unqualified, and that `use <api>::*` must not
/// shadow: the Rust prelude's types, traits and variants (2021 and 2024 editions).
pub const PRELUDE_TYPES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Crates the generated code names by path (`serde_json::Value`, `std::fmt`), which a
/// module of the same name in an API module would shadow.
pub const CRATE_NAMES: &[&str] = &[
    "alloc",
    "bytes",
    "chrono",
    "core",
    "futures_core",
    "futures_util",
    "reqwest",
    "rust_decimal",
    "serde",
    "serde_json",
    "std",
    "url",
];

/// Whether `s` is a Rust keyword (reserved words included), or `self`, `Self`, `super`,
/// `crate`, which cannot even be raw identifiers.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s) || (NOT_RAW.contains(&s) && s != "_")
}

/// "`fn` is a Rust keyword, so it cannot be <what>; rename it (e.g. `<example>`)".
pub fn keyword_message(name: &str, what: &str, example: &str) -> String {
    format!("`{name}` is a Rust keyword, so it cannot be {what}; rename it (e.g. `{example}`)")
}

/// snake_case for fields, methods, modules; `None` when nothing usable is left.
pub fn snake(wire: &str) -> Option<String> {
    let cleaned = clean(wire);
    let s = cleaned.to_snake_case();
    finish(s, false)
}

/// UpperCamelCase for types and variants; `None` when nothing usable is left.
pub fn camel(wire: &str) -> Option<String> {
    let cleaned = clean(wire);
    let s = cleaned.to_upper_camel_case();
    finish(s, true)
}

/// The variant name of a union member of type `ty`: `String`, `Customer`, `StringList`
/// (`list<string>`), `IntegerMap` (`map<integer>`).
pub fn variant_of_type(ty: &crate::ir::Ty) -> String {
    use crate::ir::Ty;
    match ty {
        Ty::Scalar(s) => camel(s.spec_name()).unwrap_or_else(|| "Value".to_owned()),
        Ty::List(t) => format!("{}List", variant_of_type(t)),
        Ty::Map(t) => format!("{}Map", variant_of_type(t)),
        Ty::Page(t) => format!("{}Page", variant_of_type(t)),
        Ty::ListOrPage(t) => format!("{}Listing", variant_of_type(t)),
        Ty::Model(n) => n.rust.clone(),
    }
}

/// [`variant_of_type`] for a parsed, not yet resolved type expression (model names are
/// their Rust names).
pub fn variant_of_expr(ty: &crate::typeexpr::TypeExpr) -> String {
    use crate::typeexpr::TypeExpr;
    match ty {
        TypeExpr::Scalar(s) => camel(s.spec_name()).unwrap_or_else(|| "Value".to_owned()),
        TypeExpr::List(t) => format!("{}List", variant_of_expr(t)),
        TypeExpr::Map(t) => format!("{}Map", variant_of_expr(t)),
        TypeExpr::Page(t) => format!("{}Page", variant_of_expr(t)),
        TypeExpr::ListOrPage(t) => format!("{}Listing", variant_of_expr(t)),
        TypeExpr::Named(n) => n.clone(),
    }
}

/// Turns a (possibly `r#`-prefixed) name into an identifier token.
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => Ident::new(name, proc_macro2::Span::call_site()),
    }
}

/// Whether `s` is a valid snake_case identifier as a user would write it in the spec.
pub fn is_snake_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('a'..='z'))
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_'))
        && snake(s).as_deref() == Some(s)
}

/// Whether `s` may be given as a `rust_name`: a snake_case identifier, a raw keyword
/// (`r#type`) or a keyword with a trailing underscore (`type_`).
pub fn is_rust_name(s: &str) -> bool {
    is_snake_ident(s)
        || snake(s).as_deref() == Some(s)
        || s.strip_prefix("r#")
            .is_some_and(|k| KEYWORDS.contains(&k) || is_snake_ident(k))
        || s.strip_suffix('_')
            .is_some_and(|k| is_keyword(k) && k.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether `s` is a valid UpperCamelCase identifier.
pub fn is_camel_ident(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some('A'..='Z'))
        && chars.all(|c| c.is_ascii_alphanumeric())
        && !NOT_RAW.contains(&s)
}

fn clean(wire: &str) -> String {
    // Brackets, dots, dashes and other punctuation separate words; a leading `-`
    // (descending ordering) is not part of the name.
    wire.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

fn finish(s: String, camel: bool) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        if camel {
            format!("V{s}")
        } else {
            format!("n{s}")
        }
    } else {
        s
    };
    if NOT_RAW.contains(&s.as_str()) {
        Some(format!("{s}_"))
    } else if KEYWORDS.contains(&s.as_str()) {
        Some(format!("r#{s}"))
    } else {
        Some(s)
    }
}

/// Words that mark a member as a credential.
const CREDENTIAL_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "token",
    "secret",
    "key",
    "apikey",
    "jwt",
    "credential",
    "credentials",
];

/// Whether a wire name is named like a credential (`password`, `refresh_token`, `apiKey`,
/// `client_secret`): one of its words is a credential word. `keypair` or `monkey` are not.
pub fn looks_like_credential(wire: &str) -> bool {
    snake(wire).is_some_and(|s| {
        s.trim_start_matches("r#")
            .split('_')
            .any(|w| CREDENTIAL_WORDS.contains(&w))
    })
}

/// Collects Rust names in one scope and reports wire names that collide.
#[derive(Debug, Default)]
pub struct Scope {
    taken: BTreeMap<String, String>,
}

impl Scope {
    /// Records `rust` for `wire`; returns the earlier wire name when `rust` is taken.
    pub fn claim(&mut self, rust: &str, wire: &str) -> Result<(), String> {
        let key = rust.trim_start_matches("r#").to_string();
        match self.taken.get(&key) {
            Some(earlier) => Err(earlier.clone()),
            None => {
                self.taken.insert(key, wire.to_string());
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cases_and_keywords() {
        assert_eq!(snake("companyName").as_deref(), Some("company_name"));
        assert_eq!(snake("id__in__exclude").as_deref(), Some("id_in_exclude"));
        assert_eq!(snake("sorting[field]").as_deref(), Some("sorting_field"));
        assert_eq!(snake("type").as_deref(), Some("r#type"));
        assert_eq!(snake("self").as_deref(), Some("self_"));
        assert_eq!(camel("trialend").as_deref(), Some("Trialend"));
        assert_eq!(camel("sign_up_full").as_deref(), Some("SignUpFull"));
        assert_eq!(camel("1").as_deref(), Some("V1"));
        assert_eq!(camel("Self").as_deref(), Some("Self_"));
        assert_eq!(snake("---"), None);
    }

    #[test]
    fn credential_names_are_words_not_substrings() {
        for yes in [
            "password",
            "refresh_token",
            "apiKey",
            "client_secret",
            "X-Api-Key",
            "jwt",
        ] {
            assert!(looks_like_credential(yes), "{yes}");
        }
        for no in [
            "keypair",
            "monkey",
            "tokenizer",
            "passenger",
            "secretary",
            "name",
        ] {
            assert!(!looks_like_credential(no), "{no}");
        }
    }

    #[test]
    fn keywords_and_rust_names() {
        for kw in ["fn", "type", "Self", "self", "crate", "async", "gen"] {
            assert!(is_keyword(kw), "{kw}");
        }
        for word in ["func", "Type", "_", "selfish"] {
            assert!(!is_keyword(word), "{word}");
        }
        for ok in ["kind", "r#type", "type_", "self_", "r#kind", "n2"] {
            assert!(is_rust_name(ok), "{ok}");
        }
        for bad in [
            "type", "self", "r#self", "Kind", "kind-x", "r#Kind", "fooBar",
        ] {
            assert!(!is_rust_name(bad), "{bad}");
        }
    }

    #[test]
    fn scope_reports_collisions() {
        let mut scope = Scope::default();
        assert!(scope.claim("company_name", "companyName").is_ok());
        assert_eq!(
            scope.claim("company_name", "company_name"),
            Err("companyName".to_string())
        );
        assert!(scope.claim("r#type", "type").is_ok());
        assert!(scope.claim("type", "Type").is_err());
    }
}
