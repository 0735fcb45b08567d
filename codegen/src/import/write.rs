//! Writes a [`Draft`] as spec files in the format's own style: the schema line first,
//! flow mappings for short items, comments above what they are about.

use super::draft::*;
use super::yaml::{document, MapBuilder, Node};

/// The first line of every written file: editor completion from `spec/schema.json`.
pub const SCHEMA_LINE: &str = "yaml-language-server: $schema=../schema.json";

/// Every file of the draft as `(file name, text)`, `api.yaml` first.
pub fn files(draft: &Draft) -> Vec<(String, String)> {
    draft
        .files
        .iter()
        .map(|(stem, file)| {
            let api = (stem == "api").then_some(&draft.api);
            (format!("{stem}.yaml"), file_text(api, file))
        })
        .collect()
}

/// One file's text; `api` is set for the file that holds the `api` section.
pub fn file_text(api: Option<&DraftApi>, file: &DraftFile) -> String {
    let mut root = MapBuilder::new();
    if let Some(api) = api {
        root.push("api", api_node(api));
    }
    if !file.models.is_empty() {
        let mut models = MapBuilder::new();
        for (name, m) in &file.models {
            models.comment(m.comments.iter().cloned());
            models.push(name.clone(), model_node(m));
        }
        root.push("models", models.build());
    }
    if !file.operations.is_empty() {
        let mut ops = MapBuilder::new();
        for (name, op) in &file.operations {
            ops.comment(op.comments.iter().cloned());
            ops.push(name.clone(), op_node(op));
        }
        root.push("operations", ops.build());
    }
    let mut header = vec![SCHEMA_LINE.to_string()];
    header.extend(file.header.iter().cloned());
    let mut text = document(&header, &root.build());
    if !file.trailer.is_empty() {
        text.push('\n');
        for line in &file.trailer {
            text.push_str(&format!("# {line}\n"));
        }
    }
    text
}

fn api_node(api: &DraftApi) -> Node {
    let mut m = MapBuilder::new();
    m.push("name", Node::str(&api.name));
    m.push("title", Node::str(&api.title));
    m.opt_str("client", api.client.as_deref());
    m.opt_str("description", api.description.as_deref());
    m.comment(api.base_url_comments.iter().cloned());
    m.opt_str("base_url", api.base_url.as_deref());
    m.opt_str("error_body", api.error_body.as_deref());
    m.flag("lenient", api.lenient);
    m.opt_str("error_field", api.error_field.as_deref());
    if !api.headers.is_empty() {
        let mut hb = MapBuilder::new();
        for (name, value) in &api.headers {
            hb.push(name.clone(), Node::Exact(value.clone()));
        }
        m.push("headers", hb.build());
    }
    if !api.auth.is_empty() {
        m.comment(api.auth_comments.iter().cloned());
        m.push("auth", Node::Seq(api.auth.iter().map(auth_node).collect()));
    } else {
        m.comment(api.auth_comments.iter().cloned());
    }
    m.build()
}

fn auth_node(a: &DraftAuth) -> Node {
    let mut m = MapBuilder::new();
    m.push("name", Node::str(&a.name));
    m.push("kind", Node::str(a.kind));
    m.opt_str("header", a.header.as_deref());
    m.opt_str("prefix", a.prefix.as_deref());
    m.opt_str("param", a.param.as_deref());
    m.opt_str("login", a.login.as_deref());
    m.opt_str("refresh", a.refresh.as_deref());
    if !a.logout.is_empty() {
        m.push(
            "logout",
            Node::Seq(a.logout.iter().map(Node::str).collect()),
        );
    }
    m.opt_str("token_field", a.token_field.as_deref());
    m.opt_str("refresh_token_field", a.refresh_token_field.as_deref());
    m.opt_str("refresh_request_field", a.refresh_request_field.as_deref());
    m.opt_str("description", a.description.as_deref());
    let node = m.build();
    if a.comments.is_empty() {
        return node;
    }
    // Comments inside a sequence item go above its first key.
    let Node::Map(mut entries) = node else {
        return node;
    };
    entries[0].comments = a.comments.clone();
    Node::Map(entries)
}

