//! Lowering of unions (`one_of`): variant types and names, and, once every model is
//! lowered, the checks that make a union decode what it says: a variant no earlier one
//! always takes, variants a union can hold, and a discriminator its tagged variants agree on.

use super::{At, Ctx, ModelTable};
use crate::input::{Model as InModel, OneOf, UnionVariant as InVariant};
use crate::ir::{Model, ModelKind, Scalar, Tagging, Ty, Union, UnionVariant};
use crate::naming::{self, Scope};
use crate::shapes::{self, Accepts, Shape};

/// One written variant: where it is, its discriminator value (tagged), what it says.
type Entry<'m> = (At, Option<&'m str>, &'m InVariant);

/// Lowers the union of model `name` (at `at`), reporting what is wrong with it.
pub fn lower(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    at: &At,
    name: &str,
    m: &InModel,
    one_of: &OneOf,
) -> Option<Union> {
    let vat = at.key("one_of");
    let (tagging, entries): (Tagging, Vec<Entry<'_>>) = match one_of {
        OneOf::Untagged(list) => {
            let mut ok = true;
            if m.discriminator.is_some() {
                cx.error_at_key(
                    &at.key("discriminator"),
                    format!("union `{name}` has a `discriminator`, so `one_of` maps each discriminator value to its struct model (`one_of: {{ card: Card, bank_account: BankAccount }}`), not a list"),
                );
                ok = false;
            }
            if m.open.is_some() {
                cx.error_at_key(
                    &at.key("open"),
                    "`open` applies to enums and tagged unions (with `discriminator`); an untagged union has no unknown variant to keep",
                );
                ok = false;
            }
            if list.len() < 2 {
                cx.error(
                    &vat,
                    format!("union `{name}` needs at least two variants; for one type, make `{name}` an alias (`type: ..`)"),
                );
                ok = false;
            }
            if !ok {
                return None;
            }
            let entries = list
                .iter()
                .enumerate()
                .map(|(i, v)| (vat.index(i), None, v))
                .collect();
            (Tagging::Untagged, entries)
        }
        OneOf::Tagged(map) => {
            let Some(discriminator) = m.discriminator.as_deref() else {
                cx.error_at_key(
                    &vat,
                    format!("union `{name}` maps discriminator values to models, so it needs `discriminator: <member>` (the member whose value names the variant); for an untagged union, list the types (`one_of: [string, Customer]`)"),
                );
                return None;
            };
            if discriminator.trim().is_empty() {
                cx.error(
                    &at.key("discriminator"),
                    "`discriminator` names a member; it cannot be empty",
                );
                return None;
            }
            if map.is_empty() {
                cx.error(&vat, format!("union `{name}` has no variants"));
                return None;
            }
            let entries = map
                .iter()
                .map(|(tag, v)| (vat.key(tag), Some(tag.as_str()), v))
                .collect();
            let tagging = Tagging::Tagged {
                discriminator: discriminator.to_string(),
                open: m.open.unwrap_or(true),
            };
            (tagging, entries)
        }
    };
    let open = matches!(tagging, Tagging::Tagged { open: true, .. });
    let mut scope = Scope::default();
    let mut variants = Vec::new();
    let mut ok = true;
    for (vat, tag, v) in entries {
        let (type_at, given, docs) = match v {
            InVariant::Type(_) => (vat.clone(), None, None),
            InVariant::Full(f) => (vat.key("type"), f.name.clone(), f.description.clone()),
        };
        let Some(ty) = table.resolve_json(cx, &type_at, v.ty(), "a union variant") else {
            ok = false;
            continue;
        };
        let shown = tag.map_or_else(|| format!("`{}`", v.ty()), |t| format!("`{t}`"));
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
            None => match tag {
                None => naming::variant_of_type(&ty),
                Some(t) => match naming::camel(t) {
                    Some(n) => n,
                    None => {
                        cx.error_at_key(
                            &vat,
                            format!("discriminator value `{t}` has no letters or digits to name a variant; give it a `name`"),
                        );
                        ok = false;
                        continue;
                    }
                },
            },
        };
        if open && rust == "Unknown" {
            cx.error_at_key(
                &vat,
                "`Unknown` is the variant that keeps unknown discriminator values of an open union; name this variant differently",
            );
            ok = false;
            continue;
        }
        if let Err(earlier) = scope.claim(&rust, &shown) {
            cx.error_at_key(
                &vat,
                format!("variants {earlier} and {shown} both become `{rust}`; give one a `name`"),
            );
            ok = false;
            continue;
        }
        variants.push(UnionVariant {
            rust,
            tag: tag.map(str::to_string),
            ty,
            docs,
        });
    }
    ok.then_some(Union { tagging, variants })
}

