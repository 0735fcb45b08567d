//! Lowering of operations: path templates, query parameters (each kind lowered by its unit
//! in `crate::query`), bodies, responses, pagination.

use super::{At, Ctx, ModelTable, YPath};
use crate::diag::hint;
use crate::input::{Method, Operation as InOp, PaginationStyle};
use crate::ir::{
    self, BodyEncoding, Group, Name, Operation, Pagination, PathParam, PathSegment, QueryKindIr,
    QueryParam, Response, Scalar, Ty,
};
use crate::naming::{self, Scope};
use std::collections::BTreeMap;

/// The builder's own methods and fields, which parameters must not shadow.
const RESERVED_METHODS: &[&str] = &[
    "send",
    "stream",
    "pages",
    "timeout",
    "to_request",
    "client",
    "body",
];

/// Lowers the operations of every file into one group per file.
pub fn lower_all(cx: &mut Ctx<'_>, table: &ModelTable, models: &[ir::Model]) -> Vec<Group> {
    let mut seen: BTreeMap<String, At> = BTreeMap::new();
    let mut modules: BTreeMap<String, usize> = BTreeMap::new();
    let mut routes: BTreeMap<(Method, String), (String, At)> = BTreeMap::new();
    let mut groups = Vec::new();
    for (fi, parsed) in cx.files.iter().enumerate() {
        if parsed.file.operations.is_empty() {
            continue;
        }
        let stem = std::path::Path::new(&parsed.path)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let module = naming::snake(&stem).unwrap_or_default();
        let root = At::new(fi, YPath::keys(&["operations"]));
        if naming::CRATE_NAMES.contains(&module.as_str()) {
            cx.error_at_key(
                &root,
                format!("a file with operations cannot be named `{stem}.yaml`: its module `{module}` would hide the `{module}` crate the generated code uses; rename it"),
            );
        } else if module.is_empty()
            || module.starts_with("r#")
            || module == "models"
            || module == "examples"
        {
            cx.error_at_key(
                &root,
                format!("a file with operations cannot be named `{stem}.yaml` (its module would be `{module}`); rename it"),
            );
        } else if let Some(other) = modules.insert(module.clone(), fi) {
            let msg = format!(
                "`{stem}.yaml` and `{}` become the same module `{module}`",
                cx.path(other)
            );
            cx.error_at_key(&root, msg);
        }
        let mut operations = Vec::new();
        for (name, op) in &parsed.file.operations {
            let at = root.key(name);
            if naming::is_keyword(name) {
                let example = format!("{}_op", name.to_lowercase());
                let msg = naming::keyword_message(name, "an operation name", &example);
                cx.error_at_key(&at, msg);
                continue;
            }
            if !naming::is_snake_ident(name) {
                cx.error_at_key(&at, format!("operation name `{name}` must be snake_case"));
                continue;
            }
            if let Some(first) = seen.get(name) {
                let msg = format!(
                    "duplicate operation `{name}`; first defined at {}",
                    cx.describe(first)
                );
                cx.error_at_key(&at, msg);
                continue;
            }
            seen.insert(name.clone(), at.clone());
            if let Some(op) = lower_op(cx, table, models, &at, name, op) {
                // One route, one operation: `{..}` segments match whatever their names.
                let route = (op.method, route_shape(&op.segments));
                if let Some((other, first)) = routes.get(&route) {
                    let msg = format!(
                        "`{} {}` is the same route as operation `{other}` at {}",
                        op.method.as_str(),
                        op.path,
                        cx.describe(first)
                    );
                    cx.error_at_key(&at, msg);
                } else {
                    routes.insert(route, (name.clone(), at.clone()));
                }
                operations.push(op);
            }
        }
        operations.sort_by(|a, b| a.name.rust.cmp(&b.name.rust));
        groups.push(Group {
            module,
            file: parsed.path.clone(),
            operations,
        });
    }
    groups.sort_by(|a, b| a.module.cmp(&b.module));
    groups
}

