//! A peer generator accepts our OpenAPI export: progenitor (oxidecomputer's Rust client
//! generator) generates a client from every committed `openapi/<api>.json` and from every
//! ok-fixture's export (computed in memory), the code parses, and it has one method per
//! operation; `OPENAPI_PROGENITOR_OUT=<dir>` writes the code there, to read or compile.
//! progenitor 0.15 panicked on the documents that had a `200` success and a `default`
//! error with other bodies; the export now says `2XX` and `default`.

use codegen::load::{self, Source};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    out.sort();
    out
}

/// The names of the methods of progenitor's `impl Client` blocks.
fn client_methods(file: &syn::File) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for item in &file.items {
        let syn::Item::Impl(imp) = item else { continue };
        let syn::Type::Path(p) = &*imp.self_ty else {
            continue;
        };
        if imp.trait_.is_some() || !p.path.is_ident("Client") {
            continue;
        }
        for i in &imp.items {
            if let syn::ImplItem::Fn(f) = i {
                out.insert(f.sig.ident.to_string());
            }
        }
    }
    out
}

/// Fixtures whose export progenitor 0.15 refuses, for a reason of its own (the documents
/// are valid OpenAPI 3.0), with the message it gives: when progenitor learns the construct,
/// this test fails and the entry goes.
const PROGENITOR_REFUSES: &[(&str, &str)] = &[
    (
        // `style: deepObject` (an object as bracketed keys) is not implemented by
        // progenitor.
        "codegen/tests/fixtures/ok/query_objects.yaml",
        "unsupported style of query parameter DeepObject",
    ),
    (
        // Nor `multipart/form-data` request bodies.
        "codegen/tests/fixtures/ok/multipart.yaml",
        "unexpected content type: multipart/form-data",
    ),
    (
        // Nor a raw request body of a media type other than `application/octet-stream`.
        "codegen/tests/fixtures/ok/raw_bodies.yaml",
        "unexpected content type: image/png",
    ),
    (
        // Nor is `style: pipeDelimited` (the `|`-joined list).
        "codegen/tests/fixtures/ok/query_styles.yaml",
        "unsupported style of query parameter PipeDelimited",
    ),
];

/// Generates `text` with progenitor, checks that every operation has its method and
/// returns how many operations there are.
fn generate(name: &str, text: &str) -> usize {
    match try_generate(name, text) {
        Ok(n) => n,
        Err(e) => panic!("{name}: progenitor fails: {e}"),
    }
}

fn try_generate(name: &str, text: &str) -> Result<usize, String> {
    let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let spec: openapiv3::OpenAPI =
        serde_json::from_str(text).unwrap_or_else(|e| panic!("{name}: not OpenAPI 3.0: {e}"));
    let mut generator = progenitor_impl::Generator::default();
    let generated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        generator.generate_tokens(&spec)
    }));
    let tokens = match generated {
        Ok(Ok(tokens)) => tokens,
        Ok(Err(e)) => return Err(e.to_string()),
        Err(_) => panic!("{name}: progenitor panics (see above)"),
    };
    let file: syn::File =
        syn::parse2(tokens).unwrap_or_else(|e| panic!("{name}: generated code: {e}"));
    // To read or compile what progenitor made: OPENAPI_PROGENITOR_OUT=<dir>.
    if let Some(dir) = std::env::var_os("OPENAPI_PROGENITOR_OUT") {
        let stem = name
            .rsplit('/')
            .next()
            .unwrap_or(name)
            .replace(['.', '-'], "_");
        let out = Path::new(&dir).join(format!("{stem}.rs"));
        std::fs::write(&out, prettyplease::unparse(&file)).expect("written");
    }
    let methods = client_methods(&file);
    let mut expected = BTreeSet::new();
    for item in doc["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("path item").values() {
            expected.insert(op["operationId"].as_str().expect("operationId").to_string());
        }
    }
    let missing: Vec<&String> = expected.difference(&methods).collect();
    assert!(
        missing.is_empty(),
        "{name}: no client method for {missing:?}"
    );
    Ok(expected.len())
}

#[test]
fn progenitor_generates_every_committed_document() {
    let docs = files(&root().join("openapi"), "json");
    assert!(docs.len() >= 3, "{} documents", docs.len());
    for path in docs {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let ops = generate(&format!("openapi/{name}"), &text);
        assert!(ops > 0, "{name}: no operations");
    }
}

#[test]
fn progenitor_generates_every_ok_fixture_export() {
    let paths = files(&root().join("codegen/tests/fixtures/ok"), "yaml");
    assert!(paths.len() >= 9, "{} fixtures", paths.len());
    let mut ops = 0;
    for path in paths {
        let shown = format!(
            "codegen/tests/fixtures/ok/{}",
            path.file_name().unwrap().to_string_lossy()
        );
        let text = std::fs::read_to_string(&path).unwrap();
        let api = load::load_api(&[Source {
            path: shown.clone(),
            text,
        }])
        .unwrap_or_else(|d| panic!("{}", d.render()));
        let doc = codegen::openapi::render(&api).unwrap();
        match PROGENITOR_REFUSES.iter().find(|(f, _)| *f == shown) {
            Some((_, why)) => match try_generate(&shown, &doc) {
                Err(e) => assert!(e.contains(why), "{shown}: progenitor fails otherwise: {e}"),
                Ok(_) => {
                    panic!("{shown}: progenitor accepts it now; drop it from PROGENITOR_REFUSES")
                }
            },
            None => ops += generate(&shown, &doc),
        }
    }
    assert!(ops > 0, "the fixtures have no operations");
}
