//! The importer's state for one document: the resolver, the models made so far, the names
//! taken, and the notes (losses, guesses) each item collects for its comment and the report.

use super::draft::{DraftModel, DraftModelKind};
use super::names::TypeNames;
use super::refs::Refs;
use super::report::{Report, Severity};
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

/// A note on one item, before it becomes a comment and a report line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Loss or note.
    pub severity: Severity,
    /// The reason, without names.
    pub reason: String,
    /// Names that make it specific.
    pub detail: String,
}

impl Note {
    /// Something the draft does not say.
    pub fn loss(reason: impl Into<String>, detail: impl Into<String>) -> Note {
        Note {
            severity: Severity::Loss,
            reason: reason.into(),
            detail: detail.into(),
        }
    }
    /// A choice the importer made.
    pub fn info(reason: impl Into<String>, detail: impl Into<String>) -> Note {
        Note {
            severity: Severity::Note,
            reason: reason.into(),
            detail: detail.into(),
        }
    }
    /// The comment line written in the draft.
    pub fn comment(&self) -> String {
        let tag = match self.severity {
            Severity::Loss => "LOSS",
            Severity::Skip => "SKIPPED",
            Severity::Note => "NOTE",
        };
        if self.detail.is_empty() {
            format!("{tag}: {}", self.reason)
        } else {
            format!("{tag}: {} ({})", self.reason, self.detail)
        }
    }
}

/// A model made by the importer, with what it refers to.
#[derive(Debug, Clone)]
pub struct Slot {
    /// The model (`None` while it is being built).
    pub model: Option<DraftModel>,
    /// Models its types name.
    pub uses: BTreeSet<String>,
    /// Whether it, or one of its fields, lost something.
    pub lossy: bool,
    /// The component it comes from.
    pub component: Option<String>,
}

/// What a reference to a schema component stands for.
#[derive(Debug, Clone)]
pub struct CompTy {
    /// The type expression (a model name, or `page<T>` for a recognised envelope).
    pub ty: String,
    /// The component itself admits null.
    pub nullable: bool,
}

/// What the importer is working on (uses and losses are recorded on the innermost).
#[derive(Debug, Default)]
pub struct Frame {
    /// Models named.
    pub uses: BTreeSet<String>,
    /// Something was lost.
    pub lossy: bool,
}

/// The state of one import.
pub struct Cx<'a> {
    /// The (3.x-shaped) document.
    pub doc: &'a Value,
    /// Its resolver.
    pub refs: Refs<'a>,
    /// The document is our own export: its generated notes are taken out of descriptions.
    pub own: bool,
    /// Plain `enum`s are closed (the document marks open ones with `x-extensible-enum`).
    pub closed_enums: bool,
    /// The report being written.
    pub report: Report,
    /// Type names taken.
    pub types: TypeNames,
    /// Models by name, in the order they were made.
    pub models: IndexMap<String, Slot>,
    /// Schema components by key, once referenced.
    pub components: HashMap<String, CompTy>,
    /// Component key -> model name, given before anything is built.
    pub component_names: HashMap<String, String>,
    /// Inline enums by (base name, values), for reuse.
    pub inline_enums: HashMap<String, String>,
    /// Innermost last.
    pub frames: Vec<Frame>,
    /// How many models are being built inside each other.
    pub nesting: usize,
    /// A multipart body is being read: binary strings in it are `file` parts.
    pub multipart: bool,
    /// The schema components multipart bodies refer to (their binary strings are files).
    pub multipart_components: std::collections::HashSet<String>,
}

impl<'a> Cx<'a> {
    /// A context for `doc`.
    pub fn new(doc: &'a Value, own: bool, client: &str, api_camel: &str) -> Self {
        let closed_enums = own || contains_key(doc, "x-extensible-enum", 0);
        Cx {
            doc,
            refs: Refs::new(doc),
            own,
            closed_enums,
            report: Report::default(),
            types: TypeNames::new(client, api_camel),
            models: IndexMap::new(),
            components: HashMap::new(),
            component_names: HashMap::new(),
            inline_enums: HashMap::new(),
            frames: Vec::new(),
            nesting: 0,
            multipart: false,
            multipart_components: Default::default(),
        }
    }

    /// A description as the draft should carry it (the export's notes taken out).
    pub fn text(&self, v: Option<&Value>) -> Option<String> {
        let s = v?.as_str()?.replace("\r\n", "\n");
        let s = s.trim_start_matches('\n').trim_end();
        if s.trim().is_empty() {
            return None;
        }
        if self.own {
            super::own_export::strip(s)
        } else {
            Some(s.to_string())
        }
    }

    /// Records that the current item names model `name`.
    pub fn uses(&mut self, name: &str) {
        if let Some(f) = self.frames.last_mut() {
            f.uses.insert(name.to_string());
        }
    }

    /// Turns notes into comment lines and report lines under `subject`; a loss marks the
    /// current item.
    pub fn record(&mut self, subject: &str, notes: &[Note], comments: &mut Vec<String>) {
        for n in notes {
            if n.severity == Severity::Loss {
                if let Some(f) = self.frames.last_mut() {
                    f.lossy = true;
                }
            }
            comments.push(n.comment());
            self.report
                .push(n.severity, subject, n.reason.clone(), n.detail.clone());
        }
    }

    /// Adds a finished model.
    pub fn add_model(
        &mut self,
        name: &str,
        model: DraftModel,
        frame: Frame,
        component: Option<String>,
    ) {
        let slot = self.models.entry(name.to_string()).or_insert(Slot {
            model: None,
            uses: BTreeSet::new(),
            lossy: false,
            component: None,
        });
        slot.model = Some(model);
        slot.uses = frame.uses;
        slot.lossy = frame.lossy;
        slot.component = component;
    }

    /// Whether model `name` is an enum (usable as a path or query value).
    pub fn is_enum(&self, name: &str) -> bool {
        matches!(
            self.models
                .get(name)
                .and_then(|s| s.model.as_ref())
                .map(|m| &m.kind),
            Some(DraftModelKind::Enum { .. })
        )
    }
}

/// Whether `key` occurs anywhere in `v` (bounded depth).
fn contains_key(v: &Value, key: &str, depth: usize) -> bool {
    if depth > 64 {
        return false;
    }
    match v {
        Value::Object(m) => {
            m.contains_key(key) || m.values().any(|x| contains_key(x, key, depth + 1))
        }
        Value::Array(a) => a.iter().any(|x| contains_key(x, key, depth + 1)),
        _ => false,
    }
}
