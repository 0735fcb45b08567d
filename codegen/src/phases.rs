//! The regen pipeline's steps one at a time, for benchmarks (`cargo xtask bench`).
//!
//! [`crate::load::load_dir`] and [`crate::emit::emit_api`] run several steps in one call;
//! these functions expose them separately, built only from the same public steps, so each
//! can be timed. Nothing here is used by regen itself, and nothing changes its output.

use crate::diag::Diagnostics;
use crate::ir;
use crate::load::Source;
use crate::lower::Parsed;
use crate::output::OutputSpace;
use std::path::Path;

pub use crate::load::ApiSources;

/// Reads every API folder under `root` (shown as `display`), as `load_dir` does.
pub fn read_dir(root: &Path, display: &str) -> std::io::Result<Vec<ApiSources>> {
    crate::load::read_folders(root, display).map_err(|d| std::io::Error::other(d.render()))
}

/// Load & validate: YAML parse, duplicate keys, JSON-Schema check and serde, per file
/// (the steps `load_api` runs before lowering, on all cores).
pub fn parse(sources: &[Source]) -> Result<Vec<Parsed>, Diagnostics> {
    crate::load::parse_files(sources)
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
