//! Operations: added, removed (a rename is both), builder type, method and path (wire
//! changes), path parameters, the order of the client method's arguments, response and
//! error types, pagination (`stream()`), retries, credentials and session roles. Query
//! parameters and bodies are compared by [`super::query`] and [`super::body`].

use super::body;
use super::context::{bare, list, pair, reordered, Cx, Paired};
use super::fields::is_arg;
use super::query::{self, Op};
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{
    Api, Group, Operation, Pagination, PaginationStyle, PathParam, QueryParam, Response, Scalar,
    SessionRole, Ty,
};

/// An operation with the spec file it is written in.
struct InFile<'a> {
    file: &'a str,
    op: &'a Operation,
}

fn operations(api: &Api) -> Vec<InFile<'_>> {
    let mut out = Vec::new();
    for g in &api.groups {
        // The module is private (its items are re-exported): only the file shows, in docs.
        let Group {
            module: _,
            file,
            operations,
        } = g;
        out.extend(operations.iter().map(|op| InFile { file, op }));
    }
    out.sort_by(|a, b| a.op.name.rust.cmp(&b.op.name.rust));
    out
}

/// Compares the operations of the API.
pub fn diff_operations(cx: &mut Cx<'_>) {
    let (old, new) = (operations(cx.old.api), operations(cx.new.api));
    let by_rust: for<'k> fn(&'k InFile<'_>) -> &'k str = |o| &o.op.name.rust;
    for p in pair(&old, &new, &[by_rust]) {
        match p {
            Paired::Added(o) => cx.push(
                &Location::default().child("operation", &o.op.name.wire),
                ChangeKind::Added,
                Impact::Compatible,
                format!("added ({} {})", o.op.method.as_str(), o.op.path),
                format!(
                    "new method `{}::{}(..)` and builder `{}`",
                    cx.new.api.client,
                    bare(&o.op.name.rust),
                    o.op.builder
                ),
            ),
            Paired::Removed(o) => cx.push(
                &Location::default().child("operation", &o.op.name.wire),
                ChangeKind::Removed,
                Impact::Breaking,
                format!("removed ({} {})", o.op.method.as_str(), o.op.path),
                format!(
                    "calls to `{}(..)` and code naming `{}` stop compiling",
                    bare(&o.op.name.rust),
                    o.op.builder
                ),
            ),
            Paired::Both(x, y) => {
                // Moved to another spec file of the API: the paths differ in their prefix
                // (`main:spec/..` and `spec/..`), so compare file names.
                let name = |f: &'_ str| f.rsplit('/').next().unwrap_or_default().to_string();
                cx.docs(&name(x.file), &name(y.file));
                operation(cx, x.op, y.op);
            }
        }
    }
}

/// The client method's arguments in order: path parameters, required query parameters
/// (group members included), then the body or its required members.
fn arguments(op: &Operation) -> Vec<String> {
    fn required(q: &QueryParam, out: &mut Vec<String>) {
        match q.kind.unit().members() {
            [] if q.required => out.push(bare(&q.name.rust).to_string()),
            [] => {}
            members => members.iter().for_each(|m| required(m, out)),
        }
    }
    let mut out: Vec<String> = op
        .path_params
        .iter()
        .map(|p| bare(&p.name.rust).to_string())
        .collect();
    op.query.iter().for_each(|q| required(q, &mut out));
    out.extend(
        op.headers
            .iter()
            .filter(|h| h.required)
            .map(|h| bare(&h.name.rust).to_string()),
    );
    match (&op.body, &op.inline_body) {
        (Some(_), None) => out.push("body".to_string()),
        (Some(_), Some(fields)) => out.extend(
            fields
                .iter()
                .filter(|f| is_arg(f))
                .map(|f| bare(&f.name.rust).to_string()),
        ),
        (None, _) => {}
    }
    out
}