fn model_node(m: &DraftModel) -> Node {
    let mut b = MapBuilder::new();
    b.opt_str("description", m.description.as_deref());
    match &m.kind {
        DraftModelKind::Struct(fields) => {
            let mut fb = MapBuilder::new();
            for (wire, f) in fields {
                fb.comment(f.comments.iter().cloned());
                fb.push(wire.clone(), field_node(f));
            }
            b.push("fields", fb.build());
        }
        DraftModelKind::Enum { values, open } => {
            if !open {
                b.push("open", Node::Raw("false".into()));
            }
            b.push("values", values_node(values));
        }
        DraftModelKind::Alias(ty) => {
            b.push("type", Node::str(ty));
        }
        DraftModelKind::Union {
            discriminator,
            open,
            variants,
        } => {
            b.opt_str("discriminator", discriminator.as_deref());
            if discriminator.is_some() && !open {
                b.push("open", Node::Raw("false".into()));
            }
            let variant = |v: &DraftVariant| {
                if v.name.is_none() && v.description.is_none() {
                    return Node::str(&v.ty);
                }
                let mut m = MapBuilder::new();
                m.push("type", Node::str(&v.ty));
                m.opt_str("name", v.name.as_deref());
                m.opt_str("description", v.description.as_deref());
                m.build()
            };
            if discriminator.is_some() {
                let mut mb = MapBuilder::new();
                for v in variants {
                    mb.push(v.tag.clone().unwrap_or_default(), variant(v));
                }
                b.push("one_of", mb.build());
            } else {
                b.push("one_of", Node::Seq(variants.iter().map(variant).collect()));
            }
        }
    }
    b.build()
}

fn values_node(values: &[DraftValue]) -> Node {
    Node::Seq(
        values
            .iter()
            .map(|v| {
                let scalar = match &v.value {
                    DraftScalar::Int(n) => Node::Raw(n.to_string()),
                    DraftScalar::Str(s) => Node::str(s),
                };
                if v.name.is_none() && v.description.is_none() {
                    return scalar;
                }
                let mut m = MapBuilder::new();
                m.push("value", scalar);
                m.opt_str("name", v.name.as_deref());
                m.opt_str("description", v.description.as_deref());
                m.build()
            })
            .collect(),
    )
}

fn field_node(f: &DraftField) -> Node {
    let mut m = MapBuilder::new();
    m.push("type", Node::str(&f.ty));
    m.flag("optional", f.optional && !f.patch);
    m.flag("nullable", f.nullable && !f.patch);
    m.flag("patch", f.patch);
    if let Some(d) = &f.default {
        m.push("default", json_scalar(d));
    }
    m.opt_str("rust_name", f.rust_name.as_deref());
    m.flag("secret", f.secret);
    if f.not_secret {
        m.push("secret", Node::Raw("false".into()));
    }
    m.flag("lenient", f.lenient);
    m.opt_str("description", f.description.as_deref());
    m.build()
}

/// A JSON scalar as a YAML scalar of the same type.
fn json_scalar(v: &serde_json::Value) -> Node {
    match v {
        serde_json::Value::String(s) => Node::str(s),
        other => Node::Raw(other.to_string()),
    }
}

