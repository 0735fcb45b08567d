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
    let tree = match yaml_tree::parse(&src.text) {
        Ok(tree) => tree,
        Err(e) => {
            diags.push(Diagnostic::new(
                src.path.clone(),
                e.mark,
                format!("invalid YAML: {}", e.message),
            ));
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
    crate::schema_check::check(&tree, schema, &src.path, diags);
    if diags.len() != before {
        return None;
    }
    // The structural check passed, so serde should agree; if it does not, report its error.
    let file: SpecFile = match serde_yaml::from_str(&src.text) {
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
    })
}

/// Loads one API from its files (a folder's `*.yaml`, or one fixture file).
pub fn load_api(sources: &[Source]) -> Result<ir::Api, Diagnostics> {
    load_api_in(sources, None)
}

/// As [`load_api`] for the folder `folder` of `spec/` (see [`lower::lower_api_in`]).
pub fn load_api_in(sources: &[Source], folder: Option<&str>) -> Result<ir::Api, Diagnostics> {
    let schema = input::json_schema();
    let mut diags = Diagnostics::default();
    let results = crate::par::map(sources, |s| {
        let mut d = Diagnostics::default();
        (parse_file(s, schema, &mut d), d)
    });
    let mut parsed = Vec::new();
    for (p, d) in results {
        diags.extend(d);
        parsed.extend(p);
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    lower::lower_api_in(&parsed, folder)
}

/// Loads every API folder under `root` (e.g. `spec/`), reporting paths as `display/...`.
/// Every error of every file is collected before returning.
pub fn load_dir(root: &Path, display: &str) -> Result<ir::Spec, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut apis = Vec::new();
    let mut dirs: Vec<_> = match std::fs::read_dir(root) {
        Ok(rd) => rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_dir())
            .collect(),
        Err(e) => {
            diags.push(Diagnostic::new(
                display,
                Mark { line: 1, col: 1 },
                format!("cannot read {}: {e}", root.display()),
            ));
            return Err(diags);
        }
    };
    dirs.sort();
    for dir in dirs {
        let dir_name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(rd) => rd
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
                .collect(),
            Err(_) => continue,
        };
        files.sort();
        let mut sources = Vec::new();
        for f in files {
            let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            let path = format!("{display}/{dir_name}/{name}");
            match std::fs::read_to_string(&f) {
                Ok(text) => sources.push(Source { path, text }),
                Err(e) => diags.push(Diagnostic::new(
                    path,
                    Mark { line: 1, col: 1 },
                    format!("cannot read: {e}"),
                )),
            }
        }
        if sources.is_empty() {
            continue;
        }
        match load_api_in(&sources, Some(&dir_name)) {
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
