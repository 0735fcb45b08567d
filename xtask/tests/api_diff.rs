//! End-to-end tests of `cargo xtask api-diff` in throw-away git repositories: the default
//! base (merge base with `main`, or HEAD for uncommitted work, or HEAD with a note when
//! there is no `main`), `--base`, Markdown, the exit codes of `--deny-breaking`, and the
//! errors that stop it (usage, unknown revision, no spec, a base that does not load, no git).

use std::path::Path;
use std::process::{Command, Output};

const API: &str = "api:\n  name: demo\n  title: Demo API\n  base_url: https://demo.example.com\nmodels:\n  Thing:\n    fields:\n      id: { type: integer }\n";
const OPS: &str = "operations:\n  list_things:\n    method: GET\n    path: /things\n    response: list<Thing>\n    query:\n      limit: { type: integer }\n";

/// Git with no user or system configuration, so the tests behave the same everywhere.
fn git_cmd(program: &str, dir: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_AUTHOR_NAME", "Test")
        .env("GIT_AUTHOR_EMAIL", "test@example.com")
        .env("GIT_COMMITTER_NAME", "Test")
        .env("GIT_COMMITTER_EMAIL", "test@example.com");
    cmd
}

fn git(dir: &Path, args: &[&str]) -> String {
    let out = git_cmd("git", dir).args(args).output().expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

fn write(dir: &Path, rel: &str, contents: &str) {
    let p = dir.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, contents).unwrap();
}

fn commit(dir: &Path, message: &str) -> String {
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "--no-gpg-sign", "-m", message]);
    git(dir, &["rev-parse", "HEAD"])
}

/// A repository on `branch` with one commit holding the demo spec.
fn repo(branch: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", branch]);
    write(dir.path(), "spec/demo/api.yaml", API);
    write(dir.path(), "spec/demo/things.yaml", OPS);
    write(
        dir.path(),
        "generated-client/Cargo.toml",
        "[package]\nname = \"generated-client\"\nversion = \"0.4.2\"\n",
    );
    commit(dir.path(), "demo spec");
    dir
}

fn xtask(root: &Path, args: &[&str]) -> Output {
    git_cmd(env!("CARGO_BIN_EXE_xtask"), root)
        .arg("api-diff")
        .args(args)
        .env("XTASK_ROOT", root)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).to_string()
}

