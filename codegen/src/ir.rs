//! The validated intermediate representation: what the emitter (and the OpenAPI export)
//! work from. Every name is resolved and checked; both wire and Rust names are kept.

pub use crate::input::{AuthKind, FormLists, Method, OrderingStyle, PaginationStyle};
pub use crate::typeexpr::Scalar;

/// A name as it travels on the wire and as it is spelled in Rust.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name {
    /// The exact wire (or spec) spelling.
    pub wire: String,
    /// The Rust identifier (`r#` prefixed when it is a keyword).
    pub rust: String,
}

/// All APIs found under `spec/`, sorted by name.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The APIs.
    pub apis: Vec<Api>,
}

/// One API: one module and one cargo feature of the generated crate.
#[derive(Debug, Clone)]
pub struct Api {
    /// `gcore` / `gcore`; the Rust name is the module and the feature.
    pub name: Name,
    /// The client type's name, e.g. `GcoreClient`.
    pub client: String,
    /// Human title.
    pub title: String,
    /// Rustdoc.
    pub docs: Option<String>,
    /// The spec file holding the `api` section, e.g. `spec/gcore/api.yaml`.
    pub api_file: String,
    /// Every spec file of the API, sorted.
    pub files: Vec<String>,
    /// Default base URL.
    pub base_url: Option<String>,
    /// Auth schemes.
    pub auth: Vec<Auth>,
    /// Default error body type.
    pub error_body: Option<Ty>,
    /// Lenient decoding for every model field.
    pub lenient: bool,
    /// In-band error member (non-empty array means failure).
    pub error_field: Option<String>,
    /// Headers sent with every request: name as written, constant value; in spec order.
    pub headers: Vec<(String, String)>,
    /// Models sorted by Rust name.
    pub models: Vec<Model>,
    /// Operation groups, one per endpoint file, sorted by module name.
    pub groups: Vec<Group>,
}

/// The operations of one spec file: one generated Rust module.
#[derive(Debug, Clone)]
pub struct Group {
    /// Module name (snake_case of the file stem).
    pub module: String,
    /// The spec file, e.g. `spec/gcore/clients.yaml`.
    pub file: String,
    /// Operations sorted by Rust name.
    pub operations: Vec<Operation>,
}

/// An auth scheme.
#[derive(Debug, Clone)]
pub struct Auth {
    /// Scheme name (constructor `with_<rust>`).
    pub name: Name,
    /// Kind with its settings.
    pub kind: AuthKindIr,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// An auth scheme's settings.
#[derive(Debug, Clone)]
pub enum AuthKindIr {
    /// `header: prefix + key`.
    ApiKeyHeader {
        /// Header name.
        header: String,
        /// Text before the key.
        prefix: String,
    },
    /// `?param=token`.
    QueryToken {
        /// Query parameter name.
        param: String,
    },
    /// HTTP Basic.
    Basic,
    /// Bearer token from a login operation.
    Session {
        /// Rust name of the login operation.
        login: String,
        /// Path of the refresh operation.
        refresh_path: String,
        /// Rust name of the refresh operation.
        refresh: String,
        /// Rust names of operations that end the session.
        logout: Vec<String>,
        /// Response member with the access token.
        token_field: String,
        /// Response member with the refresh token.
        refresh_token_field: String,
        /// Request member of the refresh operation.
        refresh_request_field: String,
    },
}

impl AuthKindIr {
    /// The spec's kind.
    pub fn kind(&self) -> AuthKind {
        match self {
            AuthKindIr::ApiKeyHeader { .. } => AuthKind::ApiKeyHeader,
            AuthKindIr::QueryToken { .. } => AuthKind::QueryToken,
            AuthKindIr::Basic => AuthKind::Basic,
            AuthKindIr::Session { .. } => AuthKind::Session,
        }
    }
}

/// A resolved type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    /// A scalar.
    Scalar(Scalar),
    /// A JSON array.
    List(Box<Ty>),
    /// A JSON object with string keys.
    Map(Box<Ty>),
    /// The `{count, next, previous, results}` envelope.
    Page(Box<Ty>),
    /// A bare array or the envelope.
    ListOrPage(Box<Ty>),
    /// A model of the same API, by name.
    Model(Name),
}

/// A named model.
#[derive(Debug, Clone)]
pub struct Model {
    /// Spec name and Rust type name.
    pub name: Name,
    /// Rustdoc.
    pub docs: Option<String>,
    /// What it is.
    pub kind: ModelKind,
    /// The spec file that defines it.
    pub file: String,
}

