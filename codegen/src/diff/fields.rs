//! Struct fields: added, removed, renamed (Rust or wire name), retyped, made optional or
//! required, defaults, lenient decoding; and the arguments of `new(..)` for structs that
//! callers build (request bodies).

use super::context::{bare, list, pair, reordered, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use super::types::rust_name;
use crate::ir::Field;

/// Whether `f` is an argument of `new(..)` (the rest start unset or at their default).
pub fn is_arg(f: &Field) -> bool {
    !f.is_settable()
}

/// Compares the fields of struct `model` at `at`.
pub fn diff_fields(cx: &mut Cx<'_>, at: &Location, model: &str, a: &[Field], b: &[Field]) {
    let built = cx.old.buildable(model) && cx.new.buildable(model);
    let by_wire: fn(&Field) -> &str = |f| &f.name.wire;
    let by_rust: fn(&Field) -> &str = |f| &f.name.rust;
    for p in pair(a, b, &[by_wire, by_rust]) {
        match p {
            Paired::Added(f) => added(cx, at, model, built, f),
            Paired::Removed(f) => {
                let n = bare(&f.name.rust);
                let also = match (cx.old.buildable(model), is_arg(f)) {
                    (true, true) => format!("; `{model}::new` loses the argument `{n}`"),
                    (true, false) => format!(", and so do calls to `with_{n}`"),
                    (false, _) => String::new(),
                };
                cx.push(
                    &at.child("field", &f.name.wire),
                    ChangeKind::Removed,
                    Impact::Breaking,
                    "removed",
                    format!("code reading `.{n}` stops compiling{also}"),
                );
            }
            Paired::Both(x, y) => field(cx, &at.child("field", &y.name.wire), model, built, x, y),
        }
    }
    if built {
        let args = |fs: &[Field]| -> Vec<String> {
            fs.iter()
                .filter(|f| is_arg(f))
                .map(|f| bare(&f.name.rust).to_string())
                .collect()
        };
        let (old_args, new_args) = (args(a), args(b));
        if reordered(&old_args, &new_args) {
            cx.breaking(
                at,
                format!(
                    "arguments of `{model}::new` reordered: ({}) → ({})",
                    list(&old_args),
                    list(&new_args)
                ),
                "calls still compile when the types agree, but pass values to the wrong fields",
            );
        }
    }
}

fn added(cx: &mut Cx<'_>, at: &Location, model: &str, built: bool, f: &Field) {
    let at = at.child("field", &f.name.wire);
    let n = bare(&f.name.rust);
    if built && is_arg(f) {
        return cx.push(
            &at,
            ChangeKind::Added,
            Impact::Breaking,
            "added (required)",
            format!("`{model}::new` takes a new argument `{n}`"),
        );
    }
    let mut why = format!(
        "a new public field `{n}`; `{model}` is `#[non_exhaustive]`, so no code builds it with a literal or destructures it without `..`"
    );
    if cx.new.buildable(model) {
        why.push_str(&format!("; set it with `with_{n}`"));
    }
    if is_arg(f) && cx.new.usage.response.contains(model) {
        why.push_str(&format!(
            "; answers without `{}` now fail to decode",
            f.name.wire
        ));
    }
    let what = match is_arg(f) {
        true => "added (required)",
        false => "added (optional)",
    };
    cx.push(&at, ChangeKind::Added, Impact::Compatible, what, why);
}

fn field(cx: &mut Cx<'_>, at: &Location, model: &str, built: bool, x: &Field, y: &Field) {
    let Field {
        name: x_name,
        ty: x_ty,
        // Compared together by `presence`: they decide `Option`/`Patch` and `new(..)`
        // arguments.
        optional: _,
        nullable: _,
        default: _,
        patch: _,
        lenient: x_lenient,
        boxed: x_boxed,
        secret: x_secret,
        docs: x_docs,
    } = x;
    let Field {
        name: y_name,
        ty: y_ty,
        // Compared together by `presence`: they decide `Option`/`Patch` and `new(..)`
        // arguments.
        optional: _,
        nullable: _,
        default: _,
        patch: _,
        lenient: y_lenient,
        boxed: y_boxed,
        secret: y_secret,
        docs: y_docs,
    } = y;
    cx.docs(x_docs, y_docs);
    let n = bare(&y_name.rust);
    if x_boxed != y_boxed {
        let (what, why) = match y_boxed {
            true => (
                "boxed (it now leads back to its own model)",
                "its type is `Box<..>` of the old one",
            ),
            false => ("no longer boxed", "its type loses the `Box<..>`"),
        };
        cx.breaking(
            at,
            what,
            format!("code reading or setting `.{n}` stops compiling: {why}"),
        );
    }
    if x_name.rust != y_name.rust {
        cx.breaking(
            at,
            format!("Rust name `{}` → `{n}`", bare(&x_name.rust)),
            format!("code using `.{}` stops compiling", bare(&x_name.rust)),
        );
    }
    if x_name.wire != y_name.wire {
        cx.behaviour(
            at,
            format!("wire name `{}` → `{}`", x_name.wire, y_name.wire),
            format!("`.{n}` is sent and read as `{}`", y_name.wire),
        );
    }
    cx.retyped(at, (x_ty, *x_secret), (y_ty, *y_secret), |a, b| {
        format!("`.{n}` changes from `{a}` to `{b}`")
    });
    let y_base = rust_name(&cx.new.resolve(y_ty, *y_secret));
    presence(cx, at, model, built, x, y, &y_base);
    // A field follows the API's `lenient` unless it sets its own: then the API's change
    // (reported once) explains it.
    let follows_api = *x_lenient == cx.old.api.lenient && *y_lenient == cx.new.api.lenient;
    if x_lenient != y_lenient && !(follows_api && cx.old.api.lenient != cx.new.api.lenient) {
        let what = match y_lenient {
            true => "decoded leniently",
            false => "no longer decoded leniently",
        };
        let why = match y_lenient {
            true => "numbers as strings, `\"0\"`/`\"1\"` flags, `[]` maps and zero dates are now accepted",
            false => "numbers as strings, `\"0\"`/`\"1\"` flags, `[]` maps and zero dates now fail to decode",
        };
        cx.behaviour(at, what, why);
    }
}

/// `optional`, `nullable` and `default`: whether the field is an `Option`, whether
/// `new(..)` takes it, and what is sent or accepted when it has no value.
fn presence(
    cx: &mut Cx<'_>,
    at: &Location,
    model: &str,
    built: bool,
    x: &Field,
    y: &Field,
    base: &str,
) {
    let what = presence_what(x, y);
    if what.is_empty() {
        return;
    }
    let what = what.join(", ");
    let n = bare(&y.name.rust);
    let new_arg = match (built, is_arg(x), is_arg(y)) {
        (true, false, true) => Some(format!("`{model}::new` takes a new argument `{n}`")),
        (true, true, false) => Some(format!(
            "`{model}::new` no longer takes `{n}` (set it with `with_{n}`)"
        )),
        _ => None,
    };
    let wrapped = |f: &Field| match (f.patch, f.is_option()) {
        (true, _) => format!("Patch<{base}>"),
        (false, true) => format!("Option<{base}>"),
        (false, false) => base.to_string(),
    };
    if x.is_option() != y.is_option() || x.patch != y.patch {
        let mut why = format!("`.{n}` is now `{}` instead of `{}`", wrapped(y), wrapped(x));
        if y.patch && built {
            why.push_str(&format!(
                "; `with_{n}_null()` sends `null`, and an unset member is left out"
            ));
        }
        if let Some(arg) = new_arg {
            why.push_str("; ");
            why.push_str(&arg);
        }
        return cx.breaking(at, what, why);
    }
    if let Some(arg) = new_arg {
        return cx.breaking(at, what, arg);
    }
    let mut why = format!("the Rust type stays `{}`", wrapped(y));
    if y.is_option() && x.optional != y.optional {
        why.push_str(match y.optional {
            true => "; `None` is now left out of requests instead of sent as `null`",
            false => "; `None` is now sent as `null` instead of left out",
        });
    }
    match (&x.default, &y.default) {
        (_, Some(v)) if x.default.as_ref() != Some(v) => {
            why.push_str(&format!("; an absent member now decodes as `{v}`"))
        }
        (Some(_), None) if !y.is_option() => why.push_str("; an absent member now fails to decode"),
        _ => {}
    }
    cx.behaviour(at, what, why);
}

/// How `optional`, `nullable` and `default` changed, in spec terms (empty: they did not).
pub fn presence_what(x: &Field, y: &Field) -> Vec<String> {
    let mut what = Vec::new();
    match (x.patch, y.patch) {
        (false, true) => what.push("made a patch member (absent, null or a value)".to_string()),
        (true, false) => what.push("no longer a patch member".to_string()),
        (true, true) | (false, false) => {}
    }
    // A patch member is optional and nullable: becoming one (or no longer being one)
    // already says how those change.
    let flags = x.patch == y.patch;
    match (x.optional, y.optional) {
        _ if !flags => {}
        (false, true) => what.push("made optional".to_string()),
        (true, false) => what.push("no longer optional".to_string()),
        (true, true) | (false, false) => {}
    }
    match (x.nullable, y.nullable) {
        _ if !flags => {}
        (false, true) => what.push("made nullable".to_string()),
        (true, false) => what.push("no longer nullable".to_string()),
        (true, true) | (false, false) => {}
    }
    match (&x.default, &y.default) {
        (None, Some(v)) => what.push(format!("default `{v}` added")),
        (Some(_), None) => what.push("default removed".to_string()),
        (Some(a), Some(b)) if a != b => what.push(format!("default `{a}` → `{b}`")),
        (Some(_), Some(_)) | (None, None) => {}
    }
    what
}
