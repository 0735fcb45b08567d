//! Lowering: checks the deserialized spec files of one API against each other and builds
//! the IR, collecting every semantic error with its position in the YAML.

mod auth;
pub(crate) mod body_encoding;
mod examples;
mod headers;
pub(crate) mod models;
mod names;
mod operations;
mod recursion;
mod request_headers;

pub(crate) use body_encoding::is_media_type;
pub(crate) use request_headers::set_by_client;
mod unions;

use crate::diag::{Diagnostic, Diagnostics};
use crate::input::SpecFile;
use crate::ir::{self, Name, Ty};
use crate::naming;
use crate::typeexpr::{self, TypeExpr};
use crate::yaml_tree::{Mark, Node, NodeKind, PathSeg};
use std::collections::{BTreeMap, HashMap};

/// One parsed spec file: its display path, its positioned tree and its typed content.
pub struct Parsed {
    /// Display path, e.g. `spec/gcore/api.yaml`.
    pub path: String,
    /// Positioned YAML tree, for locating errors.
    pub tree: Node,
    /// Typed content.
    pub file: SpecFile,
    /// The source text (without a byte order mark), for hints.
    pub text: String,
}

/// A path into a YAML tree, built up with `key` and `index`.
#[derive(Clone, Debug, Default)]
pub struct YPath(Vec<PathSeg>);

impl YPath {
    /// The path `a.b.c` from keys.
    pub fn keys(keys: &[&str]) -> Self {
        YPath(
            keys.iter()
                .map(|k| PathSeg::Key((*k).to_string()))
                .collect(),
        )
    }
    /// This path plus a key.
    pub fn key(&self, k: &str) -> Self {
        let mut p = self.0.clone();
        p.push(PathSeg::Key(k.to_string()));
        YPath(p)
    }
    /// This path plus an index.
    pub fn index(&self, i: usize) -> Self {
        let mut p = self.0.clone();
        p.push(PathSeg::Index(i));
        YPath(p)
    }
}

/// Collects diagnostics for the files of one API.
pub struct Ctx<'a> {
    files: &'a [Parsed],
    diags: Diagnostics,
    /// Key positions of large mappings, built when an error is first located in one, so
    /// that locating many errors is not quadratic. Keyed by the mapping's address.
    key_index: std::cell::RefCell<HashMap<usize, HashMap<String, usize>>>,
    /// How many more errors may be looked at for a quoting hint.
    hints_left: usize,
}

/// Mappings with more entries than this are indexed for locating errors.
const INDEX_ABOVE: usize = 32;

/// Where something was declared: file index and YAML path.
#[derive(Clone, Debug)]
pub struct At {
    file: usize,
    path: YPath,
}

impl At {
    /// A location in file `file`.
    pub fn new(file: usize, path: YPath) -> Self {
        At { file, path }
    }
    /// The same file, one key deeper.
    pub fn key(&self, k: &str) -> Self {
        At {
            file: self.file,
            path: self.path.key(k),
        }
    }
    /// The same file, one index deeper.
    pub fn index(&self, i: usize) -> Self {
        At {
            file: self.file,
            path: self.path.index(i),
        }
    }
}

impl<'a> Ctx<'a> {
    fn new(files: &'a [Parsed]) -> Self {
        Ctx {
            files,
            diags: Diagnostics::default(),
            key_index: Default::default(),
            hints_left: crate::hints::MAX_HINTED,
        }
    }

