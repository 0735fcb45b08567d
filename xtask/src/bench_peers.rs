//! `cargo xtask bench peers [--rounds N]`: the time of `cargo check` of our generated crate
//! (`generated-client` with one API feature) beside the clients that three peer generators
//! write from our own OpenAPI exports (`openapi/<api>.json`), in one run: progenitor
//! (`cargo-progenitor`), openapi-generator (`openapi-generator-cli`, `-g rust`) and
//! openapi-to-rust (`openapi-to-rust generate`).
//!
//! Each tool is taken from an environment variable naming its binary, else found on PATH:
//! `PEER_PROGENITOR` (a `cargo-progenitor` binary), `PEER_OPENAPI_GENERATOR` (the
//! `openapi-generator-cli` launcher) and `PEER_OPENAPI_TO_RUST` (the `openapi-to-rust`
//! binary). A tool that is missing is a skipped column with the reason, not a failure.
//!
//! Every peer's client of every export is written into `target/bench-peers/<peer>/<api>/`
//! as a crate of its own (a `[workspace]` table is added so that it does not join ours),
//! with one `CARGO_TARGET_DIR` per peer (`target/bench-peers/<peer>/target`); ours is
//! checked with `target/bench-peers/ours/target`. Each crate is checked once (dependencies
//! built), then N rounds (5 by default) go round ours and the peers, each a `touch` of the
//! crate root (`src/lib.rs`) and a `cargo check` (`CARGO_INCREMENTAL=0`), the starting
//! crate moving by one each round. The table gives per API the medians and ours / peer; a
//! peer whose generator fails, or whose code does not compile, says so instead of a time.

use crate::bench_check::{median, timed_cargo, touch};
use std::path::{Path, PathBuf};
use std::process::Command;

type Res<T = ()> = Result<T, String>;

const APIS: &[&str] = &["gcore", "hostbill", "activeplatform"];

/// The three peer generators.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Progenitor,
    OpenapiGenerator,
    OpenapiToRust,
}

struct Peer {
    kind: Kind,
    /// Column name and `target/bench-peers/<name>/`.
    name: &'static str,
    /// The binary, or why there is none.
    tool: Result<PathBuf, String>,
    version: String,
}

impl Kind {
    const ALL: [Kind; 3] = [
        Kind::Progenitor,
        Kind::OpenapiGenerator,
        Kind::OpenapiToRust,
    ];

    fn name(self) -> &'static str {
        match self {
            Kind::Progenitor => "progenitor",
            Kind::OpenapiGenerator => "openapi-generator",
            Kind::OpenapiToRust => "openapi-to-rust",
        }
    }

    fn env_var(self) -> &'static str {
        match self {
            Kind::Progenitor => "PEER_PROGENITOR",
            Kind::OpenapiGenerator => "PEER_OPENAPI_GENERATOR",
            Kind::OpenapiToRust => "PEER_OPENAPI_TO_RUST",
        }
    }

    fn binary(self) -> &'static str {
        match self {
            Kind::Progenitor => "cargo-progenitor",
            Kind::OpenapiGenerator => "openapi-generator-cli",
            Kind::OpenapiToRust => "openapi-to-rust",
        }
    }
}

/// `name` in one of PATH's directories.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

fn find(kind: Kind) -> Peer {
    let var = kind.env_var();
    let tool = match std::env::var_os(var) {
        Some(p) if Path::new(&p).is_file() => Ok(PathBuf::from(p)),
        Some(p) => Err(format!("{var}={} is not a file", Path::new(&p).display())),
        None => on_path(kind.binary())
            .ok_or_else(|| format!("`{}` is not on PATH and {var} is not set", kind.binary())),
    };
    let version = match &tool {
        Ok(bin) => version(kind, bin),
        Err(_) => String::new(),
    };
    Peer {
        kind,
        name: kind.name(),
        tool,
        version,
    }
}

/// The tool's own account of its version (its last line). `cargo-progenitor` has no
/// `--version`: its version is read from the `.crates.toml` that `cargo install --root`
/// writes beside `bin/`.
fn version(kind: Kind, bin: &Path) -> String {
    let mut cmd = Command::new(bin);
    match kind {
        Kind::Progenitor => {
            let record = bin
                .parent()
                .and_then(Path::parent)
                .map(|r| r.join(".crates.toml"));
            let text = record
                .and_then(|r| std::fs::read_to_string(r).ok())
                .unwrap_or_default();
            return text
                .lines()
                .find_map(|l| l.strip_prefix("\"cargo-progenitor "))
                .and_then(|l| l.split_whitespace().next())
                .map_or(
                    "version unknown (no --version, no .crates.toml)".into(),
                    |v| format!("cargo-progenitor {v}"),
                );
        }
        Kind::OpenapiGenerator => cmd.arg("version"),
        Kind::OpenapiToRust => cmd.arg("--version"),
    };
    match cmd.output() {
        Ok(o) => {
            let text = String::from_utf8_lossy(&o.stdout);
            let line = text.lines().rev().find(|l| !l.trim().is_empty());
            line.unwrap_or("version unknown").trim().to_string()
        }
        Err(e) => format!("version unknown ({e})"),
    }
}

