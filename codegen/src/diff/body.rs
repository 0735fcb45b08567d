//! Request bodies of an operation: a `body` argument of the client method, or with
//! `inline_body` the body's required members as arguments and its optional ones as
//! builder methods.

use super::context::{bare, list, pair, Cx, Paired};
use super::fields::{is_arg, presence_what};
use super::query::{counted, Op};
use super::report::{ChangeKind, Impact, Location};
use super::types::spec_name;
use crate::ir::{Field, Scalar, Ty};

/// A body as the operation has it: its type, and the members when they are inlined.
pub type Body<'a> = (&'a Option<Ty>, &'a Option<Vec<Field>>);

fn arguments(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| is_arg(f))
        .map(|f| bare(&f.name.rust).to_string())
        .collect()
}

fn quoted(names: &[String]) -> Vec<String> {
    names.iter().map(|n| format!("`{n}`")).collect()
}

fn setters(fields: &[Field]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| !is_arg(f))
        .map(|f| format!("`.{}(..)`", bare(&f.name.rust)))
        .collect()
}

/// What the caller passes for a body, in words.
fn passed(ty: &Ty, inline: &Option<Vec<Field>>) -> String {
    match inline {
        None => format!("`body: {}`", spec_name(ty)),
        Some(fields) => format!("the members ({})", list(&arguments(fields))),
    }
}

/// Compares the bodies of operation `op`.
pub fn diff_body(cx: &mut Cx<'_>, op: &Op<'_>, (x, x_inline): Body<'_>, (y, y_inline): Body<'_>) {
    let at = op.at.child("body", "");
    let m = op.method;
    match (x, y) {
        (None, None) => {}
        (None, Some(ty)) => match y_inline {
            None => cx.push(
                &at,
                ChangeKind::Added,
                Impact::Breaking,
                "added",
                format!("`{m}(..)` takes a new argument `body: {}`", spec_name(ty)),
            ),
            Some(fields) if !arguments(fields).is_empty() => cx.push(
                &at,
                ChangeKind::Added,
                Impact::Breaking,
                "added (inline)",
                format!(
                    "`{m}(..)` takes {}",
                    counted(
                        &quoted(&arguments(fields)),
                        "a new argument",
                        "new arguments"
                    )
                ),
            ),
            Some(fields) => cx.push(
                &at,
                ChangeKind::Added,
                Impact::Compatible,
                "added (inline, no required member)",
                counted(
                    &setters(fields),
                    "a new builder method",
                    "new builder methods",
                ),
            ),
        },
        (Some(ty), None) => {
            let mut why = format!("`{m}(..)` no longer takes {}", passed(ty, x_inline));
            if let Some(fields) = x_inline {
                let gone = setters(fields);
                if !gone.is_empty() {
                    why.push_str(&format!("; calls to {} stop compiling", gone.join(", ")));
                }
            }
            cx.push(&at, ChangeKind::Removed, Impact::Breaking, "removed", why);
        }
        (Some(a), Some(b)) => match (x_inline, y_inline) {
            (None, None) => {
                // A raw body is taken as `impl Into<Upload>`, not as the `Binary` it reads.
                let raw = |t: &Ty, name: &str| match t {
                    Ty::Scalar(Scalar::Bytes) => "impl Into<Upload>".to_string(),
                    _ => name.to_string(),
                };
                cx.retyped(&at, (a, false), (b, false), |old, new| {
                    let (old, new) = (raw(a, old), raw(b, new));
                    format!("the `body` argument of `{m}(..)` takes `{new}` instead of `{old}`")
                });
            }
            // The body type is a private field of the builder: only its members show.
            (Some(xf), Some(yf)) => members(cx, op, &at, xf, yf),
            (None, Some(_)) | (Some(_), None) => {
                let what = match y_inline {
                    Some(_) => "inlined",
                    None => "no longer inlined",
                };
                cx.breaking(
                    &at,
                    what,
                    format!(
                        "`{m}(..)` takes {} instead of {}",
                        passed(b, y_inline),
                        passed(a, x_inline)
                    ),
                );
            }
        },
    }
}

