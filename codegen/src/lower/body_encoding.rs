//! Lowering of a body's encoding (`body_encoding`, `form_lists`): a form body is a model
//! with fields (or a map), and its lists can be written in the style chosen; lists of
//! objects or of lists only with indexed keys (`items[0][price]`), which servers read
//! unambiguously. Query objects ([`Keyed`]) are checked the same way. A multipart body is
//! keyed the same way, one part per key, and is the one place `file` members may be
//! ([`holds_file`]). A `bytes` body is sent raw, with `body_content_type` (default
//! `application/octet-stream`).

use std::collections::BTreeSet;

use super::headers::is_token;
use super::{At, Ctx};
use crate::input::{BodyEncoding as InEncoding, Operation as InOp};
use crate::ir::{BodyEncoding, FormLists, Model, ModelKind, Scalar, Ty};

/// The encoding of `op`'s body (`body`: its resolved type, if it resolved); `None` after an
/// error.
pub(super) fn lower(
    cx: &mut Ctx<'_>,
    models: &[Model],
    at: &At,
    op: &InOp,
    body: Option<&Ty>,
) -> Option<BodyEncoding> {
    let raw = body == Some(&Ty::Scalar(Scalar::Bytes));
    if let Some(ct) = &op.body_content_type {
        if !raw {
            cx.error_at_key(
                &at.key("body_content_type"),
                "`body_content_type` is the media type of a raw body; it needs `body: bytes`",
            );
            return None;
        }
        if !is_media_type(ct) {
            cx.error(
                &at.key("body_content_type"),
                format!("`{}` is not a media type like `image/png` (`type/subtype`, no parameters or spaces)", ct.escape_debug()),
            );
            return None;
        }
    }
    if raw {
        if op.body_encoding.is_some() {
            cx.error(
                &at.key("body_encoding"),
                "a `bytes` body is sent as it is; drop `body_encoding` (say its media type with `body_content_type`)",
            );
            return None;
        }
        let content_type = op
            .body_content_type
            .clone()
            .unwrap_or_else(|| "application/octet-stream".to_string());
        return Some(BodyEncoding::Binary { content_type });
    }
    // A body sent as bracketed keys: its spelling, what it is and what its members
    // become (for messages), and its IR.
    type Spelling = (
        &'static str,
        &'static str,
        &'static str,
        fn(FormLists) -> BodyEncoding,
    );
    let keyed: Option<Spelling> = match op.body_encoding {
        Some(InEncoding::Form) => {
            Some(("form", "a form body", "the form's keys", BodyEncoding::Form))
        }
        Some(InEncoding::Multipart) => Some((
            "multipart",
            "a multipart body",
            "its parts",
            BodyEncoding::Multipart,
        )),
        Some(InEncoding::Json) | None => None,
    };
    if op.form_lists.is_some() && keyed.is_none() {
        cx.error_at_key(
            &at.key("form_lists"),
            "`form_lists` says how a form or multipart body writes lists; add `body_encoding: form` (or `multipart`) or drop it",
        );
        return None;
    }
    let multipart = op.body_encoding == Some(InEncoding::Multipart);
    if let (Some(ty), false) = (body, multipart) {
        if holds_file(models, ty) {
            let message = match ty {
                Ty::Scalar(Scalar::File) => "a body cannot be a `file`; hint: a multipart body is a model whose fields are its parts (`body_encoding: multipart`); for one raw file use `body: bytes`".to_string(),
                _ => format!(
                    "`{}` holds `file` members, which only a multipart body can send; hint: add `body_encoding: multipart`",
                    op.body.as_deref().unwrap_or_default()
                ),
            };
            cx.error(&at.key("body"), message);
            return None;
        }
    }
    let Some((name, what, keys, encoding)) = keyed else {
        return Some(BodyEncoding::Json);
    };
    if op.body.is_none() {
        cx.error(
            &at.key("body_encoding"),
            format!("`body_encoding: {name}` needs a `body`: the model whose fields are {keys}"),
        );
        return None;
    }
    // The body's own errors were reported where it is resolved.
    let ty = body?;
    let lists = op.form_lists.unwrap_or_default();
    let lists_at = if op.form_lists.is_some() {
        at.key("form_lists")
    } else {
        at.key("body_encoding")
    };
    let shape = Keyed {
        what,
        keys,
        ty_text: op.body.as_deref().unwrap_or_default(),
        ty_at: at.key("body"),
        lists_at,
        prefix: "",
    };
    shape.check(cx, models, ty, lists)?;
    Some(encoding(lists))
}

/// Whether a `file` occurs anywhere in `ty`, through models, aliases and unions.
pub(super) fn holds_file(models: &[Model], ty: &Ty) -> bool {
    fn go(models: &[Model], ty: &Ty, seen: &mut BTreeSet<String>) -> bool {
        match ty {
            Ty::Scalar(s) => *s == Scalar::File,
            Ty::List(t) | Ty::Map(t) | Ty::Page(t) | Ty::ListOrPage(t) => go(models, t, seen),
            Ty::Model(n) => {
                if !seen.insert(n.wire.clone()) {
                    return false;
                }
                match kind(models, ty) {
                    Some(ModelKind::Struct(fields)) => {
                        fields.iter().any(|f| go(models, &f.ty, seen))
                    }
                    Some(ModelKind::Alias(t)) => go(models, t, seen),
                    Some(ModelKind::Union(u)) => u.variants.iter().any(|v| go(models, &v.ty, seen)),
                    Some(ModelKind::Enum(_)) | None => false,
                }
            }
        }
    }
    go(models, ty, &mut BTreeSet::new())
}

