//! End-to-end tests of `cargo xtask validate [DIR]`: DIR may be the spec folder or one
//! API's folder, anything else is a usage error saying what DIR must be; errors name
//! files relative to the workspace root; an API without a cargo feature is an error.

mod common;

use common::{text, workspace, xtask, xtask_in};

#[test]
fn without_dir_the_workspace_specs_are_checked_and_shown_relative_to_the_root() {
    let ws = workspace();
    let root = ws.path();
    let out = xtask(root, &["validate"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(text(&out), "demo: 1 model(s), 1 operation(s)\n");

    std::fs::write(
        root.join("spec/demo/things.yaml"),
        common::OPS.replace("Thing\n", "Thnig\n"),
    )
    .unwrap();
    // From a subfolder, and from the root: the same relative paths.
    for cwd in [root.to_path_buf(), root.join("spec/demo")] {
        let out = xtask_in(root, &cwd, &["validate"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            text(&out),
            "spec/demo/things.yaml:7:15: unknown type `Thnig`; did you mean `Thing`?\nvalidate: 1 error(s)\n"
        );
    }
}

#[test]
fn one_api_folder_is_checked_as_that_api() {
    let ws = workspace();
    let root = ws.path();
    std::fs::create_dir_all(root.join("spec/other")).unwrap();
    std::fs::write(
        root.join("spec/other/api.yaml"),
        "api: {name: other, title: Other}\n",
    )
    .unwrap();
    for (cwd, dir) in [
        (root.to_path_buf(), "spec/demo".to_string()),
        (root.to_path_buf(), "spec/demo/".to_string()),
        (root.join("spec/demo"), ".".to_string()),
        (root.join("codegen"), "../spec/demo".to_string()),
        (
            root.to_path_buf(),
            root.join("spec/demo").display().to_string(),
        ),
    ] {
        let out = xtask_in(root, &cwd, &["validate", &dir]);
        assert!(out.status.success(), "{dir}: {}", text(&out));
        assert_eq!(text(&out), "demo: 1 model(s), 1 operation(s)\n", "{dir}");
    }
    // Its errors are located relative to the root, and the folder name is checked.
    std::fs::write(
        root.join("spec/other/api.yaml"),
        "api: {name: wrong, title: Other}\n",
    )
    .unwrap();
    let out = xtask(root, &["validate", "spec/other"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out),
        "spec/other/api.yaml:1:13: api name `wrong` must match its folder `other`\nvalidate: 1 error(s)\n"
    );
}

#[test]
fn a_folder_without_specs_is_a_usage_error_saying_what_dir_must_be() {
    let ws = workspace();
    let root = ws.path();
    for dir in ["codegen", "spec/missing"] {
        let out = xtask(root, &["validate", dir]);
        assert_eq!(out.status.code(), Some(2), "{dir}: {}", text(&out));
        let msg = text(&out);
        assert!(
            msg.contains("DIR must be the spec folder, holding one folder per API (like `spec`), or one API's folder, holding its *.yaml files (like `spec/gcore`)"),
            "{msg}"
        );
        assert!(msg.contains(&format!("`{dir}`")), "{msg}");
    }
}

#[test]
fn a_spec_folder_outside_the_workspace_is_shown_as_given() {
    let ws = workspace();
    let outside = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(outside.path().join("specs/x")).unwrap();
    std::fs::write(
        outside.path().join("specs/x/api.yaml"),
        "api: {name: y, title: X}\n",
    )
    .unwrap();
    let out = xtask_in(ws.path(), outside.path(), &["validate", "specs"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out),
        "specs/x/api.yaml:1:13: api name `y` must match its folder `x`\nvalidate: 1 error(s)\n"
    );
    // Outside the workspace, no cargo feature is needed.
    std::fs::write(
        outside.path().join("specs/x/api.yaml"),
        "api: {name: x, title: X}\n",
    )
    .unwrap();
    let out = xtask_in(ws.path(), outside.path(), &["validate", "specs"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn an_api_of_the_workspace_without_a_cargo_feature_is_an_error() {
    let ws = workspace();
    let root = ws.path();
    std::fs::write(
        root.join("generated-client/Cargo.toml"),
        common::MANIFEST.replace("demo = []\n", ""),
    )
    .unwrap();
    for args in [&["validate"][..], &["validate", "spec/demo"]] {
        let out = xtask(root, args);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert_eq!(
            text(&out),
            "generated-client/Cargo.toml:4:1: the API `demo` (spec/demo/api.yaml) has no cargo feature, so its module would not be built; add the line `demo = []` under [features] (and `\"demo\"` to `default` to build it by default)\nvalidate: 1 error(s)\n"
        );
    }
}
