//! Emits `models.rs`: structs with their serde attributes, enums through the runtime's enum
//! macros, aliases, and constructors for the structs that request bodies use.

use super::imports::{Imports, Rt};
use super::tokens::{doc_paragraphs, docs, field_base_type, field_type, ty};
use super::wrap;
use crate::ir::{Api, Enum, Field, Model, ModelKind, Scalar, Ty, Variant};
use crate::naming::ident;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote, ToTokens};
use std::collections::BTreeSet;

/// The whole `models.rs` of an API.
pub fn emit(api: &Api, names: &super::Names) -> TokenStream {
    let im = Imports::new(names, false);
    let buildable = body_models(api);
    let items: Vec<TokenStream> = api
        .models
        .iter()
        .map(|m| emit_model(api, m, buildable.contains(&m.name.rust), &im))
        .collect();
    let uses = im.block();
    quote! {
        //! Models: the JSON shapes of requests and responses.
        #uses
        #(#items)*
    }
}

/// Struct models reachable from request bodies and query objects: they get constructors
/// and setters.
fn body_models(api: &Api) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let ops = api.groups.iter().flat_map(|g| &g.operations);
    let objects = ops
        .clone()
        .flat_map(|o| &o.query)
        .filter_map(|q| q.kind.unit().object_ty());
    let mut todo: Vec<&Ty> = ops.filter_map(|o| o.body.as_ref()).chain(objects).collect();
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
                            ModelKind::Union(u) => todo.extend(u.variants.iter().map(|v| &v.ty)),
                            ModelKind::Enum(_) => {}
                        }
                    }
                }
            }
        }
    }
    out
}

