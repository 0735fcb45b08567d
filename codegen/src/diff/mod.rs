//! What a spec change means for code using the generated crate: compares the IR of two
//! specs and reports, per API, every change to operations, parameters, bodies, models,
//! fields, enum values and auth schemes, each breaking, compatible or a behaviour change,
//! and the semver bump they imply. A pure function of the two specs; [`render`] prints
//! the report as text or Markdown.
//!
//! Breaking means that code written against the old crate may stop compiling or silently
//! change meaning. The rules follow what the emitter generates: struct models are
//! `#[non_exhaustive]` (so new fields are compatible) and get `new(required..)` only when
//! a request body uses them (so a new required field breaks them); open enums are
//! `#[non_exhaustive]` with an `Unknown(..)` variant (a new value is compatible), closed
//! ones are exhaustive (a new value breaks `match`es); required parameters are positional
//! arguments; any change of a Rust type breaks, however the wire values relate (the
//! report says whether a type was widened or narrowed). Wire-only changes (method, path,
//! wire names, literals), retries and credentials are behaviour changes: a patch.

mod api;
mod auth;
mod body;
pub(crate) mod context;
pub(crate) mod enums;
mod fields;
mod headers;
mod models;
mod operations;
mod query;
pub mod render;
pub(crate) mod report;
mod semver;
mod types;
mod unions;
mod usage;

pub use report::{ApiReport, Change, ChangeKind, Impact, Location, Report, Step};
pub use semver::Bump;

use crate::ir::{Api, Spec};
use context::{pair, Paired};

/// Compares every API of `old` with the API of the same name in `new`.
pub fn diff(old: &Spec, new: &Spec) -> Report {
    let by_rust: fn(&Api) -> &str = |a| &a.name.rust;
    let mut apis: Vec<ApiReport> = pair(&old.apis, &new.apis, &[by_rust])
        .into_iter()
        .map(|p| match p {
            Paired::Both(a, b) => api::diff_api(a, b),
            Paired::Added(b) => api::added(b),
            Paired::Removed(a) => api::removed(a),
        })
        .collect();
    apis.sort_by(|a, b| a.name.cmp(&b.name));
    Report { apis }
}
