//! Structural validation of a positioned YAML tree against the JSON Schema that `schemars`
//! derives for the spec types, reporting every problem (not just the first) with its position.
//!
//! The checker mirrors what `serde_yaml` 0.9 would accept, so that a file that passes here
//! deserializes, and a file that would not deserialize gets a precise message instead of
//! serde's first error. In particular a plain scalar such as `1`, `true` or `~` is accepted
//! where a string is expected, except inside untagged or internally tagged enums, where
//! serde buffers the value and only a real (quoted or non-special) string will do.

use serde_json::{Map, Value};

use crate::diag::{did_you_mean, Diagnostic, Diagnostics};
use crate::yaml_tree::{self, duplicate_keys, Mark, Node, NodeKind};

/// Most schema steps one [`check`] may take before it stops (guards against pathological
/// schemas or documents that would make branch selection explode).
const WORK_BUDGET: usize = 2_000_000;

/// Deepest recursion of the checker; the YAML tree itself is at most
/// [`yaml_tree::MAX_DEPTH`] deep, so this only cuts off cyclic schema references.
const MAX_RECURSION: usize = 1024;

/// How many allowed names a message lists before eliding the rest.
const MAX_LISTED: usize = 12;

/// Checks `root` against `schema` (a root schema with `$defs`), pushing one diagnostic per
/// problem to `out`, each located in `file`.
///
/// Duplicate mapping keys are not reported here (see [`duplicate_key_diagnostics`] and
/// [`load`], which does both).
pub fn check(root: &Node, schema: &Value, file: &str, out: &mut Diagnostics) {
    check_within(root, schema, file, WORK_BUDGET, out);
}

/// As [`check`], giving up after `budget` steps; running out is an error, reported at the
/// start of the document.
pub fn check_within(root: &Node, schema: &Value, file: &str, budget: usize, out: &mut Diagnostics) {
    let what = schema
        .get("title")
        .and_then(Value::as_str)
        .map_or_else(|| "the document".to_owned(), words);
    let mut checker = Checker {
        root: schema,
        file,
        budget,
        exhausted: false,
    };
    let ctx = Ctx {
        what,
        label: None,
        buffered: false,
    };
    let mut errors = Vec::new();
    checker.node(root, schema, &ctx, &mut errors, 0);
    if checker.exhausted {
        errors.push(Diagnostic::new(
            file,
            root.mark,
            format!(
                "this file is too large to check (it needs more than {budget} checking \
                 steps); split it into several smaller files"
            ),
        ));
    }
    out.extend(errors);
}

/// Pushes "duplicate key `x`" for every repeated mapping key in `root`.
pub fn duplicate_key_diagnostics(root: &Node, file: &str, out: &mut Diagnostics) {
    for (mark, key) in duplicate_keys(root) {
        out.push(Diagnostic::new(
            file,
            mark,
            format!("duplicate key `{key}`"),
        ));
    }
}

/// Parses `text`, reports duplicate keys and checks it against `schema`; a syntax error
/// becomes a diagnostic `invalid YAML: ...`.
///
/// Returns the tree when it could be parsed (even if it has schema errors, so that later
/// passes can still look at it), `None` otherwise.
pub fn load(text: &str, file: &str, schema: &Value, out: &mut Diagnostics) -> Option<Node> {
    match yaml_tree::parse(text) {
        Ok(root) => {
            duplicate_key_diagnostics(&root, file, out);
            check(&root, schema, file, out);
            Some(root)
        }
        Err(err) => {
            let message = format!("invalid YAML: {}", err.message);
            out.push(Diagnostic::new(file, err.mark, message));
            None
        }
    }
}

/// Where in the document the checker is, for messages.
#[derive(Clone)]
struct Ctx {
    /// The kind of mapping being checked, e.g. "operation".
    what: String,
    /// The last path segment, e.g. `path` or `tags[2]`; `None` at the top.
    label: Option<String>,
    /// Whether serde would buffer this value (untagged / internally tagged enums), which
    /// makes it strict about scalar types.
    buffered: bool,
}

impl Ctx {
    fn child(&self, label: String) -> Ctx {
        Ctx {
            what: self.what.clone(),
            label: Some(label),
            buffered: self.buffered,
        }
    }

    fn item(&self, index: usize) -> Ctx {
        let parent = self.label.as_deref().unwrap_or("items");
        self.child(format!("{parent}[{index}]"))
    }

