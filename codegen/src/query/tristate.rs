//! `kind: tristate`: a boolean sent as `true` or `false`, or `all_value` for "either".

use super::{
    sent_as, Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff, Lowering,
    Unit,
};
use crate::emit::imports::{Imports, Rt};
use crate::input::QueryKind;
use crate::ir::{QueryKindIr, QueryParam, TristateQuery};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{json, Value};

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Tristate,
    name: "tristate",
    keys: &["all_value"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let Some(all) = &l.q.all_value else {
        let wire = l.wire;
        return l.fail(
            None,
            format!(
                "tristate `{wire}` needs `all_value`, the literal the API takes for \"either\""
            ),
        );
    };
    Some(QueryKindIr::Tristate(TristateQuery {
        all_value: all.clone(),
    }))
}

impl Construct for TristateQuery {
    fn kind_name(&self) -> &'static str {
        "tristate"
    }

    fn slot_type(&self, _: &QueryParam, im: &Imports) -> TokenStream {
        let tri = im.rt(Rt::TriState);
        quote!(Option<#tri>)
    }

    fn wire_note(&self, q: &QueryParam) -> String {
        let all_value = &self.all_value;
        format!(
            "{} `true`, `false`, or `{all_value}` for [`TriState::All`].",
            sent_as(q, "")
        )
    }

    fn setter(&self, _: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let tri = im.rt(Rt::TriState);
        quote! {
            #doc
            pub fn #field(mut self, value: #tri) -> Self {
                self.query.#field = Some(value);
                self
            }
        }
    }

    fn request_call(&self, q: &QueryParam, field: &Ident, _: &Imports) -> TokenStream {
        let (wire, all_value) = (&q.name.wire, &self.all_value);
        quote!(.tristate(#wire, &q.#field, #all_value))
    }

    fn example_arg(&self, _: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        let tri = ex.im.rt(Rt::TriState);
        ExampleArg::Value(match v {
            Value::Bool(true) => quote!(#tri::True),
            Value::Bool(false) => quote!(#tri::False),
            _ => quote!(#tri::All),
        })
    }

    fn openapi(&self, _: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        let all_value = &self.all_value;
        let note = format!("`true`, `false`, or `{all_value}` for either.");
        out.push(Value::Object(param(
            &q.name.wire,
            "query",
            q.required,
            join(&[docs(&q.docs), Some(&note)]),
            json!({ "type": "string", "enum": ["true", "false", all_value] }),
        )));
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Tristate(y) = other else {
            return false;
        };
        let (xa, ya) = (&self.all_value, &y.all_value);
        if xa != ya {
            d.cx.behaviour(
                d.at,
                format!("`all` literal `{xa}` → `{ya}`"),
                format!("`TriState::All` is sent as `{ya}`"),
            );
        }
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(TriState)`")
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
        let (name, all_value) = (&q.name.wire, &self.all_value);
        let v = given.get(name);
        match v {
            Some(Value::Bool(_)) | None => {}
            Some(Value::String(s)) if s == all_value => {}
            Some(_) => ex.error(
                name,
                format!("`{name}` takes `true`, `false` or `{all_value}`"),
            ),
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
        pairs.push((q.name.wire.clone(), ex.text(v)));
    }
}