    /// The entry of mapping `node` under `key` (the first one if repeated).
    fn entry<'n>(&self, node: &'n Node, key: &str) -> Option<&'n (Node, Node)> {
        let NodeKind::Map(entries) = &node.kind else {
            return None;
        };
        if entries.len() <= INDEX_ABOVE {
            return entries
                .iter()
                .find(|(k, _)| k.scalar_text().as_deref() == Some(key));
        }
        let addr = node as *const Node as usize;
        let mut index = self.key_index.borrow_mut();
        let keys = index.entry(addr).or_insert_with(|| {
            let mut keys = HashMap::new();
            for (i, (k, _)) in entries.iter().enumerate() {
                if let Some(text) = k.scalar_text() {
                    keys.entry(text.into_owned()).or_insert(i);
                }
            }
            keys
        });
        keys.get(key).map(|&i| &entries[i])
    }

    /// Follows `path` from `root`, as [`Node::lookup`] does.
    fn lookup<'n>(&self, root: &'n Node, path: &[PathSeg]) -> Option<&'n Node> {
        path.iter().try_fold(root, |node, seg| match seg {
            PathSeg::Key(key) => self.entry(node, key).map(|(_, v)| v),
            PathSeg::Index(i) => match &node.kind {
                NodeKind::Seq(items) => items.get(*i),
                _ => None,
            },
        })
    }

    /// The position of the value at `at`, or of the deepest ancestor that exists.
    pub fn mark(&self, at: &At) -> Mark {
        let root = &self.files[at.file].tree;
        let segs = &at.path.0;
        for len in (0..=segs.len()).rev() {
            if let Some(node) = self.lookup(root, &segs[..len]) {
                return node.mark;
            }
        }
        root.mark
    }

    /// The position of the key of the mapping entry at `at` (falls back to the value).
    pub fn key_mark(&self, at: &At) -> Mark {
        let root = &self.files[at.file].tree;
        let segs = &at.path.0;
        if let Some((PathSeg::Key(last), parent)) = segs.split_last() {
            let parent = self.lookup(root, parent);
            if let Some((key, _)) = parent.and_then(|p| self.entry(p, last)) {
                return key.mark;
            }
        }
        self.mark(at)
    }

    /// "file:line:col" of a location, for "first defined at" notes.
    pub fn describe(&self, at: &At) -> String {
        let m = self.key_mark(at);
        format!("{}:{}:{}", self.files[at.file].path, m.line, m.col)
    }

    /// Reports an error at the value at `at`.
    pub fn error(&mut self, at: &At, message: impl Into<String>) {
        let mark = self.mark(at);
        self.push(at, mark, message.into());
    }

    /// Reports an error at the key of the entry at `at`.
    pub fn error_at_key(&mut self, at: &At, message: impl Into<String>) {
        let mark = self.key_mark(at);
        self.push(at, mark, message.into());
    }

    fn push(&mut self, at: &At, mark: Mark, mut message: String) {
        let file = &self.files[at.file];
        // An empty value may be text that ` #` turned into a comment.
        let empty = self
            .lookup(&file.tree, &at.path.0)
            .is_some_and(|n| n.kind == NodeKind::Null && n.raw.as_deref() == Some(""));
        if empty && self.hints_left > 0 {
            self.hints_left -= 1;
            if let Some(hint) = crate::hints::comment_value(&file.text, mark) {
                message.push_str(&hint);
            }
        }
        self.diags
            .push(Diagnostic::new(file.path.clone(), mark, message));
    }

    /// Display path of file `i`.
    pub fn path(&self, i: usize) -> &str {
        &self.files[i].path
    }
}

/// The models of an API by spec name, for type resolution.
pub struct ModelTable {
    /// Spec name -> (Rust name, is an enum, is a struct).
    pub names: BTreeMap<String, ModelInfo>,
    /// "Did you mean" over the model and scalar names, prepared once.
    suggest: crate::diag::Suggester,
}

/// What type resolution needs to know of a model.
#[derive(Clone, Debug)]
pub struct ModelInfo {
    /// Rust type name.
    pub rust: String,
    /// Where it is defined.
    pub at: At,
    /// Whether it is an enum (usable as a path or query value).
    pub is_enum: bool,
}

impl ModelTable {
    /// The table of `names`.
    pub fn new(names: BTreeMap<String, ModelInfo>) -> Self {
        let candidates = names
            .keys()
            .map(String::as_str)
            .chain(typeexpr::Scalar::ALL.iter().map(|(n, _)| *n));
        let suggest = crate::diag::Suggester::new(candidates, crate::diag::Suggester::BUDGET);
        ModelTable { names, suggest }
    }

    /// Whether the model named `name` (spec name) is an enum.
    pub fn is_enum(&self, name: &str) -> bool {
        self.names.get(name).is_some_and(|i| i.is_enum)
    }