/// `cargo ARGS` timed (see `bench_check::timed_cargo`); a failure as its first error.
fn run(dir: &Path, target: &Path, args: &[&str]) -> Res<f64> {
    timed_cargo(dir, target, args).map_err(|stderr| first_error(&stderr))
}

/// The first `error` line of cargo's output and how many errors it counted.
fn first_error(stderr: &str) -> String {
    let first = stderr
        .lines()
        .find(|l| l.starts_with("error"))
        .unwrap_or_else(|| stderr.lines().next().unwrap_or("failed"))
        .trim();
    let count = stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("error: "))
        .count();
    format!("{first} ({count} error lines)")
}

fn write(path: &Path, text: &str) -> Res {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

fn read(path: &Path) -> Res<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Runs a generator; its output is kept in `log` for reading after a failure.
fn generate_cmd(mut cmd: Command, log: &Path) -> Res {
    let out = cmd.output().map_err(|e| e.to_string())?;
    let mut text = out.stdout;
    text.extend_from_slice(&out.stderr);
    std::fs::write(log, &text).map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(())
    } else {
        let text = String::from_utf8_lossy(&text);
        let last = text.lines().rev().find(|l| !l.trim().is_empty());
        Err(format!(
            "generator exited with {}: {}",
            out.status,
            last.unwrap_or("").trim()
        ))
    }
}

/// Writes `peer`'s client of `spec` into `dir` as a crate outside our workspace.
fn generate(peer: &Peer, bin: &Path, spec: &Path, dir: &Path, api: &str) -> Res {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let parent = dir.parent().ok_or("no parent")?;
    std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
    let log = parent.join(format!("{api}.generate.log"));
    let name = format!("{api}-{}", peer.name).replace('-', "_");
    match peer.kind {
        Kind::Progenitor => {
            let mut cmd = Command::new(bin);
            cmd.arg("progenitor")
                .arg("-i")
                .arg(spec)
                .arg("-o")
                .arg(dir)
                .args(["-n", &name, "-v", "0.1.0"])
                .env("RUST_BACKTRACE", "0");
            generate_cmd(cmd, &log)?;
        }
        Kind::OpenapiGenerator => {
            let mut cmd = Command::new(bin);
            // Our exports' `info.version` is `unversioned`, which the generator would put
            // in Cargo.toml as the (invalid) version `unersioned.0.0`.
            cmd.args(["generate", "-g", "rust", "-i"])
                .arg(spec)
                .arg("-o")
                .arg(dir)
                .args(["--package-name", &name])
                .arg("--additional-properties=packageVersion=0.1.0");
            generate_cmd(cmd, &log)?;
        }
        Kind::OpenapiToRust => {
            // It writes modules (`types.rs`, `client.rs`, `mod.rs`) and the dependencies
            // they need (`REQUIRED_DEPS.toml`); the crate around them is ours.
            let src = dir.join("src");
            let out = src.join("generated");
            std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
            let mut cmd = Command::new(bin);
            cmd.arg("generate")
                .arg(spec)
                .arg("--output-dir")
                .arg(&out)
                .args(["--module-name", "generated"]);
            generate_cmd(cmd, &log)?;
            let deps = read(&out.join("REQUIRED_DEPS.toml"))?;
            let deps = deps_table(&deps);
            write(
                &dir.join("Cargo.toml"),
                &format!(
                    "[package]\nname = \"{}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n{deps}",
                    name.replace('_', "-")
                ),
            )?;
            write(&src.join("lib.rs"), "pub mod generated;\n")?;
        }
    }
    let manifest = dir.join("Cargo.toml");
    let text = read(&manifest)?;
    if !text.lines().any(|l| l.trim() == "[workspace]") {
        write(&manifest, &format!("{text}\n[workspace]\n"))?;
    }
    if !dir.join("src/lib.rs").is_file() {
        return Err("the generator wrote no src/lib.rs".into());
    }
    Ok(())
}

/// A `[dependencies]` table from openapi-to-rust's `REQUIRED_DEPS.toml` (which may hold
/// the table, or only its lines).
fn deps_table(deps: &str) -> String {
    if deps.lines().any(|l| l.trim() == "[dependencies]") {
        deps.to_string()
    } else {
        format!("[dependencies]\n{deps}")
    }
}

/// One column of one API's row.
enum Cell {
    Times(Vec<f64>),
    /// Not run, with the reason (tool missing).
    Skipped,
    /// The generator failed.
    NotGenerated(String),
    /// The generated crate does not pass `cargo check`.
    NoCompile(String),
}

