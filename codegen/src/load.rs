//! Loading: reads spec files, parses them into positioned trees, checks their structure
//! against the format's JSON Schema, deserializes them and lowers each API into the IR.

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::{self, SpecFile};
use crate::ir;
use crate::lower::{self, Parsed};
use crate::yaml_tree::{self, Mark};
use std::path::Path;

/// One spec file's text with the path it is reported under.
#[derive(Debug, Clone)]
pub struct Source {
    /// Display path, e.g. `spec/gcore/api.yaml`.
    pub path: String,
    /// The YAML text.
    pub text: String,
}

/// Parses and checks one file; `None` when it has errors (already reported).
fn parse_file(src: &Source, schema: &serde_json::Value, diags: &mut Diagnostics) -> Option<Parsed> {
    // Text read from disk is already checked; text handed in directly is checked here.
    let text = src.text.strip_prefix('\u{feff}').unwrap_or(&src.text);
    if let Err(e) = crate::source::check_text(text) {
        diags.push(Diagnostic::new(src.path.clone(), e.mark, e.message));
        return None;
    }
    let tree = match yaml_tree::parse(text) {
        Ok(tree) => tree,
        Err(e) => {
            let (mark, message) = crate::hints::yaml_error(text, e.mark, &e.message);
            diags.push(Diagnostic::new(src.path.clone(), mark, message));
            return None;
        }
    };
    let before = diags.len();
    for (mark, key) in yaml_tree::duplicate_keys(&tree) {
        diags.push(Diagnostic::new(
            src.path.clone(),
            mark,
            format!("duplicate key `{key}`"),
        ));
    }
    for (mark, message) in crate::strings::check(&tree) {
        diags.push(Diagnostic::new(src.path.clone(), mark, message));
    }
    let mut structural = Diagnostics::default();
    crate::schema_check::check(&tree, schema, &src.path, &mut structural);
    diags.extend(crate::hints::schema_errors(
        text,
        &tree,
        structural.into_iter().collect(),
    ));
    if diags.len() != before {
        return None;
    }
    // The structural check passed, so serde should agree; if it does not, report its error.
    let file: SpecFile = match serde_yaml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let mark = e
                .location()
                .map(|l| Mark {
                    line: l.line(),
                    col: l.column(),
                })
                .unwrap_or(tree.mark);
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            diags.push(Diagnostic::new(src.path.clone(), mark, msg));
            return None;
        }
    };
    Some(Parsed {
        path: src.path.clone(),
        tree,
        file,
        text: text.to_owned(),
    })
}

/// Loads one API from its files (a folder's `*.yaml`, or one fixture file).
pub fn load_api(sources: &[Source]) -> Result<ir::Api, Diagnostics> {
    load_api_in(sources, None)
}

/// As [`load_api`] for the folder `folder` of `spec/` (see [`lower::lower_api_in`]).
pub fn load_api_in(sources: &[Source], folder: Option<&str>) -> Result<ir::Api, Diagnostics> {
    let parsed = parse_files(sources)?;
    lower::lower_api_in(&parsed, folder)
}

/// Parses and checks files on all cores: YAML, duplicate keys, the JSON Schema, serde.
/// Returns every file's errors, or the parsed files in input order.
pub fn parse_files(sources: &[Source]) -> Result<Vec<Parsed>, Diagnostics> {
    let schema = input::json_schema();
    let results = crate::par::map(sources, |s| {
        let mut d = Diagnostics::default();
        (parse_file(s, schema, &mut d), d)
    });
    let mut diags = Diagnostics::default();
    let mut parsed = Vec::new();
    for (p, d) in results {
        diags.extend(d);
        parsed.extend(p);
    }
    if diags.is_empty() {
        Ok(parsed)
    } else {
        Err(diags)
    }
}

/// The spec files of one API folder.
#[derive(Debug, Clone)]
pub struct ApiSources {
    /// Folder name, e.g. `gcore`.
    pub dir: String,
    /// The folder's `*.yaml` / `*.yml` files, sorted by name.
    pub sources: Vec<Source>,
}

