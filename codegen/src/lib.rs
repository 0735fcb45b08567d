//! The spec-driven client generator: YAML specs in, formatted Rust modules out.
//!
//! The pipeline has three layers: [`input`] (serde types of the spec format, checked
//! structurally by [`schema_check`] on a positioned [`yaml_tree`]), [`ir`] (built and
//! validated by [`lower`], which locates every error) and [`emit`] (quote -> syn ->
//! prettyplease). [`output`] writes only what changed, atomically.

pub mod diag;
pub mod emit;
pub mod input;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod openapi;
pub mod output;
pub mod par;
pub mod phases;
pub mod schema_check;
pub mod typeexpr;
pub mod workspace;
pub mod yaml_tree;

use diag::Diagnostics;
use output::OutputSpace;
use std::path::Path;

/// Everything `cargo xtask regen` writes, before it is written.
#[derive(Debug)]
pub struct Generated {
    /// Files of `generated-client/src/generated/`, relative to that folder.
    pub client: OutputSpace,
    /// `spec/schema.json`.
    pub schema: String,
    /// The validated specs.
    pub spec: ir::Spec,
}

/// The JSON Schema of the spec format, pretty-printed with a trailing newline.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&input::json_schema()).expect("a schema serializes");
    s.push('\n');
    s
}

/// Loads every API under `spec_dir` (shown as `display`, e.g. `spec`) and emits the client.
/// Returns every error of every file when anything is wrong.
pub fn generate(spec_dir: &Path, display: &str) -> Result<Generated, Diagnostics> {
    let spec = load::load_dir(spec_dir, display)?;
    let mut client = OutputSpace::default();
    if let Err(e) = emit::emit_spec(&spec, &mut client) {
        let mut d = Diagnostics::default();
        d.push(diag::Diagnostic::new(
            display,
            yaml_tree::Mark { line: 1, col: 1 },
            e,
        ));
        return Err(d);
    }
    Ok(Generated {
        client,
        schema: schema_json(),
        spec,
    })
}

/// Loads one self-contained spec file (a test fixture) and emits its modules.
pub fn generate_single(path: &str, text: &str) -> Result<OutputSpace, Diagnostics> {
    let mut api = load::load_api(&[load::Source {
        path: path.to_string(),
        text: text.to_string(),
    }])?;
    // The fixture's module is named after its file, and so is its one group: rename the
    // group so the module does not contain a module of its own name.
    for group in &mut api.groups {
        group.module = "operations".to_string();
    }
    let mut out = OutputSpace::default();
    if let Err(e) = emit::emit_api(&api, "", &mut out) {
        let mut d = Diagnostics::default();
        d.push(diag::Diagnostic::new(
            path,
            yaml_tree::Mark { line: 1, col: 1 },
            e,
        ));
        return Err(d);
    }
    Ok(out)
}
