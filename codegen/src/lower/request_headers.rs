//! Lowering of request headers: the API's constant headers (`api.headers`) and each
//! operation's typed header parameters (`headers`). Valid HTTP names, each once (names are
//! case-insensitive), none the client sets itself, one value a header can carry, `secret`
//! only for text, and argument names that do not collide with the builder's others.

use indexmap::IndexMap;

use super::{At, Ctx, ModelTable, YPath};
use crate::input::RequestHeader as InHeader;
use crate::ir::{AuthKindIr, Group, HeaderParam, Name, Scalar, Ty};
use crate::naming::{self, Scope};

/// Headers the runtime writes itself, and what to use instead.
const RESERVED: &[(&str, &str)] = &[
    ("accept", "the runtime asks for JSON itself"),
    (
        "authorization",
        "declare an `auth` scheme in the `api` section",
    ),
    ("connection", "the HTTP client manages connections"),
    ("content-length", "the runtime sets it from the body"),
    ("content-type", "the runtime sets it from the body"),
    ("host", "the base URL decides it"),
    ("transfer-encoding", "the HTTP client decides it"),
    (
        "user-agent",
        "applications set it with `ClientConfig::user_agent`",
    ),
];

/// What the client uses instead of a header the spec must not set itself, if `name` is one.
pub(crate) fn set_by_client(name: &str) -> Option<&'static str> {
    let lower = name.to_ascii_lowercase();
    RESERVED
        .iter()
        .find(|(n, _)| *n == lower)
        .map(|(_, why)| *why)
}

/// Checks a header name: a token, listed once, not one the runtime sets. `false` after
/// an error.
fn name_ok<'e>(
    cx: &mut Ctx<'_>,
    at: &At,
    wire: &str,
    earlier: impl Iterator<Item = &'e str>,
) -> bool {
    if !super::headers::name_ok(cx, at, wire, earlier) {
        return false;
    }
    if let Some(why) = set_by_client(wire) {
        cx.error_at_key(
            at,
            format!("header `{wire}` is set by the client, not by the spec; hint: {why}"),
        );
        return false;
    }
    true
}

/// The API's constant headers, in spec order; `at` is `api.headers`.
pub(super) fn lower_api(
    cx: &mut Ctx<'_>,
    at: &At,
    headers: &IndexMap<String, String>,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for (wire, value) in headers {
        let hat = at.key(wire);
        if !name_ok(cx, &hat, wire, out.iter().map(|(n, _)| n.as_str())) {
            continue;
        }
        let visible = value
            .bytes()
            .all(|b| b == b' ' || b == b'\t' || (0x21..0x7f).contains(&b));
        if value.trim().is_empty() || value.trim() != value || !visible {
            cx.error(
                &hat,
                format!("the value of header `{wire}` must be printable ASCII text without leading or trailing spaces, got {value:?}"),
            );
            continue;
        }
        out.push((wire.clone(), value.clone()));
    }
    out
}

/// One operation's header parameters, in spec order; `at` is the operation's `headers`.
/// Each claims its Rust name in `scope` (the builder's arguments and setters).
pub(super) fn lower_op(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    at: &At,
    headers: &IndexMap<String, InHeader>,
    scope: &mut Scope,
) -> Vec<HeaderParam> {
    let mut out: Vec<HeaderParam> = Vec::new();
    for (wire, h) in headers {
        let hat = at.key(wire);
        if !name_ok(cx, &hat, wire, out.iter().map(|o| o.name.wire.as_str())) {
            continue;
        }
        let Some(ty) = table.resolve(cx, &hat.key("type"), &h.ty) else {
            continue;
        };
        if !super::is_one_value(table, &ty) {
            cx.error(
                &hat.key("type"),
                format!(
                    "header `{wire}` carries one value (a scalar such as `string`, `integer` or `date`, or an enum), not `{}`",
                    h.ty
                ),
            );
            continue;
        }
        if h.secret && ty != Ty::Scalar(Scalar::String) {
            cx.error(
                &hat.key("secret"),
                format!("`secret` is for text: header `{wire}` is `{}`; make it `string` or drop `secret`", h.ty),
            );
            continue;
        }
        let Some(rust) = naming::snake(wire) else {
            cx.error_at_key(
                &hat,
                format!("header `{wire}` gives no usable argument name"),
            );
            continue;
        };
        if let Err(earlier) = scope.claim(&rust, &format!("the header `{wire}`")) {
            cx.error_at_key(
                &hat,
                format!("header `{wire}` becomes `{rust}`, like {earlier}; rename one of them"),
            );
            continue;
        }
        out.push(HeaderParam {
            name: Name {
                wire: wire.clone(),
                rust,
            },
            ty,
            required: !h.optional,
            secret: h.secret,
            docs: h.description.clone(),
        });
    }
    out
}

/// Header parameters that name a header the API already sends: a constant header, or the
/// header an `api_key_header` scheme carries the key in.
pub(super) fn check_against_api(
    cx: &mut Ctx<'_>,
    api_at: &At,
    constant: &[(String, String)],
    auth: &[crate::ir::Auth],
    groups: &[Group],
) {
    let key_headers: Vec<(&str, &str)> = auth
        .iter()
        .filter_map(|a| match &a.kind {
            AuthKindIr::ApiKeyHeader { header, .. } => {
                Some((header.as_str(), a.name.wire.as_str()))
            }
            _ => None,
        })
        .collect();
    for (name, _) in constant {
        if let Some((_, scheme)) = key_headers
            .iter()
            .find(|(h, _)| h.eq_ignore_ascii_case(name))
        {
            cx.error_at_key(
                &api_at.key("headers").key(name),
                format!("header `{name}` carries the API key of auth scheme `{scheme}`; the client sets it"),
            );
        }
    }
    for group in groups {
        let Some(fi) = cx.files.iter().position(|f| f.path == group.file) else {
            continue;
        };
        for op in &group.operations {
            for h in &op.headers {
                let at = At::new(
                    fi,
                    YPath::keys(&["operations", &op.name.wire, "headers", &h.name.wire]),
                );
                let wire = &h.name.wire;
                if let Some((name, _)) = constant.iter().find(|(n, _)| n.eq_ignore_ascii_case(wire))
                {
                    cx.error_at_key(
                        &at,
                        format!("header `{wire}` is already sent with every request (`api.headers` has `{name}`); drop one of them"),
                    );
                }
                if let Some((_, scheme)) = key_headers
                    .iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(wire))
                {
                    cx.error_at_key(
                        &at,
                        format!("header `{wire}` carries the API key of auth scheme `{scheme}`; the client sets it"),
                    );
                }
            }
        }
    }
}
