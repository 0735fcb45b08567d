//! Schemas to type expressions and models: scalars and formats, `$ref`s to components,
//! `allOf` merged into one struct, `oneOf`/`anyOf` (nullable forms, unions the loader can
//! tell apart as [`super::unions`] maps them, same-type branches; other unions are `json`
//! with a loss), both ways of writing nullable, inline objects and
//! enums as named models, and the `{count, next, previous, results}` envelope as `page<T>`.

use super::cx::{CompTy, Cx, Frame, Note};
use super::draft::*;
use super::names;
use super::refs::SCHEMAS;
use crate::naming;
use indexmap::IndexMap;
use serde_json::Value;
use std::collections::BTreeSet;

/// Where a type is used (some types are allowed in one place only).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A model field, an alias, a list item.
    Field,
    /// A query or path value.
    Param,
    /// A success response (raw bytes allowed).
    Response,
}

/// A mapped type with what its schema says besides.
#[derive(Debug, Clone, Default)]
pub struct TyOut {
    /// The type expression.
    pub ty: String,
    /// Admits null.
    pub nullable: bool,
    /// Description found on the schema (or its annotation wrapper).
    pub description: Option<String>,
    /// `default`.
    pub default: Option<Value>,
    /// `format: password`.
    pub secret: bool,
    /// `x-lenient: true`.
    pub lenient: bool,
    /// Losses and notes for the item that has this type.
    pub notes: Vec<Note>,
}

/// Nesting limit for inline schemas (documents can be deep; none this deep is sane).
const MAX_DEPTH: usize = 40;

/// Keys that make a schema more than an annotation.
const STRUCTURAL: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "items",
    "allOf",
    "oneOf",
    "anyOf",
    "enum",
    "additionalProperties",
    "const",
    "x-extensible-enum",
];

/// An enum found in a schema.
#[derive(Debug, Clone)]
pub struct EnumSpec {
    /// Values with names and docs.
    pub values: Vec<DraftValue>,
    /// Unknown values are kept.
    pub open: bool,
    /// `null` was among the values.
    pub nullable: bool,
    /// Values that were dropped (not strings or integers, duplicates).
    pub dropped: Vec<String>,
}

impl<'a> Cx<'a> {
    /// The type of `schema`; inline objects and enums become models named from `hint`.
    pub fn ty_of(&mut self, schema: &'a Value, hint: &str, place: Place) -> TyOut {
        let mut out = TyOut::default();
        self.annotations(schema, &mut out);
        out.ty = self.ty_text(schema, hint, place, &mut out, 0);
        out
    }

    fn annotations(&self, s: &Value, out: &mut TyOut) {
        if out.description.is_none() {
            out.description = self.text(s.get("description"));
        }
        if out.default.is_none() {
            out.default = s.get("default").filter(|d| !d.is_null()).cloned();
        }
        if is_nullable(s) {
            out.nullable = true;
        }
        if s.get("x-lenient") == Some(&Value::Bool(true)) {
            out.lenient = true;
        }
    }

