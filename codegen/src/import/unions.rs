//! `oneOf` / `anyOf` as unions: with a `discriminator` (and its `mapping`) a tagged union
//! of the branch models; without one an untagged union, when the branches can be told apart
//! the way the loader demands (one branch per JSON type, objects with required members that
//! differ). Our own export's unions (`x-variant-names`) come back as they were; other unions
//! stay `json` with a loss, as before.

use super::cx::{Cx, Note};
use super::draft::{DraftModelKind, DraftVariant};
use super::refs::SCHEMAS;
use super::schema::{is_object_like, page_items, type_list, Place, TyOut};
use crate::naming;
use serde_json::Value;
use std::collections::BTreeSet;

/// The JSON types a branch is read from, for telling branches apart.
#[derive(Debug, PartialEq)]
enum Class {
    Scalars(Vec<&'static str>),
    Array,
    Map,
    Struct(BTreeSet<String>),
}

/// The branches of a union that are not `null`.
pub fn branches(s: &Value) -> Vec<&Value> {
    s.get("oneOf")
        .or_else(|| s.get("anyOf"))
        .and_then(Value::as_array)
        .map(|b| b.iter().filter(|x| !is_null(x)).collect())
        .unwrap_or_default()
}

fn is_null(s: &Value) -> bool {
    type_list(s) == ["null"]
        || s.get("enum")
            .and_then(Value::as_array)
            .is_some_and(|a| a.len() == 1 && a[0].is_null())
}

/// The discriminator member of `s`, if it has one.
fn discriminator(s: &Value) -> Option<&str> {
    s.pointer("/discriminator/propertyName")
        .and_then(Value::as_str)
        .filter(|d| !d.trim().is_empty())
}

/// The component key a branch refers to.
fn component_key(b: &Value) -> Option<String> {
    let r = b.get("$ref")?.as_str()?;
    let key = r.strip_prefix(SCHEMAS).filter(|k| !k.contains('/'))?;
    Some(key.replace("~1", "/").replace("~0", "~"))
}

/// `(tag, component key)` of each variant of a tagged union: the mapping in its order, then
/// the branches it leaves out (tagged with their component's name).
fn tags(s: &Value) -> Option<Vec<(String, String)>> {
    let mut out = Vec::new();
    if let Some(mapping) = s
        .pointer("/discriminator/mapping")
        .and_then(Value::as_object)
    {
        for (tag, target) in mapping {
            let target = target.as_str()?;
            let key = if target.starts_with('#') {
                component_key(&serde_json::json!({ "$ref": target }))?
            } else {
                target.to_string()
            };
            out.push((tag.clone(), key));
        }
    }
    for b in branches(s) {
        let key = component_key(b)?;
        if !out.iter().any(|(_, k)| *k == key) {
            out.push((key.clone(), key));
        }
    }
    (!out.is_empty()).then_some(out)
}

impl<'a> Cx<'a> {
    /// Whether `s` (a resolved schema with `oneOf`/`anyOf`) becomes a union model.
    pub fn union_fits(&self, s: &Value) -> bool {
        if s.get("x-decimal") == Some(&Value::Bool(true)) || self.enum_spec(s).is_some() {
            return false;
        }
        let rest = branches(s);
        if let Some(d) = discriminator(s) {
            return self.tagged_fits(s, d);
        }
        if rest.len() < 2 {
            return false;
        }
        if self.own && s.get("x-variant-names").is_some() {
            return true;
        }
        let mut classes = Vec::new();
        for b in &rest {
            match self.class(b) {
                Some(c) => classes.push(c),
                None => return false,
            }
        }
        let mut scalars: BTreeSet<&str> = BTreeSet::new();
        for c in &classes {
            if let Class::Scalars(words) = c {
                for w in words {
                    if !scalars.insert(w) {
                        return false;
                    }
                }
            }
        }
        if classes.iter().filter(|c| **c == Class::Array).count() > 1 {
            return false;
        }
        // Structs whose required members tell them apart; at most one map, after them.
        let mut seen_map = false;
        let mut structs: Vec<&BTreeSet<String>> = Vec::new();
        for c in &classes {
            match c {
                Class::Map if seen_map => return false,
                Class::Map => {
                    if structs.iter().any(|r| r.is_empty()) {
                        return false;
                    }
                    seen_map = true;
                }
                Class::Struct(_) if seen_map => return false,
                Class::Struct(r) => {
                    if structs.iter().any(|earlier| earlier.is_subset(r)) {
                        return false;
                    }
                    structs.push(r);
                }
                Class::Scalars(_) | Class::Array => {}
            }
        }
        true
    }

    fn tagged_fits(&self, s: &Value, d: &str) -> bool {
        let Some(tags) = tags(s) else {
            return false;
        };
        let schemas = self.doc.pointer("/components/schemas");
        tags.iter().all(|(tag, key)| {
            let Some(target) = schemas.and_then(|m| m.get(key)) else {
                return false;
            };
            let Ok(target) = self.refs.resolve(target) else {
                return false;
            };
            if !is_object_like(&self.refs, target) || page_items(&self.refs, target).is_some() {
                return false;
            }
            let Some(prop) = target.pointer(&format!(
                "/properties/{}",
                d.replace('~', "~0").replace('/', "~1")
            )) else {
                return true;
            };
            let Ok(prop) = self.refs.resolve(prop) else {
                return false;
            };
            let types = type_list(prop);
            let stringy = types.iter().all(|t| t == "string" || t == "null")
                && (!types.is_empty() || prop.get("enum").is_some());
            let closed_without = self.closed_enums
                && prop.get("x-extensible-enum").is_none()
                && prop.get("x-open-enum").is_none()
                && prop
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|vals| !vals.iter().any(|v| v.as_str() == Some(tag)));
            stringy
                && !closed_without
                && prop.get("format").and_then(Value::as_str) != Some("password")
        })
    }

