//! `cargo xtask validate [DIR]`: loads and checks specs without writing anything. DIR is
//! the spec folder (one folder per API, default `spec/`) or one API's folder; errors are
//! shown with paths relative to the workspace root when DIR is inside it.

use codegen::diag::Diagnostics;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// What DIR may be, for the message when it is neither.
const WHAT_DIR_IS: &str = "DIR must be the spec folder, holding one folder per API (like `spec`), or one API's folder, holding its *.yaml files (like `spec/gcore`)";

/// Runs `validate` on `dir` (as given on the command line, relative to the current
/// folder) or, without one, on the workspace's `spec/`.
pub fn run(root: &Path, dir: Option<&str>) -> ExitCode {
    let path = match dir {
        Some(d) => absolute(Path::new(d)),
        None => root.join("spec"),
    };
    let display = shown(root, &path, dir);
    let result = match kind(&path) {
        Ok(Kind::SpecRoot) => codegen::load::load_dir(&path, &display),
        Ok(Kind::ApiFolder) => {
            let folder = std::fs::canonicalize(&path)
                .ok()
                .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .unwrap_or_default();
            codegen::load::load_folder(&path, &display, &folder)
                .map(|api| codegen::ir::Spec { apis: vec![api] })
        }
        Ok(Kind::Neither) => {
            eprintln!("validate: `{display}` holds no spec files; {WHAT_DIR_IS}");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("validate: cannot read `{display}`: {e}; {WHAT_DIR_IS}");
            return ExitCode::from(2);
        }
    };
    let mut diags = Diagnostics::default();
    let spec = match result {
        Ok(spec) => Some(spec),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    if let Some(spec) = &spec {
        if in_workspace_spec(root, &path) {
            diags.extend(codegen::workspace::missing_features(
                root,
                &codegen::workspace::api_features(spec),
            ));
        }
    }
    if !diags.is_empty() {
        eprint!("{}", diags.render());
        eprintln!("validate: {} error(s)", diags.len());
        return ExitCode::FAILURE;
    }
    for api in spec.iter().flat_map(|s| &s.apis) {
        let ops: usize = api.groups.iter().map(|g| g.operations.len()).sum();
        println!(
            "{}: {} model(s), {ops} operation(s)",
            api.name.wire,
            api.models.len()
        );
    }
    ExitCode::SUCCESS
}

/// Reports every API of the plan whose cargo feature the client crate lacks; `false`
/// when there was one (regen then writes nothing).
pub fn features_ok(root: &Path, features: &[(String, String)], command: &str) -> bool {
    let diags = codegen::workspace::missing_features(root, features);
    if diags.is_empty() {
        return true;
    }
    eprint!("{}", diags.render());
    eprintln!("{command}: {} error(s); nothing was written", diags.len());
    false
}

enum Kind {
    /// Folders of APIs.
    SpecRoot,
    /// Spec files directly.
    ApiFolder,
    /// No spec files at either level.
    Neither,
}

fn kind(dir: &Path) -> std::io::Result<Kind> {
    let mut has_api_folder = false;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if codegen::source::is_spec_file(&path) {
            return Ok(Kind::ApiFolder);
        }
        if !has_api_folder && path.is_dir() {
            has_api_folder = std::fs::read_dir(&path)
                .map(|rd| {
                    rd.filter_map(Result::ok)
                        .any(|e| codegen::source::is_spec_file(&e.path()))
                })
                .unwrap_or(false);
        }
    }
    Ok(if has_api_folder {
        Kind::SpecRoot
    } else {
        Kind::Neither
    })
}

fn absolute(path: &Path) -> PathBuf {
    if path.is_absolute() {
        return path.to_path_buf();
    }
    std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// How `path` is shown in messages: relative to the workspace root when inside it (so
/// errors read `spec/<api>/<file>.yaml:LINE:COL`), else as it was given.
fn shown(root: &Path, path: &Path, given: Option<&str>) -> String {
    let inside = match (std::fs::canonicalize(root), std::fs::canonicalize(path)) {
        (Ok(root), Ok(path)) => path.strip_prefix(&root).ok().map(Path::to_path_buf),
        _ => None,
    };
    match inside {
        Some(rel) if rel.as_os_str().is_empty() => ".".to_owned(),
        Some(rel) => rel.to_string_lossy().replace('\\', "/"),
        None => given
            .map(|g| g.trim_end_matches('/').to_owned())
            .unwrap_or_else(|| path.display().to_string()),
    }
}

/// Whether `path` is the workspace's `spec/` or a folder in it: only those APIs need a
/// cargo feature of the client crate.
fn in_workspace_spec(root: &Path, path: &Path) -> bool {
    match (
        std::fs::canonicalize(root.join("spec")),
        std::fs::canonicalize(path),
    ) {
        (Ok(spec), Ok(path)) => path == spec || path.parent() == Some(spec.as_path()),
        _ => false,
    }
}