/// The kinds of model.
#[derive(Debug, Clone)]
pub enum ModelKind {
    /// A struct.
    Struct(Vec<Field>),
    /// An enum.
    Enum(Enum),
    /// A type alias.
    Alias(Ty),
    /// A union: one of several types.
    Union(Union),
}

/// A union model.
#[derive(Debug, Clone)]
pub struct Union {
    /// How a value says which variant it is.
    pub tagging: Tagging,
    /// Variants in spec order (the order untagged ones are tried in).
    pub variants: Vec<UnionVariant>,
}

/// How a union's variant is told on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tagging {
    /// By the value's JSON type and shape, variants tried in order.
    Untagged,
    /// By the value of a member of the object.
    Tagged {
        /// The discriminator member (wire name).
        discriminator: String,
        /// An unknown discriminator value is kept (`Unknown(..)`) instead of failing.
        open: bool,
    },
}

/// A union variant.
#[derive(Debug, Clone)]
pub struct UnionVariant {
    /// Rust variant name.
    pub rust: String,
    /// Tagged unions: the discriminator value naming this variant.
    pub tag: Option<String>,
    /// The variant's type (a struct model for a tagged union).
    pub ty: Ty,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Wire and Rust name.
    pub name: Name,
    /// The type (without the `Option` that optional/nullable add).
    pub ty: Ty,
    /// May be absent.
    pub optional: bool,
    /// May be null.
    pub nullable: bool,
    /// Value when absent.
    pub default: Option<serde_json::Value>,
    /// Decoded leniently (from the field or the API setting).
    pub lenient: bool,
    /// A credential: `Secret` instead of `String`.
    pub secret: bool,
    /// Held in a `Box`: the field's type leads back to its own struct (directly, through
    /// aliases or through other structs' fields) without a list or map in between, so
    /// the struct would have no finite size without the indirection. Set by lowering.
    pub boxed: bool,
    /// A partial-update member (`Patch<T>`): absent, `null` or a value. Such a field is also
    /// `optional` and `nullable`.
    pub patch: bool,
    /// Rustdoc.
    pub docs: Option<String>,
}

impl Field {
    /// Whether the Rust type is `Option<_>`.
    pub fn is_option(&self) -> bool {
        (self.optional || self.nullable) && self.default.is_none() && !self.patch
    }

    /// Whether the field starts unset in a constructor and has a setter: an `Option`, a
    /// `Patch` or a field with a default.
    pub fn is_settable(&self) -> bool {
        self.is_option() || self.patch || self.default.is_some()
    }
}

/// An enum (also used for ordering fields).
#[derive(Debug, Clone)]
pub struct Enum {
    /// An unknown wire value is kept (`Unknown(..)` variant) instead of failing.
    pub open: bool,
    /// Integer wire values instead of strings.
    pub integer: bool,
    /// Variants in spec order.
    pub variants: Vec<Variant>,
}

/// An enum variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Wire value as text (an integer's decimal digits for integer enums).
    pub wire: String,
    /// Rust variant name.
    pub rust: String,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Spec name = Rust method name.
    pub name: Name,
    /// Request builder type name (UpperCamelCase of the name).
    pub builder: String,
    /// HTTP method.
    pub method: Method,
    /// Path template as written, e.g. `/contact/{id}`.
    pub path: String,
    /// The path split into literal text and parameters.
    pub segments: Vec<PathSegment>,
    /// Summary line.
    pub summary: Option<String>,
    /// Longer docs.
    pub docs: Option<String>,
    /// Path parameters in path order.
    pub path_params: Vec<PathParam>,
    /// Query parameters in spec order.
    pub query: Vec<QueryParam>,
    /// Request header parameters in spec order.
    pub headers: Vec<HeaderParam>,
    /// Request body.
    pub body: Option<Ty>,
    /// How the body is sent (`Json` without a body).
    pub body_encoding: BodyEncoding,
    /// The body model's fields, when they are put on the request itself (`inline_body`).
    pub inline_body: Option<Vec<Field>>,
    /// Success response.
    pub response: Response,
    /// Error body type.
    pub error_body: Option<Ty>,
    /// Retrying cannot do harm.
    pub retry_safe: bool,
    /// Carries the API's auth.
    pub authenticated: bool,
    /// Page walking.
    pub pagination: Option<Pagination>,
    /// Role in a session auth scheme.
    pub session_role: Option<SessionRole>,
    /// Documented calls, checked against the operation's types.
    pub examples: Vec<Example>,
}

