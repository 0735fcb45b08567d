//! Located error messages (`file:line:col: message`), collected so that every problem in the
//! specs is reported in one run, plus "did you mean" suggestions for misspelled names.

use std::fmt;

use crate::yaml_tree::Mark;

/// One problem at one place in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Diagnostic {
    /// The file as it should be displayed, e.g. `spec/gcore/api.yaml`.
    pub file: String,
    /// Line, 1-based.
    pub line: usize,
    /// Column, 1-based.
    pub col: usize,
    /// What is wrong, in lower case, names in backticks.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic for `file` at `mark`.
    pub fn new(file: impl Into<String>, mark: Mark, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: mark.line,
            col: mark.col,
            message: message.into(),
        }
    }

    /// The position as a [`Mark`].
    pub fn mark(&self) -> Mark {
        Mark::new(self.line, self.col)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // One line per diagnostic, even when the message quotes multi-line spec text.
        let message = self.message.replace('\r', "\\r").replace('\n', "\\n");
        write!(f, "{}:{}:{}: {message}", self.file, self.line, self.col)
    }
}

impl std::error::Error for Diagnostic {}

/// A collection of diagnostics, gathered from any number of files and passes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Whether nothing has been reported.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// How many diagnostics were pushed (duplicates included).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// The diagnostics in the order they were pushed.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// The diagnostics sorted by file, line, column and message, without duplicates.
    pub fn into_sorted_vec(self) -> Vec<Diagnostic> {
        let mut items = self.items;
        items.sort();
        items.dedup();
        items
    }

    /// Every diagnostic on its own line (each ending in `\n`), sorted and deduplicated.
    pub fn render(&self) -> String {
        self.clone()
            .into_sorted_vec()
            .iter()
            .map(|d| format!("{d}\n"))
            .collect()
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Diagnostics {
            items: iter.into_iter().collect(),
        }
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// `"; did you mean `x`?"` for the closest candidate, or `""` when none is close: the
/// suffix every "unknown ..." message uses.
pub fn hint<'a>(got: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    suffix(did_you_mean(got, candidates))
}

fn suffix(found: Option<&str>) -> String {
    found
        .map(|m| format!("; did you mean `{m}`?"))
        .unwrap_or_default()
}

/// The candidate that `got` was most likely meant to be, if any is close enough.
///
/// A candidate equal to `got` ignoring case, `_` and `-` wins outright. Otherwise, comparing
/// case-insensitively, a candidate is close if its Jaro-Winkler similarity is at least 0.8
/// or (both being at least 3 characters long) it is within one edit per three characters
/// (Damerau-Levenshtein, so `GTE` → `GET`); the most similar close candidate is returned,
/// earlier ones winning ties. `None` when nothing is close.
pub fn did_you_mean<'a>(
    got: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let suggester = Suggester::new(candidates.iter().copied(), usize::MAX);
    suggester.find(got).map(|i| candidates[i])
}

/// "Did you mean" over one fixed list of candidates, prepared once and asked many times,
/// as [`did_you_mean`] decides. Repeated questions are answered from a cache, and the
/// fuzzy search stops making suggestions once it has compared `budget` character pairs in
/// all, so thousands of misspellings against thousands of names stay cheap.
#[derive(Debug)]
pub struct Suggester {
    candidates: Vec<Candidate>,
    /// Squashed spelling -> first candidate with it.
    squashed: std::collections::HashMap<String, usize>,
    budget: std::cell::Cell<usize>,
    cache: std::cell::RefCell<std::collections::HashMap<String, Option<usize>>>,
}

#[derive(Debug)]
struct Candidate {
    text: String,
    lower: String,
    chars: usize,
}

/// Lower case without `_` and `-`: the spelling two names share when they differ only
/// in case and separators.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '_' | '-'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl Suggester {
    /// The default work budget: enough for every suggestion a real spec needs.
    pub const BUDGET: usize = 4_000_000;

    /// Prepares `candidates` (in order of preference on ties) with a work `budget`.
    pub fn new<'a>(candidates: impl IntoIterator<Item = &'a str>, budget: usize) -> Self {
        let mut squashed = std::collections::HashMap::new();
        let candidates: Vec<Candidate> = candidates
            .into_iter()
            .enumerate()
            .map(|(i, c)| {
                squashed.entry(squash(c)).or_insert(i);
                let lower = c.to_lowercase();
                Candidate {
                    text: c.to_owned(),
                    chars: lower.chars().count(),
                    lower,
                }
            })
            .collect();
        Suggester {
            candidates,
            squashed,
            budget: std::cell::Cell::new(budget),
            cache: Default::default(),
        }
    }

    /// The `"; did you mean `x`?"` suffix for `got` (see [`hint`]).
    pub fn hint(&self, got: &str) -> String {
        suffix(self.find(got).map(|i| self.candidates[i].text.as_str()))
    }

    /// The index of the candidate `got` was most likely meant to be.
    fn find(&self, got: &str) -> Option<usize> {
        if let Some(found) = self.cache.borrow().get(got) {
            return *found;
        }
        let found = self.search(got);
        self.cache.borrow_mut().insert(got.to_owned(), found);
        found
    }

    fn search(&self, got: &str) -> Option<usize> {
        if let Some(&i) = self.squashed.get(&squash(got)) {
            if self.candidates[i].text != got {
                return Some(i);
            }
            // `got` itself is a candidate; a different one may still squash alike.
            if let Some(j) = self
                .candidates
                .iter()
                .position(|c| c.text != got && squash(&c.text) == squash(got))
            {
                return Some(j);
            }
        }
        let got_lower = got.to_lowercase();
        let got_chars = got_lower.chars().count();
        let mut best: Option<(f64, usize)> = None;
        for (i, c) in self.candidates.iter().enumerate() {
            let cost = (got_chars.max(1)) * c.chars.max(1);
            let left = self.budget.get();
            if cost > left {
                self.budget.set(0);
                return best.map(|(_, i)| i);
            }
            self.budget.set(left - cost);
            if c.text == got {
                continue;
            }
            let shorter = got_chars.min(c.chars);
            let longer = got_chars.max(c.chars);
            let jaro = strsim::jaro_winkler(&got_lower, &c.lower);
            // Edits are at least the length difference: skip the edit distance when it
            // can neither make the candidate close nor beat its similarity.
            let gap = longer - shorter;
            let may_be_few = shorter >= 3 && gap <= (longer / 3).max(1);
            let ndl_bound = if longer == 0 {
                1.0
            } else {
                1.0 - gap as f64 / longer as f64
            };
            let edits = if may_be_few || (jaro >= 0.8 && ndl_bound > jaro) {
                Some(strsim::damerau_levenshtein(&got_lower, &c.lower))
            } else {
                None
            };
            let few_edits = may_be_few && edits.is_some_and(|e| e <= (longer / 3).max(1));
            if jaro < 0.8 && !few_edits {
                continue;
            }
            let ndl = match edits {
                Some(_) if longer == 0 => 1.0,
                Some(e) => 1.0 - e as f64 / longer as f64,
                None => 0.0,
            };
            let score = jaro.max(ndl);
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_quoting_multi_line_text_stays_one_located_line() {
        let d = Diagnostic::new("s.yaml", Mark { line: 3, col: 5 }, "unknown type `a\nb\r`");
        assert_eq!(d.to_string(), "s.yaml:3:5: unknown type `a\\nb\\r`");
    }
}