    /// What a branch is read from; `None` for branches the importer does not map.
    fn class(&self, b: &Value) -> Option<Class> {
        let b = self.refs.resolve(b).ok()?;
        if let Some(e) = self.enum_spec(b) {
            let integer = e
                .values
                .iter()
                .all(|v| matches!(v.value, super::draft::DraftScalar::Int(_)));
            return Some(Class::Scalars(match integer {
                true => vec!["number", "string"],
                false => vec!["string"],
            }));
        }
        if super::schema::union_branches(b).is_some()
            || b.get("allOf").is_some() && !is_object_like(&self.refs, b)
        {
            return None;
        }
        if is_object_like(&self.refs, b) {
            if page_items(&self.refs, b).is_some() {
                return None;
            }
            return Some(Class::Struct(self.required_members(b)));
        }
        let decimal = b.get("format").and_then(Value::as_str) == Some("decimal")
            || b.get("x-decimal") == Some(&Value::Bool(true));
        let types: Vec<String> = type_list(b).into_iter().filter(|t| t != "null").collect();
        match types.as_slice() {
            [t] => match t.as_str() {
                "string" | "integer" | "number" if decimal => {
                    Some(Class::Scalars(vec!["number", "string"]))
                }
                "string" => Some(Class::Scalars(vec!["string"])),
                "integer" | "number" => Some(Class::Scalars(vec!["number"])),
                "boolean" => Some(Class::Scalars(vec!["boolean"])),
                "array" => Some(Class::Array),
                "object" => match b.get("additionalProperties") {
                    Some(Value::Object(_)) | Some(Value::Bool(true)) => Some(Class::Map),
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    /// The members an object cannot do without in the draft: required, and without a
    /// default (which makes a member optional there).
    fn required_members(&self, s: &Value) -> BTreeSet<String> {
        let mut props = indexmap::IndexMap::new();
        let mut required = BTreeSet::new();
        let (mut notes, mut seen) = (Vec::new(), Vec::new());
        super::schema::collect_object(
            &self.refs,
            s,
            &mut props,
            &mut required,
            &mut notes,
            &mut seen,
            0,
        );
        required
            .into_iter()
            .filter(|r| {
                props.get(r).is_some_and(|p| {
                    self.refs
                        .resolve(p)
                        .map_or(true, |p| p.get("default").is_none_or(Value::is_null))
                })
            })
            .collect()
    }

    /// The union model `name` for `s` (which [`union_fits`](Self::union_fits)); the branch
    /// types are mapped in the current frame.
    pub fn union_kind(
        &mut self,
        name: &str,
        s: &'a Value,
        notes: &mut Vec<Note>,
    ) -> DraftModelKind {
        let names: Vec<Option<&str>> = s
            .get("x-variant-names")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(Value::as_str).collect())
            .unwrap_or_default();
        let descriptions: Vec<Option<String>> = s
            .get("x-variant-descriptions")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .map(|d| {
                        d.as_str()
                            .map(str::trim)
                            .filter(|d| !d.is_empty())
                            .map(str::to_string)
                    })
                    .collect()
            })
            .unwrap_or_default();
        let mut variants: Vec<DraftVariant> = Vec::new();
        let discriminator = discriminator(s).map(str::to_string);
        let open = match &discriminator {
            Some(_) if self.own => s.get("x-open-union") == Some(&Value::Bool(true)),
            _ => true,
        };
        let mut out = TyOut::default();
        match &discriminator {
            Some(_) => {
                for (tag, key) in tags(s).unwrap_or_default() {
                    let ty = self.component_ty(&key, &mut out);
                    variants.push(DraftVariant {
                        tag: Some(tag),
                        ty,
                        name: None,
                        description: None,
                    });
                }
            }
            None => {
                for (i, b) in branches(s).into_iter().enumerate() {
                    let hint = format!("{name}Option{}", i + 1);
                    let mut t = self.ty_of(b, &hint, Place::Field);
                    out.notes.append(&mut t.notes);
                    let ty = t.ty;
                    let description = self.text(b.get("description"));
                    variants.push(DraftVariant {
                        tag: None,
                        ty,
                        name: None,
                        description,
                    });
                }
            }
        }
        notes.append(&mut out.notes);
        let mut taken = BTreeSet::new();
        for (i, v) in variants.iter_mut().enumerate() {
            let derived = match &v.tag {
                Some(t) => naming::camel(t).filter(|n| naming::is_camel_ident(n)),
                None => crate::typeexpr::parse(&v.ty)
                    .ok()
                    .map(|e| naming::variant_of_expr(&e)),
            };
            let given = names
                .get(i)
                .copied()
                .flatten()
                .filter(|n| naming::is_camel_ident(n))
                .map(str::to_string);
            let mut chosen = given
                .or_else(|| derived.clone())
                .unwrap_or_else(|| format!("Variant{}", i + 1));
            if open && discriminator.is_some() && chosen == "Unknown" {
                chosen = "UnknownVariant".to_string();
            }
            if taken.contains(&chosen) {
                let mut n = 2;
                while taken.contains(&format!("{chosen}{n}")) {
                    n += 1;
                }
                chosen = format!("{chosen}{n}");
            }
            taken.insert(chosen.clone());
            if Some(&chosen) != derived.as_ref() {
                v.name = Some(chosen);
            }
            if let Some(Some(d)) = descriptions.get(i) {
                v.description = Some(d.clone());
            }
        }
        DraftModelKind::Union {
            discriminator,
            open,
            variants,
        }
    }
}