fn op_node(op: &DraftOp) -> Node {
    let mut m = MapBuilder::new();
    m.push("method", Node::str(&op.method));
    m.push("path", Node::str(&op.path));
    m.opt_str("summary", op.summary.as_deref());
    m.opt_str("description", op.description.as_deref());
    if !op.path_params.is_empty() {
        let mut pb = MapBuilder::new();
        for (name, p) in &op.path_params {
            let mut one = MapBuilder::new();
            one.push("type", Node::str(&p.ty));
            one.opt_str("description", p.description.as_deref());
            pb.comment(p.comments.iter().cloned());
            pb.push(name.clone(), one.build());
        }
        m.push("path_params", pb.build());
    }
    if !op.query.is_empty() || !op.query_comments.is_empty() {
        let mut qb = MapBuilder::new();
        for (wire, q) in &op.query {
            qb.comment(q.comments.iter().cloned());
            qb.push(wire.clone(), query_node(q));
        }
        m.comment(op.query_comments.iter().cloned());
        if !qb.is_empty() {
            m.push("query", qb.build());
        }
    }
    if !op.headers.is_empty() {
        let mut hb = MapBuilder::new();
        for (name, h) in &op.headers {
            let mut one = MapBuilder::new();
            one.push("type", Node::str(&h.ty));
            one.flag("optional", h.optional);
            one.flag("secret", h.secret);
            one.opt_str("description", h.description.as_deref());
            hb.comment(h.comments.iter().cloned());
            hb.push(name.clone(), one.build());
        }
        m.push("headers", hb.build());
    }
    m.comment(op.body_comments.iter().cloned());
    if let Some(body) = &op.body {
        m.push("body", Node::str(body));
        m.opt_str("body_encoding", op.body_encoding);
        m.opt_str("form_lists", op.form_lists.as_deref());
        m.opt_str("body_content_type", op.body_content_type.as_deref());
        m.flag("inline_body", op.inline_body);
    }
    m.comment(op.response_comments.iter().cloned());
    match (&op.response, &op.unwrap) {
        (ty, member) if member.is_some() || !op.response_headers.is_empty() => {
            let mut r = MapBuilder::new();
            r.push("type", Node::str(ty.as_deref().unwrap_or("json")));
            r.opt_str("unwrap", member.as_deref());
            if !op.response_headers.is_empty() {
                let mut hb = MapBuilder::new();
                for (name, ty, docs) in &op.response_headers {
                    let mut h = MapBuilder::new();
                    h.push("type", Node::str(*ty));
                    h.opt_str("description", docs.as_deref());
                    hb.push(name.clone(), h.build());
                }
                r.push("headers", hb.build());
            }
            m.push("response", r.build());
        }
        (Some(ty), _) => {
            m.push("response", Node::str(ty));
        }
        (None, _) => {}
    }
    m.opt_str("error_body", op.error_body.as_deref());
    if let Some(r) = op.retry_safe {
        m.push("retry_safe", Node::Raw(r.to_string()));
    }
    if let Some(a) = op.authenticated {
        m.push("authenticated", Node::Raw(a.to_string()));
    }
    if let Some(p) = &op.pagination {
        let mut pb = MapBuilder::new();
        pb.push("style", Node::str(p.style));
        if !p.size.is_empty() {
            pb.push("size", Node::str(&p.size));
        }
        if !p.position.is_empty() {
            pb.push("position", Node::str(&p.position));
        }
        if let Some(d) = p.default_size {
            pb.push("default_size", Node::Raw(d.to_string()));
        }
        for (key, value) in &p.paths {
            pb.push(*key, Node::str(value));
        }
        m.comment(p.comments.iter().cloned());
        m.push("pagination", pb.build());
    }
    if !op.examples.is_empty() {
        m.push(
            "examples",
            json_node(&serde_json::Value::Array(op.examples.clone())),
        );
    }
    m.build()
}

/// A JSON value as YAML.
fn json_node(v: &serde_json::Value) -> Node {
    use serde_json::Value;
    match v {
        Value::String(s) => Node::Exact(s.clone()),
        Value::Array(items) => Node::Seq(items.iter().map(json_node).collect()),
        Value::Object(map) => {
            let mut m = MapBuilder::new();
            for (k, x) in map {
                m.push(k.clone(), json_node(x));
            }
            m.build()
        }
        other => Node::Raw(other.to_string()),
    }
}

fn query_node(q: &DraftQuery) -> Node {
    let mut m = MapBuilder::new();
    if q.kind != "value" {
        m.push("kind", Node::str(q.kind));
    }
    m.opt_str("type", q.ty.as_deref());
    m.flag("required", q.required);
    m.opt_str("null_value", q.null_value.as_deref());
    if let Some((from, to)) = &q.range {
        m.push("from", Node::str(from));
        m.push("to", Node::str(to));
    }
    m.opt_str("all_value", q.all_value.as_deref());
    if let Some(list) = q.list {
        m.push("list", Node::str(list));
    }
    m.opt_str("separator", q.separator.as_deref());
    m.opt_str("form_lists", q.form_lists.as_deref());
    if q.kind == "ordering" {
        m.flag("multi", q.multi);
        if let Some((sep, asc, desc)) = &q.suffix {
            m.push("style", Node::str("suffix"));
            if sep != ":" {
                m.push("direction_separator", Node::str(sep));
            }
            if asc != "asc" {
                m.push("asc", Node::str(asc));
            }
            if desc != "desc" {
                m.push("desc", Node::str(desc));
            }
        }
        if let Some((field, reversed)) = &q.field_flag {
            m.push("style", Node::str("field_flag"));
            m.push("field_param", Node::str(field));
            m.push("reversed_param", Node::str(reversed));
        }
        m.push("fields", values_node(&q.fields));
    }
    if q.kind == "group" {
        let mut mb = MapBuilder::new();
        for (member, mq) in &q.members {
            mb.comment(mq.comments.iter().cloned());
            mb.push(member.clone(), query_node(mq));
        }
        m.push("members", mb.build());
    }
    m.opt_str("rust_name", q.rust_name.as_deref());
    m.opt_str("description", q.description.as_deref());
    m.build()
}
