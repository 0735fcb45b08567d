//! The spec format as written by hand: serde input types for `spec/<api>/*.yaml`.
//!
//! These types only describe the shape of a file. They are deserialized with
//! serde_yaml after the structural check in [`crate::schema_check`] has passed,
//! and [`crate::lower`] turns them into the validated IR. `spec/schema.json` is
//! generated from them with schemars, so editors and the loader agree.

use indexmap::IndexMap;
use schemars::JsonSchema;
use serde::Deserialize;

/// One spec file. The file named `api.yaml` in an API folder carries `api`;
/// every other file in the folder adds operations (and may add models).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "spec file")]
pub struct SpecFile {
    /// The API itself (only in `api.yaml`).
    #[serde(default)]
    pub api: Option<ApiSection>,
    /// Named models (structs, enums and aliases) shared by the API's operations.
    #[serde(default)]
    pub models: IndexMap<String, Model>,
    /// Operations, keyed by their name (the Rust method name, in snake_case).
    #[serde(default)]
    pub operations: IndexMap<String, Operation>,
}

/// What an API is: its name, docs, base URL, auth and decoding rules.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "api section")]
pub struct ApiSection {
    /// snake_case name: the Rust module and the cargo feature of the generated crate.
    pub name: String,
    /// Human title, used in rustdoc.
    pub title: String,
    /// Name of the client type (default: UpperCamelCase of `name` + `Client`).
    #[serde(default)]
    pub client: Option<String>,
    /// Rustdoc for the API module and its client.
    #[serde(default)]
    pub description: Option<String>,
    /// Default base URL; omit for self-hosted APIs whose URL the user must give.
    #[serde(default)]
    pub base_url: Option<String>,
    /// Authentication schemes the API accepts.
    #[serde(default)]
    pub auth: Vec<AuthScheme>,
    /// Model that non-2xx bodies (and in-band errors) decode into.
    #[serde(default)]
    pub error_body: Option<String>,
    /// Decode every response field leniently (numbers as strings, "0"/"1" flags, `[]` maps).
    #[serde(default)]
    pub lenient: bool,
    /// Top-level member that, when a non-empty array, marks an error even with HTTP 200.
    #[serde(default)]
    pub error_field: Option<String>,
    /// Headers sent with every request, by name, with constant values (an API version:
    /// `Stripe-Version: "2024-06-20"`); an application's default header replaces one.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
}

/// One way to authenticate.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "auth scheme")]
pub struct AuthScheme {
    /// snake_case name of the scheme; becomes the client constructor `with_<name>`.
    pub name: String,
    /// Which kind of scheme this is.
    pub kind: AuthKind,
    /// Rustdoc for the constructor.
    #[serde(default)]
    pub description: Option<String>,
    /// `api_key_header`: the header name.
    #[serde(default)]
    pub header: Option<String>,
    /// `api_key_header`: text put before the key, e.g. `"APIKey "`.
    #[serde(default)]
    pub prefix: Option<String>,
    /// `query_token`: the query parameter name.
    #[serde(default)]
    pub param: Option<String>,
    /// `session`: the operation that logs in and returns the tokens.
    #[serde(default)]
    pub login: Option<String>,
    /// `session`: the operation that exchanges a refresh token for new tokens.
    #[serde(default)]
    pub refresh: Option<String>,
    /// `session`: operations that end the session (the stored tokens are dropped).
    #[serde(default)]
    pub logout: Vec<String>,
    /// `session`: response member holding the access token (default `token`).
    #[serde(default)]
    pub token_field: Option<String>,
    /// `session`: response member holding the refresh token (default `refresh`).
    #[serde(default)]
    pub refresh_token_field: Option<String>,
    /// `session`: request member of the refresh operation carrying the refresh token
    /// (default `refresh_token`).
    #[serde(default)]
    pub refresh_request_field: Option<String>,
}

/// The kinds of authentication the runtime implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthKind {
    /// A secret in a header, with an optional prefix.
    ApiKeyHeader,
    /// A secret in a query parameter (redacted wherever a URL is shown).
    QueryToken,
    /// HTTP Basic with username and password.
    Basic,
    /// A bearer token obtained from a login operation, refreshed when it expires.
    Session,
}

