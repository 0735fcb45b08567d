//! Lowering of documented response headers: valid HTTP names, each once (names are
//! case-insensitive), a scalar type a header can carry, and a distinct accessor name.

use indexmap::IndexMap;

use super::{At, Ctx};
use crate::input::ResponseHeader as InHeader;
use crate::ir::{Name, ResponseHeader};
use crate::naming;
use crate::typeexpr::Scalar;

/// The types a header value can be read as.
const HEADER_TYPES: &[(&str, Scalar)] = &[
    ("string", Scalar::String),
    ("integer", Scalar::Integer),
    ("number", Scalar::Number),
    ("boolean", Scalar::Boolean),
];

/// Whether `name` is an HTTP field name (an RFC 9110 token).
pub(super) fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// Checks a header name at `at`: an HTTP token, and not one of `earlier` (names are
/// case-insensitive). `false` after an error.
pub(super) fn name_ok<'e>(
    cx: &mut Ctx<'_>,
    at: &At,
    wire: &str,
    mut earlier: impl Iterator<Item = &'e str>,
) -> bool {
    if !is_token(wire) {
        cx.error_at_key(
            at,
            format!("`{wire}` is not a valid HTTP header name (letters, digits and `-` are; spaces and `:` are not)"),
        );
        return false;
    }
    if let Some(first) = earlier.find(|o| o.eq_ignore_ascii_case(wire)) {
        cx.error_at_key(
            at,
            format!("header `{wire}` is listed twice (as `{first}` too); header names are case-insensitive, keep one"),
        );
        return false;
    }
    true
}

/// The headers of one response, in spec order; errors are located at `at` (`headers`).
pub(super) fn lower_headers(
    cx: &mut Ctx<'_>,
    at: &At,
    headers: &IndexMap<String, InHeader>,
) -> Vec<ResponseHeader> {
    let mut out: Vec<ResponseHeader> = Vec::new();
    for (wire, h) in headers {
        let hat = at.key(wire);
        if !name_ok(cx, &hat, wire, out.iter().map(|o| o.name.wire.as_str())) {
            continue;
        }
        let Some(ty) = HEADER_TYPES
            .iter()
            .find(|(n, _)| *n == h.ty.trim())
            .map(|(_, s)| *s)
        else {
            let hint = crate::diag::hint(h.ty.trim(), HEADER_TYPES.iter().map(|(n, _)| *n));
            cx.error(
                &hat.key("type"),
                format!(
                    "a response header is read as `string`, `integer`, `number` or `boolean`, not `{}`{hint}",
                    h.ty
                ),
            );
            continue;
        };
        let Some(rust) = naming::snake(wire) else {
            cx.error_at_key(&hat, format!("`{wire}` gives no usable accessor name"));
            continue;
        };
        if let Some(first) = out.iter().find(|o| o.name.rust == rust) {
            cx.error_at_key(
                &hat,
                format!(
                    "headers `{}` and `{wire}` would both have the accessor `{rust}()`; keep one",
                    first.name.wire
                ),
            );
            continue;
        }
        out.push(ResponseHeader {
            name: Name {
                wire: wire.clone(),
                rust,
            },
            ty,
            docs: h.description.clone(),
        });
    }
    out
}
