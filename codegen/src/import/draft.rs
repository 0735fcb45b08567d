//! The draft spec the importer builds: the spec format's shape (see `crate::input`) plus
//! the comments the writer puts above each item (losses, guesses, renames).

use indexmap::IndexMap;

/// A whole draft: the `api` section and the files of the API folder.
#[derive(Debug, Clone, Default)]
pub struct Draft {
    /// The `api` section.
    pub api: DraftApi,
    /// Files by stem (`api` first); each holds models and operations.
    pub files: IndexMap<String, DraftFile>,
}

/// The `api` section.
#[derive(Debug, Clone, Default)]
pub struct DraftApi {
    /// snake_case API name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Client type name when it is not the default.
    pub client: Option<String>,
    /// Rustdoc.
    pub description: Option<String>,
    /// Base URL.
    pub base_url: Option<String>,
    /// Comments above `base_url` (server choices, variables).
    pub base_url_comments: Vec<String>,
    /// Auth schemes.
    pub auth: Vec<DraftAuth>,
    /// Comments above `auth` (schemes that could not be mapped).
    pub auth_comments: Vec<String>,
    /// Error body type.
    pub error_body: Option<String>,
    /// Lenient decoding.
    pub lenient: bool,
    /// In-band error member.
    pub error_field: Option<String>,
    /// Headers sent with every request (our export's `x-api-headers`).
    pub headers: Vec<(String, String)>,
}

/// One auth scheme.
#[derive(Debug, Clone, Default)]
pub struct DraftAuth {
    /// snake_case name.
    pub name: String,
    /// `api_key_header`, `query_token`, `basic` or `session`.
    pub kind: &'static str,
    /// Rustdoc.
    pub description: Option<String>,
    /// Header name.
    pub header: Option<String>,
    /// Header value prefix.
    pub prefix: Option<String>,
    /// Query parameter.
    pub param: Option<String>,
    /// Session: login operation.
    pub login: Option<String>,
    /// Session: refresh operation.
    pub refresh: Option<String>,
    /// Session: logout operations.
    pub logout: Vec<String>,
    /// Session: token member (when not the default).
    pub token_field: Option<String>,
    /// Session: refresh token member (when not the default).
    pub refresh_token_field: Option<String>,
    /// Session: refresh request member (when not the default).
    pub refresh_request_field: Option<String>,
    /// Comments above the scheme.
    pub comments: Vec<String>,
}

/// One spec file.
#[derive(Debug, Clone, Default)]
pub struct DraftFile {
    /// Comment lines at the top, after the schema line.
    pub header: Vec<String>,
    /// Models by name.
    pub models: IndexMap<String, DraftModel>,
    /// Operations by name.
    pub operations: IndexMap<String, DraftOp>,
    /// Comment lines at the end (skipped operations).
    pub trailer: Vec<String>,
}

/// A model.
#[derive(Debug, Clone)]
pub struct DraftModel {
    /// Rustdoc.
    pub description: Option<String>,
    /// What it is.
    pub kind: DraftModelKind,
    /// Comments above the model.
    pub comments: Vec<String>,
}

/// The kinds of model.
#[derive(Debug, Clone)]
pub enum DraftModelKind {
    /// A struct.
    Struct(IndexMap<String, DraftField>),
    /// An enum; `open: false` is written only for closed ones.
    Enum {
        /// The values.
        values: Vec<DraftValue>,
        /// Unknown values are kept.
        open: bool,
    },
    /// An alias.
    Alias(String),
    /// A union.
    Union {
        /// Tagged unions: the discriminator member.
        discriminator: Option<String>,
        /// Tagged unions: unknown discriminator values are kept.
        open: bool,
        /// The variants, in order.
        variants: Vec<DraftVariant>,
    },
}

/// A union variant.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftVariant {
    /// Tagged unions: the discriminator value.
    pub tag: Option<String>,
    /// Type expression.
    pub ty: String,
    /// Variant name when the derived one is not wanted.
    pub name: Option<String>,
    /// Rustdoc.
    pub description: Option<String>,
}

/// A struct field.
#[derive(Debug, Clone, Default)]
pub struct DraftField {
    /// Type expression.
    pub ty: String,
    /// Rustdoc.
    pub description: Option<String>,
    /// May be absent.
    pub optional: bool,
    /// May be null.
    pub nullable: bool,
    /// Default value.
    pub default: Option<serde_json::Value>,
    /// Rust name when the derived one does not work.
    pub rust_name: Option<String>,
    /// A credential.
    pub secret: bool,
    /// Named like a credential but, as the document says (`x-secret: false`), not one.
    pub not_secret: bool,
    /// Lenient decoding for this field.
    pub lenient: bool,
    /// A partial-update member (absent, null or a value); then not `optional`/`nullable`.
    pub patch: bool,
    /// Comments above the field.
    pub comments: Vec<String>,
}

/// An enum value.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftValue {
    /// The wire value.
    pub value: DraftScalar,
    /// Variant name when the derived one is not wanted.
    pub name: Option<String>,
    /// Rustdoc.
    pub description: Option<String>,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DraftScalar {
    /// Integer enums.
    Int(i64),
    /// String enums.
    Str(String),
}

