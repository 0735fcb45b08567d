//! Query parameters of an operation: required ones are arguments of the client method,
//! the others builder methods. Added, removed, renamed, made required, retyped, another
//! kind, and each kind's settings (null literal, ordering fields and style, range bounds,
//! tristate literal, group members).

use super::context::{bare, pair, Cx, Paired};
use super::enums;
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{ListStyle, OrderingStyle, QueryKindIr, QueryParam, Ty};

/// The operation the parameters belong to, for messages.
pub struct Op<'s> {
    /// Where the operation is.
    pub at: &'s Location,
    /// Its Rust method name.
    pub method: &'s str,
}

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

/// A change of how several values go on the wire: the code is the same, the request is not.
fn list_style(cx: &mut Cx, at: &Location, what: &str, x: &ListStyle, y: &ListStyle) {
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

fn kind_name(kind: &QueryKindIr) -> &'static str {
    match kind {
        QueryKindIr::Value { .. } => "value",
        QueryKindIr::List { style, .. } if style.is_comma() => "csv",
        QueryKindIr::List { .. } => "list",
        QueryKindIr::Ordering { .. } => "ordering",
        QueryKindIr::Range { .. } => "range",
        QueryKindIr::Tristate { .. } => "tristate",
        QueryKindIr::Group { .. } => "group",
        QueryKindIr::Object { .. } => "object",
    }
}

/// Builder methods of an optional parameter (a group's: its members').
fn setters(q: &QueryParam) -> Vec<String> {
    let n = bare(&q.name.rust);
    match &q.kind {
        QueryKindIr::Group { members } => members.iter().flat_map(setters).collect(),
        _ if q.required => Vec::new(),
        QueryKindIr::Value {
            null_value: Some(_),
            ..
        } => vec![format!("`.{n}(..)`"), format!("`.{n}_null()`")],
        QueryKindIr::Value { .. }
        | QueryKindIr::List { .. }
        | QueryKindIr::Ordering { .. }
        | QueryKindIr::Range { .. }
        | QueryKindIr::Tristate { .. }
        | QueryKindIr::Object { .. } => vec![format!("`.{n}(..)`")],
    }
}