/// Reads the spec files of one API folder `dir`, shown as `display` (e.g. `spec/gcore`):
/// every regular `*.yaml` / `*.yml` file (extension in any case), sorted by name, each
/// shown as `display/<file>`. Every unreadable file is reported.
pub fn read_api_folder(dir: &Path, display: &str) -> Result<Vec<Source>, Diagnostics> {
    let (sources, diags) = read_api_folder_partly(dir, display);
    if diags.is_empty() {
        Ok(sources)
    } else {
        Err(diags)
    }
}

/// The readable spec files of `dir` and the errors of the others.
fn read_api_folder_partly(dir: &Path, display: &str) -> (Vec<Source>, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut files: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| crate::source::is_spec_file(p))
            .collect(),
        Err(e) => {
            let msg = format!("cannot read {}: {e}", dir.display());
            diags.push(Diagnostic::new(display, Mark::new(1, 1), msg));
            return (Vec::new(), diags);
        }
    };
    files.sort();
    let mut sources = Vec::new();
    for f in files {
        let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let path = format!("{display}/{name}");
        match crate::source::read_text(&f) {
            Ok(text) => sources.push(Source { path, text }),
            Err(e) => diags.push(Diagnostic::new(path, e.mark, e.message)),
        }
    }
    (sources, diags)
}

/// Loads the API in folder `dir` (named `folder`, shown as `display`). When some files
/// cannot be read, the others are still checked on their own (syntax and structure) so
/// that every error is reported, but the API is not lowered without all of its files.
pub fn load_folder(dir: &Path, display: &str, folder: &str) -> Result<ir::Api, Diagnostics> {
    let (sources, mut diags) = read_api_folder_partly(dir, display);
    if diags.is_empty() {
        return load_api_in(&sources, Some(folder));
    }
    if let Err(d) = parse_files(&sources) {
        diags.extend(d);
    }
    Err(diags)
}

/// Every folder under `root`, sorted.
fn api_dirs(root: &Path, display: &str) -> Result<Vec<std::path::PathBuf>, Diagnostics> {
    match std::fs::read_dir(root) {
        Ok(rd) => {
            let mut dirs: Vec<_> = rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect();
            dirs.sort();
            Ok(dirs)
        }
        Err(e) => {
            let msg = format!("cannot read {}: {e}", root.display());
            let mut diags = Diagnostics::default();
            diags.push(Diagnostic::new(display, Mark::new(1, 1), msg));
            Err(diags)
        }
    }
}

fn dir_name(dir: &Path) -> String {
    dir.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .to_string()
}

/// Reads every API folder under `root` (e.g. `spec/`), with paths shown as
/// `display/<folder>/<file>`, sorted; folders without spec files are skipped.
pub fn read_folders(root: &Path, display: &str) -> Result<Vec<ApiSources>, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut out = Vec::new();
    for dir in api_dirs(root, display)? {
        let name = dir_name(&dir);
        match read_api_folder(&dir, &format!("{display}/{name}")) {
            Ok(sources) if sources.is_empty() => {}
            Ok(sources) => out.push(ApiSources { dir: name, sources }),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        Ok(out)
    } else {
        Err(diags)
    }
}

/// Loads every API folder under `root` (e.g. `spec/`), reporting paths as `display/...`;
/// folders without spec files are skipped. Every error of every file is collected
/// before returning (see [`load_folder`]).
pub fn load_dir(root: &Path, display: &str) -> Result<ir::Spec, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut apis = Vec::new();
    for dir in api_dirs(root, display)? {
        let name = dir_name(&dir);
        let shown = format!("{display}/{name}");
        let (sources, read_errors) = read_api_folder_partly(&dir, &shown);
        if sources.is_empty() && read_errors.is_empty() {
            continue;
        }
        if !read_errors.is_empty() {
            diags.extend(read_errors);
            if let Err(d) = parse_files(&sources) {
                diags.extend(d);
            }
            continue;
        }
        match load_api_in(&sources, Some(&name)) {
            Ok(api) => apis.push(api),
            Err(d) => diags.extend(d),
        }
    }
    if diags.is_empty() {
        apis.sort_by(|a, b| a.name.rust.cmp(&b.name.rust));
        Ok(ir::Spec { apis })
    } else {
        Err(diags)
    }
}
