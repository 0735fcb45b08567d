//! One OpenAPI operation to a draft operation: method and path, parameters, the JSON
//! request body, the success response (JSON, raw bytes, `x-unwrap`), the error body,
//! security, retry safety, session roles and pagination.

use super::cx::{Cx, Frame, Note};
use super::draft::DraftOp;
use super::paging;
use super::schema::{Place, TyOut};
use serde_json::Value;

/// An operation found in `paths`, before mapping.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    /// Spec name (snake_case, unique).
    pub name: String,
    /// Builder type name.
    pub builder: String,
    /// Lowercase OpenAPI method key.
    pub method: String,
    /// Path as written in the document.
    pub path: String,
    /// The operation object.
    pub op: &'a Value,
    /// The path item (for its parameters).
    pub item: &'a Value,
    /// The file (tag module) it goes to.
    pub file: String,
}

/// A mapped operation with what the assembly needs.
#[derive(Debug)]
pub struct Mapped {
    /// The draft operation.
    pub op: DraftOp,
    /// Its error body type (`None`: no JSON error schema).
    pub error: Option<String>,
    /// Models it names, and whether it lost something itself.
    pub frame: Frame,
    /// Our export marks it as ending the session.
    pub logout: bool,
}

/// The form media type.
fn is_form(media: &str) -> bool {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
}

/// The multipart media type.
fn is_multipart(media: &str) -> bool {
    media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .eq_ignore_ascii_case("multipart/form-data")
}

/// The schema components a multipart body (one read as multipart: no JSON or form entry
/// beside it) refers to, directly or through other components: their binary strings are
/// `file` parts. Components are built before the operations, so this is known first.
pub fn multipart_components<'a>(
    refs: &super::refs::Refs<'a>,
    found: &[Found<'a>],
) -> std::collections::HashSet<String> {
    fn walk<'a>(
        refs: &super::refs::Refs<'a>,
        v: &'a Value,
        out: &mut std::collections::HashSet<String>,
        depth: usize,
    ) {
        if depth > 64 {
            return;
        }
        match v {
            Value::Object(m) => {
                if let Some(r) = m.get("$ref").and_then(Value::as_str) {
                    if let Some(key) = r.strip_prefix(super::refs::SCHEMAS) {
                        let key = key.replace("~1", "/").replace("~0", "~");
                        if out.insert(key) {
                            if let Ok(target) = refs.lookup(r) {
                                walk(refs, target, out, depth + 1);
                            }
                        }
                    }
                }
                m.values().for_each(|x| walk(refs, x, out, depth + 1));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(refs, x, out, depth + 1)),
            _ => {}
        }
    }
    let mut out = std::collections::HashSet::new();
    for f in found.iter().filter(|f| f.method != "get") {
        let content =
            f.op.get("requestBody")
                .and_then(|b| refs.resolve(b).ok())
                .and_then(|b| b.get("content"))
                .and_then(Value::as_object);
        let Some(content) = content else { continue };
        if content.keys().any(|m| is_json(m) || is_form(m)) {
            continue;
        }
        if let Some((_, media)) = content.iter().find(|(m, _)| is_multipart(m)) {
            if let Some(schema) = media.get("schema") {
                walk(refs, schema, &mut out, 0);
            }
        }
    }
    out
}

/// The media type of a raw body: the only content entry, not JSON, form or multipart,
/// with a binary string schema (or none).
fn raw_media(content: Option<&serde_json::Map<String, Value>>) -> Option<&str> {
    let [(media, entry)] = content?.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let schema = entry.get("schema");
    let binary = schema.is_none_or(|s| {
        s.get("type").and_then(Value::as_str) == Some("string")
            && matches!(s.get("format").and_then(Value::as_str), Some("binary"))
    });
    let plain = !is_json(media) && !is_form(media) && !media.starts_with("multipart/");
    let shaped = crate::lower::is_media_type(media);
    (binary && plain && shaped).then_some(media)
}

/// Media types read as JSON.
pub fn is_json(media: &str) -> bool {
    let m = media
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    m == "application/json"
        || m.ends_with("+json")
        || m == "*/*"
        || m == "application/*"
        || m == "text/json"
}

