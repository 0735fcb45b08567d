//! Runtime macro invocations that read like the items they wrap: the emitter writes the
//! macro's input as ordinary items (so prettyplease formats them, docs as `///`), marked
//! with `#[__wrap(name)]` on the first and `#[__wrap_end]` on the last, and [`apply`]
//! turns the formatted text into `name! { .. }`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

/// `item` as the whole input of the macro `mac`.
pub fn item(mac: &Ident, item: TokenStream) -> TokenStream {
    quote! { #[__wrap(#mac)] #item }
}

/// Declarations as the input of the macro `mac`: `trait Name { fn f(..); .. }`, which
/// prettyplease formats like any trait, becomes `mac! { impl Name { fn f(..); .. } }` (the
/// macro reads them as the methods of `Name` to write).
pub fn declarations(mac: &Ident, item: TokenStream) -> TokenStream {
    quote! { #[__wrap(#mac)] #[__wrap_impl] #item }
}

/// `first` and `last` together as the input of the macro `mac`.
pub fn items(mac: &Ident, first: TokenStream, last: TokenStream) -> TokenStream {
    quote! { #[__wrap(#mac)] #first #[__wrap_end] #last }
}

const OPEN: &str = "#[__wrap(";
const END: &str = "#[__wrap_end]";
const IMPL: &str = "#[__wrap_impl]";

/// Replaces every marked run of top-level items in formatted code by a macro invocation
/// with the items, indented, as its body.
pub fn apply(code: &str) -> String {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = String::with_capacity(code.len() + code.len() / 8);
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let Some(name) = line
            .strip_prefix(OPEN)
            .and_then(|rest| rest.strip_suffix(")]"))
        else {
            out.push_str(line);
            out.push('\n');
            i += 1;
            continue;
        };
        let mut end = item_end(&lines, i + 1);
        // A later item marked as the last one extends the block to its end; one-line
        // `type` items between them (`type Headers = ..;`) belong to the block.
        let mut j = end + 1;
        while j < lines.len()
            && (lines[j].is_empty() || (lines[j].starts_with("type ") && lines[j].ends_with(';')))
        {
            j += 1;
        }
        let mut end_marker = None;
        if lines.get(j) == Some(&END) {
            end_marker = Some(j);
            end = item_end(&lines, j + 1);
        }
        out.push_str(name);
        out.push_str("! {\n");
        let mut as_impl = false;
        for (k, l) in lines.iter().enumerate().take(end + 1).skip(i + 1) {
            if Some(k) == end_marker {
                continue;
            }
            if *l == IMPL {
                as_impl = true;
                continue;
            }
            let l = match l.strip_prefix("trait ") {
                Some(rest) if std::mem::take(&mut as_impl) => format!("impl {rest}"),
                _ => l.to_string(),
            };
            if !l.is_empty() {
                out.push_str("    ");
                out.push_str(&l);
            }
            out.push('\n');
        }
        out.push_str("}\n");
        i = end + 1;
    }
    out
}

/// The index of the last line of the top-level item whose attributes start at `start`.
fn item_end(lines: &[&str], start: usize) -> usize {
    let mut k = start;
    while k < lines.len() && (lines[k].starts_with("#[") || lines[k].starts_with("///")) {
        k += 1;
    }
    // The item's head may span lines (a long signature): it ends at `{`, `{}` or `;`.
    while k < lines.len() {
        let line = lines[k];
        if line.ends_with("{}") || line.ends_with(';') {
            return k;
        }
        if line.ends_with('{') {
            break;
        }
        k += 1;
    }
    while k < lines.len() && lines[k] != "}" {
        k += 1;
    }
    k.min(lines.len().saturating_sub(1))
}

#[cfg(test)]
mod tests {
    use super::apply;

    #[test]
    fn marked_items_become_macro_bodies() {
        let code = "\
use x::y;

#[__wrap(open_enum)]
/// Docs.
pub enum A {
    /// One.
    One = \"one\",
}

#[__wrap(builder)]
/// A builder.
pub struct B {
    id: i64,
}

#[__wrap_end]
fn to_request(&self) -> R {
    body()
}

pub struct C;
";
        let expected = "\
use x::y;

open_enum! {
    /// Docs.
    pub enum A {
        /// One.
        One = \"one\",
    }
}

builder! {
    /// A builder.
    pub struct B {
        id: i64,
    }

    fn to_request(&self) -> R {
        body()
    }
}

pub struct C;
";
        assert_eq!(apply(code), expected);
    }

    #[test]
    fn a_type_item_before_the_last_one_stays_inside() {
        let code = "#[__wrap(builder)]\npub struct B {}\n\ntype Headers = BHeaders;\n\n#[__wrap_end]\nfn to_request(&self) -> R {\n    body()\n}\n\ntype Other = u8;\n";
        assert_eq!(
            apply(code),
            "builder! {\n    pub struct B {}\n\n    type Headers = BHeaders;\n\n    fn to_request(&self) -> R {\n        body()\n    }\n}\n\ntype Other = u8;\n"
        );
    }

    #[test]
    fn a_signature_over_several_lines_stays_inside() {
        let code = "#[__wrap(builder)]\npub struct B {}\n\n#[__wrap_end]\nfn to_request(\n    &self,\n) -> R {\n    body()\n}\n\npub struct C;\n";
        assert_eq!(
            apply(code),
            "builder! {\n    pub struct B {}\n\n    fn to_request(\n        &self,\n    ) -> R {\n        body()\n    }\n}\n\npub struct C;\n"
        );
    }

    #[test]
    fn one_line_items_are_wrapped_too() {
        assert_eq!(
            apply("#[__wrap(builder)]\npub struct B {}\n\n#[__wrap_end]\nfn f() {}\n"),
            "builder! {\n    pub struct B {}\n\n    fn f() {}\n}\n"
        );
    }
}
