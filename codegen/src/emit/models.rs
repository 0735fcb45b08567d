//! Emits `models.rs`: structs with serde attributes, open/closed enums, and aliases.

use super::tokens::{doc_paragraphs, docs, field_base_type, ty, Models};
use crate::ir::{Api, Enum, Field, Model, ModelKind, Scalar, Ty};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use std::collections::BTreeSet;

/// The whole `models.rs` of an API.
pub fn emit(api: &Api) -> TokenStream {
    let buildable = body_models(api);
    let lenient = uses_lenient(api);
    let items = api
        .models
        .iter()
        .map(|m| emit_model(m, buildable.contains(&m.name.rust), lenient));
    quote! {
        //! Models: the JSON shapes of requests and responses.
        #(#items)*
    }
}

/// Struct models reachable from request bodies: they get constructors and setters.
fn body_models(api: &Api) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<&Ty> = api
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .filter_map(|o| o.body.as_ref())
        .collect();
    while let Some(t) = todo.pop() {
        match t {
            Ty::List(i) | Ty::Map(i) | Ty::Page(i) | Ty::ListOrPage(i) => todo.push(i),
            Ty::Scalar(_) => {}
            Ty::Model(n) => {
                if out.insert(n.rust.clone()) {
                    // Models are sorted by Rust name.
                    let found = api.models.binary_search_by(|m| m.name.rust.cmp(&n.rust));
                    if let Some(m) = found.ok().map(|i| &api.models[i]) {
                        match &m.kind {
                            ModelKind::Struct(fields) => todo.extend(fields.iter().map(|f| &f.ty)),
                            ModelKind::Alias(t) => todo.push(t),
                            ModelKind::Enum(_) => {}
                        }
                    }
                }
            }
        }
    }
    out
}

