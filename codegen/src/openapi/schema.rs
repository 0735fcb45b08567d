//! Types and models as OpenAPI 3.0 schema objects.
//!
//! Choices (see the README's "OpenAPI export" section):
//! - Closed enums list their values in `enum`. Open enums (the default) do not: a schema
//!   validator checking a real answer would reject the values the client is built to keep,
//!   and generators would make clients that fail on them. They are `type: string` (or an
//!   integer) with the known values in `x-extensible-enum` (the Zalando convention),
//!   `x-open-enum: true` and a description saying that other values occur.
//! - Every enum carries `x-enum-varnames` (the Rust variant names) and, when documented,
//!   `x-enum-descriptions`, as openapi-generator reads them.
//! - Integer enums accept `1` or `"1"`, and decimals a string or a number: both are
//!   `anyOf` the two (disjoint) forms, so that `nullable`, set on every branch, admits null.
//! - `$ref` siblings are ignored in 3.0, so a reference with a description or `nullable`
//!   is wrapped in `allOf: [$ref]`.
//! - Untagged unions are `anyOf` their variants in order (a value may fit several; the
//!   first wins), tagged ones `oneOf` their models with a `discriminator` and its `mapping`;
//!   both carry `x-variant-names` (and `x-variant-descriptions`), an open tagged union
//!   `x-open-union: true` and a sentence saying other discriminator values occur.
//! - Decimals have no `format` (`decimal` is not an OpenAPI format): `x-decimal: true`
//!   says what they are.
//! - Request and response bodies are never inline: a body that is not a `$ref` already
//!   (nor `{}`, any JSON) is a component (`<Builder>Request`, `<Builder>Response`, `Error` for an error body that
//!   is no model) marked `x-body: request|response|error`, which the importer reads back
//!   inline.
//! - Unix timestamps are integers with `format: unix-time` (seconds) or `unix-time-millis`,
//!   and `x-unix-time` naming the unit; a `patch` member is optional, nullable and
//!   `x-patch: true`.

use crate::ir::{Api, Enum, Field, Model, ModelKind, Scalar, Tagging, Ty, Union};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// `YYYY-MM-DD HH:MM:SS`, the wire form of `local_date_time`.
pub const LOCAL_DATE_TIME_PATTERN: &str = r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$";
/// A date, a date with time (space or `T`), or an RFC 3339 date-time.
pub const DATE_OR_DATE_TIME_PATTERN: &str =
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?)?$";

/// Builds schemas for one API and collects the synthetic components (`page<T>` envelopes
/// and `list_or_page<T>` listings) they refer to.
#[derive(Debug)]
pub struct Schemas<'a> {
    api: &'a Api,
    models: BTreeSet<&'a str>,
    extra: BTreeMap<String, Value>,
    /// For each envelope component, the type it was made for (two types may share a slug).
    made_for: BTreeMap<String, String>,
    /// Error body components by their schema's JSON text (one component per distinct body).
    errors: BTreeMap<String, String>,
}

/// What a body component (`x-body`) is the schema of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyRole {
    /// An operation's request body.
    Request,
    /// An operation's success response.
    Response,
    /// The error response (`default`); one component per distinct error body.
    Error,
}

impl BodyRole {
    /// The `x-body` value.
    pub fn key(self) -> &'static str {
        match self {
            BodyRole::Request => "request",
            BodyRole::Response => "response",
            BodyRole::Error => "error",
        }
    }
}

/// `#/components/schemas/<name>`.
pub fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/components/schemas/{name}") })
}

/// Adds a description (and `nullable`) to a schema, wrapping a `$ref` in `allOf`.
pub fn annotate(schema: Value, docs: Option<&str>, nullable: bool) -> Value {
    let docs = docs.map(str::trim).filter(|d| !d.is_empty());
    if docs.is_none() && !nullable {
        return schema;
    }
    let mut obj = match schema {
        Value::Object(o) if !o.contains_key("$ref") => o,
        other => {
            let mut o = Map::new();
            o.insert("allOf".into(), json!([other]));
            o
        }
    };
    if let Some(d) = docs {
        obj.insert("description".into(), json!(d));
    }
    if nullable {
        obj.insert("nullable".into(), json!(true));
        // `nullable` only counts next to `type` (3.0.3): repeat it on typed branches.
        if let Some(Value::Array(branches)) = obj.get_mut("anyOf") {
            for b in branches {
                if let Value::Object(b) = b {
                    if b.contains_key("type") {
                        b.insert("nullable".into(), json!(true));
                    }
                }
            }
        }
    }
    Value::Object(obj)
}