impl<'a> Cx<'a> {
    /// Maps one operation; `prefix` goes before the path (from a relative server URL),
    /// `auth` says whether the document has security at all.
    pub fn operation(&mut self, f: &Found<'a>, prefix: &str, auth: AuthUse<'a>) -> Mapped {
        self.frames.push(Frame::default());
        let subject = format!("operation {}", f.name);
        let mut op = DraftOp {
            method: f.method.to_ascii_uppercase(),
            summary: self.text(f.op.get("summary")),
            description: self.text(f.op.get("description")),
            ..Default::default()
        };
        if f.op.get("deprecated") == Some(&Value::Bool(true)) {
            let d = op.description.take();
            op.description = Some(match d {
                Some(d) => format!("Deprecated.\n\n{d}"),
                None => "Deprecated.".into(),
            });
        }
        let mut notes = Vec::new();
        if f.op.get("callbacks").is_some() {
            notes.push(Note::loss("callbacks are not supported", ""));
        }
        if f.op.get("servers").is_some() || f.item.get("servers").is_some() {
            notes.push(Note::loss(
                "servers of one operation are not supported; the API's base URL is used",
                "",
            ));
        }

        let mut list: Vec<&'a Value> = Vec::new();
        for src in [f.item, f.op] {
            if let Some(ps) = src.get("parameters").and_then(Value::as_array) {
                list.extend(ps.iter());
            }
        }
        let params = self.params(&f.name, &f.builder, &f.path, &list);
        op.path = format!("{prefix}{}", params.template);
        op.path_params = params.path;
        op.query = params.query;
        op.headers = params.headers;
        op.query_comments = params.query_comments;

        // Request body.
        if let Some(body) = f.op.get("requestBody") {
            self.body(f, body, &mut op);
        }

        // Responses.
        let (response, error) = self.responses(f, &mut op);
        let (pagination, pnote) =
            paging::pagination(f.op.get("x-pagination"), &op.query, response.as_deref());
        op.response = response;
        if let Some(p) = pagination {
            op.pagination = Some(p);
        }
        if let Some(n) = pnote {
            let mut c = Vec::new();
            self.record(&subject, &[n], &mut c);
            match &mut op.pagination {
                Some(p) => p.comments.extend(
                    c.into_iter()
                        .filter(|c| !c.starts_with("NOTE: pagination guessed")),
                ),
                None => op.comments.extend(c),
            }
        }

        // Security: `security: []` on an operation of an API with auth sends no credentials.
        if auth.any {
            let sec = f.op.get("security").or(auth.root);
            let open = match sec.and_then(Value::as_array) {
                Some(reqs) => reqs.is_empty(),
                None => auth.root.is_some() || auth.some_op,
            };
            if open {
                op.authenticated = Some(false);
            }
        }
        if let Some(r) = f.op.get("x-retry-safe").and_then(Value::as_bool) {
            let default = matches!(f.method.as_str(), "get" | "put" | "delete");
            if r != default {
                op.retry_safe = Some(r);
            }
        }
        if op.body.is_some() && f.op.get("x-inline-body").and_then(Value::as_bool) == Some(true) {
            op.inline_body = true;
        }
        if let Some(Value::Array(examples)) = f.op.get("x-examples") {
            op.examples = examples.clone();
        }
        let logout = f.op.get("x-session-role").and_then(Value::as_str) == Some("logout");
        let mut c = Vec::new();
        self.record(&subject, &notes, &mut c);
        op.comments.extend(c);
        let frame = self.frames.pop().unwrap_or_default();
        Mapped {
            op,
            error,
            frame,
            logout,
        }
    }

