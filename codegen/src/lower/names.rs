//! Names an API's generated module cannot give away: the prelude's types (which the
//! generated code uses unqualified), `Error`, the client type and the client's own
//! methods; and type names two items would share.

use super::{At, Ctx, ModelTable, YPath};
use crate::input::ApiSection;
use crate::ir::{self, Auth};
use crate::naming;
use std::collections::BTreeMap;

/// The client type's name: `api.client`, or UpperCamelCase of the API name + `Client`.
pub fn client_name(section: &ApiSection) -> String {
    match &section.client {
        Some(c) => c.clone(),
        None => format!("{}Client", api_camel(section)),
    }
}

fn api_camel(section: &ApiSection) -> String {
    naming::camel(&section.name).unwrap_or_else(|| "Api".to_owned())
}

/// Who already has type name `name` in the API module, if anyone but the spec's items.
fn taken_by(name: &str, client: Option<&str>) -> Option<String> {
    if naming::PRELUDE_TYPES.contains(&name) {
        Some(format!(
            "the standard `{name}` (the generated code uses it)"
        ))
    } else if name == "Error" {
        Some("the API's `Error` type (the error of its operations)".to_owned())
    } else if Some(name) == client {
        Some("the API's client type".to_owned())
    } else {
        None
    }
}

/// Models, request builders and ordering enums share the API module (glob re-exports)
/// with `Error` and the client type, and use the prelude's names: each needs a name of
/// its own.
pub fn check_type_names(
    cx: &mut Ctx<'_>,
    table: &ModelTable,
    groups: &[ir::Group],
    section: Option<&ApiSection>,
) {
    let client = section.map(client_name);
    let client = client.as_deref().filter(|c| naming::is_camel_ident(c));
    let prefix = section.map_or_else(|| "Api".to_owned(), api_camel);
    for (name, info) in &table.names {
        if let Some(owner) = taken_by(name, client) {
            let hint = if Some(name.as_str()) == client {
                "rename the model, or name the client with `api.client`".to_owned()
            } else {
                format!("rename the model (e.g. `{prefix}{name}`)")
            };
            cx.error_at_key(
                &info.at,
                format!("model name `{name}` is taken by {owner}; {hint}"),
            );
        }
    }
    if let (Some(section), Some(client)) = (section, client) {
        if section.client.is_some() {
            if let Some(owner) = taken_by(client, None) {
                let fi = cx
                    .files
                    .iter()
                    .position(|f| f.file.api.is_some())
                    .unwrap_or(0);
                cx.error(
                    &At::new(fi, YPath::keys(&["api", "client"])),
                    format!("client type name `{client}` is taken by {owner}; choose another"),
                );
            }
        }
    }
    let mut scope = naming::Scope::default();
    for name in table.names.keys() {
        let _ = scope.claim(name, &format!("the model `{name}`"));
    }
    for g in groups {
        let fi = cx.files.iter().position(|f| f.path == g.file).unwrap_or(0);
        for op in &g.operations {
            let at = At::new(fi, YPath::keys(&["operations", &op.name.wire]));
            let mut names = vec![(
                op.builder.clone(),
                format!("the request builder of `{}`", op.name.wire),
                format!("rename the operation (e.g. `get_{}`)", op.name.wire),
            )];
            for q in &op.query {
                if let Some((type_name, _)) = q.kind.unit().ordering_enum() {
                    names.push((
                        type_name.to_string(),
                        format!("the ordering fields of `{}`", q.name.wire),
                        "rename the operation or the parameter".to_owned(),
                    ));
                }
            }
            for (rust, what, rename) in names {
                if let Some(owner) = taken_by(&rust, client) {
                    cx.error_at_key(
                        &at,
                        format!(
                            "{what} would be named `{rust}`, which is taken by {owner}; {rename}"
                        ),
                    );
                } else if let Err(earlier) = scope.claim(&rust, &what) {
                    cx.error_at_key(
                        &at,
                        format!("{what} would be named `{rust}`, like {earlier}; rename one"),
                    );
                }
            }
        }
    }
}

/// Operations are methods of the client type, next to its own `new`, `transport` and the
/// two functions each auth scheme adds (`with_<scheme>`, `<scheme>_auth`): none may
/// share a name.
pub fn check_client_methods(
    cx: &mut Ctx<'_>,
    section: &ApiSection,
    api_at: &At,
    auth: &[Auth],
    groups: &[ir::Group],
) {
    let client = client_name(section);
    let mut methods: BTreeMap<String, String> = BTreeMap::new();
    methods.insert("new".into(), "the client's constructor".into());
    methods.insert("transport".into(), "the client's transport accessor".into());
    for (i, scheme) in section.auth.iter().enumerate() {
        if !auth.iter().any(|a| a.name.wire == scheme.name) {
            continue;
        }
        for method in [
            format!("with_{}", scheme.name),
            format!("{}_auth", scheme.name),
        ] {
            let what = format!(
                "a constructor function of the auth scheme `{}`",
                scheme.name
            );
            if let Some(earlier) = methods.get(&method) {
                let msg = format!(
                    "auth scheme `{}` would add `{client}::{method}`, which is already {earlier}; rename the scheme",
                    scheme.name
                );
                cx.error(&api_at.key("auth").index(i).key("name"), msg);
            } else {
                methods.insert(method, what);
            }
        }
    }
    for g in groups {
        let fi = cx.files.iter().position(|f| f.path == g.file).unwrap_or(0);
        for op in &g.operations {
            let name = op.name.rust.as_str();
            let Some(what) = methods.get(name) else {
                continue;
            };
            let example = if name == "new" {
                "create".to_owned()
            } else {
                format!("{name}_op")
            };
            let at = At::new(fi, YPath::keys(&["operations", &op.name.wire]));
            cx.error_at_key(
                &at,
                format!("operation `{name}` would be the method `{client}::{name}`, which is already {what}; rename the operation (e.g. `{example}`)"),
            );
        }
    }
}