    fn ty_text(
        &mut self,
        s: &'a Value,
        hint: &str,
        place: Place,
        out: &mut TyOut,
        depth: usize,
    ) -> String {
        if depth > MAX_DEPTH {
            out.notes
                .push(Note::loss("schema nested too deeply; typed json", ""));
            return "json".into();
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            if let Some(key) = r.strip_prefix(SCHEMAS).filter(|k| !k.contains('/')) {
                let key = key.replace("~1", "/").replace("~0", "~");
                return self.component_ty(&key, out);
            }
            let target = match self.refs.resolve(s) {
                Ok(t) => t,
                Err(e) => {
                    out.notes
                        .push(Note::loss("unresolvable `$ref`; typed json", e));
                    return "json".into();
                }
            };
            // A reference into another place: objects and enums there become one model
            // per place, so references that lead back terminate.
            if is_object_like(&self.refs, target) || self.enum_spec(target).is_some() {
                if let Some(c) = self.components.get(r) {
                    let ty = c.ty.clone();
                    self.uses(&ty);
                    return ty;
                }
                let name = self.types.claim(hint);
                self.components.insert(
                    r.to_string(),
                    CompTy {
                        ty: name.clone(),
                        nullable: false,
                    },
                );
                self.build_model(&name, target, None);
                self.uses(&name);
                return name;
            }
            return self.ty_text(target, hint, place, out, depth + 1);
        }
        if let Some(e) = self.enum_spec(s) {
            if e.nullable {
                out.nullable = true;
            }
            if !e.dropped.is_empty() {
                out.notes.push(Note::loss(
                    "enum values that are not strings or integers, or repeated, are left out",
                    e.dropped.join(", "),
                ));
            }
            if !e.values.is_empty() {
                return self.inline_enum(hint, e);
            }
        }
        if let Some(branches) = union_branches(s) {
            return self.union(s, branches, hint, place, out, depth);
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            let structural: Vec<&'a Value> = all.iter().filter(|b| is_structural(b)).collect();
            let own_structure = s.get("properties").is_some();
            if structural.len() == 1 && !own_structure {
                for b in all.iter().filter(|b| !is_structural(b)) {
                    self.annotations(b, out);
                }
                return self.ty_text(structural[0], hint, place, out, depth + 1);
            }
            if structural.is_empty() && !own_structure {
                return "json".into();
            }
            return self.inline_struct(hint, s, out);
        }
        let types = type_list(s);
        if types.iter().any(|t| t == "null") {
            out.nullable = true;
        }
        let non_null: Vec<&str> = types
            .iter()
            .map(String::as_str)
            .filter(|t| *t != "null")
            .collect();
        match non_null.as_slice() {
            [] => {
                if s.get("properties").is_some() {
                    self.inline_struct(hint, s, out)
                } else if s.get("items").is_some() {
                    self.list(s, hint, out, depth)
                } else if s.get("additionalProperties").is_some() {
                    self.object(s, hint, out, depth)
                } else {
                    "json".into()
                }
            }
            [one] => match *one {
                "string" => self.string(s, place, out),
                "integer" => match s.get("format").and_then(Value::as_str) {
                    Some("unix-time-millis") => "unix_millis".into(),
                    Some("unix-time") => match s.get("x-unix-time").and_then(Value::as_str) {
                        Some("milliseconds") => "unix_millis".into(),
                        _ => "unix_seconds".into(),
                    },
                    _ => "integer".into(),
                },
                "number" => {
                    if is_decimal(s) {
                        "decimal".into()
                    } else {
                        "number".into()
                    }
                }
                "boolean" => "boolean".into(),
                "array" => self.list(s, hint, out, depth),
                "object" => self.object(s, hint, out, depth),
                other => {
                    out.notes.push(Note::loss(
                        "unknown schema type; typed json",
                        other.to_string(),
                    ));
                    "json".into()
                }
            },
            many => {
                out.notes.push(Note::loss(
                    "a value of several types is not supported; typed json",
                    many.join(", "),
                ));
                "json".into()
            }
        }
    }

    fn string(&mut self, s: &Value, place: Place, out: &mut TyOut) -> String {
        if is_decimal(s) {
            return "decimal".into();
        }
        let pattern = s.get("pattern").and_then(Value::as_str);
        let format = s.get("format").and_then(Value::as_str).unwrap_or("");
        if pattern == Some(crate::openapi::schema::LOCAL_DATE_TIME_PATTERN) {
            return "local_date_time".into();
        }
        if pattern == Some(crate::openapi::schema::DATE_OR_DATE_TIME_PATTERN) {
            return "date_or_date_time".into();
        }
        match format {
            "date" => "date".into(),
            "date-time" => "date_time".into(),
            "local-date-time" => "local_date_time".into(),
            "date-or-date-time" => "date_or_date_time".into(),
            "password" => {
                out.secret = true;
                "string".into()
            }
            "binary" if place == Place::Response => "bytes".into(),
            "binary" if self.multipart && place == Place::Field => "file".into(),
            "binary" => {
                out.notes.push(Note::loss(
                    "binary data inside JSON is not supported; typed string",
                    "",
                ));
                "string".into()
            }
            _ => "string".into(),
        }
    }

