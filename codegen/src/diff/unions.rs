//! Unions (models with `one_of`): variants added or removed (compatible only for an open
//! tagged union, which is `#[non_exhaustive]`), renamed, retyped, retagged or reordered;
//! untagged ↔ tagged, the discriminator member, open ↔ closed.

use super::context::{pair, reordered, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{Tagging, Union, UnionVariant};

/// Compares union `name` (its Rust type) at `at`.
pub fn diff_union(cx: &mut Cx<'_>, at: &Location, name: &str, a: &Union, b: &Union) {
    let Union {
        tagging: a_tagging,
        variants: a_variants,
    } = a;
    let Union {
        tagging: b_tagging,
        variants: b_variants,
    } = b;
    let b_open = matches!(b_tagging, Tagging::Tagged { open: true, .. });
    match (a_tagging, b_tagging) {
        (Tagging::Untagged, Tagging::Untagged) => {}
        (Tagging::Untagged, Tagging::Tagged { discriminator, .. }) => cx.breaking(
            at,
            format!("tagged by `{discriminator}` (was untagged)"),
            format!("values are now told apart by `{discriminator}`, and `{name}`'s variants (and `Unknown(..)`, for an open union) change"),
        ),
        (Tagging::Tagged { discriminator, .. }, Tagging::Untagged) => cx.breaking(
            at,
            format!("untagged (was tagged by `{discriminator}`)"),
            format!("values are now told apart by their shape, and `{name}`'s variants change"),
        ),
        (
            Tagging::Tagged {
                discriminator: x,
                open: x_open,
            },
            Tagging::Tagged {
                discriminator: y,
                open: y_open,
            },
        ) => {
            if x != y {
                cx.behaviour(
                    at,
                    format!("discriminator `{x}` → `{y}`"),
                    format!("the variant is read from and written to the member `{y}`"),
                );
            }
            match (x_open, y_open) {
                (true, false) => cx.breaking(
                    at,
                    "closed (was open)",
                    format!("`{name}::Unknown(..)` is gone, and an unknown `{y}` now fails to decode"),
                ),
                (false, true) => cx.breaking(
                    at,
                    "open (was closed)",
                    format!("`{name}` gains `Unknown(..)` and becomes `#[non_exhaustive]`: exhaustive `match`es on it stop compiling"),
                ),
                (true, true) | (false, false) => {}
            }
        }
    }
    let by_rust: fn(&UnionVariant) -> &str = |v| &v.rust;
    let by_tag: fn(&UnionVariant) -> &str = |v| v.tag.as_deref().unwrap_or("");
    let keys: &[fn(&UnionVariant) -> &str] = match (a_tagging, b_tagging) {
        (Tagging::Tagged { .. }, Tagging::Tagged { .. }) => &[by_tag, by_rust],
        _ => &[by_rust],
    };
    // An untagged variant renamed in Rust keeps its type: pair those too.
    let mut paired = pair(a_variants, b_variants, keys);
    let added: Vec<&UnionVariant> = paired
        .iter()
        .filter_map(|p| match p {
            Paired::Added(v) => Some(*v),
            _ => None,
        })
        .collect();
    let mut matched: Vec<&UnionVariant> = Vec::new();
    for p in paired.iter_mut() {
        if let Paired::Removed(x) = p {
            if let Some(y) = added
                .iter()
                .find(|y| y.ty == x.ty && !matched.iter().any(|m| std::ptr::eq(*m, **y)))
            {
                matched.push(y);
                *p = Paired::Both(x, y);
            }
        }
    }
    paired
        .retain(|p| !matches!(p, Paired::Added(v) if matched.iter().any(|m| std::ptr::eq(*m, *v))));
    for p in paired {
        match p {
            Paired::Added(v) => {
                let at = at.child("variant", &v.rust);
                let variant = format!("`{name}::{}`", v.rust);
                match b_open {
                    true => cx.push(
                        &at,
                        ChangeKind::Added,
                        Impact::Compatible,
                        "added to an open union",
                        format!("`{name}` is `#[non_exhaustive]`, so `match`es already have a fallback; such values, which arrived as `{name}::Unknown(..)`, are now {variant}"),
                    ),
                    false => cx.push(
                        &at,
                        ChangeKind::Added,
                        Impact::Breaking,
                        "added",
                        format!("exhaustive `match`es on `{name}` miss {variant} and stop compiling"),
                    ),
                }
            }
            Paired::Removed(v) => {
                let then = match b_open {
                    true => format!("such values now arrive as `{name}::Unknown(..)`"),
                    false => "such values may now fail to decode".to_string(),
                };
                cx.push(
                    &at.child("variant", &v.rust),
                    ChangeKind::Removed,
                    Impact::Breaking,
                    "removed",
                    format!(
                        "code naming `{name}::{}` stops compiling, and {then}",
                        v.rust
                    ),
                );
            }
            Paired::Both(x, y) => variant(cx, &at.child("variant", &y.rust), name, x, y),
        }
    }
    if matches!(b_tagging, Tagging::Untagged) {
        let names = |vs: &[UnionVariant]| vs.iter().map(|v| v.rust.clone()).collect::<Vec<_>>();
        if reordered(&names(a_variants), &names(b_variants)) {
            cx.behaviour(
                at,
                "variants reordered",
                "variants are tried in the new order: a value that fits several may decode as another one",
            );
        }
    }
}

fn variant(cx: &mut Cx<'_>, at: &Location, name: &str, x: &UnionVariant, y: &UnionVariant) {
    let UnionVariant {
        rust: x_rust,
        tag: x_tag,
        ty: x_ty,
        docs: x_docs,
    } = x;
    let UnionVariant {
        rust: y_rust,
        tag: y_tag,
        ty: y_ty,
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
    if let (Some(a), Some(b)) = (x_tag, y_tag) {
        if a != b {
            cx.behaviour(
                at,
                format!("discriminator value `{a}` → `{b}`"),
                format!("`{name}::{y_rust}` is sent and read with `{b}`"),
            );
        }
    }
    cx.retyped(at, (x_ty, false), (y_ty, false), |a, b| {
        format!("`{name}::{y_rust}` holds `{b}` instead of `{a}`")
    });
}