fn lower_op(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    models: &[ir::Model],
    at: &At,
    name: &str,
    op: &InOp,
) -> Option<Operation> {
    let builder = naming::camel(name)?;
    let before = cx.diags.len();
    let (segments, path_params) = lower_path(cx, table, at, op);
    let mut scope = Scope::default();
    for r in RESERVED_METHODS {
        let _ = scope.claim(r, &format!("the builder's own `{r}`"));
    }
    for p in &path_params {
        let what = format!("the path parameter `{}`", p.name.wire);
        if let Err(earlier) = scope.claim(&p.name.rust, &what) {
            let msg = format!(
                "path parameter `{}` becomes `{}`, like {earlier}; rename it in `path`",
                p.name.wire, p.name.rust
            );
            cx.error_at_key(&at.key("path_params").key(&p.name.wire), msg);
        }
    }
    let mut query = Vec::new();
    for (wire, q) in &op.query {
        if let Some(q) = crate::query::lower(
            cx,
            table,
            models,
            &at.key("query").key(wire),
            &builder,
            wire,
            q,
            &mut scope,
        ) {
            query.push(q);
        }
    }
    let headers =
        super::request_headers::lower_op(cx, table, &at.key("headers"), &op.headers, &mut scope);
    let body = op.body.as_ref().and_then(|b| {
        let ty = table.resolve(cx, &at.key("body"), b)?;
        if super::holds_bytes(&ty) && ty != Ty::Scalar(Scalar::Bytes) {
            cx.error(
                &at.key("body"),
                "`bytes` is a whole raw body (`body: bytes`), not inside a list or a map; use `list<string>` for text values",
            );
            return None;
        }
        Some(ty)
    });
    let body_encoding = super::body_encoding::lower(cx, models, at, op, body.as_ref());
    if body.is_some() && op.method == Method::GET {
        cx.error(&at.key("body"), "a GET operation cannot have a body");
    }
    let inline_body = if op.inline_body {
        inline_fields(
            cx,
            models,
            &at.key("inline_body"),
            body.as_ref(),
            &mut scope,
        )
    } else {
        None
    };
    let response = lower_response(cx, table, models, at, op);
    let error_body = op
        .error_body
        .as_ref()
        .and_then(|e| table.resolve_json(cx, &at.key("error_body"), e, "an error body"));
    if let Some(ty) = &error_body {
        super::body_encoding::no_file(cx, models, &at.key("error_body"), ty, "an error body");
    }
    let pagination = op
        .pagination
        .as_ref()
        .and_then(|p| lower_pagination(cx, &at.key("pagination"), p, &query, &response, models));
    if cx.diags.len() != before {
        return None;
    }
    Some(Operation {
        name: Name {
            wire: name.to_string(),
            rust: name.to_string(),
        },
        builder,
        method: op.method,
        path: op.path.clone(),
        segments,
        summary: op.summary.clone(),
        docs: op.description.clone(),
        path_params,
        query,
        headers,
        body,
        body_encoding: body_encoding.unwrap_or(BodyEncoding::Json),
        inline_body,
        response,
        error_body,
        retry_safe: op.retry_safe.unwrap_or(matches!(
            op.method,
            Method::GET | Method::PUT | Method::DELETE
        )),
        authenticated: op.authenticated.unwrap_or(true),
        pagination,
        session_role: None,
        examples: Vec::new(),
    })
}

