//! Output is byte-for-byte deterministic and independent of the order of YAML keys where
//! order has no meaning (models, operations, files); errors that span files name both.

use codegen::load::{load_api, Source};
use codegen::output::OutputSpace;

const API: &str = "api:\n  name: demo\n  title: Demo\n  base_url: https://demo.example.com\n";

const MODELS_AB: &str = "models:
  Alpha:
    fields:
      id: { type: integer }
  Beta:
    values: [x, y]
";
const MODELS_BA: &str = "models:
  Beta:
    values: [x, y]
  Alpha:
    fields:
      id: { type: integer }
";
const OPS_12: &str = "operations:
  get_alpha:
    method: GET
    path: /alpha/{id}
    path_params:
      id: { type: integer }
    response: Alpha
  list_betas:
    method: GET
    path: /betas
    response: list<Beta>
";
const OPS_21: &str = "operations:
  list_betas:
    method: GET
    path: /betas
    response: list<Beta>
  get_alpha:
    method: GET
    path: /alpha/{id}
    path_params:
      id: { type: integer }
    response: Alpha
";

fn generate(sources: &[(&str, String)]) -> OutputSpace {
    let sources: Vec<Source> = sources
        .iter()
        .map(|(p, t)| Source {
            path: p.to_string(),
            text: t.clone(),
        })
        .collect();
    let api = load_api(&sources).unwrap_or_else(|d| panic!("{}", d.render()));
    let mut out = OutputSpace::default();
    codegen::emit::emit_api(&api, "", &mut out).unwrap();
    out
}

fn files(out: &OutputSpace) -> Vec<(String, String)> {
    out.files()
        .map(|(p, c)| (p.to_string(), c.to_string()))
        .collect()
}

#[test]
fn key_order_of_models_and_operations_does_not_matter() {
    let a = generate(&[
        ("spec/demo/api.yaml", format!("{API}{MODELS_AB}")),
        ("spec/demo/ops.yaml", OPS_12.into()),
    ]);
    let b = generate(&[
        ("spec/demo/api.yaml", format!("{API}{MODELS_BA}")),
        ("spec/demo/ops.yaml", OPS_21.into()),
    ]);
    assert_eq!(files(&a), files(&b));
    // Same input twice: same bytes.
    let c = generate(&[
        ("spec/demo/api.yaml", format!("{API}{MODELS_AB}")),
        ("spec/demo/ops.yaml", OPS_12.into()),
    ]);
    assert_eq!(files(&a), files(&c));
    // Models are emitted sorted, operations too.
    let models = a.get("models.rs").unwrap();
    assert!(models.find("pub struct Alpha").unwrap() < models.find("pub enum Beta").unwrap());
    let ops = a.get("ops.rs").unwrap();
    assert!(ops.find("pub fn get_alpha").unwrap() < ops.find("pub fn list_betas").unwrap());
}

#[test]
fn file_order_does_not_matter() {
    let a = generate(&[
        ("spec/demo/api.yaml", format!("{API}{MODELS_AB}")),
        ("spec/demo/ops.yaml", OPS_12.into()),
    ]);
    let b = generate(&[
        ("spec/demo/ops.yaml", OPS_12.into()),
        ("spec/demo/api.yaml", format!("{API}{MODELS_AB}")),
    ]);
    assert_eq!(files(&a), files(&b));
}

#[test]
fn duplicates_across_files_are_located_in_both() {
    let sources = vec![
        Source {
            path: "spec/demo/api.yaml".into(),
            text: format!("{API}{MODELS_AB}{OPS_12}"),
        },
        Source {
            path: "spec/demo/more.yaml".into(),
            text: format!("{MODELS_BA}{OPS_21}"),
        },
    ];
    let rendered = load_api(&sources).unwrap_err().render();
    let expected = [
        "spec/demo/more.yaml:2:3: duplicate model `Beta`; first defined at spec/demo/api.yaml:9:3",
        "spec/demo/more.yaml:4:3: duplicate model `Alpha`; first defined at spec/demo/api.yaml:6:3",
        "spec/demo/more.yaml:8:3: duplicate operation `list_betas`; first defined at spec/demo/api.yaml:18:3",
        "spec/demo/more.yaml:12:3: duplicate operation `get_alpha`; first defined at spec/demo/api.yaml:12:3",
    ];
    for line in expected {
        assert!(rendered.contains(line), "missing `{line}` in:\n{rendered}");
    }
}
