//! `cargo test` fails when the committed generated code or schema is stale, exactly as
//! `cargo xtask regen --check` does.

use std::path::Path;

#[test]
fn generated_files_match_the_specs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let plan = match codegen::workspace::plan(root) {
        Ok(p) => p,
        Err(d) => panic!("specs do not load:\n{}", d.render()),
    };
    let drift = plan.drift().unwrap();
    assert!(
        drift.is_empty(),
        "generated files are out of date; run `cargo xtask regen`: {drift:#?}"
    );
}