impl<'a> Schemas<'a> {
    /// A builder for `api`'s schemas.
    pub fn new(api: &'a Api) -> Self {
        Schemas {
            api,
            models: api.models.iter().map(|m| m.name.rust.as_str()).collect(),
            extra: BTreeMap::new(),
            made_for: BTreeMap::new(),
            errors: BTreeMap::new(),
        }
    }

    /// A body schema as a `$ref`: `schema` itself when it is a reference or `{}` (any
    /// JSON, nothing to name), else a new component named `base` (made unique) marked
    /// `x-body: <role>`.
    pub fn body(&mut self, base: &str, role: BodyRole, schema: Value) -> Value {
        if schema.get("$ref").is_some() || schema.as_object().is_some_and(Map::is_empty) {
            return schema;
        }
        let key = schema.to_string();
        if role == BodyRole::Error {
            if let Some(name) = self.errors.get(&key) {
                return reference(name);
            }
        }
        let mut name = base.to_string();
        while self.models.contains(name.as_str())
            || self.extra.contains_key(&name)
            || self.made_for.contains_key(&name)
        {
            name.push('_');
        }
        let mut o = match schema {
            Value::Object(o) => o,
            other => {
                let mut o = Map::new();
                o.insert("allOf".into(), json!([other]));
                o
            }
        };
        o.insert("x-body".into(), json!(role.key()));
        self.extra.insert(name.clone(), Value::Object(o));
        if role == BodyRole::Error {
            self.errors.insert(key, name.clone());
        }
        reference(&name)
    }

    /// The schema of a scalar.
    pub fn scalar(s: Scalar) -> Value {
        match s {
            Scalar::String => json!({ "type": "string" }),
            Scalar::Integer => json!({ "type": "integer", "format": "int64" }),
            Scalar::Number => json!({ "type": "number", "format": "double" }),
            // No `format`: `decimal` is none of OpenAPI's, and peers warn on it.
            Scalar::Decimal => json!({
                "anyOf": [
                    { "type": "string", "pattern": r"^-?\d+(\.\d+)?$" },
                    { "type": "number" }
                ],
                "x-decimal": true
            }),
            Scalar::Boolean => json!({ "type": "boolean" }),
            Scalar::Date => json!({ "type": "string", "format": "date" }),
            Scalar::DateTime => json!({ "type": "string", "format": "date-time" }),
            Scalar::LocalDateTime => json!({
                "type": "string",
                "format": "local-date-time",
                "pattern": LOCAL_DATE_TIME_PATTERN,
                "example": "2021-05-05 12:00:00"
            }),
            Scalar::DateOrDateTime => json!({
                "type": "string",
                "format": "date-or-date-time",
                "pattern": DATE_OR_DATE_TIME_PATTERN,
                "description": "A date (`2021-05-05`), a date and time without zone (`2021-05-05 12:00:00`) or an RFC 3339 date-time."
            }),
            Scalar::UnixSeconds => json!({
                "type": "integer",
                "format": "unix-time",
                "x-unix-time": "seconds"
            }),
            Scalar::UnixMillis => json!({
                "type": "integer",
                "format": "unix-time-millis",
                "x-unix-time": "milliseconds"
            }),
            Scalar::Json => json!({}),
            Scalar::Bytes | Scalar::File => json!({ "type": "string", "format": "binary" }),
        }
    }

    /// The schema of a type; envelopes become components.
    pub fn ty(&mut self, ty: &Ty) -> Value {
        match ty {
            Ty::Scalar(s) => Self::scalar(*s),
            Ty::List(t) => json!({ "type": "array", "items": self.ty(t) }),
            Ty::Map(t) => json!({ "type": "object", "additionalProperties": self.ty(t) }),
            Ty::Model(n) => reference(&n.rust),
            Ty::Page(t) => {
                let (name, new) = self.envelope_name(&format!("{}Page", slug(t)), ty);
                if new {
                    let items = self.ty(t);
                    let page = json!({
                        "type": "object",
                        "description": format!("A page of `{}`: the `{{count, next, previous, results}}` envelope.", type_text(t)),
                        "required": ["count", "results"],
                        "properties": {
                            "count": { "type": "integer", "format": "int64", "minimum": 0, "description": "Total number of items across all pages." },
                            "next": { "type": "string", "nullable": true, "description": "URL of the next page, if any." },
                            "previous": { "type": "string", "nullable": true, "description": "URL of the previous page, if any." },
                            "results": { "type": "array", "items": items, "description": "The items on this page." }
                        }
                    });
                    self.extra.insert(name.clone(), page);
                }
                reference(&name)
            }
            Ty::ListOrPage(t) => {
                let (name, new) = self.envelope_name(&format!("{}Listing", slug(t)), ty);
                if new {
                    let items = self.ty(t);
                    let page = self.ty(&Ty::Page(t.clone()));
                    let listing = json!({
                        "description": format!("A bare array of `{}`, or its page envelope (when paging parameters are sent).", type_text(t)),
                        "oneOf": [ { "type": "array", "items": items }, page ]
                    });
                    self.extra.insert(name.clone(), listing);
                }
                reference(&name)
            }
        }
    }