    fn list(&mut self, s: &'a Value, hint: &str, out: &mut TyOut, depth: usize) -> String {
        let Some(items) = s.get("items") else {
            return "list<json>".into();
        };
        let mut inner = TyOut::default();
        let ty = self.ty_text(
            items,
            &format!("{hint}Item"),
            Place::Field,
            &mut inner,
            depth + 1,
        );
        if inner.nullable || is_nullable(items) {
            out.notes.push(Note::loss(
                "null items in a list are not supported; items typed without null",
                "",
            ));
        }
        out.notes.append(&mut inner.notes);
        format!("list<{ty}>")
    }

    fn object(&mut self, s: &'a Value, hint: &str, out: &mut TyOut, depth: usize) -> String {
        if s.get("properties").and_then(Value::as_object).is_some() {
            return self.inline_struct(hint, s, out);
        }
        match s.get("additionalProperties") {
            Some(Value::Object(m)) if !m.is_empty() => {
                let ap = &s["additionalProperties"];
                let mut inner = TyOut::default();
                let ty = self.ty_text(
                    ap,
                    &format!("{hint}Value"),
                    Place::Field,
                    &mut inner,
                    depth + 1,
                );
                if inner.nullable || is_nullable(ap) {
                    out.notes.push(Note::loss(
                        "null values in a map are not supported; values typed without null",
                        "",
                    ));
                }
                out.notes.append(&mut inner.notes);
                format!("map<{ty}>")
            }
            Some(Value::Object(_)) | Some(Value::Bool(true)) => "map<json>".into(),
            _ => "json".into(),
        }
    }

    fn union(
        &mut self,
        s: &'a Value,
        branches: &'a [Value],
        hint: &str,
        place: Place,
        out: &mut TyOut,
        depth: usize,
    ) -> String {
        if s.get("x-decimal") == Some(&Value::Bool(true)) {
            return "decimal".into();
        }
        let mut rest: Vec<&'a Value> = Vec::new();
        for b in branches {
            if is_null_schema(b) {
                out.nullable = true;
            } else {
                rest.push(b);
            }
        }
        if rest.len() == 1 && s.get("discriminator").is_none() {
            return self.ty_text(rest[0], hint, place, out, depth + 1);
        }
        // A bare array of T, or its page envelope: `list_or_page<T>`.
        if rest.len() == 2 {
            for (a, b) in [(rest[0], rest[1]), (rest[1], rest[0])] {
                let arr = self.refs.resolve(a).ok();
                let items = arr
                    .filter(|x| type_list(x) == ["array"])
                    .and_then(|x| x.get("items"));
                let page = self
                    .refs
                    .resolve(b)
                    .ok()
                    .and_then(|p| page_items(&self.refs, p));
                if let (Some(i1), Some(i2)) = (items, page) {
                    if same_schema(&self.refs, i1, i2) {
                        let mut inner = TyOut::default();
                        let ty = self.ty_text(
                            i1,
                            &format!("{hint}Item"),
                            Place::Field,
                            &mut inner,
                            depth + 1,
                        );
                        out.notes.append(&mut inner.notes);
                        return format!("list_or_page<{ty}>");
                    }
                }
            }
        }
        // Branches the loader can tell apart (or tagged ones) make a union model.
        if self.union_fits(s) {
            let name = self.types.claim(hint);
            self.build_model(&name, s, None);
            self.uses(&name);
            return name;
        }
        // Branches of one scalar type (e.g. two string formats) are that type.
        let scalars: BTreeSet<Option<String>> = rest
            .iter()
            .map(|b| {
                let b = self.refs.resolve(b).ok()?;
                let t = type_list(b);
                (t.len() == 1
                    && matches!(t[0].as_str(), "string" | "integer" | "number" | "boolean")
                    && b.get("enum").is_none())
                .then(|| t[0].clone())
            })
            .collect();
        if scalars.len() == 1 {
            if let Some(Some(t)) = scalars.into_iter().next() {
                return match t.as_str() {
                    "string" => "string".into(),
                    other => other.into(),
                };
            }
        }
        let key = if s.get("oneOf").is_some() {
            "oneOf"
        } else {
            "anyOf"
        };
        out.notes.push(Note::loss(
            "unions (oneOf/anyOf) are not supported; typed json",
            format!("{key} with {} branches", rest.len()),
        ));
        "json".into()
    }

