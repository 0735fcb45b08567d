//! The report as plain text (the default) or as Markdown to paste into a pull request.

use super::report::{ApiReport, Impact, Report};

/// What was compared, for the heading.
#[derive(Debug, Clone, Default)]
pub struct Heading {
    /// The old side, e.g. `merge base of HEAD and main (1a2b3c4)`.
    pub base: String,
    /// The new side, e.g. `working tree`.
    pub head: String,
    /// The generated crate's version, to show the next one.
    pub version: Option<String>,
    /// How the base was chosen when it is not the obvious one (a fallback, say).
    pub notes: Vec<String>,
}

const IMPACTS: [Impact; 3] = [Impact::Breaking, Impact::Compatible, Impact::Behaviour];

/// `gcore: 2 breaking, 1 compatible (major)` and the like.
fn summary(api: &ApiReport) -> String {
    let counts: Vec<String> = IMPACTS
        .iter()
        .map(|i| (i, api.count(*i)))
        .filter(|(_, n)| *n > 0)
        .map(|(i, n)| format!("{n} {}", i.label()))
        .collect();
    let docs = match api.doc_only {
        0 => String::new(),
        1 => "1 documentation-only change".to_string(),
        n => format!("{n} documentation-only changes"),
    };
    match (counts.is_empty(), docs.is_empty()) {
        (true, true) => format!("{}: no changes", api.name),
        (true, false) => format!("{}: {docs} ({})", api.name, api.bump().label()),
        (false, true) => format!(
            "{}: {} ({})",
            api.name,
            counts.join(", "),
            api.bump().label()
        ),
        (false, false) => format!(
            "{}: {}; {docs}, not listed ({})",
            api.name,
            counts.join(", "),
            api.bump().label()
        ),
    }
}

fn semver_line(report: &Report, heading: &Heading) -> String {
    let bump = report.bump();
    let mut line = format!("{} ({})", bump.label(), bump.reason());
    if let Some(note) = bump.cargo_note(heading.version.as_deref()) {
        line.push_str("; ");
        line.push_str(&note);
    }
    line
}

/// Plain text: a heading, the semver bump, then per API a summary line and its changes,
/// each with its impact, location and what changed, and below it why.
pub fn text(report: &Report, heading: &Heading) -> String {
    let mut out = format!("API changes: {} → {}\n", heading.base, heading.head);
    for note in &heading.notes {
        out.push_str(&format!("note: {note}\n"));
    }
    out.push_str(&format!("semver: {}\n", semver_line(report, heading)));
    for api in &report.apis {
        out.push('\n');
        out.push_str(&summary(api));
        out.push('\n');
        for c in &api.changes {
            out.push_str(&format!(
                "  {:<10}  {}: {}\n  {:<10}    {}\n",
                c.impact.label(),
                c.location,
                c.what,
                "",
                c.why
            ));
        }
    }
    out
}

/// Markdown cell text: no line breaks, pipes escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

/// Markdown for a pull request: a heading, the semver bump in bold, then per API a
/// sub-heading and a table of its changes.
pub fn markdown(report: &Report, heading: &Heading) -> String {
    let mut out = format!(
        "### API changes: {} → {}\n\n",
        cell(&heading.base),
        cell(&heading.head)
    );
    for note in &heading.notes {
        out.push_str(&format!("> Note: {}\n\n", cell(note)));
    }
    let bump = report.bump();
    let rest = semver_line(report, heading);
    let rest = rest.strip_prefix(bump.label()).unwrap_or(&rest);
    out.push_str(&format!("**Semver: {}**{}\n", bump.label(), cell(rest)));
    for api in &report.apis {
        out.push_str(&format!("\n#### {}\n", cell(&summary(api))));
        if api.changes.is_empty() {
            continue;
        }
        out.push_str("\n| impact | where | change | for code using the crate |\n");
        out.push_str("| --- | --- | --- | --- |\n");
        for c in &api.changes {
            let impact = match c.impact {
                Impact::Breaking => "**breaking**".to_string(),
                Impact::Compatible | Impact::Behaviour => c.impact.label().to_string(),
            };
            out.push_str(&format!(
                "| {impact} | {} | {} | {} |\n",
                cell(&c.location.markdown()),
                cell(&c.what),
                cell(&c.why)
            ));
        }
    }
    out
}
