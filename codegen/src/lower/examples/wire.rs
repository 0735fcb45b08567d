//! What an example means on the wire: the exact request target and body bytes the client
//! sends for its values, and the members of its answer that the decoded value must keep
//! when it is encoded again (as JSON Pointers).

use super::{Checker, Mode};
use crate::ir::{self, Field, ModelKind, PathSegment, Scalar, Tagging, Ty};
use serde_json::{Map, Value};

/// The text a plain value is sent as (before percent-encoding).
pub(super) fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// One path segment as the runtime encodes it: everything but RFC 3986 unreserved
/// characters is percent-encoded.
fn encode_segment(s: &str, out: &mut String) {
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
}

/// A query name or value as `application/x-www-form-urlencoded` writes it.
fn encode_form(s: &str, out: &mut String) {
    for b in s.bytes() {
        match b {
            b' ' => out.push('+'),
            b if b.is_ascii_alphanumeric() || matches!(b, b'*' | b'-' | b'.' | b'_') => {
                out.push(b as char)
            }
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
}

/// The member [`Checker::wire`] wraps a file part's example in, so that flattening tells it
/// from an object.
const FILE_PART: &str = "\u{0}file_part";

/// The pairs of a value under `key`: object members as `key[member]`, list items as `lists`
/// says, `null` as an empty value, as the runtime writes form bodies and query objects. A
/// file part stays a value (its example, under [`FILE_PART`]).
fn flatten(key: String, v: &Value, lists: ir::FormLists, out: &mut Vec<(String, Value)>) {
    if let Some(file) = v.get(FILE_PART) {
        out.push((key, file.clone()));
        return;
    }
    match v {
        Value::Object(members) => {
            for (k, x) in members {
                flatten(format!("{key}[{k}]"), x, lists, out);
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                let item = match lists {
                    ir::FormLists::Brackets => format!("{key}[]"),
                    ir::FormLists::Indexed => format!("{key}[{i}]"),
                    ir::FormLists::Repeated => key.clone(),
                };
                flatten(item, x, lists, out);
            }
        }
        Value::Null => out.push((key, Value::String(String::new()))),
        other => out.push((key, Value::String(text(other)))),
    }
}

/// The pairs of a body's wire value (its top-level members flattened).
fn body_pairs(v: &Value, lists: ir::FormLists) -> Vec<(String, Value)> {
    let mut pairs = Vec::new();
    if let Value::Object(members) = v {
        for (k, x) in members {
            flatten(k.clone(), x, lists, &mut pairs);
        }
    }
    pairs
}

/// A multipart body's bytes for the body's wire value, as the runtime writes them, with
/// `{boundary}` where the runtime's random boundary goes: one part per flattened member,
/// file parts with their file name and content type (`application/octet-stream` unless
/// given).
pub(super) fn multipart(v: &Value, lists: ir::FormLists) -> String {
    let escape = |s: &str| {
        s.replace('"', "%22")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let mut out = String::new();
    for (name, x) in body_pairs(v, lists) {
        out.push_str("--{boundary}\r\nContent-Disposition: form-data; name=\"");
        out.push_str(&escape(&name));
        out.push('"');
        let content = match &x {
            Value::Object(file) => {
                if let Some(Value::String(f)) = file.get("file_name") {
                    out.push_str(&format!("; filename=\"{}\"", escape(f)));
                }
                let ct = file.get("content_type").and_then(Value::as_str);
                out.push_str("\r\nContent-Type: ");
                out.push_str(ct.unwrap_or("application/octet-stream"));
                file.get("content").map(text).unwrap_or_default()
            }
            other => text(other),
        };
        out.push_str("\r\n\r\n");
        out.push_str(&content);
        out.push_str("\r\n");
    }
    out.push_str("--{boundary}--\r\n");
    out
}

/// A form body's bytes for the body's wire value, as the runtime writes them: members as
/// bracketed keys, lists as `lists` says, `null` as an empty value, form-encoded.
pub(super) fn form(v: &Value, lists: ir::FormLists) -> String {
    let mut out = String::new();
    for (i, (k, x)) in body_pairs(v, lists).iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_form(k, &mut out);
        out.push('=');
        encode_form(&text(x), &mut out);
    }
    out
}

/// The request target (`/path?query`) for the example's path and query values.
pub(super) fn target(
    op: &ir::Operation,
    path: &[(String, Value)],
    query: &[(String, Value)],
) -> String {
    let mut out = String::new();
    let mut values = path.iter();
    for seg in &op.segments {
        match seg {
            PathSegment::Literal(s) => out.push_str(s),
            PathSegment::Param(_) => {
                if let Some((_, v)) = values.next() {
                    encode_segment(&text(v), &mut out);
                }
            }
        }
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    let slots = super::query::slots(op);
    for (name, v) in query {
        if let Some(q) = slots.iter().find(|q| &q.name.wire == name) {
            q.kind.unit().example_pairs(q, v, &Texts, &mut pairs);
        }
    }
    for (i, (name, value)) in pairs.iter().enumerate() {
        out.push(if i == 0 { '?' } else { '&' });
        encode_form(name, &mut out);
        out.push('=');
        encode_form(value, &mut out);
    }
    out
}

/// The pairs of one list parameter in its style.
/// Values as the runtime writes them, for the query constructs.
struct Texts;

impl crate::query::ExampleWire for Texts {
    fn text(&self, v: &Value) -> String {
        text(v)
    }

    fn flatten(&self, key: &str, v: &Value, lists: ir::FormLists) -> Vec<(String, String)> {
        let mut flat = Vec::new();
        flatten(key.to_string(), v, lists, &mut flat);
        flat.into_iter().map(|(k, x)| (k, text(&x))).collect()
    }
}

impl Checker<'_> {
    /// The body as the client encodes it: members in the model's declaration order, map
    /// keys sorted, a tagged union's tag first.
    pub(super) fn wire(&self, v: &Value, ty: &Ty) -> Value {
        match (ty, v) {
            (Ty::List(item), Value::Array(items)) => {
                Value::Array(items.iter().map(|x| self.wire(x, item)).collect())
            }
            (Ty::Map(item), Value::Object(map)) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                Value::Object(
                    keys.into_iter()
                        .map(|k| (k.clone(), self.wire(&map[k], item)))
                        .collect(),
                )
            }
            (Ty::Scalar(Scalar::Decimal), Value::Number(n)) => Value::String(n.to_string()),
            // A file part's text is its content; kept whole, apart from objects.
            (Ty::Scalar(Scalar::File), _) => {
                let file = match v {
                    Value::Object(_) => v.clone(),
                    other => serde_json::json!({ "content": other }),
                };
                serde_json::json!({ FILE_PART: file })
            }
            (Ty::Model(name), _) => {
                let Some(model) = self.model(name) else {
                    return v.clone();
                };
                match &model.kind {
                    ModelKind::Struct(fields) => self.wire_fields(v, fields),
                    ModelKind::Alias(t) => self.wire(v, t),
                    ModelKind::Enum(_) => v.clone(),
                    ModelKind::Union(u) => {
                        let request = Mode {
                            lenient: false,
                            request: true,
                        };
                        let variant = match &u.tagging {
                            Tagging::Untagged => u
                                .variants
                                .iter()
                                .find(|x| self.check(v, &x.ty, request).is_ok()),
                            Tagging::Tagged { discriminator, .. } => {
                                let tag = v.get(discriminator).and_then(Value::as_str);
                                u.variants.iter().find(|x| x.tag.as_deref() == tag)
                            }
                        };
                        let Some(variant) = variant else {
                            return v.clone();
                        };
                        let inner = self.wire(v, &variant.ty);
                        match (&u.tagging, inner, tag_of(v, &u.tagging)) {
                            // As the runtime writes a tagged variant: the tag first, unless
                            // the variant's own members already hold it.
                            (
                                Tagging::Tagged { discriminator, .. },
                                Value::Object(members),
                                Some(tag),
                            ) if !members.contains_key(discriminator) => {
                                let mut out = Map::new();
                                out.insert(discriminator.clone(), tag.clone());
                                out.extend(members);
                                Value::Object(out)
                            }
                            (_, inner, _) => inner,
                        }
                    }
                }
            }
            _ => v.clone(),
        }
    }

    fn wire_fields(&self, v: &Value, fields: &[Field]) -> Value {
        let Value::Object(map) = v else {
            return v.clone();
        };
        let mut out = Map::new();
        for f in fields {
            if let Some(x) = map.get(&f.name.wire) {
                let x = if x.is_null() || f.secret {
                    x.clone()
                } else {
                    self.wire(x, &f.ty)
                };
                out.insert(f.name.wire.clone(), x);
            }
        }
        Value::Object(out)
    }

    /// JSON Pointers (into the decoded value encoded again) of every scalar member the
    /// types declare and the answer carries with a value.
    pub(super) fn kept(&self, v: &Value, ty: &Ty, lenient: bool, at: &str, out: &mut Vec<String>) {
        match (ty, v) {
            (_, Value::Null) => {}
            (Ty::Scalar(_), Value::String(s)) if lenient && super::is_empty_marker(s) => {}
            (Ty::Scalar(_), _) => out.push(at.to_string()),
            (Ty::List(item), Value::Array(items)) => {
                for (i, x) in items.iter().enumerate() {
                    self.kept(x, item, lenient, &format!("{at}/{i}"), out);
                }
            }
            // A lenient list sent as an object keyed by ids decodes to its values, in order.
            (Ty::List(item), Value::Object(map)) if lenient => {
                for (i, x) in map.values().enumerate() {
                    self.kept(x, item, lenient, &format!("{at}/{i}"), out);
                }
            }
            (Ty::Map(item), Value::Object(map)) => {
                for (k, x) in map {
                    self.kept(x, item, lenient, &format!("{at}/{}", pointer_key(k)), out);
                }
            }
            (Ty::Page(item), Value::Object(map)) => self.kept_page(map, item, lenient, at, out),
            (Ty::ListOrPage(item), Value::Array(_)) => {
                self.kept(v, &Ty::List(item.clone()), lenient, at, out)
            }
            (Ty::ListOrPage(item), Value::Object(map)) => {
                self.kept_page(map, item, lenient, at, out)
            }
            (Ty::Model(name), _) => {
                let Some(model) = self.model(name) else {
                    return;
                };
                match &model.kind {
                    ModelKind::Struct(fields) => {
                        let Value::Object(map) = v else {
                            return;
                        };
                        for f in fields {
                            let Some(x) = map.get(&f.name.wire) else {
                                continue;
                            };
                            let ty = if f.secret {
                                Ty::Scalar(Scalar::String)
                            } else {
                                f.ty.clone()
                            };
                            let at = format!("{at}/{}", pointer_key(&f.name.wire));
                            self.kept(x, &ty, f.lenient, &at, out);
                        }
                    }
                    ModelKind::Alias(t) => self.kept(v, t, lenient, at, out),
                    ModelKind::Enum(_) => out.push(at.to_string()),
                    ModelKind::Union(u) => {
                        let mode = Mode {
                            lenient,
                            request: false,
                        };
                        let variant = match &u.tagging {
                            Tagging::Untagged => u
                                .variants
                                .iter()
                                .find(|x| self.check(v, &x.ty, mode).is_ok()),
                            Tagging::Tagged { discriminator, .. } => {
                                let tag = v.get(discriminator).and_then(Value::as_str);
                                out.push(format!("{at}/{}", pointer_key(discriminator)));
                                u.variants.iter().find(|x| x.tag.as_deref() == tag)
                            }
                        };
                        if let Some(variant) = variant {
                            self.kept(v, &variant.ty, lenient, at, out);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    fn kept_page(
        &self,
        map: &Map<String, Value>,
        item: &Ty,
        lenient: bool,
        at: &str,
        out: &mut Vec<String>,
    ) {
        for key in ["count", "next", "previous"] {
            if map.get(key).is_some_and(|x| !x.is_null()) {
                out.push(format!("{at}/{key}"));
            }
        }
        if let Some(results) = map.get("results") {
            let list = Ty::List(Box::new(item.clone()));
            self.kept(results, &list, lenient, &format!("{at}/results"), out);
        }
    }
}

/// A member name as one JSON Pointer token (RFC 6901).
fn pointer_key(k: &str) -> String {
    k.replace('~', "~0").replace('/', "~1")
}

/// The discriminator's value of a tagged union's example.
fn tag_of<'v>(v: &'v Value, tagging: &Tagging) -> Option<&'v Value> {
    match tagging {
        Tagging::Tagged { discriminator, .. } => v.get(discriminator),
        Tagging::Untagged => None,
    }
}