/// A named model: exactly one of `fields` (struct), `values` (enum), `type` (alias) or
/// `one_of` (union).
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "model")]
pub struct Model {
    /// Rustdoc for the type.
    #[serde(default)]
    pub description: Option<String>,
    /// A struct: fields keyed by wire name, in wire order.
    #[serde(default)]
    pub fields: Option<IndexMap<String, Field>>,
    /// An enum: its values.
    #[serde(default)]
    pub values: Option<Vec<EnumValue>>,
    /// Enums and tagged unions: whether an unknown value (or discriminator value) is kept
    /// (`true`, the default) or is an error.
    #[serde(default)]
    pub open: Option<bool>,
    /// An alias: a type expression, e.g. `map<list<Feature>>`.
    #[serde(rename = "type", default)]
    pub alias: Option<String>,
    /// A union: a list of types tried in order (`[string, Customer]`), or, with
    /// `discriminator`, a mapping from discriminator values to struct models.
    #[serde(default)]
    pub one_of: Option<OneOf>,
    /// Tagged unions: the member whose value names the variant (e.g. `object`).
    #[serde(default)]
    pub discriminator: Option<String>,
}

/// The variants of a union.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum OneOf {
    /// Untagged: the types a value may have, tried in order.
    Untagged(Vec<UnionVariant>),
    /// Tagged (with `discriminator`): each discriminator value and its struct model.
    Tagged(IndexMap<String, UnionVariant>),
}

/// A union variant: a type expression, or a mapping with a variant name and docs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum UnionVariant {
    /// Just the type, e.g. `string` or `Customer`.
    Type(String),
    /// The type with a variant name and docs.
    Full(UnionVariantFull),
}

/// A union variant with a name and docs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "union variant")]
pub struct UnionVariantFull {
    /// A type expression (for a tagged union: a struct model).
    #[serde(rename = "type")]
    pub ty: String,
    /// Rust variant name (default: UpperCamelCase of the type, or of the discriminator
    /// value for a tagged union).
    #[serde(default)]
    pub name: Option<String>,
    /// Rustdoc for the variant.
    #[serde(default)]
    pub description: Option<String>,
}

impl UnionVariant {
    /// The type expression.
    pub fn ty(&self) -> &str {
        match self {
            UnionVariant::Type(t) => t,
            UnionVariant::Full(f) => &f.ty,
        }
    }
}

/// A struct field.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "field")]
pub struct Field {
    /// A type expression: a scalar, `list<T>`, `map<T>` or a model name.
    #[serde(rename = "type")]
    pub ty: String,
    /// Rustdoc for the field.
    #[serde(default)]
    pub description: Option<String>,
    /// The member may be absent (default `false`).
    #[serde(default)]
    pub optional: bool,
    /// The member may be `null` (default `false`).
    #[serde(default)]
    pub nullable: bool,
    /// Value used when the member is absent (scalars only).
    #[serde(default)]
    pub default: Option<serde_json::Value>,
    /// Rust name to use instead of the snake_case of the wire name.
    #[serde(default)]
    pub rust_name: Option<String>,
    /// A credential (password, token): a `string` kept as `Secret`, whose `Debug` and
    /// `Display` print `[redacted]` (it is still sent and received as a plain string). A
    /// string field named like a credential (`password`, `token`, `key`, `secret`, ...) must
    /// say which it is: `secret: true`, or `secret: false` when it is not one.
    #[serde(default)]
    pub secret: Option<bool>,
    /// Decode this field leniently (overrides the API's `lenient`): numbers as strings,
    /// `"0"`/`"1"` flags, `[]` for an empty map, `0000-00-00` dates as none.
    #[serde(default)]
    pub lenient: Option<bool>,
    /// A member of a partial update with three states: absent (not sent), `null` (sent as
    /// `null`, clearing it) or a value; `Patch<T>` in Rust. Implies that it may be absent
    /// and null, so it goes without `optional`, `nullable` and `default`.
    #[serde(default)]
    pub patch: bool,
}

/// An enum value: a bare scalar, or a mapping with docs and a Rust name.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum EnumValue {
    /// Just the wire value.
    Bare(Scalar),
    /// The wire value with docs.
    Full(EnumValueFull),
}

