//! Small token helpers shared by the emitters: doc attributes and Rust types of IR types.

use crate::ir::{Field, Scalar, Ty};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::quote;

/// One `#[doc]` attribute per line of `text` (trailing blank lines dropped).
pub fn docs(text: &str) -> TokenStream {
    let lines: Vec<String> = crate::docs::for_rustdoc(text)
        .trim_end()
        .lines()
        .map(|l| format!(" {}", l.trim_end()))
        .collect();
    let lines = lines
        .iter()
        .map(|l| if l.trim().is_empty() { "" } else { l.as_str() });
    quote! { #( #[doc = #lines] )* }
}

/// Docs from several optional paragraphs, separated by blank doc lines.
pub fn doc_paragraphs(parts: &[Option<&str>]) -> TokenStream {
    let text: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect();
    if text.is_empty() {
        return TokenStream::new();
    }
    docs(&text.join("\n\n"))
}

/// Where model names are resolved from.
#[derive(Clone, Copy)]
pub enum Models {
    /// In `models.rs`: bare names.
    Local,
    /// In an operation module: `super::Name`.
    Super,
}

/// The Rust type of a scalar.
pub fn scalar(s: Scalar) -> TokenStream {
    match s {
        Scalar::String => quote!(String),
        Scalar::Integer => quote!(i64),
        Scalar::Number => quote!(f64),
        Scalar::Decimal => quote!(rust_decimal::Decimal),
        Scalar::Boolean => quote!(bool),
        Scalar::Date => quote!(chrono::NaiveDate),
        Scalar::DateTime => quote!(chrono::DateTime<chrono::FixedOffset>),
        Scalar::LocalDateTime => quote!(chrono::NaiveDateTime),
        Scalar::DateOrDateTime => quote!(crate::types::DateOrDateTime),
        Scalar::Json => quote!(serde_json::Value),
        Scalar::Bytes => quote!(crate::types::Binary),
    }
}

/// The Rust type of `ty`.
pub fn ty(t: &Ty, models: Models) -> TokenStream {
    match t {
        Ty::Scalar(s) => scalar(*s),
        Ty::List(inner) => {
            let inner = ty(inner, models);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty(inner, models);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        Ty::Page(inner) => {
            let inner = ty(inner, models);
            quote!(crate::types::Page<#inner>)
        }
        Ty::ListOrPage(inner) => {
            let inner = ty(inner, models);
            quote!(crate::types::Listing<#inner>)
        }
        Ty::Model(name) => {
            let id = ident(&name.rust);
            match models {
                Models::Local => quote!(#id),
                Models::Super => quote!(super::#id),
            }
        }
    }
}

/// A field's type without the `Option` that absence or null adds (`Secret` for secrets,
/// `Box<..>` for a field that closes a cycle).
pub fn field_base_type(f: &Field, models: Models) -> TokenStream {
    if f.secret {
        quote!(crate::secret::Secret)
    } else if f.boxed {
        let t = ty(&f.ty, models);
        quote!(Box<#t>)
    } else {
        ty(&f.ty, models)
    }
}
