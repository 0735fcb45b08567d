//! The structured result of comparing two specs: per API, each change with where it is,
//! what changed, what it means for code using the generated crate, and why.

use super::semver::Bump;
use std::fmt;

/// One step of a [`Location`]: the kind of element and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// `operation`, `query parameter`, `model`, `field`, `value`, `auth scheme`, ...
    pub what: &'static str,
    /// The element's spec name; empty for elements that have none (`body`, `response`).
    pub name: String,
}

/// Where in an API a change is, e.g. `operation list_clients: query parameter limit`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// From the outermost element inwards.
    pub steps: Vec<Step>,
}

impl Location {
    /// A location one step further in.
    pub fn child(&self, what: &'static str, name: impl Into<String>) -> Location {
        let mut steps = self.steps.clone();
        steps.push(Step {
            what,
            name: name.into(),
        });
        Location { steps }
    }

    fn join(&self, quote: &str) -> String {
        let parts: Vec<String> = self
            .steps
            .iter()
            .map(|s| match s.name.is_empty() {
                true => s.what.to_string(),
                false => format!("{} {quote}{}{quote}", s.what, s.name),
            })
            .collect();
        parts.join(": ")
    }

    /// The names in backticks, for Markdown.
    pub fn markdown(&self) -> String {
        self.join("`")
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.join(""))
    }
}

/// Whether something appeared, went away or changed in place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// Only in the new spec.
    Added,
    /// Only in the old spec.
    Removed,
    /// In both, different.
    Changed,
}

/// What a change means for code written against the old generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Impact {
    /// The code may stop compiling or silently change meaning.
    Breaking,
    /// New API surface; the code compiles and means what it meant.
    Compatible,
    /// The Rust API is the same, but what goes over the wire (or how answers are decoded,
    /// retried or authenticated) differs.
    Behaviour,
}

impl Impact {
    /// `breaking`, `compatible` or `behaviour`.
    pub fn label(self) -> &'static str {
        match self {
            Impact::Breaking => "breaking",
            Impact::Compatible => "compatible",
            Impact::Behaviour => "behaviour",
        }
    }

    /// The bump this change alone implies.
    pub fn bump(self) -> Bump {
        match self {
            Impact::Breaking => Bump::Major,
            Impact::Compatible => Bump::Minor,
            Impact::Behaviour => Bump::Patch,
        }
    }
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where it is.
    pub location: Location,
    /// Added, removed or changed.
    pub kind: ChangeKind,
    /// What it means for code using the crate.
    pub impact: Impact,
    /// What changed, in spec terms (`type integer → number (widened)`).
    pub what: String,
    /// Why it has that impact, in Rust terms.
    pub why: String,
}

/// The changes of one API (one module and cargo feature of the crate).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiReport {
    /// The API's name (module and feature).
    pub name: String,
    /// Breaking changes first, then compatible ones, then behaviour changes; within each,
    /// API settings, auth, models and operations in name order.
    pub changes: Vec<Change>,
    /// Changes to documentation only (descriptions, summaries, titles, the spec file an
    /// operation is in, a type now spelled through an alias of the same type): not listed.
    pub doc_only: usize,
}

impl ApiReport {
    /// How many changes have `impact`.
    pub fn count(&self, impact: Impact) -> usize {
        self.changes.iter().filter(|c| c.impact == impact).count()
    }

    /// The bump this API's changes imply (documentation alone: a patch).
    pub fn bump(&self) -> Bump {
        let listed = self.changes.iter().map(|c| c.impact.bump()).max();
        let docs = (self.doc_only > 0).then_some(Bump::Patch);
        listed.max(docs).unwrap_or(Bump::None)
    }
}

/// Every API of either spec, sorted by name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// One entry per API, also for APIs without changes.
    pub apis: Vec<ApiReport>,
}

impl Report {
    /// The bump for the whole crate: the largest of its APIs'.
    pub fn bump(&self) -> Bump {
        self.apis
            .iter()
            .map(ApiReport::bump)
            .max()
            .unwrap_or(Bump::None)
    }

    /// Whether any change breaks code.
    pub fn has_breaking(&self) -> bool {
        self.apis.iter().any(|a| a.count(Impact::Breaking) > 0)
    }

    /// Every change of every API with its API's name, in report order.
    pub fn changes(&self) -> impl Iterator<Item = (&str, &Change)> {
        self.apis
            .iter()
            .flat_map(|a| a.changes.iter().map(move |c| (a.name.as_str(), c)))
    }
}
