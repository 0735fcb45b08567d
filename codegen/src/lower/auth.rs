//! Lowering of auth schemes, including the session scheme's login/refresh/logout roles.

use super::{At, Ctx};
use crate::diag::Suggester;
use crate::input::{ApiSection, AuthKind, Method};
use crate::ir::{Auth, AuthKindIr, Group, Name, SessionRole};
use crate::naming::{self, Scope};

/// Lowers `api.auth`, marking the session operations in `groups`.
pub fn lower(
    cx: &mut Ctx<'_>,
    section: &ApiSection,
    api_at: &At,
    groups: &mut [Group],
) -> Vec<Auth> {
    let mut out = Vec::new();
    let mut scope = Scope::default();
    let all: Vec<String> = groups
        .iter()
        .flat_map(|g| g.operations.iter().map(|o| o.name.wire.clone()))
        .collect();
    let ops = Suggester::new(all.iter().map(String::as_str), Suggester::BUDGET);
    for (i, scheme) in section.auth.iter().enumerate() {
        let at = api_at.key("auth").index(i);
        if naming::is_keyword(&scheme.name) {
            let example = format!("{}_scheme", scheme.name.to_lowercase());
            let msg = naming::keyword_message(&scheme.name, "an auth scheme name", &example);
            cx.error(&at.key("name"), msg);
            continue;
        }
        if !naming::is_snake_ident(&scheme.name) {
            cx.error(
                &at.key("name"),
                format!("auth scheme name `{}` must be snake_case", scheme.name),
            );
            continue;
        }
        if let Err(earlier) = scope.claim(&scheme.name, &scheme.name) {
            cx.error(
                &at.key("name"),
                format!("duplicate auth scheme `{earlier}`"),
            );
            continue;
        }
        let wrong = |cx: &mut Ctx<'_>, key: &str, set: bool| {
            if set {
                cx.error_at_key(
                    &at.key(key),
                    format!(
                        "`{key}` does not apply to `kind: {}`",
                        kind_name(scheme.kind)
                    ),
                );
            }
        };
        let session_keys = scheme.login.is_some()
            || scheme.refresh.is_some()
            || !scheme.logout.is_empty()
            || scheme.token_field.is_some()
            || scheme.refresh_token_field.is_some()
            || scheme.refresh_request_field.is_some();
        let kind = match scheme.kind {
            AuthKind::ApiKeyHeader => {
                wrong(cx, "param", scheme.param.is_some());
                let Some(header) = &scheme.header else {
                    cx.error_at_key(&at, "`api_key_header` needs `header`");
                    continue;
                };
                if header.is_empty()
                    || !header
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                {
                    cx.error(
                        &at.key("header"),
                        format!("`{header}` is not a valid header name"),
                    );
                    continue;
                }
                AuthKindIr::ApiKeyHeader {
                    header: header.clone(),
                    prefix: scheme.prefix.clone().unwrap_or_default(),
                }
            }
            AuthKind::QueryToken => {
                wrong(cx, "header", scheme.header.is_some());
                wrong(cx, "prefix", scheme.prefix.is_some());
                let Some(param) = &scheme.param else {
                    cx.error_at_key(&at, "`query_token` needs `param`");
                    continue;
                };
                AuthKindIr::QueryToken {
                    param: param.clone(),
                }
            }
            AuthKind::Basic => {
                wrong(cx, "header", scheme.header.is_some());
                wrong(cx, "param", scheme.param.is_some());
                AuthKindIr::Basic
            }
            AuthKind::Session => {
                wrong(cx, "header", scheme.header.is_some());
                wrong(cx, "param", scheme.param.is_some());
                let (Some(login), Some(refresh)) = (&scheme.login, &scheme.refresh) else {
                    cx.error_at_key(
                        &at,
                        "`session` needs `login` and `refresh` (operation names)",
                    );
                    continue;
                };
                if mark_role(
                    cx,
                    &at.key("login"),
                    groups,
                    &ops,
                    login,
                    SessionRole::Login,
                )
                .is_none()
                {
                    continue;
                }
                let Some(refresh_path) = mark_role(
                    cx,
                    &at.key("refresh"),
                    groups,
                    &ops,
                    refresh,
                    SessionRole::Refresh,
                ) else {
                    continue;
                };
                let mut logout = Vec::new();
                for (j, name) in scheme.logout.iter().enumerate() {
                    if mark_role(
                        cx,
                        &at.key("logout").index(j),
                        groups,
                        &ops,
                        name,
                        SessionRole::Logout,
                    )
                    .is_some()
                    {
                        logout.push(name.clone());
                    }
                }
                AuthKindIr::Session {
                    login: login.clone(),
                    refresh_path,
                    refresh: refresh.clone(),
                    logout,
                    token_field: scheme.token_field.clone().unwrap_or_else(|| "token".into()),
                    refresh_token_field: scheme
                        .refresh_token_field
                        .clone()
                        .unwrap_or_else(|| "refresh".into()),
                    refresh_request_field: scheme
                        .refresh_request_field
                        .clone()
                        .unwrap_or_else(|| "refresh_token".into()),
                }
            }
        };
        if scheme.kind != AuthKind::Session && session_keys {
            cx.error_at_key(
                &at,
                format!(
                    "session settings do not apply to `kind: {}`",
                    kind_name(scheme.kind)
                ),
            );
            continue;
        }
        out.push(Auth {
            name: Name {
                wire: scheme.name.clone(),
                rust: scheme.name.clone(),
            },
            kind,
            docs: scheme.description.clone(),
        });
    }
    if out
        .iter()
        .filter(|a| matches!(a.kind, AuthKindIr::Session { .. }))
        .count()
        > 1
    {
        cx.error(&api_at.key("auth"), "at most one `session` scheme per API");
    }
    out
}

/// Marks operation `name` with `role`; returns its path. Reports unknown operations.
fn mark_role(
    cx: &mut Ctx<'_>,
    at: &At,
    groups: &mut [Group],
    ops: &Suggester,
    name: &str,
    role: SessionRole,
) -> Option<String> {
    let found = groups
        .iter_mut()
        .flat_map(|g| g.operations.iter_mut())
        .find(|o| o.name.wire == name);
    match found {
        Some(op) => {
            if role != SessionRole::Logout
                && (op.method != Method::POST || !op.path_params.is_empty())
            {
                cx.error(
                    at,
                    format!(
                        "the {role:?} operation `{name}` must be a POST without path parameters"
                    ),
                );
                return None;
            }
            if role != SessionRole::Logout
                && op.response.ty == Some(crate::ir::Ty::Scalar(crate::ir::Scalar::Bytes))
            {
                cx.error(
                    at,
                    format!("the {role:?} operation `{name}` must return JSON holding the tokens, not `bytes`"),
                );
                return None;
            }
            op.session_role = Some(role);
            if role != SessionRole::Logout {
                op.authenticated = false;
            }
            Some(op.path.clone())
        }
        None => {
            let hint = ops.hint(name);
            cx.error(at, format!("no operation named `{name}`{hint}"));
            None
        }
    }
}

fn kind_name(k: AuthKind) -> &'static str {
    match k {
        AuthKind::ApiKeyHeader => "api_key_header",
        AuthKind::QueryToken => "query_token",
        AuthKind::Basic => "basic",
        AuthKind::Session => "session",
    }
}
