//! A spec file's module must not hide a crate that the generated code names by path
//! (`serde_json::Value` in the API module): such a file name is a located error.

fn load(files: &[(&str, &str)]) -> Result<codegen::ir::Api, String> {
    let sources: Vec<codegen::load::Source> = files
        .iter()
        .map(|(path, text)| codegen::load::Source {
            path: (*path).to_string(),
            text: (*text).to_string(),
        })
        .collect();
    codegen::load::load_api(&sources).map_err(|d| d.render())
}

const API: &str = "api:\n  name: demo\n  title: Demo\n";
const OPS: &str = "operations:\n  ping:\n    method: GET\n    path: /ping\n";

#[test]
fn files_named_like_crates_the_generated_code_uses_are_refused() {
    for name in ["serde_json", "std", "chrono"] {
        let path = format!("spec/demo/{name}.yaml");
        let err = load(&[("spec/demo/api.yaml", API), (&path, OPS)]).unwrap_err();
        assert_eq!(
            err,
            format!("{path}:1:1: a file with operations cannot be named `{name}.yaml`: its module `{name}` would hide the `{name}` crate the generated code uses; rename it\n")
        );
    }
    // Any other name is fine.
    assert!(load(&[("spec/demo/api.yaml", API), ("spec/demo/pings.yaml", OPS)]).is_ok());
}
