//! Parameters to the format's constructs: path parameters, and query parameters as
//! `value`, `csv` (from `style`/`explode`), `range` and `ordering` (from `x-range` /
//! `x-ordering`, or from common naming), `tristate`, `group` (`deepObject`, `x-group`).
//! Headers, cookies and the list styles the format lacks are losses; each unsupported
//! construct is decided in one place (`list_style`, `location`), to map it when the
//! format gains it.

use super::cx::{Cx, Note};
use super::draft::*;
use super::names::{self, Idents};
use super::schema::{type_list, Place};
use crate::naming;
use indexmap::IndexMap;
use serde_json::Value;

/// The builder's own methods, which parameters must not shadow (see `lower`).
pub const RESERVED_METHODS: &[&str] =
    &["send", "stream", "timeout", "to_request", "client", "body"];

/// Suffix pairs that name the two bounds of a range (`created_at_gte` / `created_at_lte`).
const RANGE_SUFFIXES: &[(&str, &str)] = &[
    ("__gte", "__lte"),
    ("_gte", "_lte"),
    ("[gte]", "[lte]"),
    (".gte", ".lte"),
    ("__from", "__to"),
    ("_from", "_to"),
    ("[from]", "[to]"),
    ("_min", "_max"),
    ("_after", "_before"),
    ("_since", "_until"),
    ("_start", "_end"),
    ("From", "To"),
    ("Min", "Max"),
    ("After", "Before"),
    ("Since", "Until"),
];

/// Prefix pairs that name the two bounds of a range (`min_price` / `max_price`).
const RANGE_PREFIXES: &[(&str, &str)] = &[
    ("min_", "max_"),
    ("from_", "to_"),
    ("start_", "end_"),
    ("min", "max"),
];

/// Query names that usually carry a sort order.
const ORDERING_NAMES: &[&str] = &[
    "ordering", "order", "order_by", "orderby", "orderBy", "sort", "sort_by", "sortby", "sortBy",
    "sorting",
];

/// The mapped parameters of one operation.
#[derive(Debug, Default)]
pub struct Params {
    /// Path parameters, in path order.
    pub path: IndexMap<String, DraftPathParam>,
    /// The path template with placeholders renamed where needed.
    pub template: String,
    /// Query constructs.
    pub query: IndexMap<String, DraftQuery>,
    /// Comments above `query` (parameters left out).
    pub query_comments: Vec<String>,
    /// Header parameters, by header name.
    pub headers: IndexMap<String, DraftHeader>,
}

/// One parameter as read from the document.
struct Raw<'a> {
    name: String,
    location: String,
    p: &'a Value,
    schema: Option<&'a Value>,
}

