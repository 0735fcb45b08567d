//! Property tests: parsing and checking never panic, whatever the input.

#![allow(dead_code)] // The types exist only for their schemas.

use codegen::diag::Diagnostics;
use codegen::schema_check::load;
use codegen::yaml_tree::{duplicate_keys, parse};
use indexmap::IndexMap;
use proptest::prelude::*;
use schemars::JsonSchema;
use serde::Deserialize;

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Spec {
    name: String,
    version: Option<u8>,
    operations: IndexMap<String, Op>,
    auth: Option<Auth>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Op {
    method: Verb,
    path: String,
    #[serde(default)]
    tags: Vec<String>,
    body: Option<Body>,
    children: Option<Vec<Op>>,
}

#[derive(Deserialize, JsonSchema)]
enum Verb {
    #[serde(rename = "GET")]
    Get,
    #[serde(rename = "POST")]
    Post,
}

#[derive(Deserialize, JsonSchema)]
#[serde(untagged)]
enum Body {
    Name(String),
    Fields { fields: IndexMap<String, String> },
}

#[derive(Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Auth {
    Bearer { header: String },
    Basic,
}

#[derive(Deserialize, JsonSchema)]
enum External {
    Unit,
    Data(String),
    Pair { a: u8, b: Option<External2> },
}

#[derive(Deserialize, JsonSchema)]
struct External2 {
    list: Vec<External>,
}

const VALID: &str = "\
name: petstore
version: 3
operations:
  list: &op
    method: GET
    path: /pets
    tags: [a, 'b', 1]
    body: Pet
    children:
      - method: POST
        path: /x
        body: {fields: {id: Uuid}}
  again: *op
auth: {type: bearer, header: Authorization}
";

const PIECES: &[&str] = &[
    ":",
    ": ",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "\n",
    "  ",
    "'",
    "\"",
    "|\n",
    ">-\n",
    "# c",
    "? ",
    "!!str ",
    "!x ",
    "---\n",
    "...\n",
    "~",
    "0x1",
    "1e9",
    "-",
    "\t",
    "\\",
    "%YAML 1.2\n",
    "<<: *a",
    "type: basic",
    "fields:",
    "method:",
    "\u{feff}",
    "é",
    "\r\n",
];

fn schemas() -> Vec<serde_json::Value> {
    vec![
        serde_json::to_value(schemars::schema_for!(Spec)).unwrap(),
        serde_json::to_value(schemars::schema_for!(External)).unwrap(),
        serde_json::json!(true),
        serde_json::json!({"$ref": "#/$defs/Loop", "$defs": {"Loop": {"$ref": "#/$defs/Loop"}}}),
    ]
}

fn parse_and_check(text: &str) {
    if let Ok(root) = parse(text) {
        let _ = duplicate_keys(&root);
        let _ = root.kind_name();
    }
    for schema in schemas() {
        let mut out = Diagnostics::new();
        load(text, "fuzz.yaml", &schema, &mut out);
        for d in out.iter() {
            assert_eq!(d.file, "fuzz.yaml");
            assert!(d.line >= 1 && d.col >= 1, "{d}");
            assert!(!d.message.is_empty());
        }
    }
}

#[derive(Debug, Clone)]
enum Edit {
    Delete { at: usize, len: usize },
    Insert { at: usize, piece: usize },
    DuplicateLine { line: usize },
    SwapLines { a: usize, b: usize },
    Indent { line: usize, by: usize },
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..400usize, 1..8usize).prop_map(|(at, len)| Edit::Delete { at, len }),
        (0..400usize, 0..PIECES.len()).prop_map(|(at, piece)| Edit::Insert { at, piece }),
        (0..20usize).prop_map(|line| Edit::DuplicateLine { line }),
        (0..20usize, 0..20usize).prop_map(|(a, b)| Edit::SwapLines { a, b }),
        (0..20usize, 1..5usize).prop_map(|(line, by)| Edit::Indent { line, by }),
    ]
}

fn apply(text: &str, edit: &Edit) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    match *edit {
        Edit::Delete { at, len } => {
            let at = at.min(chars.len());
            let end = (at + len).min(chars.len());
            chars[..at].iter().chain(&chars[end..]).collect()
        }
        Edit::Insert { at, piece } => {
            let at = at.min(chars.len());
            let mut out: String = chars[..at].iter().collect();
            out.push_str(PIECES[piece]);
            out.extend(&chars[at..]);
            out
        }
        Edit::DuplicateLine { line } if !lines.is_empty() => {
            let line = line % lines.len();
            lines.insert(line, lines[line].clone());
            lines.join("\n")
        }
        Edit::SwapLines { a, b } if !lines.is_empty() => {
            let (a, b) = (a % lines.len(), b % lines.len());
            lines.swap(a, b);
            lines.join("\n")
        }
        Edit::Indent { line, by } if !lines.is_empty() => {
            let line = line % lines.len();
            lines[line].insert_str(0, &" ".repeat(by));
            lines.join("\n")
        }
        _ => text.to_owned(),
    }
}

#[test]
fn the_unmutated_document_is_valid() {
    let mut out = Diagnostics::new();
    load(VALID, "fuzz.yaml", &schemas()[0], &mut out);
    assert_eq!(out.render(), "");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        parse_and_check(&text);
    }

    #[test]
    fn yaml_like_text_never_panics(text in "[-:\\[\\]{},&*!?|>'\" \\n\\ta-c0-9#~.]{0,80}") {
        parse_and_check(&text);
    }

    #[test]
    fn mutated_documents_never_panic(edits in prop::collection::vec(edit(), 1..6)) {
        let text = edits.iter().fold(VALID.to_owned(), |text, e| apply(&text, e));
        parse_and_check(&text);
    }
}
