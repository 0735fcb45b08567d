//! Snapshot tests driven by fixture specs: `fixtures/ok/*.yaml` snapshot the generated
//! Rust, `fixtures/err/*.yaml` snapshot the rendered diagnostics.

use std::path::{Path, PathBuf};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no fixtures in {}", dir.display());
    paths
}

fn display(path: &Path, kind: &str) -> String {
    format!(
        "codegen/tests/fixtures/{kind}/{}",
        path.file_name().unwrap().to_string_lossy()
    )
}

#[test]
fn ok_fixtures_generate() {
    for path in fixtures("ok") {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let out = match codegen::generate_single(&display(&path, "ok"), &text) {
            Ok(out) => out,
            Err(d) => panic!("{name} should generate, but:\n{}", d.render()),
        };
        let mut rendered = String::new();
        for (file, contents) in out.files() {
            rendered.push_str(&format!("==> {file} <==\n{contents}\n"));
        }
        insta::assert_snapshot!(format!("ok__{name}"), rendered);
    }
}

#[test]
fn err_fixtures_report_located_errors() {
    for path in fixtures("err") {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        let shown = display(&path, "err");
        let diags = match codegen::generate_single(&shown, &text) {
            Ok(_) => panic!("{name} should fail"),
            Err(d) => d,
        };
        let rendered = diags.render();
        for line in rendered.lines() {
            let rest = line
                .strip_prefix(&format!("{shown}:"))
                .unwrap_or_else(|| panic!("unlocated: {line}"));
            let mut parts = rest.splitn(3, ':');
            let line_no: usize = parts.next().unwrap().parse().expect("line number");
            let col: usize = parts.next().unwrap().parse().expect("column");
            assert!(
                line_no >= 1 && line_no <= text.lines().count() + 1 && col >= 1,
                "{line}"
            );
        }
        insta::assert_snapshot!(format!("err__{name}"), rendered);
    }
}