/// An enum value with docs.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "enum value")]
pub struct EnumValueFull {
    /// The wire value (a string, or an integer for integer enums).
    pub value: Scalar,
    /// Rust variant name (default: UpperCamelCase of the value).
    #[serde(default)]
    pub name: Option<String>,
    /// Rustdoc for the variant.
    #[serde(default)]
    pub description: Option<String>,
}

/// A wire value of an enum.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Scalar {
    /// Integer enums (`product_id: 1`).
    Int(i64),
    /// String enums.
    Str(String),
}

/// How a request body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`: text parts, and file parts for `file` members.
    Multipart,
}

/// How a form body writes list items.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FormLists {
    /// `tags[]=a&tags[]=b`.
    #[default]
    Brackets,
    /// `tags[0]=a&tags[1]=b`.
    Indexed,
    /// `tags=a&tags=b`.
    Repeated,
}

impl FormLists {
    /// The spelling in the format.
    pub fn as_str(self) -> &'static str {
        match self {
            FormLists::Brackets => "brackets",
            FormLists::Indexed => "indexed",
            FormLists::Repeated => "repeated",
        }
    }
}

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, JsonSchema)]
#[allow(clippy::upper_case_acronyms)]
pub enum Method {
    /// GET
    GET,
    /// POST
    POST,
    /// PUT
    PUT,
    /// PATCH
    PATCH,
    /// DELETE
    DELETE,
}

impl Method {
    /// The method as written on the wire (`GET`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::GET => "GET",
            Method::POST => "POST",
            Method::PUT => "PUT",
            Method::PATCH => "PATCH",
            Method::DELETE => "DELETE",
        }
    }
}

/// One HTTP operation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "operation")]
pub struct Operation {
    /// HTTP method.
    pub method: Method,
    /// Path relative to the base URL; `{name}` marks a path parameter.
    pub path: String,
    /// One-line summary (first rustdoc line).
    #[serde(default)]
    pub summary: Option<String>,
    /// Longer rustdoc.
    #[serde(default)]
    pub description: Option<String>,
    /// Path parameters keyed by the name used in `path`.
    #[serde(default)]
    pub path_params: IndexMap<String, PathParam>,
    /// Query parameters keyed by wire name (or logical name for ranges and groups).
    #[serde(default)]
    pub query: IndexMap<String, QueryParam>,
    /// Request headers keyed by header name: typed parameters of the call
    /// (`Idempotency-Key`), required method arguments or optional builder setters.
    #[serde(default)]
    pub headers: IndexMap<String, RequestHeader>,
    /// Request body: a model name (or `bytes`: raw bytes sent as they are).
    #[serde(default)]
    pub body: Option<String>,
    /// A `bytes` body's media type (default `application/octet-stream`), e.g. `image/png`.
    #[serde(default)]
    pub body_content_type: Option<String>,
    /// How the body is sent: `json` (default), `form` (`application/x-www-form-urlencoded`,
    /// nested members as bracketed keys) or `multipart` (`multipart/form-data`: each
    /// member a part named by the same keys, `file` members as file parts).
    #[serde(default)]
    pub body_encoding: Option<BodyEncoding>,
    /// A `form` or `multipart` body's lists: `brackets` (default, `tags[]=a`), `indexed`
    /// (`tags[0]=a`, also for lists of objects) or `repeated` (`tags=a&tags=b`).
    #[serde(default)]
    pub form_lists: Option<FormLists>,
    /// Put the body's fields on the request itself: required fields become arguments of
    /// the client method (`login(username, password)`), optional ones builder setters.
    #[serde(default)]
    pub inline_body: bool,
    /// What a success returns.
    #[serde(default)]
    pub response: Option<Response>,
    /// Model for error bodies of this operation (default: the API's `error_body`).
    #[serde(default)]
    pub error_body: Option<String>,
    /// Whether retrying cannot do harm (default: true for GET, PUT, DELETE; false otherwise).
    #[serde(default)]
    pub retry_safe: Option<bool>,
    /// Whether the request carries the API's auth (default `true`; `false` for login).
    #[serde(default)]
    pub authenticated: Option<bool>,
    /// How to walk all items page by page.
    #[serde(default)]
    pub pagination: Option<Pagination>,
    /// Documented requests and answers: each becomes a generated test (the request the
    /// builder produces, the answer decoding), and the first one the method's rustdoc.
    #[serde(default)]
    pub examples: Vec<Example>,
}

