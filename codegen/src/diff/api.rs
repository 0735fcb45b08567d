//! One API: its client type, base URL (which decides whether constructors take one), the
//! `Error` alias, decoding settings; then its auth schemes, models and operations.

use super::context::Cx;
use super::report::{ApiReport, ChangeKind, Impact, Location};
use super::{auth, models, operations};
use crate::ir::{Api, Scalar, Ty};

/// Compares two versions of one API.
pub fn diff_api(old: &Api, new: &Api) -> ApiReport {
    let mut cx = Cx::new(old, new);
    settings(&mut cx, old, new);
    auth::diff_auth(&mut cx);
    models::diff_models(&mut cx);
    operations::diff_operations(&mut cx);
    let (changes, doc_only) = cx.finish();
    ApiReport {
        name: new.name.wire.clone(),
        changes,
        doc_only,
    }
}

/// An API only in the new spec.
pub fn added(api: &Api) -> ApiReport {
    let feature = &api.name.wire;
    let why = format!(
        "a new module `{}` and cargo feature `{feature}`",
        api.name.rust
    );
    one(api, ChangeKind::Added, Impact::Compatible, why)
}

/// An API only in the old spec.
pub fn removed(api: &Api) -> ApiReport {
    let why = format!(
        "the module `{}`, its client `{}` and the cargo feature `{}` are gone",
        api.name.rust, api.client, api.name.wire
    );
    one(api, ChangeKind::Removed, Impact::Breaking, why)
}

fn one(api: &Api, kind: ChangeKind, impact: Impact, why: String) -> ApiReport {
    let what = match kind {
        ChangeKind::Added => "added",
        ChangeKind::Removed => "removed",
        ChangeKind::Changed => "changed",
    };
    ApiReport {
        name: api.name.wire.clone(),
        changes: vec![super::report::Change {
            location: Location::default().child("api", &api.name.wire),
            kind,
            impact,
            what: what.to_string(),
            why,
        }],
        doc_only: 0,
    }
}

fn settings(cx: &mut Cx<'_>, x: &Api, y: &Api) {
    let Api {
        // Paired by Rust name (the module); the feature is the same word.
        name: _,
        client: x_client,
        title: x_title,
        docs: x_docs,
        // Which spec files: only named in the generated files' preambles.
        api_file: _,
        files: _,
        base_url: x_base,
        // Compared by `auth`, `models` and `operations`.
        auth: x_auth,
        error_body: x_error,
        lenient: x_lenient,
        error_field: x_error_field,
        headers: x_headers,
        models: _,
        groups: _,
    } = x;
    let Api {
        name: _,
        client: y_client,
        title: y_title,
        docs: y_docs,
        api_file: _,
        files: _,
        base_url: y_base,
        auth: y_auth,
        error_body: y_error,
        lenient: y_lenient,
        error_field: y_error_field,
        headers: y_headers,
        models: _,
        groups: _,
    } = y;
    let at = Location::default();
    super::headers::diff_api_headers(cx, x_headers, y_headers);
    cx.docs(x_title, y_title);
    cx.docs(x_docs, y_docs);
    if x_client != y_client {
        cx.breaking(
            &at.child("client", ""),
            format!("client type `{x_client}` → `{y_client}`"),
            format!("code naming `{x_client}` stops compiling"),
        );
    }
    let has_constructors = !x_auth.is_empty() && !y_auth.is_empty();
    let at_base = at.child("base URL", "");
    match (x_base, y_base) {
        (None, Some(url)) if has_constructors => cx.breaking(
            &at_base,
            format!("default `{url}` added"),
            format!("`{y_client}::with_<scheme>(..)` constructors no longer take `base_url`"),
        ),
        (Some(url), None) if has_constructors => cx.breaking(
            &at_base,
            format!("default `{url}` removed"),
            format!(
                "`{y_client}::with_<scheme>(..)` constructors take a new first argument `base_url`"
            ),
        ),
        (None, Some(_)) | (Some(_), None) => cx.behaviour(
            &at_base,
            match y_base {
                Some(url) => format!("default `{url}` added"),
                None => "default removed".to_string(),
            },
            "clients built from a configuration without a base URL behave differently",
        ),
        (Some(a), Some(b)) if a != b => cx.behaviour(
            &at_base,
            format!("default `{a}` → `{b}`"),
            format!("clients built without a base URL talk to `{b}`"),
        ),
        (Some(_), Some(_)) | (None, None) => {}
    }
    let json = Ty::Scalar(Scalar::Json);
    let (xe, ye) = (
        x_error.as_ref().unwrap_or(&json),
        y_error.as_ref().unwrap_or(&json),
    );
    cx.retyped(
        &at.child("error body", ""),
        (xe, false),
        (ye, false),
        |a, b| format!("the API's `Error` is `Error<{b}>` instead of `Error<{a}>`"),
    );
    if x_lenient != y_lenient {
        let (what, why) = match y_lenient {
            true => ("lenient decoding on", "PHP-style values (numbers as strings, `\"0\"`/`\"1\"` flags, `[]` maps) are now accepted everywhere"),
            false => ("lenient decoding off", "PHP-style values (numbers as strings, `\"0\"`/`\"1\"` flags, `[]` maps) now fail to decode"),
        };
        cx.behaviour(&at.child("decoding", ""), what, why);
    }
    if x_error_field != y_error_field {
        let show = |f: &Option<String>| match f {
            Some(f) => format!("`{f}`"),
            None => "none".to_string(),
        };
        cx.behaviour(
            &at.child("in-band error member", ""),
            format!("{} → {}", show(x_error_field), show(y_error_field)),
            "which successful answers count as errors changes",
        );
    }
}