    /// The component name for the envelope type `ty`, and whether it is new: no model
    /// of the API uses it, and no other type whose slug is the same.
    fn envelope_name(&mut self, base: &str, ty: &Ty) -> (String, bool) {
        let text = type_text(ty);
        let mut name = base.to_string();
        loop {
            match self.made_for.get(&name) {
                Some(t) if *t == text => return (name, false),
                None if !self.models.contains(name.as_str()) && !self.extra.contains_key(&name) => {
                    break
                }
                _ => name.push('_'),
            }
        }
        self.made_for.insert(name.clone(), text);
        (name, true)
    }

    /// The schema of an enum (for models, ordering fields and parameters).
    pub fn enumeration(e: &Enum) -> Value {
        let mut o = Map::new();
        let values: Vec<Value> = e
            .variants
            .iter()
            .map(|v| {
                if e.integer {
                    v.wire
                        .parse::<i64>()
                        .map(Value::from)
                        .unwrap_or_else(|_| json!(v.wire))
                } else {
                    json!(v.wire)
                }
            })
            .collect();
        if e.integer {
            let strings: Vec<Value> = e.variants.iter().map(|v| json!(v.wire)).collect();
            let (int, string) = if e.open {
                (
                    json!({ "type": "integer", "format": "int64" }),
                    json!({ "type": "string", "pattern": r"^-?\d+$" }),
                )
            } else {
                (
                    json!({ "type": "integer", "format": "int64", "enum": values }),
                    json!({ "type": "string", "enum": strings }),
                )
            };
            o.insert("anyOf".into(), json!([int, string]));
        } else {
            o.insert("type".into(), json!("string"));
            if !e.open {
                o.insert("enum".into(), json!(values));
            }
        }
        if e.open {
            o.insert("x-open-enum".into(), json!(true));
            o.insert("x-extensible-enum".into(), json!(values));
        }
        o.insert(
            "x-enum-varnames".into(),
            json!(e
                .variants
                .iter()
                .map(|v| v.rust.clone())
                .collect::<Vec<_>>()),
        );
        if e.variants.iter().any(|v| v.docs.is_some()) {
            o.insert(
                "x-enum-descriptions".into(),
                json!(e
                    .variants
                    .iter()
                    .map(|v| v.docs.as_deref().unwrap_or("").trim().to_string())
                    .collect::<Vec<_>>()),
            );
        }
        Value::Object(o)
    }

    /// The sentence documenting an enum's values (open: "other values occur").
    pub fn enum_note(e: &Enum) -> String {
        let list = e
            .variants
            .iter()
            .map(|v| format!("`{}`", v.wire))
            .collect::<Vec<_>>()
            .join(", ");
        if e.open {
            format!("Known values: {list}. Open enum: other values occur and are kept.")
        } else {
            format!("One of {list}.")
        }
    }

    /// A model's component schema.
    pub fn model(&mut self, model: &Model) -> Value {
        match &model.kind {
            ModelKind::Struct(fields) => {
                let mut props = Map::new();
                let mut required = Vec::new();
                for f in fields {
                    props.insert(f.name.wire.clone(), self.field(f));
                    if !f.optional && f.default.is_none() {
                        required.push(json!(f.name.wire));
                    }
                }
                let mut o = Map::new();
                o.insert("type".into(), json!("object"));
                if let Some(d) = docs(&model.docs) {
                    o.insert("description".into(), json!(d));
                }
                if !required.is_empty() {
                    o.insert("required".into(), json!(required));
                }
                o.insert("properties".into(), Value::Object(props));
                Value::Object(o)
            }
            ModelKind::Enum(e) => {
                let note = Self::enum_note(e);
                let text = match docs(&model.docs) {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note,
                };
                let Value::Object(body) = Self::enumeration(e) else {
                    unreachable!("an enum schema is an object")
                };
                let mut o = Map::new();
                o.insert("description".into(), json!(text));
                o.extend(body);
                Value::Object(o)
            }
            ModelKind::Alias(ty) => {
                let schema = self.ty(ty);
                annotate(schema, docs(&model.docs), false)
            }
            ModelKind::Union(u) => self.union(u, docs(&model.docs)),
        }
    }