/// Checks every union of the API against the lowered models (sorted by Rust name).
pub fn check(cx: &mut Ctx<'_>, table: &ModelTable, models: &[Model]) {
    for m in models {
        let ModelKind::Union(u) = &m.kind else {
            continue;
        };
        let Some(info) = table.names.get(&m.name.wire) else {
            continue;
        };
        let vat = info.at.key("one_of");
        let at_of = |i: usize, v: &UnionVariant| match &v.tag {
            Some(t) => vat.key(t),
            None => vat.index(i),
        };
        let accepts: Vec<Accepts> = u
            .variants
            .iter()
            .map(|v| shapes::accepts(&v.ty, models))
            .collect();
        let mut ok = true;
        for (i, (v, a)) in u.variants.iter().zip(&accepts).enumerate() {
            let problem = match a {
                Accepts::Union(n) => Some(format!(
                    "a union variant cannot be another union (`{n}`); list its variants here"
                )),
                Accepts::Envelope => Some(
                    "`page<..>` and `list_or_page<..>` are response envelopes, not union variants"
                        .to_string(),
                ),
                Accepts::Scalar(Scalar::LocalDateTime) => Some(
                    "`local_date_time` cannot be a union variant yet (its wire form is set per field); use `date_or_date_time`"
                        .to_string(),
                ),
                _ => None,
            };
            if let Some(p) = problem {
                cx.error(&at_of(i, v), p);
                ok = false;
            }
        }
        if !ok {
            continue;
        }
        match &u.tagging {
            Tagging::Untagged => reachable(cx, &u.variants, &accepts, &at_of),
            Tagging::Tagged { discriminator, .. } => {
                for (i, (v, a)) in u.variants.iter().zip(&accepts).enumerate() {
                    tagged_variant(cx, models, &m.name.wire, discriminator, v, a, &at_of(i, v));
                }
            }
        }
    }
}

/// Untagged: each variant must decode some value no earlier variant takes.
fn reachable(
    cx: &mut Ctx<'_>,
    variants: &[UnionVariant],
    accepts: &[Accepts],
    at_of: &dyn Fn(usize, &UnionVariant) -> At,
) {
    for (j, later) in accepts.iter().enumerate() {
        let mut takers = Vec::new();
        let all_taken = shapes::shapes(later).iter().all(|&s| {
            let taker = (0..j).find(|&i| shapes::covers(&accepts[i], later, s));
            if let Some(i) = taker {
                takers.push((i, s));
            }
            taker.is_some()
        });
        if !all_taken {
            continue;
        }
        let (i, shape) = takers[0];
        let this = crate::openapi::schema::type_text(&variants[j].ty);
        let that = crate::openapi::schema::type_text(&variants[i].ty);
        let hint = hint(&accepts[i], later, &this, &that);
        let what = match shape {
            Shape::Any => "every value".to_string(),
            s => format!("every {} it accepts", s.word()),
        };
        cx.error(
            &at_of(j, &variants[j]),
            format!("variant `{this}` can never be chosen: {what} is taken by the earlier variant `{that}` (variants are tried in order); {hint}"),
        );
    }
}

fn hint(earlier: &Accepts, later: &Accepts, this: &str, that: &str) -> String {
    match (earlier, later) {
        (Accepts::Any, _) => "`json` takes anything: put it last".into(),
        (Accepts::Struct { .. }, Accepts::Struct { .. }) => format!(
            "give `{this}` a required member that `{that}` lacks, or tell them apart with a `discriminator`"
        ),
        (Accepts::Map, _) | (Accepts::Struct { .. }, Accepts::Map) => format!(
            "`{that}` takes every object `{this}` would: put the map last, after the structs"
        ),
        (Accepts::List, Accepts::List) => {
            "an empty array fits both lists: keep one list variant".into()
        }
        _ => format!("put `{this}` before `{that}`, or drop it"),
    }
}

/// Tagged: the variant is a struct, and any member it declares for the discriminator is a
/// string that can hold the variant's discriminator value.
fn tagged_variant(
    cx: &mut Ctx<'_>,
    models: &[Model],
    union: &str,
    discriminator: &str,
    v: &UnionVariant,
    a: &Accepts,
    at: &At,
) {
    let tag = v.tag.as_deref().unwrap_or_default();
    let Accepts::Struct { name, .. } = a else {
        let ty = crate::openapi::schema::type_text(&v.ty);
        cx.error(
            at,
            format!("the variants of tagged union `{union}` are struct models (the discriminator `{discriminator}` is one of their members); `{ty}` is not a struct"),
        );
        return;
    };
    let Some(ModelKind::Struct(fields)) = shapes::model(models, name).map(|m| &m.kind) else {
        return;
    };
    let Some(field) = fields.iter().find(|f| f.name.wire == discriminator) else {
        return;
    };
    let fits = match shapes::accepts(&field.ty, models) {
        Accepts::Scalar(Scalar::String) | Accepts::StringEnum { open: true, .. } => true,
        Accepts::StringEnum {
            open: false,
            values,
        } => {
            if !values.contains(tag) {
                cx.error(
                    at,
                    format!("`{name}.{discriminator}` is a closed enum without `{tag}`, so `{name}` could never decode as this variant; add the value or open the enum"),
                );
                return;
            }
            true
        }
        _ => false,
    };
    if !fits || field.secret || matches!(field.ty, Ty::List(_) | Ty::Map(_)) {
        cx.error(
            at,
            format!("`{name}` has a member `{discriminator}` that is not a string, but `{union}` writes the discriminator value `{tag}` there; make `{name}.{discriminator}` a `string` (or a string enum), or drop it"),
        );
    }
}