fn operation(cx: &mut Cx<'_>, x: &Operation, y: &Operation) {
    let Operation {
        name: x_name,
        builder: x_builder,
        method: x_method,
        path: x_path,
        // The path split up: compared as `path`.
        segments: _,
        summary: x_summary,
        docs: x_docs,
        path_params: x_path_params,
        query: x_query,
        headers: x_headers,
        body: x_body,
        body_encoding: x_encoding,
        inline_body: x_inline,
        response: x_response,
        error_body: x_error,
        retry_safe: x_retry,
        authenticated: x_auth,
        pagination: x_pages,
        session_role: x_role,
        // Documentation and tests, not API: counted as a documentation change.
        examples: x_examples,
    } = x;
    let Operation {
        name: y_name,
        builder: y_builder,
        method: y_method,
        path: y_path,
        segments: _,
        summary: y_summary,
        docs: y_docs,
        path_params: y_path_params,
        query: y_query,
        headers: y_headers,
        body: y_body,
        body_encoding: y_encoding,
        inline_body: y_inline,
        response: y_response,
        error_body: y_error,
        retry_safe: y_retry,
        authenticated: y_auth,
        pagination: y_pages,
        session_role: y_role,
        examples: y_examples,
    } = y;
    let at = Location::default().child("operation", &y_name.wire);
    let m = bare(&y_name.rust);
    cx.docs(x_summary, y_summary);
    cx.docs(x_docs, y_docs);
    cx.docs(x_examples, y_examples);
    if x_name.wire != y_name.wire {
        cx.behaviour(
            &at,
            format!("spec name `{}` → `{}`", x_name.wire, y_name.wire),
            "errors and traces name the operation differently",
        );
    }
    if x_builder != y_builder {
        cx.breaking(
            &at,
            format!("builder type `{x_builder}` → `{y_builder}`"),
            format!("code naming `{x_builder}` stops compiling"),
        );
    }
    if x_method != y_method {
        cx.behaviour(
            &at,
            format!("method `{}` → `{}`", x_method.as_str(), y_method.as_str()),
            format!(
                "a wire change: requests are sent as `{}`; the Rust API is the same",
                y_method.as_str()
            ),
        );
    }
    if x_path != y_path {
        cx.behaviour(
            &at,
            format!("path `{x_path}` → `{y_path}`"),
            format!("a wire change: requests go to `{y_path}`; the Rust API is the same"),
        );
    }
    let op = Op { at: &at, method: m };
    path_params(cx, &op, x_path_params, y_path_params);
    query::diff_query(cx, &op, &at, "query parameter", x_query, y_query);
    super::headers::diff_headers(cx, &op, x_headers, y_headers);
    body::diff_body(cx, &op, (x_body, x_inline), (y_body, y_inline));
    if x_body.is_some() && y_body.is_some() && x_encoding != y_encoding {
        let show = |e: &crate::ir::BodyEncoding| match e {
            crate::ir::BodyEncoding::Json => "JSON".to_string(),
            crate::ir::BodyEncoding::Form(l) => format!("a form (lists `{}`)", l.as_str()),
            crate::ir::BodyEncoding::Multipart(l) => {
                format!("multipart (lists `{}`)", l.as_str())
            }
            crate::ir::BodyEncoding::Binary { content_type } => format!("raw `{content_type}`"),
        };
        cx.behaviour(
            &at.child("body", ""),
            format!(
                "sent as {} instead of {}",
                show(y_encoding),
                show(x_encoding)
            ),
            "a wire change: the same value goes out in another encoding; the Rust API is the same",
        );
    }
    let (old_args, new_args) = (arguments(x), arguments(y));
    if reordered(&old_args, &new_args) {
        cx.breaking(
            &at,
            format!(
                "arguments of `{m}(..)` reordered: ({}) → ({})",
                list(&old_args),
                list(&new_args)
            ),
            "calls still compile when the types agree, but pass values to the wrong parameters",
        );
    }
    response(cx, &at, x_response, y_response);
    let json = Ty::Scalar(Scalar::Json);
    let (xe, ye) = (
        x_error.as_ref().unwrap_or(&json),
        y_error.as_ref().unwrap_or(&json),
    );
    cx.retyped(
        &at.child("error body", ""),
        (xe, false),
        (ye, false),
        |a, b| format!("`send()` fails with `Error<{b}>` instead of `Error<{a}>`"),
    );
    if x_retry != y_retry {
        let (what, why) = match y_retry {
            true => (
                "made retry-safe",
                "requests are now retried on transient failures",
            ),
            false => (
                "no longer retry-safe",
                "requests are no longer retried on transient failures",
            ),
        };
        cx.behaviour(&at, what, why);
    }
    if x_auth != y_auth {
        let (what, why) = match y_auth {
            true => (
                "now authenticated",
                "requests now carry the API's credentials",
            ),
            false => (
                "no longer authenticated",
                "requests no longer carry the API's credentials",
            ),
        };
        cx.behaviour(&at, what, why);
    }
    pagination(cx, &at, y_builder, x_pages.as_ref(), y_pages.as_ref());
    session_role(cx, &at, *x_role, *y_role);
}

