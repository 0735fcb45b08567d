//! Query parameters, one unit per construct. Each kind's file holds, side by side, the
//! input keys it takes, its lowering with located errors, its emitted pieces (builder slot,
//! setter, `Request` call, an example's argument), its OpenAPI form, its api-diff
//! comparison, and its example's check and wire form. This file holds what the kinds share:
//! the table of kinds, the common lowering (names, keys that do not fit the kind), and the
//! trait each IR kind implements, which the layers call instead of matching on kinds.
//!
//! Adding a kind: a variant in `input::QueryKind` and `ir::QueryKindIr`, a file here with
//! its `UNIT` and `impl Construct`, and a line in `UNITS` and in `QueryKindIr::unit`.

mod group;
mod list;
mod lists;
mod object;
mod ordering;
mod range;
mod tristate;
mod value;

use crate::diff::context::{Cx as DiffCx, Op as QueryOp};
use crate::diff::report::Location;
use crate::emit::imports::Imports;
use crate::input::{QueryKind, QueryParam as InQuery};
use crate::ir::{self, Enum, Name, QueryKindIr, QueryParam, Ty};
use crate::lower::{At, Ctx, ModelTable};
use crate::naming::{self, Scope};
use crate::openapi::schema::Schemas;
use indexmap::IndexMap;
use proc_macro2::{Ident, TokenStream};
use serde_json::Value;

/// One kind as the format spells it: its name, the keys it takes besides `kind`, `type`
/// (when listed), `description` and `rust_name`, and its lowering.
pub(crate) struct Unit {
    /// `kind:` in the format.
    pub kind: QueryKind,
    /// The kind's name, for messages.
    pub name: &'static str,
    /// The input keys that apply (see `InQuery::has`).
    pub keys: &'static [&'static str],
    /// Lowers a parameter of this kind whose keys fit.
    pub lower: fn(&mut Lowering<'_, '_>) -> Option<QueryKindIr>,
}

/// Every kind, in the order messages list them.
const UNITS: &[Unit] = &[
    value::UNIT,
    list::CSV,
    list::LIST,
    ordering::UNIT,
    range::UNIT,
    tristate::UNIT,
    group::UNIT,
    object::UNIT,
];

/// The keys every kind takes.
const COMMON_KEYS: &[&str] = &["kind", "description", "rust_name"];

fn unit_of(kind: QueryKind) -> &'static Unit {
    UNITS
        .iter()
        .find(|u| u.kind == kind)
        .expect("every query kind has a unit")
}

impl QueryKindIr {
    /// The construct's unit.
    pub(crate) fn unit(&self) -> &dyn Construct {
        match self {
            QueryKindIr::Value(k) => k,
            QueryKindIr::List(k) => k,
            QueryKindIr::Ordering(k) => k,
            QueryKindIr::Range(k) => k,
            QueryKindIr::Tristate(k) => k,
            QueryKindIr::Group(k) => k,
            QueryKindIr::Object(k) => k,
        }
    }
}

/// What lowering one parameter works with.
pub(crate) struct Lowering<'c, 'a> {
    pub cx: &'c mut Ctx<'a>,
    pub table: &'c ModelTable,
    pub models: &'c [ir::Model],
    /// Where the parameter is.
    pub at: &'c At,
    /// The operation's builder type name (generated enums are named after it).
    pub builder: &'c str,
    /// The parameter's wire name.
    pub wire: &'c str,
    pub q: &'c InQuery,
    /// The builder's method names.
    pub scope: &'c mut Scope,
    /// The parameter's Rust name.
    pub rust: String,
    /// No error reported yet (lowering goes on to find more).
    pub ok: bool,
}