/// One documented call of an operation.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "example")]
pub struct Example {
    /// A short name (the test's name; default: the example's number).
    #[serde(default)]
    pub name: Option<String>,
    /// What the example shows.
    #[serde(default)]
    pub description: Option<String>,
    /// The call's parameters and body.
    #[serde(default)]
    pub request: Option<ExampleRequest>,
    /// The answer.
    #[serde(default)]
    pub response: Option<ExampleResponse>,
}

/// The parameters and body of an example call.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "example request")]
pub struct ExampleRequest {
    /// Path parameters by name.
    #[serde(default)]
    pub path: IndexMap<String, serde_json::Value>,
    /// Query parameters by wire name (plain values and lists).
    #[serde(default)]
    pub query: IndexMap<String, serde_json::Value>,
    /// Header parameters by header name (one value each).
    #[serde(default)]
    pub headers: IndexMap<String, serde_json::Value>,
    /// The JSON body.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// The answer of an example call.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "example response")]
pub struct ExampleResponse {
    /// HTTP status (default 200); a non-2xx example is checked against the error body.
    #[serde(default)]
    pub status: Option<u16>,
    /// Response headers.
    #[serde(default)]
    pub headers: IndexMap<String, String>,
    /// The JSON body, as the server sends it.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

/// A path parameter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "path parameter")]
pub struct PathParam {
    /// A scalar type expression (`integer` or `string`).
    #[serde(rename = "type")]
    pub ty: String,
    /// Rustdoc.
    #[serde(default)]
    pub description: Option<String>,
}

/// The kinds of query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QueryKind {
    /// One value of `type`.
    #[default]
    Value,
    /// A list of `type` values sent comma-joined in one parameter (`kind: list` with the
    /// default `list: joined`).
    Csv,
    /// A list of `type` values, sent as `list` says: joined (`separator`, default `,`),
    /// the key repeated, or the key repeated with `[]`.
    List,
    /// Sorting by typed `fields`: `-field` prefix (`style: prefix`) or a field and a
    /// reversed flag in two parameters (`style: field_flag`).
    Ordering,
    /// One logical filter sent as two parameters, `from` and `to`.
    Range,
    /// A boolean sent as `true`/`false`, or `all_value` for "either".
    Tristate,
    /// A group of parameters sent as `name[member]`.
    Group,
    /// A model or a map sent as bracketed keys: `metadata[plan]=pro`, `filter[owner][id]=7`
    /// (OpenAPI's `deepObject`); lists inside as `form_lists` says.
    Object,
}

/// How an ordering is put on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OrderingStyle {
    /// `ordering=-created_at,email`.
    #[default]
    Prefix,
    /// `sorting[field]=id&sorting[reversed]=true`.
    FieldFlag,
    /// `sort=name:desc`: the field, `direction_separator`, then the `asc` or `desc` word.
    Suffix,
}

/// How several values of one parameter go on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ListStyle {
    /// One parameter, the values joined by `separator` (default `,`): `ids=1,2`.
    #[default]
    Joined,
    /// The key repeated: `status=running&status=off`.
    Repeated,
    /// The key repeated with `[]`: `expand[]=a&expand[]=b`.
    Brackets,
}