/// Path parameters are positional arguments of the client method. With as many on both
/// sides they are paired by position (a renamed parameter only changes docs; one moved
/// elsewhere in the path shows as reordered arguments), otherwise by name.
fn path_params(cx: &mut Cx<'_>, op: &Op<'_>, a: &[PathParam], b: &[PathParam]) {
    let m = op.method;
    let pairs: Vec<Paired<'_, PathParam>> = match a.len() == b.len() {
        true => a.iter().zip(b).map(|(x, y)| Paired::Both(x, y)).collect(),
        false => {
            let by_wire: fn(&PathParam) -> &str = |p| &p.name.wire;
            let by_rust: fn(&PathParam) -> &str = |p| &p.name.rust;
            pair(a, b, &[by_wire, by_rust])
        }
    };
    for p in pairs {
        match p {
            Paired::Added(y) => cx.push(
                &op.at.child("path parameter", &y.name.wire),
                ChangeKind::Added,
                Impact::Breaking,
                "added",
                format!("`{m}(..)` takes a new argument `{}`", bare(&y.name.rust)),
            ),
            Paired::Removed(x) => cx.push(
                &op.at.child("path parameter", &x.name.wire),
                ChangeKind::Removed,
                Impact::Breaking,
                "removed",
                format!("`{m}(..)` loses the argument `{}`", bare(&x.name.rust)),
            ),
            Paired::Both(x, y) => path_param(cx, op, x, y),
        }
    }
}

fn path_param(cx: &mut Cx<'_>, op: &Op<'_>, x: &PathParam, y: &PathParam) {
    let PathParam {
        name: x_name,
        ty: x_ty,
        docs: x_docs,
    } = x;
    let PathParam {
        name: y_name,
        ty: y_ty,
        docs: y_docs,
    } = y;
    cx.docs(x_docs, y_docs);
    cx.docs(x_name, y_name);
    let at = op.at.child("path parameter", &y_name.wire);
    let (m, n) = (op.method, bare(&y_name.rust));
    cx.retyped(&at, (x_ty, false), (y_ty, false), |a, b| {
        format!(
            "the argument `{n}` of `{m}(..)` takes `impl Into<{b}>` instead of `impl Into<{a}>`"
        )
    });
}

fn response(cx: &mut Cx<'_>, at: &Location, x: &Response, y: &Response) {
    let Response {
        ty: x_ty,
        unwrap: x_unwrap,
        docs: x_docs,
        headers: x_headers,
    } = x;
    let Response {
        ty: y_ty,
        unwrap: y_unwrap,
        docs: y_docs,
        headers: y_headers,
    } = y;
    let at = at.child("response", "");
    cx.docs(x_docs, y_docs);
    response_headers(cx, &at, x_headers, y_headers);
    // No response type is any JSON.
    let json = Ty::Scalar(Scalar::Json);
    let (xt, yt) = (
        x_ty.as_ref().unwrap_or(&json),
        y_ty.as_ref().unwrap_or(&json),
    );
    cx.retyped(&at, (xt, false), (yt, false), |a, b| {
        format!("`send()` returns `{b}` instead of `{a}`")
    });
    match (x_unwrap, y_unwrap) {
        (None, Some(k)) => cx.behaviour(
            &at,
            format!("unwraps `{k}`"),
            format!("the value is read from the body's `{k}` member"),
        ),
        (Some(k), None) => cx.behaviour(
            &at,
            format!("no longer unwraps `{k}`"),
            "the value is the whole body",
        ),
        (Some(a), Some(b)) if a != b => cx.behaviour(
            &at,
            format!("unwraps `{b}` instead of `{a}`"),
            format!("the value is read from the body's `{b}` member"),
        ),
        (Some(_), Some(_)) | (None, None) => {}
    }
}

/// Documented response headers: each is an accessor of `typed_headers()`.
fn response_headers(
    cx: &mut Cx<'_>,
    at: &Location,
    x: &[crate::ir::ResponseHeader],
    y: &[crate::ir::ResponseHeader],
) {
    let find = |list: &'_ [crate::ir::ResponseHeader], wire: &str| {
        list.iter()
            .position(|h| h.name.wire.eq_ignore_ascii_case(wire))
    };
    for old in x {
        let hat = at.child("header", &old.name.wire);
        let acc = bare(&old.name.rust);
        match find(y, &old.name.wire).map(|i| &y[i]) {
            None => cx.breaking(
                &hat,
                "removed",
                format!("the accessor `typed_headers().{acc}()` is gone"),
            ),
            Some(new) => {
                cx.docs(&old.docs, &new.docs);
                if new.ty != old.ty {
                    cx.breaking(
                        &hat,
                        format!(
                            "type changed: {} → {}",
                            old.ty.spec_name(),
                            new.ty.spec_name()
                        ),
                        format!("`typed_headers().{acc}()` returns another type"),
                    );
                } else if new.name.rust != old.name.rust {
                    cx.breaking(
                        &hat,
                        format!("renamed in Rust: `{acc}` → `{}`", bare(&new.name.rust)),
                        "code calling the old accessor stops compiling",
                    );
                }
            }
        }
    }
    for new in y {
        if find(x, &new.name.wire).is_none() {
            cx.compatible(
                &at.child("header", &new.name.wire),
                "added",
                format!(
                    "a new accessor `typed_headers().{}()`",
                    bare(&new.name.rust)
                ),
            );
        }
    }
}