/// Arguments of the client method that a parameter (or a group's members) adds.
fn arguments(q: &QueryParam) -> Vec<String> {
    match &q.kind {
        QueryKindIr::Group { members } => members.iter().flat_map(arguments).collect(),
        _ if q.required => vec![format!("`{}`", bare(&q.name.rust))],
        QueryKindIr::Value { .. }
        | QueryKindIr::List { .. }
        | QueryKindIr::Ordering { .. }
        | QueryKindIr::Range { .. }
        | QueryKindIr::Tristate { .. }
        | QueryKindIr::Object { .. } => Vec::new(),
    }
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
    if let QueryKindIr::Ordering { type_name, .. } = &q.kind {
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
    if let QueryKindIr::Ordering { type_name, .. } = &q.kind {
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

/// Whether the parameter's own name goes on the wire (ranges send their bounds, groups
/// their members, `field_flag` orderings two other parameters).
fn sends_own_name(kind: &QueryKindIr) -> bool {
    match kind {
        QueryKindIr::Value { .. } | QueryKindIr::List { .. } | QueryKindIr::Tristate { .. } => true,
        QueryKindIr::Ordering { style, .. } => match style {
            OrderingStyle::Prefix | OrderingStyle::Suffix => true,
            OrderingStyle::FieldFlag => false,
        },
        // An object's members go out under its name (`name[member]`).
        QueryKindIr::Object { .. } => true,
        QueryKindIr::Range { .. } | QueryKindIr::Group { .. } => false,
    }
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
    let is_group = matches!(y_kind, QueryKindIr::Group { .. });
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
        match sends_own_name(y_kind) {
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

fn kind(
    cx: &mut Cx<'_>,
    op: &Op<'_>,
    at: &Location,
    takes: &str,
    n: &str,
    x: &QueryKindIr,
    y: &QueryKindIr,
) {
    match (x, y) {
        (
            QueryKindIr::Value {
                ty: xt,
                null_value: xn,
            },
            QueryKindIr::Value {
                ty: yt,
                null_value: yn,
            },
        ) => {
            cx.retyped(at, (xt, false), (yt, false), |a, b| {
                format!("{takes} `impl Into<{b}>` instead of `impl Into<{a}>`")
            });
            null_value(cx, at, n, xn.as_deref(), yn.as_deref());
        }
        (QueryKindIr::List { ty: xt, style: xs }, QueryKindIr::List { ty: yt, style: ys }) => {
            cx.retyped(at, (xt, false), (yt, false), |a, b| {
                format!("{takes} items of `{b}` instead of `{a}`")
            });
            list_style(cx, at, "values", xs, ys);
        }
        (
            QueryKindIr::Ordering {
                type_name: xt,
                fields: xf,
                multi: xm,
                style: xs,
                field_param: xfp,
                reversed_param: xrp,
                suffix: xsf,
                list: xl,
            },
            QueryKindIr::Ordering {
                type_name: yt,
                fields: yf,
                multi: ym,
                style: ys,
                field_param: yfp,
                reversed_param: yrp,
                suffix: ysf,
                list: yl,
            },
        ) => {
            if xt != yt {
                cx.breaking(
                    at,
                    format!("field enum `{xt}` → `{yt}`"),
                    format!("code naming `{xt}` stops compiling"),
                );
            }
            enums::diff_enum(cx, at, yt, "field", xf, yf);
            match (xm, ym) {
                (false, true) => cx.breaking(
                    at,
                    "several fields at once (multi)",
                    format!("{takes} an iterator of orders instead of one order"),
                ),
                (true, false) => cx.breaking(
                    at,
                    "one field at a time (no longer multi)",
                    format!("{takes} one order instead of an iterator of orders"),
                ),
                (true, true) | (false, false) => {}
            }
            list_style(cx, at, "fields", xl, yl);
            if xs != ys || xfp != yfp || xrp != yrp || xsf != ysf {
                let sent = |s: &OrderingStyle, fp: &str, rp: &str| match s {
                    OrderingStyle::Prefix => "`-`-prefixed fields".to_string(),
                    OrderingStyle::FieldFlag => format!("`{fp}` and `{rp}`"),
                    OrderingStyle::Suffix => "fields with a direction suffix".to_string(),
                };
                cx.behaviour(
                    at,
                    "sent differently",
                    format!(
                        "orders are sent as {} instead of {}",
                        sent(ys, yfp, yrp),
                        sent(xs, xfp, xrp)
                    ),
                );
            }
        }
        (
            QueryKindIr::Range {
                ty: xt,
                from: xf,
                to: xto,
            },
            QueryKindIr::Range {
                ty: yt,
                from: yf,
                to: yto,
            },
        ) => {
            cx.retyped(at, (xt, false), (yt, false), |a, b| {
                format!("{takes} `Range<{b}>` instead of `Range<{a}>`")
            });
            if xf != yf || xto != yto {
                cx.behaviour(
                    at,
                    format!("bounds `{xf}`/`{xto}` → `{yf}`/`{yto}`"),
                    format!("the bounds are sent as `{yf}` and `{yto}`"),
                );
            }
        }
        (QueryKindIr::Tristate { all_value: xa }, QueryKindIr::Tristate { all_value: ya }) => {
            if xa != ya {
                cx.behaviour(
                    at,
                    format!("`all` literal `{xa}` → `{ya}`"),
                    format!("`TriState::All` is sent as `{ya}`"),
                );
            }
        }
        (QueryKindIr::Group { members: xm }, QueryKindIr::Group { members: ym }) => {
            diff_query(cx, op, at, "member", xm, ym);
        }
        (QueryKindIr::Object { ty: xt, lists: xl }, QueryKindIr::Object { ty: yt, lists: yl }) => {
            cx.retyped(at, (xt, false), (yt, false), |a, b| {
                format!("{takes} `impl Into<{b}>` instead of `impl Into<{a}>`")
            });
            if xl != yl {
                cx.behaviour(
                    at,
                    format!("lists inside: `{}` keys → `{}`", xl.as_str(), yl.as_str()),
                    format!(
                        "list members are sent with `{}` keys instead of `{}`",
                        yl.as_str(),
                        xl.as_str()
                    ),
                );
            }
        }
        (
            QueryKindIr::Value { .. }
            | QueryKindIr::List { .. }
            | QueryKindIr::Ordering { .. }
            | QueryKindIr::Range { .. }
            | QueryKindIr::Tristate { .. }
            | QueryKindIr::Group { .. }
            | QueryKindIr::Object { .. },
            QueryKindIr::Value { .. }
            | QueryKindIr::List { .. }
            | QueryKindIr::Ordering { .. }
            | QueryKindIr::Range { .. }
            | QueryKindIr::Tristate { .. }
            | QueryKindIr::Group { .. }
            | QueryKindIr::Object { .. },
        ) => {
            let direction = match (one_or_list(x), one_or_list(y)) {
                (Some((a, false)), Some((b, true))) if a == b => " (widened: one value → a list)",
                (Some((a, true)), Some((b, false))) if a == b => " (narrowed: a list → one value)",
                (Some(_) | None, Some(_) | None) => "",
            };
            cx.breaking(
                at,
                format!("kind `{}` → `{}`{direction}", kind_name(x), kind_name(y)),
                format!(
                    "the builder methods change: {} instead of {}",
                    describe(y, n),
                    describe(x, n)
                ),
            );
        }
    }
}

/// The item type of a `value` (`false`) or `csv` (`true`) parameter.
fn one_or_list(kind: &QueryKindIr) -> Option<(&Ty, bool)> {
    match kind {
        QueryKindIr::Value { ty, .. } => Some((ty, false)),
        QueryKindIr::List { ty, .. } => Some((ty, true)),
        QueryKindIr::Ordering { .. }
        | QueryKindIr::Range { .. }
        | QueryKindIr::Tristate { .. }
        | QueryKindIr::Group { .. }
        | QueryKindIr::Object { .. } => None,
    }
}

/// What a parameter of this kind offers the caller, for kind changes.
fn describe(kind: &QueryKindIr, n: &str) -> String {
    match kind {
        QueryKindIr::Value { .. } => format!("`.{n}(value)`"),
        QueryKindIr::List { .. } => format!("`.{n}(values)`"),
        QueryKindIr::Ordering { .. } => format!("`.{n}(order)`"),
        QueryKindIr::Range { .. } => format!("`.{n}(range)`"),
        QueryKindIr::Tristate { .. } => format!("`.{n}(TriState)`"),
        QueryKindIr::Object { .. } => format!("`.{n}(object)`"),
        QueryKindIr::Group { members } => {
            let names: Vec<String> = members
                .iter()
                .map(|m| format!("`.{}(..)`", bare(&m.name.rust)))
                .collect();
            names.join(", ")
        }
    }
}

fn null_value(cx: &mut Cx<'_>, at: &Location, n: &str, x: Option<&str>, y: Option<&str>) {
    match (x, y) {
        (None, Some(lit)) => cx.compatible(
            at,
            format!("null literal `{lit}` added"),
            format!("new builder method `.{n}_null()`"),
        ),
        (Some(_), None) => cx.breaking(
            at,
            "null literal removed",
            format!("calls to `.{n}_null()` stop compiling"),
        ),
        (Some(a), Some(b)) if a != b => cx.behaviour(
            at,
            format!("null literal `{a}` → `{b}`"),
            format!("`.{n}_null()` sends `{b}`"),
        ),
        (Some(_), Some(_)) | (None, None) => {}
    }
}
