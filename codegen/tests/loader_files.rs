//! The loader on hostile files: FIFOs, devices and huge files are refused without being
//! read; bad encodings are located at their first bad byte; a byte order mark is fine;
//! `.YAML` counts like `.yaml`; and ten thousand errors stay within bounded time. Every
//! case comes back as located diagnostics.

use std::path::Path;
use std::sync::mpsc;
use std::time::{Duration, Instant};

const API: &str = "api:\n  name: demo\n  title: Demo\n";

/// A `spec/demo/` folder holding `api.yaml` plus `files`.
fn spec(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("spec/demo");
    std::fs::create_dir_all(&demo).unwrap();
    if !files.iter().any(|(name, _)| *name == "api.yaml") {
        std::fs::write(demo.join("api.yaml"), API).unwrap();
    }
    for (name, bytes) in files {
        std::fs::write(demo.join(name), bytes).unwrap();
    }
    dir
}

/// Loads `root/spec` on another thread, failing the test if it takes longer than `limit`.
fn load_within(root: &Path, limit: Duration) -> Result<codegen::ir::Spec, String> {
    let (tx, rx) = mpsc::channel();
    let spec_dir = root.join("spec");
    std::thread::spawn(move || {
        let result = codegen::load::load_dir(&spec_dir, "spec").map_err(|d| d.render());
        let _ = tx.send(result);
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("loading took longer than {limit:?}"))
}

fn errors(root: &Path) -> String {
    match load_within(root, Duration::from_secs(60)) {
        Ok(_) => panic!("the spec should not load"),
        Err(rendered) => rendered,
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_without_blocking() {
    // The readable files are still checked, so every error shows in one run.
    let dir = spec(&[(
        "other.yaml",
        b"operations: {ping: {method: GTE, path: /ping}}\n",
    )]);
    let fifo = dir.path().join("spec/demo/pipe.yaml");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let out = errors(dir.path());
    assert_eq!(
        out,
        "spec/demo/other.yaml:1:29: unknown value `GTE` for `method`; did you mean `GET`? (expected one of `GET`, `POST`, `PUT`, `PATCH`, `DELETE`)\n\
         spec/demo/pipe.yaml:1:1: not a regular file (a FIFO); a spec file must be a plain file\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_to_an_endless_device_is_refused_without_reading() {
    let dir = spec(&[]);
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("spec/demo/zero.yaml")).unwrap();
    let out = errors(dir.path());
    assert_eq!(
        out,
        "spec/demo/zero.yaml:1:1: not a regular file (a character device); a spec file must be a plain file\n"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_regular_file_is_read() {
    let dir = spec(&[(
        "real.txt",
        b"operations:\n  ping:\n    method: GET\n    path: /ping\n",
    )]);
    let demo = dir.path().join("spec/demo");
    std::os::unix::fs::symlink(demo.join("real.txt"), demo.join("ping.yaml")).unwrap();
    let spec = load_within(dir.path(), Duration::from_secs(60)).unwrap();
    assert_eq!(spec.apis[0].groups[0].operations[0].name.wire, "ping");
}

#[test]
fn a_file_over_the_size_cap_is_refused() {
    // Valid YAML (one long comment), one byte over 8 MiB.
    let mut big = b"# ".to_vec();
    big.resize(8 * 1024 * 1024 + 1, b'x');
    let dir = spec(&[("big.yaml", &big)]);
    let out = errors(dir.path());
    assert_eq!(
        out,
        "spec/demo/big.yaml:1:1: the file is larger than 8 MiB, the most a spec file may be; split it into several files\n"
    );
}

#[test]
fn spec_file_extensions_count_in_any_case() {
    let ops = |name: &str| {
        format!("operations:\n  {name}:\n    method: GET\n    path: /{name}\n").into_bytes()
    };
    let (upper, mixed) = (ops("upper"), ops("mixed"));
    let dir = spec(&[("upper.YAML", &upper), ("mixed.Yml", &mixed)]);
    let spec = load_within(dir.path(), Duration::from_secs(60)).unwrap();
    let files: Vec<&str> = spec.apis[0].files.iter().map(String::as_str).collect();
    assert_eq!(
        files,
        [
            "spec/demo/api.yaml",
            "spec/demo/mixed.Yml",
            "spec/demo/upper.YAML"
        ]
    );
    let ops: Vec<&str> = spec.apis[0]
        .groups
        .iter()
        .flat_map(|g| &g.operations)
        .map(|o| o.name.wire.as_str())
        .collect();
    assert_eq!(ops, ["mixed", "upper"]);
}

#[test]
fn bad_encodings_are_located_at_the_first_bad_byte() {
    let files: &[(&str, &[u8])] = &[
        (
            "a_invalid_utf8.yaml",
            b"operations:\n  ping:\n    summary: caf\xe9\n",
        ),
        ("b_nul.yaml", b"operations:\n  ping:\n    summary: x\x00y\n"),
        ("c_control.yaml", b"# ok\n\n  \x1b[0m\n"),
        ("d_utf16le_bom.yaml", b"\xff\xfeo\x00p\x00s\x00:\x00"),
        (
            "e_utf16le.yaml",
            b"o\x00p\x00e\x00r\x00a\x00t\x00i\x00o\x00n\x00s\x00:\x00\n\x00",
        ),
        ("f_utf16be_bom.yaml", b"\xfe\xff\x00o\x00p"),
        ("g_late.yaml", b"# \xc3\xa9\xc3\xa9\r\n# two\r\n#\xc3\x28\n"),
    ];
    let dir = spec(files);
    insta::assert_snapshot!("bad_encodings", errors(dir.path()));
}

#[test]
fn a_utf8_byte_order_mark_is_accepted() {
    let dir = spec(&[(
        "api.yaml",
        b"\xef\xbb\xbfapi:\n  name: demo\n  title: Demo\n  bad_key: 1\n",
    )]);
    assert_eq!(
        errors(dir.path()),
        "spec/demo/api.yaml:4:3: unknown key `bad_key` in api section; expected one of `name`, `title`, `client`, `description`, `base_url`, `auth`, `error_body`, `lenient`, `error_field`, `headers`\n"
    );
    let ok = spec(&[("api.yaml", b"\xef\xbb\xbfapi: {name: demo, title: Demo}\n")]);
    let loaded = load_within(ok.path(), Duration::from_secs(60)).unwrap();
    assert_eq!(loaded.apis[0].name.wire, "demo");
}

#[test]
fn ten_thousand_unknown_types_are_reported_in_bounded_time() {
    let mut text = String::from(API);
    text.push_str("models:\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "  Model{i}:\n    fields:\n      f: {{ type: Modl{i}x }}\n"
        ));
    }
    let dir = spec(&[("api.yaml", text.as_bytes())]);
    let started = Instant::now();
    let out = errors(dir.path());
    let took = started.elapsed();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 10_000, "{}", &out[..out.len().min(2000)]);
    assert!(
        lines.iter().all(|l| l.contains("unknown type `Modl")),
        "{}",
        lines[0]
    );
    // The first ones still get a suggestion.
    assert!(
        lines[0].ends_with("unknown type `Modl0x`; did you mean `Model0`?"),
        "{}",
        lines[0]
    );
    // Generous: the quadratic search took over a minute.
    assert!(took < Duration::from_secs(20), "took {took:?}");
}

#[test]
fn a_key_over_1024_characters_is_reported_for_what_it_is() {
    let long = "K".repeat(1100);
    let text = format!("{API}models:\n  {long}:\n    fields: {{}}\n");
    let dir = spec(&[("api.yaml", text.as_bytes())]);
    assert_eq!(
        errors(dir.path()),
        "spec/demo/api.yaml:5:3: this key is 1100 characters long; YAML allows at most 1024 in a key\n"
    );
}

#[test]
fn quoting_hints_stay_cheap_on_ten_thousand_errors() {
    // Every path became a comment: 10,000 located errors, the first ones with a hint.
    let mut text = String::from("operations:\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "  op{i}:\n    method: GET\n    path: #/things/{i}\n"
        ));
    }
    let dir = spec(&[("ops.yaml", text.as_bytes())]);
    let started = Instant::now();
    let out = errors(dir.path());
    let took = started.elapsed();
    let empty: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("path `` must start with `/`"))
        .collect();
    assert_eq!(empty.len(), 10_000);
    assert!(
        empty[0].ends_with("; a `#` after a space starts a comment, so the value is empty: quote the value: path: \"#/things/0\""),
        "{}",
        empty[0]
    );
    let hinted = empty
        .iter()
        .filter(|l| l.contains("quote the value"))
        .count();
    assert_eq!(hinted, codegen::hints::MAX_HINTED);
    assert!(took < Duration::from_secs(20), "took {took:?}");
}