#[test]
fn a_clean_main_has_no_changes() {
    let repo = repo("main");
    let out = xtask(repo.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let s = stdout(&out);
    assert!(s.starts_with("API changes: HEAD ("), "{s}");
    assert!(s.contains("→ working tree"), "{s}");
    assert!(s.contains("semver: none"), "{s}");
    assert!(s.contains("demo: no changes"), "{s}");
    assert!(!s.contains("note:"), "{s}");
}

#[test]
fn default_base_is_the_merge_base_with_main() {
    let repo = repo("main");
    let root = repo.path();
    let base = git(root, &["rev-parse", "--short=7", "HEAD"]);
    git(root, &["checkout", "-q", "-b", "feature"]);
    let without_query = OPS.replace("    query:\n      limit: { type: integer }\n", "");
    write(root, "spec/demo/things.yaml", &without_query);
    commit(root, "drop limit");
    // main moves on; the merge base stays where the branch started.
    git(root, &["checkout", "-q", "main"]);
    write(root, "README.md", "later\n");
    commit(root, "unrelated");
    git(root, &["checkout", "-q", "feature"]);

    let out = xtask(root, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "a report exits 0: {}",
        text(&out)
    );
    let s = stdout(&out);
    assert!(
        s.starts_with(&format!(
            "API changes: merge base of HEAD and main ({base}) → working tree"
        )),
        "{s}"
    );
    assert!(s.contains("demo: 1 breaking (major)"), "{s}");
    assert!(
        s.contains("breaking    operation list_things: query parameter limit: removed"),
        "{s}"
    );
    assert!(s.contains("0.4.2 → 0.5.0"), "{s}");

    let denied = xtask(root, &["--deny-breaking"]);
    assert_eq!(denied.status.code(), Some(1), "{}", text(&denied));
    assert_eq!(stdout(&denied), s, "the same report is printed");
    assert!(text(&denied).contains("breaking changes (--deny-breaking)"));
}

#[test]
fn uncommitted_work_on_main_is_compared_with_head() {
    let repo = repo("main");
    let root = repo.path();
    write(
        root,
        "spec/demo/api.yaml",
        &format!("{API}      name: {{ type: string, optional: true }}\n"),
    );
    // A new, untracked file is part of the working tree too.
    write(
        root,
        "spec/demo/more.yaml",
        "operations:\n  ping:\n    method: GET\n    path: /ping\n",
    );
    let out = xtask(root, &["--deny-breaking"]);
    assert_eq!(out.status.code(), Some(0), "nothing breaks: {}", text(&out));
    let s = stdout(&out);
    assert!(s.starts_with("API changes: HEAD ("), "{s}");
    assert!(
        s.contains("compatible  model Thing: field name: added (optional)"),
        "{s}"
    );
    assert!(
        s.contains("compatible  operation ping: added (GET /ping)"),
        "{s}"
    );
    assert!(s.contains("semver: minor"), "{s}");
    assert!(s.contains("0.4.2 → 0.4.3"), "{s}");
    assert_eq!(
        git(root, &["status", "--porcelain"]).lines().count(),
        2,
        "the tree is left alone"
    );
}

#[test]
fn explicit_base_and_markdown() {
    let repo = repo("main");
    let root = repo.path();
    let first = git(root, &["rev-parse", "HEAD"]);
    write(
        root,
        "spec/demo/things.yaml",
        &OPS.replace("limit: { type: integer }", "limit: { type: number }"),
    );
    commit(root, "limit as a number");
    write(
        root,
        "spec/demo/things.yaml",
        &OPS.replace("limit: { type: integer }", "limit: { type: decimal }"),
    );
    commit(root, "limit as a decimal");

    let out = xtask(root, &["--base", &first, "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let md = stdout(&out);
    assert!(
        md.starts_with(&format!(
            "### API changes: {first} ({}) → working tree\n",
            &first[..7]
        )),
        "{md}"
    );
    assert!(md.contains("**Semver: major**"), "{md}");
    assert!(
        md.contains("| **breaking** | operation `list_things`: query parameter `limit` | type `integer` → `decimal` (widened) |"),
        "{md}"
    );

    // A revision expression works too, and HEAD~1 → working tree is number → decimal.
    let out = xtask(root, &["--base=HEAD~1"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    assert!(
        stdout(&out).contains("type `number` → `decimal` (widened)"),
        "{}",
        text(&out)
    );
}

#[test]
fn without_main_the_base_is_head_with_a_note() {
    let repo = repo("trunk");
    let out = xtask(repo.path(), &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let s = stdout(&out);
    assert!(s.contains("note: no `main` branch here"), "{s}");
    assert!(
        s.contains("note: comparing the working tree with HEAD"),
        "{s}"
    );
    assert!(s.contains("demo: no changes"), "{s}");
}

#[test]
fn a_base_that_does_not_load_is_reported_where_it_fails() {
    let repo = repo("main");
    let root = repo.path();
    write(
        root,
        "spec/demo/things.yaml",
        &OPS.replace("method: GET", "method: GTE"),
    );
    let broken = commit(root, "broken");
    write(root, "spec/demo/things.yaml", OPS);
    commit(root, "fixed");

    let out = xtask(root, &["--base", &broken[..10]]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let err = String::from_utf8_lossy(&out.stderr);
    let located = format!(
        "{}:spec/demo/things.yaml:3:13: unknown value `GTE`",
        &broken[..10]
    );
    assert!(err.contains(&located), "{err}");
    assert!(err.contains("do not load with today's generator"), "{err}");
    assert!(stdout(&out).is_empty(), "no report: {}", stdout(&out));
}

#[test]
fn a_base_without_specs() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, "README.md", "empty\n");
    let empty = commit(root, "no spec yet");
    write(root, "spec/demo/api.yaml", API);
    commit(root, "spec");
    let out = xtask(root, &["--base", &empty]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("has no spec files under spec/"),
        "{}",
        text(&out)
    );
}

#[test]
fn working_tree_errors_stop_it() {
    let repo = repo("main");
    write(repo.path(), "spec/demo/things.yaml", "operations: [\n");
    let out = xtask(repo.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("spec/demo/things.yaml:"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("the working tree's specs have 1 error(s)"),
        "{}",
        text(&out)
    );
}

#[test]
fn usage_and_revision_errors() {
    let repo = repo("main");
    for (args, msg) in [
        (&["--bogus"][..], "unknown argument `--bogus`"),
        (&["--format", "xml"][..], "unknown format `xml`"),
        (&["--base"][..], "`--base` needs a value"),
        (
            &["--base", "no-such-rev"][..],
            "unknown revision `no-such-rev`",
        ),
    ] {
        let out = xtask(repo.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(msg), "{args:?}: {}", text(&out));
    }
    let out = xtask(repo.path(), &["--bogus"]);
    assert!(
        text(&out).contains("usage: cargo xtask api-diff"),
        "{}",
        text(&out)
    );
}

#[test]
fn outside_git_or_without_git() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "spec/demo/api.yaml", API);
    let out = xtask(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("is not in a git work tree"),
        "{}",
        text(&out)
    );

    let repo = repo("main");
    let empty_path = tempfile::tempdir().unwrap();
    let out = git_cmd(env!("CARGO_BIN_EXE_xtask"), repo.path())
        .arg("api-diff")
        .env("XTASK_ROOT", repo.path())
        .env("PATH", empty_path.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("git not found on PATH"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_shallow_clone_falls_back_to_head_with_a_note() {
    let origin = repo("main");
    let root = origin.path();
    git(root, &["checkout", "-q", "-b", "feature"]);
    write(
        root,
        "spec/demo/more.yaml",
        "operations:\n  ping:\n    method: GET\n    path: /ping\n",
    );
    commit(root, "ping");
    git(root, &["checkout", "-q", "main"]);
    write(root, "README.md", "later\n");
    commit(root, "unrelated");

    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", root.display());
    git(
        clones.path(),
        &[
            "clone",
            "-q",
            "--depth",
            "1",
            "--no-single-branch",
            "--branch",
            "feature",
            &url,
            "c",
        ],
    );
    let clone = clones.path().join("c");
    assert!(git(&clone, &["rev-parse", "--is-shallow-repository"]) == "true");
    let out = xtask(&clone, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let s = stdout(&out);
    assert!(
        s.contains("note: HEAD and `origin/main` have no common history here (a shallow clone?)"),
        "{s}"
    );
    assert!(s.contains("demo: no changes"), "{s}");
}
