//! The regen pipeline's steps one at a time, for benchmarks (`cargo xtask bench`).
//!
//! [`crate::load::load_dir`] and [`crate::emit::emit_api`] run several steps in one call;
//! these functions expose them separately, built only from the same public steps, so each
//! can be timed. Nothing here is used by regen itself, and nothing changes its output.

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::SpecFile;
use crate::ir;
use crate::load::Source;
use crate::lower::Parsed;
use crate::output::OutputSpace;
use crate::yaml_tree::{self, Mark};
use std::path::Path;

/// The spec files of one API folder, in the order [`crate::load::load_dir`] reads them.
#[derive(Debug, Clone)]
pub struct ApiSources {
    /// Folder name, e.g. `gcore`.
    pub dir: String,
    /// The folder's `*.yaml` / `*.yml` files.
    pub sources: Vec<Source>,
}

/// Reads every API folder under `root` (shown as `display`), like `load_dir` does.
pub fn read_dir(root: &Path, display: &str) -> std::io::Result<Vec<ApiSources>> {
    let mut dirs: Vec<_> = std::fs::read_dir(root)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let name = dir
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut files: Vec<_> = std::fs::read_dir(&dir)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect();
        files.sort();
        let mut sources = Vec::new();
        for f in files {
            let file = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            sources.push(Source {
                path: format!("{display}/{name}/{file}"),
                text: std::fs::read_to_string(&f)?,
            });
        }
        if !sources.is_empty() {
            out.push(ApiSources { dir: name, sources });
        }
    }
    Ok(out)
}

/// Load & validate: YAML parse, duplicate keys, JSON-Schema check and serde, per file
/// (the steps `load_api` runs before lowering).
pub fn parse(sources: &[Source]) -> Result<Vec<Parsed>, Diagnostics> {
    let schema = crate::input::json_schema();
    let mut diags = Diagnostics::default();
    let mut parsed = Vec::new();
    for src in sources {
        let tree = match yaml_tree::parse(&src.text) {
            Ok(tree) => tree,
            Err(e) => {
                diags.push(Diagnostic::new(src.path.clone(), e.mark, e.message));
                continue;
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
        crate::schema_check::check(&tree, schema, &src.path, &mut diags);
        if diags.len() != before {
            continue;
        }
        match serde_yaml::from_str::<SpecFile>(&src.text) {
            Ok(file) => parsed.push(Parsed {
                path: src.path.clone(),
                tree,
                file,
            }),
            Err(e) => diags.push(Diagnostic::new(
                src.path.clone(),
                Mark { line: 1, col: 1 },
                e.to_string(),
            )),
        }
    }
    if diags.is_empty() {
        Ok(parsed)
    } else {
        Err(diags)
    }
}

/// Lower: cross-file checks and the IR ([`crate::lower::lower_api`]).
pub fn lower(parsed: &[Parsed]) -> Result<ir::Api, Diagnostics> {
    crate::lower::lower_api(parsed)
}

/// Emit and format: one API's files, as regen writes them ([`crate::emit::emit_api`]).
pub fn emit(api: &ir::Api, prefix: &str) -> Result<OutputSpace, String> {
    let mut out = OutputSpace::default();
    crate::emit::emit_api(api, prefix, &mut out)?;
    Ok(out)
}

/// Format alone: re-tokenizes every emitted file and formats it again with
/// [`crate::emit::render`] (syn + prettyplease + preamble). Its time is the format share
/// of [`emit`]; the rest of [`emit`] is building the token streams. Returns the bytes
/// formatted.
pub fn reformat(space: &OutputSpace) -> Result<usize, String> {
    let mut bytes = 0;
    for (path, contents) in space.files() {
        let tokens: proc_macro2::TokenStream = contents
            .parse()
            .map_err(|e| format!("{path}: does not tokenize: {e}"))?;
        bytes += crate::emit::render(&[path.to_string()], tokens)?.len();
    }
    Ok(bytes)
}

/// The format step's parts for one file, as re-tokenized from its emitted text.
pub struct FormatInput {
    path: String,
    tokens: proc_macro2::TokenStream,
}

/// Re-tokenizes every emitted file (the input of [`syn_parse`]).
pub fn tokenize(space: &OutputSpace) -> Result<Vec<FormatInput>, String> {
    space
        .files()
        .map(|(path, contents)| {
            Ok(FormatInput {
                path: path.to_string(),
                tokens: contents
                    .parse()
                    .map_err(|e| format!("{path}: does not tokenize: {e}"))?,
            })
        })
        .collect()
}

/// Format, first half: token streams to syntax trees (`syn::parse2`).
pub fn syn_parse(inputs: &[FormatInput]) -> Result<Vec<syn::File>, String> {
    inputs
        .iter()
        .map(|i| syn::parse2(i.tokens.clone()).map_err(|e| format!("{}: {e}", i.path)))
        .collect()
}

/// Format, second half: syntax trees to text (`prettyplease::unparse`), without the
/// blank-line pass and preamble of [`crate::emit::render`]. Returns the bytes printed.
pub fn unparse(files: &[syn::File]) -> usize {
    files.iter().map(|f| prettyplease::unparse(f).len()).sum()
}