impl Lowering<'_, '_> {
    fn kind_name(&self) -> &'static str {
        unit_of(self.q.kind).name
    }

    /// The `type`, resolved; an error when missing.
    pub fn ty(&mut self) -> Option<Ty> {
        match &self.q.ty {
            Some(t) => self.table.resolve(self.cx, &self.at.key("type"), t),
            None => {
                let (wire, kind) = (self.wire, self.kind_name());
                self.cx.error_at_key(
                    self.at,
                    format!("query parameter `{wire}` of kind `{kind}` needs a `type`"),
                );
                None
            }
        }
    }

    /// The `type` of one value on the wire: a scalar or an enum.
    pub fn value_ty(&mut self) -> Option<Ty> {
        let ty = self.ty()?;
        let at = self.at.key("type");
        let message = match &ty {
            Ty::Model(n) if !self.table.is_enum(&n.wire) => format!(
                "a query value must be a scalar or an enum; `{}` is not an enum",
                n.wire
            ),
            Ty::Scalar(ir::Scalar::File) => "a query value cannot be a `file`: files are parts of a multipart request body (`body_encoding: multipart`)".to_string(),
            Ty::Scalar(ir::Scalar::Json | ir::Scalar::Bytes)
            | Ty::List(_)
            | Ty::Map(_)
            | Ty::Page(_)
            | Ty::ListOrPage(_) => {
                "a query value must be a scalar or an enum (use `kind: csv` for lists)".to_string()
            }
            _ => return Some(ty),
        };
        self.cx.error(&at, message);
        None
    }

    /// Reports `message` at `key` (the parameter itself when the key is absent) and
    /// gives up on the parameter.
    pub fn fail<T>(&mut self, key: Option<&str>, message: String) -> Option<T> {
        match key {
            Some(k) => self.cx.error_at_key(&self.at.key(k), message),
            None => self.cx.error_at_key(self.at, message),
        }
        None
    }
}

/// Lowers one query parameter (`wire` under `at`), claiming its method names in `scope`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn lower(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    models: &[ir::Model],
    at: &At,
    builder: &str,
    wire: &str,
    q: &InQuery,
    scope: &mut Scope,
) -> Option<QueryParam> {
    let unit = unit_of(q.kind);
    let mut ok = true;
    for key in InQuery::KEYS {
        if !COMMON_KEYS.contains(key) && q.has(key) && !unit.keys.contains(key) {
            let fits: Vec<String> = UNITS
                .iter()
                .filter(|u| u.keys.contains(key))
                .map(|u| format!("`{}`", u.name))
                .collect();
            cx.error_at_key(
                &at.key(key),
                format!(
                    "`{key}` does not apply to `kind: {}` (only to {})",
                    unit.name,
                    fits.join(", ")
                ),
            );
            ok = false;
        }
    }
    let rust = rust_name(cx, at, wire, q)?;
    if let Err(earlier) = scope.claim(&rust, &format!("the query parameter `{wire}`")) {
        cx.error_at_key(
            at,
            format!("query parameter `{wire}` becomes `{rust}`, like {earlier}; set `rust_name`"),
        );
        ok = false;
    }
    let mut l = Lowering {
        cx,
        table,
        models,
        at,
        builder,
        wire,
        q,
        scope,
        rust,
        ok,
    };
    let kind = (unit.lower)(&mut l)?;
    let Lowering { ok, rust, .. } = l;
    ok.then(|| QueryParam {
        name: Name {
            wire: wire.to_string(),
            rust,
        },
        docs: q.description.clone(),
        required: q.required,
        kind,
    })
}

/// The parameter's Rust name: `rust_name`, or the snake_case of the wire name.
fn rust_name(cx: &mut Ctx<'_>, at: &At, wire: &str, q: &InQuery) -> Option<String> {
    match &q.rust_name {
        Some(r) if naming::is_rust_name(r) => Some(r.clone()),
        Some(r) if naming::is_keyword(r) => {
            cx.error(
                &at.key("rust_name"),
                crate::lower::models::rust_name_keyword(r),
            );
            None
        }
        Some(r) => {
            cx.error(
                &at.key("rust_name"),
                format!("rust_name `{r}` must be a snake_case identifier"),
            );
            None
        }
        None => match naming::snake(wire) {
            Some(r) => Some(r),
            None => {
                cx.error_at_key(
                    at,
                    format!("query parameter `{wire}` has no letters to make a Rust name from; set `rust_name`"),
                );
                None
            }
        },
    }
}

/// An example's value for one slot, as the emitted call takes it.
pub(crate) enum ExampleArg {
    /// The argument of the client method or setter.
    Value(TokenStream),
    /// A whole call on the builder instead (`.since_null()`).
    Call(TokenStream),
    /// Nothing to write.
    Skip,
}

/// What writing an example's argument needs from the emitter.
pub(crate) struct ExampleEmit<'a> {
    pub im: &'a Imports<'a>,
    /// A value of a type, as Rust (a literal, or parsed from its JSON).
    pub value: &'a dyn Fn(&Ty, &Value) -> TokenStream,
    /// A literal for a plain value, when there is one.
    pub literal: &'a dyn Fn(&Ty, &Value) -> Option<TokenStream>,
}

