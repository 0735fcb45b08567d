//! `kind: list` (and `csv`, its comma-joined form): values of one type, joined in one
//! parameter, the key repeated, or the key repeated with `[]`.

use super::{
    lists, sent_as, Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff,
    Lowering, Unit,
};
use crate::emit::imports::Imports;
use crate::emit::tokens::ty;
use crate::input::QueryKind;
use crate::ir::{ListQuery, ListStyle, QueryKindIr, QueryParam, Ty};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{json, Value};

pub(super) const CSV: Unit = Unit {
    kind: QueryKind::Csv,
    name: "csv",
    keys: &["type", "list"],
    lower,
};

pub(super) const LIST: Unit = Unit {
    kind: QueryKind::List,
    name: "list",
    keys: &["type", "list", "separator"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let ty = l.value_ty()?;
    let style = lists::lower(l)?;
    Some(QueryKindIr::List(ListQuery { ty, style }))
}

impl Construct for ListQuery {
    fn kind_name(&self) -> &'static str {
        match self.style.is_comma() {
            true => "csv",
            false => "list",
        }
    }

    fn slot_type(&self, _: &QueryParam, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        quote!(Vec<#t>)
    }

    fn wire_note(&self, q: &QueryParam) -> String {
        let wire = &q.name.wire;
        match &self.style {
            ListStyle::Repeated => format!("Sent as one `{wire}` parameter per value."),
            ListStyle::Brackets => format!("Sent as one `{wire}[]` parameter per value."),
            style => sent_as(q, &lists::words(style)),
        }
    }

    fn setter(&self, _: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        quote! {
            #doc
            pub fn #field<I: Into<#t>>(mut self, values: impl IntoIterator<Item = I>) -> Self {
                self.query.#field = values.into_iter().map(Into::into).collect();
                self
            }
        }
    }

    fn request_call(&self, q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
        let wire = &q.name.wire;
        if self.style.is_comma() {
            return quote!(.csv(#wire, &q.#field));
        }
        let style = lists::runtime(&self.style, im);
        quote!(.list(#wire, &q.#field, #style))
    }

    fn example_arg(&self, q: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        let t = &self.ty;
        match v {
            // A list setter takes any iterable: plain values read best as an array.
            Value::Array(items)
                if !q.required && items.iter().all(|x| (ex.literal)(t, x).is_some()) =>
            {
                let items = items.iter().filter_map(|x| (ex.literal)(t, x));
                ExampleArg::Value(quote!([#(#items),*]))
            }
            _ => ExampleArg::Value((ex.value)(&Ty::List(Box::new(t.clone())), v)),
        }
    }

    fn openapi(&self, s: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        let schema = json!({ "type": "array", "items": s.ty(&self.ty) });
        let note = self.style.is_comma().then_some("Comma-joined list.");
        let mut p = param(
            &lists::openapi_name(&q.name.wire, &self.style),
            "query",
            q.required,
            join(&[docs(&q.docs), note]),
            schema,
        );
        lists::openapi_form(&mut p, &self.style);
        out.push(Value::Object(p));
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::List(y) = other else {
            return false;
        };
        let takes = d.takes;
        d.cx.retyped(d.at, (&self.ty, false), (&y.ty, false), |a, b| {
            format!("{takes} items of `{b}` instead of `{a}`")
        });
        lists::diff(d.cx, d.at, "values", &self.style, &y.style);
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(values)`")
    }

    fn one_or_list(&self) -> Option<(&Ty, bool)> {
        Some((&self.ty, true))
    }

    fn sends_own_name(&self) -> bool {
        true
    }

    fn example_value(
        &self,
        q: &QueryParam,
        given: &IndexMap<String, Value>,
        ex: &mut dyn ExampleCheck,
    ) -> Option<Value> {
        let name = &q.name.wire;
        let v = given.get(name);
        if let Some(v) = v {
            ex.check(name, v, &Ty::List(Box::new(self.ty.clone())));
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
        match v {
            Value::Array(items) => {
                let texts = items.iter().map(|x| ex.text(x)).collect();
                lists::pairs(pairs, &q.name.wire, texts, &self.style);
            }
            other => pairs.push((q.name.wire.clone(), ex.text(other))),
        }
    }
}
