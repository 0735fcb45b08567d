//! `kind: range`: one logical filter sent as two parameters, its lower bound under `from`
//! and its upper bound under `to`; either or both set.

use super::{
    Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff, Lowering, Unit,
};
use crate::emit::imports::{Imports, Rt};
use crate::emit::tokens::ty;
use crate::input::QueryKind;
use crate::ir::{QueryKindIr, QueryParam, RangeQuery};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{json, Map, Value};

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Range,
    name: "range",
    keys: &["type", "from", "to"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let ty = l.value_ty()?;
    let (Some(from), Some(to)) = (&l.q.from, &l.q.to) else {
        let wire = l.wire;
        return l.fail(
            None,
            format!("range `{wire}` needs both `from` and `to` (the wire names of its bounds)"),
        );
    };
    Some(QueryKindIr::Range(RangeQuery {
        ty,
        from: from.clone(),
        to: to.clone(),
    }))
}

impl Construct for RangeQuery {
    fn kind_name(&self) -> &'static str {
        "range"
    }

    fn slot_type(&self, _: &QueryParam, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        let range = im.rt(Rt::Range);
        quote!(#range<#t>)
    }

    fn wire_note(&self, _: &QueryParam) -> String {
        let (from, to) = (&self.from, &self.to);
        format!("Sent as `{from}` (lower bound) and `{to}` (upper bound); set either or both.")
    }

    fn setter(&self, _: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        let range = im.rt(Rt::Range);
        quote! {
            #doc
            pub fn #field(mut self, range: impl Into<#range<#t>>) -> Self {
                self.query.#field = range.into();
                self
            }
        }
    }

    fn request_call(&self, _: &QueryParam, field: &Ident, _: &Imports) -> TokenStream {
        let (from, to) = (&self.from, &self.to);
        quote!(.range(#from, #to, &q.#field))
    }

    fn example_arg(&self, _: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        let range = ex.im.rt(Rt::Range);
        let bound = |side: &str| v.get(side).map(|b| (ex.value)(&self.ty, b));
        ExampleArg::Value(match (bound("from"), bound("to")) {
            (Some(a), Some(b)) => quote!(#range::between(#a, #b)),
            (Some(a), None) => quote!(#range::since(#a)),
            (None, Some(b)) => quote!(#range::until(#b)),
            (None, None) => return ExampleArg::Skip,
        })
    }

    fn openapi(&self, s: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        for (wire, bound) in [(&self.from, "Lower"), (&self.to, "Upper")] {
            let note = format!("{bound} bound of the `{}` range.", q.name.wire);
            let desc = join(&[Some(&note), docs(&q.docs)]);
            let mut p = param(wire, "query", false, desc, s.ty(&self.ty));
            p.insert("x-range".into(), json!(q.name.wire));
            out.push(Value::Object(p));
        }
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Range(y) = other else {
            return false;
        };
        let RangeQuery {
            ty: xt,
            from: xf,
            to: xto,
        } = self;
        let RangeQuery {
            ty: yt,
            from: yf,
            to: yto,
        } = y;
        let takes = d.takes;
        d.cx.retyped(d.at, (xt, false), (yt, false), |a, b| {
            format!("{takes} `Range<{b}>` instead of `Range<{a}>`")
        });
        if xf != yf || xto != yto {
            d.cx.behaviour(
                d.at,
                format!("bounds `{xf}`/`{xto}` → `{yf}`/`{yto}`"),
                format!("the bounds are sent as `{yf}` and `{yto}`"),
            );
        }
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(range)`")
    }

    fn sends_own_name(&self) -> bool {
        false
    }

    fn example_keys<'q>(&'q self, _: &'q QueryParam) -> Vec<&'q str> {
        vec![self.from.as_str(), self.to.as_str()]
    }

    fn example_value(
        &self,
        _: &QueryParam,
        given: &IndexMap<String, Value>,
        ex: &mut dyn ExampleCheck,
    ) -> Option<Value> {
        let mut bounds = Map::new();
        for (side, key) in [("from", &self.from), ("to", &self.to)] {
            if let Some(v) = given.get(key) {
                ex.check(key, v, &self.ty);
                bounds.insert(side.to_string(), v.clone());
            }
        }
        (!bounds.is_empty()).then_some(Value::Object(bounds))
    }

    fn example_pairs(
        &self,
        q: &QueryParam,
        v: &Value,
        ex: &dyn ExampleWire,
        pairs: &mut Vec<(String, String)>,
    ) {
        let Value::Object(bounds) = v else {
            return pairs.push((q.name.wire.clone(), ex.text(v)));
        };
        for (side, key) in [("from", &self.from), ("to", &self.to)] {
            if let Some(b) = bounds.get(side) {
                pairs.push((key.clone(), ex.text(b)));
            }
        }
    }
}