/// What checking an example's query values needs from the example checker.
pub(crate) trait ExampleCheck {
    /// Checks `v`, set under the query key `key`, as a `ty`; a located error when not.
    fn check(&mut self, key: &str, v: &Value, ty: &Ty) -> bool;
    /// Reports an error at the query key `key`.
    fn error(&mut self, key: &str, message: String);
    /// The value as the client encodes it (members in declaration order, ...).
    fn wire(&self, v: &Value, ty: &Ty) -> Value;
}

/// What writing an example's query pairs needs from the example wire.
pub(crate) trait ExampleWire {
    /// A value's text on the wire.
    fn text(&self, v: &Value) -> String;
    /// An object as bracketed keys, as the runtime flattens it.
    fn flatten(&self, key: &str, v: &Value, lists: ir::FormLists) -> Vec<(String, String)>;
}

/// What comparing two parameters of one kind needs from api-diff.
pub(crate) struct KindDiff<'d, 'c> {
    pub cx: &'d mut DiffCx<'c>,
    pub op: &'d QueryOp<'d>,
    pub at: &'d Location,
    /// Where the value is passed ("`.x(..)` takes"), for retypes.
    pub takes: &'d str,
    /// The parameter's Rust name, bare.
    pub n: &'d str,
    /// Compares two lists of parameters (a group's members).
    pub params:
        fn(&mut DiffCx<'_>, &QueryOp<'_>, &Location, &'static str, &[QueryParam], &[QueryParam]),
}

/// A query construct, implemented by each IR kind.
pub(crate) trait Construct {
    /// The kind's name in the format.
    fn kind_name(&self) -> &'static str;
    /// A group's members (they are slots of their own).
    fn members(&self) -> &[QueryParam] {
        &[]
    }
    /// The enum of sortable fields an ordering generates.
    fn ordering_enum(&self) -> Option<(&str, &Enum)> {
        None
    }
    /// The type of an object sent as bracketed keys (it gets setters like a body model).
    fn object_ty(&self) -> Option<&Ty> {
        None
    }

