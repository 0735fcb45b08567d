//! The import report: one line per loss, skip or note (`operation X: parameter Y: cookie
//! parameters are not supported`), and the closing counts.

use std::collections::BTreeMap;
use std::fmt;

/// How much a line matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Something the document says that the draft does not (the item is kept).
    Loss,
    /// An operation that was left out entirely.
    Skip,
    /// A choice the importer made: a rename, a guess, a recognised construct.
    Note,
}

/// One report line: `<subject>: <reason>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Loss, skip or note.
    pub severity: Severity,
    /// What it is about, e.g. `operation list_pets: parameter X-Id`.
    pub subject: String,
    /// Why, without names, so that reasons can be counted across documents.
    pub reason: String,
    /// Names and values that make the line specific (may be empty).
    pub detail: String,
}

impl fmt::Display for Line {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tag = match self.severity {
            Severity::Loss => "loss",
            Severity::Skip => "skipped",
            Severity::Note => "note",
        };
        write!(f, "{tag}: {}: {}", self.subject, self.reason)?;
        if !self.detail.is_empty() {
            write!(f, " ({})", self.detail)?;
        }
        Ok(())
    }
}

/// Everything the importer has to say about one document.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Lines in the order they were found.
    pub lines: Vec<Line>,
    /// Operations imported without any loss (their models included).
    pub whole: usize,
    /// Operations imported with at least one loss.
    pub lossy: usize,
    /// Operations left out.
    pub skipped: usize,
    /// Models written.
    pub models: usize,
}

impl Report {
    /// Adds a line.
    pub fn push(
        &mut self,
        severity: Severity,
        subject: impl Into<String>,
        reason: impl Into<String>,
        detail: impl Into<String>,
    ) {
        self.lines.push(Line {
            severity,
            subject: subject.into(),
            reason: reason.into(),
            detail: detail.into(),
        });
    }

    /// The closing line with the counts.
    pub fn summary(&self) -> String {
        format!(
            "import: {} operation(s) imported whole, {} with losses, {} skipped; {} model(s)",
            self.whole, self.lossy, self.skipped, self.models
        )
    }

    /// Loss and skip reasons with how often each occurs, most frequent first.
    pub fn reasons(&self) -> Vec<(String, usize)> {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for l in self.lines.iter().filter(|l| l.severity != Severity::Note) {
            *counts.entry(&l.reason).or_default() += 1;
        }
        let mut v: Vec<(String, usize)> = counts
            .into_iter()
            .map(|(k, n)| (k.to_string(), n))
            .collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v
    }

    /// Every line, then the summary, each ending in a newline.
    pub fn render(&self) -> String {
        let mut s: String = self.lines.iter().map(|l| format!("{l}\n")).collect();
        s.push_str(&self.summary());
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_counts_and_reasons() {
        let mut r = Report::default();
        r.push(
            Severity::Loss,
            "operation a: parameter c",
            "cookie parameters are not supported",
            "",
        );
        r.push(
            Severity::Loss,
            "operation b: parameter d",
            "cookie parameters are not supported",
            "",
        );
        r.push(
            Severity::Skip,
            "operation e",
            "method HEAD is not supported",
            "HEAD /x",
        );
        r.push(Severity::Note, "model X", "renamed", "from x");
        r.whole = 1;
        r.lossy = 2;
        r.skipped = 1;
        r.models = 3;
        assert_eq!(
            r.render(),
            "loss: operation a: parameter c: cookie parameters are not supported\n\
             loss: operation b: parameter d: cookie parameters are not supported\n\
             skipped: operation e: method HEAD is not supported (HEAD /x)\n\
             note: model X: renamed (from x)\n\
             import: 1 operation(s) imported whole, 2 with losses, 1 skipped; 3 model(s)\n"
        );
        assert_eq!(
            r.reasons(),
            vec![
                ("cookie parameters are not supported".to_string(), 2),
                ("method HEAD is not supported".to_string(), 1)
            ]
        );
    }
}
