//! Tests of located diagnostics and "did you mean" suggestions.

use codegen::diag::{did_you_mean, Diagnostic, Diagnostics};
use codegen::yaml_tree::Mark;

fn at(file: &str, line: usize, col: usize, message: &str) -> Diagnostic {
    Diagnostic::new(file, Mark { line, col }, message)
}

#[test]
fn diagnostic_displays_as_file_line_col_message() {
    let d = at(
        "spec/gcore/api.yaml",
        12,
        5,
        "missing required key `method` in operation",
    );
    assert_eq!(
        d.to_string(),
        "spec/gcore/api.yaml:12:5: missing required key `method` in operation"
    );
    assert_eq!(d.mark(), Mark { line: 12, col: 5 });
}

#[test]
fn diagnostics_sort_by_file_line_col_message_and_drop_duplicates() {
    let mut all = Diagnostics::new();
    assert!(all.is_empty());
    all.push(at("spec/b.yaml", 1, 1, "z"));
    all.push(at("spec/a.yaml", 10, 2, "late"));
    all.push(at("spec/a.yaml", 2, 7, "b"));
    all.extend([
        at("spec/a.yaml", 2, 7, "a"),
        at("spec/a.yaml", 2, 3, "first"),
    ]);
    all.push(at("spec/a.yaml", 2, 7, "b"));
    assert_eq!(all.len(), 6);
    assert!(!all.is_empty());
    assert_eq!(all.iter().next().map(|d| d.message.as_str()), Some("z"));

    assert_eq!(
        all.render(),
        "spec/a.yaml:2:3: first\n\
         spec/a.yaml:2:7: a\n\
         spec/a.yaml:2:7: b\n\
         spec/a.yaml:10:2: late\n\
         spec/b.yaml:1:1: z\n"
    );
    let sorted = all.into_sorted_vec();
    assert_eq!(sorted.len(), 5);
    assert_eq!(sorted[0].message, "first");
    assert_eq!(sorted[4].file, "spec/b.yaml");
}

#[test]
fn empty_diagnostics_render_to_nothing() {
    assert_eq!(Diagnostics::default().render(), "");
}

#[test]
fn did_you_mean_finds_close_names() {
    assert_eq!(
        did_you_mean("fileds", ["name", "fields", "path"]),
        Some("fields")
    );
    assert_eq!(did_you_mean("GTE", ["GET", "POST", "PUT"]), Some("GET"));
    assert_eq!(did_you_mean("methd", ["path", "method"]), Some("method"));
    assert_eq!(did_you_mean("bearr", ["basic", "bearer"]), Some("bearer"));
}

#[test]
fn did_you_mean_prefers_a_case_or_separator_insensitive_match() {
    assert_eq!(did_you_mean("get", ["GOT", "GET"]), Some("GET"));
    assert_eq!(
        did_you_mean("operation_id", ["operation", "operationId"]),
        Some("operationId")
    );
    assert_eq!(
        did_you_mean("max-len", ["max_items", "max_len"]),
        Some("max_len")
    );
}

#[test]
fn did_you_mean_gives_up_when_nothing_is_close() {
    assert_eq!(did_you_mean("xyz", ["GET", "POST"]), None);
    assert_eq!(did_you_mean("a", ["b", "c"]), None);
    assert_eq!(did_you_mean("responses", Vec::<&str>::new()), None);
    // An exact match is not a suggestion.
    assert_eq!(did_you_mean("GET", ["GET"]), None);
}
