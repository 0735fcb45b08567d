//! `cargo xtask api-diff [--base REV] [--format text|markdown] [--deny-breaking]`: what the
//! spec changes since a base revision mean for code using the generated crate. The base's
//! `spec/` is read from git (the working tree is not touched), both sides are loaded with
//! today's generator, and `codegen::diff` classifies every change. The default base is the
//! merge base of HEAD and `main`, or HEAD itself (so uncommitted work is compared) when
//! HEAD is on `main` or no `main` is around (a shallow CI clone), which is then noted.
//!
//! Exit codes: 0 with a report (whatever it finds), 1 with `--deny-breaking` when anything
//! breaks, 2 when there is nothing to compare (bad usage, no git, no such revision, specs
//! that do not load).

use codegen::diff::{self, render};
use std::path::Path;
use std::process::{Command, ExitCode, Output};

const USAGE: &str =
    "usage: cargo xtask api-diff [--base REV] [--format text|markdown] [--deny-breaking]";

/// How the report is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Text,
    Markdown,
}

#[derive(Debug)]
struct Options {
    base: Option<String>,
    format: Format,
    deny_breaking: bool,
}

fn parse(args: &[&str]) -> Result<Options, String> {
    let mut opts = Options {
        base: None,
        format: Format::Text,
        deny_breaking: false,
    };
    let mut format_given = false;
    let mut deny_given = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v)),
            _ => (*arg, None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            match inline
                .map(str::to_string)
                .or_else(|| it.next().map(|v| v.to_string()))
            {
                Some(v) if !v.is_empty() && !v.starts_with("--") => Ok(v),
                _ => Err(format!("`{name}` needs a value")),
            }
        };
        match flag {
            "--base" if opts.base.is_none() => opts.base = Some(value("--base")?),
            "--format" if !format_given => {
                format_given = true;
                opts.format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "markdown" => Format::Markdown,
                    other => {
                        return Err(format!(
                            "unknown format `{other}`; use `text` or `markdown`"
                        ))
                    }
                };
            }
            "--deny-breaking" if inline.is_none() && !deny_given => {
                deny_given = true;
                opts.deny_breaking = true;
            }
            "--base" | "--format" | "--deny-breaking" => {
                return Err(format!(
                    "`{flag}` given twice (or with a value it does not take)"
                ))
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    Ok(opts)
}

/// Entry point for `cargo xtask api-diff ...`.
pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let opts = match parse(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("api-diff: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(root, &opts) {
        Ok(breaking) if breaking && opts.deny_breaking => {
            eprintln!("api-diff: breaking changes (--deny-breaking)");
            ExitCode::FAILURE
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("api-diff: {e}");
            ExitCode::from(2)
        }
    }
}

/// Prints the report; `Ok(true)` when something breaks.
fn run(root: &Path, opts: &Options) -> Result<bool, String> {
    let git = Git { root };
    let base = choose_base(&git, opts.base.as_deref())?;
    let tmp = tempfile::tempdir().map_err(|e| format!("cannot create a temporary folder: {e}"))?;
    let base_spec = tmp.path().join("spec");
    let files = read_specs(&git, &base.commit, &base_spec)?;
    if files == 0 {
        return Err(format!("{} has no spec files under spec/", base.label));
    }
    let old = codegen::load::load_dir(&base_spec, &format!("{}:spec", base.rev)).map_err(|d| {
        eprint!("{}", d.render());
        format!(
            "the specs at {} do not load with today's generator ({} error(s)); pick another base with --base",
            base.label,
            d.len()
        )
    })?;
    let new = codegen::load::load_dir(&root.join("spec"), "spec").map_err(|d| {
        eprint!("{}", d.render());
        format!("the working tree's specs have {} error(s)", d.len())
    })?;
    let report = diff::diff(&old, &new);
    let heading = render::Heading {
        base: base.label,
        head: "working tree".to_string(),
        version: crate_version(root),
        notes: base.notes,
    };
    let out = match opts.format {
        Format::Text => render::text(&report, &heading),
        Format::Markdown => render::markdown(&report, &heading),
    };
    print!("{out}");
    Ok(report.has_breaking())
}

/// Runs git in the workspace root.
struct Git<'a> {
    root: &'a Path,
}

impl Git<'_> {
    fn run(&self, args: &[&str]) -> Result<Output, String> {
        Command::new("git")
            .arg("-C")
            .arg(self.root)
            .args(args)
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    "git not found on PATH: api-diff reads the base specs with git".to_string()
                }
                _ => format!("cannot run git: {e}"),
            })
    }

    /// Trimmed stdout when git succeeds, `None` when it fails.
    fn ok(&self, args: &[&str]) -> Result<Option<String>, String> {
        let out = self.run(args)?;
        Ok(out
            .status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string()))
    }

    /// The commit `rev` names, if any.
    fn commit(&self, rev: &str) -> Result<Option<String>, String> {
        self.ok(&[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ])
    }
}

/// The revision the working tree is compared with.
struct Base {
    /// The commit.
    commit: String,
    /// How diagnostics name it (`main`, a short hash): `<rev>:spec/<api>/<file>`.
    rev: String,
    /// How the heading names it.
    label: String,
    /// Why this base and not the usual one.
    notes: Vec<String>,
}

fn short(commit: &str) -> &str {
    commit.get(..7).unwrap_or(commit)
}