    /// Resolves a type expression written at `at`; reports and returns `None` on error.
    pub fn resolve(&self, cx: &mut Ctx<'_>, at: &At, text: &str) -> Option<Ty> {
        match typeexpr::parse(text) {
            Ok(expr) => self.resolve_expr(cx, at, &expr),
            Err(msg) => {
                cx.error(at, msg);
                None
            }
        }
    }

    /// As [`resolve`](Self::resolve) for a type that is sent or received as JSON (`what`,
    /// e.g. "a model field"): `bytes` anywhere in it is an error.
    pub fn resolve_json(&self, cx: &mut Ctx<'_>, at: &At, text: &str, what: &str) -> Option<Ty> {
        let ty = self.resolve(cx, at, text)?;
        if holds_bytes(&ty) {
            cx.error(
                at,
                format!("`bytes` is only allowed as a whole response or request body (`response: bytes`, `body: bytes`); {what} is JSON"),
            );
            return None;
        }
        Some(ty)
    }

    fn resolve_expr(&self, cx: &mut Ctx<'_>, at: &At, expr: &TypeExpr) -> Option<Ty> {
        Some(match expr {
            TypeExpr::Scalar(s) => Ty::Scalar(*s),
            TypeExpr::List(t) => Ty::List(Box::new(self.resolve_expr(cx, at, t)?)),
            TypeExpr::Map(t) => Ty::Map(Box::new(self.resolve_expr(cx, at, t)?)),
            TypeExpr::Page(t) => Ty::Page(Box::new(self.resolve_expr(cx, at, t)?)),
            TypeExpr::ListOrPage(t) => Ty::ListOrPage(Box::new(self.resolve_expr(cx, at, t)?)),
            TypeExpr::Named(n) => match self.names.get(n) {
                Some(info) => Ty::Model(Name {
                    wire: n.clone(),
                    rust: info.rust.clone(),
                }),
                None => {
                    let hint = self.suggest.hint(n);
                    cx.error(at, format!("unknown type `{n}`{hint}"));
                    return None;
                }
            },
        })
    }
}

/// Whether `bytes` occurs anywhere in `ty`.
pub fn holds_bytes(ty: &Ty) -> bool {
    match ty {
        Ty::Scalar(s) => *s == typeexpr::Scalar::Bytes,
        Ty::List(t) | Ty::Map(t) | Ty::Page(t) | Ty::ListOrPage(t) => holds_bytes(t),
        Ty::Model(_) => false,
    }
}

/// Lowers the parsed files of one API into the IR, or returns every error found.
pub fn lower_api(files: &[Parsed]) -> Result<ir::Api, Diagnostics> {
    lower_api_in(files, None)
}

/// As [`lower_api`], for an API read from the folder `folder` under `spec/`: its name
/// must be the folder's, and no file may be named like the API.
pub fn lower_api_in(files: &[Parsed], folder: Option<&str>) -> Result<ir::Api, Diagnostics> {
    let mut cx = Ctx::new(files);
    let api = lower_inner(&mut cx, folder);
    if cx.diags.is_empty() {
        Ok(api.expect("no diagnostics means the API was built"))
    } else {
        Err(cx.diags)
    }
}