fn style_name(style: PaginationStyle) -> &'static str {
    style.as_str()
}

/// An optional pagination setting as the diff shows it.
fn shown(v: &Option<String>) -> String {
    v.as_deref()
        .map_or_else(|| "none".to_string(), |v| format!("`{v}`"))
}

fn pagination(
    cx: &mut Cx<'_>,
    at: &Location,
    builder: &str,
    x: Option<&Pagination>,
    y: Option<&Pagination>,
) {
    let at = at.child("pagination", "");
    match (x, y) {
        (None, None) => {}
        (None, Some(p)) => cx.push(
            &at,
            ChangeKind::Added,
            Impact::Compatible,
            format!("added ({})", style_name(p.style)),
            format!("new methods `{builder}::stream()` and `{builder}::pages()`"),
        ),
        (Some(_), None) => cx.push(
            &at,
            ChangeKind::Removed,
            Impact::Breaking,
            "removed",
            format!("calls to `{builder}::stream()` and `{builder}::pages()` stop compiling"),
        ),
        (Some(x), Some(y)) => {
            let Pagination {
                style: x_style,
                size: x_size,
                position: x_position,
                default_size: x_default,
                items: x_items,
                next: x_next,
                id: x_id,
                has_more: x_more,
                total: x_total,
                item: x_item,
            } = x;
            let Pagination {
                style: y_style,
                size: y_size,
                position: y_position,
                default_size: y_default,
                items: y_items,
                next: y_next,
                id: y_id,
                has_more: y_more,
                total: y_total,
                item: y_item,
            } = y;
            if x_style != y_style {
                cx.behaviour(
                    &at,
                    format!(
                        "style `{}` → `{}`",
                        style_name(*x_style),
                        style_name(*y_style)
                    ),
                    "`stream()` walks the pages and decides where they end differently",
                );
            }
            if x_size != y_size || x_position != y_position {
                let (xs, xp, ys, yp) = (
                    shown(x_size),
                    shown(x_position),
                    shown(y_size),
                    shown(y_position),
                );
                cx.behaviour(
                    &at,
                    format!("parameters {xs}/{xp} → {ys}/{yp}"),
                    format!("`stream()` sets {ys} and {yp}"),
                );
            }
            let read: [(&str, &Option<String>, &Option<String>, &str); 5] = [
                ("items", x_items, y_items, "reads the items at"),
                ("next", x_next, y_next, "reads the next cursor or URL at"),
                ("id", x_id, y_id, "sends the last item's"),
                ("has_more", x_more, y_more, "stops when this flag is false:"),
                (
                    "total",
                    x_total,
                    y_total,
                    "stops once this many items were read:",
                ),
            ];
            for (key, a, b, does) in read {
                if a != b {
                    cx.behaviour(
                        &at,
                        format!("`{key}` {} → {}", shown(a), shown(b)),
                        format!("`stream()` {does} {}", shown(b)),
                    );
                }
            }
            if x_default != y_default {
                cx.behaviour(
                    &at,
                    format!("default page size {x_default} → {y_default}"),
                    format!("`stream()` asks for {y_default} items a page unless a size is set"),
                );
            }
            cx.retyped(&at, (x_item, false), (y_item, false), |a, b| {
                format!("`stream()` yields `{b}` instead of `{a}`")
            });
        }
    }
}

fn role_name(role: SessionRole) -> &'static str {
    match role {
        SessionRole::Login => "login",
        SessionRole::Refresh => "refresh",
        SessionRole::Logout => "logout",
    }
}

fn session_role(cx: &mut Cx<'_>, at: &Location, x: Option<SessionRole>, y: Option<SessionRole>) {
    let does = |r: SessionRole| match r {
        SessionRole::Login | SessionRole::Refresh => "stores the session tokens it returns",
        SessionRole::Logout => "drops the stored session tokens",
    };
    match (x, y) {
        (None, Some(r)) => cx.behaviour(
            at,
            format!("now the session's {} operation", role_name(r)),
            format!("`send()` {}", does(r)),
        ),
        (Some(r), None) => cx.behaviour(
            at,
            format!("no longer the session's {} operation", role_name(r)),
            format!("`send()` no longer {}", does(r)),
        ),
        (Some(a), Some(b)) if a != b => cx.behaviour(
            at,
            format!("session role {} → {}", role_name(a), role_name(b)),
            format!("`send()` {}", does(b)),
        ),
        (Some(_), Some(_)) | (None, None) => {}
    }
}
