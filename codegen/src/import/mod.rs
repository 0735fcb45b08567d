//! `cargo xtask import`: a draft spec folder from a vendor's OpenAPI document (3.0, 3.1 or
//! Swagger 2.0; JSON or YAML). What the format cannot say becomes a `LOSS:` comment at
//! that spot and a report line; guesses are `GUESSED:` comments. The draft is loaded with
//! [`crate::load`] before it is handed back: a draft our validator rejects is a bug here.
//!
//! Steps: [`read`] (text, version) and [`swagger2`] (2.0 to the 3.0 shape), [`refs`]
//! (`$ref`s), [`names`], [`schema`] (types and models), [`params`], [`auth`], [`paging`],
//! [`operations`], [`place`] (files), [`write`](mod@write) + [`yaml`] (the text),
//! [`report`]. [`own_export`] undoes the notes of our own OpenAPI export.

pub mod auth;
pub mod cx;
pub mod draft;
pub mod names;
pub mod operations;
pub mod own_export;
pub mod paging;
pub mod params;
pub mod place;
pub mod read;
pub mod refs;
pub mod report;
pub mod schema;
pub mod swagger2;
pub mod unions;
pub mod write;
pub mod yaml;

use crate::naming;
use cx::{Cx, Note};
use draft::*;
use operations::{AuthUse, Found, Mapped};
use report::{Report, Severity};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// What to import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The API name (snake_case): the folder, the Rust module, the cargo feature.
    pub api: String,
    /// Only these operations (operationIds or their snake_case names); empty: all.
    pub operations: Vec<String>,
    /// Only operations with one of these tags; empty: all.
    pub tags: Vec<String>,
}

/// A draft spec, its files and the report.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The draft as data.
    pub draft: Draft,
    /// `(file name, text)` of every file, `api.yaml` first.
    pub files: Vec<(String, String)>,
    /// What was lost, guessed and skipped, and the counts.
    pub report: Report,
}

/// Why an import failed.
#[derive(Debug, Clone)]
pub enum ImportError {
    /// The document could not be read, or the options do not fit it.
    Input(String),
    /// The draft does not validate: a bug in the importer. The files are kept for a look.
    Invalid {
        /// The rendered diagnostics.
        diagnostics: String,
        /// What would have been written.
        imported: Box<Imported>,
    },
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Input(e) => write!(f, "{e}"),
            ImportError::Invalid { diagnostics, .. } => write!(
                f,
                "the draft does not validate (an importer bug):\n{diagnostics}"
            ),
        }
    }
}

/// Methods the format has, as OpenAPI path item keys.
const METHODS: &[&str] = &["get", "put", "post", "delete", "patch"];
/// Path item keys that are methods the format does not have.
const OTHER_METHODS: &[&str] = &["head", "options", "trace"];
/// Operation names that would shadow the client's own functions.
const RESERVED_OPS: &[&str] = &["new", "config", "auth", "clone"];

/// Imports an OpenAPI document (its text) as a draft spec for the API `opts.api`.
pub fn import(text: &str, opts: &Options) -> Result<Imported, ImportError> {
    if !naming::is_snake_ident(&opts.api) {
        return Err(ImportError::Input(format!(
            "api name `{}` must be snake_case",
            opts.api
        )));
    }
    let mut doc = read::parse(text).map_err(ImportError::Input)?;
    let version = read::version(&doc).map_err(ImportError::Input)?;
    let mut pre_notes = Vec::new();
    if version == read::Version::Swagger2 {
        doc = swagger2::convert(&doc, &mut pre_notes);
    }
    let imported = build(&doc, version, opts, pre_notes)?;
    validate(&opts.api, imported)
}

/// Loads the draft with the spec loader; any diagnostic is an importer bug.
fn validate(api: &str, imported: Imported) -> Result<Imported, ImportError> {
    let sources: Vec<crate::load::Source> = imported
        .files
        .iter()
        .map(|(name, text)| crate::load::Source {
            path: format!("spec/{api}/{name}"),
            text: text.clone(),
        })
        .collect();
    match crate::load::load_api_in(&sources, Some(api)) {
        Ok(_) => Ok(imported),
        Err(d) => Err(ImportError::Invalid {
            diagnostics: d.render(),
            imported: Box::new(imported),
        }),
    }
}