    fn body(&mut self, f: &Found<'a>, body: &'a Value, op: &mut DraftOp) {
        let subject = format!("operation {}: request body", f.name);
        let body = match self.refs.resolve(body) {
            Ok(b) => b,
            Err(e) => {
                let mut c = Vec::new();
                self.record(&subject, &[Note::loss("unresolvable `$ref`", e)], &mut c);
                op.body_comments.extend(c);
                return;
            }
        };
        let content = body.get("content").and_then(Value::as_object);
        let json = content.and_then(|c| c.iter().find(|(m, _)| is_json(m)));
        let form = content.and_then(|c| c.iter().find(|(m, _)| is_form(m)));
        let multipart = content.and_then(|c| c.iter().find(|(m, _)| is_multipart(m)));
        let mut notes = Vec::new();
        // A form body where there is no JSON one: its lists as our export says, else
        // indexed (`tags[0]=a`, which servers read unambiguously, lists of objects too).
        // A multipart body where there is neither: its lists as our export says, else
        // repeated parts (`tags` once per item), as OpenAPI describes multipart arrays.
        let keyed = match (json, form, multipart) {
            (None, Some(media), _) => Some(("form", "indexed", media)),
            (None, None, Some(media)) => Some(("multipart", "repeated", media)),
            _ => None,
        };
        let json = match keyed {
            Some((encoding, fallback, media)) if f.method != "get" => {
                op.body_encoding = Some(encoding);
                match f.op.get("x-form-lists").and_then(Value::as_str) {
                    Some(l @ ("brackets" | "indexed" | "repeated")) => {
                        op.form_lists = (l != "brackets").then(|| l.to_string());
                    }
                    _ => {
                        op.form_lists = Some(fallback.into());
                        let text = match encoding {
                            "form" => "a form body: lists written with indexed keys (`tags[0]=a`); check what the API reads",
                            _ => "a multipart body: lists sent as repeated parts (`tags` once per item); check what the API reads",
                        };
                        notes.push(Note::info(text, ""));
                    }
                }
                Some(media)
            }
            _ => json,
        };
        match json {
            Some((_, media)) if f.method == "get" => {
                let _ = media;
                notes.push(Note::loss(
                    "a GET operation cannot have a body; left out",
                    "",
                ));
            }
            Some((_, media)) => {
                let schema = self.body_schema(media.get("schema").unwrap_or(&Value::Null));
                let hint = format!("{}Request", f.builder);
                self.multipart = op.body_encoding == Some("multipart");
                let t: TyOut = self.ty_of(schema, &hint, Place::Field);
                self.multipart = false;
                notes.extend(t.notes);
                if t.nullable {
                    notes.push(Note::info(
                        "the body may be null in the document; the client always sends one",
                        "",
                    ));
                }
                op.body = Some(t.ty);
            }
            None if raw_media(content).is_some() => {
                let media = raw_media(content).unwrap_or_default();
                op.body = Some("bytes".into());
                op.body_content_type =
                    (media != "application/octet-stream").then(|| media.to_string());
            }
            None => {
                let kinds: Vec<&str> = content
                    .map(|c| c.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                let reason = if kinds.iter().any(|k| k.starts_with("multipart/")) {
                    "multipart request bodies are not supported"
                } else if kinds
                    .iter()
                    .any(|k| k.starts_with("application/x-www-form-urlencoded"))
                {
                    "form request bodies are not supported"
                } else {
                    "non-JSON request bodies are not supported"
                };
                notes.push(Note::loss(reason, kinds.join(", ")));
            }
        }
        let mut c = Vec::new();
        self.record(&subject, &notes, &mut c);
        op.body_comments.extend(c);
    }

    /// The schema a body refers to when it is a body component (`x-body`, as our export
    /// names every inline body), read as if it were inline; else `schema` itself.
    fn body_schema(&self, schema: &'a Value) -> &'a Value {
        schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(|r| self.refs.lookup(r).ok())
            .filter(|target| is_body_component(target))
            .unwrap_or(schema)
    }

    /// The success response type and the error body type.
    fn responses(&mut self, f: &Found<'a>, op: &mut DraftOp) -> (Option<String>, Option<String>) {
        let subject = format!("operation {}: response", f.name);
        let Some(responses) = f.op.get("responses").and_then(Value::as_object) else {
            return (None, None);
        };
        let success_key = ["200", "201", "2XX", "2xx"]
            .iter()
            .find(|k| responses.contains_key(**k))
            .map(|k| k.to_string())
            .or_else(|| responses.keys().find(|k| k.starts_with('2')).cloned());
        let mut notes = Vec::new();
        let mut response = None;
        if let Some(key) = &success_key {
            let r = self.refs.resolve(&responses[key]).unwrap_or(&Value::Null);
            let others: Vec<&String> = responses
                .keys()
                .filter(|k| k.starts_with('2') && *k != key)
                .filter(|k| {
                    let o = self.refs.resolve(&responses[*k]).unwrap_or(&Value::Null);
                    o.get("content").is_some() && o.get("content") != r.get("content")
                })
                .collect();
            if !others.is_empty() {
                notes.push(Note::loss(
                    "other success responses with other bodies are not kept",
                    others
                        .iter()
                        .map(|k| k.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                ));
            }
            op.response_headers = self.response_headers(r);
            response = self.success(f, r, op, &mut notes);
        }
        // Error body: `default`, `4XX`/`5XX`, or the first 4xx/5xx with a JSON schema.
        let mut error = None;
        let mut keys: Vec<&String> = responses.keys().filter(|k| !k.starts_with('2')).collect();
        keys.sort_by_key(|k| match k.as_str() {
            "default" => 0,
            "4XX" | "4xx" => 1,
            "5XX" | "5xx" => 2,
            _ => 3,
        });
        let mut error_types: Vec<String> = Vec::new();
        for k in keys {
            let r = self.refs.resolve(&responses[k]).unwrap_or(&Value::Null);
            let Some((_, media)) = r
                .get("content")
                .and_then(Value::as_object)
                .and_then(|c| c.iter().find(|(m, _)| is_json(m)))
            else {
                continue;
            };
            let Some(schema) = media.get("schema").map(|s| self.body_schema(s)) else {
                continue;
            };
            let hint = format!("{}Error", f.builder);
            let t = self.ty_of(schema, &hint, Place::Field);
            if !error_types.contains(&t.ty) {
                error_types.push(t.ty.clone());
            }
            notes.extend(t.notes);
            if error.is_none() {
                error = Some(t.ty);
            }
        }
        if error_types.len() > 1 {
            notes.push(Note::loss(
                "error bodies of several types are not supported; the first is used",
                error_types.join(", "),
            ));
        }
        let mut c = Vec::new();
        self.record(&subject, &notes, &mut c);
        op.response_comments.extend(c);
        (response, error.filter(|e| e != "json"))
    }

    /// The success response's `headers`, each read as the scalar its schema names (other
    /// schemas as `string`).
    fn response_headers(&self, r: &Value) -> Vec<(String, &'static str, Option<String>)> {
        let Some(headers) = r.get("headers").and_then(Value::as_object) else {
            return Vec::new();
        };
        headers
            .iter()
            .map(|(name, h)| {
                let h = self.refs.resolve(h).unwrap_or(h);
                let schema = h.get("schema").map(|s| self.refs.resolve(s).unwrap_or(s));
                let ty = match schema.and_then(|s| s.get("type")).and_then(Value::as_str) {
                    Some("integer") => "integer",
                    Some("number") => "number",
                    Some("boolean") => "boolean",
                    _ => "string",
                };
                (name.clone(), ty, self.text(h.get("description")))
            })
            .collect()
    }

    fn success(
        &mut self,
        f: &Found<'a>,
        r: &'a Value,
        op: &mut DraftOp,
        notes: &mut Vec<Note>,
    ) -> Option<String> {
        let content = r.get("content").and_then(Value::as_object)?;
        if content.is_empty() {
            return None;
        }
        let hint = format!("{}Response", f.builder);
        let Some((_, media)) = content.iter().find(|(m, _)| is_json(m)) else {
            return Some("bytes".into());
        };
        let schema = self.body_schema(media.get("schema")?);
        let resolved = self.refs.resolve(schema).unwrap_or(schema);
        if let Some(member) = resolved.get("x-unwrap").and_then(Value::as_str) {
            if let Some(inner) = resolved.get("properties").and_then(|p| p.get(member)) {
                let t = self.ty_of(inner, &hint, Place::Response);
                notes.extend(t.notes);
                op.unwrap = Some(member.to_string());
                return Some(t.ty).filter(|t| t != "bytes");
            }
        }
        let t = self.ty_of(schema, &hint, Place::Response);
        notes.extend(t.notes);
        if t.nullable {
            notes.push(Note::loss(
                "a response that may be null is not supported; typed without null",
                "",
            ));
        }
        (t.ty != "json").then_some(t.ty)
    }
}

/// What the document says about security, for each operation.
#[derive(Debug, Clone, Copy)]
pub struct AuthUse<'a> {
    /// The API has auth schemes the draft keeps.
    pub any: bool,
    /// The document's top-level `security`.
    pub root: Option<&'a Value>,
    /// Some operation has its own `security`.
    pub some_op: bool,
}

/// Whether a schema component is a body our export named (`x-body: request|response|error`).
pub fn is_body_component(schema: &Value) -> bool {
    schema.get("x-body").and_then(Value::as_str).is_some()
}