/// A documented call of an operation, checked against its types when lowered.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// As written (or the example's number) and as a Rust identifier (the test's name).
    pub name: Name,
    /// What it shows.
    pub docs: Option<String>,
    /// Path parameter values by name, in path order.
    pub path: Vec<(String, serde_json::Value)>,
    /// Query parameter values by wire name, in the operation's parameter order.
    pub query: Vec<(String, serde_json::Value)>,
    /// Header parameter values by the operation's header name, in its order, with the
    /// text each is sent as.
    pub headers: Vec<(String, serde_json::Value, String)>,
    /// The JSON body.
    pub body: Option<serde_json::Value>,
    /// The request target the client sends for these values: the path (segments
    /// percent-encoded) and the query (form-encoded), exactly.
    pub target: String,
    /// The body's bytes as the client encodes it (members in declaration order).
    pub body_wire: Option<String>,
    /// The answer.
    pub response: Option<ExampleResponse>,
}

/// The answer of an example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResponse {
    /// HTTP status.
    pub status: u16,
    /// The answer is a failure: a status outside 2xx, or a 2xx body whose API-wide
    /// `error_field` carries codes (the runtime reports both as `Error::Api`).
    pub failed: bool,
    /// Headers, as written.
    pub headers: Vec<(String, String)>,
    /// JSON Pointers of the members the types declare and the body carries with a value:
    /// the decoded value, encoded again, must still have each of them.
    pub kept: Vec<String>,
    /// The body, as the server sends it.
    pub body: Option<serde_json::Value>,
}

/// What an operation does for session auth.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SessionRole {
    /// Stores the returned tokens.
    Login,
    /// Stores the returned tokens (manual refresh).
    Refresh,
    /// Drops the stored tokens.
    Logout,
}

/// A piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// Literal text.
    Literal(String),
    /// A parameter (Rust name).
    Param(String),
}

/// A path parameter.
#[derive(Debug, Clone)]
pub struct PathParam {
    /// Name in the template and in Rust.
    pub name: Name,
    /// Scalar type.
    pub ty: Ty,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// How a request body goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/x-www-form-urlencoded`, lists as said.
    Form(FormLists),
    /// `multipart/form-data`, member names bracketed as a form's keys, lists as said.
    Multipart(FormLists),
    /// Raw bytes (`body: bytes`), sent as they are with this content type.
    Binary {
        /// The media type (`application/octet-stream` unless the spec says otherwise).
        content_type: String,
    },
}

