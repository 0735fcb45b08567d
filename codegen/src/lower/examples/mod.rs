//! Examples: every documented call of an operation is checked against the operation's
//! types as the runtime would read it (strictly, or leniently for lenient APIs and fields),
//! with the JSON path and position of the first mismatch; the checked examples go into the
//! IR for the generated tests and rustdoc.

mod query;
mod wire;

use super::{At, Ctx, YPath};
use crate::diag::hint;
use crate::input::Example as InExample;
use crate::ir::{self, Enum, Field, Model, ModelKind, Name, Scalar, Tagging, Ty, Union};
use serde_json::Value;

/// One step of a JSON path.
#[derive(Debug, Clone)]
enum Seg {
    Key(String),
    Index(usize),
}

/// Where a value failed and why.
#[derive(Debug)]
struct Fail {
    path: Vec<Seg>,
    message: String,
}

fn fail(message: impl Into<String>) -> Fail {
    Fail {
        path: Vec::new(),
        message: message.into(),
    }
}

impl Fail {
    fn under(mut self, seg: Seg) -> Fail {
        self.path.insert(0, seg);
        self
    }

    fn path_text(&self) -> String {
        let mut out = String::new();
        for seg in &self.path {
            match seg {
                Seg::Key(k) if out.is_empty() => out.push_str(k),
                Seg::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        out
    }

    fn at(&self, base: &At) -> At {
        let mut at = base.clone();
        for seg in &self.path {
            at = match seg {
                Seg::Key(k) => at.key(k),
                Seg::Index(i) => at.index(*i),
            };
        }
        at
    }
}

/// How a value is read: as the runtime decodes an answer, or as a request body is built.
#[derive(Debug, Clone, Copy)]
struct Mode {
    lenient: bool,
    /// A request body: members the model does not declare would be dropped, so they are
    /// errors.
    request: bool,
}

/// Checks JSON values against IR types.
struct Checker<'a> {
    models: &'a [Model],
    /// The API reads every answer leniently.
    lenient: bool,
    /// The API's in-band error member: a 2xx answer with codes there is a failure.
    error_field: Option<&'a str>,
}

fn show(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 40 {
        format!("{}...", s.chars().take(40).collect::<String>())
    } else {
        s
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn is_empty_marker(s: &str) -> bool {
    matches!(s.trim(), "" | "0000-00-00" | "0000-00-00 00:00:00")
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `YYYY-MM-DD` with a month and day in range.
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (y, m, d) = (&s[0..4], &s[5..7], &s[8..10]);
    digits(y)
        && digits(m)
        && digits(d)
        && (1..=12).contains(&m.parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&d.parse::<u32>().unwrap_or(0))
}

/// `HH:MM:SS` with an optional fraction.
fn is_time(s: &str) -> bool {
    let (main, frac) = s.split_once('.').unwrap_or((s, "0"));
    let b = main.as_bytes();
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && digits(&main[0..2])
        && digits(&main[3..5])
        && digits(&main[6..8])
        && main[0..2].parse::<u32>().unwrap_or(99) < 24
        && main[3..5].parse::<u32>().unwrap_or(99) < 60
        && main[6..8].parse::<u32>().unwrap_or(99) <= 60
        && digits(frac)
}

/// A date and a time, separated by `T`, `t` or a space.
fn is_local_date_time(s: &str) -> bool {
    s.len() > 11 && is_date(&s[..10]) && matches!(&s[10..11], "T" | "t" | " ") && is_time(&s[11..])
}

/// RFC 3339: a local date-time with `Z` or an offset.
fn is_rfc3339(s: &str) -> bool {
    if let Some(rest) = s.strip_suffix(['Z', 'z']) {
        return is_local_date_time(rest);
    }
    if s.len() < 6 {
        return false;
    }
    let (dt, off) = s.split_at(s.len() - 6);
    let o = off.as_bytes();
    matches!(o[0], b'+' | b'-')
        && o[3] == b':'
        && digits(&off[1..3])
        && digits(&off[4..6])
        && is_local_date_time(dt)
}

fn int_like(v: &Value, lenient: bool) -> bool {
    match v {
        Value::Number(n) => {
            n.as_i64().is_some()
                || n.as_u64().is_some()
                || (lenient && n.as_f64().is_some_and(|f| f.fract() == 0.0))
        }
        Value::String(s) if lenient => {
            let t = s.trim();
            t.parse::<i64>().is_ok()
                || t.parse::<f64>()
                    .is_ok_and(|f| f.is_finite() && f.fract() == 0.0)
        }
        _ => false,
    }
}

impl Checker<'_> {
    fn model(&self, name: &Name) -> Option<&Model> {
        self.models
            .binary_search_by(|m| m.name.rust.cmp(&name.rust))
            .ok()
            .map(|i| &self.models[i])
    }

    fn check(&self, v: &Value, ty: &Ty, mode: Mode) -> Result<(), Fail> {
        let lenient = mode.lenient;
        match ty {
            Ty::Scalar(s) => self.scalar(v, *s, lenient),
            Ty::List(item) => match v {
                Value::Array(items) => items.iter().enumerate().try_for_each(|(i, x)| {
                    self.check(x, item, mode)
                        .map_err(|f| f.under(Seg::Index(i)))
                }),
                Value::Object(map) if lenient => map.iter().try_for_each(|(k, x)| {
                    self.check(x, item, mode)
                        .map_err(|f| f.under(Seg::Key(k.clone())))
                }),
                Value::Null if lenient => Ok(()),
                Value::String(s) if lenient && s.trim().is_empty() => Ok(()),
                other => Err(fail(format!("expected an array, found {}", kind_of(other)))),
            },
            Ty::Map(item) => match v {
                Value::Object(map) => map.iter().try_for_each(|(k, x)| {
                    self.check(x, item, mode)
                        .map_err(|f| f.under(Seg::Key(k.clone())))
                }),
                Value::Array(items) if lenient => {
                    items.iter().enumerate().try_for_each(|(i, x)| {
                        self.check(x, item, mode)
                            .map_err(|f| f.under(Seg::Index(i)))
                    })
                }
                Value::Null if lenient => Ok(()),
                Value::String(s) if lenient && s.trim().is_empty() => Ok(()),
                other => Err(fail(format!(
                    "expected an object, found {}",
                    kind_of(other)
                ))),
            },
            Ty::Page(item) => self.page(v, item, mode),
            Ty::ListOrPage(item) => match v {
                Value::Array(_) => self.check(v, &Ty::List(item.clone()), mode),
                _ => self.page(v, item, mode),
            },
            Ty::Model(name) => {
                let Some(model) = self.model(name) else {
                    return Ok(());
                };
                match &model.kind {
                    ModelKind::Struct(fields) => self.fields(v, &model.name.wire, fields, mode),
                    ModelKind::Enum(e) => self.enumeration(v, &model.name.wire, e, lenient),
                    ModelKind::Alias(t) => self.check(v, t, mode),
                    ModelKind::Union(u) => self.union(v, &model.name.wire, u, mode),
                }
            }
        }
    }

    fn page(&self, v: &Value, item: &Ty, mode: Mode) -> Result<(), Fail> {
        let Value::Object(map) = v else {
            return Err(fail(format!(
                "expected a page object `{{count, next, previous, results}}`, found {}",
                kind_of(v)
            )));
        };
        let count = map
            .get("count")
            .ok_or_else(|| fail("missing field `count`"))?;
        if !int_like(count, mode.lenient) {
            return Err(fail("expected an integer").under(Seg::Key("count".into())));
        }
        for key in ["next", "previous"] {
            match map.get(key) {
                None | Some(Value::Null) | Some(Value::String(_)) => {}
                Some(other) => {
                    return Err(
                        fail(format!("expected a URL or null, found {}", kind_of(other)))
                            .under(Seg::Key(key.into())),
                    )
                }
            }
        }
        let results = map
            .get("results")
            .ok_or_else(|| fail("missing field `results`"))?;
        self.check(results, &Ty::List(Box::new(item.clone())), mode)
            .map_err(|f| f.under(Seg::Key("results".into())))
    }

    fn fields(&self, v: &Value, model: &str, fields: &[Field], mode: Mode) -> Result<(), Fail> {
        static EMPTY: std::sync::OnceLock<serde_json::Map<String, Value>> =
            std::sync::OnceLock::new();
        let map = match v {
            Value::Object(map) => map,
            // PHP's empty object.
            Value::Array(items) if mode.lenient && items.is_empty() => {
                EMPTY.get_or_init(serde_json::Map::new)
            }
            other => {
                return Err(fail(format!(
                    "expected an object (`{model}`), found {}",
                    kind_of(other)
                )))
            }
        };
        for f in fields {
            let optional_value = f.is_option() || f.patch;
            let lenient = f.lenient && !mode.request;
            match map.get(&f.name.wire) {
                None if f.is_settable() => {}
                None => return Err(fail(format!("missing field `{}` of `{model}`", f.name.wire))),
                Some(Value::Null) if mode.request && optional_value && !f.patch => {
                    return Err(fail(format!(
                        "`{}` is null, but the client leaves an unset optional member out; remove it (or make the field `patch: true` to send `null`)",
                        f.name.wire,
                    ))
                    .under(Seg::Key(f.name.wire.clone())))
                }
                Some(Value::Null) if optional_value => {}
                Some(Value::String(s)) if optional_value && lenient && is_empty_marker(s) => {}
                Some(Value::Null) => {
                    return Err(fail(format!("`{}` may not be null", f.name.wire))
                        .under(Seg::Key(f.name.wire.clone())))
                }
                Some(x) => {
                    let ty = if f.secret {
                        Ty::Scalar(Scalar::String)
                    } else {
                        f.ty.clone()
                    };
                    self.check(x, &ty, Mode { lenient, ..mode })
                        .map_err(|e| e.under(Seg::Key(f.name.wire.clone())))?;
                }
            }
        }
        if mode.request {
            if let Some(extra) = map
                .keys()
                .find(|k| !fields.iter().any(|f| &f.name.wire == *k))
            {
                let names = fields.iter().map(|f| f.name.wire.as_str());
                return Err(fail(format!(
                    "`{extra}` is not a field of `{model}`, so the client cannot send it{}",
                    hint(extra, names)
                ))
                .under(Seg::Key(extra.clone())));
            }
        }
        Ok(())
    }

    fn enumeration(&self, v: &Value, model: &str, e: &Enum, lenient: bool) -> Result<(), Fail> {
        let wire = if e.integer {
            if !int_like(v, true) {
                return Err(fail(format!(
                    "expected an integer of `{model}`, found {}",
                    show(v)
                )));
            }
            match v {
                Value::String(s) => s.trim().to_string(),
                other => other.to_string(),
            }
        } else {
            match v {
                Value::String(s) => s.clone(),
                Value::Number(_) | Value::Bool(_) if lenient => v.to_string(),
                other => {
                    return Err(fail(format!(
                        "expected a string of `{model}`, found {}",
                        kind_of(other)
                    )))
                }
            }
        };
        if !e.open && !e.variants.iter().any(|x| x.wire == wire) {
            let listed = e.variants.iter().map(|x| x.wire.as_str());
            return Err(fail(format!(
                "`{wire}` is not a value of the closed enum `{model}`{}",
                hint(&wire, listed)
            )));
        }
        Ok(())
    }

    fn union(&self, v: &Value, model: &str, u: &Union, mode: Mode) -> Result<(), Fail> {
        match &u.tagging {
            Tagging::Untagged => {
                let mut why = Vec::new();
                for variant in &u.variants {
                    match self.check(v, &variant.ty, mode) {
                        Ok(()) => return Ok(()),
                        Err(f) => why.push(format!("{}: {}", variant.rust, f.message)),
                    }
                }
                Err(fail(format!(
                    "matches no variant of `{model}` ({})",
                    why.join("; ")
                )))
            }
            Tagging::Tagged {
                discriminator,
                open,
            } => {
                let tag = match v.get(discriminator) {
                    Some(Value::String(s)) => s.clone(),
                    _ => {
                        return Err(fail(format!(
                            "`{model}` needs the string member `{discriminator}` naming its variant"
                        )))
                    }
                };
                match u
                    .variants
                    .iter()
                    .find(|x| x.tag.as_deref() == Some(tag.as_str()))
                {
                    Some(variant) => {
                        let mut members = v.clone();
                        if let Value::Object(map) = &mut members {
                            map.shift_remove(discriminator);
                        }
                        self.check(&members, &variant.ty, mode)
                    }
                    None if *open && !mode.request => Ok(()),
                    None => {
                        let tags = u.variants.iter().filter_map(|x| x.tag.as_deref());
                        Err(fail(format!(
                            "`{tag}` names no variant of `{model}`{}",
                            hint(&tag, tags)
                        ))
                        .under(Seg::Key(discriminator.clone())))
                    }
                }
            }
        }
    }

    fn scalar(&self, v: &Value, s: Scalar, lenient: bool) -> Result<(), Fail> {
        let ok = match (s, v) {
            (Scalar::Json | Scalar::Bytes, _) => true,
            (Scalar::File, Value::String(_)) => true,
            (Scalar::File, Value::Object(m)) => {
                let text = |k: &str| m.get(k).is_none_or(Value::is_string);
                m.contains_key("content")
                    && m.keys()
                        .all(|k| matches!(k.as_str(), "content" | "file_name" | "content_type"))
                    && ["content", "file_name", "content_type"]
                        .into_iter()
                        .all(text)
            }
            (Scalar::String, Value::String(_)) => true,
            (Scalar::String, Value::Number(_) | Value::Bool(_)) => lenient,
            (Scalar::Integer | Scalar::UnixSeconds | Scalar::UnixMillis, _) => int_like(v, lenient),
            (Scalar::Number, Value::Number(_)) => true,
            (Scalar::Number, Value::String(t)) => lenient && t.trim().parse::<f64>().is_ok(),
            (Scalar::Decimal, Value::Number(_)) => true,
            (Scalar::Decimal, Value::String(t)) => t.trim().parse::<f64>().is_ok(),
            (Scalar::Boolean, Value::Bool(_)) => true,
            (Scalar::Boolean, Value::Number(n)) => lenient && matches!(n.as_i64(), Some(0 | 1)),
            (Scalar::Boolean, Value::String(t)) => {
                lenient
                    && matches!(
                        t.trim().to_ascii_lowercase().as_str(),
                        "1" | "true" | "yes" | "0" | "false" | "no" | ""
                    )
            }
            (Scalar::Date, Value::String(t)) => is_date(t.trim()),
            (Scalar::DateTime, Value::String(t)) => is_rfc3339(t.trim()),
            (Scalar::LocalDateTime, Value::String(t)) => {
                is_local_date_time(t.trim()) || is_date(t.trim())
            }
            (Scalar::DateOrDateTime, Value::String(t)) => {
                let t = t.trim();
                is_date(t) || is_local_date_time(t) || is_rfc3339(t)
            }
            _ => false,
        };
        if ok {
            Ok(())
        } else {
            let form = match s {
                Scalar::File => " (a file part is its text, or `{content, file_name, content_type}` with text values)",
                _ => "",
            };
            Err(fail(format!(
                "{} is not a valid `{}`{form}",
                show(v),
                s.spec_name()
            )))
        }
    }
}

/// Checks and lowers the examples of every operation, after the operations themselves.
pub fn lower_all(
    cx: &mut Ctx<'_>,
    models: &[Model],
    lenient: bool,
    error_field: Option<&str>,
    groups: &mut [ir::Group],
) {
    let checker = Checker {
        models,
        lenient,
        error_field,
    };
    for group in groups.iter_mut() {
        let Some(fi) = cx.files.iter().position(|f| f.path == group.file) else {
            continue;
        };
        for op in &mut group.operations {
            let Some(input) = cx.files[fi].file.operations.get(&op.name.wire) else {
                continue;
            };
            let at = At::new(fi, YPath::keys(&["operations", &op.name.wire, "examples"]));
            let mut names = crate::naming::Scope::default();
            let mut out = Vec::new();
            for (i, ex) in input.examples.clone().iter().enumerate() {
                if let Some(e) = lower_one(cx, &checker, op, ex, &at.index(i), i, &mut names) {
                    out.push(e);
                }
            }
            op.examples = out;
        }
    }
}

fn lower_one(
    cx: &mut Ctx<'_>,
    checker: &Checker<'_>,
    op: &ir::Operation,
    ex: &InExample,
    at: &At,
    index: usize,
    names: &mut crate::naming::Scope,
) -> Option<ir::Example> {
    let name = match &ex.name {
        Some(n) => n.clone(),
        None => format!("example {}", index + 1),
    };
    let rust = crate::naming::snake(&name).unwrap_or_else(|| format!("example_{}", index + 1));
    let rust = rust.trim_start_matches("r#").to_string();
    if let Err(earlier) = names.claim(&rust, &name) {
        cx.error(
            &at.key("name"),
            format!("examples `{earlier}` and `{name}` both become the test `{rust}`; rename one"),
        );
        return None;
    }
    let mut ok = true;
    let empty = crate::input::ExampleRequest::default();
    let request = ex.request.as_ref().unwrap_or(&empty);
    let rat = at.key("request");

    // Path parameters: every one needs a value, of its type.
    let mut path = Vec::new();
    for p in &op.path_params {
        match request.path.get(&p.name.wire) {
            Some(v) if v.is_object() || v.is_array() => {
                cx.error(
                    &rat.key("path").key(&p.name.wire),
                    format!(
                        "path parameter `{}` takes one value, not {}",
                        p.name.wire,
                        kind_of(v)
                    ),
                );
                ok = false;
            }
            Some(v) => match checker.check(
                v,
                &p.ty,
                Mode {
                    lenient: false,
                    request: true,
                },
            ) {
                Ok(()) => path.push((p.name.wire.clone(), v.clone())),
                Err(f) => {
                    cx.error(&rat.key("path").key(&p.name.wire), f.message);
                    ok = false;
                }
            },
            None => {
                cx.error(
                    at,
                    format!(
                        "the example sets no value for the path parameter `{}`; add `request: {{ path: {{ {}: .. }} }}`",
                        p.name.wire, p.name.wire
                    ),
                );
                ok = false;
            }
        }
    }
    for key in request.path.keys() {
        if !op.path_params.iter().any(|p| &p.name.wire == key) {
            let names = op.path_params.iter().map(|p| p.name.wire.as_str());
            cx.error_at_key(
                &rat.key("path").key(key),
                format!(
                    "`{key}` is not a path parameter of `{}`{}",
                    op.name.wire,
                    hint(key, names)
                ),
            );
            ok = false;
        }
    }

    // Query parameters, by the names the spec gives them.
    let query = match query::lower(cx, checker, op, request, at, &rat) {
        Some(q) => q,
        None => {
            ok = false;
            Vec::new()
        }
    };

    // Header parameters: every required one needs a value.
    let headers = match lower_headers(cx, checker, op, request, at, &rat) {
        Some(h) => h,
        None => {
            ok = false;
            Vec::new()
        }
    };

    // The body, as the client would send it.
    let body = match (&op.body, &request.body) {
        (Some(ty), Some(v)) => {
            match checker.check(
                v,
                ty,
                Mode {
                    lenient: false,
                    request: true,
                },
            ) {
                Ok(()) => Some(v.clone()),
                Err(f) => {
                    let bat = rat.key("body");
                    cx.error(
                        &f.at(&bat),
                        format!(
                            "the example body cannot be sent as the operation's body: {}",
                            located(&f)
                        ),
                    );
                    ok = false;
                    None
                }
            }
        }
        (Some(_), None) => {
            cx.error(
                at,
                "the operation takes a body: give the example one under `request: { body: .. }`",
            );
            ok = false;
            None
        }
        (None, Some(_)) => {
            cx.error_at_key(
                &rat.key("body"),
                format!("`{}` sends no body", op.name.wire),
            );
            ok = false;
            None
        }
        (None, None) => None,
    };

    // The answer, as the runtime would decode it.
    let response = match &ex.response {
        None => None,
        Some(r) => {
            let status = r.status.unwrap_or(200);
            let sat = at.key("response");
            if !(100..=599).contains(&status) {
                cx.error(
                    &sat.key("status"),
                    format!("`{status}` is not an HTTP status"),
                );
                ok = false;
            }
            // As the runtime decides: a 2xx answer whose error member holds a non-empty
            // list of codes failed too.
            let in_band = checker.error_field.is_some_and(|f| {
                r.body
                    .as_ref()
                    .and_then(|b| b.get(f))
                    .is_some_and(|c| c.as_array().is_some_and(|a| !a.is_empty()))
            });
            let success = (200..300).contains(&status) && !in_band;
            if let Some(v) = &r.body {
                let bat = sat.key("body");
                let checked = if success {
                    response_check(checker, op, v)
                } else {
                    match &op.error_body {
                        Some(ty) => checker.check(
                            v,
                            ty,
                            Mode {
                                lenient: checker.lenient,
                                request: false,
                            },
                        ),
                        None => Ok(()),
                    }
                };
                if let Err(f) = checked {
                    let what = if success { "answer" } else { "error body" };
                    cx.error(
                        &f.at(&bat),
                        format!("the example {what} does not decode: {}", located(&f)),
                    );
                    ok = false;
                }
            }
            let mut kept = Vec::new();
            if let Some(v) = &r.body {
                let decoded = match (&op.response.unwrap, success) {
                    (Some(key), true) => v.get(key),
                    _ => Some(v),
                };
                let ty = if success {
                    op.response.ty.as_ref()
                } else {
                    op.error_body.as_ref()
                };
                if let (Some(decoded), Some(ty)) = (decoded, ty) {
                    checker.kept(decoded, ty, checker.lenient, "", &mut kept);
                }
            }
            Some(ir::ExampleResponse {
                status,
                failed: !success,
                kept,
                headers: r
                    .headers
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
                body: r.body.clone(),
            })
        }
    };
    let target = wire::target(op, &path, &query);
    let body_wire = match (&op.body, &body) {
        (Some(ty), Some(v)) => match &op.body_encoding {
            ir::BodyEncoding::Json => Some(checker.wire(v, ty).to_string()),
            ir::BodyEncoding::Form(lists) => Some(wire::form(&checker.wire(v, ty), *lists)),
            ir::BodyEncoding::Multipart(lists) => {
                Some(wire::multipart(&checker.wire(v, ty), *lists))
            }
            // A raw body is given as its text.
            ir::BodyEncoding::Binary { .. } => match v {
                Value::String(text) => Some(text.clone()),
                _ => {
                    cx.error(
                        &rat.key("body"),
                        "a raw `bytes` body is given as its text, a string",
                    );
                    ok = false;
                    None
                }
            },
        },
        _ => None,
    };
    ok.then(|| ir::Example {
        name: Name { wire: name, rust },
        docs: ex.description.clone(),
        path,
        query,
        headers,
        body,
        target,
        body_wire,
        response,
    })
}

/// The example's header values, in the operation's order, each with the text it is sent
/// as; `None` after an error.
fn lower_headers(
    cx: &mut Ctx<'_>,
    checker: &Checker<'_>,
    op: &ir::Operation,
    request: &crate::input::ExampleRequest,
    at: &At,
    rat: &At,
) -> Option<Vec<(String, Value, String)>> {
    let mut ok = true;
    let mut out = Vec::new();
    for key in request.headers.keys() {
        if !op
            .headers
            .iter()
            .any(|h| h.name.wire.eq_ignore_ascii_case(key))
        {
            let names = op.headers.iter().map(|h| h.name.wire.as_str());
            cx.error_at_key(
                &rat.key("headers").key(key),
                format!(
                    "`{key}` is not a header parameter of `{}`{}",
                    op.name.wire,
                    hint(key, names)
                ),
            );
            ok = false;
        }
    }
    for h in &op.headers {
        let given = request
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(&h.name.wire));
        let Some((key, v)) = given else {
            if h.required {
                cx.error(
                    at,
                    format!(
                        "the example sets no value for the required header `{}`; add `request: {{ headers: {{ {}: .. }} }}`",
                        h.name.wire, h.name.wire
                    ),
                );
                ok = false;
            }
            continue;
        };
        let vat = rat.key("headers").key(key);
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            other => {
                cx.error(
                    &vat,
                    format!(
                        "header `{}` takes one value, not {}",
                        h.name.wire,
                        kind_of(other)
                    ),
                );
                ok = false;
                continue;
            }
        };
        let ty = match h.secret {
            true => Ty::Scalar(Scalar::String),
            false => h.ty.clone(),
        };
        let mode = Mode {
            lenient: false,
            request: true,
        };
        if let Err(f) = checker.check(v, &ty, mode) {
            cx.error(&vat, f.message);
            ok = false;
            continue;
        }
        out.push((h.name.wire.clone(), v.clone(), text));
    }
    ok.then_some(out)
}

/// A success answer against the response type (and the member it unwraps).
fn response_check(checker: &Checker<'_>, op: &ir::Operation, v: &Value) -> Result<(), Fail> {
    let Some(ty) = &op.response.ty else {
        return Ok(());
    };
    let mode = Mode {
        lenient: checker.lenient,
        request: false,
    };
    match &op.response.unwrap {
        None => checker.check(v, ty, mode),
        Some(key) => match v.get(key) {
            Some(member) => checker
                .check(member, ty, mode)
                .map_err(|f| f.under(Seg::Key(key.clone()))),
            None => Err(fail(format!(
                "missing member `{key}` that the answer unwraps"
            ))),
        },
    }
}

/// `path: message`, or the message alone at the top.
fn located(f: &Fail) -> String {
    let path = f.path_text();
    if path.is_empty() {
        f.message.clone()
    } else {
        format!("{path}: {}", f.message)
    }
}
