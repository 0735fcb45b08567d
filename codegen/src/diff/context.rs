//! What every comparison needs: both sides of one API (models by name, model uses, type
//! resolution), the list of changes being collected, and pairing of old and new elements.

use super::report::{Change, ChangeKind, Impact, Location};
use super::types::{self, relation, rust_name, spec_name, spec_name_secret, Models, Resolved};
use super::usage::Usage;
use crate::ir::{Api, Ty};

/// One side (old or new) of an API.
pub struct Side<'a> {
    /// The API.
    pub api: &'a Api,
    /// Its models by Rust name.
    pub models: Models<'a>,
    /// Where they are used.
    pub usage: Usage,
}

impl<'a> Side<'a> {
    /// Indexes `api`.
    pub fn new(api: &'a Api) -> Side<'a> {
        let models: Models<'a> = api
            .models
            .iter()
            .map(|m| (m.name.rust.as_str(), m))
            .collect();
        let usage = Usage::of(api, &models);
        Side { api, models, usage }
    }

    /// `ty` with aliases resolved; `secret` makes a string a `Secret`.
    pub fn resolve(&self, ty: &Ty, secret: bool) -> Resolved {
        match secret {
            true => Resolved::Secret,
            false => types::resolve(&self.models, ty),
        }
    }

    /// Whether struct `model` gets `new(..)` and setters (it is in a request body).
    pub fn buildable(&self, model: &str) -> bool {
        self.usage.request.contains(model)
    }
}

/// The comparison of one API: both sides and the changes found so far.
pub struct Cx<'a> {
    /// Before.
    pub old: Side<'a>,
    /// After.
    pub new: Side<'a>,
    changes: Vec<Change>,
    doc_only: usize,
}

impl<'a> Cx<'a> {
    /// Starts comparing `old` with `new`.
    pub fn new(old: &'a Api, new: &'a Api) -> Cx<'a> {
        Cx {
            old: Side::new(old),
            new: Side::new(new),
            changes: Vec::new(),
            doc_only: 0,
        }
    }

    /// Records a change.
    pub fn push(
        &mut self,
        location: &Location,
        kind: ChangeKind,
        impact: Impact,
        what: impl Into<String>,
        why: impl Into<String>,
    ) {
        self.changes.push(Change {
            location: location.clone(),
            kind,
            impact,
            what: what.into(),
            why: why.into(),
        });
    }

    /// Records an in-place change that breaks code.
    pub fn breaking(&mut self, at: &Location, what: impl Into<String>, why: impl Into<String>) {
        self.push(at, ChangeKind::Changed, Impact::Breaking, what, why);
    }

    /// Records an in-place change that only adds to the Rust API.
    pub fn compatible(&mut self, at: &Location, what: impl Into<String>, why: impl Into<String>) {
        self.push(at, ChangeKind::Changed, Impact::Compatible, what, why);
    }

    /// Records an in-place change of behaviour (wire, decoding, retries) only.
    pub fn behaviour(&mut self, at: &Location, what: impl Into<String>, why: impl Into<String>) {
        self.push(at, ChangeKind::Changed, Impact::Behaviour, what, why);
    }

    /// Counts a documentation-only change when `old` and `new` differ.
    pub fn docs<T: PartialEq + ?Sized>(&mut self, old: &T, new: &T) {
        if old != new {
            self.doc_only += 1;
        }
    }

    /// Compares a type used at `at` (each with its `secret` flag): when the Rust types
    /// differ, records a breaking change whose reason is `why(old Rust type, new Rust
    /// type)` and returns `true`. The same Rust type spelled another way (through an alias)
    /// counts as a documentation change.
    pub fn retyped(
        &mut self,
        at: &Location,
        (x, x_secret): (&Ty, bool),
        (y, y_secret): (&Ty, bool),
        why: impl FnOnce(&str, &str) -> String,
    ) -> bool {
        let (rx, ry) = (self.old.resolve(x, x_secret), self.new.resolve(y, y_secret));
        let (old_rust, new_rust) = (rust_name(&rx), rust_name(&ry));
        if old_rust == new_rust {
            self.docs(&spec_name(x), &spec_name(y));
            return false;
        }
        let what = format!(
            "type `{}` → `{}`{}",
            spec_name_secret(x, x_secret),
            spec_name_secret(y, y_secret),
            relation(&rx, &ry).suffix()
        );
        self.breaking(at, what, why(&old_rust, &new_rust));
        true
    }

    /// Counts one documentation-only change.
    pub fn doc_change(&mut self) {
        self.doc_only += 1;
    }

    /// The changes, breaking ones first (the order found is kept within each impact), and
    /// the number of documentation-only changes.
    pub fn finish(self) -> (Vec<Change>, usize) {
        let mut changes = self.changes;
        changes.sort_by_key(|c| c.impact);
        (changes, self.doc_only)
    }
}