fn members(cx: &mut Cx<'_>, op: &Op<'_>, at: &Location, a: &[Field], b: &[Field]) {
    let m = op.method;
    let by_wire: fn(&Field) -> &str = |f| &f.name.wire;
    let by_rust: fn(&Field) -> &str = |f| &f.name.rust;
    for p in pair(a, b, &[by_wire, by_rust]) {
        match p {
            Paired::Added(f) => {
                let at = at.child("member", &f.name.wire);
                let n = bare(&f.name.rust);
                match is_arg(f) {
                    true => cx.push(
                        &at,
                        ChangeKind::Added,
                        Impact::Breaking,
                        "added (required)",
                        format!("`{m}(..)` takes a new argument `{n}`"),
                    ),
                    false => cx.push(
                        &at,
                        ChangeKind::Added,
                        Impact::Compatible,
                        "added (optional)",
                        format!("new builder method `.{n}(..)`"),
                    ),
                }
            }
            Paired::Removed(f) => {
                let n = bare(&f.name.rust);
                let why = match is_arg(f) {
                    true => format!("`{m}(..)` loses the argument `{n}`"),
                    false => format!("calls to `.{n}(..)` stop compiling"),
                };
                let at = at.child("member", &f.name.wire);
                cx.push(&at, ChangeKind::Removed, Impact::Breaking, "removed", why);
            }
            Paired::Both(x, y) => member(cx, op, &at.child("member", &y.name.wire), x, y),
        }
    }
}

fn member(cx: &mut Cx<'_>, op: &Op<'_>, at: &Location, x: &Field, y: &Field) {
    let Field {
        name: x_name,
        ty: x_ty,
        // Compared together by `presence_what`.
        optional: _,
        nullable: _,
        default: _,
        patch: _,
        // Decoding only: reported where the body model's fields are compared.
        lenient: _,
        // The Rust type: reported where the body model's fields are compared.
        boxed: _,
        secret: x_secret,
        docs: x_docs,
    } = x;
    let Field {
        name: y_name,
        ty: y_ty,
        optional: _,
        nullable: _,
        default: _,
        patch: _,
        lenient: _,
        boxed: _,
        secret: y_secret,
        docs: y_docs,
    } = y;
    let m = op.method;
    cx.docs(x_docs, y_docs);
    let (old, n) = (bare(&x_name.rust), bare(&y_name.rust));
    if old != n {
        match (is_arg(x), is_arg(y)) {
            // Arguments are positional: only the docs show their names.
            (true, true) => cx.doc_change(),
            (false, false) => cx.breaking(
                at,
                format!("builder method `.{old}(..)` → `.{n}(..)`"),
                format!("calls to `.{old}(..)` stop compiling"),
            ),
            (true, false) | (false, true) => {}
        }
    }
    if x_name.wire != y_name.wire {
        cx.behaviour(
            at,
            format!("wire name `{}` → `{}`", x_name.wire, y_name.wire),
            format!("sent as the body member `{}`", y_name.wire),
        );
    }
    let takes = match is_arg(y) {
        true => format!("the argument `{n}` of `{m}(..)` takes"),
        false => format!("`.{n}(..)` takes"),
    };
    cx.retyped(at, (x_ty, *x_secret), (y_ty, *y_secret), |a, b| {
        format!("{takes} `impl Into<{b}>` instead of `impl Into<{a}>`")
    });
    let what = presence_what(x, y);
    if what.is_empty() {
        return;
    }
    let what = what.join(", ");
    if x.patch && !y.patch {
        return cx.breaking(at, what, format!("calls to `.{old}_null()` stop compiling"));
    }
    match (is_arg(x), is_arg(y)) {
        (false, true) => cx.breaking(
            at,
            what,
            format!("`{m}(..)` takes a new argument `{n}`, and `.{old}(..)` is gone"),
        ),
        (true, false) => cx.breaking(
            at,
            what,
            format!("`{m}(..)` no longer takes `{old}`; set it with `.{n}(..)`"),
        ),
        (true, true) | (false, false) => cx.behaviour(
            at,
            what,
            "the Rust API is the same; what is sent when it is not set changes",
        ),
    }
}
