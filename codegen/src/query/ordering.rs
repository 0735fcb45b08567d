//! `kind: ordering`: sorting by listed fields, as a `-field` prefix, a `field:desc` suffix
//! (separator and direction words configurable), or a field and a reversed flag in two
//! parameters; one field, or several (`multi`) sent as `list` says.

use super::{
    lists, sent_as, Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff,
    Lowering, Unit,
};
use crate::diag::hint;
use crate::emit::imports::{Imports, Rt};
use crate::input::QueryKind;
use crate::ir::{
    Enum, ListStyle, OrderSuffix, OrderingQuery, OrderingStyle, QueryKindIr, QueryParam,
};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::{json, Value};

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Ordering,
    name: "ordering",
    keys: &[
        "fields",
        "multi",
        "style",
        "list",
        "separator",
        "direction_separator",
        "asc",
        "desc",
        "field_param",
        "reversed_param",
    ],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let (q, wire) = (l.q, l.wire);
    let Some(fields) = &q.fields else {
        return l.fail(
            None,
            format!("ordering `{wire}` needs `fields`, the values it can sort by"),
        );
    };
    let type_name = format!(
        "{}{}",
        l.builder,
        crate::naming::camel(wire).unwrap_or_default()
    );
    let fields =
        crate::lower::models::lower_enum(l.cx, &l.at.key("fields"), &type_name, fields, true)?;
    let (field_param, reversed_param) = match q.style {
        OrderingStyle::Prefix | OrderingStyle::Suffix => (wire.to_string(), String::new()),
        OrderingStyle::FieldFlag => match (&q.field_param, &q.reversed_param) {
            (Some(f), Some(r)) => (f.clone(), r.clone()),
            _ => {
                return l.fail(None, format!("ordering `{wire}` with `style: field_flag` needs `field_param` and `reversed_param`"));
            }
        },
    };
    if q.multi && q.style == OrderingStyle::FieldFlag {
        l.cx.error(
            &l.at.key("multi"),
            "`multi` needs `style: prefix` or `suffix`; a field and a flag carry one field",
        );
        return None;
    }
    if !q.multi && (q.list.is_some() || q.separator.is_some()) {
        let key = if q.list.is_some() {
            "list"
        } else {
            "separator"
        };
        return l.fail(
            Some(key),
            format!("`{key}` says how several fields are sent; it needs `multi: true`"),
        );
    }
    let list = lists::lower(l)?;
    let suffix = suffix(l)?;
    Some(QueryKindIr::Ordering(OrderingQuery {
        type_name,
        fields,
        multi: q.multi,
        style: q.style,
        field_param,
        reversed_param,
        suffix,
        list,
    }))
}

/// The suffix form, for `style: suffix` (its keys are errors otherwise).
fn suffix(l: &mut Lowering<'_, '_>) -> Option<Option<OrderSuffix>> {
    let q = l.q;
    if q.style != OrderingStyle::Suffix {
        let set = [
            ("direction_separator", q.direction_separator.is_some()),
            ("asc", q.asc.is_some()),
            ("desc", q.desc.is_some()),
        ];
        if let Some((key, _)) = set.iter().find(|(_, present)| *present) {
            return l.fail(
                Some(key),
                format!("`{key}` applies to `style: suffix` only"),
            );
        }
        return Some(None);
    }
    let separator = q.direction_separator.clone().unwrap_or_else(|| ":".into());
    let asc = q.asc.clone().unwrap_or_else(|| "asc".into());
    let desc = q.desc.clone().unwrap_or_else(|| "desc".into());
    if separator.is_empty() || desc.is_empty() || asc == desc {
        return l.fail(
            None,
            "a suffix ordering needs a non-empty `direction_separator` and `desc`, and `asc` different from `desc`".into(),
        );
    }
    Some(Some(OrderSuffix {
        separator,
        asc,
        desc,
    }))
}