    /// The type of a reference to schema component `key` (built on first use).
    pub fn component_ty(&mut self, key: &str, out: &mut TyOut) -> String {
        if let Some(c) = self.components.get(key) {
            if c.nullable {
                out.nullable = true;
            }
            let ty = c.ty.clone();
            self.note_uses(&ty);
            return ty;
        }
        let schemas = self.doc.pointer("/components/schemas");
        let Some(schema) = schemas.and_then(|m| m.get(key)) else {
            out.notes.push(Note::loss(
                "reference to a missing schema component; typed json",
                key.to_string(),
            ));
            return "json".into();
        };
        let resolved = match self.refs.resolve(schema) {
            Ok(r) => r,
            Err(e) => {
                out.notes
                    .push(Note::loss("unresolvable `$ref`; typed json", e));
                return "json".into();
            }
        };
        if page_items(&self.refs, resolved).is_some() || self.is_listing(resolved) {
            // The envelope itself is no model: references to it are `page<T>` (or
            // `list_or_page<T>` for a bare array or its envelope).
            let hint = self.component_name(key);
            let mut inner = TyOut::default();
            let ty = match page_items(&self.refs, resolved) {
                Some(items) => {
                    let item =
                        self.ty_text(items, &format!("{hint}Item"), Place::Field, &mut inner, 1);
                    format!("page<{item}>")
                }
                None => self.ty_text(resolved, &hint, Place::Field, &mut inner, 1),
            };
            self.components.insert(
                key.to_string(),
                CompTy {
                    ty: ty.clone(),
                    nullable: is_nullable(resolved),
                },
            );
            out.notes.append(&mut inner.notes);
            self.note_uses(&ty);
            return ty;
        }
        let name = self.component_name(key);
        let nullable = is_nullable(schema);
        self.components.insert(
            key.to_string(),
            CompTy {
                ty: name.clone(),
                nullable,
            },
        );
        if nullable {
            out.nullable = true;
        }
        let outer = self.multipart;
        self.multipart |= self.multipart_components.contains(key);
        self.build_model(&name, schema, Some(key.to_string()));
        self.multipart = outer;
        self.uses(&name);
        name
    }

    /// Whether `s` is a bare array of T or its page envelope (`oneOf` of the two).
    fn is_listing(&self, s: &Value) -> bool {
        let Some(b) = union_branches(s) else {
            return false;
        };
        let rest: Vec<&Value> = b.iter().filter(|x| !is_null_schema(x)).collect();
        if rest.len() != 2 {
            return false;
        }
        [(rest[0], rest[1]), (rest[1], rest[0])]
            .iter()
            .any(|(a, p)| {
                let items = self
                    .refs
                    .resolve(a)
                    .ok()
                    .filter(|x| type_list(x) == ["array"])
                    .and_then(|x| x.get("items"));
                let page = self
                    .refs
                    .resolve(p)
                    .ok()
                    .and_then(|p| page_items(&self.refs, p));
                matches!((items, page), (Some(i), Some(j)) if same_schema(&self.refs, i, j))
            })
    }

    /// The model name of component `key` (numbered when taken).
    pub fn component_name(&mut self, key: &str) -> String {
        if let Some(n) = self.component_names.get(key) {
            return n.clone();
        }
        let wanted = names::type_name(key);
        let name = self.types.claim(&wanted);
        if name != wanted || !naming::is_camel_ident(key) {
            self.report.push(
                super::report::Severity::Note,
                format!("model {name}"),
                "named from the schema component",
                format!("`{key}`"),
            );
        }
        self.component_names.insert(key.to_string(), name.clone());
        name
    }

