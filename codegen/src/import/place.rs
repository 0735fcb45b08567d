//! After mapping: breaking recursion the format cannot hold (a struct containing itself
//! without a list or map in between), and placing each model beside the operations that
//! use it (one file: that file; several or none: `api.yaml`).

use super::cx::{Cx, Note};
use super::draft::DraftModelKind;
use super::schema::model_names;
use std::collections::{BTreeMap, BTreeSet};

/// A containment edge: the model contained, and the field (`None`: an alias).
type Edge = (String, Option<String>);

impl Cx<'_> {
    /// Types fields and aliases `json` where models would contain themselves directly.
    pub fn break_cycles(&mut self) {
        loop {
            let Some((model, field)) = self.find_cycle() else {
                return;
            };
            let note = Note::loss(
                "recursive without a list or map in between, which Rust cannot hold; typed json",
                "",
            );
            let subject = match &field {
                Some(f) => format!("model {model}: field {f}"),
                None => format!("model {model}"),
            };
            let mut comments = Vec::new();
            self.record(&subject, std::slice::from_ref(&note), &mut comments);
            let Some(slot) = self.models.get_mut(&model) else {
                return;
            };
            slot.lossy = true;
            let Some(m) = slot.model.as_mut() else { return };
            match (&mut m.kind, field) {
                (DraftModelKind::Struct(fields), Some(f)) => {
                    if let Some(fd) = fields.get_mut(&f) {
                        fd.ty = "json".into();
                        fd.comments.extend(comments);
                    }
                }
                (DraftModelKind::Alias(ty), None) => {
                    *ty = "json".into();
                    m.comments.extend(comments);
                }
                _ => return,
            }
        }
    }

    /// One edge that closes a cycle of direct containment: (model, field or `None` for
    /// an alias).
    fn find_cycle(&self) -> Option<(String, Option<String>)> {
        let edges = |name: &str| -> Vec<Edge> {
            match self
                .models
                .get(name)
                .and_then(|s| s.model.as_ref())
                .map(|m| &m.kind)
            {
                Some(DraftModelKind::Struct(fields)) => fields
                    .iter()
                    .filter(|(_, f)| self.models.contains_key(&f.ty))
                    .map(|(w, f)| (f.ty.clone(), Some(w.clone())))
                    .collect(),
                Some(DraftModelKind::Alias(ty)) if self.models.contains_key(ty) => {
                    vec![(ty.clone(), None)]
                }
                _ => Vec::new(),
            }
        };
        // Iterative DFS with colours (1: on the stack, 2: done); the first back edge
        // found closes a cycle.
        let mut colour: BTreeMap<String, u8> = BTreeMap::new();
        for start in self.models.keys() {
            if colour.contains_key(start) {
                continue;
            }
            colour.insert(start.clone(), 1);
            let mut stack: Vec<(String, Vec<Edge>)> = vec![(start.clone(), edges(start))];
            while let Some(top) = stack.last_mut() {
                match top.1.pop() {
                    Some((next, via)) => match colour.get(&next).copied().unwrap_or(0) {
                        1 => return Some((top.0.clone(), via)),
                        0 => {
                            colour.insert(next.clone(), 1);
                            let e = edges(&next);
                            stack.push((next, e));
                        }
                        _ => {}
                    },
                    None => {
                        if let Some((node, _)) = stack.pop() {
                            colour.insert(node, 2);
                        }
                    }
                }
            }
        }
        None
    }

    /// Every model reachable from `roots` through the models' own references.
    pub fn reachable(&self, roots: &BTreeSet<String>) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut todo: Vec<String> = roots.iter().cloned().collect();
        while let Some(n) = todo.pop() {
            if !self.models.contains_key(&n) || !seen.insert(n.clone()) {
                continue;
            }
            if let Some(slot) = self.models.get(&n) {
                todo.extend(slot.uses.iter().cloned());
                if let Some(m) = &slot.model {
                    // Types rewritten after mapping (cycles) are read from the model.
                    match &m.kind {
                        DraftModelKind::Struct(fields) => {
                            for f in fields.values() {
                                todo.extend(model_names(&f.ty));
                            }
                        }
                        DraftModelKind::Alias(t) => todo.extend(model_names(t)),
                        DraftModelKind::Enum { .. } => {}
                    }
                }
            }
        }
        seen
    }
}
