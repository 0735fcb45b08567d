//! `kind: value`: one scalar or enum under the parameter's name; `null_value` adds a
//! `<name>_null()` setter sending that literal for "no value".

use super::{
    bare, sent_as, Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff,
    Lowering, Unit,
};
use crate::diff::context::Cx;
use crate::diff::report::Location;
use crate::emit::imports::Imports;
use crate::emit::tokens::{docs, ty};
use crate::input::QueryKind;
use crate::ir::{QueryKindIr, QueryParam, Ty, ValueQuery};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs as doc_text, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};
use serde_json::{json, Value};

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Value,
    name: "value",
    keys: &["type", "required", "null_value"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let ty = l.value_ty()?;
    if l.q.null_value.is_some() {
        let null_method = format!("{}_null", bare(&l.rust));
        let what = format!("the `null_value` method of `{}`", l.wire);
        if let Err(earlier) = l.scope.claim(&null_method, &what) {
            l.cx.error_at_key(
                l.at,
                format!("{what} would be `{null_method}`, like {earlier}"),
            );
            l.ok = false;
        }
    }
    Some(QueryKindIr::Value(ValueQuery {
        ty,
        null_value: l.q.null_value.clone(),
    }))
}

impl Construct for ValueQuery {
    fn kind_name(&self) -> &'static str {
        "value"
    }

    fn slot_type(&self, q: &QueryParam, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        match (q.required, self.null_value.is_some()) {
            (true, _) => t,
            (false, true) => quote!(Option<Option<#t>>),
            (false, false) => quote!(Option<#t>),
        }
    }

    fn wire_note(&self, q: &QueryParam) -> String {
        sent_as(q, "")
    }

    fn setter(&self, q: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        let set = if self.null_value.is_some() {
            quote!(Some(Some(value.into())))
        } else {
            quote!(Some(value.into()))
        };
        let null = self.null_value.as_ref().map(|lit| {
            let m = format_ident!("{}_null", bare(&q.name.rust));
            let d = docs(&format!(
                "Sends `{}={lit}`: selects items that have no `{}`.",
                q.name.wire, q.name.wire
            ));
            quote! {
                #d
                pub fn #m(mut self) -> Self { self.query.#field = Some(None); self }
            }
        });
        quote! {
            #doc
            pub fn #field(mut self, value: impl Into<#t>) -> Self {
                self.query.#field = #set;
                self
            }
            #null
        }
    }

    fn request_call(&self, q: &QueryParam, field: &Ident, _: &Imports) -> TokenStream {
        let wire = &q.name.wire;
        match (&self.null_value, q.required) {
            (_, true) => quote!(.query(#wire, &self.#field)),
            (Some(lit), false) => quote!(.nullable(#wire, &q.#field, #lit)),
            (None, false) => quote!(.opt(#wire, &q.#field)),
        }
    }

    fn example_arg(&self, q: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        if v.is_null() && !q.required {
            let null = format_ident!("{}_null", bare(&q.name.rust));
            return ExampleArg::Call(quote!(.#null()));
        }
        ExampleArg::Value((ex.value)(&self.ty, v))
    }

    fn openapi(
        &self,
        s: &mut Schemas<'_>,
        q: &QueryParam,
        group: Option<&str>,
        out: &mut Vec<Value>,
    ) {
        let mut schema = s.ty(&self.ty);
        let mut note = None;
        if let Some(lit) = &self.null_value {
            schema = json!({ "anyOf": [schema, { "type": "string", "enum": [lit] }] });
            note = Some(format!(
                "`{}={lit}` asks for items with no value.",
                q.name.wire
            ));
        }
        let mut p = param(
            &q.name.wire,
            "query",
            q.required,
            join(&[doc_text(&q.docs), note.as_deref()]),
            schema,
        );
        if let Some(lit) = &self.null_value {
            p.insert("x-null-value".into(), json!(lit));
        }
        if let Some(g) = group {
            p.insert("style".into(), json!("form"));
            p.insert("explode".into(), json!(true));
            p.insert("x-group".into(), json!(g));
        }
        out.push(Value::Object(p));
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Value(y) = other else {
            return false;
        };
        let takes = d.takes;
        d.cx.retyped(d.at, (&self.ty, false), (&y.ty, false), |a, b| {
            format!("{takes} `impl Into<{b}>` instead of `impl Into<{a}>`")
        });
        null_value(
            d.cx,
            d.at,
            d.n,
            self.null_value.as_deref(),
            y.null_value.as_deref(),
        );
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(value)`")
    }

    fn one_or_list(&self) -> Option<(&Ty, bool)> {
        Some((&self.ty, false))
    }

    fn sends_own_name(&self) -> bool {
        true
    }

    fn setters(&self, q: &QueryParam) -> Vec<String> {
        let n = bare(&q.name.rust);
        match (q.required, &self.null_value) {
            (true, _) => Vec::new(),
            (false, Some(_)) => vec![format!("`.{n}(..)`"), format!("`.{n}_null()`")],
            (false, None) => vec![format!("`.{n}(..)`")],
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
        if let Some(v) = v.filter(|v| !v.is_null() || q.required) {
            ex.check(name, v, &self.ty);
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
        let text = match (&self.null_value, v) {
            (Some(lit), Value::Null) => lit.clone(),
            _ => ex.text(v),
        };
        pairs.push((q.name.wire.clone(), text));
    }
}

fn null_value(cx: &mut Cx<'_>, at: &Location, n: &str, x: Option<&str>, y: Option<&str>) {
    match (x, y) {
        (None, Some(lit)) => cx.compatible(
            at,
            format!("null literal `{lit}` added"),
            format!("new builder method `.{n}_null()`"),
        ),
        (Some(_), None) => cx.breaking(
            at,
            "null literal removed",
            format!("calls to `.{n}_null()` stop compiling"),
        ),
        (Some(a), Some(b)) if a != b => cx.behaviour(
            at,
            format!("null literal `{a}` → `{b}`"),
            format!("`.{n}_null()` sends `{b}`"),
        ),
        (Some(_), Some(_)) | (None, None) => {}
    }
}