fn lower_inner(cx: &mut Ctx<'_>, folder: Option<&str>) -> Option<ir::Api> {
    let files = cx.files;
    // Exactly one file carries the `api` section.
    let with_api: Vec<usize> = (0..files.len())
        .filter(|&i| files[i].file.api.is_some())
        .collect();
    let api_index = match with_api.as_slice() {
        [one] => Some(*one),
        [] => {
            let at = At::new(0, YPath::default());
            cx.error(
                &at,
                "no `api` section in this API's files (put it in `api.yaml`)",
            );
            None
        }
        [first, rest @ ..] => {
            for &i in rest {
                let msg = format!(
                    "second `api` section; the first is at {}",
                    cx.describe(&At::new(*first, YPath::keys(&["api"])))
                );
                cx.error_at_key(&At::new(i, YPath::keys(&["api"])), msg);
            }
            Some(*first)
        }
    };

    let table = models::collect(cx);
    let lenient = api_index
        .and_then(|i| files[i].file.api.as_ref())
        .is_some_and(|a| a.lenient);
    let mut models = models::lower_all(cx, &table, lenient);
    recursion::check(cx, &table, &mut models);
    unions::check(cx, &table, &models);
    let mut groups = operations::lower_all(cx, &table, &models);
    let section = api_index.and_then(|i| files[i].file.api.as_ref());
    names::check_type_names(cx, &table, &groups, section);
    let api_index = api_index?;
    let section = files[api_index].file.api.as_ref()?;
    let api_at = At::new(api_index, YPath::keys(&["api"]));

    if naming::is_keyword(&section.name) {
        let example = format!("{}_api", section.name.to_lowercase());
        let what = "an API name (the module and cargo feature)";
        let msg = naming::keyword_message(&section.name, what, &example);
        cx.error(&api_at.key("name"), msg);
    } else if !naming::is_snake_ident(&section.name) {
        cx.error(
            &api_at.key("name"),
            format!("api name `{}` must be snake_case", section.name),
        );
    }
    if let Some(folder) = folder {
        if section.name != folder {
            let msg = format!(
                "api name `{}` must match its folder `{folder}`",
                section.name
            );
            cx.error(&api_at.key("name"), msg);
        }
        for g in groups.iter().filter(|g| g.module == section.name) {
            let fi = files.iter().position(|f| f.path == g.file).unwrap_or(0);
            let msg = format!(
                "a file with operations cannot be named like its API (`{}`); rename it",
                section.name
            );
            cx.error_at_key(&At::new(fi, YPath::keys(&["operations"])), msg);
        }
    }
    let error_body = section
        .error_body
        .as_ref()
        .and_then(|t| table.resolve_json(cx, &api_at.key("error_body"), t, "an error body"))
        .filter(|t| {
            let at = api_at.key("error_body");
            body_encoding::no_file(cx, &models, &at, t, "an error body").is_some()
        });
    if let Some(url) = &section.base_url {
        if !(url.starts_with("https://") || url.starts_with("http://")) || url.ends_with('/') {
            cx.error(
                &api_at.key("base_url"),
                format!(
                    "base_url `{url}` must start with http:// or https:// and not end with `/`"
                ),
            );
        }
    }
    let auth = auth::lower(cx, section, &api_at, &mut groups);
    let headers = request_headers::lower_api(cx, &api_at.key("headers"), &section.headers);
    request_headers::check_against_api(cx, &api_at, &headers, &auth, &groups);
    names::check_client_methods(cx, section, &api_at, &auth, &groups);
    let client = match &section.client {
        Some(c) if naming::is_camel_ident(c) => c.clone(),
        Some(c) if naming::is_keyword(c) => {
            let msg = naming::keyword_message(c, "the client type's name", &format!("{c}Client"));
            cx.error(&api_at.key("client"), msg);
            c.clone()
        }
        Some(c) => {
            cx.error(
                &api_at.key("client"),
                format!("client type name `{c}` must be UpperCamelCase"),
            );
            c.clone()
        }
        None => names::client_name(section),
    };

    // Operation errors default to the API's error body.
    for group in &mut groups {
        for op in &mut group.operations {
            if op.error_body.is_none() {
                op.error_body = error_body.clone();
            }
        }
    }
    examples::lower_all(
        cx,
        &models,
        section.lenient,
        section.error_field.as_deref(),
        &mut groups,
    );

    let mut all_files: Vec<String> = files.iter().map(|f| f.path.clone()).collect();
    all_files.sort();
    Some(ir::Api {
        name: Name {
            wire: section.name.clone(),
            rust: section.name.clone(),
        },
        client,
        title: section.title.clone(),
        docs: section.description.clone(),
        api_file: files[api_index].path.clone(),
        files: all_files,
        base_url: section.base_url.clone(),
        auth,
        error_body,
        lenient: section.lenient,
        error_field: section.error_field.clone(),
        headers,
        models,
        groups,
    })
}

/// Whether `ty` is one value a path segment or a header can carry: a scalar other than
/// `json` and `bytes`, or an enum.
fn is_one_value(table: &ModelTable, ty: &Ty) -> bool {
    match ty {
        Ty::Scalar(s) => !matches!(
            s,
            typeexpr::Scalar::Json | typeexpr::Scalar::Bytes | typeexpr::Scalar::File
        ),
        Ty::Model(n) => table.is_enum(&n.wire),
        _ => false,
    }
}