    /// "for `path`" or "at the top level".
    fn for_label(&self) -> String {
        match &self.label {
            Some(label) => format!("for `{label}`"),
            None => "at the top level".to_owned(),
        }
    }

    /// "in `tags`" or "in the document".
    fn in_label(&self) -> String {
        match &self.label {
            Some(label) => format!("in `{label}`"),
            None => "in the document".to_owned(),
        }
    }
}

struct Checker<'s> {
    root: &'s Value,
    file: &'s str,
    budget: usize,
    exhausted: bool,
}

impl<'s> Checker<'s> {
    fn diag(&self, mark: Mark, message: String) -> Diagnostic {
        Diagnostic::new(self.file, mark, message)
    }

    /// Takes one step of the work budget; false when the check must stop.
    fn spend(&mut self, depth: usize) -> bool {
        if depth > MAX_RECURSION {
            return false;
        }
        if self.budget == 0 {
            self.exhausted = true;
            return false;
        }
        self.budget -= 1;
        true
    }

    /// The schema a `$ref` points to, and the name of the definition if it is one.
    fn resolve_ref(&self, reference: &'s str) -> Option<(&'s Value, Option<&'s str>)> {
        let pointer = reference.strip_prefix('#')?;
        let target = self.root.pointer(pointer)?;
        let name = ["/$defs/", "/definitions/"]
            .iter()
            .find_map(|section| pointer.strip_prefix(section))
            .filter(|name| !name.contains('/'));
        Some((target, name))
    }

