//! Small token helpers shared by the emitters: doc attributes and the Rust types of IR types
//! (recording what each file must import).

use super::imports::{Imports, Rt};
use crate::ir::{Field, FormLists, Scalar, Ty};
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

/// The Rust type of a scalar.
pub fn scalar(s: Scalar, im: &Imports) -> TokenStream {
    match s {
        Scalar::String => quote!(String),
        Scalar::Integer => quote!(i64),
        Scalar::Number => quote!(f64),
        Scalar::Decimal => rt(im, Rt::Decimal),
        Scalar::Boolean => quote!(bool),
        Scalar::Date => rt(im, Rt::NaiveDate),
        Scalar::DateTime => {
            let dt = im.rt(Rt::DateTime);
            let off = im.rt(Rt::FixedOffset);
            quote!(#dt<#off>)
        }
        Scalar::LocalDateTime => rt(im, Rt::NaiveDateTime),
        Scalar::DateOrDateTime => rt(im, Rt::DateOrDateTime),
        Scalar::UnixSeconds => rt(im, Rt::UnixSeconds),
        Scalar::UnixMillis => rt(im, Rt::UnixMillis),
        Scalar::Json => rt(im, Rt::Value),
        Scalar::Bytes => rt(im, Rt::Binary),
        Scalar::File => rt(im, Rt::FilePart),
    }
}

fn rt(im: &Imports, item: Rt) -> TokenStream {
    let id = im.rt(item);
    quote!(#id)
}

/// The Rust type of `ty`.
pub fn ty(t: &Ty, im: &Imports) -> TokenStream {
    match t {
        Ty::Scalar(s) => scalar(*s, im),
        Ty::List(inner) => {
            let inner = ty(inner, im);
            quote!(Vec<#inner>)
        }
        Ty::Map(inner) => {
            let inner = ty(inner, im);
            let map = im.btree_map();
            quote!(#map<String, #inner>)
        }
        Ty::Page(inner) => {
            let inner = ty(inner, im);
            let page = im.rt(Rt::Page);
            quote!(#page<#inner>)
        }
        Ty::ListOrPage(inner) => {
            let inner = ty(inner, im);
            let listing = im.rt(Rt::Listing);
            quote!(#listing<#inner>)
        }
        Ty::Model(name) => {
            let id = im.api(&name.rust);
            quote!(#id)
        }
    }
}

/// A field's type without the `Option` that absence or null adds (`Secret` for secrets,
/// `Box<..>` for a field that closes a cycle).
pub fn field_base_type(f: &Field, im: &Imports) -> TokenStream {
    if f.secret {
        rt(im, Rt::Secret)
    } else if f.boxed {
        let t = ty(&f.ty, im);
        quote!(Box<#t>)
    } else {
        ty(&f.ty, im)
    }
}

/// A field's full type: `Option<..>` when it may be absent or null, `Patch<..>` for a
/// partial-update member.
pub fn field_type(f: &Field, im: &Imports) -> TokenStream {
    let t = field_base_type(f, im);
    if f.patch {
        let patch = im.rt(Rt::Patch);
        quote!(#patch<#t>)
    } else if f.is_option() {
        quote!(Option<#t>)
    } else {
        t
    }
}

/// The operation's error type: the API's `Error`, or `Error<E>` for an operation whose
/// error body differs from the API's.
pub fn error_type(op_error: Option<&Ty>, api_error: Option<&Ty>, im: &Imports) -> TokenStream {
    let error = im.api("Error");
    match op_error {
        Some(t) if Some(t) != api_error => {
            let t = ty(t, im);
            quote!(#error<#t>)
        }
        _ => quote!(#error),
    }
}

/// The error body type `E` itself (for `Items<T, E>`).
pub fn error_body(op_error: Option<&Ty>, im: &Imports) -> TokenStream {
    match op_error {
        Some(t) => ty(t, im),
        None => rt(im, Rt::Value),
    }
}

/// The runtime's `FormLists` value for how lists are written in a form body or a
/// query object.
pub fn form_lists(lists: FormLists, im: &Imports) -> TokenStream {
    let t = im.rt(Rt::FormLists);
    match lists {
        FormLists::Brackets => quote!(#t::Brackets),
        FormLists::Indexed => quote!(#t::Indexed),
        FormLists::Repeated => quote!(#t::Repeated),
    }
}