/// A query parameter.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "query parameter")]
pub struct QueryParam {
    /// Which construct this is (default `value`).
    #[serde(default)]
    pub kind: QueryKind,
    /// Type expression of the value (of each item for `csv`, of each bound for `range`).
    #[serde(rename = "type", default)]
    pub ty: Option<String>,
    /// Rustdoc.
    #[serde(default)]
    pub description: Option<String>,
    /// Builder method name to use instead of the snake_case of the wire name (for a
    /// group member: instead of `<group>_<member>`).
    #[serde(default)]
    pub rust_name: Option<String>,
    /// The parameter must always be sent: it becomes an argument of the client method
    /// (`kind: value` and `object` only).
    #[serde(default)]
    pub required: bool,
    /// `value`: a literal that selects "no value" (e.g. `"null"` for `country_code=null`).
    #[serde(default)]
    pub null_value: Option<String>,
    /// `ordering`: the fields that can be sorted by (wire names).
    #[serde(default)]
    pub fields: Option<Vec<EnumValue>>,
    /// `ordering`: several fields at once (comma-joined).
    #[serde(default)]
    pub multi: bool,
    /// `ordering`: how it is sent.
    #[serde(default)]
    pub style: OrderingStyle,
    /// `list`, and `ordering` with `multi`: how several values are sent (`joined`,
    /// `repeated` or `brackets`).
    #[serde(default)]
    pub list: Option<ListStyle>,
    /// `list: joined`: what joins the values (default `,`).
    #[serde(default)]
    pub separator: Option<String>,
    /// `ordering` with `suffix`: between the field and the direction word (default `:`).
    #[serde(default)]
    pub direction_separator: Option<String>,
    /// `ordering` with `suffix`: the word for ascending (default `asc`; `""` sends
    /// ascending fields bare).
    #[serde(default)]
    pub asc: Option<String>,
    /// `ordering` with `suffix`: the word for descending (default `desc`).
    #[serde(default)]
    pub desc: Option<String>,
    /// `ordering` with `field_flag`: the parameter carrying the field.
    #[serde(default)]
    pub field_param: Option<String>,
    /// `ordering` with `field_flag`: the parameter carrying `true` for descending.
    #[serde(default)]
    pub reversed_param: Option<String>,
    /// `range`: wire name of the lower bound.
    #[serde(default)]
    pub from: Option<String>,
    /// `range`: wire name of the upper bound.
    #[serde(default)]
    pub to: Option<String>,
    /// `tristate`: the literal that means "either" (e.g. `all`).
    #[serde(default)]
    pub all_value: Option<String>,
    /// `group`: members keyed by the name inside the brackets.
    #[serde(default)]
    pub members: Option<IndexMap<String, QueryParam>>,
    /// `object`: how lists inside the object are written (`brackets`, the default:
    /// `tags[]=a`; `indexed`: `tags[0]=a`; `repeated`: `tags=a`).
    #[serde(default)]
    pub form_lists: Option<FormLists>,
}

impl QueryParam {
    /// Every key a query parameter can have, as written in the format.
    pub const KEYS: &'static [&'static str] = &[
        "kind",
        "type",
        "description",
        "rust_name",
        "required",
        "null_value",
        "fields",
        "multi",
        "style",
        "list",
        "separator",
        "direction_separator",
        "asc",
        "desc",
        "field_param",
        "reversed_param",
        "from",
        "to",
        "all_value",
        "members",
        "form_lists",
    ];

    /// Whether the spec sets `key` (one of [`QueryParam::KEYS`]; a default counts as unset).
    pub fn has(&self, key: &str) -> bool {
        match key {
            "kind" => self.kind != QueryKind::Value,
            "type" => self.ty.is_some(),
            "description" => self.description.is_some(),
            "rust_name" => self.rust_name.is_some(),
            "required" => self.required,
            "null_value" => self.null_value.is_some(),
            "fields" => self.fields.is_some(),
            "multi" => self.multi,
            "style" => self.style != OrderingStyle::Prefix,
            "list" => self.list.is_some(),
            "separator" => self.separator.is_some(),
            "direction_separator" => self.direction_separator.is_some(),
            "asc" => self.asc.is_some(),
            "desc" => self.desc.is_some(),
            "field_param" => self.field_param.is_some(),
            "reversed_param" => self.reversed_param.is_some(),
            "from" => self.from.is_some(),
            "to" => self.to.is_some(),
            "all_value" => self.all_value.is_some(),
            "members" => self.members.is_some(),
            "form_lists" => self.form_lists.is_some(),
            _ => false,
        }
    }
}

/// A response: a type expression, or a mapping that also unwraps a member.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum Response {
    /// Just the type, e.g. `list<Client>`, `page<Addendum>`, `bytes`, `json`.
    Type(String),
    /// The body is `{unwrap: <type>}`; the client returns the member.
    Full(ResponseFull),
}

/// A response whose useful part is one member of the body.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "response")]
pub struct ResponseFull {
    /// Type expression of what the client returns.
    #[serde(rename = "type")]
    pub ty: String,
    /// Name of the body member that holds it.
    #[serde(default)]
    pub unwrap: Option<String>,
    /// Rustdoc about the response.
    #[serde(default)]
    pub description: Option<String>,
    /// Response headers the API documents (rate-limit counters, a request id,
    /// `Location`), by header name: each becomes a typed accessor of the response of
    /// `send_with_response()`.
    #[serde(default)]
    pub headers: IndexMap<String, ResponseHeader>,
}

