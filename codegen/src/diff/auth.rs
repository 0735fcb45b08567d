//! Auth schemes: each is a pair of client constructors (`with_<name>(..)`,
//! `<name>_auth(..)`) whose arguments depend on the kind; settings only change what is
//! sent.

use super::context::{bare, pair, Cx, Paired};
use super::report::{ChangeKind, Impact, Location};
use crate::ir::{Auth, AuthKindIr};

/// The constructor arguments a kind takes (after `base_url`, for self-hosted APIs).
fn arguments(kind: &AuthKindIr) -> &'static [&'static str] {
    match kind {
        AuthKindIr::ApiKeyHeader { .. } => &["key"],
        AuthKindIr::QueryToken { .. } => &["token"],
        AuthKindIr::Basic => &["username", "password"],
        AuthKindIr::Session { .. } => &[],
    }
}

fn kind_name(kind: &AuthKindIr) -> &'static str {
    match kind {
        AuthKindIr::ApiKeyHeader { .. } => "api_key_header",
        AuthKindIr::QueryToken { .. } => "query_token",
        AuthKindIr::Basic => "basic",
        AuthKindIr::Session { .. } => "session",
    }
}

/// Compares the auth schemes of the API.
pub fn diff_auth(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old.api, cx.new.api);
    let by_rust: fn(&Auth) -> &str = |a| &a.name.rust;
    for p in pair(&old.auth, &new.auth, &[by_rust]) {
        match p {
            Paired::Added(a) => {
                let n = bare(&a.name.rust);
                cx.push(
                    &Location::default().child("auth scheme", &a.name.wire),
                    ChangeKind::Added,
                    Impact::Compatible,
                    format!("added ({})", kind_name(&a.kind)),
                    format!(
                        "new constructors `{}::with_{n}(..)` and `{n}_auth(..)`",
                        new.client
                    ),
                );
            }
            Paired::Removed(a) => {
                let n = bare(&a.name.rust);
                cx.push(
                    &Location::default().child("auth scheme", &a.name.wire),
                    ChangeKind::Removed,
                    Impact::Breaking,
                    "removed",
                    format!(
                        "calls to `{}::with_{n}(..)` and `{n}_auth(..)` stop compiling",
                        old.client
                    ),
                );
            }
            Paired::Both(x, y) => scheme(cx, x, y),
        }
    }
}

fn scheme(cx: &mut Cx<'_>, x: &Auth, y: &Auth) {
    // Paired by Rust name; the spec name is the same word.
    let Auth {
        name: _,
        kind: x_kind,
        docs: x_docs,
    } = x;
    let Auth {
        name,
        kind: y_kind,
        docs: y_docs,
    } = y;
    cx.docs(x_docs, y_docs);
    let at = Location::default().child("auth scheme", &name.wire);
    let n = bare(&name.rust);
    let shown = |s: &str| match s.is_empty() {
        true => "nothing".to_string(),
        false => format!("`{s}`"),
    };
    let mut setting = |what: &str, old: &str, new: &str, why: String| {
        if old != new {
            cx.behaviour(&at, format!("{what} {} → {}", shown(old), shown(new)), why);
        }
    };
    match (x_kind, y_kind) {
        (
            AuthKindIr::ApiKeyHeader {
                header: xh,
                prefix: xp,
            },
            AuthKindIr::ApiKeyHeader {
                header: yh,
                prefix: yp,
            },
        ) => {
            setting("header", xh, yh, format!("the key is sent in `{yh}`"));
            let after = match yp.is_empty() {
                true => "without a prefix".to_string(),
                false => format!("after `{yp}`"),
            };
            setting("prefix", xp, yp, format!("the key is sent {after}"));
        }
        (AuthKindIr::QueryToken { param: xp }, AuthKindIr::QueryToken { param: yp }) => {
            setting("parameter", xp, yp, format!("the token is sent as `{yp}`"));
        }
        (AuthKindIr::Basic, AuthKindIr::Basic) => {}
        (
            AuthKindIr::Session {
                login: xl,
                refresh_path: xrp,
                refresh: xr,
                logout: xo,
                token_field: xt,
                refresh_token_field: xrt,
                refresh_request_field: xrq,
            },
            AuthKindIr::Session {
                login: yl,
                refresh_path: yrp,
                refresh: yr,
                logout: yo,
                token_field: yt,
                refresh_token_field: yrt,
                refresh_request_field: yrq,
            },
        ) => {
            setting(
                "login operation",
                xl,
                yl,
                format!("`{yl}` stores the tokens"),
            );
            setting(
                "refresh operation",
                xr,
                yr,
                format!("expired tokens are refreshed with `{yr}`"),
            );
            setting(
                "refresh path",
                xrp,
                yrp,
                format!("expired tokens are refreshed at `{yrp}`"),
            );
            setting(
                "token member",
                xt,
                yt,
                format!("the access token is read from `{yt}`"),
            );
            setting(
                "refresh token member",
                xrt,
                yrt,
                format!("the refresh token is read from `{yrt}`"),
            );
            setting(
                "refresh request member",
                xrq,
                yrq,
                format!("the refresh token is sent as `{yrq}`"),
            );
            let (xo, yo) = (xo.join(", "), yo.join(", "));
            setting(
                "logout operations",
                &xo,
                &yo,
                "other operations drop the stored tokens".into(),
            );
        }
        (
            AuthKindIr::ApiKeyHeader { .. }
            | AuthKindIr::QueryToken { .. }
            | AuthKindIr::Basic
            | AuthKindIr::Session { .. },
            AuthKindIr::ApiKeyHeader { .. }
            | AuthKindIr::QueryToken { .. }
            | AuthKindIr::Basic
            | AuthKindIr::Session { .. },
        ) => {
            let what = format!("kind `{}` → `{}`", kind_name(x_kind), kind_name(y_kind));
            let (xa, ya) = (arguments(x_kind), arguments(y_kind));
            if xa.len() == ya.len() {
                cx.behaviour(
                    &at,
                    what,
                    format!("`with_{n}(..)` takes the same arguments; the credential is sent another way"),
                );
            } else {
                cx.breaking(
                    &at,
                    what,
                    format!(
                        "`with_{n}(..)` and `{n}_auth(..)` take ({}) instead of ({})",
                        ya.join(", "),
                        xa.join(", ")
                    ),
                );
            }
        }
    }
}
