//! Request headers: the API's constant headers (a wire change only) and each operation's
//! header parameters (required ones are arguments of the client method, the others
//! builder setters): added, removed, made required or optional, retyped, made secret.

use super::context::{bare, Cx};
use super::query::Op;
use super::report::Location;
use crate::ir::HeaderParam;

/// The constant headers of the `api` section, paired by name (case-insensitive).
pub fn diff_api_headers(cx: &mut Cx<'_>, a: &[(String, String)], b: &[(String, String)]) {
    let at = Location::default();
    for (name, value) in b {
        let at = at.child("constant header", name);
        match a.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            None => cx.behaviour(
                &at,
                format!("sent with every request: `{value}`"),
                "a wire change: every request carries the new header",
            ),
            Some((_, old)) if old != value => cx.behaviour(
                &at,
                format!("`{old}` → `{value}`"),
                "a wire change: every request carries the new value",
            ),
            Some(_) => {}
        }
    }
    for (name, value) in a {
        if !b.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            cx.behaviour(
                &at.child("constant header", name),
                format!("no longer sent (was `{value}`)"),
                "a wire change: requests no longer carry the header",
            );
        }
    }
}

/// An operation's header parameters, paired by header name (case-insensitive; lowering
/// keeps each name once).
pub fn diff_headers(cx: &mut Cx<'_>, op: &Op<'_>, a: &[HeaderParam], b: &[HeaderParam]) {
    let find = |hs: &'_ [HeaderParam], h: &HeaderParam| {
        hs.iter()
            .position(|x| x.name.wire.eq_ignore_ascii_case(&h.name.wire))
    };
    let m = op.method;
    for x in a {
        let at = op.at.child("header", &x.name.wire);
        let n = bare(&x.name.rust);
        match find(b, x) {
            Some(j) => header(cx, op, x, &b[j]),
            None => {
                let why = match x.required {
                    true => format!("`{m}(..)` loses its argument `{n}`"),
                    false => format!("calls of `.{n}(..)` stop compiling"),
                };
                cx.breaking(&at, "removed", why);
            }
        }
    }
    for y in b.iter().filter(|y| find(a, y).is_none()) {
        let at = op.at.child("header", &y.name.wire);
        let n = bare(&y.name.rust);
        match y.required {
            true => cx.breaking(
                &at,
                "added, required",
                format!("`{m}(..)` takes a new argument `{n}`"),
            ),
            false => cx.compatible(&at, "added, optional", format!("builders gain `.{n}(..)`")),
        }
    }
}

fn header(cx: &mut Cx<'_>, op: &Op<'_>, x: &HeaderParam, y: &HeaderParam) {
    let HeaderParam {
        name: xn,
        ty: xt,
        required: xr,
        secret: xs,
        docs: xd,
    } = x;
    let HeaderParam {
        name: yn,
        ty: yt,
        required: yr,
        secret: ys,
        docs: yd,
    } = y;
    let at = op.at.child("header", &yn.wire);
    cx.docs(xd, yd);
    let (m, n) = (op.method, bare(&yn.rust));
    if xn.wire != yn.wire && xn.rust == yn.rust {
        cx.docs(&xn.wire, &yn.wire);
    }
    if xn.rust != yn.rust {
        cx.breaking(
            &at,
            format!("`{}` → `{n}`", bare(&xn.rust)),
            "code naming the old setter stops compiling",
        );
    }
    match (xr, yr) {
        (false, true) => cx.breaking(
            &at,
            "made required",
            format!("`{m}(..)` takes a new argument `{n}`; `.{n}(..)` is gone"),
        ),
        (true, false) => cx.breaking(
            &at,
            "made optional",
            format!("`{m}(..)` loses its argument `{n}`; set it with `.{n}(..)`"),
        ),
        _ => {}
    }
    cx.retyped(&at, (xt, *xs), (yt, *ys), |a, b| {
        format!("the header takes `{b}` instead of `{a}`")
    });
}