    fn note_uses(&mut self, ty: &str) {
        for n in model_names(ty) {
            self.uses(&n);
        }
    }

    /// Builds model `name` from `schema` (a component or an inline schema).
    pub fn build_model(&mut self, name: &str, schema: &'a Value, component: Option<String>) {
        if self.models.contains_key(name) {
            return;
        }
        if self.nesting > MAX_DEPTH {
            let mut comments = Vec::new();
            self.record(
                &format!("model {name}"),
                &[Note::loss("schema nested too deeply; typed json", "")],
                &mut comments,
            );
            self.add_model(
                name,
                DraftModel {
                    description: None,
                    kind: DraftModelKind::Alias("json".into()),
                    comments,
                },
                Frame {
                    lossy: true,
                    ..Frame::default()
                },
                component,
            );
            return;
        }
        self.nesting += 1;
        // Reserve the slot first: the schema may refer back to itself.
        self.add_model(
            name,
            DraftModel {
                description: None,
                kind: DraftModelKind::Alias("json".into()),
                comments: Vec::new(),
            },
            Frame::default(),
            component.clone(),
        );
        self.frames.push(Frame::default());
        let resolved = self.refs.resolve(schema).unwrap_or(schema);
        // An alias component (`$ref` only) has its own docs, not its target's.
        let described = if schema.get("$ref").is_some() {
            schema
        } else {
            resolved
        };
        let description = self.text(described.get("description")).or_else(|| {
            described
                .get("allOf")
                .and_then(Value::as_array)
                .and_then(|a| a.iter().find_map(|b| self.text(b.get("description"))))
        });
        let mut comments = Vec::new();
        let subject = format!("model {name}");
        let kind = if schema.get("$ref").is_some() {
            // A component that only names another is an alias of it.
            let mut out = TyOut::default();
            let ty = self.ty_text(schema, name, Place::Field, &mut out, 1);
            self.record(&subject, &out.notes, &mut comments);
            DraftModelKind::Alias(ty)
        } else if let Some(e) = self.enum_spec(resolved).filter(|e| !e.values.is_empty()) {
            let mut notes = Vec::new();
            if !e.dropped.is_empty() {
                notes.push(Note::loss(
                    "enum values that are not strings or integers, or repeated, are left out",
                    e.dropped.join(", "),
                ));
            }
            self.record(&subject, &notes, &mut comments);
            DraftModelKind::Enum {
                values: e.values,
                open: e.open,
            }
        } else if is_object_like(&self.refs, resolved) {
            DraftModelKind::Struct(self.fields(name, resolved, &mut comments))
        } else if union_branches(resolved).is_some() && self.union_fits(resolved) {
            let mut notes = Vec::new();
            let kind = self.union_kind(name, resolved, &mut notes);
            self.record(&subject, &notes, &mut comments);
            kind
        } else {
            let mut out = TyOut::default();
            let ty = self.ty_text(resolved, name, Place::Field, &mut out, 1);
            if out.nullable && !is_nullable(schema) {
                out.notes.push(Note::loss(
                    "a model that admits null is not supported; null is left out",
                    "",
                ));
            }
            self.record(&subject, &out.notes, &mut comments);
            DraftModelKind::Alias(ty)
        };
        let frame = self.frames.pop().unwrap_or_default();
        self.nesting -= 1;
        self.add_model(
            name,
            DraftModel {
                description,
                kind,
                comments,
            },
            frame,
            component,
        );
    }

    fn inline_struct(&mut self, hint: &str, s: &'a Value, out: &mut TyOut) -> String {
        let _ = out;
        let name = self.types.claim(hint);
        self.build_model(&name, s, None);
        self.uses(&name);
        name
    }

