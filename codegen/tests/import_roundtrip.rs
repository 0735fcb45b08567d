//! Round trip: importing the OpenAPI export of every spec in `spec/` (the committed
//! `openapi/<api>.json`) and of every ok-fixture (computed in memory) regenerates the same
//! client, item by item. The differences that cannot be avoided are listed in `ALLOWED`
//! with their reason; any other difference fails, and so does an allowed one that is gone.

use codegen::import::{self, Options};
use codegen::load::{self, Source};
use codegen::output::OutputSpace;
use quote::ToTokens;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// (API, generated file, item, why the import cannot give it back).
const ALLOWED: &[(&str, &str, &str, &str)] = &[
    // The export lists ordering fields as bare values (`id`, `-id`, ...): their docs
    // are not in it, so the imported variants have none.
    (
        "gcore",
        "addendums.rs",
        "open_enum! ListAddendumsOrdering",
        ORDERING_DOCS,
    ),
    (
        "gcore",
        "clients.rs",
        "open_enum! ListClientsOrdering",
        ORDERING_DOCS,
    ),
    // `rust_name` is a Rust-side choice; OpenAPI carries the wire names only.
    ("filters", "filters.rs", "*", RUST_NAME),
    ("struct_fields", "models.rs", "model! Presence", RUST_NAME),
    ("struct_fields", "models.rs", "setters! Presence", RUST_NAME),
    ("rust_names", "models.rs", "*", RUST_NAME),
    ("rust_names", "rust_names.rs", "*", RUST_NAME),
];

const ORDERING_DOCS: &str = "docs of ordering fields are not in the OpenAPI export";
const RUST_NAME: &str = "rust_name is not in the OpenAPI export";

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

/// Items of a generated file by a key (`struct X`, `impl T::method`, ...), as tokens.
fn items(text: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let preamble: String = text.lines().take_while(|l| l.starts_with("//")).collect();
    out.insert("preamble".to_string(), preamble);
    let file = syn::parse_file(text).expect("generated code parses");
    let inner: Vec<String> = file
        .attrs
        .iter()
        .map(|a| a.to_token_stream().to_string())
        .collect();
    out.insert("inner docs".into(), inner.join(" "));
    for (i, item) in file.items.iter().enumerate() {
        let key = match item {
            syn::Item::Struct(s) => format!("struct {}", s.ident),
            syn::Item::Enum(e) => format!("enum {}", e.ident),
            syn::Item::Type(t) => format!("type {}", t.ident),
            syn::Item::Fn(f) => format!("fn {}", f.sig.ident),
            syn::Item::Mod(m) => format!("mod {}", m.ident),
            syn::Item::Const(c) => format!("const {}", c.ident),
            syn::Item::Use(u) => format!("use {}", u.tree.to_token_stream()),
            syn::Item::Impl(imp) => {
                let ty = imp.self_ty.to_token_stream().to_string().replace(' ', "");
                let tr = imp
                    .trait_
                    .as_ref()
                    .map(|(_, p, _)| format!("{} for ", p.to_token_stream()))
                    .unwrap_or_default();
                let head = format!("impl {tr}{ty}");
                for sub in &imp.items {
                    let name = match sub {
                        syn::ImplItem::Fn(f) => f.sig.ident.to_string(),
                        syn::ImplItem::Type(t) => t.ident.to_string(),
                        syn::ImplItem::Const(c) => c.ident.to_string(),
                        other => other.to_token_stream().to_string(),
                    };
                    let mut k = format!("{head}::{name}");
                    while out.contains_key(&k) {
                        k.push('\'');
                    }
                    out.insert(k, sub.to_token_stream().to_string());
                }
                let mut k = format!("{head} (header)");
                while out.contains_key(&k) {
                    k.push('\'');
                }
                let mut bare = imp.clone();
                bare.items.clear();
                out.insert(k, bare.to_token_stream().to_string());
                continue;
            }
            // `name! { Type ... }`: the macro and the first name it is given.
            syn::Item::Macro(m) => {
                let first = m
                    .mac
                    .tokens
                    .clone()
                    .into_iter()
                    .find_map(|t| match t {
                        proc_macro2::TokenTree::Ident(id)
                            if !["pub", "enum", "struct", "impl", "fn", "type"]
                                .contains(&id.to_string().as_str()) =>
                        {
                            Some(id.to_string())
                        }
                        _ => None,
                    })
                    .unwrap_or_default();
                format!("{}! {first}", m.mac.path.to_token_stream())
            }
            other => format!("item {i} {}", other.to_token_stream().to_string().len()),
        };
        let mut k = key;
        while out.contains_key(&k) {
            k.push('\'');
        }
        out.insert(k, item.to_token_stream().to_string());
    }
    out
}

