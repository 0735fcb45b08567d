//! After mapping: which models each operation reaches, to place each model beside the
//! operations that use it (one file: that file; several or none: `api.yaml`) and to count
//! an operation whose models lost something as imported with losses. (Recursive models
//! need nothing here: the loader boxes them.)

use super::cx::Cx;
use super::draft::DraftModelKind;
use super::schema::model_names;
use std::collections::BTreeSet;

impl Cx<'_> {
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
                        DraftModelKind::Union { variants, .. } => {
                            for v in variants {
                                todo.extend(model_names(&v.ty));
                            }
                        }
                        DraftModelKind::Enum { .. } => {}
                    }
                }
            }
        }
        seen
    }
}