fn choose_base(git: &Git<'_>, given: Option<&str>) -> Result<Base, String> {
    if git.ok(&["rev-parse", "--is-inside-work-tree"])?.as_deref() != Some("true") {
        return Err(format!(
            "{} is not in a git work tree: api-diff compares with a git revision",
            git.root.display()
        ));
    }
    if let Some(rev) = given {
        let commit = git
            .commit(rev)?
            .ok_or_else(|| format!("unknown revision `{rev}`"))?;
        let label = format!("{rev} ({})", short(&commit));
        return Ok(Base {
            commit,
            rev: rev.to_string(),
            label,
            notes: Vec::new(),
        });
    }
    let head = git
        .commit("HEAD")?
        .ok_or("HEAD has no commit yet: nothing to compare with (use --base REV)")?;
    let at_head = |notes: Vec<String>| Base {
        label: format!("HEAD ({})", short(&head)),
        commit: head.clone(),
        rev: "HEAD".to_string(),
        notes,
    };
    let mut notes = Vec::new();
    for main in ["main", "origin/main"] {
        if git.commit(main)?.is_none() {
            continue;
        }
        match git.ok(&["merge-base", "HEAD", main])? {
            Some(mb) if mb == head => return Ok(at_head(notes)),
            Some(mb) => {
                return Ok(Base {
                    label: format!("merge base of HEAD and {main} ({})", short(&mb)),
                    rev: short(&mb).to_string(),
                    commit: mb,
                    notes,
                })
            }
            None => notes.push(format!(
                "HEAD and `{main}` have no common history here (a shallow clone?)"
            )),
        }
    }
    if notes.is_empty() {
        notes.push("no `main` branch here".to_string());
    }
    notes.push("comparing the working tree with HEAD instead of the merge base".to_string());
    Ok(at_head(notes))
}

/// Writes the `spec/<api>/<file>.yaml` (and `.yml`) files of `commit` under `dest` and
/// returns how many there are. Deeper files are skipped, as the loader does.
fn read_specs(git: &Git<'_>, commit: &str, dest: &Path) -> Result<usize, String> {
    let out = git.run(&["ls-tree", "-r", "-z", "--name-only", commit, "--", "spec"])?;
    if !out.status.success() {
        return Err(format!(
            "git ls-tree failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    let listing = String::from_utf8_lossy(&out.stdout).to_string();
    let mut count = 0;
    for path in listing.split('\0').filter(|p| !p.is_empty()) {
        let Some(rel) = path.strip_prefix("spec/") else {
            continue;
        };
        let parts: Vec<&str> = rel.split('/').collect();
        let is_spec = parts.len() == 2 && (rel.ends_with(".yaml") || rel.ends_with(".yml"));
        if !is_spec {
            continue;
        }
        let blob = git.run(&["cat-file", "blob", &format!("{commit}:./{path}")])?;
        if !blob.status.success() {
            return Err(format!(
                "cannot read {path} at {}: {}",
                short(commit),
                String::from_utf8_lossy(&blob.stderr).trim()
            ));
        }
        let target = dest.join(parts[0]).join(parts[1]);
        std::fs::create_dir_all(dest.join(parts[0]))
            .and_then(|_| std::fs::write(&target, &blob.stdout))
            .map_err(|e| format!("cannot write {}: {e}", target.display()))?;
        count += 1;
    }
    Ok(count)
}

/// The version of `generated-client` in the working tree, to name the next one.
fn crate_version(root: &Path) -> Option<String> {
    let manifest = std::fs::read_to_string(root.join("generated-client/Cargo.toml")).ok()?;
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if let Some(rest) = line.strip_prefix("version").filter(|_| in_package) {
            let value = rest.trim_start().strip_prefix('=')?.trim();
            return Some(value.trim_matches('"').to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let o = parse(&[]).unwrap();
        assert_eq!(
            (o.base, o.format, o.deny_breaking),
            (None, Format::Text, false)
        );
        let o = parse(&["--base", "v1", "--format", "markdown", "--deny-breaking"]).unwrap();
        assert_eq!(o.base.as_deref(), Some("v1"));
        assert_eq!((o.format, o.deny_breaking), (Format::Markdown, true));
        let o = parse(&["--base=main~2", "--format=text"]).unwrap();
        assert_eq!(
            (o.base.as_deref(), o.format),
            (Some("main~2"), Format::Text)
        );
    }

    #[test]
    fn bad_options() {
        for (args, msg) in [
            (&["--bogus"][..], "unknown argument `--bogus`"),
            (&["--base"][..], "`--base` needs a value"),
            (&["--base", "--deny-breaking"][..], "`--base` needs a value"),
            (&["--format", "xml"][..], "unknown format `xml`"),
            (&["--deny-breaking", "--deny-breaking"][..], "given twice"),
            (&["--base", "a", "--base", "b"][..], "given twice"),
            (&["--deny-breaking=yes"][..], "given twice (or with a value"),
            (&["main"][..], "unknown argument `main`"),
        ] {
            let err = parse(args).unwrap_err();
            assert!(err.contains(msg), "{args:?}: {err}");
        }
    }

    #[test]
    fn version_from_the_package_section() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("generated-client")).unwrap();
        std::fs::write(
            dir.path().join("generated-client/Cargo.toml"),
            "[package]\nname = \"generated-client\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9\"\n",
        )
        .unwrap();
        assert_eq!(crate_version(dir.path()).as_deref(), Some("0.3.1"));
        assert_eq!(crate_version(&dir.path().join("nowhere")), None);
    }
}