    /// A union's schema: `anyOf` the variants in order (untagged: a value may fit several,
    /// the first wins), or `oneOf` the variant models with a `discriminator` (tagged).
    fn union(&mut self, u: &Union, docs: Option<&str>) -> Value {
        let Union { tagging, variants } = u;
        let mut o = Map::new();
        let text = match tagging {
            Tagging::Tagged {
                discriminator,
                open: true,
            } => {
                let note = Self::open_union_note(discriminator);
                Some(match docs {
                    Some(d) => format!("{d}\n\n{note}"),
                    None => note,
                })
            }
            _ => docs.map(str::to_string),
        };
        if let Some(t) = text {
            o.insert("description".into(), json!(t));
        }
        match tagging {
            Tagging::Untagged => {
                let branches: Vec<Value> = variants.iter().map(|v| self.ty(&v.ty)).collect();
                o.insert("anyOf".into(), json!(branches));
            }
            Tagging::Tagged {
                discriminator,
                open,
            } => {
                let mut branches: Vec<Value> = Vec::new();
                let mut mapping = Map::new();
                for v in variants {
                    let branch = self.ty(&v.ty);
                    if let Some(r) = branch.get("$ref") {
                        mapping.insert(v.tag.clone().unwrap_or_default(), r.clone());
                    }
                    if !branches.contains(&branch) {
                        branches.push(branch);
                    }
                }
                o.insert("oneOf".into(), json!(branches));
                o.insert(
                    "discriminator".into(),
                    json!({ "propertyName": discriminator, "mapping": mapping }),
                );
                if *open {
                    o.insert("x-open-union".into(), json!(true));
                }
            }
        }
        o.insert(
            "x-variant-names".into(),
            json!(variants.iter().map(|v| v.rust.clone()).collect::<Vec<_>>()),
        );
        if variants.iter().any(|v| v.docs.is_some()) {
            o.insert(
                "x-variant-descriptions".into(),
                json!(variants
                    .iter()
                    .map(|v| v.docs.as_deref().unwrap_or("").trim().to_string())
                    .collect::<Vec<_>>()),
            );
        }
        Value::Object(o)
    }

    /// The sentence documenting an open tagged union.
    pub fn open_union_note(discriminator: &str) -> String {
        format!("Open union: other `{discriminator}` values occur and are kept.")
    }

    fn field(&mut self, f: &Field) -> Value {
        let mut schema = self.ty(&f.ty);
        if let Value::Object(o) = &mut schema {
            if o.get("type") == Some(&json!("string")) && !o.contains_key("format") {
                if f.secret {
                    o.insert("format".into(), json!("password"));
                } else if crate::naming::looks_like_credential(&f.name.wire) {
                    // Named like a credential, but the spec says it is not one.
                    o.insert("x-secret".into(), json!(false));
                }
            }
        }
        let mut schema = annotate(schema, docs(&f.docs), f.nullable);
        if let Value::Object(o) = &mut schema {
            if let Some(d) = &f.default {
                o.insert("default".into(), d.clone());
            }
            if f.patch {
                // Absent, `null` or a value: optional and nullable, and the client tells
                // the first two apart.
                o.insert("x-patch".into(), json!(true));
            }
            if f.lenient && !self.api.lenient {
                o.insert("x-lenient".into(), json!(true));
            }
        }
        schema
    }

    /// Every component schema: the models (sorted by name), then the envelopes.
    pub fn components(mut self) -> Map<String, Value> {
        let mut out = Map::new();
        for model in &self.api.models {
            let schema = self.model(model);
            out.insert(model.name.rust.clone(), schema);
        }
        for (name, schema) in std::mem::take(&mut self.extra) {
            out.insert(name, schema);
        }
        out
    }
}

/// Trimmed, non-empty docs.
pub fn docs(d: &Option<String>) -> Option<&str> {
    d.as_deref().map(str::trim).filter(|d| !d.is_empty())
}

/// A component-name fragment for a type: `Client`, `StringList`, `IntegerMap`.
fn slug(ty: &Ty) -> String {
    match ty {
        Ty::Scalar(s) => heck::AsUpperCamelCase(s.spec_name()).to_string(),
        Ty::List(t) => format!("{}List", slug(t)),
        Ty::Map(t) => format!("{}Map", slug(t)),
        Ty::Page(t) => format!("{}Page", slug(t)),
        Ty::ListOrPage(t) => format!("{}Listing", slug(t)),
        Ty::Model(n) => n.rust.clone(),
    }
}

/// The spec spelling of a type.
pub fn type_text(ty: &Ty) -> String {
    match ty {
        Ty::Scalar(s) => s.spec_name().to_string(),
        Ty::List(t) => format!("list<{}>", type_text(t)),
        Ty::Map(t) => format!("map<{}>", type_text(t)),
        Ty::Page(t) => format!("page<{}>", type_text(t)),
        Ty::ListOrPage(t) => format!("list_or_page<{}>", type_text(t)),
        Ty::Model(n) => n.wire.clone(),
    }
}