    /// Follows `$ref`s (boundedly) to the schema that says what shape a value has.
    fn deref(&self, mut schema: &'s Value) -> &'s Value {
        for _ in 0..64 {
            match schema.get("$ref").and_then(Value::as_str) {
                Some(r) => match self.resolve_ref(r) {
                    Some((target, _)) => schema = target,
                    None => return schema,
                },
                None => return schema,
            }
        }
        schema
    }

    fn node(
        &mut self,
        node: &Node,
        schema: &'s Value,
        ctx: &Ctx,
        errs: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        if !self.spend(depth) {
            return;
        }
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(false) => {
                errs.push(self.diag(
                    node.mark,
                    format!("no value is allowed {}", ctx.for_label()),
                ));
                return;
            }
            _ => return,
        };
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            if let Some((target, name)) = self.resolve_ref(reference) {
                let mut inner = ctx.clone();
                if let Some(what) = def_what(target, name) {
                    inner.what = what;
                }
                self.node(node, target, &inner, errs, depth + 1);
            }
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            for part in parts {
                self.node(node, part, ctx, errs, depth + 1);
            }
        }
        for (key, buffered) in [("anyOf", false), ("oneOf", true)] {
            let Some(branches) = obj.get(key).and_then(Value::as_array) else {
                continue;
            };
            // A unit-variant enum with docs is a `oneOf` of consts: one list of values.
            match self.const_union(branches) {
                Some(values) => self.enumeration(node, &values, ctx, errs),
                None => self.alternatives(node, branches, buffered, ctx, errs, depth + 1),
            }
        }
        if let Some(types) = obj.get("type") {
            let types = type_names(types);
            if !types.iter().any(|t| type_accepts(t, node, ctx.buffered)) {
                let mut phrases: Vec<&str> = types.iter().map(|t| type_phrase(t)).collect();
                if phrases.len() > 1 {
                    phrases.retain(|p| *p != "null");
                }
                let expected = describe(phrases);
                errs.push(self.diag(
                    node.mark,
                    format!(
                        "expected {expected} {}, found {}",
                        ctx.for_label(),
                        node.kind_name()
                    ),
                ));
                return;
            }
        }
        if let Some(values) = obj.get("enum").and_then(Value::as_array) {
            self.enumeration(node, values, ctx, errs);
        }
        if let Some(value) = obj.get("const") {
            self.enumeration(node, std::slice::from_ref(value), ctx, errs);
        }
        self.bounds(node, obj, ctx, errs);
        match &node.kind {
            NodeKind::Map(entries) => self.object(node, entries, obj, ctx, errs, depth),
            NodeKind::Seq(items) => self.array(node, items, obj, ctx, errs, depth),
            _ => {}
        }
    }

    /// The values of `branches` when each is only a `const` or `enum` (plus docs and a
    /// scalar `type`), as schemars writes a unit-variant enum with documented variants.
    fn const_union(&self, branches: &'s [Value]) -> Option<Vec<Value>> {
        let mut values = Vec::new();
        for branch in branches {
            let obj = self.deref(branch).as_object()?;
            let only_docs = obj.keys().all(|k| {
                matches!(
                    k.as_str(),
                    "const" | "enum" | "type" | "description" | "title"
                )
            });
            if !only_docs
                || obj
                    .get("type")
                    .is_some_and(|t| t != "string" && t != "integer")
            {
                return None;
            }
            match (obj.get("const"), obj.get("enum").and_then(Value::as_array)) {
                (Some(c), None) => values.push(c.clone()),
                (None, Some(e)) => values.extend(e.iter().cloned()),
                _ => return None,
            }
        }
        (!values.is_empty()).then_some(values)
    }

    fn enumeration(&self, node: &Node, values: &[Value], ctx: &Ctx, errs: &mut Vec<Diagnostic>) {
        if values.iter().any(|v| node_equals(node, v, ctx.buffered, 0)) {
            return;
        }
        let names: Vec<String> = values.iter().map(value_name).collect();
        let listed = list(names.iter().map(String::as_str));
        let message = match node.scalar_text().filter(|_| node.is_scalar()) {
            Some(text) => {
                let hint = crate::diag::hint(&text, names.iter().map(String::as_str));
                format!(
                    "unknown value `{text}` {}{hint} (expected one of {listed})",
                    ctx.for_label()
                )
            }
            None => format!(
                "expected one of {listed} {}, found {}",
                ctx.for_label(),
                node.kind_name()
            ),
        };
        errs.push(self.diag(node.mark, message));
    }

    fn bounds(&self, node: &Node, obj: &Map<String, Value>, ctx: &Ctx, errs: &mut Vec<Diagnostic>) {
        let value = match node.kind {
            NodeKind::Int(i) => Num::Int(i128::from(i)),
            NodeKind::Float(f) => match node.raw.as_deref().and_then(yaml_tree::parse_int) {
                // An integer too large for `i64`: compare it exactly.
                Some(i) => Num::Int(i),
                None => Num::Float(f),
            },
            _ => return,
        };
        let text = node.scalar_text().unwrap_or_default();
        let limit = |key: &str| obj.get(key).and_then(Num::from_json);
        // `format` is otherwise ignored, but serde enforces the range of the Rust integer
        // type it names, and schemars does not always spell that out as bounds.
        let (type_min, type_max) = obj
            .get("format")
            .and_then(Value::as_str)
            .and_then(integer_range)
            .map(|(lo, hi)| (Num::Int(lo), Num::Int(hi)))
            .unzip();
        let less = |a: &Num, b: &Num| a.cmp(b) == Some(std::cmp::Ordering::Less);
        let at_most = |a: &Num, b: &Num| matches!(a.cmp(b), Some(o) if o.is_le());
        let mut problem = None;
        if let Some(min) = type_min.filter(|m| less(&value, m)) {
            problem = Some(format!("less than the minimum {min}"));
        } else if let Some(max) = type_max.filter(|m| less(m, &value)) {
            problem = Some(format!("greater than the maximum {max}"));
        } else if let Some(min) = limit("minimum").filter(|m| less(&value, m)) {
            problem = Some(format!("less than the minimum {min}"));
        } else if let Some(min) = limit("exclusiveMinimum").filter(|m| at_most(&value, m)) {
            problem = Some(format!("not greater than {min}"));
        } else if let Some(max) = limit("maximum").filter(|m| less(m, &value)) {
            problem = Some(format!("greater than the maximum {max}"));
        } else if let Some(max) = limit("exclusiveMaximum").filter(|m| at_most(m, &value)) {
            problem = Some(format!("not less than {max}"));
        }
        if let Some(problem) = problem {
            errs.push(self.diag(
                node.mark,
                format!("value `{text}` {} is {problem}", ctx.for_label()),
            ));
        }
    }

    fn object(
        &mut self,
        node: &Node,
        entries: &[(Node, Node)],
        obj: &'s Map<String, Value>,
        ctx: &Ctx,
        errs: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        let properties = obj.get("properties").and_then(Value::as_object);
        let additional = obj.get("additionalProperties");
        for (key, value) in entries {
            let Some(name) = key.scalar_text().filter(|_| key.is_scalar()) else {
                errs.push(self.diag(
                    key.mark,
                    format!(
                        "expected a string key in {}, found {}",
                        ctx.what,
                        key.kind_name()
                    ),
                ));
                continue;
            };
            if let Some(sub) = properties.and_then(|p| p.get(name.as_ref())) {
                self.node(value, sub, &ctx.child(name.into_owned()), errs, depth + 1);
                continue;
            }
            match additional {
                Some(Value::Bool(false)) => {
                    let known =
                        properties.map(|p| p.keys().map(String::as_str).collect::<Vec<_>>());
                    let known = known.unwrap_or_default();
                    let hint = match did_you_mean(&name, known.iter().copied()) {
                        Some(s) => format!("; did you mean `{s}`?"),
                        None if known.is_empty() => "; no keys are allowed here".to_owned(),
                        None => format!("; expected one of {}", list(known.iter().copied())),
                    };
                    errs.push(self.diag(
                        key.mark,
                        format!("unknown key `{name}` in {}{hint}", ctx.what),
                    ));
                }
                Some(sub) => {
                    self.node(value, sub, &ctx.child(name.into_owned()), errs, depth + 1);
                }
                None => {}
            }
        }
        if let Some(required) = obj.get("required").and_then(Value::as_array) {
            for name in required.iter().filter_map(Value::as_str) {
                let present = entries
                    .iter()
                    .any(|(k, _)| k.is_scalar() && k.scalar_text().as_deref() == Some(name));
                if !present {
                    errs.push(self.diag(
                        node.mark,
                        format!("missing required key `{name}` in {}", ctx.what),
                    ));
                }
            }
        }
        let count = |key: &str| obj.get(key).and_then(Value::as_u64);
        if let Some(min) = count("minProperties").filter(|m| (entries.len() as u64) < *m) {
            errs.push(self.diag(
                node.mark,
                format!(
                    "expected at least {min} {} {}, found {}",
                    plural(min, "key", "keys"),
                    ctx.in_label(),
                    entries.len()
                ),
            ));
        }
        if let Some(max) = count("maxProperties").filter(|m| (entries.len() as u64) > *m) {
            errs.push(self.diag(
                node.mark,
                format!(
                    "expected at most {max} {} {}, found {}",
                    plural(max, "key", "keys"),
                    ctx.in_label(),
                    entries.len()
                ),
            ));
        }
    }

    fn array(
        &mut self,
        node: &Node,
        items: &[Node],
        obj: &'s Map<String, Value>,
        ctx: &Ctx,
        errs: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        let mut prefix: &[Value] = obj
            .get("prefixItems")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        let mut rest = obj.get("items");
        if let Some(Value::Array(tuple)) = rest {
            // Older drafts spell tuples as an array of `items`.
            prefix = tuple;
            rest = obj.get("additionalItems");
        }
        for (i, item) in items.iter().enumerate() {
            let sub = prefix.get(i).or(rest);
            if let Some(sub) = sub {
                self.node(item, sub, &ctx.item(i), errs, depth + 1);
            }
        }
        let count = |key: &str| obj.get(key).and_then(Value::as_u64);
        if let Some(min) = count("minItems").filter(|m| (items.len() as u64) < *m) {
            errs.push(self.diag(
                node.mark,
                format!(
                    "expected at least {min} {} {}, found {}",
                    plural(min, "item", "items"),
                    ctx.in_label(),
                    items.len()
                ),
            ));
        }
        if let Some(max) = count("maxItems").filter(|m| (items.len() as u64) > *m) {
            errs.push(self.diag(
                node.mark,
                format!(
                    "expected at most {max} {} {}, found {}",
                    plural(max, "item", "items"),
                    ctx.in_label(),
                    items.len()
                ),
            ));
        }
    }

    /// `anyOf` / `oneOf`: picks the branch the author most likely meant and checks against it.
    fn alternatives(
        &mut self,
        node: &Node,
        branches: &'s [Value],
        one_of: bool,
        ctx: &Ctx,
        errs: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        let non_null = branches
            .iter()
            .filter(|b| !is_null_schema(self.deref(b)))
            .count();
        // `Option<T>` is `anyOf: [T, null]` and is not buffered by serde; an untagged enum
        // (the other `anyOf`) is.
        let option_like = non_null <= 1;
        let mut branch_ctx = ctx.clone();
        if !one_of && !option_like {
            branch_ctx.buffered = true;
        }
        let compatible: Vec<&'s Value> = branches
            .iter()
            .filter(|b| self.shape_ok(node, b, branch_ctx.buffered, 0))
            .collect();
        if compatible.is_empty() {
            let mut kinds = Vec::new();
            for branch in branches {
                self.expected_kinds(branch, &mut kinds, 0);
            }
            if kinds.len() > 1 {
                kinds.retain(|k| *k != "null");
            }
            let expected = if kinds.is_empty() {
                "a different value".to_owned()
            } else {
                describe(kinds)
            };
            errs.push(self.diag(
                node.mark,
                format!(
                    "expected {expected} {}, found {}",
                    ctx.for_label(),
                    node.kind_name()
                ),
            ));
            return;
        }
        if let NodeKind::Map(entries) = &node.kind {
            if compatible.len() > 1 {
                if let Some(tag) = self.tag_property(&compatible) {
                    self.dispatch_on_tag(node, &compatible, &tag, ctx, errs, depth);
                    return;
                }
                if one_of {
                    if let Some(names) = self.external_tags(&compatible) {
                        if let [(key, _)] = entries.as_slice() {
                            let text = key.scalar_text().unwrap_or_default();
                            match names.iter().position(|n| *n == text) {
                                Some(i) => {
                                    self.node(node, compatible[i], &branch_ctx, errs, depth + 1);
                                }
                                None => {
                                    let hint = match did_you_mean(&text, names.iter().copied()) {
                                        Some(s) => format!("; did you mean `{s}`?"),
                                        None => {
                                            format!(
                                                "; expected one of {}",
                                                list(names.iter().copied())
                                            )
                                        }
                                    };
                                    errs.push(self.diag(
                                        key.mark,
                                        format!("unknown key `{text}` in {}{hint}", ctx.what),
                                    ));
                                }
                            }
                            return;
                        }
                    }
                }
            }
        }
        if let [only] = compatible.as_slice() {
            self.node(node, only, &branch_ctx, errs, depth + 1);
            return;
        }
        let mut best: Option<Vec<Diagnostic>> = None;
        for branch in compatible {
            let mut trial = Vec::new();
            self.node(node, branch, &branch_ctx, &mut trial, depth + 1);
            if best.as_ref().is_none_or(|b| trial.len() < b.len()) {
                let done = trial.is_empty();
                best = Some(trial);
                if done {
                    break;
                }
            }
        }
        errs.extend(best.unwrap_or_default());
    }

    /// Checks a mapping against the branch of an internally tagged enum named by its tag.
    fn dispatch_on_tag(
        &mut self,
        node: &Node,
        branches: &[&'s Value],
        tag: &str,
        ctx: &Ctx,
        errs: &mut Vec<Diagnostic>,
        depth: usize,
    ) {
        let Some(value) = node.get(tag) else {
            errs.push(self.diag(
                node.mark,
                format!("missing required key `{tag}` in {}", ctx.what),
            ));
            return;
        };
        let tags: Vec<&str> = branches
            .iter()
            .map(|b| self.tag_value(b, tag).unwrap_or_default())
            .collect();
        let Some(text) = value.scalar_text().filter(|_| value.is_scalar()) else {
            errs.push(self.diag(
                value.mark,
                format!("expected a string for `{tag}`, found {}", value.kind_name()),
            ));
            return;
        };
        match tags.iter().position(|t| *t == text) {
            Some(i) => {
                let inner = Ctx {
                    what: format!("{} `{text}`", ctx.what),
                    label: ctx.label.clone(),
                    buffered: true,
                };
                self.node(node, branches[i], &inner, errs, depth + 1);
            }
            None => {
                let hint = crate::diag::hint(&text, tags.iter().copied());
                errs.push(self.diag(
                    value.mark,
                    format!(
                        "unknown value `{text}` for `{tag}`{hint} (expected one of {})",
                        list(tags.iter().copied())
                    ),
                ));
            }
        }
    }

    /// The property that every branch fixes to one string (the tag of an internally or
    /// adjacently tagged enum), if there is one.
    fn tag_property(&self, branches: &[&'s Value]) -> Option<String> {
        let first = self.deref(branches.first()?);
        let properties = first.get("properties")?.as_object()?;
        properties
            .keys()
            .find(|name| branches.iter().all(|b| self.tag_value(b, name).is_some()))
            .cloned()
    }

    /// The single string a branch allows for property `name`.
    fn tag_value(&self, branch: &'s Value, name: &str) -> Option<&'s str> {
        let property = self.deref(self.deref(branch).get("properties")?.get(name)?);
        if let Some(value) = property.get("const") {
            return value.as_str();
        }
        match property.get("enum")?.as_array()?.as_slice() {
            [only] => only.as_str(),
            _ => None,
        }
    }

    /// For an externally tagged enum: each branch is a mapping with exactly one required
    /// key and nothing else; returns those keys in branch order.
    fn external_tags(&self, branches: &[&'s Value]) -> Option<Vec<&'s str>> {
        branches
            .iter()
            .map(|b| {
                let b = self.deref(b);
                let properties = b.get("properties")?.as_object()?;
                let required = b.get("required")?.as_array()?;
                match (properties.len(), required.as_slice()) {
                    (1, [only]) if properties.contains_key(only.as_str()?) => only.as_str(),
                    _ => None,
                }
            })
            .collect()
    }

    /// Whether `node` has a shape (type) that `schema` could accept at all.
    fn shape_ok(&self, node: &Node, schema: &'s Value, buffered: bool, hops: usize) -> bool {
        if hops > 64 {
            return true;
        }
        let obj = match schema {
            Value::Object(obj) => obj,
            Value::Bool(b) => return *b,
            _ => return true,
        };
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            if let Some((target, _)) = self.resolve_ref(reference) {
                if !self.shape_ok(node, target, buffered, hops + 1) {
                    return false;
                }
            }
        }
        if let Some(types) = obj.get("type") {
            if !type_names(types)
                .iter()
                .any(|t| type_accepts(t, node, buffered))
            {
                return false;
            }
        }
        if let Some(parts) = obj.get("allOf").and_then(Value::as_array) {
            if !parts
                .iter()
                .all(|p| self.shape_ok(node, p, buffered, hops + 1))
            {
                return false;
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                if !branches
                    .iter()
                    .any(|b| self.shape_ok(node, b, buffered, hops + 1))
                {
                    return false;
                }
            }
        }
        true
    }

    /// Collects the kinds of value ("a string", "a mapping", ...) a schema accepts.
    fn expected_kinds(&self, schema: &'s Value, kinds: &mut Vec<&'static str>, hops: usize) {
        if hops > 64 {
            return;
        }
        let Some(obj) = schema.as_object() else {
            return;
        };
        if let Some(reference) = obj.get("$ref").and_then(Value::as_str) {
            if let Some((target, _)) = self.resolve_ref(reference) {
                self.expected_kinds(target, kinds, hops + 1);
            }
        }
        if let Some(types) = obj.get("type") {
            for t in type_names(types) {
                let phrase = type_phrase(t);
                if !kinds.contains(&phrase) {
                    kinds.push(phrase);
                }
            }
        }
        for key in ["anyOf", "oneOf"] {
            if let Some(branches) = obj.get(key).and_then(Value::as_array) {
                for branch in branches {
                    self.expected_kinds(branch, kinds, hops + 1);
                }
            }
        }
    }
}

/// The `type` keyword as a list of names.
fn type_names(types: &Value) -> Vec<&str> {
    match types {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

/// Whether a node of this kind is something serde_yaml would accept for JSON type `ty`.
fn type_accepts(ty: &str, node: &Node, buffered: bool) -> bool {
    match ty {
        // Typed deserialization turns any plain scalar into its source text; a buffered
        // value has already been resolved to a number/bool/unit and is rejected.
        "string" => matches!(node.kind, NodeKind::Str(_)) || (!buffered && node.is_scalar()),
        "integer" => match node.kind {
            NodeKind::Int(_) => true,
            NodeKind::Float(_) => node
                .raw
                .as_deref()
                .is_some_and(|raw| yaml_tree::parse_int(raw).is_some()),
            _ => false,
        },
        "number" => matches!(node.kind, NodeKind::Int(_) | NodeKind::Float(_)),
        "boolean" => matches!(node.kind, NodeKind::Bool(_)),
        "null" => matches!(node.kind, NodeKind::Null),
        "object" => matches!(node.kind, NodeKind::Map(_)),
        "array" => matches!(node.kind, NodeKind::Seq(_)),
        _ => true,
    }
}

/// "a string", "a mapping", ... for a JSON type name.
fn type_phrase(ty: &str) -> &'static str {
    match ty {
        "string" => "a string",
        "integer" => "an integer",
        "number" => "a number",
        "boolean" => "a boolean",
        "null" => "null",
        "object" => "a mapping",
        "array" => "a sequence",
        _ => "a value",
    }
}

/// Whether a schema accepts only `null`.
fn is_null_schema(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(ts)) => ts.len() == 1 && ts[0] == "null",
        _ => false,
    }
}

/// Whether `node` equals the JSON `value` (for `enum` / `const`).
fn node_equals(node: &Node, value: &Value, buffered: bool, depth: usize) -> bool {
    if depth > yaml_tree::MAX_DEPTH {
        return false;
    }
    match (value, &node.kind) {
        (Value::String(s), NodeKind::Str(t)) => s == t,
        (Value::String(s), _) if !buffered && node.is_scalar() => {
            node.scalar_text().as_deref() == Some(s.as_str())
        }
        (Value::Number(n), NodeKind::Int(i)) => {
            n.as_i64() == Some(*i) || n.as_f64() == Some(*i as f64)
        }
        (Value::Number(n), NodeKind::Float(f)) => n.as_f64() == Some(*f),
        (Value::Bool(b), NodeKind::Bool(c)) => b == c,
        (Value::Null, NodeKind::Null) => true,
        (Value::Array(values), NodeKind::Seq(items)) => {
            values.len() == items.len()
                && values
                    .iter()
                    .zip(items)
                    .all(|(v, n)| node_equals(n, v, buffered, depth + 1))
        }
        (Value::Object(fields), NodeKind::Map(entries)) => {
            fields.len() == entries.len()
                && entries.iter().all(|(k, v)| {
                    k.scalar_text()
                        .and_then(|k| fields.get(k.as_ref()))
                        .is_some_and(|f| node_equals(v, f, buffered, depth + 1))
                })
        }
        _ => false,
    }
}

/// How an allowed value is shown in a message (strings without quotes).
fn value_name(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// "`a`, `b`, `c`" with at most [`MAX_LISTED`] names.
fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    let mut shown: Vec<String> = names
        .iter()
        .take(MAX_LISTED)
        .map(|n| format!("`{n}`"))
        .collect();
    if names.len() > MAX_LISTED {
        shown.push("...".to_owned());
    }
    shown.join(", ")
}

/// "a string", "a string or a mapping", "a string, an integer or a mapping".
fn describe(mut phrases: Vec<&str>) -> String {
    phrases.dedup();
    match phrases.split_last() {
        None => "a value".to_owned(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// The range of the Rust integer type that schemars names in `format`, exactly.
fn integer_range(format: &str) -> Option<(i128, i128)> {
    let bits: u32 = match format {
        "int8" | "uint8" => 8,
        "int16" | "uint16" => 16,
        "int32" | "uint32" => 32,
        "int64" | "uint64" => 64,
        _ => return None,
    };
    Some(if format.starts_with('u') {
        (0, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    })
}

/// A number from a document or a schema, compared exactly when both sides are integers
/// (so `i64::MAX` is neither rounded nor printed as `9223372036854776000`).
#[derive(Clone, Copy, Debug)]
enum Num {
    Int(i128),
    Float(f64),
}

impl Num {
    fn from_json(v: &Value) -> Option<Num> {
        match v {
            Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                (Some(i), _) => Some(Num::Int(i128::from(i))),
                (None, Some(u)) => Some(Num::Int(i128::from(u))),
                _ => n.as_f64().map(Num::Float),
            },
            _ => None,
        }
    }

    /// `None` when either side is NaN.
    fn cmp(&self, other: &Num) -> Option<std::cmp::Ordering> {
        match (*self, *other) {
            (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
            (a, b) => a.as_f64().partial_cmp(&b.as_f64()),
        }
    }

    fn as_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }
}

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Num::Int(i) => write!(f, "{i}"),
            Num::Float(x) if x.fract() == 0.0 && x.abs() < 1e15 => write!(f, "{}", *x as i64),
            Num::Float(x) => write!(f, "{x}"),
        }
    }
}

/// How a definition is named in messages: its `title`, else its name in words.
fn def_what(schema: &Value, name: Option<&str>) -> Option<String> {
    schema
        .get("title")
        .and_then(Value::as_str)
        .or(name)
        .map(words)
}

/// `HttpMethod` → "http method"; text that already has spaces is kept as it is.
fn words(name: &str) -> String {
    use heck::ToSnakeCase;
    if name.contains(char::is_whitespace) {
        return name.to_owned();
    }
    name.to_snake_case().replace('_', " ")
}
