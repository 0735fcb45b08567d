//! Lowering of models: struct fields, enums (also the ordering-field enums) and aliases.

use super::{At, Ctx, ModelInfo, ModelTable, YPath};
use crate::input::{EnumValue, Model as InModel, Scalar};
use crate::ir::{Enum, Field, Model, ModelKind, Name, Ty, Variant};
use crate::naming::{self, Scope};
use std::collections::BTreeMap;

/// Gathers every model name of the API, reporting bad and duplicate names.
pub fn collect(cx: &mut Ctx<'_>) -> ModelTable {
    let mut names: BTreeMap<String, ModelInfo> = BTreeMap::new();
    for (fi, parsed) in cx.files.iter().enumerate() {
        for (name, model) in &parsed.file.models {
            let at = At::new(fi, YPath::keys(&["models", name]));
            if naming::is_keyword(name) {
                let msg = naming::keyword_message(name, "a model name", &format!("{name}Model"));
                cx.error_at_key(&at, msg);
            } else if !naming::is_camel_ident(name) {
                cx.error_at_key(&at, format!("model name `{name}` must be UpperCamelCase"));
            }
            if let Some(first) = names.get(name) {
                let msg = format!(
                    "duplicate model `{name}`; first defined at {}",
                    cx.describe(&first.at)
                );
                cx.error_at_key(&at, msg);
                continue;
            }
            names.insert(
                name.clone(),
                ModelInfo {
                    rust: name.clone(),
                    at,
                    is_enum: model.values.is_some(),
                },
            );
        }
    }
    ModelTable::new(names)
}

/// Lowers every model of every file, sorted by Rust name.
pub fn lower_all(cx: &mut Ctx<'_>, table: &ModelTable, lenient: bool) -> Vec<Model> {
    let mut out = Vec::new();
    for (fi, parsed) in cx.files.iter().enumerate() {
        for (name, model) in &parsed.file.models {
            let at = At::new(fi, YPath::keys(&["models", name]));
            // A duplicate is reported once by `collect`; lower only the first definition.
            if table.names.get(name).map(|i| i.at.file) != Some(fi) {
                continue;
            }
            if let Some(kind) = lower_kind(cx, table, &at, name, model, lenient) {
                out.push(Model {
                    name: Name {
                        wire: name.clone(),
                        rust: name.clone(),
                    },
                    docs: model.description.clone(),
                    kind,
                    file: parsed.path.clone(),
                });
            }
        }
    }
    out.sort_by(|a, b| a.name.rust.cmp(&b.name.rust));
    out
}

fn lower_kind(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    at: &At,
    name: &str,
    m: &InModel,
    lenient: bool,
) -> Option<ModelKind> {
    let given = [
        m.fields.is_some(),
        m.values.is_some(),
        m.alias.is_some(),
        m.one_of.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        cx.error_at_key(
            at,
            format!("model `{name}` needs exactly one of `fields` (struct), `values` (enum), `type` (alias) or `one_of` (union)"),
        );
        return None;
    }
    if m.open.is_some() && m.values.is_none() && m.one_of.is_none() {
        cx.error_at_key(
            &at.key("open"),
            "`open` only applies to enums (models with `values`) and tagged unions",
        );
    }
    if m.discriminator.is_some() && m.one_of.is_none() {
        cx.error_at_key(
            &at.key("discriminator"),
            "`discriminator` only applies to unions: `one_of` maps its values to models",
        );
    }
    if let Some(one_of) = &m.one_of {
        return super::unions::lower(cx, table, at, name, m, one_of).map(ModelKind::Union);
    }
    if let Some(fields) = &m.fields {
        return Some(ModelKind::Struct(lower_fields(
            cx, table, at, fields, lenient,
        )));
    }
    if let Some(values) = &m.values {
        let e = lower_enum(cx, &at.key("values"), name, values, m.open.unwrap_or(true))?;
        return Some(ModelKind::Enum(e));
    }
    let alias = m.alias.as_deref()?;
    // Aliases that lead back to themselves are reported with their whole cycle later.
    let ty = table.resolve_json(cx, &at.key("type"), alias, "an alias")?;
    Some(ModelKind::Alias(ty))
}