impl<'a> Cx<'a> {
    /// Maps the parameters of an operation (path-item ones first, overridden by the
    /// operation's own) for operation `op` with builder `builder`.
    pub fn params(&mut self, op: &str, builder: &str, path: &str, list: &[&'a Value]) -> Params {
        let subject = format!("operation {op}");
        let mut raws: Vec<Raw<'a>> = Vec::new();
        let mut early = Vec::new();
        for p in list {
            let Ok(p) = self.refs.resolve(p) else {
                self.record(
                    &subject,
                    &[Note::loss("unresolvable parameter `$ref`", "")],
                    &mut early,
                );
                continue;
            };
            let name = p
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let location = p
                .get("in")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            let schema = p
                .get("schema")
                .and_then(|s| self.refs.resolve(s).ok().map(|_| s));
            match raws
                .iter_mut()
                .find(|r| r.name == name && r.location == location)
            {
                Some(r) => {
                    r.p = p;
                    r.schema = schema;
                }
                None => raws.push(Raw {
                    name,
                    location,
                    p,
                    schema,
                }),
            }
        }
        let mut out = Params {
            template: path.to_string(),
            query_comments: early,
            ..Default::default()
        };
        let mut scope = Idents::new();
        for r in RESERVED_METHODS {
            scope.reserve(r);
        }
        self.path_params(op, path, &raws, &mut scope, &mut out);
        let mut query: Vec<&Raw<'a>> = Vec::new();
        let mut headers: Vec<&Raw<'a>> = Vec::new();
        for r in &raws {
            // Our export's copy of an `api.headers` constant: read from `x-api-headers`.
            if r.location == "header" && r.p.get("x-api-header") == Some(&Value::Bool(true)) {
                continue;
            }
            if r.location == "header" && header_param_ok(&r.name) {
                headers.push(r);
                continue;
            }
            match location(&r.location, &r.name) {
                Ok(true) => query.push(r),
                Ok(false) => {}
                Err(reason) => {
                    let mut c = Vec::new();
                    self.record(
                        &format!("{subject}: parameter {}", r.name),
                        &[Note::loss(reason, "")],
                        &mut c,
                    );
                    out.query_comments.extend(left_out(&r.name, c));
                }
            }
        }
        self.query_params(op, builder, &query, &mut scope, &mut out);
        self.header_params(op, &headers, &mut scope, &mut out);
        out
    }

    /// Header parameters: one scalar or enum each (else typed `string`, with a note); a
    /// `password`-format string is a secret. One whose argument name is taken is left out.
    fn header_params(&mut self, op: &str, raws: &[&Raw<'a>], scope: &mut Idents, out: &mut Params) {
        // Headers an `apiKey` scheme carries are the auth's, not parameters.
        let key_headers: Vec<String> = self
            .doc
            .pointer("/components/securitySchemes")
            .and_then(Value::as_object)
            .map(|m| {
                m.values()
                    .filter_map(|v| self.refs.resolve(v).ok())
                    .filter(|v| v.get("type").and_then(Value::as_str) == Some("apiKey"))
                    .filter(|v| v.get("in").and_then(Value::as_str) == Some("header"))
                    .filter_map(|v| v.get("name").and_then(Value::as_str))
                    .map(str::to_ascii_lowercase)
                    .collect()
            })
            .unwrap_or_default();
        for r in raws {
            if key_headers.contains(&r.name.to_ascii_lowercase()) {
                continue;
            }
            let subject = format!("operation {op}: header {}", r.name);
            let Some(rust) = naming::snake(&r.name) else {
                let mut c = Vec::new();
                self.record(
                    &subject,
                    &[Note::loss("no usable argument name", "")],
                    &mut c,
                );
                out.query_comments.extend(left_out(&r.name, c));
                continue;
            };
            if scope.is_taken(&rust) {
                let mut c = Vec::new();
                let why = format!("its argument `{rust}` is another parameter's");
                self.record(&subject, &[Note::loss(why, "")], &mut c);
                out.query_comments.extend(left_out(&r.name, c));
                continue;
            }
            scope.reserve(&rust);
            let mut h = DraftHeader {
                optional: r.p.get("required") != Some(&Value::Bool(true)),
                description: self.text(r.p.get("description")),
                ..Default::default()
            };
            let t = match r.schema {
                Some(s) => self.ty_of(s, &names::type_name(&r.name), Place::Param),
                None => Default::default(),
            };
            let ty = self.through_aliases(&t.ty);
            if self.is_one_value(&ty) {
                h.ty = ty;
            } else {
                let was = if ty.is_empty() {
                    "no schema".into()
                } else {
                    format!("was {ty}")
                };
                let mut c = Vec::new();
                self.record(
                    &subject,
                    &[Note::loss(
                        "a header is one scalar value or an enum; typed string",
                        was,
                    )],
                    &mut c,
                );
                h.comments = c;
                h.ty = "string".into();
            }
            let password = r
                .schema
                .and_then(|s| s.get("format"))
                .and_then(Value::as_str)
                == Some("password");
            // A credential: said so by the schema, or named like one (`Api-Key`; not an
            // idempotency key) unless the schema says `x-secret: false`.
            let not_secret = r.schema.and_then(|s| s.get("x-secret")) == Some(&Value::Bool(false));
            let named = naming::looks_like_credential(&r.name)
                && !r.name.to_ascii_lowercase().contains("idempotency");
            let credential = password || (named && !not_secret);
            h.secret = credential && h.ty == "string";
            out.headers.insert(r.name.clone(), h);
        }
    }

    fn path_params(
        &mut self,
        op: &str,
        path: &str,
        raws: &[Raw<'a>],
        scope: &mut Idents,
        out: &mut Params,
    ) {
        let mut placeholders = Vec::new();
        let mut rest = path;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            placeholders.push(rest[open + 1..open + close].to_string());
            rest = &rest[open + close + 1..];
        }
        for (i, name) in placeholders.iter().enumerate() {
            let subject = format!("operation {op}: path parameter {name}");
            let mut notes = Vec::new();
            let raw = raws
                .iter()
                .find(|r| r.location == "path" && &r.name == name);
            let mut param = DraftPathParam::default();
            match raw {
                Some(r) => {
                    param.description = self.text(r.p.get("description"));
                    let t = match r.schema {
                        Some(s) => self.ty_of(s, &names::type_name(name), Place::Param),
                        None => Default::default(),
                    };
                    let mut t = t;
                    t.ty = self.through_aliases(&t.ty);
                    if self.is_one_value(&t.ty) {
                        param.ty = t.ty;
                    } else {
                        notes.push(Note::loss(
                            "path parameters are one scalar value or an enum; typed string",
                            if t.ty.is_empty() {
                                "no schema".into()
                            } else {
                                format!("was {}", t.ty)
                            },
                        ));
                        param.ty = "string".into();
                    }
                }
                None => {
                    notes.push(Note::loss("path parameter not declared; typed string", ""));
                    param.ty = "string".into();
                }
            }
            // The placeholder is not on the wire: rename it when its Rust name does not work.
            let derived = naming::snake(name).filter(|s| naming::is_snake_ident(s));
            let wanted = derived
                .clone()
                .unwrap_or_else(|| format!("param_{}", i + 1));
            let rust = scope.claim(&wanted);
            let key = if derived.as_deref() == Some(rust.as_str()) && !out.path.contains_key(name) {
                name.clone()
            } else {
                notes.push(Note::info(
                    "path placeholder renamed so that its Rust name works",
                    format!("`{{{name}}}` -> `{{{rust}}}`"),
                ));
                out.template =
                    out.template
                        .replacen(&format!("{{{name}}}"), &format!("{{{rust}}}"), 1);
                rust
            };
            self.record(&subject, &notes, &mut param.comments);
            out.path.insert(key, param);
        }
        for r in raws.iter().filter(|r| r.location == "path") {
            if !placeholders.contains(&r.name) {
                let mut c = Vec::new();
                self.record(
                    &format!("operation {op}: path parameter {}", r.name),
                    &[Note::info("declared but not in the path; left out", "")],
                    &mut c,
                );
                out.query_comments.extend(left_out(&r.name, c));
            }
        }
    }

    fn query_params(
        &mut self,
        op: &str,
        builder: &str,
        query: &[&Raw<'a>],
        scope: &mut Idents,
        out: &mut Params,
    ) {
        let mut done: Vec<bool> = vec![false; query.len()];
        let subject = |name: &str| format!("operation {op}: parameter {name}");
        // Constructs keep the place of their first parameter.
        let mut placed: Vec<(usize, String, DraftQuery)> = Vec::new();

        // Groups our export marks (`x-group`) and `deepObject` objects.
        let mut groups: IndexMap<String, Vec<usize>> = IndexMap::new();
        for (i, r) in query.iter().enumerate() {
            if let Some(g) = r.p.get("x-group").and_then(Value::as_str) {
                groups.entry(g.to_string()).or_default().push(i);
            }
        }
        for (g, members) in groups {
            let first = members[0];
            let mut q = DraftQuery {
                kind: "group",
                ..Default::default()
            };
            for i in members {
                let r = query[i];
                done[i] = true;
                let member = r
                    .name
                    .strip_prefix(&format!("{g}["))
                    .and_then(|m| m.strip_suffix(']'))
                    .unwrap_or(&r.name)
                    .to_string();
                let mut throwaway = Idents::new();
                let mut left = Vec::new();
                let mapped =
                    self.value_param(op, builder, r, &mut throwaway, &subject(&r.name), &mut left);
                out.query_comments.extend(left_out(&r.name, left));
                match mapped {
                    Some(mq) if mq.kind == "value" => {
                        q.members.insert(member, mq);
                    }
                    Some(_) => {
                        let mut c = Vec::new();
                        self.record(
                            &subject(&r.name),
                            &[Note::loss("group members are single values", "")],
                            &mut c,
                        );
                        out.query_comments.extend(left_out(&r.name, c));
                    }
                    None => {}
                }
            }
            if q.members.is_empty() {
                continue;
            }
            let rust = self.claim_query(&g, &mut q, scope);
            self.claim_members(&rust, &mut q, scope);
            placed.push((first, g, q));
        }
        for (i, r) in query.iter().enumerate() {
            if done[i] || r.p.get("style").and_then(Value::as_str) != Some("deepObject") {
                continue;
            }
            done[i] = true;
            let mut left = Vec::new();
            let mapped = self.deep_object(op, builder, r, scope, &mut left);
            out.query_comments.extend(left_out(&r.name, left));
            if let Some(q) = mapped {
                placed.push((i, r.name.clone(), q));
            }
        }

        // Ranges: our export's `x-range`, then pairs of bound names.
        let mut ranges: IndexMap<String, Vec<usize>> = IndexMap::new();
        for (i, r) in query.iter().enumerate() {
            if let Some(g) = r.p.get("x-range").and_then(Value::as_str) {
                if !done[i] {
                    ranges.entry(g.to_string()).or_default().push(i);
                }
            }
        }
        for (name, idx) in ranges {
            if let [a, b] = idx[..] {
                if let Some(q) =
                    self.range(op, builder, name.clone(), query[a], query[b], scope, None)
                {
                    done[a] = true;
                    done[b] = true;
                    placed.push((a.min(b), name, q));
                }
            }
        }
        // Our own export marks every range and ordering; guess only in other documents.
        let guess = !self.own;
        for a in 0..query.len() {
            for b in 0..query.len() {
                if !guess {
                    break;
                }
                if a == b || done[a] || done[b] {
                    continue;
                }
                let Some(base) = range_base(&query[a].name, &query[b].name) else {
                    continue;
                };
                let used =
                    |n: &str| query.iter().any(|r| r.name == n) || placed.iter().any(|p| p.1 == n);
                let name = if used(&base) {
                    format!("{base}_range")
                } else {
                    base
                };
                if used(&name) {
                    continue;
                }
                let note = Note::info(
                    "recognised as a range from its bound names",
                    format!("`{}`, `{}`", query[a].name, query[b].name),
                );
                if let Some(q) = self.range(
                    op,
                    builder,
                    name.clone(),
                    query[a],
                    query[b],
                    scope,
                    Some(note),
                ) {
                    done[a] = true;
                    done[b] = true;
                    placed.push((a.min(b), name, q));
                }
            }
        }

        // Orderings: our export's `x-ordering`, then common names with `-field` values.
        let mut flags: IndexMap<String, Vec<usize>> = IndexMap::new();
        for (i, r) in query.iter().enumerate() {
            if let Some(g) = r.p.get("x-ordering").and_then(Value::as_str) {
                if !done[i] {
                    flags.entry(g.to_string()).or_default().push(i);
                }
            }
        }
        for (name, idx) in flags {
            let q = match idx[..] {
                [one] if query[one].name == name => {
                    self.ordering(op, builder, query[one], scope, None)
                }
                [a, b] => self.field_flag(builder, &name, query[a], query[b], scope),
                _ => None,
            };
            if let Some(q) = q {
                for &i in &idx {
                    done[i] = true;
                }
                placed.push((idx[0], name, q));
            }
        }
        for (i, r) in query.iter().enumerate() {
            if done[i] || !guess || !ORDERING_NAMES.contains(&r.name.as_str()) {
                continue;
            }
            let note = Note::info(
                "recognised as an ordering from its name and `-field` values",
                "",
            );
            if let Some(q) = self.ordering(op, builder, r, scope, Some(note)) {
                done[i] = true;
                placed.push((i, r.name.clone(), q));
            }
        }

        // Everything else: one value, a tristate or a comma-joined list.
        for (i, r) in query.iter().enumerate() {
            if done[i] {
                continue;
            }
            let mut left = Vec::new();
            if let Some(q) = self.value_param(op, builder, r, scope, &subject(&r.name), &mut left) {
                placed.push((i, spec_name(&r.name, &q).to_string(), q));
            }
            out.query_comments.extend(left_out(&r.name, left));
        }
        placed.sort_by_key(|p| p.0);
        for (_, name, q) in placed {
            out.query.insert(name, q);
        }
    }

    /// Claims the builder method of a query construct, setting `rust_name` when the
    /// derived one is taken or does not exist. Returns the method name.
    fn claim_query(&mut self, wire: &str, q: &mut DraftQuery, scope: &mut Idents) -> String {
        let derived = naming::snake(wire);
        let base = derived
            .clone()
            .unwrap_or_else(|| names::snake_name(wire, "param"));
        let mut rust = scope.claim(&base);
        if q.null_value.is_some() {
            while scope.is_taken(&format!("{}_null", rust.trim_start_matches("r#"))) {
                rust = scope.claim(&format!("{}_value", rust.trim_start_matches("r#")));
            }
            scope.reserve(&format!("{}_null", rust.trim_start_matches("r#")));
        }
        if derived.as_deref() != Some(rust.as_str()) {
            q.rust_name = Some(rust.clone());
        }
        rust
    }

    /// Gives the members of group `q` (method prefix `group`) their builder methods.
    fn claim_members(&mut self, group: &str, q: &mut DraftQuery, scope: &mut Idents) {
        let prefix = group.trim_start_matches("r#").to_string();
        for (member, mq) in q.members.iter_mut() {
            let derived = naming::snake(member);
            let plain = derived.as_deref().filter(|d| !d.starts_with("r#"));
            let method = format!(
                "{prefix}_{}",
                plain.unwrap_or(names::snake_name(member, "member").trim_start_matches("r#"))
            );
            let claimed = scope.claim(&method);
            mq.rust_name = (plain.is_none() || claimed != method).then_some(claimed);
        }
    }

    /// A `value` (or `tristate`, `csv`) query parameter; `None` (with a loss) when the
    /// format cannot say it.
    fn value_param(
        &mut self,
        op: &str,
        builder: &str,
        r: &Raw<'a>,
        scope: &mut Idents,
        subject: &str,
        left: &mut Vec<String>,
    ) -> Option<DraftQuery> {
        let mut notes = Vec::new();
        let mut q = DraftQuery {
            kind: "value",
            description: self.text(r.p.get("description")),
            required: r.p.get("required") == Some(&Value::Bool(true)),
            ..Default::default()
        };
        let Some(mut schema) = r.schema else {
            let reason = if r.p.get("content").is_some() {
                "parameters with `content` are not supported"
            } else {
                "parameter without a schema"
            };
            self.record(subject, &[Note::loss(reason, "")], left);
            return None;
        };
        if let Some(lit) = r.p.get("x-null-value").and_then(Value::as_str) {
            q.null_value = Some(lit.to_string());
            if let Some(first) = schema
                .get("anyOf")
                .and_then(Value::as_array)
                .and_then(|a| a.first())
            {
                schema = first;
            }
        }
        let resolved = self.refs.resolve(schema).unwrap_or(schema);
        // `true` / `false` / one more literal: a tristate.
        if let Some(values) = resolved.get("enum").and_then(Value::as_array) {
            let strs: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
            if strs.len() == 3
                && values.len() == 3
                && strs.contains(&"true")
                && strs.contains(&"false")
            {
                let all = strs.iter().find(|s| **s != "true" && **s != "false")?;
                q.kind = "tristate";
                q.all_value = Some(all.to_string());
                q.required = false;
                self.claim_query(&r.name, &mut q, scope);
                return Some(q);
            }
        }
        let hint = format!("{}{}", builder, names::type_name(&r.name));
        let is_array = type_list(resolved) == ["array"];
        if is_array {
            let (list, separator) = match list_style(r.p, &r.name) {
                Ok(form) => form,
                Err(reason) => {
                    let style = r.p.get("style").and_then(Value::as_str).unwrap_or("form");
                    let explode = r.p.get("explode").and_then(Value::as_bool);
                    let detail = format!("style {style}, explode {explode:?}");
                    self.record(subject, &[Note::loss(reason, detail)], left);
                    return None;
                }
            };
            let items = resolved.get("items").unwrap_or(&Value::Null);
            let t = self.query_value(items, &self.param_hint(&r.name, &hint), &mut notes);
            let Some(ty) = t else {
                self.record(subject, &notes, left);
                return None;
            };
            q.kind = if list.is_some() || separator.is_some() {
                "list"
            } else {
                "csv"
            };
            q.list = list;
            q.separator = separator;
            q.ty = Some(ty);
            if q.required {
                notes.push(Note::info(
                    "`required` applies to single values only; dropped",
                    "",
                ));
                q.required = false;
            }
        } else {
            let t = self.query_value(schema, &self.param_hint(&r.name, &hint), &mut notes);
            let Some(ty) = t else {
                self.record(subject, &notes, left);
                return None;
            };
            q.ty = Some(ty);
            q.default_hint = resolved.get("default").and_then(Value::as_u64);
        }
        let _ = op;
        self.claim_query(&r.name, &mut q, scope);
        self.record(subject, &notes, &mut q.comments);
        Some(q)
    }

    /// The type an alias model stands for (through chains of aliases), else `ty`.
    /// Whether a type expression is one value a path segment or a header can carry: a
    /// scalar other than `json` and `bytes`, or an enum.
    fn is_one_value(&self, ty: &str) -> bool {
        let scalar = crate::typeexpr::Scalar::ALL
            .iter()
            .any(|(n, _)| *n == ty && !matches!(*n, "json" | "bytes"));
        scalar || self.is_enum(ty)
    }

    fn through_aliases(&self, ty: &str) -> String {
        let mut ty = ty.to_string();
        for _ in 0..16 {
            match self
                .models
                .get(&ty)
                .and_then(|s| s.model.as_ref())
                .map(|m| &m.kind)
            {
                Some(DraftModelKind::Alias(target)) => ty = target.clone(),
                _ => break,
            }
        }
        ty
    }

    /// The name for an inline enum of parameter `name`: its own name when free.
    fn param_hint(&self, name: &str, fallback: &str) -> String {
        let own = names::type_name(name);
        if self.types.is_taken(&own) {
            fallback.to_string()
        } else {
            own
        }
    }

    /// The type of a query value: a scalar or an enum.
    fn query_value(
        &mut self,
        schema: &'a Value,
        hint: &str,
        notes: &mut Vec<Note>,
    ) -> Option<String> {
        let mut t = self.ty_of(schema, hint, Place::Param);
        notes.extend(t.notes.iter().cloned());
        t.ty = self.through_aliases(&t.ty);
        if t.ty == "json" {
            // No type: the value is text on the wire.
            notes.push(Note::info(
                "query parameter without a type; typed string",
                "",
            ));
            t.ty = "string".into();
        }
        let scalar = matches!(
            t.ty.as_str(),
            "string"
                | "integer"
                | "number"
                | "decimal"
                | "boolean"
                | "date"
                | "date_time"
                | "local_date_time"
                | "date_or_date_time"
                | "unix_seconds"
                | "unix_millis"
        );
        if scalar || self.is_enum(&t.ty) {
            Some(t.ty)
        } else {
            notes.push(Note::loss(
                "query values are scalars or enums; this parameter is left out",
                format!("type {}", t.ty),
            ));
            None
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn range(
        &mut self,
        op: &str,
        builder: &str,
        name: String,
        a: &Raw<'a>,
        b: &Raw<'a>,
        scope: &mut Idents,
        note: Option<Note>,
    ) -> Option<DraftQuery> {
        let (sa, sb) = (a.schema?, b.schema?);
        let mut notes = Vec::new();
        let hint = format!("{builder}{}", names::type_name(&name));
        let ta = self.query_value(sa, &hint, &mut notes)?;
        let tb = self.query_value(sb, &hint, &mut notes)?;
        if ta != tb {
            return None;
        }
        let description = self
            .text(a.p.get("description"))
            .or_else(|| self.text(b.p.get("description")));
        let mut q = DraftQuery {
            kind: "range",
            ty: Some(ta),
            description,
            range: Some((a.name.clone(), b.name.clone())),
            ..Default::default()
        };
        notes.extend(note);
        if a.p.get("required") == Some(&Value::Bool(true))
            || b.p.get("required") == Some(&Value::Bool(true))
        {
            notes.push(Note::info(
                "`required` applies to single values only; dropped",
                "",
            ));
        }
        self.claim_query(&name, &mut q, scope);
        self.record(
            &format!("operation {op}: parameter {name}"),
            &notes,
            &mut q.comments,
        );
        Some(q)
    }

    /// An ordering in `prefix` style from one parameter whose values are fields and
    /// `-field`s; `None` when the values do not look like that.
    fn ordering(
        &mut self,
        op: &str,
        builder: &str,
        r: &Raw<'a>,
        scope: &mut Idents,
        note: Option<Note>,
    ) -> Option<DraftQuery> {
        let schema = self.refs.resolve(r.schema?).ok()?;
        let (values_at, multi, list) = if type_list(schema) == ["array"] {
            let Ok(list) = list_style(r.p, &r.name) else {
                return None;
            };
            (self.refs.resolve(schema.get("items")?).ok()?, true, list)
        } else {
            (schema, false, (None, None))
        };
        let values = values_at
            .get("x-extensible-enum")
            .or_else(|| values_at.get("enum"))?
            .as_array()?;
        let strs: Vec<&str> = values.iter().filter_map(Value::as_str).collect();
        // Our export's suffix orderings: `field<sep><asc|desc>` values.
        let suffix = r.p.get("x-ordering-suffix").and_then(|x| {
            let word = |k: &str| x.get(k).and_then(Value::as_str).map(String::from);
            Some((word("separator")?, word("asc")?, word("desc")?))
        });
        let strs: Vec<&str> = match &suffix {
            Some((sep, asc, desc)) => strs
                .iter()
                .map(|v| {
                    v.strip_suffix(&format!("{sep}{desc}"))
                        .or_else(|| {
                            (!asc.is_empty())
                                .then(|| v.strip_suffix(&format!("{sep}{asc}")))
                                .flatten()
                        })
                        .unwrap_or(v)
                })
                .collect(),
            None => strs,
        };
        if strs.len() != values.len()
            || (suffix.is_none() && !strs.iter().any(|v| v.starts_with('-')))
        {
            return None;
        }
        let type_name = format!("{builder}{}", naming::camel(&r.name).unwrap_or_default());
        if self.types.is_taken(&type_name) {
            return None;
        }
        let mut fields: Vec<DraftValue> = Vec::new();
        let mut seen = Vec::new();
        let mut spec_values = Vec::new();
        for v in &strs {
            let f = v.trim_start_matches(['-', '+']);
            if !f.is_empty() && !seen.contains(&f) {
                seen.push(f);
                spec_values.push(Value::from(f));
            }
        }
        // Variant names as an enum of the plain fields (`x-enum-varnames` lists only
        // fields in our export's `field_flag` style, so names are derived here).
        let e = self.enum_spec(&serde_json::json!({ "enum": spec_values, "x-open-enum": true }))?;
        fields.extend(e.values);
        self.types.take(&type_name);
        let mut q = DraftQuery {
            kind: "ordering",
            description: self.text(r.p.get("description")),
            multi,
            fields,
            suffix,
            list: list.0,
            separator: list.1,
            ..Default::default()
        };
        let mut notes = Vec::new();
        notes.extend(note);
        self.claim_query(&r.name, &mut q, scope);
        let subject = format!("operation {op}: parameter {}", r.name);
        self.record(&subject, &notes, &mut q.comments);
        Some(q)
    }

    /// An ordering in `field_flag` style from a field parameter and a boolean flag.
    fn field_flag(
        &mut self,
        builder: &str,
        name: &str,
        a: &Raw<'a>,
        b: &Raw<'a>,
        scope: &mut Idents,
    ) -> Option<DraftQuery> {
        let is_flag = |r: &Raw<'a>| {
            r.schema
                .and_then(|s| self.refs.resolve(s).ok())
                .is_some_and(|s| type_list(s) == ["boolean"])
        };
        let (field, flag) = if is_flag(b) {
            (a, b)
        } else if is_flag(a) {
            (b, a)
        } else {
            return None;
        };
        let schema = self.refs.resolve(field.schema?).ok()?;
        let e = self.enum_spec(schema)?;
        let type_name = format!("{builder}{}", naming::camel(name).unwrap_or_default());
        if !self.types.take(&type_name) {
            return None;
        }
        let mut q = DraftQuery {
            kind: "ordering",
            description: self.text(field.p.get("description")),
            fields: e.values,
            field_flag: Some((field.name.clone(), flag.name.clone())),
            ..Default::default()
        };
        self.claim_query(name, &mut q, scope);
        Some(q)
    }

    /// A `deepObject` parameter: a group whose members are the object's properties.
    fn deep_object(
        &mut self,
        op: &str,
        builder: &str,
        r: &Raw<'a>,
        scope: &mut Idents,
        left: &mut Vec<String>,
    ) -> Option<DraftQuery> {
        let subject = format!("operation {op}: parameter {}", r.name);
        let schema = r.schema.and_then(|s| self.refs.resolve(s).ok());
        if let (Some(raw), Some(resolved)) = (r.schema, schema) {
            if r.p.get("x-form-lists").is_some() || !self.flat_object(resolved) {
                return self.query_object(builder, r, raw, scope, &subject, left);
            }
        }
        let Some(props) = schema
            .and_then(|s| s.get("properties"))
            .and_then(Value::as_object)
        else {
            self.record(
                &subject,
                &[Note::loss(
                    "`deepObject` parameters without properties are not supported",
                    "",
                )],
                left,
            );
            return None;
        };
        let mut q = DraftQuery {
            kind: "group",
            description: self.text(r.p.get("description")),
            ..Default::default()
        };
        for (member, ms) in props {
            let mut notes = Vec::new();
            let hint = format!(
                "{builder}{}{}",
                names::type_name(&r.name),
                names::type_name(member)
            );
            let Some(ty) = self.query_value(ms, &hint, &mut notes) else {
                self.record(&format!("{subject}[{member}]"), &notes, left);
                continue;
            };
            let mut mq = DraftQuery {
                kind: "value",
                ty: Some(ty),
                description: self.text(ms.get("description")),
                ..Default::default()
            };
            self.record(&format!("{subject}[{member}]"), &notes, &mut mq.comments);
            q.members.insert(member.clone(), mq);
        }
        if q.members.is_empty() {
            return None;
        }
        let rust = self.claim_query(&r.name, &mut q, scope);
        self.claim_members(&rust, &mut q, scope);
        Some(q)
    }

    /// Whether an object schema has scalar properties only (a group of values).
    fn flat_object(&self, schema: &'a Value) -> bool {
        if schema
            .get("additionalProperties")
            .is_some_and(|a| a != &Value::Bool(false))
        {
            return false;
        }
        let Some(props) = schema.get("properties").and_then(Value::as_object) else {
            return false;
        };
        props.values().all(|p| {
            let p = self.refs.resolve(p).unwrap_or(p);
            !matches!(
                p.get("type").and_then(Value::as_str),
                Some("object" | "array")
            ) && p.get("properties").is_none()
        })
    }

    /// A `deepObject` parameter sent whole (`kind: object`): a model or a map, nested
    /// members as `name[a][b]`, lists as our export's `x-form-lists` says (indexed, which
    /// servers read unambiguously, in a foreign document).
    fn query_object(
        &mut self,
        builder: &str,
        r: &Raw<'a>,
        schema: &'a Value,
        scope: &mut Idents,
        subject: &str,
        left: &mut Vec<String>,
    ) -> Option<DraftQuery> {
        let hint = format!("{builder}{}", names::type_name(&r.name));
        let t = self.ty_of(schema, &hint, Place::Param);
        let mut q = DraftQuery {
            kind: "object",
            description: self.text(r.p.get("description")),
            required: r.p.get("required") == Some(&Value::Bool(true)),
            ..Default::default()
        };
        self.record(subject, &t.notes, &mut q.comments);
        if t.ty == "json" {
            self.record(
                subject,
                &[Note::loss(
                    "a `deepObject` parameter without a typed schema is left out",
                    "",
                )],
                left,
            );
            return None;
        }
        q.ty = Some(t.ty);
        q.form_lists = match r.p.get("x-form-lists").and_then(Value::as_str) {
            Some(l @ ("indexed" | "repeated")) => Some(l.to_string()),
            Some(_) => None,
            None => {
                let note = Note::info(
                    format!("a `deepObject` parameter: lists inside written with indexed keys (`{}[tags][0]=a`); check what the API reads", r.name),
                    "",
                );
                self.record(subject, &[note], &mut q.comments);
                Some("indexed".into())
            }
        };
        self.claim_query(&r.name, &mut q, scope);
        Some(q)
    }
}

/// Comment lines for parameter `name`, left out for the reasons in `comments`.
fn left_out(name: &str, comments: Vec<String>) -> Vec<String> {
    comments
        .into_iter()
        .map(|c| match c.split_once(": ") {
            Some((tag, rest)) => format!("{tag}: parameter `{name}` left out: {rest}"),
            None => c,
        })
        .collect()
}

/// Whether a header parameter named `name` can be an operation's header (not one the
/// client sets itself: those are dropped as OpenAPI says, or reported by `location`).
fn header_param_ok(name: &str) -> bool {
    crate::lower::set_by_client(name).is_none()
}

/// Whether parameters in `location` are query parameters (`Ok(true)`), ignored as
/// OpenAPI says (`Ok(false)`: `Accept`, `Content-Type`, `Authorization` headers), or
/// not supported (the reason).
fn location(location: &str, name: &str) -> Result<bool, &'static str> {
    match location {
        "query" => Ok(true),
        "path" => Ok(false),
        "header"
            if ["accept", "content-type", "authorization"]
                .contains(&name.to_ascii_lowercase().as_str()) =>
        {
            Ok(false)
        }
        "header" => Err("the client sets this header itself"),
        "cookie" => Err("cookie parameters are not supported"),
        "formData" | "body" => Err("form parameters are not supported"),
        _ => Err("parameters in this location are not supported"),
    }
}

/// How an array query parameter goes on the wire, as the format's `list` and `separator`:
/// `form` joined by `,` (or our export's `x-separator`), `form` exploded (the key repeated;
/// with `[]` when the name ends so or our export says `x-list: brackets`), and the space-
/// and pipe-delimited styles.
type ListForm = (Option<&'static str>, Option<String>);

fn list_style(p: &Value, name: &str) -> Result<ListForm, &'static str> {
    let style = p.get("style").and_then(Value::as_str).unwrap_or("form");
    let explode = p
        .get("explode")
        .and_then(Value::as_bool)
        .unwrap_or(style == "form");
    let separator = p.get("x-separator").and_then(Value::as_str);
    match (style, explode) {
        ("form", false) => Ok((None, separator.filter(|s| *s != ",").map(String::from))),
        ("form", true) => {
            let brackets =
                p.get("x-list").and_then(Value::as_str) == Some("brackets") || name.ends_with("[]");
            Ok((Some(if brackets { "brackets" } else { "repeated" }), None))
        }
        ("spaceDelimited", false) => Ok((None, Some(" ".into()))),
        ("pipeDelimited", false) => Ok((None, Some("|".into()))),
        _ => Err("this list style is not supported"),
    }
}

/// The format's name of a parameter: a `brackets` list drops the `[]` it is sent with.
fn spec_name<'n>(name: &'n str, q: &DraftQuery) -> &'n str {
    match q.list {
        Some("brackets") => name.strip_suffix("[]").unwrap_or(name),
        _ => name,
    }
}

/// The logical name of a range when `a` and `b` name its lower and upper bound.
fn range_base(a: &str, b: &str) -> Option<String> {
    for (lo, hi) in RANGE_SUFFIXES {
        if let (Some(x), Some(y)) = (a.strip_suffix(lo), b.strip_suffix(hi)) {
            if x == y && !x.is_empty() {
                return Some(x.to_string());
            }
        }
    }
    for (lo, hi) in RANGE_PREFIXES {
        if let (Some(x), Some(y)) = (a.strip_prefix(lo), b.strip_prefix(hi)) {
            if x == y
                && !x.is_empty()
                && (lo.ends_with('_') || x.starts_with(|c: char| c.is_ascii_uppercase()))
            {
                let base = if lo.ends_with('_') {
                    x.to_string()
                } else {
                    naming::snake(x).unwrap_or_default()
                };
                return (!base.is_empty()).then_some(base);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn range_names() {
        assert_eq!(
            range_base("created_at_gte", "created_at_lte").as_deref(),
            Some("created_at")
        );
        assert_eq!(
            range_base("active_from__from", "active_from__to").as_deref(),
            Some("active_from")
        );
        assert_eq!(
            range_base("min_price", "max_price").as_deref(),
            Some("price")
        );
        assert_eq!(range_base("minPrice", "maxPrice").as_deref(), Some("price"));
        assert_eq!(
            range_base("createdFrom", "createdTo").as_deref(),
            Some("created")
        );
        assert_eq!(range_base("minute", "maxute"), None);
        assert_eq!(range_base("a_gte", "b_lte"), None);
        assert_eq!(range_base("_gte", "_lte"), None);
    }

    #[test]
    fn list_styles() {
        let form = |explode: bool| serde_json::json!({ "style": "form", "explode": explode });
        assert_eq!(list_style(&form(false), "ids"), Ok((None, None)));
        assert_eq!(
            list_style(&form(true), "status"),
            Ok((Some("repeated"), None))
        );
        assert_eq!(
            list_style(&form(true), "expand[]"),
            Ok((Some("brackets"), None))
        );
        let pipes = serde_json::json!({ "style": "pipeDelimited", "explode": false });
        assert_eq!(
            list_style(&pipes, "tags"),
            Ok((None, Some("|".to_string())))
        );
        let semi = serde_json::json!({ "style": "form", "explode": false, "x-separator": ";" });
        assert_eq!(list_style(&semi, "tags"), Ok((None, Some(";".to_string()))));
        let deep = serde_json::json!({ "style": "deepObject", "explode": true });
        assert!(list_style(&deep, "filter").is_err());
    }
}