fn build(
    doc: &Value,
    version: read::Version,
    opts: &Options,
    pre_notes: Vec<Note>,
) -> Result<Imported, ImportError> {
    let own = own_export::is_own(doc);
    let default_client = format!("{}Client", naming::camel(&opts.api).unwrap_or_default());
    let client = doc
        .pointer("/info/x-rust-client")
        .and_then(Value::as_str)
        .filter(|c| naming::is_camel_ident(c))
        .unwrap_or(&default_client)
        .to_string();
    let api_camel = naming::camel(&opts.api).unwrap_or_default();
    let mut cx = Cx::new(doc, own, &client, &api_camel);
    let mut header_comments = Vec::new();
    cx.record("document", &pre_notes, &mut header_comments);

    let (found, skipped, trailers) = find_operations(&mut cx, doc, opts)?;
    let filtered = !opts.operations.is_empty() || !opts.tags.is_empty();

    cx.multipart_components = operations::multipart_components(&cx.refs, &found);
    // Component names first (after the builders), so they do not depend on use order.
    let keys: Vec<String> = doc
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter(|(_, v)| !operations::is_body_component(v))
                .map(|(k, _)| k.clone())
                .collect()
        })
        .unwrap_or_default();
    for k in &keys {
        cx.component_name(k);
    }
    if !filtered {
        for k in &keys {
            let mut out = schema::TyOut::default();
            cx.frames.push(cx::Frame::default());
            cx.component_ty(k, &mut out);
            cx.frames.pop();
            let subject = format!("model {}", cx.component_name(k));
            let mut c = Vec::new();
            cx.record(&subject, &out.notes, &mut c);
            header_comments.extend(c.into_iter().map(|c| format!("{c}: schema `{k}`")));
        }
    }

    let (base_url, prefix, url_comments) = servers(&mut cx, doc);

    let schemes_present = doc
        .pointer("/components/securitySchemes")
        .and_then(Value::as_object)
        .is_some_and(|m| !m.is_empty());
    let auth_use = AuthUse {
        any: schemes_present,
        root: doc.get("security"),
        some_op: found.iter().any(|f| f.op.get("security").is_some()),
    };
    let mut mapped: Vec<(Found<'_>, Mapped)> = Vec::new();
    for f in found {
        let m = cx.operation(&f, &prefix, auth_use);
        mapped.push((f, m));
    }

    // The API's error body: the most common one; operations with another say so.
    let mut counts: Vec<(Option<String>, usize)> = Vec::new();
    for (_, m) in &mapped {
        match counts.iter_mut().find(|(e, _)| *e == m.error) {
            Some(c) => c.1 += 1,
            None => counts.push((m.error.clone(), 1)),
        }
    }
    let api_error = counts
        .iter()
        .fold(None::<&(Option<String>, usize)>, |best, c| match best {
            Some(b) if b.1 >= c.1 => Some(b),
            _ => Some(c),
        })
        .and_then(|(e, _)| e.clone());
    for (_, m) in &mut mapped {
        if m.error != api_error {
            m.op.error_body = Some(m.error.clone().unwrap_or_else(|| "json".into()));
        }
    }

    let op_names: Vec<String> = mapped.iter().map(|(f, _)| f.name.clone()).collect();
    let logout: Vec<String> = mapped
        .iter()
        .filter(|(_, m)| m.logout)
        .map(|(f, _)| f.name.clone())
        .collect();
    let (auth, auth_comments) = cx.auth(&op_names, &logout);
    if auth.is_empty() {
        for (_, m) in &mut mapped {
            m.op.authenticated = None;
        }
    }

    // Members of request bodies that may be absent and may be null have three states: in
    // a foreign document they become `patch` members (our export marks them `x-patch`).
    if !own {
        let bodies: BTreeSet<String> = mapped
            .iter()
            .filter_map(|(_, m)| m.op.body.as_deref())
            .flat_map(schema::model_names)
            .collect();
        for name in cx.reachable(&bodies) {
            let Some(Some(model)) = cx.models.get_mut(&name).map(|s| s.model.as_mut()) else {
                continue;
            };
            if let DraftModelKind::Struct(fields) = &mut model.kind {
                for f in fields.values_mut() {
                    if f.optional && f.nullable && f.default.is_none() {
                        f.patch = true;
                    }
                }
            }
        }
    }

    // Where each model goes: beside its only file's operations, else in api.yaml.
    let mut files_of: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut lossy_models = BTreeSet::new();
    for (name, slot) in &cx.models {
        if slot.lossy {
            lossy_models.insert(name.clone());
        }
    }
    let mut report_counts = (0, 0);
    for (f, m) in &mapped {
        let reach = cx.reachable(&m.frame.uses);
        for r in &reach {
            files_of
                .entry(r.clone())
                .or_default()
                .insert(f.file.clone());
        }
        if m.frame.lossy || reach.iter().any(|r| lossy_models.contains(r)) {
            report_counts.1 += 1;
        } else {
            report_counts.0 += 1;
        }
    }
    let mut api_roots = BTreeSet::new();
    if let Some(e) = &api_error {
        api_roots.extend(schema::model_names(e));
    }
    let api_reach = cx.reachable(&api_roots);
    let used: BTreeSet<String> = files_of
        .keys()
        .cloned()
        .chain(api_reach.iter().cloned())
        .collect();

    let mut draft = Draft::default();
    draft.files.insert("api".into(), DraftFile::default());
    for (f, _) in &mapped {
        draft.files.entry(f.file.clone()).or_default();
    }
    for (file, lines) in &trailers {
        draft
            .files
            .entry(file.clone())
            .or_default()
            .trailer
            .extend(lines.iter().cloned());
    }
    let mut left_out = 0;
    for (name, slot) in &cx.models {
        let Some(model) = slot.model.clone() else {
            continue;
        };
        if filtered && !used.contains(name) {
            left_out += 1;
            continue;
        }
        let file = match files_of.get(name) {
            Some(set) if set.len() == 1 && !api_reach.contains(name) => {
                set.iter().next().cloned().unwrap_or_else(|| "api".into())
            }
            _ => "api".into(),
        };
        draft
            .files
            .entry(file)
            .or_default()
            .models
            .insert(name.clone(), model);
    }
    if left_out > 0 {
        cx.report.push(
            Severity::Note,
            "document",
            "models no selected operation uses are left out",
            format!("{left_out} model(s)"),
        );
    }
    for (f, m) in mapped {
        draft
            .files
            .entry(f.file.clone())
            .or_default()
            .operations
            .insert(f.name.clone(), m.op);
    }
    // A file whose operations were all skipped keeps only comments: they go to api.yaml.
    let empty: Vec<String> = draft
        .files
        .iter()
        .filter(|(stem, f)| *stem != "api" && f.models.is_empty() && f.operations.is_empty())
        .map(|(stem, _)| stem.clone())
        .collect();
    for stem in empty {
        if let Some(f) = draft.files.shift_remove(&stem) {
            let api = draft.files.get_mut("api").expect("api file");
            api.trailer.extend(f.trailer);
        }
    }
    for (stem, file) in draft.files.iter_mut() {
        if stem != "api" {
            if let Some(t) = tag_header(doc, stem) {
                file.header.push(t);
            }
        }
    }

    let info = doc.get("info");
    let title = info
        .and_then(|i| i.get("title"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .unwrap_or(&opts.api)
        .to_string();
    let version_text = info
        .and_then(|i| i.get("version"))
        .map(|v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .unwrap_or_default();
    let from = match version {
        read::Version::Swagger2 => "Swagger 2.0".to_string(),
        _ => format!(
            "OpenAPI {}",
            doc.get("openapi").and_then(Value::as_str).unwrap_or("3")
        ),
    };
    let api_file = draft.files.get_mut("api").expect("api file");
    api_file.header.push(format!(
        "Imported by `cargo xtask import` from \"{}\" {} ({from}): a draft to review.",
        title.replace('\n', " "),
        version_text
    ));
    api_file.header.push(
        "`LOSS:` comments mark what the format cannot say yet, `GUESSED:` what was inferred."
            .into(),
    );
    api_file.header.extend(header_comments);
    draft.api = DraftApi {
        name: opts.api.clone(),
        title,
        client: (client != default_client).then_some(client),
        description: cx.text(info.and_then(|i| i.get("description"))),
        base_url,
        base_url_comments: url_comments,
        auth,
        auth_comments,
        error_body: api_error,
        lenient: doc.pointer("/info/x-lenient") == Some(&Value::Bool(true)),
        error_field: doc
            .pointer("/info/x-error-field")
            .and_then(Value::as_str)
            .map(str::to_string),
        headers: doc
            .pointer("/info/x-api-headers")
            .and_then(Value::as_object)
            .map(|o| {
                o.iter()
                    .filter_map(|(n, v)| Some((n.clone(), v.as_str()?.to_string())))
                    .collect()
            })
            .unwrap_or_default(),
    };
    let mut report = std::mem::take(&mut cx.report);
    report.whole = report_counts.0;
    report.lossy = report_counts.1;
    report.skipped = skipped;
    report.models = draft.files.values().map(|f| f.models.len()).sum();
    let files = write::files(&draft);
    Ok(Imported {
        draft,
        files,
        report,
    })
}

impl Imported {
    /// The whole draft as one self-contained file (like a test fixture): the `api`
    /// section, every model and every operation. Operations of several files end up in
    /// one module.
    pub fn single_file(&self) -> String {
        let mut one = DraftFile::default();
        for file in self.draft.files.values() {
            one.header.extend(file.header.iter().cloned());
            one.models.extend(file.models.clone());
            one.operations.extend(file.operations.clone());
            one.trailer.extend(file.trailer.iter().cloned());
        }
        write::file_text(Some(&self.draft.api), &one)
    }
}

/// Every operation to import, with unique names and files; the number skipped, and the
/// comment lines for the skipped ones by file.
#[allow(clippy::type_complexity)]
fn find_operations<'a>(
    cx: &mut Cx<'a>,
    doc: &'a Value,
    opts: &Options,
) -> Result<(Vec<Found<'a>>, usize, BTreeMap<String, Vec<String>>), ImportError> {
    let mut found = Vec::new();
    let mut skipped = 0;
    let mut trailers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut op_scope = names::Idents::new();
    for r in RESERVED_OPS {
        op_scope.reserve(r);
    }
    let mut routes: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut wanted_ops: BTreeSet<&str> = opts.operations.iter().map(String::as_str).collect();
    let mut wanted_tags: BTreeSet<&str> = opts.tags.iter().map(String::as_str).collect();
    let all_ops = opts.operations.is_empty();
    let all_tags = opts.tags.is_empty();
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .into_iter()
        .flatten();
    for (path, item) in paths {
        let item = cx.refs.resolve(item).unwrap_or(item);
        let Some(methods) = item.as_object() else {
            continue;
        };
        for (method, op) in methods {
            let is_method = METHODS.contains(&method.as_str());
            if !is_method && !OTHER_METHODS.contains(&method.as_str()) {
                continue;
            }
            let op_id = op.get("operationId").and_then(Value::as_str);
            let tags: Vec<&str> = op
                .get("tags")
                .and_then(Value::as_array)
                .map(|t| t.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let base = names::operation_name(op_id, method, path);
            let selected_op = all_ops
                || op_id.is_some_and(|i| wanted_ops.contains(i))
                || wanted_ops.contains(base.as_str());
            let selected_tag = all_tags
                || tags.iter().any(|t| {
                    wanted_tags.contains(t)
                        || wanted_tags.contains(names::snake_name(t, "").as_str())
                });
            if !selected_op || !selected_tag {
                continue;
            }
            if let Some(i) = op_id {
                wanted_ops.remove(i);
            }
            wanted_ops.remove(base.as_str());
            for t in &tags {
                wanted_tags.remove(t);
                wanted_tags.remove(names::snake_name(t, "").as_str());
            }
            let file = file_for(tags.first().copied(), &opts.api);
            let shown = format!("{} {path}", method.to_ascii_uppercase());
            let mut skip = |cx: &mut Cx<'a>, reason: &str| {
                let subject = format!("operation {base}");
                cx.report
                    .push(Severity::Skip, &subject, reason, shown.clone());
                trailers
                    .entry(file.clone())
                    .or_default()
                    .push(format!("SKIPPED: {base} ({shown}): {reason}"));
                skipped += 1;
            };
            if !is_method {
                skip(cx, "this HTTP method is not supported");
                continue;
            }
            if !path.starts_with('/') || path.contains(['?', '#']) {
                skip(
                    cx,
                    "paths with a query string or fragment are not supported",
                );
                continue;
            }
            let shape = route_shape(path);
            if let Some(other) = routes.get(&(method.clone(), shape.clone())) {
                let reason = "the same route as another operation";
                skip(cx, reason);
                let _ = other;
                continue;
            }
            if duplicate_placeholder(path) {
                skip(cx, "a path parameter appears twice in the path");
                continue;
            }
            let mut name = op_scope.claim(&base);
            let mut builder = naming::camel(&name).unwrap_or_else(|| "Operation".into());
            while !cx.types.take(&builder) {
                name = op_scope.claim(&format!("{name}_op"));
                builder = naming::camel(&name).unwrap_or_else(|| "Operation".into());
            }
            if name != base {
                cx.report.push(
                    Severity::Note,
                    format!("operation {name}"),
                    "renamed: another operation has the name",
                    format!("`{base}`"),
                );
            }
            routes.insert((method.clone(), shape), name.clone());
            found.push(Found {
                name,
                builder,
                method: method.clone(),
                path: path.clone(),
                op,
                item,
                file,
            });
        }
    }
    if !all_ops && !wanted_ops.is_empty() {
        return Err(ImportError::Input(format!(
            "no operation {} in the document",
            wanted_ops
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    if !all_tags && !wanted_tags.is_empty() {
        return Err(ImportError::Input(format!(
            "no operation is tagged {}",
            wanted_tags
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok((found, skipped, trailers))
}

/// The file (module) of an operation's first tag.
fn file_for(tag: Option<&str>, api: &str) -> String {
    let Some(tag) = tag else {
        return "operations".into();
    };
    let stem = names::snake_name(tag, "operations");
    if stem == api || stem == "models" || stem == "examples" || stem == "mod" {
        format!("{stem}_operations")
    } else {
        stem
    }
}

/// The comment line for a tag's file: its name and description.
fn tag_header(doc: &Value, stem: &str) -> Option<String> {
    let tags = doc.get("tags")?.as_array()?;
    let tag = tags.iter().find(|t| {
        t.get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| names::snake_name(n, "operations") == stem)
    })?;
    let name = tag.get("name")?.as_str()?;
    let desc = tag
        .get("description")
        .and_then(Value::as_str)
        .map(|d| d.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|d| !d.is_empty() && !d.starts_with("Operations of `"));
    Some(match desc {
        Some(d) => format!("Operations tagged `{name}`: {d}"),
        None => format!("Operations tagged `{name}`."),
    })
}

/// The base URL, a prefix for paths (from a relative server URL), and comments.
fn servers(cx: &mut Cx<'_>, doc: &Value) -> (Option<String>, String, Vec<String>) {
    let mut comments = Vec::new();
    let mut notes = Vec::new();
    let list = doc.get("servers").and_then(Value::as_array);
    let Some(first) = list.and_then(|l| l.first()) else {
        notes.push(Note::info("no servers: the client takes the base URL", ""));
        cx.record("api", &notes, &mut comments);
        return (None, String::new(), comments);
    };
    let raw = first
        .get("url")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim()
        .to_string();
    if let Some(others) = list.filter(|l| l.len() > 1) {
        let urls: Vec<&str> = others[1..]
            .iter()
            .filter_map(|s| s.get("url").and_then(Value::as_str))
            .collect();
        notes.push(Note::info("other servers", urls.join(", ")));
    }
    // A URL that is only a variable is the caller's to give.
    if raw.starts_with('{') && raw.ends_with('}') && raw.matches('{').count() == 1 {
        cx.record("api", &notes, &mut comments);
        return (None, String::new(), comments);
    }
    let mut url = raw.clone();
    if let Some(vars) = first.get("variables").and_then(Value::as_object) {
        for (k, v) in vars {
            let d = v.get("default").map(|d| match d {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            });
            if let Some(d) = d {
                if url.contains(&format!("{{{k}}}")) {
                    url = url.replace(&format!("{{{k}}}"), &d);
                    notes.push(Note::info(
                        "server variable set to its default",
                        format!("{k} = {d}"),
                    ));
                }
            }
        }
    }
    if url.starts_with("//") {
        url = format!("https:{url}");
    }
    let url = url.trim_end_matches('/').to_string();
    let result = if url.contains('{') {
        notes.push(Note::loss(
            "server URL with variables that have no default; the client takes the base URL",
            raw.clone(),
        ));
        (None, String::new())
    } else if url.starts_with("https://") || url.starts_with("http://") {
        match url
            .find("://")
            .and_then(|i| url[i + 3..].find('/').map(|j| i + 3 + j))
        {
            // Keep the base URL whole; its path is part of every request.
            Some(_) | None => (Some(url), String::new()),
        }
    } else if url.starts_with('/') {
        notes.push(Note::info(
            "relative server URL: its path goes before every path; the client takes the host",
            url.clone(),
        ));
        (None, url)
    } else if url.is_empty() {
        (None, String::new())
    } else {
        notes.push(Note::loss(
            "server URL is not http(s); the client takes the base URL",
            raw.clone(),
        ));
        (None, String::new())
    };
    cx.record("api", &notes, &mut comments);
    (result.0, result.1, comments)
}

/// A path with every parameter written `{}` (the loader compares routes like this).
fn route_shape(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                depth += 1;
                out.push_str("{}");
            }
            '}' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

fn duplicate_placeholder(path: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            return false;
        };
        if !seen.insert(&rest[open + 1..open + close]) {
            return true;
        }
        rest = &rest[open + close + 1..];
    }
    false
}