fn lower_fields(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    at: &At,
    fields: &indexmap::IndexMap<String, crate::input::Field>,
    lenient: bool,
) -> Vec<Field> {
    let mut scope = Scope::default();
    let mut out = Vec::new();
    for (wire, f) in fields {
        let fat = at.key("fields").key(wire);
        let rust = match &f.rust_name {
            Some(r) if naming::is_rust_name(r) => r.clone(),
            Some(r) if naming::is_keyword(r) => {
                cx.error(&fat.key("rust_name"), rust_name_keyword(r));
                continue;
            }
            Some(r) => {
                cx.error(
                    &fat.key("rust_name"),
                    format!("rust_name `{r}` must be a snake_case identifier"),
                );
                continue;
            }
            None => match naming::snake(wire) {
                Some(r) => r,
                None => {
                    cx.error_at_key(&fat, format!("field `{wire}` has no letters to make a Rust name from; set `rust_name`"));
                    continue;
                }
            },
        };
        if let Err(earlier) = scope.claim(&rust, wire) {
            cx.error_at_key(
                &fat,
                format!("fields `{earlier}` and `{wire}` both become the Rust field `{rust}`; set `rust_name` on one"),
            );
            continue;
        }
        let Some(ty) = table.resolve_json(cx, &fat.key("type"), &f.ty, "a model field") else {
            continue;
        };
        let secret = f.secret.unwrap_or(false);
        if f.secret.is_none()
            && ty == Ty::Scalar(crate::ir::Scalar::String)
            && naming::looks_like_credential(wire)
        {
            cx.error_at_key(
                &fat,
                format!("field `{wire}` is named like a credential but is not marked `secret`; add `secret: true` (its value is then redacted in Debug, errors and logs), or `secret: false` if it is not a credential"),
            );
        }
        if secret && (ty != Ty::Scalar(crate::ir::Scalar::String) || f.default.is_some()) {
            cx.error(
                &fat.key("secret"),
                format!(
                    "`secret` needs `type: string` and no `default`, not `{}`",
                    f.ty
                ),
            );
            continue;
        }
        if f.patch && (f.optional || f.nullable || f.default.is_some()) {
            let (key, what) = if f.default.is_some() {
                (
                    "default",
                    "an absent member stays absent, so it has no `default`",
                )
            } else if f.optional {
                ("optional", "drop `optional`")
            } else {
                ("nullable", "drop `nullable`")
            };
            cx.error_at_key(
                &fat.key(key),
                format!("`patch` already means the member may be absent or `null`: {what}"),
            );
            continue;
        }
        if let Some(default) = &f.default {
            let fits = matches!(
                (&ty, default),
                (
                    Ty::Scalar(crate::ir::Scalar::String),
                    serde_json::Value::String(_)
                ) | (
                    Ty::Scalar(crate::ir::Scalar::Integer),
                    serde_json::Value::Number(_)
                ) | (
                    Ty::Scalar(crate::ir::Scalar::Number),
                    serde_json::Value::Number(_)
                ) | (
                    Ty::Scalar(crate::ir::Scalar::Boolean),
                    serde_json::Value::Bool(_)
                )
            );
            let integral =
                !matches!(ty, Ty::Scalar(crate::ir::Scalar::Integer)) || default.is_i64();
            if !fits || !integral {
                cx.error(
                    &fat.key("default"),
                    format!("default `{default}` does not fit type `{}`; defaults are for string, integer, number and boolean fields", f.ty),
                );
                continue;
            }
        }
        out.push(Field {
            name: Name {
                wire: wire.clone(),
                rust,
            },
            ty,
            optional: f.optional || f.patch,
            nullable: f.nullable || f.patch,
            default: f.default.clone(),
            lenient: f.lenient.unwrap_or(lenient),
            secret,
            boxed: false,
            patch: f.patch,
            docs: f.description.clone(),
        });
    }
    patch_setters(cx, at, &out);
    out
}