/// An element of the old and the new list, matched by name.
pub enum Paired<'a, T> {
    /// In both.
    Both(&'a T, &'a T),
    /// Only in the old list.
    Removed(&'a T),
    /// Only in the new list.
    Added(&'a T),
}

/// Matches `old` with `new` by the first key, then what is left by the next key, and so on
/// (e.g. by wire name, then by Rust name, so a renamed wire name is a change in place).
/// Old elements come first in old order, then the added ones in new order.
pub fn pair<'a, T>(old: &'a [T], new: &'a [T], keys: &[fn(&T) -> &str]) -> Vec<Paired<'a, T>> {
    let mut partner: Vec<Option<usize>> = vec![None; old.len()];
    let mut taken = vec![false; new.len()];
    for key in keys {
        for (i, o) in old.iter().enumerate() {
            if partner[i].is_some() {
                continue;
            }
            let found = new
                .iter()
                .enumerate()
                .position(|(j, n)| !taken[j] && key(n) == key(o));
            if let Some(j) = found {
                partner[i] = Some(j);
                taken[j] = true;
            }
        }
    }
    let mut out: Vec<Paired<'a, T>> = old
        .iter()
        .zip(&partner)
        .map(|(o, p)| match p {
            Some(j) => Paired::Both(o, &new[*j]),
            None => Paired::Removed(o),
        })
        .collect();
    out.extend(
        new.iter()
            .zip(&taken)
            .filter(|(_, t)| !**t)
            .map(|(n, _)| Paired::Added(n)),
    );
    out
}

/// Whether the names in both lists appear in a different relative order.
pub fn reordered(old: &[String], new: &[String]) -> bool {
    let common_old: Vec<&String> = old.iter().filter(|n| new.contains(n)).collect();
    let common_new: Vec<&String> = new.iter().filter(|n| old.contains(n)).collect();
    common_old != common_new
}

/// `a, b, c` in backticks.
pub fn list(names: &[String]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// A Rust name without its raw-identifier prefix, as it appears after `with_` or `.`.
pub fn bare(rust: &str) -> &str {
    rust.trim_start_matches("r#")
}

/// The operation a change belongs to, for messages.
pub struct Op<'s> {
    /// Where the operation is.
    pub at: &'s Location,
    /// Its Rust method name.
    pub method: &'s str,
}

#[cfg(test)]
mod tests {
    use super::*;

    type Named = (&'static str, &'static str);

    fn first(s: &Named) -> &str {
        s.0
    }

    fn second(s: &Named) -> &str {
        s.1
    }

    #[test]
    fn pairs_by_each_key_in_turn() {
        let old = [("a", "x"), ("b", "y"), ("c", "z")];
        let new = [("c", "z"), ("b2", "y"), ("d", "w")];
        let keys: [fn(&Named) -> &str; 2] = [first, second];
        let got: Vec<String> = pair(&old, &new, &keys)
            .into_iter()
            .map(|p| match p {
                Paired::Both(o, n) => format!("{}={}", o.0, n.0),
                Paired::Removed(o) => format!("-{}", o.0),
                Paired::Added(n) => format!("+{}", n.0),
            })
            .collect();
        assert_eq!(got, ["-a", "b=b2", "c=c", "+d"]);
    }

    #[test]
    fn reorder_looks_at_common_names_only() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert!(!reordered(&s(&["a", "b"]), &s(&["a", "x", "b"])));
        assert!(reordered(&s(&["a", "b"]), &s(&["b", "a"])));
        assert!(!reordered(&s(&["a", "b"]), &s(&["b"])));
    }
}