/// Prints the table: per API, our median, each peer's, and ours / peer.
pub fn peers(root: &Path, rounds: usize) -> Res {
    let base = root.join("target").join("bench-peers");
    let peers: Vec<Peer> = Kind::ALL.into_iter().map(find).collect();
    let ours_target = base.join("ours").join("target");
    let ours_crate = root.join("generated-client");
    let mut notes: Vec<String> = Vec::new();
    for p in &peers {
        match &p.tool {
            Ok(bin) => println!("- {}: `{}` ({})", p.name, bin.display(), p.version),
            Err(why) => {
                println!("- {}: skipped: {why}", p.name);
            }
        }
    }
    println!();
    println!(
        "## `cargo check` of one API's client, dependencies built: ours (`-p generated-client --no-default-features --features <api>`) vs peer generators on `openapi/<api>.json` ({rounds} rounds, medians)"
    );
    let mut head = String::from("| API | ours s |");
    let mut rule = String::from("|---|---:|");
    for p in &peers {
        head.push_str(&format!(" {} s | ours / {} |", p.name, p.name));
        rule.push_str("---:|---:|");
    }
    head.push_str(" ours fastest |");
    rule.push_str("---|");
    let mut rows = Vec::new();
    for api in APIS {
        let spec = root.join("openapi").join(format!("{api}.json"));
        if !spec.is_file() {
            return Err(format!("{} is missing", spec.display()));
        }
        let ours_args = [
            "check",
            "-p",
            "generated-client",
            "--no-default-features",
            "--features",
            api,
        ];
        let mut cells: Vec<Cell> = Vec::new();
        let mut crates: Vec<(PathBuf, PathBuf)> = Vec::new();
        for p in &peers {
            let dir = base.join(p.name).join(api);
            let target = base.join(p.name).join("target");
            let cell = match &p.tool {
                Err(_) => Cell::Skipped,
                Ok(bin) => match generate(p, bin, &spec, &dir, api) {
                    Err(e) => Cell::NotGenerated(e),
                    // Warm: dependencies built, and the generated code checked once.
                    Ok(()) => match run(&dir, &target, &["check"]) {
                        Err(e) => Cell::NoCompile(e),
                        Ok(_) => Cell::Times(Vec::new()),
                    },
                },
            };
            match &cell {
                Cell::NotGenerated(e) => notes.push(format!("{} on {api}: {e}", p.name)),
                Cell::NoCompile(e) => notes.push(format!(
                    "{} on {api}: `cargo check` in {} fails: {e}",
                    p.name,
                    dir.strip_prefix(root).unwrap_or(&dir).display()
                )),
                _ => {}
            }
            cells.push(cell);
            crates.push((dir, target));
        }
        run(root, &ours_target, &ours_args)?;
        let mut ours = Vec::new();
        // Index 0 is ours, i > 0 the peer i - 1; the first one moves each round.
        let n = peers.len() + 1;
        for r in 0..rounds {
            for k in 0..n {
                let i = (r + k) % n;
                if i == 0 {
                    touch(&ours_crate)?;
                    ours.push(run(root, &ours_target, &ours_args)?);
                } else if let Cell::Times(v) = &mut cells[i - 1] {
                    let (dir, target) = &crates[i - 1];
                    touch(dir)?;
                    v.push(run(dir, target, &["check"])?);
                }
            }
        }
        let o = median(&mut ours);
        let mut row = format!("| {api} | {o:.2} |");
        let mut fastest = true;
        let mut compared = 0;
        for cell in &mut cells {
            match cell {
                Cell::Times(v) => {
                    let m = median(v);
                    row.push_str(&format!(" {m:.2} | {:.2} |", o / m));
                    fastest &= o < m;
                    compared += 1;
                }
                Cell::Skipped => row.push_str(" skipped | |"),
                Cell::NotGenerated(_) => row.push_str(" generator fails | |"),
                Cell::NoCompile(_) => row.push_str(" does not compile | |"),
            }
        }
        let verdict = match (compared, fastest) {
            (0, _) => "no peer timed",
            (c, true) if c == peers.len() => "yes",
            (_, true) => "yes, of those timed",
            (_, false) => "no",
        };
        row.push_str(&format!(" {verdict} |"));
        rows.push(row);
    }
    println!("{head}");
    println!("{rule}");
    for r in rows {
        println!("{r}");
    }
    println!(
        "(each time: `touch src/lib.rs` + `cargo check`, CARGO_INCREMENTAL=0; ours / peer < 1 means ours checks faster)"
    );
    for p in &peers {
        if let Err(why) = &p.tool {
            println!("- {} skipped: {why}", p.name);
        }
    }
    for n in notes {
        println!("- {n}");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn deps_table_is_added_once() {
        assert_eq!(
            super::deps_table("serde = \"1\"\n"),
            "[dependencies]\nserde = \"1\"\n"
        );
        assert_eq!(
            super::deps_table("[dependencies]\nserde = \"1\"\n"),
            "[dependencies]\nserde = \"1\"\n"
        );
    }

    #[test]
    fn first_error_line() {
        let e = super::first_error(
            "warning: x\nerror[E0425]: cannot find\n --> a.rs\nerror: could not compile `a`\n",
        );
        assert_eq!(e, "error[E0425]: cannot find (2 error lines)");
    }
}