/// An operation.
#[derive(Debug, Clone, Default)]
pub struct DraftOp {
    /// `GET`, `POST`, ...
    pub method: String,
    /// Path template.
    pub path: String,
    /// Summary line.
    pub summary: Option<String>,
    /// Rustdoc.
    pub description: Option<String>,
    /// Path parameters in path order.
    pub path_params: IndexMap<String, DraftPathParam>,
    /// Query parameters.
    pub query: IndexMap<String, DraftQuery>,
    /// Request header parameters, by header name.
    pub headers: IndexMap<String, DraftHeader>,
    /// Body type.
    pub body: Option<String>,
    /// `Some("form")` for a form body.
    pub body_encoding: Option<&'static str>,
    /// A form body's list style when not `brackets`.
    pub form_lists: Option<String>,
    /// A raw (`bytes`) body's media type, when not `application/octet-stream`.
    pub body_content_type: Option<String>,
    /// Comments above `body` (body forms that could not be mapped).
    pub body_comments: Vec<String>,
    /// Put the body's fields on the request.
    pub inline_body: bool,
    /// Response type.
    pub response: Option<String>,
    /// Member to unwrap from the response.
    pub unwrap: Option<String>,
    /// Comments above `response`.
    pub response_comments: Vec<String>,
    /// Documented success headers: name, `string`/`integer`/`number`/`boolean`, docs.
    pub response_headers: Vec<(String, &'static str, Option<String>)>,
    /// Error body override.
    pub error_body: Option<String>,
    /// Retry safety when not the method's default.
    pub retry_safe: Option<bool>,
    /// `Some(false)` for operations that send no credentials.
    pub authenticated: Option<bool>,
    /// Pagination.
    pub pagination: Option<DraftPagination>,
    /// Comments above the operation.
    pub comments: Vec<String>,
    /// Comments above `query` (parameters that could not be mapped).
    pub query_comments: Vec<String>,
    /// Examples in the format's own shape (our export's `x-examples`).
    pub examples: Vec<serde_json::Value>,
}

/// A request header parameter.
#[derive(Debug, Clone, Default)]
pub struct DraftHeader {
    /// Type expression.
    pub ty: String,
    /// Not required.
    pub optional: bool,
    /// A credential (`format: password`).
    pub secret: bool,
    /// Rustdoc.
    pub description: Option<String>,
    /// Comments above it.
    pub comments: Vec<String>,
}

/// A path parameter.
#[derive(Debug, Clone, Default)]
pub struct DraftPathParam {
    /// Type expression.
    pub ty: String,
    /// Rustdoc.
    pub description: Option<String>,
    /// Comments above it.
    pub comments: Vec<String>,
}

/// A query parameter (any kind).
#[derive(Debug, Clone, Default)]
pub struct DraftQuery {
    /// `value`, `csv`, `ordering`, `range`, `tristate`, `group` or `object`.
    pub kind: &'static str,
    /// Type expression.
    pub ty: Option<String>,
    /// Rustdoc.
    pub description: Option<String>,
    /// Builder method name when the derived one does not work.
    pub rust_name: Option<String>,
    /// An argument of the method.
    pub required: bool,
    /// `value`: literal for "no value".
    pub null_value: Option<String>,
    /// `ordering`: the fields.
    pub fields: Vec<DraftValue>,
    /// `ordering`: several fields.
    pub multi: bool,
    /// `ordering`: `field_flag` style when set.
    pub field_flag: Option<(String, String)>,
    /// `ordering`: `suffix` style when set (direction separator, asc and desc words).
    pub suffix: Option<(String, String, String)>,
    /// `list` (and `multi` orderings): `repeated` or `brackets`; `None` is joined.
    pub list: Option<&'static str>,
    /// Joined lists: the separator when not `,`.
    pub separator: Option<String>,
    /// `range`: bound names.
    pub range: Option<(String, String)>,
    /// `tristate`: the "either" literal.
    pub all_value: Option<String>,
    /// `group`: members.
    pub members: IndexMap<String, DraftQuery>,
    /// `object`: how lists inside are written, when not `brackets`.
    pub form_lists: Option<String>,
    /// Comments above it.
    pub comments: Vec<String>,
    /// The document's default for an integer value (not written; a page-size default).
    pub default_hint: Option<u64>,
}

/// Pagination settings.
#[derive(Debug, Clone)]
pub struct DraftPagination {
    /// The style's name (`offset`, `page`, `cursor`, ...).
    pub style: &'static str,
    /// Page-size parameter (wire name).
    pub size: String,
    /// Position parameter (wire name).
    pub position: String,
    /// Default page size when not the format's default.
    pub default_size: Option<u64>,
    /// The other settings of our export's `x-pagination` (`items`, `param`, `next`, `id`,
    /// `has_more`, `total`), in that order; `size` and `position` are empty when absent.
    pub paths: Vec<(&'static str, String)>,
    /// Comments above it (`guessed ...`).
    pub comments: Vec<String>,
}
