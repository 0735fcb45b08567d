//! A throw-away workspace for xtask's end-to-end tests, and running xtask in it.

#![allow(dead_code)] // Each test crate uses its own subset.

use std::path::Path;
use std::process::{Command, Output};

pub const API: &str = "api:\n  name: demo\n  title: Demo API\n  base_url: https://demo.example.com\nmodels:\n  Thing:\n    fields:\n      id: { type: integer }\n";
pub const OPS: &str = "operations:\n  get_thing:\n    method: GET\n    path: /things/{id}\n    path_params:\n      id: { type: integer }\n    response: Thing\n";
/// The client crate's manifest, with the feature the `demo` API needs.
pub const MANIFEST: &str = "[package]\nname = \"generated-client\"\n\n[features]\ndefault = [\"demo\"]\ndemo = []\n\n[dependencies]\n";

/// `spec/demo/{api,things}.yaml`, the ok-fixture folder and the client manifest.
pub fn workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("spec/demo")).unwrap();
    std::fs::create_dir_all(dir.path().join("codegen/tests/fixtures/ok")).unwrap();
    std::fs::create_dir_all(dir.path().join("generated-client")).unwrap();
    std::fs::write(dir.path().join("spec/demo/api.yaml"), API).unwrap();
    std::fs::write(dir.path().join("spec/demo/things.yaml"), OPS).unwrap();
    std::fs::write(dir.path().join("generated-client/Cargo.toml"), MANIFEST).unwrap();
    dir
}

/// Runs xtask with `root` as the workspace, from the folder `cwd`.
pub fn xtask_in(root: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("XTASK_ROOT", root)
        .current_dir(cwd)
        .output()
        .unwrap()
}

/// Runs xtask with `root` as the workspace and the current folder.
pub fn xtask(root: &Path, args: &[&str]) -> Output {
    xtask_in(root, root, args)
}

/// Stdout and stderr together.
pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}
