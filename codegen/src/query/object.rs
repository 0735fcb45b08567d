//! `kind: object`: a model or a map sent as bracketed keys (`metadata[plan]=pro`,
//! `filter[owner][id]=7`, OpenAPI's `deepObject`), lists inside as `form_lists` says.

use super::{
    Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff, Lowering, Unit,
};
use crate::emit::imports::Imports;
use crate::emit::tokens::{form_lists, ty};
use crate::input::QueryKind;
use crate::ir::{FormLists, ObjectQuery, QueryKindIr, QueryParam, Ty};
use crate::lower::body_encoding::{no_file, Keyed};
use crate::openapi::params::{join, param};
use crate::openapi::schema::{docs, Schemas};
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::{json, Value};

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Object,
    name: "object",
    keys: &["type", "required", "form_lists"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let ty = l.ty()?;
    let q = l.q;
    let lists = q.form_lists.unwrap_or_default();
    let lists_at = match q.form_lists {
        Some(_) => l.at.key("form_lists"),
        None => l.at.key("kind"),
    };
    let shape = Keyed {
        what: "a query object",
        keys: "the bracketed keys",
        ty_text: q.ty.as_deref().unwrap_or_default(),
        ty_at: l.at.key("type"),
        lists_at,
        prefix: l.wire,
    };
    shape.check(l.cx, l.models, &ty, lists)?;
    no_file(l.cx, l.models, &l.at.key("type"), &ty, "a query object")?;
    Some(QueryKindIr::Object(ObjectQuery { ty, lists }))
}

impl Construct for ObjectQuery {
    fn kind_name(&self) -> &'static str {
        "object"
    }

    fn object_ty(&self) -> Option<&Ty> {
        Some(&self.ty)
    }

    fn slot_type(&self, q: &QueryParam, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        match q.required {
            true => t,
            false => quote!(Option<#t>),
        }
    }

    fn wire_note(&self, q: &QueryParam) -> String {
        let wire = &q.name.wire;
        let lists = match self.lists {
            FormLists::Brackets => format!("`{wire}[<member>][]`"),
            FormLists::Indexed => format!("`{wire}[<member>][0]`"),
            FormLists::Repeated => format!("`{wire}[<member>]` repeated"),
        };
        format!(
            "Sent as one `{wire}[<member>]` parameter per member (nested members as `{wire}[<member>][<inner>]`, list items as {lists})."
        )
    }

    fn setter(&self, _: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream {
        let t = ty(&self.ty, im);
        quote! {
            #doc
            pub fn #field(mut self, value: impl Into<#t>) -> Self {
                self.query.#field = Some(value.into());
                self
            }
        }
    }

    fn request_call(&self, q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
        let wire = &q.name.wire;
        let lists = form_lists(self.lists, im);
        match q.required {
            true => quote!(.object(#wire, Some(&self.#field), #lists)),
            false => quote!(.object(#wire, q.#field.as_ref(), #lists)),
        }
    }

    fn example_arg(&self, _: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg {
        ExampleArg::Value((ex.value)(&self.ty, v))
    }

    fn openapi(&self, s: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        let desc = join(&[docs(&q.docs)]);
        let mut p = param(&q.name.wire, "query", q.required, desc, s.ty(&self.ty));
        p.insert("style".into(), json!("deepObject"));
        p.insert("explode".into(), json!(true));
        p.insert("x-form-lists".into(), json!(self.lists.as_str()));
        out.push(Value::Object(p));
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Object(y) = other else {
            return false;
        };
        let ObjectQuery { ty: xt, lists: xl } = self;
        let ObjectQuery { ty: yt, lists: yl } = y;
        let takes = d.takes;
        d.cx.retyped(d.at, (xt, false), (yt, false), |a, b| {
            format!("{takes} `impl Into<{b}>` instead of `impl Into<{a}>`")
        });
        if xl != yl {
            d.cx.behaviour(
                d.at,
                format!("lists inside: `{}` keys → `{}`", xl.as_str(), yl.as_str()),
                format!(
                    "list members are sent with `{}` keys instead of `{}`",
                    yl.as_str(),
                    xl.as_str()
                ),
            );
        }
        true
    }

    fn describe(&self, n: &str) -> String {
        format!("`.{n}(object)`")
    }

    /// An object's members go out under its name (`name[member]`).
    fn sends_own_name(&self) -> bool {
        true
    }

    fn example_value(
        &self,
        q: &QueryParam,
        given: &IndexMap<String, Value>,
        ex: &mut dyn ExampleCheck,
    ) -> Option<Value> {
        let v = given.get(&q.name.wire)?;
        match ex.check(&q.name.wire, v, &self.ty) {
            true => Some(ex.wire(v, &self.ty)),
            false => Some(v.clone()),
        }
    }

    fn example_pairs(
        &self,
        q: &QueryParam,
        v: &Value,
        ex: &dyn ExampleWire,
        pairs: &mut Vec<(String, String)>,
    ) {
        pairs.extend(ex.flatten(&q.name.wire, v, self.lists));
    }
}