fn lower_path(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    at: &At,
    op: &InOp,
) -> (Vec<PathSegment>, Vec<PathParam>) {
    let path_at = at.key("path");
    let path = &op.path;
    let mut segments = Vec::new();
    let mut used: Vec<String> = Vec::new();
    if !path.starts_with('/') {
        cx.error(&path_at, format!("path `{path}` must start with `/`"));
    }
    if path.contains(['?', '#']) {
        cx.error(
            &path_at,
            format!(
                "path `{path}` must not contain `?` or `#`; declare query parameters under `query`"
            ),
        );
    }
    let mut rest = path.as_str();
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(PathSegment::Literal(rest[..open].to_string()));
        }
        let Some(close) = rest[open..].find('}') else {
            cx.error(&path_at, format!("unclosed `{{` in path `{path}`"));
            rest = "";
            break;
        };
        let name = &rest[open + 1..open + close];
        if !op.path_params.contains_key(name) {
            let hint = hint(name, op.path_params.keys().map(String::as_str));
            cx.error(
                &path_at,
                format!("path parameter `{{{name}}}` is not declared in `path_params`{hint}"),
            );
        } else if used.iter().any(|u| u == name) {
            cx.error(
                &path_at,
                format!("path parameter `{{{name}}}` appears twice"),
            );
        }
        used.push(name.to_string());
        segments.push(PathSegment::Param(
            naming::snake(name).unwrap_or_else(|| name.to_string()),
        ));
        rest = &rest[open + close + 1..];
    }
    if rest.contains('}') {
        cx.error(&path_at, format!("unmatched `}}` in path `{path}`"));
    }
    if !rest.is_empty() {
        segments.push(PathSegment::Literal(rest.to_string()));
    }
    let mut params = Vec::new();
    let mut scope = Scope::default();
    // Path order, so that the method's arguments follow the URL.
    for name in &used {
        let Some(p) = op.path_params.get(name) else {
            continue;
        };
        let pat = at.key("path_params").key(name);
        let Some(rust) = naming::snake(name) else {
            cx.error_at_key(
                &pat,
                format!("path parameter `{name}` has no letters to make a Rust name from"),
            );
            continue;
        };
        if let Err(earlier) = scope.claim(&rust, name) {
            cx.error_at_key(
                &pat,
                format!("path parameters `{earlier}` and `{name}` both become `{rust}`"),
            );
            continue;
        }
        let Some(ty) = table.resolve(cx, &pat.key("type"), &p.ty) else {
            continue;
        };
        if !super::is_one_value(table, &ty) {
            cx.error(
                &pat.key("type"),
                format!(
                    "path parameter `{name}` must be one value (a scalar such as `integer`, `boolean` or `date`, or an enum), not `{}`",
                    p.ty
                ),
            );
            continue;
        }
        params.push(PathParam {
            name: Name {
                wire: name.clone(),
                rust,
            },
            ty,
            docs: p.description.clone(),
        });
    }
    for name in op.path_params.keys() {
        if !used.iter().any(|u| u == name) {
            cx.error_at_key(
                &at.key("path_params").key(name),
                format!("path parameter `{name}` is declared but `{path}` has no `{{{name}}}`"),
            );
        }
    }
    (segments, params)
}

fn lower_response(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    models: &[ir::Model],
    at: &At,
    op: &InOp,
) -> Response {
    use crate::input::Response as R;
    let (text, unwrap, docs, tat) = match &op.response {
        None => {
            return Response {
                ty: None,
                unwrap: None,
                docs: None,
                headers: Vec::new(),
            }
        }
        Some(R::Type(t)) => (t.as_str(), None, None, at.key("response")),
        Some(R::Full(f)) => (
            f.ty.as_str(),
            f.unwrap.clone(),
            f.description.clone(),
            at.key("response").key("type"),
        ),
    };
    let headers = match &op.response {
        Some(R::Full(f)) => {
            super::headers::lower_headers(cx, &at.key("response").key("headers"), &f.headers)
        }
        _ => Vec::new(),
    };
    let mut ty = table.resolve(cx, &tat, text);
    if let Some(t) = &ty {
        if super::holds_bytes(t) && *t != Ty::Scalar(Scalar::Bytes) {
            cx.error(
                &tat,
                "`bytes` is only allowed as a whole response or request body (`response: bytes`, `body: bytes`), not inside another type",
            );
            ty = None;
        } else if super::body_encoding::no_file(cx, models, &tat, t, "a response").is_none() {
            ty = None;
        }
    }
    if unwrap.is_some() && matches!(ty, Some(Ty::Scalar(Scalar::Bytes))) {
        cx.error(
            &at.key("response").key("unwrap"),
            "a `bytes` response has no member to unwrap",
        );
    }
    if unwrap.as_deref() == Some("") {
        cx.error(
            &at.key("response").key("unwrap"),
            "`unwrap` is empty; name the body member that holds the response, or remove `unwrap`",
        );
    }
    Response {
        ty,
        unwrap,
        docs,
        headers,
    }
}

