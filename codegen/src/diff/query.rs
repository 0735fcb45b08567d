//! Query parameters of an operation: required ones are arguments of the client method,
//! the others builder methods. Added, removed, renamed, made required, retyped, another
//! kind, and each kind's settings (null literal, ordering fields and style, range bounds,
//! tristate literal, group members).

pub use super::context::Op;
use super::context::{bare, pair, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{QueryKindIr, QueryParam};
use crate::query::KindDiff;

/// Compares query parameters (or, with `step` = `member`, a group's members).
pub fn diff_query(
    cx: &mut Cx<'_>,
    op: &Op<'_>,
    at: &Location,
    step: &'static str,
    a: &[QueryParam],
    b: &[QueryParam],
) {
    let by_wire: fn(&QueryParam) -> &str = |q| &q.name.wire;
    let by_rust: fn(&QueryParam) -> &str = |q| &q.name.rust;
    for p in pair(a, b, &[by_wire, by_rust]) {
        match p {
            Paired::Added(q) => added(cx, op, &at.child(step, &q.name.wire), q),
            Paired::Removed(q) => removed(cx, op, &at.child(step, &q.name.wire), q),
            Paired::Both(x, y) => param(cx, op, &at.child(step, &y.name.wire), x, y),
        }
    }
}

/// `a new argument `x`` or `new arguments `x`, `y``.
pub fn counted(items: &[String], one: &str, many: &str) -> String {
    match items.len() {
        1 => format!("{one} {}", items[0]),
        _ => format!("{many} {}", items.join(", ")),
    }
}

/// Builder methods of an optional parameter (a group's: its members').
fn setters(q: &QueryParam) -> Vec<String> {
    q.kind.unit().setters(q)
}

/// Arguments of the client method that a parameter (or a group's members) adds.
fn arguments(q: &QueryParam) -> Vec<String> {
    q.kind.unit().arguments(q)
}

fn added(cx: &mut Cx<'_>, op: &Op<'_>, at: &Location, q: &QueryParam) {
    let (args, sets) = (arguments(q), setters(q));
    if !args.is_empty() {
        let why = format!(
            "`{}(..)` takes {}",
            op.method,
            counted(&args, "a new argument", "new arguments")
        );
        return cx.push(
            at,
            ChangeKind::Added,
            Impact::Breaking,
            "added (required)",
            why,
        );
    }
    let mut why = counted(&sets, "a new builder method", "new builder methods");
    if let Some((type_name, _)) = q.kind.unit().ordering_enum() {
        why.push_str(&format!(", and the enum `{type_name}`"));
    }
    cx.push(
        at,
        ChangeKind::Added,
        Impact::Compatible,
        "added (optional)",
        why,
    );
}

fn removed(cx: &mut Cx<'_>, op: &Op<'_>, at: &Location, q: &QueryParam) {
    let (args, sets) = (arguments(q), setters(q));
    let mut gone = Vec::new();
    if !args.is_empty() {
        gone.push(format!(
            "`{}(..)` loses {}",
            op.method,
            counted(&args, "the argument", "the arguments")
        ));
    }
    if !sets.is_empty() {
        gone.push(format!("calls to {} stop compiling", sets.join(", ")));
    }
    if let Some((type_name, _)) = q.kind.unit().ordering_enum() {
        gone.push(format!("the enum `{type_name}` is gone"));
    }
    cx.push(
        at,
        ChangeKind::Removed,
        Impact::Breaking,
        "removed",
        gone.join("; "),
    );
}

fn param(cx: &mut Cx<'_>, op: &Op<'_>, at: &Location, x: &QueryParam, y: &QueryParam) {
    let QueryParam {
        name: x_name,
        docs: x_docs,
        required: x_required,
        kind: x_kind,
    } = x;
    let QueryParam {
        name: y_name,
        docs: y_docs,
        required: y_required,
        kind: y_kind,
    } = y;
    cx.docs(x_docs, y_docs);
    let (old, n) = (bare(&x_name.rust), bare(&y_name.rust));
    let is_group = matches!(y_kind, QueryKindIr::Group(_));
    if old != n {
        if is_group || (*x_required && *y_required) {
            // A group's own name is only a prefix in docs; an argument is positional.
            cx.doc_change();
        } else if !x_required && !y_required {
            cx.breaking(
                at,
                format!("builder method `.{old}(..)` → `.{n}(..)`"),
                format!("calls to `.{old}(..)` stop compiling"),
            );
        }
    }
    if x_name.wire != y_name.wire {
        match y_kind.unit().sends_own_name() {
            true => cx.behaviour(
                at,
                format!("wire name `{}` → `{}`", x_name.wire, y_name.wire),
                format!("sent as `{}`", y_name.wire),
            ),
            false => cx.doc_change(),
        }
    }
    match (x_required, y_required) {
        (false, true) => cx.breaking(
            at,
            "made required",
            format!(
                "`{}(..)` takes a new argument `{n}`, and `.{old}(..)` is gone",
                op.method
            ),
        ),
        (true, false) => cx.breaking(
            at,
            "made optional",
            format!(
                "`{}(..)` no longer takes `{old}`; set it with `.{n}(..)`",
                op.method
            ),
        ),
        (true, true) | (false, false) => {}
    }
    // Where the value is passed, for type changes.
    let takes = match y_required {
        true => format!("the argument `{n}` of `{}(..)` takes", op.method),
        false => format!("`.{n}(..)` takes"),
    };
    kind(cx, op, at, &takes, n, x_kind, y_kind);
}

/// Compares the kinds' settings, or reports a change of kind.
fn kind(
    cx: &mut Cx<'_>,
    op: &Op<'_>,
    at: &Location,
    takes: &str,
    n: &str,
    x: &QueryKindIr,
    y: &QueryKindIr,
) {
    let (xu, yu) = (x.unit(), y.unit());
    let mut d = KindDiff {
        cx,
        op,
        at,
        takes,
        n,
        params: diff_query,
    };
    if xu.diff_same(&mut d, y) {
        return;
    }
    let direction = match (xu.one_or_list(), yu.one_or_list()) {
        (Some((a, false)), Some((b, true))) if a == b => " (widened: one value → a list)",
        (Some((a, true)), Some((b, false))) if a == b => " (narrowed: a list → one value)",
        (Some(_) | None, Some(_) | None) => "",
    };
    cx.breaking(
        at,
        format!(
            "kind `{}` → `{}`{direction}",
            xu.kind_name(),
            yu.kind_name()
        ),
        format!(
            "the builder methods change: {} instead of {}",
            yu.describe(n),
            xu.describe(n)
        ),
    );
}