    fn inline_enum(&mut self, hint: &str, e: EnumSpec) -> String {
        let key = format!("{hint}|{:?}|{}", e.values, e.open);
        if let Some(n) = self.inline_enums.get(&key) {
            let n = n.clone();
            self.uses(&n);
            return n;
        }
        let name = self.types.claim(hint);
        self.inline_enums.insert(key, name.clone());
        self.add_model(
            &name,
            DraftModel {
                description: None,
                kind: DraftModelKind::Enum {
                    values: e.values,
                    open: e.open,
                },
                comments: Vec::new(),
            },
            Frame::default(),
            None,
        );
        self.uses(&name);
        name
    }

    /// The fields of an object schema, `allOf` branches merged in.
    fn fields(
        &mut self,
        model: &str,
        s: &'a Value,
        comments: &mut Vec<String>,
    ) -> IndexMap<String, DraftField> {
        let mut props: IndexMap<String, &'a Value> = IndexMap::new();
        let mut required: BTreeSet<String> = BTreeSet::new();
        let mut notes = Vec::new();
        let mut seen = Vec::new();
        collect_object(
            &self.refs,
            s,
            &mut props,
            &mut required,
            &mut notes,
            &mut seen,
            0,
        );
        self.record(&format!("model {model}"), &notes, comments);
        let mut rust = names::Idents::new();
        let mut out = IndexMap::new();
        for (i, (wire, p)) in props.into_iter().enumerate() {
            let hint = format!("{model}{}", names::type_name(&wire));
            let t = self.ty_of(p, &hint, Place::Field);
            let mut f = DraftField {
                ty: t.ty.clone(),
                description: t.description.clone(),
                optional: !required.contains(&wire),
                nullable: t.nullable,
                secret: t.secret && t.ty == "string",
                lenient: t.lenient,
                patch: p.get("x-patch") == Some(&Value::Bool(true)),
                ..Default::default()
            };
            let mut notes = t.notes.clone();
            if let Some(d) = &t.default {
                if default_fits(&t.ty, d) && !f.secret {
                    f.default = Some(d.clone());
                    f.optional = false;
                } else {
                    notes.push(Note::info(
                        "defaults are kept on string, integer, number and boolean fields only",
                        format!("default {d}"),
                    ));
                }
            }
            if f.ty == "string" && !f.secret && naming::looks_like_credential(&wire) {
                if p.get("x-secret") == Some(&Value::Bool(false)) {
                    f.not_secret = true;
                } else {
                    f.secret = true;
                    notes.push(Note::info(
                        "named like a credential, so marked `secret: true`; set `secret: false` if it is not one",
                        wire.clone(),
                    ));
                }
            }
            let derived = naming::snake(&wire);
            let base = derived
                .clone()
                .unwrap_or_else(|| names::snake_name(&wire, &format!("field_{}", i + 1)));
            let claimed = rust.claim(&base);
            if derived.as_deref() != Some(claimed.as_str()) {
                f.rust_name = Some(claimed);
            }
            self.record(
                &format!("model {model}: field {wire}"),
                &notes,
                &mut f.comments,
            );
            out.insert(wire, f);
        }
        out
    }

