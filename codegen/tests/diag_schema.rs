//! Tests of the structural check of YAML trees against schemars-derived JSON Schemas.

#![allow(dead_code)] // The types exist for their schemas and for serde to compare against.

use codegen::diag::Diagnostics;
use codegen::schema_check::{check, load};
use codegen::yaml_tree::parse;
use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

/// An API.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Api {
    name: String,
    version: Option<u32>,
    operations: IndexMap<String, Operation>,
    models: Option<IndexMap<String, Model>>,
    auth: Option<Auth>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Operation {
    method: Method,
    path: String,
    #[serde(default)]
    tags: Vec<String>,
    response: Option<TypeRef>,
    #[serde(default)]
    params: Vec<Param>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
enum Method {
    Get,
    Post,
    Put,
    Delete,
    Patch,
}

/// A type name, or an inline type.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(untagged)]
enum TypeRef {
    Name(String),
    Inline(InlineType),
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct InlineType {
    fields: IndexMap<String, String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Param {
    name: String,
    required: Option<bool>,
    #[schemars(range(min = 1))]
    max_len: Option<u32>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
enum Auth {
    Bearer { header: String },
    Basic { user: String },
    Anonymous,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(title = "data model")]
#[serde(deny_unknown_fields)]
struct Model {
    #[schemars(extend("minProperties" = 1))]
    fields: IndexMap<String, Field>,
    #[serde(rename = "enum")]
    values: Option<Vec<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct Field {
    #[serde(rename = "type")]
    ty: String,
    #[serde(default)]
    optional: bool,
}

fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Api)).unwrap()
}

/// Parses and checks `text` as `spec/t.yaml`, returning the rendered diagnostics.
fn diagnose(text: &str) -> String {
    let mut out = Diagnostics::new();
    load(text, "spec/t.yaml", &schema(), &mut out);
    out.render()
}

fn serde_accepts(text: &str) -> bool {
    serde_yaml::from_str::<Api>(text).is_ok()
}

const VALID: &str = "\
name: petstore
version: 2
operations:
  list_pets:
    method: GET
    path: /pets
    tags: [pets, 1, true]
    response: PetList
    params:
      - name: limit
        max_len: 10
      - {name: cursor, required: false}
  create_pet:
    method: POST
    path: /pets
    response:
      fields:
        id: Uuid
        name: String
models:
  Pet:
    fields:
      id: {type: Uuid}
      tag: {type: String, optional: true}
    enum: [1, two, 3.5]
auth:
  type: bearer
  header: Authorization
";

#[test]
fn a_valid_document_has_no_diagnostics_and_serde_agrees() {
    assert_eq!(diagnose(VALID), "");
    assert!(serde_accepts(VALID));
}

#[test]
fn every_error_of_a_file_is_reported_with_its_position() {
    let text = "\
name: petstore
operations:
  list_pets:
    method: GTE
    path: /pets
    tgas: [a]
  get_pet:
    path: [a]
    response: {fields: {id: Uuid, name: {}}}
    params:
      - name: id
        max_len: 0
      - nme: x
  del_pet: 12
descriptoin: oops
";
    assert_eq!(
        diagnose(text),
        "\
spec/t.yaml:4:13: unknown value `GTE` for `method`; did you mean `GET`? \
(expected one of `GET`, `POST`, `PUT`, `DELETE`, `PATCH`)
spec/t.yaml:6:5: unknown key `tgas` in operation; did you mean `tags`?
spec/t.yaml:8:5: missing required key `method` in operation
spec/t.yaml:8:11: expected a string for `path`, found a sequence
spec/t.yaml:9:41: expected a string for `name`, found a mapping
spec/t.yaml:12:18: value `0` for `max_len` is less than the minimum 1
spec/t.yaml:13:9: missing required key `name` in param
spec/t.yaml:13:9: unknown key `nme` in param; did you mean `name`?
spec/t.yaml:14:12: expected a mapping for `del_pet`, found an integer
spec/t.yaml:15:1: unknown key `descriptoin` in api; expected one of `name`, `version`, \
`operations`, `models`, `auth`
"
    );
    assert!(!serde_accepts(text));
}

#[test]
fn missing_keys_point_at_the_mapping() {
    let text = "operations:\n  a:\n    path: /x\n";
    assert_eq!(
        diagnose(text),
        "spec/t.yaml:1:1: missing required key `name` in api\n\
         spec/t.yaml:3:5: missing required key `method` in operation\n"
    );
}

#[test]
fn wrong_types_name_what_was_expected_and_found() {
    let text = "\
name: [x]
version: many
operations: []
models:
  Pet:
    fields: {}
    enum: [{a: 1}]
";
    assert_eq!(
        diagnose(text),
        "\
spec/t.yaml:1:7: expected a string for `name`, found a sequence
spec/t.yaml:2:10: expected an integer for `version`, found a string
spec/t.yaml:3:13: expected a mapping for `operations`, found a sequence
spec/t.yaml:6:13: expected at least 1 key in `fields`, found 0
spec/t.yaml:7:12: expected a string for `enum[0]`, found a mapping
"
    );
}

#[test]
fn unknown_keys_in_nested_map_values_are_found() {
    let text = "\
name: x
operations: {}
models:
  Pet:
    fields:
      id: {type: Uuid, optinal: true}
      name: {typ: String}
  Tag:
    felds: {}
";
    assert_eq!(
        diagnose(text),
        "\
spec/t.yaml:6:24: unknown key `optinal` in field; did you mean `optional`?
spec/t.yaml:7:13: missing required key `type` in field
spec/t.yaml:7:14: unknown key `typ` in field; did you mean `type`?
spec/t.yaml:9:5: missing required key `fields` in data model
spec/t.yaml:9:5: unknown key `felds` in data model; did you mean `fields`?
"
    );
}

#[test]
fn internally_tagged_enums_dispatch_on_the_tag() {
    let base = "name: x\noperations: {}\n";
    assert_eq!(
        diagnose(&format!("{base}auth: {{type: bearr, header: h}}\n")),
        "spec/t.yaml:3:14: unknown value `bearr` for `type`; did you mean `bearer`? \
         (expected one of `bearer`, `basic`, `anonymous`)\n"
    );
    assert_eq!(
        diagnose(&format!("{base}auth: {{type: basic, header: h}}\n")),
        "spec/t.yaml:3:7: missing required key `user` in auth `basic`\n\
         spec/t.yaml:3:21: unknown key `header` in auth `basic`; expected one of `type`, `user`\n"
    );
    assert_eq!(
        diagnose(&format!("{base}auth: {{user: u}}\n")),
        "spec/t.yaml:3:7: missing required key `type` in auth\n"
    );
    assert_eq!(diagnose(&format!("{base}auth: {{type: anonymous}}\n")), "");
}

#[test]
fn plain_scalars_count_as_strings_only_where_serde_yaml_agrees() {
    // Each case: the document, and whether it should be accepted. serde_yaml is asked too,
    // so the check and the deserializer cannot drift apart unnoticed.
    let cases: &[(&str, bool)] = &[
        ("name: 1\noperations: {}\n", true),
        ("name: true\noperations: {}\n", true),
        ("name: ~\noperations: {}\n", true),
        ("name: 0x10\noperations: {}\n", true),
        ("name: x\nversion: '1'\noperations: {}\n", false),
        ("name: x\nversion: 1.5\noperations: {}\n", false),
        ("name: x\nversion: -1\noperations: {}\n", false),
        ("name: x\nversion: 0x10\noperations: {}\n", true),
        ("name: x\nversion: ~\noperations: {}\n", true),
        ("name: x\nversion: 4294967295\noperations: {}\n", true),
        ("name: x\nversion: 4294967296\noperations: {}\n", false),
        ("name: x\noperations: {a: {method: GET, path: 1, tags: [1, 2.5, ~]}}\n", true),
        // Untagged and internally tagged enums buffer the value: a plain `1` is a number.
        ("name: x\noperations: {a: {method: GET, path: p, response: 1}}\n", false),
        ("name: x\noperations: {a: {method: GET, path: p, response: '1'}}\n", true),
        ("name: x\noperations: {a: {method: GET, path: p, response: {fields: {a: 1}}}}\n", false),
        ("name: x\noperations: {a: {method: GET, path: p, response: {fields: {a: b}}}}\n", true),
        ("name: x\noperations: {}\nauth: {type: bearer, header: 1}\n", false),
        ("name: x\noperations: {}\nauth: {type: bearer, header: '1'}\n", true),
        ("name: x\noperations: {}\nauth: ~\n", true),
        ("name: x\noperations: {a: {method: get, path: p}}\n", false),
        ("name: x\noperations: {a: {method: GET, path: p, params: [{name: n, required: yes}]}}\n", false),
        ("name: x\noperations: {}\nmodels: {M: {fields: {a: {type: t}}, enum: [1, 0x2, ~]}}\n", true),
        ("name: x\noperations: {}\nmodels: {M: {fields: {a: {type: t, optional: 1}}}}\n", false),
    ];
    for (text, accepted) in cases {
        assert_eq!(serde_accepts(text), *accepted, "serde_yaml on {text:?}");
        let found = diagnose(text);
        assert_eq!(found.is_empty(), *accepted, "check on {text:?}: {found}");
    }
}

#[test]
fn untagged_values_report_the_kinds_they_could_have_been() {
    let text = "name: x\noperations: {a: {method: GET, path: p, response: [x]}}\n";
    assert_eq!(
        diagnose(text),
        "spec/t.yaml:2:50: expected a string or a mapping for `response`, found a sequence\n"
    );
    let text = "name: x\noperations: {a: {method: GET, path: p, response: 1}}\n";
    assert_eq!(
        diagnose(text),
        "spec/t.yaml:2:50: expected a string or a mapping for `response`, found an integer\n"
    );
}

#[test]
fn duplicate_keys_are_reported() {
    let text = "name: x\noperations: {}\nname: y\n";
    assert_eq!(diagnose(text), "spec/t.yaml:3:1: duplicate key `name`\n");
    // `check` alone leaves duplicates to the caller.
    let mut out = Diagnostics::new();
    check(&parse(text).unwrap(), &schema(), "spec/t.yaml", &mut out);
    assert!(out.is_empty());
}

#[test]
fn syntax_errors_become_diagnostics() {
    let mut out = Diagnostics::new();
    assert!(load("name: [x\n", "spec/t.yaml", &schema(), &mut out).is_none());
    let rendered = out.render();
    assert!(
        rendered.starts_with("spec/t.yaml:2:1: invalid YAML: "),
        "{rendered}"
    );
}

#[test]
fn the_top_level_must_be_a_mapping() {
    assert_eq!(
        diagnose("- a\n"),
        "spec/t.yaml:1:1: expected a mapping at the top level, found a sequence\n"
    );
    assert_eq!(
        diagnose(""),
        "spec/t.yaml:1:1: expected a mapping at the top level, found null\n"
    );
}

#[test]
fn long_lists_of_expected_keys_are_cut_short() {
    let schema = serde_json::json!({
        "title": "Wide",
        "type": "object",
        "additionalProperties": false,
        "properties": (0..20).map(|i| (format!("key{i:02}"), serde_json::json!(true)))
            .collect::<serde_json::Map<_, _>>(),
    });
    let mut out = Diagnostics::new();
    check(&parse("zzz: 1\n").unwrap(), &schema, "w.yaml", &mut out);
    let rendered = out.render();
    assert!(
        rendered.starts_with("w.yaml:1:1: unknown key `zzz` in wide; expected one of `key00`"),
        "{rendered}"
    );
    assert!(rendered.ends_with("`key11`, ...\n"), "{rendered}");
}

#[derive(Debug, Deserialize, JsonSchema)]
struct Tree {
    children: Vec<Tree>,
}

#[test]
fn deep_documents_check_without_overflowing_the_stack() {
    let schema = serde_json::to_value(schemars::schema_for!(Tree)).unwrap();
    let depth = 120; // two YAML levels per tree level: 240 of the 256 allowed
    let mut text = String::new();
    for _ in 0..depth {
        text.push_str("{children: [");
    }
    text.push_str("{childen: []}");
    for _ in 0..depth {
        text.push_str("]}");
    }
    let mut out = Diagnostics::new();
    let root = load(&text, "deep.yaml", &schema, &mut out).unwrap();
    let rendered = out.render();
    assert_eq!(rendered.lines().count(), 1, "{rendered}");
    assert!(
        rendered.contains("missing required key `children` in tree"),
        "{rendered}"
    );
    assert!(serde_yaml::from_str::<Tree>(&text).is_err());
    drop(root);
}

#[test]
fn running_out_of_budget_is_an_error_that_says_what_to_do() {
    let text =
        "operations:\n  a:\n    method: GET\n    path: /a\n  b:\n    method: GET\n    path: /b\n";
    let tree = parse(text).unwrap();
    let mut out = Diagnostics::default();
    codegen::schema_check::check_within(
        &tree,
        codegen::input::json_schema(),
        "t.yaml",
        10,
        &mut out,
    );
    // Only the budget is reported: nothing else is wrong with the file.
    assert_eq!(
        out.render(),
        "t.yaml:1:1: this file is too large to check (it needs more than 10 checking steps); split it into several smaller files\n"
    );
    let mut out = Diagnostics::default();
    codegen::schema_check::check(&tree, codegen::input::json_schema(), "t.yaml", &mut out);
    assert!(out.is_empty(), "{out}");
}
