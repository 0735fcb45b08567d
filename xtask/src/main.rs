//! Project automation. `cargo xtask regen` regenerates the client crate, the fixture
//! modules and the spec schema; `--check` only reports drift (exit 1); `validate [DIR]`
//! checks specs without writing; `api-diff` reports what spec changes mean for code using
//! the crate; `import FILE --api NAME` drafts a spec from OpenAPI.

mod api_diff;
mod bench;
mod bench_check;
mod bench_import;
mod bench_peers;
mod import;
mod validate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask regen [--check] | cargo xtask validate [SPEC_DIR | API_DIR] | cargo xtask api-diff [--base REV] [--format text|markdown] [--deny-breaking] | cargo xtask import FILE --api NAME [--operations ID,...] [--tags TAG,...] [--out DIR] [--force] | cargo xtask bench [--quick] [regen|scale|lines|crate|client]... | cargo xtask bench check [--baseline REV] [--rounds N] | cargo xtask bench peers [--rounds N] | cargo xtask bench import-corpus [--every N] [--max-lines N] [--no-check] [--progenitor BIN]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["regen"] => regen(&root, false),
        ["regen", "--check"] => regen(&root, true),
        ["validate"] => validate::run(&root, None),
        ["validate", dir] => validate::run(&root, Some(dir)),
        ["api-diff", rest @ ..] => api_diff::main(&root, rest),
        ["import", rest @ ..] => import::main(&root, rest),
        ["bench", rest @ ..] => bench::main(&root, rest),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root; `XTASK_ROOT` overrides it (used by xtask's own tests).
fn workspace_root() -> PathBuf {
    if let Some(root) = std::env::var_os("XTASK_ROOT") {
        return PathBuf::from(root);
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn regen(root: &Path, check: bool) -> ExitCode {
    let plan = match codegen::workspace::plan(root) {
        Ok(plan) => plan,
        Err(diags) => {
            eprint!("{}", diags.render());
            eprintln!("regen: {} error(s); nothing was written", diags.len());
            return ExitCode::FAILURE;
        }
    };
    if !validate::features_ok(root, &plan.features, "regen") {
        return ExitCode::FAILURE;
    }
    if check {
        let drift = match plan.drift() {
            Ok(d) => d,
            Err(e) => {
                eprintln!("regen --check: {e}");
                return ExitCode::FAILURE;
            }
        };
        if drift.is_empty() {
            println!("regen --check: up to date ({})", plan.summary);
            return ExitCode::SUCCESS;
        }
        for (what, paths) in [
            ("stale", &drift.stale),
            ("missing", &drift.missing),
            ("extra", &drift.extra),
        ] {
            for p in paths {
                eprintln!("{what}: {}", plan.show(p));
            }
        }
        eprintln!("regen --check: generated files differ from the specs; run `cargo xtask regen`");
        return ExitCode::FAILURE;
    }
    match plan.write() {
        Ok(touched) => {
            for p in &touched {
                println!("wrote {}", plan.show(p));
            }
            println!("regen: {}, {} file(s) changed", plan.summary, touched.len());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("regen: {e}");
            ExitCode::FAILURE
        }
    }
}