    /// The enum a schema defines, if any: `enum`, `x-extensible-enum`, `const`, or our
    /// export's integer enums (`anyOf` of an integer and a string form).
    pub fn enum_spec(&self, s: &Value) -> Option<EnumSpec> {
        let open_marked = s.get("x-open-enum") == Some(&Value::Bool(true))
            || s.get("x-extensible-enum").is_some();
        let raw: Vec<Value> = if let Some(v) = s.get("x-extensible-enum").and_then(Value::as_array)
        {
            v.clone()
        } else if let Some(v) = s.get("enum").and_then(Value::as_array) {
            v.clone()
        } else if let Some(c) = s.get("const") {
            vec![c.clone()]
        } else if let Some(b) = s.get("anyOf").and_then(Value::as_array) {
            // Our export's integer enums: `anyOf: [{integer, enum}, {string, enum}]`.
            let ints = b.iter().find(|x| type_list(x) == ["integer"])?;
            b.iter().find(|x| type_list(x) == ["string"])?;
            s.get("x-extensible-enum")
                .or_else(|| ints.get("enum"))?
                .as_array()?
                .clone()
        } else {
            return None;
        };
        if raw.is_empty() {
            return None;
        }
        let varnames = s.get("x-enum-varnames").and_then(Value::as_array);
        let docs = s.get("x-enum-descriptions").and_then(Value::as_array);
        let open = if self.closed_enums { open_marked } else { true };
        let integer =
            raw.iter().all(|v| v.is_i64() || v.is_null()) && raw.iter().any(Value::is_i64);
        let mut values = Vec::new();
        let mut dropped = Vec::new();
        let mut nullable = false;
        let mut seen = BTreeSet::new();
        let mut rust = TypeScope::default();
        for (i, v) in raw.iter().enumerate() {
            let value = match v {
                Value::Null => {
                    nullable = true;
                    continue;
                }
                Value::Number(n) if integer => DraftScalar::Int(n.as_i64().unwrap_or_default()),
                Value::Number(n) if n.is_i64() => DraftScalar::Str(n.to_string()),
                Value::String(s) => DraftScalar::Str(s.clone()),
                other => {
                    dropped.push(other.to_string());
                    continue;
                }
            };
            let wire = match &value {
                DraftScalar::Int(n) => n.to_string(),
                DraftScalar::Str(s) => s.clone(),
            };
            if !seen.insert(wire.clone()) {
                dropped.push(wire);
                continue;
            }
            let given = varnames
                .and_then(|n| n.get(i))
                .and_then(Value::as_str)
                .filter(|n| naming::is_camel_ident(n));
            let derived = naming::camel(&wire).filter(|n| naming::is_camel_ident(n));
            let base = given
                .map(str::to_string)
                .or_else(|| derived.clone())
                .unwrap_or_else(|| {
                    if wire.is_empty() {
                        "Empty".to_string()
                    } else {
                        format!("Value{}", i + 1)
                    }
                });
            let base = if open && base == "Unknown" {
                "UnknownValue".to_string()
            } else {
                base
            };
            let name = rust.claim(&base);
            let description = docs
                .and_then(|d| d.get(i))
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string);
            values.push(DraftValue {
                value,
                name: (Some(&name) != derived.as_ref()).then_some(name),
                description,
            });
        }
        Some(EnumSpec {
            values,
            open,
            nullable,
            dropped,
        })
    }
}

/// Variant names in one enum.
#[derive(Default)]
struct TypeScope(BTreeSet<String>);

impl TypeScope {
    fn claim(&mut self, base: &str) -> String {
        if self.0.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let c = format!("{base}{n}");
            if self.0.insert(c.clone()) {
                return c;
            }
            n += 1;
        }
    }
}

/// Model names in a type expression (`map<list<Pet>>` -> `Pet`).
pub fn model_names(ty: &str) -> Vec<String> {
    ty.split(['<', '>', ','])
        .map(str::trim)
        .filter(|t| t.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

/// `type` as a list (3.1 allows several).
pub fn type_list(s: &Value) -> Vec<String> {
    match s.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    }
}

/// `nullable: true` (3.0), `x-nullable` (2.0), a `null` type (3.1) or a `null` value.
pub fn is_nullable(s: &Value) -> bool {
    s.get("nullable") == Some(&Value::Bool(true))
        || s.get("x-nullable") == Some(&Value::Bool(true))
        || type_list(s).iter().any(|t| t == "null")
        || s.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(Value::is_null))
}

fn is_null_schema(s: &Value) -> bool {
    type_list(s) == ["null"]
        || s.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|a| a.len() == 1 && a[0].is_null())
}

fn is_decimal(s: &Value) -> bool {
    s.get("x-decimal") == Some(&Value::Bool(true))
        || s.get("format").and_then(Value::as_str) == Some("decimal")
}

fn is_structural(s: &Value) -> bool {
    STRUCTURAL.iter().any(|k| s.get(*k).is_some())
}

pub(super) fn union_branches(s: &Value) -> Option<&[Value]> {
    s.get("oneOf")
        .or_else(|| s.get("anyOf"))
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .filter(|b| !b.is_empty())
}