fn emit_model(api: &Api, m: &Model, buildable: bool, im: &Imports) -> TokenStream {
    let Model {
        name,
        docs,
        kind,
        file: _,
    } = m;
    let doc = doc_paragraphs(&[docs.as_deref()]);
    let id = ident(&name.rust);
    match kind {
        ModelKind::Alias(t) => {
            let t = ty(t, im);
            quote! { #doc pub type #id = #t; }
        }
        ModelKind::Enum(e) => emit_enum(&name.rust, e, doc, im),
        ModelKind::Struct(fields) => emit_struct(api, &name.rust, fields, buildable, doc, im),
        ModelKind::Union(u) => super::unions::emit_union(&name.rust, u, doc, &api.models, im),
    }
}

/// The attributes `model!` reads on a field (`#[rename]`, `#[default]`, `#[with]`, in that
/// order), and the function its default needs. `model!` itself knows that a missing
/// `Option` is `None` and a missing `Patch` is absent.
fn model_attrs(api: &Api, model: &str, f: &Field, im: &Imports) -> (TokenStream, TokenStream) {
    let Field {
        name,
        ty: fty,
        optional: _,
        nullable: _,
        default,
        lenient,
        secret: _,
        docs: _,
        boxed: _,
        patch,
    } = f;
    let mut attrs = TokenStream::new();
    let mut default_fn = TokenStream::new();
    // `model!` names a member after the field as written, so a raw identifier is renamed too.
    if name.wire != name.rust {
        let wire = &name.wire;
        attrs.extend(quote!(#[rename = #wire]));
    }
    let with = match (fty, f.is_option()) {
        (Ty::Scalar(Scalar::LocalDateTime), _) if *patch => {
            let m = im.rt(Rt::LocalDateTime);
            Some(quote!(#m::patch))
        }
        (Ty::Scalar(Scalar::LocalDateTime), false) => {
            Some(im.rt(Rt::LocalDateTime).into_token_stream())
        }
        (Ty::Scalar(Scalar::LocalDateTime), true) => {
            let m = im.rt(Rt::LocalDateTime);
            Some(quote!(#m::option))
        }
        _ if *lenient && !api.lenient => Some(im.rt(Rt::Lenient).into_token_stream()),
        _ if !*lenient && api.lenient => {
            let m = im.rt(Rt::Lenient);
            Some(quote!(#m::strict))
        }
        _ => None,
    };
    if let Some(value) = default {
        let fn_ident = default_fn_ident(model, f);
        let lit = default_literal(fty, value);
        let t = ty(fty, im);
        default_fn = quote! { fn #fn_ident() -> #t { #lit } };
        attrs.extend(quote!(#[default = #fn_ident]));
    }
    if let Some(with) = with {
        attrs.extend(quote!(#[with = #with]));
    }
    (attrs, default_fn)
}

fn emit_struct(
    api: &Api,
    name: &str,
    fields: &[Field],
    buildable: bool,
    doc: TokenStream,
    im: &Imports,
) -> TokenStream {
    let id = ident(name);
    let mut defaults = Vec::new();
    let field_defs: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let fname = ident(&f.name.rust);
            // `model!` reads `Option<..>` and `Patch<..>` as spelled, whatever the imports.
            let ft = if f.patch {
                let t = field_base_type(f, im);
                quote!(Patch<#t>)
            } else {
                field_type(f, im)
            };
            let fdoc = doc_paragraphs(&[f.docs.as_deref()]);
            let (attr, default_fn) = model_attrs(api, name, f, im);
            defaults.push(default_fn);
            // `model!` leaves a `None` out when encoding, except for a member that must be
            // present (and may be null).
            let keep_null = (f.is_option() && !f.optional).then(|| quote!(#[keep_null]));
            quote! { #keep_null #fdoc #attr pub #fname: #ft, }
        })
        .collect();
    let builder = buildable.then(|| struct_builder(name, fields, im));
    let model = wrap::item(
        &im.rt(Rt::Model),
        quote! {
            #doc
            pub struct #id { #(#field_defs)* }
        },
    );
    quote! {
        #model
        #builder
        #(#defaults)*
    }
}

/// `new(required fields)` plus a `with_<field>` setter per optional field, as a `setters!`
/// list: `fn new(a: A);` then `fn with_b(b: Option<B>);` per setter (`#[default =
/// default_fn] fn with_c(c: C);` for a member with a default); the `null` setters of
/// `patch` members follow in an `impl`.
fn struct_builder(name: &str, fields: &[Field], im: &Imports) -> TokenStream {
    let id = ident(name);
    let params = fields.iter().filter(|f| !f.is_settable()).map(|f| {
        let n = ident(&f.name.rust);
        let t = field_type(f, im);
        quote!(#n: #t)
    });
    // Setters are declarations for `setters!`; its input is never resolved as Rust, so
    // `Option` and `Patch` are spelled as the macro matches them, whatever the imports.
    let setters = fields.iter().filter(|f| f.is_settable()).map(|f| {
        let n = ident(&f.name.rust);
        let setter = format_ident!("with_{}", f.name.rust.trim_start_matches("r#"));
        let t = field_base_type(f, im);
        let (t, default) = if f.patch {
            (quote!(Patch<#t>), None)
        } else if f.is_option() {
            (quote!(Option<#t>), None)
        } else {
            let default = default_fn_ident(name, f);
            (t, Some(quote!(#[default = #default])))
        };
        // The macro documents a setter "Sets `<field as written>`." when it has no
        // attributes; a wire name that differs (`r#type`, a renamed member), or a
        // `#[default]`, has it spelled out.
        let doc = (f.name.wire != f.name.rust || default.is_some())
            .then(|| docs(&format!("Sets `{}`.", f.name.wire)));
        quote! { #doc #default fn #setter(#n: #t); }
    });
    let nulls: Vec<TokenStream> = fields
        .iter()
        .filter(|f| f.patch)
        .map(|f| {
            let n = ident(&f.name.rust);
            let patch = im.rt(Rt::Patch);
            let null_setter = format_ident!("with_{}_null", f.name.rust.trim_start_matches("r#"));
            let doc = docs(&format!("Sends `{}` as `null` (clearing it).", f.name.wire));
            quote! {
                #doc
                pub fn #null_setter(mut self) -> Self { self.#n = #patch::Null; self }
            }
        })
        .collect();
    let list = wrap::declarations(
        &im.rt(Rt::Setters),
        quote! { trait #id { fn new(#(#params),*); #(#setters)* } },
    );
    let nulls = (!nulls.is_empty()).then(|| quote! { impl #id { #(#nulls)* } });
    quote! { #list #nulls }
}

/// The function giving a member's default (`default_<model>_<field>`), written beside the
/// model and named by `model!`'s `#[default]` and `setters!`.
fn default_fn_ident(model: &str, f: &Field) -> Ident {
    format_ident!(
        "default_{}_{}",
        heck::AsSnakeCase(model).to_string(),
        f.name.rust.trim_start_matches("r#")
    )
}

/// `<field>_null()` on a request builder with `inline_body`, for a `patch` member.
pub fn inline_null_setter(f: &Field, im: &Imports) -> TokenStream {
    let n = ident(&f.name.rust);
    let patch = im.rt(Rt::Patch);
    let setter = format_ident!("{}_null", f.name.rust.trim_start_matches("r#"));
    let doc = docs(&format!("Sends `{}` as `null` (clearing it).", f.name.wire));
    quote! {
        #doc
        pub fn #setter(mut self) -> Self {
            self.body.#n = #patch::Null;
            self
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

/// An enum as a runtime enum macro invocation: `Name = "wire"` (or `Name = 1`) per variant.
pub fn emit_enum(name: &str, e: &Enum, doc: TokenStream, im: &Imports) -> TokenStream {
    let Enum {
        open,
        integer,
        variants,
    } = e;
    let mac = im.rt(match (open, integer) {
        (true, false) => Rt::OpenEnum,
        (false, false) => Rt::ClosedEnum,
        (true, true) => Rt::OpenIntEnum,
        (false, true) => Rt::ClosedIntEnum,
    });
    let id = ident(name);
    let variants = variants.iter().map(|v| {
        let Variant { wire, rust, docs } = v;
        let vid = ident(rust);
        let d = doc_paragraphs(&[docs.as_deref()]);
        let value = if *integer {
            let n: i64 = wire.parse().unwrap_or_default();
            let lit = proc_macro2::Literal::i64_unsuffixed(n);
            quote!(#lit)
        } else {
            quote!(#wire)
        };
        quote!(#d #vid = #value,)
    });
    wrap::item(
        &mac,
        quote! {
            #doc
            pub enum #id { #(#variants)* }
        },
    )
}
