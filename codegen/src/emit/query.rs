//! The emitted pieces of each query construct, side by side: the builder slot that holds the
//! value, its setter, and the `Request` call that writes it.

use super::imports::{Imports, Rt};
use super::tokens::{doc_paragraphs, docs, form_lists, ty};
use crate::ir::{FormLists, ListStyle, OrderSuffix, OrderingStyle, QueryKindIr, QueryParam};
use crate::naming::ident;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

/// A query parameter flattened to the slot it is stored in (group members are their own).
pub struct Slot<'a> {
    /// The slot's field name.
    pub field: Ident,
    /// The parameter.
    pub param: &'a QueryParam,
}

/// Every slot of an operation's query, in spec order.
pub fn slots(query: &[QueryParam]) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for q in query {
        match &q.kind {
            QueryKindIr::Group { members } => out.extend(members.iter().map(|m| Slot {
                field: ident(&m.name.rust),
                param: m,
            })),
            _ => out.push(Slot {
                field: ident(&q.name.rust),
                param: q,
            }),
        }
    }
    out
}

/// The slot's type: the value itself for a required parameter, else what "unset" needs.
pub fn slot_type(q: &QueryParam, im: &Imports) -> TokenStream {
    match &q.kind {
        QueryKindIr::Value { ty: t, null_value } => {
            let t = ty(t, im);
            match (q.required, null_value.is_some()) {
                (true, _) => t,
                (false, true) => quote!(Option<Option<#t>>),
                (false, false) => quote!(Option<#t>),
            }
        }
        QueryKindIr::List { ty: t, .. } => {
            let t = ty(t, im);
            quote!(Vec<#t>)
        }
        QueryKindIr::Ordering {
            type_name, multi, ..
        } => {
            let t = format_ident!("{}", type_name);
            let order = im.rt(Rt::Order);
            if *multi {
                quote!(Vec<#order<#t>>)
            } else {
                quote!(Option<#order<#t>>)
            }
        }
        QueryKindIr::Range { ty: t, .. } => {
            let t = ty(t, im);
            let range = im.rt(Rt::Range);
            quote!(#range<#t>)
        }
        QueryKindIr::Tristate { .. } => {
            let tri = im.rt(Rt::TriState);
            quote!(Option<#tri>)
        }
        QueryKindIr::Group { .. } => quote!(()),
        QueryKindIr::Object { ty: t, .. } => {
            let t = ty(t, im);
            if q.required {
                t
            } else {
                quote!(Option<#t>)
            }
        }
    }
}

/// What the setter's docs say about the wire, when the Rust name alone does not.
fn wire_note(q: &QueryParam) -> Option<String> {
    let wire = &q.name.wire;
    let differs = wire != q.name.rust.trim_start_matches("r#");
    let as_wire = |what: &str| {
        if differs {
            format!("Sent {what}as `{wire}`.")
        } else if what.is_empty() {
            String::new()
        } else {
            format!("Sent {}.", what.trim_end())
        }
    };
    let note = match &q.kind {
        QueryKindIr::Range { from, to, .. } => {
            format!("Sent as `{from}` (lower bound) and `{to}` (upper bound); set either or both.")
        }
        QueryKindIr::List {
            style: ListStyle::Repeated,
            ..
        } => format!("Sent as one `{wire}` parameter per value."),
        QueryKindIr::List {
            style: ListStyle::Brackets,
            ..
        } => format!("Sent as one `{wire}[]` parameter per value."),
        QueryKindIr::List { style, .. } => as_wire(&list_words(style)),
        QueryKindIr::Ordering {
            style: OrderingStyle::FieldFlag,
            field_param,
            reversed_param,
            ..
        } => format!("Sent as `{field_param}` and `{reversed_param}` (`true` for descending)."),
        QueryKindIr::Ordering {
            suffix: Some(sf),
            multi,
            list,
            ..
        } => {
            let how = if *multi {
                format!("{} ", order_list(wire, list))
            } else {
                String::new()
            };
            let asc = if sf.asc.is_empty() {
                "a bare field is ascending".to_string()
            } else {
                format!("`<field>{}{}` ascending", sf.separator, sf.asc)
            };
            format!(
                "{how}`<field>{}{}` sorts descending, {asc}.",
                sf.separator, sf.desc
            )
        }
        QueryKindIr::Ordering {
            multi: true, list, ..
        } if list.is_comma() => {
            format!("{} `-` marks descending fields.", as_wire("comma-joined "))
        }
        QueryKindIr::Ordering {
            multi: true, list, ..
        } => format!("{} `-` marks descending fields.", order_list(wire, list)),
        QueryKindIr::Ordering { .. } => format!("{} `-` marks descending.", as_wire("")),
        QueryKindIr::Tristate { all_value } => format!(
            "{} `true`, `false`, or `{all_value}` for [`TriState::All`].",
            as_wire("")
        ),
        QueryKindIr::Object { lists, .. } => {
            let lists = match lists {
                FormLists::Brackets => format!("`{wire}[<member>][]`"),
                FormLists::Indexed => format!("`{wire}[<member>][0]`"),
                FormLists::Repeated => format!("`{wire}[<member>]` repeated"),
            };
            format!(
                "Sent as one `{wire}[<member>]` parameter per member (nested members as `{wire}[<member>][<inner>]`, list items as {lists})."
            )
        }
        QueryKindIr::Value { .. } | QueryKindIr::Group { .. } => as_wire(""),
    };
    let note = note.trim().to_string();
    (!note.is_empty()).then_some(note)
}

/// How a joined list reads in a setter's docs ("comma-joined ", "joined by `|` ").
fn list_words(style: &ListStyle) -> String {
    match style {
        ListStyle::Joined(sep) if sep == "," => "comma-joined ".to_string(),
        ListStyle::Joined(sep) => format!("joined by `{sep}` "),
        ListStyle::Repeated | ListStyle::Brackets => String::new(),
    }
}

/// How several sort fields go on the wire, as a sentence.
fn order_list(wire: &str, style: &ListStyle) -> String {
    match style {
        ListStyle::Joined(sep) if sep == "," => format!("Sent comma-joined as `{wire}`."),
        ListStyle::Joined(sep) => format!("Sent as `{wire}`, joined by `{sep}`."),
        ListStyle::Repeated => format!("Sent as one `{wire}` parameter per field."),
        ListStyle::Brackets => format!("Sent as one `{wire}[]` parameter per field."),
    }
}

/// The builder's setter for an optional parameter (values land in `self.query`).
pub fn setter(q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
    let note = wire_note(q);
    let doc = doc_paragraphs(&[q.docs.as_deref(), note.as_deref()]);
    match &q.kind {
        QueryKindIr::Value { ty: t, null_value } => {
            let t = ty(t, im);
            let set = if null_value.is_some() {
                quote!(Some(Some(value.into())))
            } else {
                quote!(Some(value.into()))
            };
            let null = null_value.as_ref().map(|lit| {
                let m = format_ident!("{}_null", q.name.rust.trim_start_matches("r#"));
                let d = docs(&format!(
                    "Sends `{}={lit}`: selects items that have no `{}`.",
                    q.name.wire, q.name.wire
                ));
                quote! {
                    #d
                    pub fn #m(mut self) -> Self { self.query.#field = Some(None); self }
                }
            });
            quote! {
                #doc
                pub fn #field(mut self, value: impl Into<#t>) -> Self {
                    self.query.#field = #set;
                    self
                }
                #null
            }
        }
        QueryKindIr::List { ty: t, .. } => {
            let t = ty(t, im);
            quote! {
                #doc
                pub fn #field<I: Into<#t>>(mut self, values: impl IntoIterator<Item = I>) -> Self {
                    self.query.#field = values.into_iter().map(Into::into).collect();
                    self
                }
            }
        }
        QueryKindIr::Ordering {
            type_name, multi, ..
        } => {
            let t = format_ident!("{}", type_name);
            let order = im.rt(Rt::Order);
            if *multi {
                quote! {
                    #doc
                    pub fn #field(mut self, orders: impl IntoIterator<Item = #order<#t>>) -> Self {
                        self.query.#field = orders.into_iter().collect();
                        self
                    }
                }
            } else {
                quote! {
                    #doc
                    pub fn #field(mut self, order: #order<#t>) -> Self {
                        self.query.#field = Some(order);
                        self
                    }
                }
            }
        }
        QueryKindIr::Range { ty: t, .. } => {
            let t = ty(t, im);
            let range = im.rt(Rt::Range);
            quote! {
                #doc
                pub fn #field(mut self, range: impl Into<#range<#t>>) -> Self {
                    self.query.#field = range.into();
                    self
                }
            }
        }
        QueryKindIr::Tristate { .. } => {
            let tri = im.rt(Rt::TriState);
            quote! {
                #doc
                pub fn #field(mut self, value: #tri) -> Self {
                    self.query.#field = Some(value);
                    self
                }
            }
        }
        QueryKindIr::Group { .. } => quote!(),
        QueryKindIr::Object { ty: t, .. } => {
            let t = ty(t, im);
            quote! {
                #doc
                pub fn #field(mut self, value: impl Into<#t>) -> Self {
                    self.query.#field = Some(value.into());
                    self
                }
            }
        }
    }
}

/// The `Request` call writing the parameter; `holder` is `self` (required parameters) or
/// `q` (the optional ones).
pub fn request_call(q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
    let wire = &q.name.wire;
    if let QueryKindIr::Object { lists, .. } = &q.kind {
        let lists = form_lists(*lists, im);
        return match q.required {
            true => quote!(.object(#wire, Some(&self.#field), #lists)),
            false => quote!(.object(#wire, q.#field.as_ref(), #lists)),
        };
    }
    if q.required {
        return quote!(.query(#wire, &self.#field));
    }
    match &q.kind {
        QueryKindIr::Value {
            null_value: Some(lit),
            ..
        } => quote!(.nullable(#wire, &q.#field, #lit)),
        QueryKindIr::Value { .. } => quote!(.opt(#wire, &q.#field)),
        QueryKindIr::List { style, .. } if style.is_comma() => quote!(.csv(#wire, &q.#field)),
        QueryKindIr::List { style, .. } => {
            let style = list_style(style, im);
            quote!(.list(#wire, &q.#field, #style))
        }
        QueryKindIr::Ordering {
            style: OrderingStyle::FieldFlag,
            field_param,
            reversed_param,
            ..
        } => quote!(.ordering_flag(#field_param, #reversed_param, &q.#field)),
        QueryKindIr::Ordering {
            suffix: None,
            multi,
            list,
            ..
        } if list.is_comma() => {
            if *multi {
                quote!(.ordering(#wire, &q.#field))
            } else {
                quote!(.ordering(#wire, q.#field.as_slice()))
            }
        }
        QueryKindIr::Ordering {
            suffix,
            multi,
            list,
            ..
        } => {
            let form_ty = im.rt(Rt::OrderForm);
            let form = match suffix {
                None => quote!(#form_ty::Prefix),
                Some(OrderSuffix {
                    separator,
                    asc,
                    desc,
                }) => quote!(#form_ty::Suffix { separator: #separator, asc: #asc, desc: #desc }),
            };
            let style = list_style(list, im);
            if *multi {
                quote!(.orders(#wire, &q.#field, #form, #style))
            } else {
                quote!(.orders(#wire, q.#field.as_slice(), #form, #style))
            }
        }
        QueryKindIr::Range { from, to, .. } => quote!(.range(#from, #to, &q.#field)),
        QueryKindIr::Tristate { all_value } => quote!(.tristate(#wire, &q.#field, #all_value)),
        QueryKindIr::Group { .. } | QueryKindIr::Object { .. } => quote!(),
    }
}

/// The runtime's `ListStyle` value for a list style.
fn list_style(style: &ListStyle, im: &Imports) -> TokenStream {
    let t = im.rt(Rt::ListStyle);
    match style {
        ListStyle::Joined(sep) => quote!(#t::Joined(#sep)),
        ListStyle::Repeated => quote!(#t::Repeated),
        ListStyle::Brackets => quote!(#t::Brackets),
    }
}