fn emit_model(m: &Model, buildable: bool, lenient: bool) -> TokenStream {
    let doc = doc_paragraphs(&[m.docs.as_deref()]);
    let name = ident(&m.name.rust);
    match &m.kind {
        ModelKind::Alias(t) => {
            let t = ty(t, Models::Local);
            quote! { #doc pub type #name = #t; }
        }
        ModelKind::Enum(e) => {
            let body = emit_enum(&m.name.rust, e, lenient);
            quote! { #doc #body }
        }
        ModelKind::Struct(fields) => emit_struct(m, fields, buildable, lenient, doc),
    }
}

fn field_type(f: &Field) -> TokenStream {
    let t = base_type(f);
    if f.is_option() {
        quote!(Option<#t>)
    } else {
        t
    }
}

fn base_type(f: &Field) -> TokenStream {
    field_base_type(f, Models::Local)
}

fn emit_struct(
    m: &Model,
    fields: &[Field],
    buildable: bool,
    lenient: bool,
    doc: TokenStream,
) -> TokenStream {
    let name = ident(&m.name.rust);
    let mut defaults = Vec::new();
    let field_defs = fields.iter().map(|f| {
        let fname = ident(&f.name.rust);
        let ft = field_type(f);
        let fdoc = doc_paragraphs(&[f.docs.as_deref()]);
        let mut serde_args: Vec<TokenStream> = Vec::new();
        if f.name.wire != f.name.rust.trim_start_matches("r#") {
            let wire = &f.name.wire;
            serde_args.push(quote!(rename = #wire));
        }
        if let Some(value) = &f.default {
            let fn_name = format!(
                "default_{}_{}",
                heck::AsSnakeCase(&m.name.rust),
                f.name.rust.trim_start_matches("r#")
            );
            let fn_ident = format_ident!("{}", fn_name);
            let lit = default_literal(&f.ty, value);
            let t = ty(&f.ty, Models::Local);
            defaults.push(quote! { fn #fn_ident() -> #t { #lit } });
            serde_args.push(quote!(default = #fn_name));
        } else if f.is_option() {
            serde_args.push(quote!(default));
            if f.optional {
                serde_args.push(quote!(skip_serializing_if = "Option::is_none"));
            }
        }
        if f.lenient {
            serde_args.push(quote!(deserialize_with = "crate::de::lenient"));
        }
        let serde_attr = if serde_args.is_empty() {
            quote!()
        } else {
            quote!(#[serde(#(#serde_args),*)])
        };
        quote! { #fdoc #serde_attr pub #fname: #ft, }
    });
    let field_defs: Vec<TokenStream> = field_defs.collect();
    let lenient = lenient.then(|| lenient_impl(&name));
    let builder = buildable.then(|| struct_builder(&m.name.rust, fields));
    quote! {
        #doc
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[non_exhaustive]
        pub struct #name { #(#field_defs)* }
        #builder
        #lenient
        #(#defaults)*
    }
}

/// Whether any field decodes leniently; then every model can be a lenient field's type.
fn uses_lenient(api: &Api) -> bool {
    api.lenient
        || api
            .models
            .iter()
            .any(|m| matches!(&m.kind, ModelKind::Struct(fs) if fs.iter().any(|f| f.lenient)))
}

fn lenient_impl(name: &proc_macro2::Ident) -> TokenStream {
    quote! {
        impl crate::de::Lenient for #name {
            fn deserialize_lenient<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                <Self as serde::Deserialize>::deserialize(d)
            }
        }
    }
}

/// `new(required fields)` plus a `with_<field>` setter per optional field.
fn struct_builder(name: &str, fields: &[Field]) -> TokenStream {
    let name = ident(name);
    let required: Vec<&Field> = fields
        .iter()
        .filter(|f| !f.is_option() && f.default.is_none())
        .collect();
    let args = required.iter().map(|f| {
        let n = ident(&f.name.rust);
        let t = field_type(f);
        quote!(#n: impl Into<#t>)
    });
    let inits = fields.iter().map(|f| {
        let n = ident(&f.name.rust);
        if f.is_option() {
            quote!(#n: None)
        } else if f.default.is_some() {
            let fn_ident = format_ident!(
                "default_{}_{}",
                heck::AsSnakeCase(name.to_string()).to_string(),
                f.name.rust.trim_start_matches("r#")
            );
            quote!(#n: #fn_ident())
        } else {
            quote!(#n: #n.into())
        }
    });
    let setters = fields
        .iter()
        .filter(|f| f.is_option() || f.default.is_some())
        .map(|f| {
            let n = ident(&f.name.rust);
            let setter = format_ident!("with_{}", f.name.rust.trim_start_matches("r#"));
            let t = base_type(f);
            let doc = docs(&format!("Sets `{}`.", f.name.wire));
            let value = if f.is_option() {
                quote!(Some(value.into()))
            } else {
                quote!(value.into())
            };
            quote! {
                #doc
                pub fn #setter(mut self, value: impl Into<#t>) -> Self { self.#n = #value; self }
            }
        });
    let new_doc = docs("Creates the value from its required fields; optional ones start unset.");
    quote! {
        impl #name {
            #new_doc
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            pub fn new(#(#args),*) -> Self { Self { #(#inits),* } }
            #(#setters)*
        }
    }
}

fn default_literal(t: &Ty, v: &serde_json::Value) -> TokenStream {
    match (t, v) {
        (Ty::Scalar(Scalar::String), serde_json::Value::String(s)) => quote!(String::from(#s)),
        (Ty::Scalar(Scalar::Integer), serde_json::Value::Number(n)) => {
            let i = n.as_i64().unwrap_or_default();
            quote!(#i)
        }
        (Ty::Scalar(Scalar::Number), serde_json::Value::Number(n)) => {
            let f = n.as_f64().unwrap_or_default();
            quote!(#f)
        }
        (Ty::Scalar(Scalar::Boolean), serde_json::Value::Bool(b)) => quote!(#b),
        _ => quote!(Default::default()),
    }
}

/// An enum with its wire conversions, serde impls and query encoding.
pub fn emit_enum(name: &str, e: &Enum, lenient: bool) -> TokenStream {
    let name = ident(name);
    let variants = e.variants.iter().map(|v| {
        let id = ident(&v.rust);
        let wire_doc = format!("`{}`", v.wire);
        let d = doc_paragraphs(&[v.docs.as_deref(), Some(&wire_doc)]);
        quote!(#d #id,)
    });
    let wire_t = if e.integer {
        quote!(i64)
    } else {
        quote!(String)
    };
    let unknown = e.open.then(|| {
        let d = docs(
            "A value this client does not know, kept as received so it can be sent back unchanged.",
        );
        quote!(#d Unknown(#wire_t),)
    });
    let ids: Vec<_> = e.variants.iter().map(|v| ident(&v.rust)).collect();
    let all_doc = docs("Every value listed in the spec, in spec order.");
    let non_exhaustive = e.open.then(|| quote!(#[non_exhaustive]));
    let common = quote! {
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #non_exhaustive
        pub enum #name { #(#variants)* #unknown }
    };
    let lenient_impl = lenient.then(|| lenient_impl(&name));
    if e.integer {
        let nums: Vec<i64> = e
            .variants
            .iter()
            .map(|v| v.wire.parse().unwrap_or_default())
            .collect();
        let unknown_to = e.open.then(|| quote!(Self::Unknown(v) => *v,));
        let de_fallback = if e.open {
            quote!(Ok(Self::from_i64(v).unwrap_or(Self::Unknown(v))))
        } else {
            quote!(
                Self::from_i64(v).ok_or_else(|| serde::de::Error::custom(format!(
                    "unknown value {v} for {}",
                    stringify!(#name)
                )))
            )
        };
        let from_doc = docs("The variant for a wire value, if the spec lists it.");
        let open_from = e.open.then(|| {
            quote! {
                impl From<i64> for #name {
                    fn from(v: i64) -> Self { Self::from_i64(v).unwrap_or(Self::Unknown(v)) }
                }
            }
        });
        return quote! {
            #common
            impl #name {
                #all_doc
                pub const ALL: &'static [#name] = &[#(Self::#ids),*];
                #[doc = " The wire value."]
                pub fn as_i64(&self) -> i64 { match self { #(Self::#ids => #nums,)* #unknown_to } }
                #from_doc
                pub fn from_i64(v: i64) -> Option<Self> { match v { #(#nums => Some(Self::#ids),)* _ => None } }
            }
            #open_from
            impl std::fmt::Display for #name {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { write!(f, "{}", self.as_i64()) }
            }
            impl crate::query::QueryValue for #name {
                fn to_query(&self) -> std::borrow::Cow<'_, str> { std::borrow::Cow::Owned(self.as_i64().to_string()) }
            }
            impl serde::Serialize for #name {
                fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_i64(self.as_i64()) }
            }
            impl<'de> serde::Deserialize<'de> for #name {
                fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    // Accepts the number or its decimal string (`1` or `"1"`).
                    let v = <i64 as crate::de::Lenient>::deserialize_lenient(d)?;
                    #de_fallback
                }
            }
            #lenient_impl
        };
    }
    let wires: Vec<&str> = e.variants.iter().map(|v| v.wire.as_str()).collect();
    let unknown_str = e.open.then(|| quote!(Self::Unknown(v) => v.as_str(),));
    let de_fallback = if e.open {
        quote!(Ok(Self::from(s)))
    } else {
        quote!(Self::from_wire(&s).ok_or_else(|| serde::de::Error::unknown_variant(&s, &[#(#wires),*])))
    };
    let open_from = e.open.then(|| {
        quote! {
            impl From<&str> for #name {
                fn from(s: &str) -> Self { Self::from_wire(s).unwrap_or_else(|| Self::Unknown(s.to_string())) }
            }
            impl From<String> for #name {
                fn from(s: String) -> Self { Self::from_wire(&s).unwrap_or(Self::Unknown(s)) }
            }
        }
    });
    let from_doc = docs("The variant for a wire value, if the spec lists it.");
    quote! {
        #common
        impl #name {
            #all_doc
            pub const ALL: &'static [#name] = &[#(Self::#ids),*];
            #[doc = " The wire value."]
            pub fn as_str(&self) -> &str { match self { #(Self::#ids => #wires,)* #unknown_str } }
            #from_doc
            pub fn from_wire(s: &str) -> Option<Self> { match s { #(#wires => Some(Self::#ids),)* _ => None } }
        }
        #open_from
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
        impl crate::query::QueryValue for #name {
            fn to_query(&self) -> std::borrow::Cow<'_, str> { std::borrow::Cow::Borrowed(self.as_str()) }
        }
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> { s.serialize_str(self.as_str()) }
        }
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <String as serde::Deserialize>::deserialize(d)?;
                #de_fallback
            }
        }
        #lenient_impl
    }
}
