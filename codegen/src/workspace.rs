//! What `cargo xtask regen` produces for this workspace and where it goes: the client
//! modules from `spec/`, the compile-checked fixture modules from
//! `codegen/tests/fixtures/ok/`, `spec/schema.json` and the OpenAPI documents in
//! `openapi/`. Shared by xtask and the
//! freshness test, so both see the same drift.

use crate::diag::Diagnostics;
use crate::output::{Drift, OutputSpace};
use std::path::{Path, PathBuf};

/// Where generated client modules go, relative to the workspace root.
pub const CLIENT_DIR: &str = "generated-client/src/generated";
/// Where ok-fixture modules go (compiled by the client crate's tests only).
pub const FIXTURES_DIR: &str = "generated-client/src/fixtures";
/// Ok-fixture specs, relative to the workspace root.
pub const OK_FIXTURES: &str = "codegen/tests/fixtures/ok";
/// The spec format's JSON Schema.
pub const SCHEMA: &str = "spec/schema.json";
/// The client crate's manifest, whose `[features]` need one feature per API.
pub const CLIENT_MANIFEST: &str = "generated-client/Cargo.toml";
/// Where the OpenAPI documents go (`<api>.json`), relative to the workspace root.
pub const OPENAPI_DIR: &str = "openapi";

/// Everything regen writes, computed but not written.
#[derive(Debug)]
pub struct Plan {
    root: PathBuf,
    /// Output spaces and the folders they own.
    pub spaces: Vec<(PathBuf, OutputSpace)>,
    /// The OpenAPI documents, owning `openapi/*.json`.
    pub openapi: OutputSpace,
    /// Contents of `spec/schema.json`.
    pub schema: String,
    /// Number of APIs and operations, for the summary line.
    pub summary: String,
    /// Every API's cargo feature with the spec file of its `api` section.
    pub features: Vec<(String, String)>,
}

/// Loads every spec and fixture under `root` and emits everything, or returns all errors.
pub fn plan(root: &Path) -> Result<Plan, Diagnostics> {
    let mut diags = Diagnostics::default();
    // The specs and the fixtures are independent: build them side by side.
    let (generated, fixtures) = std::thread::scope(|scope| {
        let fixtures = scope.spawn(|| fixture_space(root));
        let generated = crate::generate(&root.join("spec"), "spec");
        (
            generated,
            fixtures.join().expect("the fixture thread panicked"),
        )
    });
    let (client, spec) = match generated {
        Ok(g) => (Some(g.client), Some(g.spec)),
        Err(d) => {
            diags.extend(d);
            (None, None)
        }
    };
    let fixtures = match fixtures {
        Ok(f) => Some(f),
        Err(d) => {
            diags.extend(d);
            None
        }
    };
    let (Some(client), Some(spec), Some(fixtures)) = (client, spec, fixtures) else {
        return Err(diags);
    };
    let openapi = match crate::openapi::space(&spec) {
        Ok(space) => space,
        Err(e) => {
            diags.push(crate::diag::Diagnostic::new(
                "spec",
                crate::yaml_tree::Mark { line: 1, col: 1 },
                format!("OpenAPI export: {e}"),
            ));
            return Err(diags);
        }
    };
    let ops: usize = spec
        .apis
        .iter()
        .flat_map(|a| &a.groups)
        .map(|g| g.operations.len())
        .sum();
    Ok(Plan {
        root: root.to_path_buf(),
        spaces: vec![
            (root.join(CLIENT_DIR), client),
            (root.join(FIXTURES_DIR), fixtures),
        ],
        openapi,
        schema: crate::schema_json(),
        summary: format!("{} API(s), {ops} operation(s)", spec.apis.len()),
        features: api_features(&spec),
    })
}

/// Every API's cargo feature (its name) with the spec file of its `api` section.
pub fn api_features(spec: &crate::ir::Spec) -> Vec<(String, String)> {
    spec.apis
        .iter()
        .map(|a| (a.name.wire.clone(), a.api_file.clone()))
        .collect()
}

/// An error for every API (cargo feature, spec file) that `generated-client/Cargo.toml`
/// under `root` has no feature for: its module is `#[cfg(feature = ..)]`, so without the
/// feature it would silently not be built. Located at the `[features]` header.
pub fn missing_features(root: &Path, features: &[(String, String)]) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let start = crate::yaml_tree::Mark::new(1, 1);
    let manifest = match crate::source::read_text(&root.join(CLIENT_MANIFEST)) {
        Ok(text) => text,
        Err(e) => {
            let msg = format!("cannot read the client crate's manifest: {}", e.message);
            diags.push(crate::diag::Diagnostic::new(CLIENT_MANIFEST, e.mark, msg));
            return diags;
        }
    };
    let (header, declared) = declared_features(&manifest);
    for (feature, file) in features {
        if declared.iter().any(|d| d == feature) {
            continue;
        }
        let (mark, place) = match header {
            Some(line) => (crate::yaml_tree::Mark::new(line, 1), "under [features]"),
            None => (start, "in a [features] table"),
        };
        diags.push(crate::diag::Diagnostic::new(
            CLIENT_MANIFEST,
            mark,
            format!("the API `{feature}` ({file}) has no cargo feature, so its module would not be built; add the line `{feature} = []` {place} (and `\"{feature}\"` to `default` to build it by default)"),
        ));
    }
    diags
}

