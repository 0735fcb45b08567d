//! Enums (models with `values`, and the field enums of orderings): values added or removed
//! (breaking for closed enums, not for open ones), renamed, open ↔ closed, integer ↔ string.

use super::context::{pair, reordered, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{Enum, Variant};

/// Compares enum `name` (its Rust type) at `at`; each value is a `step` (`value`, `field`).
pub fn diff_enum(
    cx: &mut Cx<'_>,
    at: &Location,
    name: &str,
    step: &'static str,
    a: &Enum,
    b: &Enum,
) {
    let Enum {
        open: a_open,
        integer: a_integer,
        variants: a_variants,
    } = a;
    let Enum {
        open: b_open,
        integer: b_integer,
        variants: b_variants,
    } = b;
    match (a_open, b_open) {
        (true, false) => cx.breaking(
            at,
            "closed (was open)",
            format!("`{name}::Unknown(..)` is gone, and a value the spec does not list now fails to decode"),
        ),
        (false, true) => cx.breaking(
            at,
            "open (was closed)",
            format!("`{name}` gains `Unknown(..)` and becomes `#[non_exhaustive]`: exhaustive `match`es on it stop compiling"),
        ),
        (true, true) | (false, false) => {}
    }
    if a_integer != b_integer {
        let (from, to) = match b_integer {
            true => ("string", "integer"),
            false => ("integer", "string"),
        };
        cx.breaking(
            at,
            format!("{from} values → {to} values"),
            format!(
                "`{name}`'s wire conversions change (`as_str`/`from_wire` vs `as_i64`/`from_i64`)"
            ),
        );
    }
    let by_wire: fn(&Variant) -> &str = |v| &v.wire;
    let by_rust: fn(&Variant) -> &str = |v| &v.rust;
    for p in pair(a_variants, b_variants, &[by_wire, by_rust]) {
        match p {
            Paired::Added(v) => added(cx, at, name, step, *b_open, v),
            Paired::Removed(v) => {
                let then = match b_open {
                    true => format!("it now arrives as `{name}::Unknown(..)`"),
                    false => "it now fails to decode".to_string(),
                };
                cx.push(
                    &at.child(step, &v.wire),
                    ChangeKind::Removed,
                    Impact::Breaking,
                    "removed",
                    format!(
                        "code naming `{name}::{}` stops compiling, and {then}",
                        v.rust
                    ),
                );
            }
            Paired::Both(x, y) => variant(cx, &at.child(step, &y.wire), name, x, y),
        }
    }
    let wires = |vs: &[Variant]| vs.iter().map(|v| v.wire.clone()).collect::<Vec<_>>();
    if reordered(&wires(a_variants), &wires(b_variants)) {
        cx.behaviour(
            at,
            "values reordered",
            format!("`{name}::ALL` lists them in the new order"),
        );
    }
}

fn added(cx: &mut Cx<'_>, at: &Location, name: &str, step: &'static str, open: bool, v: &Variant) {
    let at = at.child(step, &v.wire);
    let variant = format!("`{name}::{}`", v.rust);
    match open {
        true => cx.push(
            &at,
            ChangeKind::Added,
            Impact::Compatible,
            "added to an open enum",
            format!(
                "`{name}` is `#[non_exhaustive]`, so `match`es already have a fallback; the value, which arrived as `{name}::Unknown(..)`, is now {variant}"
            ),
        ),
        false => cx.push(
            &at,
            ChangeKind::Added,
            Impact::Breaking,
            "added to a closed enum",
            format!("exhaustive `match`es on `{name}` miss {variant} and stop compiling"),
        ),
    }
}

fn variant(cx: &mut Cx<'_>, at: &Location, name: &str, x: &Variant, y: &Variant) {
    let Variant {
        wire: x_wire,
        rust: x_rust,
        docs: x_docs,
    } = x;
    let Variant {
        wire: y_wire,
        rust: y_rust,
        docs: y_docs,
    } = y;
    cx.docs(x_docs, y_docs);
    if x_rust != y_rust {
        cx.breaking(
            at,
            format!("Rust variant `{x_rust}` → `{y_rust}`"),
            format!("code naming `{name}::{x_rust}` stops compiling"),
        );
    }
    if x_wire != y_wire {
        cx.behaviour(
            at,
            format!("wire value `{x_wire}` → `{y_wire}`"),
            format!("`{name}::{y_rust}` is sent and read as `{y_wire}`"),
        );
    }
}