/// A `patch` field `x` gets `with_x_null()` beside `with_x(..)` (and `x_null()` on a
/// builder with `inline_body`): no other field's setter may have that name.
fn patch_setters(cx: &mut Ctx<'_>, at: &At, fields: &[Field]) {
    for f in fields.iter().filter(|f| f.patch) {
        let null = format!("{}_null", f.name.rust.trim_start_matches("r#"));
        if let Some(other) = fields
            .iter()
            .find(|o| o.name.rust.trim_start_matches("r#") == null)
        {
            cx.error_at_key(
                &at.key("fields").key(&f.name.wire),
                format!("the setter `with_{null}` that sends `null` for `{}` would also be the setter of the field `{}`; set `rust_name` on one", f.name.wire, other.name.wire),
            );
        }
    }
}

/// Lowers enum values written at `at` (a sequence) into an [`Enum`].
pub fn lower_enum(
    cx: &mut Ctx<'_>,
    at: &At,
    name: &str,
    values: &[EnumValue],
    open: bool,
) -> Option<Enum> {
    if values.is_empty() {
        cx.error(at, format!("enum `{name}` has no values"));
        return None;
    }
    // Integer enums have only integer values; a number among strings (YAML `- 1`) is
    // kept as the string value.
    let integer = values.iter().all(|v| matches!(scalar(v), Scalar::Int(_)));
    let mut scope = Scope::default();
    let mut wires: BTreeMap<String, usize> = BTreeMap::new();
    let mut variants = Vec::new();
    let mut ok = true;
    for (i, v) in values.iter().enumerate() {
        let vat = at.index(i);
        let wire = match scalar(v) {
            Scalar::Int(n) => n.to_string(),
            Scalar::Str(s) => s.clone(),
        };
        if wires.insert(wire.clone(), i).is_some() {
            cx.error(&vat, format!("duplicate value `{wire}` in enum `{name}`"));
            ok = false;
            continue;
        }
        let (given, docs) = match v {
            EnumValue::Bare(_) => (None, None),
            EnumValue::Full(f) => (f.name.clone(), f.description.clone()),
        };
        let rust = match given {
            Some(n) if naming::is_camel_ident(&n) => n,
            Some(n) if naming::is_keyword(&n) => {
                let msg = naming::keyword_message(&n, "a variant name", &format!("{n}Value"));
                cx.error(&vat.key("name"), msg);
                ok = false;
                continue;
            }
            Some(n) => {
                cx.error(
                    &vat.key("name"),
                    format!("variant name `{n}` must be UpperCamelCase"),
                );
                ok = false;
                continue;
            }
            None => match naming::camel(&wire) {
                Some(n) => n,
                None => {
                    cx.error(&vat, format!("value `{wire}` has no letters or digits to name a variant; give it a `name`"));
                    ok = false;
                    continue;
                }
            },
        };
        if open && rust == "Unknown" {
            cx.error(&vat, "`Unknown` is the variant that keeps unlisted values of an open enum; name this value differently");
            ok = false;
            continue;
        }
        if let Err(earlier) = scope.claim(&rust, &wire) {
            cx.error(
                &vat,
                format!("values `{earlier}` and `{wire}` both become the variant `{rust}`; give one a `name`"),
            );
            ok = false;
            continue;
        }
        variants.push(Variant { wire, rust, docs });
    }
    ok.then_some(Enum {
        open,
        integer,
        variants,
    })
}

fn scalar(v: &EnumValue) -> &Scalar {
    match v {
        EnumValue::Bare(s) => s,
        EnumValue::Full(f) => &f.value,
    }
}

/// The message for a `rust_name` that is a bare keyword.
pub fn rust_name_keyword(r: &str) -> String {
    format!("`{r}` is a Rust keyword, so it cannot be a `rust_name` as written; write `r#{r}` or rename it (e.g. `{r}_`)")
}