    /// The builder slot's type: the value itself for a required parameter, else what
    /// "unset" needs.
    fn slot_type(&self, q: &QueryParam, im: &Imports) -> TokenStream;
    /// What the setter's docs say about the wire (empty when the Rust name says it).
    fn wire_note(&self, q: &QueryParam) -> String;
    /// The builder's setters for an optional parameter, under `doc`.
    fn setter(&self, q: &QueryParam, field: &Ident, doc: TokenStream, im: &Imports) -> TokenStream;
    /// The `Request` call writing the parameter (`self.field` when required, else
    /// `q.field`).
    fn request_call(&self, q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream;
    /// An example's value as the emitted call takes it.
    fn example_arg(&self, q: &QueryParam, v: &Value, ex: &ExampleEmit<'_>) -> ExampleArg;

    /// Appends the OpenAPI parameters it puts on the wire (`group`: the group it is a
    /// member of).
    fn openapi(
        &self,
        s: &mut Schemas<'_>,
        q: &QueryParam,
        group: Option<&str>,
        out: &mut Vec<Value>,
    );

    /// Compares with the same parameter in the new spec; `false` when `other` is another
    /// kind.
    fn diff_same(&self, d: &mut KindDiff<'_, '_>, other: &QueryKindIr) -> bool;
    /// What it offers the caller, for kind changes.
    fn describe(&self, n: &str) -> String;
    /// The item type of one value (`false`) or a list (`true`), for widening messages.
    fn one_or_list(&self) -> Option<(&Ty, bool)> {
        None
    }
    /// Whether the parameter's own name goes on the wire.
    fn sends_own_name(&self) -> bool;
    /// Its builder methods (none when required).
    fn setters(&self, q: &QueryParam) -> Vec<String> {
        match q.required {
            true => Vec::new(),
            false => vec![format!("`.{}(..)`", bare(&q.name.rust))],
        }
    }
    /// The client method arguments it adds.
    fn arguments(&self, q: &QueryParam) -> Vec<String> {
        match q.required {
            true => vec![format!("`{}`", bare(&q.name.rust))],
            false => Vec::new(),
        }
    }

    /// The query keys an example may set for it.
    fn example_keys<'q>(&'q self, q: &'q QueryParam) -> Vec<&'q str> {
        vec![q.name.wire.as_str()]
    }
    /// Checks an example's `given` query values for it; its value (`None`: unset).
    fn example_value(
        &self,
        q: &QueryParam,
        given: &IndexMap<String, Value>,
        ex: &mut dyn ExampleCheck,
    ) -> Option<Value>;
    /// The query pairs an example's checked value `v` becomes.
    fn example_pairs(
        &self,
        q: &QueryParam,
        v: &Value,
        ex: &dyn ExampleWire,
        pairs: &mut Vec<(String, String)>,
    );
}

/// A query parameter flattened to the slot it is stored in (group members are their own).
pub struct Slot<'a> {
    /// The slot's field name.
    pub field: Ident,
    /// The parameter.
    pub param: &'a QueryParam,
}

/// Every slot of an operation's query, in spec order.
pub fn slots(query: &[QueryParam]) -> Vec<Slot<'_>> {
    params(query)
        .into_iter()
        .map(|param| Slot {
            field: naming::ident(&param.name.rust),
            param,
        })
        .collect()
}

/// Every parameter with a slot (group members instead of their group), in spec order.
pub fn params(query: &[QueryParam]) -> Vec<&QueryParam> {
    let mut out = Vec::new();
    for q in query {
        match q.kind.unit().members() {
            [] => out.push(q),
            members => out.extend(members),
        }
    }
    out
}

/// The setter of an optional parameter, its docs carrying the wire note.
pub(crate) fn setter(q: &QueryParam, field: &Ident, im: &Imports) -> TokenStream {
    let unit = q.kind.unit();
    let note = unit.wire_note(q);
    let note = note.trim();
    let note = (!note.is_empty()).then_some(note);
    let doc = crate::emit::tokens::doc_paragraphs(&[q.docs.as_deref(), note]);
    unit.setter(q, field, doc, im)
}

/// "Sent as `wire`." when the wire name differs from the Rust name, with `what` ("comma-
/// joined ") in between; "Sent comma-joined." when only `what` has something to say.
fn sent_as(q: &QueryParam, what: &str) -> String {
    let wire = &q.name.wire;
    if wire != q.name.rust.trim_start_matches("r#") {
        format!("Sent {what}as `{wire}`.")
    } else if what.is_empty() {
        String::new()
    } else {
        format!("Sent {}.", what.trim_end())
    }
}

/// A Rust name without `r#`.
fn bare(rust: &str) -> &str {
    rust.trim_start_matches("r#")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_an_input_key_and_every_input_key_fits_a_kind() {
        for u in UNITS {
            for key in u.keys {
                assert!(InQuery::KEYS.contains(key), "{}: `{key}`", u.name);
            }
        }
        for key in InQuery::KEYS {
            assert!(
                COMMON_KEYS.contains(key) || UNITS.iter().any(|u| u.keys.contains(key)),
                "`{key}` fits no kind"
            );
        }
    }

    #[test]
    fn every_input_kind_has_one_unit() {
        let kinds = [
            QueryKind::Value,
            QueryKind::Csv,
            QueryKind::List,
            QueryKind::Ordering,
            QueryKind::Range,
            QueryKind::Tristate,
            QueryKind::Group,
            QueryKind::Object,
        ];
        for k in kinds {
            assert_eq!(UNITS.iter().filter(|u| u.kind == k).count(), 1, "{k:?}");
        }
        assert_eq!(UNITS.len(), kinds.len());
    }

    #[test]
    fn every_key_is_seen_when_set() {
        let yaml = r#"
kind: ordering
type: string
description: d
rust_name: r
required: true
null_value: "null"
fields: [a]
multi: true
style: suffix
list: repeated
separator: "|"
direction_separator: ":"
asc: up
desc: down
field_param: f
reversed_param: v
from: a
to: b
all_value: all
members: { m: {} }
form_lists: indexed
"#;
        let q: InQuery = serde_yaml::from_str(yaml).unwrap();
        for key in InQuery::KEYS {
            assert!(q.has(key), "`{key}` is set but not seen");
        }
        let unset: InQuery = serde_yaml::from_str("{}").unwrap();
        for key in InQuery::KEYS {
            assert!(!unset.has(key), "`{key}` is seen but not set");
        }
    }

    #[test]
    fn the_input_keys_are_the_schema_properties() {
        let schema = serde_json::to_value(schemars::schema_for!(InQuery)).unwrap();
        let props = schema["properties"].as_object().unwrap();
        let mut listed: Vec<&str> = InQuery::KEYS.to_vec();
        let mut found: Vec<&str> = props.keys().map(String::as_str).collect();
        listed.sort_unstable();
        found.sort_unstable();
        assert_eq!(listed, found);
    }
}
