//! An example's query values, per construct: a plain value or a `csv` list under its wire
//! name; an ordering under the parameter's name as its fields (`-` marks descending); a
//! range as its two bound parameters; a tristate as `true`, `false` or its all-value; an
//! object as its JSON value.

use super::{located, Checker, Mode};
use crate::diag::hint;
use crate::input::ExampleRequest;
use crate::ir::{self, QueryKindIr, QueryParam, Ty};
use crate::lower::{At, Ctx};
use serde_json::{Map, Value};

/// Every query slot (group members are their own), in the operation's order.
pub(super) fn slots(op: &ir::Operation) -> Vec<&QueryParam> {
    op.query
        .iter()
        .flat_map(|q| match &q.kind {
            QueryKindIr::Group { members } => members.iter().collect::<Vec<_>>(),
            _ => vec![q],
        })
        .collect()
}

/// The names an example may set for a slot.
fn keys(q: &QueryParam) -> Vec<&str> {
    match &q.kind {
        QueryKindIr::Range { from, to, .. } => vec![from.as_str(), to.as_str()],
        _ => vec![q.name.wire.as_str()],
    }
}

/// The example's query values, keyed by slot name in the operation's order (a range as
/// `{from, to}`); `None` after reporting errors.
pub(super) fn lower(
    cx: &mut Ctx<'_>,
    checker: &Checker<'_>,
    op: &ir::Operation,
    request: &ExampleRequest,
    at: &At,
    rat: &At,
) -> Option<Vec<(String, Value)>> {
    let mut ok = true;
    let slots = slots(op);
    let strict = Mode {
        lenient: false,
        request: true,
    };
    let mut out = Vec::new();
    for q in &slots {
        let qat = |key: &str| rat.key("query").key(key);
        let check =
            |cx: &mut Ctx<'_>, key: &str, v: &Value, ty: &Ty| match checker.check(v, ty, strict) {
                Ok(()) => true,
                Err(f) => {
                    cx.error(&f.at(&qat(key)), located(&f));
                    false
                }
            };
        let name = &q.name.wire;
        let value = match &q.kind {
            QueryKindIr::Range { ty, from, to } => {
                let mut bounds = Map::new();
                for (side, key) in [("from", from), ("to", to)] {
                    if let Some(v) = request.query.get(key) {
                        ok &= check(cx, key, v, ty);
                        bounds.insert(side.to_string(), v.clone());
                    }
                }
                (!bounds.is_empty()).then_some(Value::Object(bounds))
            }
            QueryKindIr::Value { ty, .. } => {
                let v = request.query.get(name);
                if let Some(v) = v.filter(|v| !v.is_null() || q.required) {
                    ok &= check(cx, name, v, ty);
                }
                v.cloned()
            }
            QueryKindIr::List { ty, .. } => {
                let v = request.query.get(name);
                if let Some(v) = v {
                    ok &= check(cx, name, v, &Ty::List(Box::new(ty.clone())));
                }
                v.cloned()
            }
            QueryKindIr::Tristate { all_value } => {
                let v = request.query.get(name);
                match v {
                    Some(Value::Bool(_)) | None => {}
                    Some(Value::String(s)) if s == all_value => {}
                    Some(_) => {
                        cx.error(
                            &qat(name),
                            format!("`{name}` takes `true`, `false` or `{all_value}`"),
                        );
                        ok = false;
                    }
                }
                v.cloned()
            }
            QueryKindIr::Ordering { fields, multi, .. } => {
                let v = request.query.get(name);
                let items: Vec<&Value> = match v {
                    None => Vec::new(),
                    Some(Value::Array(items)) if *multi => items.iter().collect(),
                    Some(one @ Value::String(_)) => vec![one],
                    Some(_) => {
                        let what = if *multi {
                            "a field or a list of fields"
                        } else {
                            "one field"
                        };
                        cx.error(
                            &qat(name),
                            format!(
                                "`{name}` takes {what}, each `-` prefixed for descending order"
                            ),
                        );
                        ok = false;
                        Vec::new()
                    }
                };
                for item in items {
                    let field = item.as_str().unwrap_or_default();
                    let field = field.strip_prefix('-').unwrap_or(field);
                    if !fields.variants.iter().any(|x| x.wire == field) {
                        let listed = fields.variants.iter().map(|x| x.wire.as_str());
                        cx.error(
                            &qat(name),
                            format!(
                                "`{field}` is not a listed field of the ordering `{name}`{}",
                                hint(field, listed)
                            ),
                        );
                        ok = false;
                    }
                }
                v.cloned()
            }
            QueryKindIr::Group { .. } => None,
            QueryKindIr::Object { ty, .. } => {
                let v = request.query.get(name);
                match v {
                    Some(v) if check(cx, name, v, ty) => Some(checker.wire(v, ty)),
                    Some(_) => {
                        ok = false;
                        v.cloned()
                    }
                    None => None,
                }
            }
        };
        match value {
            Some(v) => out.push((name.clone(), v)),
            None if q.required => {
                cx.error(
                    at,
                    format!("the example sets no value for the required query parameter `{name}`"),
                );
                ok = false;
            }
            None => {}
        }
    }
    for key in request.query.keys() {
        if !slots.iter().any(|q| keys(q).contains(&key.as_str())) {
            let names = slots.iter().flat_map(|q| keys(q));
            cx.error_at_key(
                &rat.key("query").key(key),
                format!(
                    "`{key}` is not a query parameter of `{}`{}",
                    op.name.wire,
                    hint(key, names)
                ),
            );
            ok = false;
        }
    }
    ok.then_some(out)
}
