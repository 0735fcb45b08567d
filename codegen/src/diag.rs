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
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.col, self.message
        )
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
    did_you_mean(got, candidates)
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
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let got_lower = got.to_lowercase();
    let got_squashed = squash(got);
    let mut best: Option<(f64, &'a str)> = None;
    for candidate in candidates {
        if candidate == got {
            continue;
        }
        if squash(candidate) == got_squashed {
            return Some(candidate);
        }
        let lower = candidate.to_lowercase();
        let jaro = strsim::jaro_winkler(&got_lower, &lower);
        let edits = strsim::damerau_levenshtein(&got_lower, &lower);
        let shorter = got_lower.chars().count().min(lower.chars().count());
        let longer = got_lower.chars().count().max(lower.chars().count());
        let few_edits = shorter >= 3 && edits <= (longer / 3).max(1);
        if jaro < 0.8 && !few_edits {
            continue;
        }
        let score = jaro.max(strsim::normalized_damerau_levenshtein(&got_lower, &lower));
        if best.is_none_or(|(s, _)| score > s) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, c)| c)
}