fn lower_pagination(
    cx: &mut Ctx<'_>,
    at: &At,
    p: &crate::input::Pagination,
    query: &[QueryParam],
    response: &Response,
    models: &[ir::Model],
) -> Option<Pagination> {
    use PaginationStyle as S;
    let style = p.style;
    let name = style.as_str();
    let numbered = matches!(style, S::Offset | S::Page);
    let before = cx.diags.len();
    // A query parameter of this operation, of one of the scalar types `ok`.
    let find = |cx: &mut Ctx<'_>, key: &str, wire: &str, ok: &[Scalar]| -> Option<String> {
        let found = query.iter().find(|q| q.name.wire == wire);
        let typed = found.filter(
            |q| matches!(&q.kind, QueryKindIr::Value(ir::ValueQuery { ty: Ty::Scalar(s), .. }) if ok.contains(s)),
        );
        if let Some(q) = typed {
            return Some(q.name.rust.clone());
        }
        let kinds = ok
            .iter()
            .map(|s| s.spec_name())
            .collect::<Vec<_>>()
            .join(" or ");
        let msg = match found {
            Some(_) => format!("`{wire}` must be a plain {kinds} query parameter to carry the paging (not a list, range or flag)"),
            None => {
                let hint = hint(wire, query.iter().map(|q| q.name.wire.as_str()));
                format!("`{wire}` is not a query parameter of this operation (declare it under `query`){hint}")
            }
        };
        cx.error(&at.key(key), msg);
        None
    };
    let int = [Scalar::Integer];
    let size = match &p.size {
        Some(w) => find(cx, "size", w, &int),
        None if numbered => {
            cx.error(at, format!("`style: {name}` needs `size`: the page-size query parameter (`limit`, `per_page`)"));
            None
        }
        None => None,
    };
    let misplaced = |cx: &mut Ctx<'_>, key: &str, set: bool, msg: &str| {
        if set {
            cx.error(
                &at.key(key),
                format!("`{key}` is not used by `style: {name}`; {msg}"),
            );
        }
    };
    let position = match style {
        S::Offset | S::Page => {
            misplaced(
                cx,
                "param",
                p.param.is_some(),
                "the position parameter is `position`",
            );
            match &p.position {
                Some(w) => find(cx, "position", w, &int),
                None => {
                    cx.error(
                        at,
                        format!(
                            "`style: {name}` needs `position`: the query parameter of the {}",
                            if style == S::Offset {
                                "offset"
                            } else {
                                "page number"
                            }
                        ),
                    );
                    None
                }
            }
        }
        S::Cursor | S::AfterLast => {
            misplaced(
                cx,
                "position",
                p.position.is_some(),
                "the cursor is sent in `param`",
            );
            match &p.param {
                Some(w) => find(cx, "param", w, &[Scalar::String, Scalar::Integer]),
                None => {
                    cx.error(at, format!("`style: {name}` needs `param`: the query parameter the {} is sent in (`cursor`, `starting_after`)", if style == S::Cursor { "cursor" } else { "last item's id" }));
                    None
                }
            }
        }
        S::NextUrl | S::LinkHeader => {
            let msg = "the next page is the URL the server gives";
            misplaced(cx, "position", p.position.is_some(), msg);
            misplaced(cx, "param", p.param.is_some(), msg);
            None
        }
    };
    if !matches!(style, S::Cursor | S::NextUrl) {
        misplaced(
            cx,
            "next",
            p.next.is_some(),
            "only `cursor` and `next_url` read a next value",
        );
    }
    if style != S::AfterLast {
        misplaced(
            cx,
            "id",
            p.id.is_some(),
            "only `after_last` sends the last item's id",
        );
    }
    if response.unwrap.is_some() {
        cx.error(
            &at.key("style"),
            "a paginated operation needs a response without `unwrap`: point `items` at the list inside the response model instead",
        );
        return None;
    }
    // The item type, from the envelope's `items` path or the response shape.
    let item = match (&p.items, &response.ty) {
        (Some(path), Some(ty @ Ty::Model(_))) => match resolve_path(models, ty, path) {
            Ok(Ty::List(t)) => Some((*t).clone()),
            Ok(other) => {
                cx.error(
                    &at.key("items"),
                    format!(
                        "`{path}` is `{}`, not a list of items",
                        crate::openapi::schema::type_text(&other)
                    ),
                );
                None
            }
            Err(e) => {
                cx.error(&at.key("items"), e);
                None
            }
        },
        (Some(_), _) => {
            cx.error(&at.key("items"), "`items` is a path inside a response model: the response must be the envelope model that holds the list");
            None
        }
        (None, ty) => {
            let item = match (style, ty) {
                (S::Offset, Some(Ty::Page(t) | Ty::ListOrPage(t))) => Some((**t).clone()),
                (S::Page | S::LinkHeader, Some(Ty::List(t))) => Some((**t).clone()),
                _ => None,
            };
            if item.is_none() {
                let need = match style {
                    S::Offset => " or a response of `page<T>` or `list_or_page<T>`",
                    S::Page | S::LinkHeader => " or a response of `list<T>`",
                    S::Cursor | S::AfterLast | S::NextUrl => "",
                };
                cx.error(
                    at,
                    format!("`style: {name}` needs `items` (the dotted path of the item list in the response model: `data`, `data.items`){need}"),
                );
            }
            item
        }
    };
    let envelope = p.items.is_some();
    // A scalar field of the envelope at `path`, one of the types `ok`.
    let field = |cx: &mut Ctx<'_>,
                 key: &str,
                 path: &Option<String>,
                 ok: &[Scalar]|
     -> Option<String> {
        let path = path.as_ref()?;
        if !envelope {
            cx.error(&at.key(key), format!("`{key}` is a path inside the response model: it needs `items` and an envelope model as the response"));
            return None;
        }
        let ty = response.ty.as_ref()?;
        let kinds = ok
            .iter()
            .map(|s| s.spec_name())
            .collect::<Vec<_>>()
            .join(" or ");
        let article = if kinds.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        match resolve_path(models, ty, path) {
            Ok(Ty::Scalar(s)) if ok.contains(&s) => Some(path.clone()),
            Ok(other) => {
                cx.error(
                    &at.key(key),
                    format!(
                        "`{path}` is `{}`; `{key}` needs {article} {kinds} field",
                        crate::openapi::schema::type_text(&other)
                    ),
                );
                None
            }
            Err(e) => {
                cx.error(&at.key(key), e);
                None
            }
        }
    };
    let next = match style {
        S::Cursor => match &p.next {
            None => {
                cx.error(at, "`style: cursor` needs `next`: the dotted path of the next cursor in the response (`next_cursor`, `meta.next_token`)");
                None
            }
            some => field(cx, "next", some, &[Scalar::String, Scalar::Integer]),
        },
        S::NextUrl => match &p.next {
            None => {
                cx.error(at, "`style: next_url` needs `next`: the dotted path of the next page's URL in the response (`next`, `links.next`)");
                None
            }
            some => field(cx, "next", some, &[Scalar::String]),
        },
        _ => None,
    };
    let has_more = field(cx, "has_more", &p.has_more, &[Scalar::Boolean]);
    let total = field(cx, "total", &p.total, &[Scalar::Integer]);
    let id = match (style, &p.id, &item) {
        (S::AfterLast, None, _) => {
            cx.error(at, "`style: after_last` needs `id`: the item field whose value on the page's last item asks for the next page");
            None
        }
        (S::AfterLast, Some(id), Some(item)) => match resolve_path(models, item, id) {
            Ok(Ty::Scalar(Scalar::String | Scalar::Integer)) => Some(id.clone()),
            Ok(other) => {
                cx.error(
                    &at.key("id"),
                    format!(
                        "`{id}` is `{}`; the id must be a string or integer field of the item",
                        crate::openapi::schema::type_text(&other)
                    ),
                );
                None
            }
            Err(e) => {
                cx.error(&at.key("id"), e);
                None
            }
        },
        _ => None,
    };
    if cx.diags.len() != before {
        return None;
    }
    Some(Pagination {
        style,
        size,
        position,
        default_size: p.default_size.unwrap_or(100).max(1),
        items: p.items.clone(),
        next,
        id,
        has_more,
        total,
        item: item?,
    })
}