/// A response header the API documents.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "request header")]
pub struct RequestHeader {
    /// A scalar (`string`, `integer`, `boolean`, `date`, ...) or an enum.
    #[serde(rename = "type")]
    pub ty: String,
    /// Not needed: a builder setter instead of a method argument.
    #[serde(default)]
    pub optional: bool,
    /// A credential (a signature, a per-call key): a `Secret`, hidden from `Debug`, hooks'
    /// logs and error text. Only for `string` headers.
    #[serde(default)]
    pub secret: bool,
    /// Rustdoc of the argument or setter.
    #[serde(default)]
    pub description: Option<String>,
}

/// A documented response header.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "response header")]
pub struct ResponseHeader {
    /// `string`, `integer`, `number` or `boolean`.
    #[serde(rename = "type")]
    pub ty: String,
    /// Rustdoc of the accessor.
    #[serde(default)]
    pub description: Option<String>,
}

/// How a list operation is walked page by page.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "pagination")]
pub struct Pagination {
    /// How the next page is asked for: `offset`, `page`, `cursor`, `after_last`,
    /// `next_url` or `link_header`.
    pub style: PaginationStyle,
    /// Query parameter carrying the page size (`limit`, `per_page`); required for `offset`
    /// and `page`, optional for the other styles.
    #[serde(default)]
    pub size: Option<String>,
    /// `offset` and `page`: the query parameter carrying the position (`offset`, `page`).
    #[serde(default)]
    pub position: Option<String>,
    /// Page size used by the stream when the caller sets none (default 100).
    #[serde(default)]
    pub default_size: Option<u64>,
    /// Dotted path of the item list in the response model (`servers`, `data.items`); the
    /// response is then the page envelope. Without it the response is `page<T>`,
    /// `list_or_page<T>` or `list<T>`.
    #[serde(default)]
    pub items: Option<String>,
    /// `cursor` and `after_last`: the query parameter the cursor (or last id) is sent in.
    #[serde(default)]
    pub param: Option<String>,
    /// `cursor`: dotted path of the next cursor in the response (`meta.next_token`);
    /// `next_url`: of the next page's URL (`links.next`). Absent, null or empty: last page.
    #[serde(default)]
    pub next: Option<String>,
    /// `after_last`: the item field whose value of the page's last item is the cursor.
    #[serde(default)]
    pub id: Option<String>,
    /// Dotted path of a boolean that is false on the last page (`has_more`).
    #[serde(default)]
    pub has_more: Option<String>,
    /// Dotted path of the total number of items (`meta.total`): the walk ends once as many
    /// items were read.
    #[serde(default)]
    pub total: Option<String>,
}

/// Pagination styles the runtime walks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PaginationStyle {
    /// limit/offset; ends on a null `next`, the total, or an empty page.
    Offset,
    /// page/per_page numbers; the last page is short or empty.
    Page,
    /// A cursor read from the response and sent as a query parameter.
    Cursor,
    /// The last item's id sent as a query parameter, while `has_more` is true.
    AfterLast,
    /// The next page's URL from a response field.
    NextUrl,
    /// The next page's URL from the `Link` header (`rel="next"`, RFC 8288).
    LinkHeader,
}

impl PaginationStyle {
    /// The name in the spec.
    pub fn as_str(self) -> &'static str {
        match self {
            PaginationStyle::Offset => "offset",
            PaginationStyle::Page => "page",
            PaginationStyle::Cursor => "cursor",
            PaginationStyle::AfterLast => "after_last",
            PaginationStyle::NextUrl => "next_url",
            PaginationStyle::LinkHeader => "link_header",
        }
    }
}

/// The JSON Schema of a spec file, as written to `spec/schema.json`.
pub fn json_schema() -> &'static serde_json::Value {
    static SCHEMA: std::sync::OnceLock<serde_json::Value> = std::sync::OnceLock::new();
    SCHEMA.get_or_init(|| {
        let schema = schemars::schema_for!(SpecFile);
        serde_json::to_value(&schema).expect("a schema always serializes")
    })
}