/// How several sort fields go on the wire, as a sentence.
fn order_list(wire: &str, style: &ListStyle) -> String {
    match style {
        ListStyle::Joined(sep) if sep == "," => format!("Sent comma-joined as `{wire}`."),
        ListStyle::Joined(sep) => format!("Sent as `{wire}`, joined by `{sep}`."),
        ListStyle::Repeated => format!("Sent as one `{wire}` parameter per field."),
        ListStyle::Brackets => format!("Sent as one `{wire}[]` parameter per field."),
    }
}

impl Construct for OrderingQuery {
    fn kind_name(&self) -> &'static str {
        "ordering"
    }

    fn ordering_enum(&self) -> Option<(&str, &Enum)> {
        Some((&self.type_name, &self.fields))
    }

    fn slot_type(&self, _: &QueryParam, im: &Imports) -> TokenStream {
        let t = format_ident!("{}", self.type_name);
        let order = im.rt(Rt::Order);
        if self.multi {
            quote!(Vec<#order<#t>>)
        } else {
            quote!(Option<#order<#t>>)
        }
    }

    fn wire_note(&self, q: &QueryParam) -> String {
        let wire = &q.name.wire;
        let (multi, list) = (self.multi, &self.list);
        if self.style == OrderingStyle::FieldFlag {
            let (f, r) = (&self.field_param, &self.reversed_param);
            return format!("Sent as `{f}` and `{r}` (`true` for descending).");
        }
        match &self.suffix {
            Some(sf) => {
                let how = if multi {
                    format!("{} ", order_list(wire, list))
                } else {
                    String::new()
                };
                let asc = if sf.asc.is_empty() {
                    "a bare field is ascending".to_string()
                } else {
                    format!("`<field>{}{}` ascending", sf.separator, sf.asc)
                };
                format!(
                    "{how}`<field>{}{}` sorts descending, {asc}.",
                    sf.separator, sf.desc
                )
            }
            None if multi && list.is_comma() => {
                format!(
                    "{} `-` marks descending fields.",
                    sent_as(q, "comma-joined ")
                )
            }
            None if multi => format!("{} `-` marks descending fields.", order_list(wire, list)),
            None => format!("{} `-` marks descending.", sent_as(q, "")),
        }
    }

    fn setter(&self, _: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let t = format_ident!("{}", self.type_name);
        let order = im.rt(Rt::Order);
        if self.multi {
            quote! {
                #doc
                pub fn #field(mut self, orders: impl IntoIterator<Item = #order<#t>>) -> Self {
                    self.query.#field = orders.into_iter().collect();
                    self
                }
            }
        } else {
            quote! {
                #doc
                pub fn #field(mut self, order: #order<#t>) -> Self {
                    self.query.#field = Some(order);
                    self
                }
            }
        }
    }

    fn request_call(&self, q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
        let wire = &q.name.wire;
        let orders = match self.multi {
            true => quote!(&q.#field),
            false => quote!(q.#field.as_slice()),
        };
        if self.style == OrderingStyle::FieldFlag {
            let (f, r) = (&self.field_param, &self.reversed_param);
            return quote!(.ordering_flag(#f, #r, &q.#field));
        }
        if self.suffix.is_none() && self.list.is_comma() {
            return quote!(.ordering(#wire, #orders));
        }
        let form_ty = im.rt(Rt::OrderForm);
        let form = match &self.suffix {
            None => quote!(#form_ty::Prefix),
            Some(OrderSuffix {
                separator,
                asc,
                desc,
            }) => quote!(#form_ty::Suffix { separator: #separator, asc: #asc, desc: #desc }),
        };
        let style = lists::runtime(&self.list, im);
        quote!(.orders(#wire, #orders, #form, #style))
    }

    fn example_arg(&self, _: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        let order = ex.im.rt(Rt::Order);
        let field_type = ex.im.api(&self.type_name);
        let one = |x: &Value| {
            let text = x.as_str().unwrap_or_default();
            let (wire, dir) = match text.strip_prefix('-') {
                Some(w) => (w, quote!(Desc)),
                None => (text, quote!(Asc)),
            };
            let variant = self
                .fields
                .variants
                .iter()
                .find(|x| x.wire == wire)
                .map(|x| format_ident!("{}", x.rust));
            quote!(#order::#dir(#field_type::#variant))
        };
        ExampleArg::Value(match v {
            Value::Array(items) => {
                let items = items.iter().map(one);
                quote!([#(#items),*])
            }
            other if self.multi => {
                let o = one(other);
                quote!([#o])
            }
            other => one(other),
        })
    }

    fn openapi(&self, _: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        let d = docs(&q.docs);
        let fields = &self.fields;
        if self.style == OrderingStyle::FieldFlag {
            let field_param = &self.field_param;
            let note = Schemas::enum_note(fields);
            let mut field = param(
                field_param,
                "query",
                q.required,
                join(&[d, Some("The field to sort by."), Some(&note)]),
                Schemas::enumeration(fields),
            );
            field.insert("style".into(), json!("form"));
            field.insert("x-ordering".into(), json!(q.name.wire));
            let mut reversed = param(
                &self.reversed_param,
                "query",
                false,
                Some(format!(
                    "`true` sorts by `{field_param}` in descending order."
                )),
                json!({ "type": "boolean" }),
            );
            reversed.insert("style".into(), json!("form"));
            reversed.insert("x-ordering".into(), json!(q.name.wire));
            out.push(Value::Object(field));
            out.push(Value::Object(reversed));
            return;
        }
        let (multi, list, suffix) = (self.multi, &self.list, &self.suffix);
        let values = match suffix {
            Some(sf) => string_values(suffixed(fields, sf), fields.open),
            None => string_values(prefixed(fields), fields.open),
        };
        let open = fields.open.then_some("Other field names are accepted too.");
        let how = match (suffix, multi && list.is_comma()) {
            (None, true) => Some("Comma-joined fields, applied in order; a `-` prefix sorts that field in descending order."),
            (None, false) if !multi => Some("One field; a `-` prefix sorts in descending order."),
            _ => None,
        };
        let desc = join(&[d, how, open]);
        let mut p = if multi {
            let mut p = param(
                &lists::openapi_name(&q.name.wire, list),
                "query",
                q.required,
                desc,
                json!({ "type": "array", "items": values }),
            );
            lists::openapi_form(&mut p, list);
            p
        } else {
            param(&q.name.wire, "query", q.required, desc, values)
        };
        p.insert("x-ordering".into(), json!(q.name.wire));
        if let Some(sf) = suffix {
            p.insert(
                "x-ordering-suffix".into(),
                json!({ "separator": sf.separator, "asc": sf.asc, "desc": sf.desc }),
            );
        }
        out.push(Value::Object(p));
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Ordering(y) = other else {
            return false;
        };
        let OrderingQuery {
            type_name: xt,
            fields: xf,
            multi: xm,
            style: xs,
            field_param: xfp,
            reversed_param: xrp,
            suffix: xsf,
            list: xl,
        } = self;
        let OrderingQuery {
            type_name: yt,
            fields: yf,
            multi: ym,
            style: ys,
            field_param: yfp,
            reversed_param: yrp,
            suffix: ysf,
            list: yl,
        } = y;
        let (cx, at, takes) = (&mut *d.cx, d.at, d.takes);
        if xt != yt {
            cx.breaking(
                at,
                format!("field enum `{xt}` → `{yt}`"),
                format!("code naming `{xt}` stops compiling"),
            );
        }
        crate::diff::enums::diff_enum(cx, at, yt, "field", xf, yf);
        match (xm, ym) {
            (false, true) => cx.breaking(
                at,
                "several fields at once (multi)",
                format!("{takes} an iterator of orders instead of one order"),
            ),
            (true, false) => cx.breaking(
                at,
                "one field at a time (no longer multi)",
                format!("{takes} one order instead of an iterator of orders"),
            ),
            (true, true) | (false, false) => {}
        }
        lists::diff(cx, at, "fields", xl, yl);
        if xs != ys || xfp != yfp || xrp != yrp || xsf != ysf {
            let sent = |s: &OrderingStyle, fp: &str, rp: &str| match s {
                OrderingStyle::Prefix => "`-`-prefixed fields".to_string(),
                OrderingStyle::FieldFlag => format!("`{fp}` and `{rp}`"),
                OrderingStyle::Suffix => "fields with a direction suffix".to_string(),
            };
            cx.behaviour(
                at,
                "sent differently",
                format!(
                    "orders are sent as {} instead of {}",
                    sent(ys, yfp, yrp),
                    sent(xs, xfp, xrp)
                ),
            );
        }
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(order)`")
    }

    fn sends_own_name(&self) -> bool {
        match self.style {
            OrderingStyle::Prefix | OrderingStyle::Suffix => true,
            OrderingStyle::FieldFlag => false,
        }
    }

    fn example_value(
        &self,
        q: &QueryParam,
        given: &IndexMap<String, Value>,
        ex: &mut dyn ExampleCheck,
    ) -> Option<Value> {
        let name = &q.name.wire;
        let v = given.get(name);
        let items: Vec<&Value> = match v {
            None => Vec::new(),
            Some(Value::Array(items)) if self.multi => items.iter().collect(),
            Some(one @ Value::String(_)) => vec![one],
            Some(_) => {
                let what = if self.multi {
                    "a field or a list of fields"
                } else {
                    "one field"
                };
                ex.error(
                    name,
                    format!("`{name}` takes {what}, each `-` prefixed for descending order"),
                );
                Vec::new()
            }
        };
        for item in items {
            let field = item.as_str().unwrap_or_default();
            let field = field.strip_prefix('-').unwrap_or(field);
            if !self.fields.variants.iter().any(|x| x.wire == field) {
                let listed = self.fields.variants.iter().map(|x| x.wire.as_str());
                ex.error(
                    name,
                    format!(
                        "`{field}` is not a listed field of the ordering `{name}`{}",
                        hint(field, listed)
                    ),
                );
            }
        }
        v.cloned()
    }

    fn example_pairs(
        &self,
        q: &QueryParam,
        v: &Value,
        ex: &dyn ExampleWire,
        pairs: &mut Vec<(String, String)>,
    ) {
        if let (OrderingStyle::FieldFlag, Value::String(s)) = (self.style, v) {
            let (field, desc) = match s.strip_prefix('-') {
                Some(f) => (f, true),
                None => (s.as_str(), false),
            };
            pairs.push((self.field_param.clone(), field.to_string()));
            pairs.push((self.reversed_param.clone(), desc.to_string()));
            return;
        }
        let items: Vec<&Value> = match v {
            Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        let texts = items
            .iter()
            .map(|x| {
                let t = ex.text(x);
                match (&self.suffix, t.strip_prefix('-')) {
                    (None, _) => t,
                    (Some(sf), Some(field)) => format!("{field}{}{}", sf.separator, sf.desc),
                    (Some(sf), None) if sf.asc.is_empty() => t,
                    (Some(sf), None) => format!("{t}{}{}", sf.separator, sf.asc),
                }
            })
            .collect();
        lists::pairs(pairs, &q.name.wire, texts, &self.list);
    }
}

/// Every `field<sep>asc` and `field<sep>desc` value of a suffix ordering.
fn suffixed(q: &Enum, sf: &OrderSuffix) -> Vec<Value> {
    q.variants
        .iter()
        .flat_map(|v| {
            let asc = if sf.asc.is_empty() {
                v.wire.clone()
            } else {
                format!("{}{}{}", v.wire, sf.separator, sf.asc)
            };
            [
                json!(asc),
                json!(format!("{}{}{}", v.wire, sf.separator, sf.desc)),
            ]
        })
        .collect()
}

/// The values of an ordering parameter in `prefix` style: every field and its `-` form.
fn prefixed(q: &Enum) -> Vec<Value> {
    q.variants
        .iter()
        .flat_map(|v| [json!(v.wire), json!(format!("-{}", v.wire))])
        .collect()
}

/// A string schema over `values`: `enum` when closed, `x-extensible-enum` when open.
fn string_values(values: Vec<Value>, open: bool) -> Value {
    if open {
        json!({ "type": "string", "x-open-enum": true, "x-extensible-enum": values })
    } else {
        json!({ "type": "string", "enum": values })
    }
}