/// Whether a schema is an object with properties (itself or through `allOf`).
pub fn is_object_like(refs: &super::refs::Refs<'_>, s: &Value) -> bool {
    object_like(refs, s, 0)
}

fn object_like(refs: &super::refs::Refs<'_>, s: &Value, depth: usize) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    if s.get("properties").and_then(Value::as_object).is_some() {
        return true;
    }
    if union_branches(s).is_some() || s.get("enum").is_some() {
        return false;
    }
    let Some(all) = s.get("allOf").and_then(Value::as_array) else {
        return false;
    };
    let structural: Vec<&Value> = all.iter().filter(|b| is_structural(b)).collect();
    structural.len() > 1
        || structural
            .first()
            .and_then(|b| refs.resolve(b).ok())
            .is_some_and(|b| object_like(refs, b, depth + 1))
}

/// Properties and required names of an object schema, through `allOf` and `$ref`.
pub(super) fn collect_object<'a>(
    refs: &super::refs::Refs<'a>,
    s: &'a Value,
    props: &mut IndexMap<String, &'a Value>,
    required: &mut BTreeSet<String>,
    notes: &mut Vec<Note>,
    seen: &mut Vec<String>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        notes.push(Note::loss("schema nested too deeply; members left out", ""));
        return;
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        if seen.iter().any(|x| x == r) {
            notes.push(Note::loss(
                "`allOf` cycle; repeated members left out",
                r.to_string(),
            ));
            return;
        }
        seen.push(r.to_string());
        match refs.lookup(r) {
            Ok(t) => collect_object(refs, t, props, required, notes, seen, depth + 1),
            Err(e) => notes.push(Note::loss("unresolvable `$ref`; members left out", e)),
        }
        seen.pop();
        return;
    }
    if let Some(all) = s.get("allOf").and_then(Value::as_array) {
        for b in all {
            collect_object(refs, b, props, required, notes, seen, depth + 1);
        }
    }
    if let Some(p) = s.get("properties").and_then(Value::as_object) {
        for (k, v) in p {
            props.insert(k.clone(), v);
        }
    }
    if let Some(r) = s.get("required").and_then(Value::as_array) {
        required.extend(r.iter().filter_map(Value::as_str).map(String::from));
    }
    if union_branches(s).is_some() {
        notes.push(Note::loss(
            "unions (oneOf/anyOf) are not supported; their members are left out",
            "",
        ));
    }
    match s.get("additionalProperties") {
        Some(Value::Object(m)) if !m.is_empty() && s.get("properties").is_some() => {
            notes.push(Note::loss(
                "additional properties beside named ones are not supported",
                "",
            ));
        }
        _ => {}
    }
}

/// The item schema when `s` is the `{count, next, previous, results}` page envelope.
pub fn page_items<'a>(refs: &super::refs::Refs<'a>, s: &'a Value) -> Option<&'a Value> {
    let props = s.get("properties")?.as_object()?;
    let keys: BTreeSet<&str> = props.keys().map(String::as_str).collect();
    let allowed: BTreeSet<&str> = ["count", "next", "previous", "results"].into();
    if !keys.contains("count") || !keys.contains("results") || !keys.is_subset(&allowed) {
        return None;
    }
    let count = refs.resolve(&props["count"]).ok()?;
    let results = refs.resolve(&props["results"]).ok()?;
    (type_list(count) == ["integer"] && type_list(results) == ["array"])
        .then(|| results.get("items"))
        .flatten()
}

/// Whether two schemas are the same (after following references).
fn same_schema(refs: &super::refs::Refs<'_>, a: &Value, b: &Value) -> bool {
    match (refs.resolve(a), refs.resolve(b)) {
        (Ok(x), Ok(y)) => std::ptr::eq(x, y) || x == y,
        _ => false,
    }
}

/// Whether a default can be written on a field of type `ty`.
fn default_fits(ty: &str, d: &Value) -> bool {
    matches!(
        (ty, d),
        ("string", Value::String(_)) | ("number", Value::Number(_)) | ("boolean", Value::Bool(_))
    ) || (ty == "integer" && d.is_i64())
}
