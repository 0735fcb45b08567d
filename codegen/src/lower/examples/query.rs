//! An example's query values: each slot's construct checks the values set for it (see
//! `crate::query`); here are what is common (required slots set, no unknown keys) and the
//! checker the constructs report through.

use super::{located, Checker, Mode};
use crate::diag::hint;
use crate::input::ExampleRequest;
use crate::ir::{self, QueryParam, Ty};
use crate::lower::{At, Ctx};
use crate::query::ExampleCheck;
use serde_json::Value;

/// Every query slot (group members are their own), in the operation's order.
pub(super) fn slots(op: &ir::Operation) -> Vec<&QueryParam> {
    crate::query::params(&op.query)
}

/// The query keys an example may set for a slot.
fn keys<'q>(q: &&'q QueryParam) -> Vec<&'q str> {
    q.kind.unit().example_keys(q)
}

/// Checks values as the runtime would read them, errors located under the example's
/// `query`.
struct QueryCheck<'c, 'a, 'k> {
    cx: &'c mut Ctx<'a>,
    checker: &'c Checker<'k>,
    rat: &'c At,
    ok: bool,
}

impl ExampleCheck for QueryCheck<'_, '_, '_> {
    fn check(&mut self, key: &str, v: &Value, ty: &Ty) -> bool {
        let strict = Mode {
            lenient: false,
            request: true,
        };
        match self.checker.check(v, ty, strict) {
            Ok(()) => true,
            Err(f) => {
                let at = f.at(&self.rat.key("query").key(key));
                self.cx.error(&at, located(&f));
                self.ok = false;
                false
            }
        }
    }

    fn error(&mut self, key: &str, message: String) {
        self.cx.error(&self.rat.key("query").key(key), message);
        self.ok = false;
    }

    fn wire(&self, v: &Value, ty: &Ty) -> Value {
        self.checker.wire(v, ty)
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
    let slots = slots(op);
    let mut ex = QueryCheck {
        cx,
        checker,
        rat,
        ok: true,
    };
    let mut out = Vec::new();
    for q in &slots {
        let name = &q.name.wire;
        match q.kind.unit().example_value(q, &request.query, &mut ex) {
            Some(v) => out.push((name.clone(), v)),
            None if q.required => {
                ex.cx.error(
                    at,
                    format!("the example sets no value for the required query parameter `{name}`"),
                );
                ex.ok = false;
            }
            None => {}
        }
    }
    for key in request.query.keys() {
        if !slots.iter().any(|q| keys(q).contains(&key.as_str())) {
            let names = slots.iter().flat_map(keys);
            ex.cx.error_at_key(
                &rat.key("query").key(key),
                format!(
                    "`{key}` is not a query parameter of `{}`{}",
                    op.name.wire,
                    hint(key, names)
                ),
            );
            ex.ok = false;
        }
    }
    ex.ok.then_some(out)
}
