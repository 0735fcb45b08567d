//! Emits union models through the runtime's union macros: `Name(Type) = "json types"` per
//! variant of an untagged union, `Name(Model) = "tag"` per variant of a tagged one (with
//! `#[discriminator = ".."]` before the enum).

use super::imports::{Imports, Rt};
use super::tokens::{doc_paragraphs, ty};
use super::wrap;
use crate::ir::{Model, Tagging, Union, UnionVariant};
use crate::naming::ident;
use crate::shapes;
use proc_macro2::TokenStream;
use quote::quote;

/// The macro invocation of union `name`; `models` are the API's (sorted by Rust name).
pub fn emit_union(
    name: &str,
    u: &Union,
    doc: TokenStream,
    models: &[Model],
    im: &Imports,
) -> TokenStream {
    let Union { tagging, variants } = u;
    let id = ident(name);
    let variants = variants.iter().map(|v| {
        let UnionVariant {
            rust,
            tag,
            ty: vty,
            docs,
        } = v;
        let vid = ident(rust);
        let d = doc_paragraphs(&[docs.as_deref()]);
        let t = ty(vty, im);
        let value = match tag {
            Some(tag) => tag.clone(),
            None => {
                let words: Vec<&str> = shapes::shapes(&shapes::accepts(vty, models))
                    .iter()
                    .map(|s| s.word())
                    .collect();
                words.join(" ")
            }
        };
        quote!(#d #vid(#t) = #value,)
    });
    let (mac, attr) = match tagging {
        Tagging::Untagged => (im.rt(Rt::UntaggedUnion), TokenStream::new()),
        Tagging::Tagged {
            discriminator,
            open,
        } => {
            let mac = im.rt(if *open {
                Rt::TaggedUnion
            } else {
                Rt::ClosedTaggedUnion
            });
            (mac, quote!(#[discriminator = #discriminator]))
        }
    };
    wrap::item(
        &mac,
        quote! {
            #attr
            #doc
            pub enum #id { #(#variants)* }
        },
    )
}
