//! Where each model is used: reachable from a request body (such structs get `new(..)` and
//! `with_<field>` setters) and reachable from what operations return (responses, error
//! bodies, page items).

use super::types::Models;
use crate::ir::{Api, ModelKind, Ty};
use std::collections::BTreeSet;

/// The models reachable from each side of the API, by Rust name.
#[derive(Debug, Clone, Default)]
pub struct Usage {
    /// Reachable from a request body: structs here are built by callers.
    pub request: BTreeSet<String>,
    /// Reachable from a response, an error body or a page item: read by callers.
    pub response: BTreeSet<String>,
}

impl Usage {
    /// Finds the uses of every model of `api`.
    pub fn of<'a>(api: &'a Api, models: &Models<'a>) -> Usage {
        let ops = || api.groups.iter().flat_map(|g| &g.operations);
        let request = reachable(models, ops().filter_map(|o| o.body.as_ref()));
        let mut returned: Vec<&Ty> = Vec::new();
        for op in ops() {
            returned.extend(&op.response.ty);
            returned.extend(&op.error_body);
            returned.extend(op.pagination.as_ref().map(|p| &p.item));
        }
        returned.extend(&api.error_body);
        let response = reachable(models, returned);
        Usage { request, response }
    }
}

/// Every model reachable from `roots` through containers, struct fields, aliases and union
/// variants.
fn reachable<'a>(models: &Models<'a>, roots: impl IntoIterator<Item = &'a Ty>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo: Vec<&Ty> = roots.into_iter().collect();
    while let Some(t) = todo.pop() {
        match t {
            Ty::List(i) | Ty::Map(i) | Ty::Page(i) | Ty::ListOrPage(i) => todo.push(i),
            Ty::Scalar(_) => {}
            Ty::Model(n) => {
                if !out.insert(n.rust.clone()) {
                    continue;
                }
                match models.get(n.rust.as_str()).copied().map(|m| &m.kind) {
                    Some(ModelKind::Struct(fields)) => todo.extend(fields.iter().map(|f| &f.ty)),
                    Some(ModelKind::Alias(t)) => todo.push(t),
                    Some(ModelKind::Union(u)) => todo.extend(u.variants.iter().map(|v| &v.ty)),
                    Some(ModelKind::Enum(_)) | None => {}
                }
            }
        }
    }
    out
}