/// Where two texts part: a little of each from the first difference on.
fn excerpt(a: &str, b: &str) -> String {
    let at = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map(|((i, _), _)| i)
        .unwrap_or(a.len().min(b.len()));
    let start = a[..at]
        .char_indices()
        .rev()
        .nth(60)
        .map(|(i, _)| i)
        .unwrap_or(0);
    let cut = |s: &str| {
        s.chars()
            .skip(a[..start].chars().count())
            .take(160)
            .collect::<String>()
    };
    format!("\n    original: ...{}\n    imported: ...{}", cut(a), cut(b))
}

/// Every (file, item, excerpt) that differs between two generated spaces.
fn differences(a: &OutputSpace, b: &OutputSpace) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    let files: BTreeSet<&str> = a.files().chain(b.files()).map(|(p, _)| p).collect();
    for f in files {
        let (Some(x), Some(y)) = (a.get(f), b.get(f)) else {
            out.push((f.to_string(), "(whole file)".to_string(), String::new()));
            continue;
        };
        if x == y {
            continue;
        }
        let (ix, iy) = (items(x), items(y));
        let keys: BTreeSet<&String> = ix.keys().chain(iy.keys()).collect();
        for k in keys {
            if ix.get(k) != iy.get(k) {
                let (x, y) = (ix.get(k).map_or("", |s| s), iy.get(k).map_or("", |s| s));
                out.push((f.to_string(), k.clone(), excerpt(x, y)));
            }
        }
    }
    out
}

fn emit(api: &codegen::ir::Api) -> OutputSpace {
    let mut out = OutputSpace::default();
    codegen::emit::emit_api(api, "", &mut out).expect("emits");
    out
}

/// Checks one API's differences against `ALLOWED`; returns the problems found.
fn check(api: &str, diffs: &[(String, String, String)], used: &mut BTreeSet<usize>) -> Vec<String> {
    let mut problems = Vec::new();
    for (file, item, excerpt) in diffs {
        let hit = ALLOWED
            .iter()
            .position(|(a, f, i, _)| *a == api && f == file && (*i == "*" || i == item));
        match hit {
            Some(i) => {
                used.insert(i);
            }
            None => problems.push(format!("{api}: {file}: {item} differs{excerpt}")),
        }
    }
    problems
}

fn import_doc(api: &str, doc: &str) -> import::Imported {
    let opts = Options {
        api: api.to_string(),
        ..Default::default()
    };
    match import::import(doc, &opts) {
        Ok(i) => i,
        Err(e) => panic!("{api}: {e}"),
    }
}

#[test]
fn own_exports_regenerate_the_same_clients() {
    let mut problems = Vec::new();
    let mut used = BTreeSet::new();
    let mut apis = 0;
    // The APIs of spec/, from their committed OpenAPI documents.
    let spec = load::load_dir(&root().join("spec"), "spec").expect("spec/ loads");
    for api in &spec.apis {
        let name = &api.name.wire;
        let doc = std::fs::read_to_string(root().join(format!("openapi/{name}.json"))).unwrap();
        let imported = import_doc(name, &doc);
        let sources: Vec<Source> = imported
            .files
            .iter()
            .map(|(f, text)| Source {
                path: format!("spec/{name}/{f}"),
                text: text.clone(),
            })
            .collect();
        let again = load::load_api_in(&sources, Some(name))
            .unwrap_or_else(|d| panic!("{name}: the import does not load:\n{}", d.render()));
        let diffs = differences(&emit(api), &emit(&again));
        problems.extend(check(name, &diffs, &mut used));
        apis += 1;
    }
    // The ok-fixtures, exported in memory, imported into one file of the same name.
    let dir = root().join("codegen/tests/fixtures/ok");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
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
        .unwrap();
        let doc = codegen::openapi::render(&api).unwrap();
        let name = api.name.wire.clone();
        let imported = import_doc(&name, &doc);
        let mut again = load::load_api(&[Source {
            path: shown.clone(),
            text: imported.single_file(),
        }])
        .unwrap_or_else(|d| panic!("{name}: the import does not load:\n{}", d.render()));
        // One file holds every operation; the fixture's module is named after its file.
        assert!(again.groups.len() <= 1, "{name}: one group");
        for g in &mut again.groups {
            g.module = api.groups[0].module.clone();
        }
        let diffs = differences(&emit(&api), &emit(&again));
        problems.extend(check(&name, &diffs, &mut used));
        apis += 1;
    }
    for (i, (api, file, item, why)) in ALLOWED.iter().enumerate() {
        if !used.contains(&i) {
            problems.push(format!(
                "allowed difference no longer occurs, remove it: {api}: {file}: {item} ({why})"
            ));
        }
    }
    assert!(apis >= 12, "{apis} APIs checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
