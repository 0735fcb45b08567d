//! `kind: group`: plain values sent as `name[member]`, each member a builder method of its
//! own (`<group>_<member>`); the group itself puts nothing on the wire.

use super::{
    bare, Construct, ExampleArg, ExampleCheck, ExampleEmit, ExampleWire, KindDiff, Lowering, Unit,
};
use crate::emit::imports::Imports;
use crate::input::QueryKind;
use crate::ir::{GroupQuery, Name, QueryKindIr, QueryParam};
use crate::naming::{self, Scope};
use crate::openapi::schema::Schemas;
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use serde_json::Value;

pub(super) const UNIT: Unit = Unit {
    kind: QueryKind::Group,
    name: "group",
    keys: &["members"],
    lower,
};

fn lower(l: &mut Lowering<'_, '_>) -> Option<QueryKindIr> {
    let wire = l.wire;
    let Some(members) = &l.q.members else {
        return l.fail(None, format!("group `{wire}` needs `members`"));
    };
    let mut out = Vec::new();
    for (member, mq) in members {
        let mat = l.at.key("members").key(member);
        if mq.kind != QueryKind::Value {
            l.cx.error(
                &mat.key("kind"),
                "group members are plain values (`kind: value`)",
            );
            l.ok = false;
            continue;
        }
        let full = format!("{wire}[{member}]");
        let mut sub = Scope::default();
        let lowered = super::lower(
            l.cx, l.table, l.models, &mat, l.builder, &full, mq, &mut sub,
        );
        let Some(mut m) = lowered else {
            l.ok = false;
            continue;
        };
        let method = match &mq.rust_name {
            Some(r) => r.clone(),
            None => format!(
                "{}_{}",
                bare(&l.rust),
                naming::snake(member).unwrap_or_default()
            ),
        };
        if let Err(earlier) = l
            .scope
            .claim(&method, &format!("the group member `{full}`"))
        {
            l.cx.error_at_key(
                &mat,
                format!("group member `{full}` becomes the method `{method}`, like {earlier}"),
            );
            l.ok = false;
            continue;
        }
        m.name = Name {
            wire: full,
            rust: method,
        };
        out.push(m);
    }
    Some(QueryKindIr::Group(GroupQuery { members: out }))
}

/// A group has no slot of its own (its members have), so its emitted pieces are empty.
impl Construct for GroupQuery {
    fn kind_name(&self) -> &'static str {
        "group"
    }

    fn members(&self) -> &[QueryParam] {
        &self.members
    }

    fn slot_type(&self, _: &QueryParam, _: &Imports) -> TokenStream {
        quote!(())
    }

    fn wire_note(&self, _: &QueryParam) -> String {
        String::new()
    }

    fn setter(&self, _: &QueryParam, _: &Ident, _: TokenStream, _: &Imports) -> TokenStream {
        quote!()
    }

    fn request_call(&self, _: &QueryParam, _: &Ident, _: &Imports) -> TokenStream {
        quote!()
    }

    fn example_arg(&self, _: &QueryParam, _: &Value, _: &ExampleEmit<'_>) -> ExampleArg {
        ExampleArg::Skip
    }

    fn openapi(&self, s: &mut Schemas<'_>, q: &QueryParam, _: Option<&str>, out: &mut Vec<Value>) {
        for m in &self.members {
            m.kind.unit().openapi(s, m, Some(&q.name.wire), out);
        }
    }

    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool {
        let QueryKindIr::Group(y) = other else {
            return false;
        };
        (d.params)(d.cx, d.op, d.at, "member", &self.members, &y.members);
        true
    }

    fn describe(&self, _: &str) -> String {
        let names: Vec<String> = self
            .members
            .iter()
            .map(|m| format!("`.{}(..)`", bare(&m.name.rust)))
            .collect();
        names.join(", ")
    }

    fn sends_own_name(&self) -> bool {
        false
    }

    fn setters(&self, _: &QueryParam) -> Vec<String> {
        let members = self.members.iter();
        members.flat_map(|m| m.kind.unit().setters(m)).collect()
    }

    fn arguments(&self, _: &QueryParam) -> Vec<String> {
        let members = self.members.iter();
        members.flat_map(|m| m.kind.unit().arguments(m)).collect()
    }

    fn example_keys<'q>(&'q self, _: &'q QueryParam) -> Vec<&'q str> {
        Vec::new()
    }

    fn example_value(
        &self,
        _: &QueryParam,
        _: &IndexMap<String, Value>,
        _: &mut dyn ExampleCheck,
    ) -> Option<Value> {
        None
    }

    fn example_pairs(
        &self,
        _: &QueryParam,
        _: &Value,
        _: &dyn ExampleWire,
        _: &mut Vec<(String, String)>,
    ) {
    }
}
