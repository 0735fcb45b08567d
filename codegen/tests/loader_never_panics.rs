//! The loader never panics: arbitrary text and mutations of the real specs and fixtures
//! either load or come back as located diagnostics.

use proptest::prelude::*;
use std::path::Path;

fn corpus() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut out = Vec::new();
    for dir in [
        "spec/gcore",
        "spec/hostbill",
        "spec/activeplatform",
        "codegen/tests/fixtures/ok",
        "codegen/tests/fixtures/err",
    ] {
        let Ok(rd) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        let mut paths: Vec<_> = rd.filter_map(Result::ok).map(|e| e.path()).collect();
        paths.sort();
        for p in paths
            .into_iter()
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        {
            out.push((
                p.display().to_string(),
                std::fs::read_to_string(&p).unwrap(),
            ));
        }
    }
    assert!(
        out.len() >= 10,
        "expected the specs and fixtures, found {}",
        out.len()
    );
    out
}

/// Loads `text` as a one-file API and checks every diagnostic is located in it.
fn load(text: &str) {
    let result = codegen::load::load_api(&[codegen::load::Source {
        path: "t.yaml".into(),
        text: text.into(),
    }]);
    if let Err(d) = result {
        assert!(!d.is_empty());
        for line in d.render().lines() {
            assert!(line.starts_with("t.yaml:"), "unlocated diagnostic: {line}");
        }
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    Truncate(usize),
    InsertText(usize, String),
    ReplaceChar(usize, char),
    Indent(usize),
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let n = lines.len().max(1);
    match m {
        Mutation::DeleteLine(i) => {
            if !lines.is_empty() {
                lines.remove(i % n);
            }
        }
        Mutation::DuplicateLine(i) => {
            if !lines.is_empty() {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
        }
        Mutation::SwapLines(a, b) => {
            if !lines.is_empty() {
                lines.swap(a % n, b % n);
            }
        }
        Mutation::Indent(i) => {
            if !lines.is_empty() {
                lines[i % n].insert_str(0, "  ");
            }
        }
        Mutation::Truncate(at) => {
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(at % text.len().max(1))
                .unwrap_or(0);
            return text[..cut].to_string();
        }
        Mutation::InsertText(at, s) => {
            let cut = text
                .char_indices()
                .map(|(i, _)| i)
                .nth(at % text.len().max(1))
                .unwrap_or(0);
            return format!("{}{s}{}", &text[..cut], &text[cut..]);
        }
        Mutation::ReplaceChar(at, c) => {
            let mut chars: Vec<char> = text.chars().collect();
            if !chars.is_empty() {
                let i = at % chars.len();
                chars[i] = *c;
            }
            return chars.into_iter().collect();
        }
    }
    lines.join("\n")
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let tokens = prop::sample::select(vec![
        ":",
        "- ",
        "{",
        "}",
        "[",
        "]",
        "\"",
        "'",
        "&a ",
        "*a",
        "!!str ",
        "\n  x: 1\n",
        "type: list<",
        "{id}",
        "kind: range",
        "values: []",
        "null",
        "~",
        "\t",
        "#",
        "|\n",
        "? ",
        "operations:\n",
        "models:\n  A: {}\n",
        "path: /{a}/{a}",
    ]);
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), tokens).prop_map(|(a, t)| Mutation::InsertText(a, t.to_string())),
        (any::<usize>(), any::<char>()).prop_map(|(a, c)| Mutation::ReplaceChar(a, c)),
        any::<usize>().prop_map(Mutation::Indent),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn mutated_specs_never_panic(file in any::<prop::sample::Index>(), muts in prop::collection::vec(mutation(), 1..4)) {
        let corpus = corpus();
        let (_, text) = &corpus[file.index(corpus.len())];
        let mut t = text.clone();
        for m in &muts {
            t = apply(&t, m);
        }
        load(&t);
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
        load(&text);
    }

    #[test]
    fn yaml_shaped_text_never_panics(text in "([a-z_{}<>:\\[\\],\\- \\n]|  |api:|models:|operations:|type: |fields:){0,80}") {
        load(&text);
    }
}
