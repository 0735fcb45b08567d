//! `cargo xtask bench check`: the time of `cargo check -p generated-client` with one API
//! feature, dependencies (the runtime included) already built, measured side by side with
//! a baseline revision of this repository (by default the main before the runtime became
//! its own crate) in one run: rounds alternate between the two trees, and the ratio of the
//! medians is printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Instant, SystemTime};

type Res<T = ()> = Result<T, String>;

/// The main of the day the thin-code issue was filed (generated code before the runtime
/// crate).
pub const BASELINE: &str = "9497bfb";

const FEATURES: &[&str] = &["gcore", "hostbill", "activeplatform"];

/// `cargo ARGS --quiet` in `dir` with `CARGO_TARGET_DIR=target` and `CARGO_INCREMENTAL=0`:
/// the wall time, or cargo's stderr when it fails (or the spawn error).
pub(crate) fn timed_cargo(dir: &Path, target: &Path, args: &[&str]) -> Res<f64> {
    let t = Instant::now();
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .args(args)
        .arg("--quiet")
        .output()
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    Ok(t.elapsed().as_secs_f64())
}

fn run(dir: &Path, target: &Path, args: &[&str]) -> Res<f64> {
    timed_cargo(dir, target, args).map_err(|stderr| {
        format!(
            "cargo {} in {} failed:\n{stderr}",
            args.join(" "),
            dir.display()
        )
    })
}

/// A copy of `rev`'s tree (from `git archive`), made once.
fn baseline_tree(root: &Path, rev: &str) -> Res<PathBuf> {
    let dir = root.join("target").join(format!("bench-baseline-{rev}"));
    let src = dir.join("src");
    if src.join("Cargo.toml").exists() {
        return Ok(src);
    }
    std::fs::create_dir_all(&src).map_err(|e| e.to_string())?;
    let archive = Command::new("git")
        .current_dir(root)
        .args(["archive", "--format=tar", rev])
        .output()
        .map_err(|e| e.to_string())?;
    if !archive.status.success() {
        return Err(format!(
            "git archive {rev}: {} (a shallow clone lacks the baseline; pass --baseline REV)",
            String::from_utf8_lossy(&archive.stderr).trim()
        ));
    }
    let mut tar = Command::new("tar")
        .current_dir(&src)
        .args(["-x", "-f", "-"])
        .stdin(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| e.to_string())?;
    use std::io::Write;
    tar.stdin
        .take()
        .ok_or("tar stdin")?
        .write_all(&archive.stdout)
        .map_err(|e| e.to_string())?;
    if !tar.wait().map_err(|e| e.to_string())?.success() {
        return Err("tar -x failed".into());
    }
    Ok(src)
}

/// Marks a crate's root (`<krate>/src/lib.rs`) as changed, so the next check rebuilds that
/// crate alone.
pub(crate) fn touch(krate: &Path) -> Res {
    let lib = krate.join("src/lib.rs");
    let f = std::fs::File::options()
        .write(true)
        .open(&lib)
        .map_err(|e| format!("{}: {e}", lib.display()))?;
    f.set_modified(SystemTime::now())
        .map_err(|e| format!("{}: {e}", lib.display()))
}

/// The middle value (the upper one of an even count).
pub(crate) fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// Prints one row per API feature: baseline and current medians and their ratio.
pub fn check(root: &Path, rev: &str, rounds: usize) -> Res {
    let base = baseline_tree(root, rev)?;
    let trees = [
        (
            base.clone(),
            root.join("target")
                .join(format!("bench-baseline-{rev}/target")),
        ),
        (root.to_path_buf(), root.join("target").join("bench-check")),
    ];
    println!(
        "## `cargo check -p generated-client` with one API feature, dependencies built ({rev} vs this tree, {rounds} alternating rounds, medians)"
    );
    println!("| feature | {rev} s | now s | now / {rev} |");
    println!("|---|---:|---:|---:|");
    for feature in FEATURES {
        let args = [
            "check",
            "-p",
            "generated-client",
            "--no-default-features",
            "--features",
            feature,
        ];
        // Warm: dependencies (and the runtime crate) built once per tree.
        for (tree, target) in &trees {
            run(tree, target, &args)?;
        }
        let mut times = [Vec::new(), Vec::new()];
        for _ in 0..rounds {
            for (i, (tree, target)) in trees.iter().enumerate() {
                touch(&tree.join("generated-client"))?;
                times[i].push(run(tree, target, &args)?);
            }
        }
        let b = median(&mut times[0]);
        let n = median(&mut times[1]);
        println!("| {feature} | {b:.2} | {n:.2} | {:.2} |", n / b);
    }
    Ok(())
}