/// The type at the dotted wire `path` inside `ty` (struct models, through aliases), or
/// why there is none.
fn resolve_path(models: &[ir::Model], ty: &Ty, path: &str) -> Result<Ty, String> {
    let mut here = ty.clone();
    let mut walked = String::new();
    for key in path.split('.') {
        let within = if walked.is_empty() {
            "the response model".to_string()
        } else {
            format!("`{walked}`")
        };
        let model = loop {
            match &here {
                Ty::Model(n) => {
                    let m = models.iter().find(|m| m.name.wire == n.wire);
                    match m.map(|m| &m.kind) {
                        Some(ir::ModelKind::Alias(t)) => here = t.clone(),
                        Some(ir::ModelKind::Struct(fields)) => {
                            break Some((n.wire.clone(), fields))
                        }
                        _ => break None,
                    }
                }
                _ => break None,
            }
        };
        let Some((model, fields)) = model else {
            return Err(format!(
                "`{path}`: {within} is `{}`, not a model with fields",
                crate::openapi::schema::type_text(&here)
            ));
        };
        if key.is_empty() {
            return Err(format!(
                "`{path}` has an empty segment; write field names separated by `.`"
            ));
        }
        let Some(f) = fields.iter().find(|f| f.name.wire == key) else {
            let hint = hint(key, fields.iter().map(|f| f.name.wire.as_str()));
            return Err(format!("`{path}`: `{model}` has no field `{key}`{hint}"));
        };
        here = f.ty.clone();
        if !walked.is_empty() {
            walked.push('.');
        }
        walked.push_str(key);
    }
    // An alias at the end stands for its type.
    while let Ty::Model(n) = &here {
        match models
            .iter()
            .find(|m| m.name.wire == n.wire)
            .map(|m| &m.kind)
        {
            Some(ir::ModelKind::Alias(t)) => here = t.clone(),
            _ => break,
        }
    }
    Ok(here)
}

