//! How several values of one parameter go on the wire (joined, the key repeated, the key
//! repeated with `[]`), shared by lists and multi-field orderings: the `list`/`separator`
//! keys, the runtime value, the setter's words, the OpenAPI style, the api-diff message and
//! an example's pairs.

use super::Lowering;
use crate::diff::context::Cx;
use crate::diff::report::Location;
use crate::emit::imports::{Imports, Rt};
use crate::input::{ListStyle as InStyle, QueryKind};
use crate::ir::ListStyle;
use proc_macro2::TokenStream;
use quote::quote;
use serde_json::{json, Map, Value};

/// `list` and `separator`, checked.
pub(super) fn lower(l: &mut Lowering<'_, '_>) -> Option<ListStyle> {
    let q = l.q;
    if q.kind == QueryKind::Csv && q.list.is_some_and(|s| s != InStyle::Joined) {
        return l.fail(
            Some("list"),
            "`kind: csv` is comma-joined; for another list style write `kind: list`".into(),
        );
    }
    match (q.list.unwrap_or_default(), &q.separator) {
        (InStyle::Joined, None) => Some(ListStyle::Joined(",".into())),
        (InStyle::Joined, Some(sep)) if sep.is_empty() || sep.chars().any(char::is_control) => {
            l.cx.error(
                &l.at.key("separator"),
                "`separator` must be one or more visible characters (`,`, `|`, ` `, ...)",
            );
            None
        }
        (InStyle::Joined, Some(sep)) => Some(ListStyle::Joined(sep.clone())),
        (style, Some(_)) => {
            let name = if style == InStyle::Repeated {
                "repeated"
            } else {
                "brackets"
            };
            l.fail(
                Some("separator"),
                format!("`separator` joins values in one parameter; `list: {name}` sends one parameter per value"),
            )
        }
        (InStyle::Repeated, None) => Some(ListStyle::Repeated),
        (InStyle::Brackets, None) => Some(ListStyle::Brackets),
    }
}

/// The runtime's `ListStyle` value.
pub(super) fn runtime(style: &ListStyle, im: &Imports) -> TokenStream {
    let t = im.rt(Rt::ListStyle);
    match style {
        ListStyle::Joined(sep) => quote!(#t::Joined(#sep)),
        ListStyle::Repeated => quote!(#t::Repeated),
        ListStyle::Brackets => quote!(#t::Brackets),
    }
}

/// How a joined list reads in a setter's docs ("comma-joined ", "joined by `|` ").
pub(super) fn words(style: &ListStyle) -> String {
    match style {
        ListStyle::Joined(sep) if sep == "," => "comma-joined ".to_string(),
        ListStyle::Joined(sep) => format!("joined by `{sep}` "),
        ListStyle::Repeated | ListStyle::Brackets => String::new(),
    }
}

/// The parameter's name in OpenAPI: a `brackets` list is sent as `name[]`.
pub(super) fn openapi_name(wire: &str, style: &ListStyle) -> String {
    match style {
        ListStyle::Brackets => format!("{wire}[]"),
        _ => wire.to_string(),
    }
}

/// OpenAPI's `style`/`explode` (`x-separator` and `x-list` for what OpenAPI has no style
/// for).
pub(super) fn openapi_form(p: &mut Map<String, Value>, style: &ListStyle) {
    let (form, explode) = match style {
        ListStyle::Joined(sep) if sep == " " => ("spaceDelimited", false),
        ListStyle::Joined(sep) if sep == "|" => ("pipeDelimited", false),
        ListStyle::Joined(_) => ("form", false),
        ListStyle::Repeated | ListStyle::Brackets => ("form", true),
    };
    p.insert("style".into(), json!(form));
    p.insert("explode".into(), json!(explode));
    match style {
        ListStyle::Joined(sep) if !matches!(sep.as_str(), "," | " " | "|") => {
            p.insert("x-separator".into(), json!(sep));
        }
        ListStyle::Brackets => {
            p.insert("x-list".into(), json!("brackets"));
        }
        _ => {}
    }
}

/// A change of how several values go on the wire: the code is the same, the request is not.
pub(super) fn diff(cx: &mut Cx, at: &Location, what: &str, x: &ListStyle, y: &ListStyle) {
    if x == y {
        return;
    }
    let sent = |s: &ListStyle| match s {
        ListStyle::Joined(sep) => format!("joined by `{sep}` in one parameter"),
        ListStyle::Repeated => "one parameter each (the key repeated)".to_string(),
        ListStyle::Brackets => "one `name[]` parameter each".to_string(),
    };
    cx.behaviour(
        at,
        "sent differently",
        format!("{what} are sent {} instead of {}", sent(y), sent(x)),
    );
}

/// An example's values as query pairs.
pub(super) fn pairs(
    out: &mut Vec<(String, String)>,
    name: &str,
    texts: Vec<String>,
    style: &ListStyle,
) {
    match style {
        ListStyle::Joined(sep) => {
            if !texts.is_empty() {
                out.push((name.to_string(), texts.join(sep)));
            }
        }
        ListStyle::Repeated => out.extend(texts.into_iter().map(|t| (name.to_string(), t))),
        ListStyle::Brackets => out.extend(texts.into_iter().map(|t| (format!("{name}[]"), t))),
    }
}