/// The line of the `[features]` header and the feature names declared under it, read
/// line by line (`name = [...]`, bare or quoted names; multi-line arrays are skipped).
fn declared_features(manifest: &str) -> (Option<usize>, Vec<String>) {
    let mut header = None;
    let mut names = Vec::new();
    for (i, line) in manifest.lines().enumerate() {
        let line = line.trim();
        if line.starts_with('[') {
            if line == "[features]" {
                header = Some(i + 1);
            } else if header.is_some() {
                break;
            }
            continue;
        }
        if header.is_none() {
            continue;
        }
        let Some((key, _)) = line.split_once('=') else {
            continue;
        };
        let key = key.trim().trim_matches('"');
        if !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            names.push(key.to_owned());
        }
    }
    (header, names)
}

/// The fixture modules: one module per ok-fixture plus a `mod.rs` listing them.
fn fixture_space(root: &Path) -> Result<OutputSpace, Diagnostics> {
    let dir = root.join(OK_FIXTURES);
    let mut diags = Diagnostics::default();
    let mut out = OutputSpace::default();
    let mut names = Vec::new();
    let listing = std::fs::read_dir(&dir).and_then(|rd| {
        rd.map(|e| e.map(|e| e.path()))
            .collect::<std::io::Result<Vec<PathBuf>>>()
    });
    let mut paths: Vec<PathBuf> = match listing {
        Ok(paths) => paths
            .into_iter()
            .filter(|p| crate::source::is_spec_file(p))
            .collect(),
        Err(e) => {
            // Without this, regen would delete every generated fixture module.
            let msg = format!("cannot read the ok-fixtures: {e}");
            diags.push(crate::diag::Diagnostic::new(
                OK_FIXTURES,
                crate::yaml_tree::Mark { line: 1, col: 1 },
                msg,
            ));
            return Err(diags);
        }
    };
    paths.sort();
    for path in paths {
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let name = path
            .file_name()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        let display = format!("{OK_FIXTURES}/{name}");
        if let Some((_, first)) = names.iter().find(|(s, _)| *s == stem) {
            let msg = format!("`{first}` already makes the fixture module `{stem}`; rename one");
            diags.push(crate::diag::Diagnostic::new(
                &display,
                crate::yaml_tree::Mark::new(1, 1),
                msg,
            ));
            continue;
        }
        let text = match crate::source::read_text(&path) {
            Ok(text) => text,
            Err(e) => {
                diags.push(crate::diag::Diagnostic::new(&display, e.mark, e.message));
                continue;
            }
        };
        match crate::generate_single(&display, &text) {
            Ok(space) => {
                for (rel, contents) in space.files() {
                    out.add(format!("{stem}/{rel}"), contents.to_string());
                }
                names.push((stem, display));
            }
            Err(d) => diags.extend(d),
        }
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let mods = names
        .iter()
        .map(|(stem, display)| format!("/// From `{display}`.\npub mod {stem};\n"))
        .collect::<String>();
    out.add(
        "mod.rs",
        format!(
            "// @generated by `cargo xtask regen` from {OK_FIXTURES}/*.yaml.\n// Do not edit: change the fixtures (or the generator) and run `cargo xtask regen`.\n\n//! The code generated from every ok-fixture, compiled by this crate's tests so that\n//! no snapshot can bless code that does not build.\n\n{mods}"
        ),
    );
    Ok(out)
}

impl Plan {
    /// Every output space with its folder and the file extensions it owns there.
    fn owned(&self) -> impl Iterator<Item = (PathBuf, &OutputSpace, &'static [&'static str])> {
        let rs: &'static [&'static str] = &["rs"];
        let json: &'static [&'static str] = &["json"];
        self.spaces
            .iter()
            .map(move |(dir, space)| (dir.clone(), space, rs))
            .chain(std::iter::once((
                self.root.join(OPENAPI_DIR),
                &self.openapi,
                json,
            )))
    }

    /// Every stale, missing and extra file.
    pub fn drift(&self) -> std::io::Result<Drift> {
        let mut all = Drift::default();
        for (dir, space, ext) in self.owned() {
            let d = space.drift(&dir, ext)?;
            all.stale.extend(d.stale);
            all.missing.extend(d.missing);
            all.extra.extend(d.extra);
        }
        let schema = self.root.join(SCHEMA);
        match std::fs::read_to_string(&schema) {
            Ok(s) if s == self.schema => {}
            Ok(_) => all.stale.push(schema),
            Err(_) => all.missing.push(schema),
        }
        Ok(all)
    }

    /// Writes what changed; returns the touched paths.
    pub fn write(&self) -> std::io::Result<Vec<PathBuf>> {
        let mut touched = Vec::new();
        for (dir, space, ext) in self.owned() {
            touched.extend(space.write(&dir, ext)?);
        }
        let schema = self.root.join(SCHEMA);
        if std::fs::read_to_string(&schema).ok().as_deref() != Some(self.schema.as_str()) {
            crate::output::write_atomic(&schema, self.schema.as_bytes())?;
            touched.push(schema);
        }
        Ok(touched)
    }

    /// `path` relative to the workspace root, for messages.
    pub fn show(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .display()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::declared_features;

    #[test]
    fn features_are_read_from_their_table_only() {
        let manifest = "[package]\nname = \"x\"\n\n[features]\ndefault = [\n  \"a\",\n]\na = []\n\"b-c\" = [\"a\"] # note\n\n[dependencies]\nd = \"1\"\n";
        let (header, names) = declared_features(manifest);
        assert_eq!(header, Some(4));
        assert_eq!(names, ["default", "a", "b-c"]);
        assert_eq!(declared_features("[package]\n"), (None, Vec::new()));
    }
}