/// Reports `file` in a type that is not a request body (`what`: "a response"), at `at`.
pub(crate) fn no_file(
    cx: &mut Ctx<'_>,
    models: &[Model],
    at: &At,
    ty: &Ty,
    what: &str,
) -> Option<()> {
    if !holds_file(models, ty) {
        return Some(());
    }
    let hint = match what {
        "a response" => "; hint: a download is `response: bytes`",
        _ => "",
    };
    cx.error(
        at,
        format!("{what} cannot hold a `file`: files are parts of a multipart request body (`body_encoding: multipart`){hint}"),
    );
    None
}

/// `type/subtype` made of token characters (RFC 9110), e.g. `image/png`,
/// `application/vnd.api+json`.
pub fn is_media_type(s: &str) -> bool {
    matches!(s.split_once('/'), Some((a, b)) if is_token(a) && is_token(b))
}

/// A value sent as bracketed keys (a form body, a query object), for [`Keyed::check`].
pub(crate) struct Keyed<'a> {
    /// What it is, for messages ("a form body").
    pub what: &'a str,
    /// What its members become ("the form's keys").
    pub keys: &'a str,
    /// Its type as written.
    pub ty_text: &'a str,
    /// Where its type is written.
    pub ty_at: At,
    /// Where the list style is written (or implied).
    pub lists_at: At,
    /// The key its members are bracketed under (`""` for a body's top-level members).
    pub prefix: &'a str,
}

impl Keyed<'_> {
    /// Checks that `ty` has members (a struct model or a map) and that its lists can be
    /// written as `lists` says.
    pub(crate) fn check(
        &self,
        cx: &mut Ctx<'_>,
        models: &[Model],
        ty: &Ty,
        lists: FormLists,
    ) -> Option<()> {
        if !has_members(models, ty) {
            cx.error(
                &self.ty_at,
                format!(
                    "{} is a model with fields (or a map): its members are {}; `{}` is not one",
                    self.what, self.keys, self.ty_text
                ),
            );
            return None;
        }
        if lists == FormLists::Indexed {
            return Some(());
        }
        let mut seen = BTreeSet::new();
        let Some(path) = nested_list(models, ty, self.prefix, &mut seen) else {
            return Some(());
        };
        let ambiguous = match lists {
            FormLists::Repeated => format!("{path}[..]"),
            _ => format!("{path}[][..]"),
        };
        cx.error(
            &self.lists_at,
            format!(
                "the member `{path}` is a list of objects or lists, which `{}` keys cannot say (`{ambiguous}` does not tell the items apart); hint: use `form_lists: indexed` (`{path}[0][..]`)",
                lists.as_str()
            ),
        );
        None
    }
}

/// `ty` through aliases.
fn resolve<'a>(models: &'a [Model], ty: &'a Ty) -> &'a Ty {
    let mut ty = ty;
    for _ in 0..32 {
        let Ty::Model(n) = ty else { break };
        match models.iter().find(|m| m.name.wire == n.wire) {
            Some(Model {
                kind: ModelKind::Alias(t),
                ..
            }) => ty = t,
            _ => break,
        }
    }
    ty
}

/// The model kind a (resolved) type names.
fn kind<'a>(models: &'a [Model], ty: &Ty) -> Option<&'a ModelKind> {
    let Ty::Model(n) = ty else { return None };
    models
        .iter()
        .find(|m| m.name.wire == n.wire)
        .map(|m| &m.kind)
}

fn has_members(models: &[Model], ty: &Ty) -> bool {
    let ty = resolve(models, ty);
    matches!(ty, Ty::Map(_)) || matches!(kind(models, ty), Some(ModelKind::Struct(_)))
}

/// Whether values of `ty` are objects or lists (a struct, a map, a union, which may be an
/// object, a page, a list).
fn is_compound(models: &[Model], ty: &Ty) -> bool {
    let ty = resolve(models, ty);
    match ty {
        Ty::Scalar(_) => false,
        Ty::Model(_) => matches!(
            kind(models, ty),
            Some(ModelKind::Struct(_) | ModelKind::Union(_))
        ),
        Ty::List(_) | Ty::Map(_) | Ty::Page(_) | Ty::ListOrPage(_) => true,
    }
}

/// The first member path (`items`, `order[lines]`) holding a list of objects or lists.
fn nested_list(
    models: &[Model],
    ty: &Ty,
    path: &str,
    seen: &mut BTreeSet<String>,
) -> Option<String> {
    let key = |k: &str| match path.is_empty() {
        true => k.to_string(),
        false => format!("{path}[{k}]"),
    };
    match resolve(models, ty) {
        Ty::List(item) | Ty::ListOrPage(item) => {
            is_compound(models, item).then(|| path.to_string())
        }
        Ty::Map(v) | Ty::Page(v) => nested_list(models, v, &key("*"), seen),
        Ty::Scalar(_) => None,
        model @ Ty::Model(n) => {
            let Some(ModelKind::Struct(fields)) = kind(models, model) else {
                return None;
            };
            if !seen.insert(n.wire.clone()) {
                return None;
            }
            let found = fields
                .iter()
                .find_map(|f| nested_list(models, &f.ty, &key(&f.name.wire), seen));
            seen.remove(&n.wire);
            found
        }
    }
}
