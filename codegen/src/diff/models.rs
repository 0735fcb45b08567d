//! Models: added, removed, struct ↔ enum ↔ alias ↔ union, alias targets, and whether a
//! struct is built by callers (in a request body: `new(..)` and setters). Fields, enum
//! values and union variants are compared by [`super::fields`], [`super::enums`] and
//! [`super::unions`].

use super::context::{pair, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use super::types::{relation, rust_name, spec_name};
use super::{enums, fields, unions};
use crate::ir::{Model, ModelKind};

/// Compares the models of the API.
pub fn diff_models(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old.api, cx.new.api);
    let by_rust: fn(&Model) -> &str = |m| &m.name.rust;
    for p in pair(&old.models, &new.models, &[by_rust]) {
        match p {
            Paired::Added(m) => cx.push(
                &Location::default().child("model", &m.name.rust),
                ChangeKind::Added,
                Impact::Compatible,
                format!("added ({})", kind_name(&m.kind)),
                format!("a new type `{}`", m.name.rust),
            ),
            Paired::Removed(m) => cx.push(
                &Location::default().child("model", &m.name.rust),
                ChangeKind::Removed,
                Impact::Breaking,
                "removed",
                format!("code naming `{}` stops compiling", m.name.rust),
            ),
            Paired::Both(a, b) => model(cx, a, b),
        }
    }
}

fn kind_name(kind: &ModelKind) -> &'static str {
    match kind {
        ModelKind::Struct(_) => "struct",
        ModelKind::Enum(_) => "enum",
        ModelKind::Alias(_) => "alias",
        ModelKind::Union(_) => "union",
    }
}

fn model(cx: &mut Cx<'_>, a: &Model, b: &Model) {
    // `file` is where the model is written: it only names the spec file in the preamble.
    // Both are paired by Rust name, and a model's spec name is its Rust name.
    let Model {
        name: _,
        docs: a_docs,
        kind: a_kind,
        file: _,
    } = a;
    let Model {
        name,
        docs: b_docs,
        kind: b_kind,
        file: _,
    } = b;
    let at = Location::default().child("model", &name.rust);
    let rust = name.rust.as_str();
    cx.docs(a_docs, b_docs);
    match (a_kind, b_kind) {
        (ModelKind::Struct(x), ModelKind::Struct(y)) => {
            constructor(cx, &at, rust);
            fields::diff_fields(cx, &at, rust, x, y);
        }
        (ModelKind::Enum(x), ModelKind::Enum(y)) => enums::diff_enum(cx, &at, rust, "value", x, y),
        (ModelKind::Alias(x), ModelKind::Alias(y)) => {
            let (rx, ry) = (cx.old.resolve(x, false), cx.new.resolve(y, false));
            let (old_rust, new_rust) = (rust_name(&rx), rust_name(&ry));
            if old_rust != new_rust {
                cx.breaking(
                    &at,
                    format!(
                        "alias of `{}` → `{}`{}",
                        spec_name(x),
                        spec_name(y),
                        relation(&rx, &ry).suffix()
                    ),
                    format!("`{rust}` is now `{new_rust}` instead of `{old_rust}`"),
                );
            } else {
                cx.docs(x, y);
            }
        }
        (ModelKind::Union(x), ModelKind::Union(y)) => unions::diff_union(cx, &at, rust, x, y),
        (
            ModelKind::Struct(_) | ModelKind::Enum(_) | ModelKind::Alias(_) | ModelKind::Union(_),
            ModelKind::Struct(_) | ModelKind::Enum(_) | ModelKind::Alias(_) | ModelKind::Union(_),
        ) => cx.breaking(
            &at,
            format!("{} → {}", kind_name(a_kind), kind_name(b_kind)),
            format!("`{rust}` is a different kind of type: its fields, variants or methods change"),
        ),
    }
}

/// A struct gains `new(..)` and setters when a request body starts using it, and loses
/// them when none does any more.
fn constructor(cx: &mut Cx<'_>, at: &Location, rust: &str) {
    match (cx.old.buildable(rust), cx.new.buildable(rust)) {
        (true, false) => cx.breaking(
            at,
            "no longer in a request body",
            format!("`{rust}::new(..)` and its `with_<field>` setters are gone"),
        ),
        (false, true) => cx.compatible(
            at,
            "now in a request body",
            format!("`{rust}` gains `new(..)` and `with_<field>` setters"),
        ),
        (true, true) | (false, false) => {}
    }
}