/// The body model's fields for `inline_body`, claimed as builder names in `scope`.
fn inline_fields(
    cx: &mut Ctx<'_>,
    models: &[ir::Model],
    at: &At,
    body: Option<&Ty>,
    scope: &mut Scope,
) -> Option<Vec<ir::Field>> {
    let model = match body {
        Some(Ty::Model(n)) => models.iter().find(|m| m.name.wire == n.wire),
        _ => None,
    };
    let Some(ir::Model {
        kind: ir::ModelKind::Struct(fields),
        name,
        ..
    }) = model
    else {
        cx.error_at_key(at, "`inline_body` needs a `body` that is a struct model");
        return None;
    };
    let mut ok = true;
    for f in fields {
        let what = format!("the body field `{}` of `{}`", f.name.wire, name.wire);
        if let Err(earlier) = scope.claim(&f.name.rust, &what) {
            cx.error_at_key(
                at,
                format!("{what} becomes `{}`, like {earlier}", f.name.rust),
            );
            ok = false;
        }
        // A `patch` member also gets `<name>_null()`, which sends `null`.
        let null = format!("{}_null", f.name.rust.trim_start_matches("r#"));
        if f.patch {
            if let Err(earlier) = scope.claim(&null, &format!("{what} (its `{null}`)")) {
                cx.error_at_key(at, format!("{what} gets `{null}()`, like {earlier}"));
                ok = false;
            }
        }
    }
    ok.then(|| fields.clone())
}

/// A path with every parameter written `{}`, so `/x/{id}` and `/x/{key}` compare equal.
fn route_shape(segments: &[PathSegment]) -> String {
    segments
        .iter()
        .map(|s| match s {
            PathSegment::Literal(l) => l.as_str(),
            PathSegment::Param(_) => "{}",
        })
        .collect()
}