/// A request header parameter of an operation.
#[derive(Debug, Clone)]
pub struct HeaderParam {
    /// The header name as written (`wire`) and the argument or setter (`rust`).
    pub name: Name,
    /// A scalar or an enum (`Secret` when `secret`).
    pub ty: Ty,
    /// A method argument; otherwise a builder setter and not sent when unset.
    pub required: bool,
    /// A credential: held as a `Secret`, sent marked sensitive.
    pub secret: bool,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// A query parameter.
#[derive(Debug, Clone)]
pub struct QueryParam {
    /// Wire (or logical) name and Rust method name.
    pub name: Name,
    /// Rustdoc.
    pub docs: Option<String>,
    /// Required parameters become arguments of the operation method.
    pub required: bool,
    /// What it is.
    pub kind: QueryKindIr,
}

/// The query constructs; each kind's lowering, emitted pieces, OpenAPI form, api-diff
/// comparison and example handling sit together in `crate::query`.
#[derive(Debug, Clone)]
pub enum QueryKindIr {
    /// One value.
    Value(ValueQuery),
    /// A list of values.
    List(ListQuery),
    /// Sorting.
    Ordering(OrderingQuery),
    /// Two bounds.
    Range(RangeQuery),
    /// true/false/all.
    Tristate(TristateQuery),
    /// `name[member]` parameters; members are plain values.
    Group(GroupQuery),
    /// A model or a map sent as bracketed keys.
    Object(ObjectQuery),
}

/// One value; `null_value` adds a `<name>_null()` method sending that literal.
#[derive(Debug, Clone)]
pub struct ValueQuery {
    /// Value type.
    pub ty: Ty,
    /// Literal meaning "no value".
    pub null_value: Option<String>,
}

/// A list of values (`kind: list`, or `csv`: joined by `,`).
#[derive(Debug, Clone)]
pub struct ListQuery {
    /// Item type.
    pub ty: Ty,
    /// How the values go on the wire.
    pub style: ListStyle,
}

/// Sorting by listed fields.
#[derive(Debug, Clone)]
pub struct OrderingQuery {
    /// Generated enum of the sortable fields.
    pub type_name: String,
    /// The fields.
    pub fields: Enum,
    /// Several at once.
    pub multi: bool,
    /// Wire style.
    pub style: OrderingStyle,
    /// `field_flag`: parameter carrying the field.
    pub field_param: String,
    /// `field_flag`: parameter carrying the reversed flag.
    pub reversed_param: String,
    /// `suffix`: how a field and its direction are written.
    pub suffix: Option<OrderSuffix>,
    /// `multi`: how several fields go on the wire.
    pub list: ListStyle,
}

/// Two bounds, each its own parameter.
#[derive(Debug, Clone)]
pub struct RangeQuery {
    /// Bound type.
    pub ty: Ty,
    /// Wire name of the lower bound.
    pub from: String,
    /// Wire name of the upper bound.
    pub to: String,
}

/// `true`, `false`, or a literal for "either".
#[derive(Debug, Clone)]
pub struct TristateQuery {
    /// Literal for "either".
    pub all_value: String,
}

/// `name[member]` parameters; members are plain values.
#[derive(Debug, Clone)]
pub struct GroupQuery {
    /// Members; their `name.wire` is the full bracketed wire name and `name.rust` the
    /// builder method (`<group>_<member>`).
    pub members: Vec<QueryParam>,
}

/// A model or a map whose members are sent as `name[member]` keys, nested ones as
/// `name[a][b]`, lists inside as `lists` says.
#[derive(Debug, Clone)]
pub struct ObjectQuery {
    /// A struct model or a `map<..>`.
    pub ty: Ty,
    /// How lists inside are written.
    pub lists: FormLists,
}

/// How several values of one parameter go on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ListStyle {
    /// One parameter, the values joined by the separator.
    Joined(String),
    /// The key repeated.
    Repeated,
    /// The key repeated with `[]`.
    Brackets,
}

impl ListStyle {
    /// The format's default: comma-joined.
    pub fn is_comma(&self) -> bool {
        matches!(self, ListStyle::Joined(s) if s == ",")
    }
}

/// The suffix form of an ordering: `field<separator><asc|desc>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderSuffix {
    /// Between the field and the direction word.
    pub separator: String,
    /// The ascending word; empty sends ascending fields bare.
    pub asc: String,
    /// The descending word.
    pub desc: String,
}

/// A success response.
#[derive(Debug, Clone)]
pub struct Response {
    /// What the client returns (`None`: any JSON).
    pub ty: Option<Ty>,
    /// Body member to unwrap.
    pub unwrap: Option<String>,
    /// Rustdoc.
    pub docs: Option<String>,
    /// Documented response headers, in spec order.
    pub headers: Vec<ResponseHeader>,
}

/// A documented response header, read by a typed accessor.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseHeader {
    /// The header name as written (`wire`) and the accessor (`rust`, snake_case).
    pub name: Name,
    /// `string`, `integer`, `number` or `boolean`.
    pub ty: crate::typeexpr::Scalar,
    /// Rustdoc.
    pub docs: Option<String>,
}

/// Page walking for an operation.
#[derive(Debug, Clone)]
pub struct Pagination {
    /// Style.
    pub style: PaginationStyle,
    /// Rust name of the page-size query parameter (always set for `offset` and `page`).
    pub size: Option<String>,
    /// Rust name of the query parameter carrying the position: the offset or page number
    /// (`offset`, `page`), the cursor or last id (`cursor`, `after_last`); `None` for the
    /// URL styles.
    pub position: Option<String>,
    /// Page size when the caller sets none.
    pub default_size: u64,
    /// Wire path (dotted) of the item list in the envelope model; `None`: the response is
    /// `page<T>`, `list_or_page<T>` or `list<T>`.
    pub items: Option<String>,
    /// Wire path of the next cursor (`cursor`) or next URL (`next_url`) in the response.
    pub next: Option<String>,
    /// Wire name of the item field that is the cursor (`after_last`).
    pub id: Option<String>,
    /// Wire path of the boolean that is false on the last page.
    pub has_more: Option<String>,
    /// Wire path of the total number of items.
    pub total: Option<String>,
    /// The item type.
    pub item: Ty,
}
