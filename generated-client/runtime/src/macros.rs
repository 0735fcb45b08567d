//! The per-type boilerplate of generated code, written once (models' `model!` is in
//! `structs.rs`): enums with their wire conversions (`open_enum!`, `closed_enum!`,
//! `open_int_enum!`, `closed_int_enum!`), the setters of a request model (`setters!`) and
//! the shell of a request builder (`builder!`). Generated code invokes them; applications
//! see only what they expand to.

/// A string enum that keeps values it does not know as `Unknown(..)`, so a value added by
/// the API decodes and is sent back unchanged.
///
/// Variants are written `Name = "wire"`; each variant's docs end with its wire value.
/// Expands to the enum (`#[non_exhaustive]`), `ALL`,
/// `as_str`, `from_wire`, `From<&str>`, `From<String>`, `Display`, serde and query encoding.
#[doc(hidden)]
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $wire, "`")] $variant, )*
            /// A value this client does not know, kept as received so it can be sent back
            /// unchanged.
            Unknown(::std::string::String),
        }

        impl $name {
            /// Every value listed in the spec, in spec order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unknown(v) => v.as_str(),
                }
            }

            /// The variant for a wire value, if the spec lists it.
            pub fn from_wire(s: &str) -> ::std::option::Option<Self> {
                match s {
                    $( $wire => ::std::option::Option::Some($name::$variant), )*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(s: &str) -> Self {
                Self::from_wire(s).unwrap_or_else(|| $name::Unknown(s.to_owned()))
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(s: ::std::string::String) -> Self {
                Self::from_wire(&s).unwrap_or($name::Unknown(s))
            }
        }

        $crate::__string_enum_common!($name);

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as $crate::wiring::serde::Deserialize>::deserialize(d)?;
                ::std::result::Result::Ok(Self::from(s))
            }
        }
    };
}

/// A string enum whose unknown values are decode errors.
///
/// Variants are written `Name = "wire"`. Expands to the enum, `ALL`, `as_str`, `from_wire`,
/// `Display`, serde and query encoding.
#[doc(hidden)]
#[macro_export]
macro_rules! closed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $wire, "`")] $variant, )*
        }

        impl $name {
            /// Every value listed in the spec, in spec order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                }
            }

            /// The variant for a wire value, if the spec lists it.
            pub fn from_wire(s: &str) -> ::std::option::Option<Self> {
                match s {
                    $( $wire => ::std::option::Option::Some($name::$variant), )*
                    _ => ::std::option::Option::None,
                }
            }
        }

        $crate::__string_enum_common!($name);

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::string::String as $crate::wiring::serde::Deserialize>::deserialize(d)?;
                Self::from_wire(&s).ok_or_else(|| {
                    <D::Error as $crate::wiring::serde::de::Error>::unknown_variant(&s, &[$($wire),*])
                })
            }
        }
    };
}

/// `Display`, `Serialize` and query encoding of a string enum with `as_str`.
#[doc(hidden)]
#[macro_export]
macro_rules! __string_enum_common {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::wiring::QueryValue for $name {
            fn to_query(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

/// An integer enum (sent as a number, read from `1` or `"1"`) that keeps unknown values as
/// `Unknown(..)`. Variants are written `Name = 1`.
#[doc(hidden)]
#[macro_export]
macro_rules! open_int_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $wire, "`")] $variant, )*
            /// A value this client does not know, kept as received so it can be sent back
            /// unchanged.
            Unknown(i64),
        }

        impl $name {
            /// Every value listed in the spec, in spec order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            pub fn as_i64(&self) -> i64 {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unknown(v) => *v,
                }
            }

            /// The variant for a wire value, if the spec lists it.
            pub fn from_i64(v: i64) -> ::std::option::Option<Self> {
                match v {
                    $( $wire => ::std::option::Option::Some($name::$variant), )*
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<i64> for $name {
            fn from(v: i64) -> Self {
                Self::from_i64(v).unwrap_or($name::Unknown(v))
            }
        }

        $crate::__int_enum_common!($name);

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let v = $crate::wiring::int_or_numeric_string(d)?;
                ::std::result::Result::Ok(Self::from(v))
            }
        }
    };
}

/// An integer enum whose unknown values are decode errors. Variants are written `Name = 1`.
#[doc(hidden)]
#[macro_export]
macro_rules! closed_int_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $wire:literal ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* #[doc = ""] #[doc = concat!("`", $wire, "`")] $variant, )*
        }

        impl $name {
            /// Every value listed in the spec, in spec order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The wire value.
            pub fn as_i64(&self) -> i64 {
                match self {
                    $( $name::$variant => $wire, )*
                }
            }

            /// The variant for a wire value, if the spec lists it.
            pub fn from_i64(v: i64) -> ::std::option::Option<Self> {
                match v {
                    $( $wire => ::std::option::Option::Some($name::$variant), )*
                    _ => ::std::option::Option::None,
                }
            }
        }

        $crate::__int_enum_common!($name);

        impl<'de> $crate::wiring::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::wiring::serde::Deserializer<'de>>(
                d: D,
            ) -> ::std::result::Result<Self, D::Error> {
                let v = $crate::wiring::int_or_numeric_string(d)?;
                Self::from_i64(v).ok_or_else(|| {
                    <D::Error as $crate::wiring::serde::de::Error>::custom(::std::format!(
                        "unknown value {v} for {}",
                        ::std::stringify!($name)
                    ))
                })
            }
        }
    };
}

/// `Display`, `Serialize` and query encoding of an integer enum with `as_i64`.
#[doc(hidden)]
#[macro_export]
macro_rules! __int_enum_common {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::std::write!(f, "{}", self.as_i64())
            }
        }

        impl $crate::wiring::QueryValue for $name {
            fn to_query(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Owned(self.as_i64().to_string())
            }
        }

        impl $crate::wiring::serde::Serialize for $name {
            fn serialize<S: $crate::wiring::serde::Serializer>(
                &self,
                s: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_i64(self.as_i64())
            }
        }
    };
}

/// The constructor and `with_<field>` setters of a request model, one declaration per line.
///
/// A first line `fn new(a: A, b: B);` (or `fn new();`) lists the required fields: it expands
/// to `pub fn new(a: impl Into<A>, b: impl Into<B>) -> Self`, which sets them and starts
/// every field with a setter unset (`None`, `Patch::Absent`, or the member's default).
/// Without it no `new` is written.
///
/// Then `fn with_x(x: Option<T>);` sets `x` to `Some(..)`, `fn with_x(x: Patch<T>);` to
/// `Patch::Value(..)`, and `#[default = default_fn] fn with_x(x: T);` (a member with a
/// default, which `new` starts as `default_fn()`, after the setter's docs) to the value. Each
/// expands to `pub fn with_x(mut self, value: impl Into<T>) -> Self`, keeping its docs; one
/// without docs or attributes is documented "Sets `x`.".
///
/// ```text
/// setters! {
///     impl CancelServiceRequest {
///         fn new(service: i64);
///         fn with_reason(reason: Option<String>);
///         /// Sets `type`.
///         fn with_type(r#type: Option<String>);
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! setters {
    (impl $name:ident { fn new($($arg:ident : $argty:ty),* $(,)?); $($setters:tt)* }) => {
        impl $name {
            /// Creates the value from its required fields; optional ones start unset.
            #[allow(clippy::new_without_default, clippy::too_many_arguments)]
            pub fn new($($arg: impl ::std::convert::Into<$argty>),*) -> Self {
                $crate::__setters_new! { [$($arg: $arg.into(),)*] $($setters)* }
            }

            $crate::__setters! { $($setters)* }
        }
    };
    (impl $name:ident { $($setters:tt)* }) => {
        impl $name {
            $crate::__setters! { $($setters)* }
        }
    };
}

/// The body of `new`: `[fields set so far]`, then the setters still to read; each setter's
/// field starts unset (or at its default).
#[doc(hidden)]
#[macro_export]
macro_rules! __setters_new {
    ([$($init:tt)*]) => {
        Self { $($init)* }
    };
    (
        [$($init:tt)*]
        $(#[doc = $doc:literal])* #[default = $($default:ident)::+]
        fn $setter:ident($field:ident : $t:ty); $($rest:tt)*
    ) => {
        $crate::__setters_new! { [$($init)* $field: $($default)::+(),] $($rest)* }
    };
    (
        [$($init:tt)*]
        $(#[$meta:meta])* fn $setter:ident($field:ident : Option<$t:ty>); $($rest:tt)*
    ) => {
        $crate::__setters_new! { [$($init)* $field: ::std::option::Option::None,] $($rest)* }
    };
    (
        [$($init:tt)*]
        $(#[$meta:meta])* fn $setter:ident($field:ident : Patch<$t:ty>); $($rest:tt)*
    ) => {
        $crate::__setters_new! { [$($init)* $field: $crate::wiring::Patch::Absent,] $($rest)* }
    };
}

/// One setter at a time.
#[doc(hidden)]
#[macro_export]
macro_rules! __setters {
    () => {};
    (
        $(#[doc = $doc:literal])* #[default = $($default:ident)::+]
        fn $setter:ident($field:ident : $t:ty); $($rest:tt)*
    ) => {
        $(#[doc = $doc])*
        pub fn $setter(mut self, value: impl ::std::convert::Into<$t>) -> Self {
            self.$field = value.into();
            self
        }
        $crate::__setters! { $($rest)* }
    };
    (fn $setter:ident($field:ident : $($t:tt)+); $($rest:tt)*) => {
        $crate::__setters! {
            #[doc = ::std::concat!("Sets `", ::std::stringify!($field), "`.")]
            fn $setter($field: $($t)+); $($rest)*
        }
    };
    (
        $(#[$meta:meta])* fn $setter:ident($field:ident : Option<$t:ty>); $($rest:tt)*
    ) => {
        $(#[$meta])*
        pub fn $setter(mut self, value: impl ::std::convert::Into<$t>) -> Self {
            self.$field = ::std::option::Option::Some(value.into());
            self
        }
        $crate::__setters! { $($rest)* }
    };
    (
        $(#[$meta:meta])* fn $setter:ident($field:ident : Patch<$t:ty>); $($rest:tt)*
    ) => {
        $(#[$meta])*
        pub fn $setter(mut self, value: impl ::std::convert::Into<$t>) -> Self {
            self.$field = $crate::wiring::Patch::Value(value.into());
            self
        }
        $crate::__setters! { $($rest)* }
    };
}

/// The shell of a request builder: the struct with the transport and per-request options
/// beside its parameters, `new`, `timeout`, `to_request` (from the given function, with the
/// options applied), `send` and `send_with_response`. An operation that declares response
/// headers names their typed view with `type Headers = ...;`; one whose answer is raw bytes
/// also gets `send_stream` with `type Stream = ByteStream;`.
///
/// ```text
/// builder! {
///     /// Request builder for ...
///     pub struct GetContact {
///         id: i64,
///     }
///
///     type Headers = GetContactHeaders;
///
///     fn to_request(&self) -> Result<Request<Contact>, Error> {
///         Request::get("get_contact", "/contact/{id}").path_params(&[&self.id]).build()
///     }
/// }
/// ```
#[doc(hidden)]
#[macro_export]
macro_rules! builder {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)?
        }

        $(type Headers = $headers:ty;)?

        $(type Stream = $stream:ty;)?

        fn to_request(&$this:ident) -> Result<Request<$out:ty>, $err:ty> $body:block
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is called"]
        $vis struct $name {
            transport: $crate::Transport,
            options: $crate::wiring::Options,
            $( $(#[$fmeta])* $field: $fty, )*
        }

        impl $name {
            #[allow(clippy::too_many_arguments)]
            pub(crate) fn new(transport: &$crate::Transport, $( $field: $fty ),*) -> Self {
                $name {
                    transport: transport.clone(),
                    options: ::std::default::Default::default(),
                    $( $field, )*
                }
            }

            /// Overrides the client's whole-request timeout for this request.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.set_timeout(timeout);
                self
            }

            /// The request this builder describes, without sending it.
            pub fn to_request(&$this) -> ::std::result::Result<$crate::Request<$out>, $err> {
                let request: ::std::result::Result<$crate::Request<$out>, $err> = $body;
                request.map(|r| r.options(&$this.options))
            }

            /// Sends the request and decodes the response.
            pub async fn send(self) -> ::std::result::Result<$out, $err> {
                let request = self.to_request()?;
                self.transport.send(request).await
            }

            $(
                /// Sends the request and returns the body as a stream of chunks, read as they
                /// arrive (for large downloads); `send()` reads it whole.
                pub async fn send_stream(self) -> ::std::result::Result<$stream, $err> {
                    let request = self.to_request()?;
                    self.transport.send_stream(request).await
                }
            )?

            /// Sends the request and returns the decoded value with the response's status
            /// and headers (and the typed view of the headers the spec declares).
            pub async fn send_with_response(
                self,
            ) -> ::std::result::Result<
                $crate::Response<$out, $crate::__headers_or_unit!($($headers)?)>,
                $err,
            > {
                let request = self.to_request()?;
                self.transport
                    .send_with_response(request)
                    .await
                    .map($crate::Response::with_typed_headers)
            }
        }
    };
}

/// The typed headers of a builder: the given type, or `()`.
#[doc(hidden)]
#[macro_export]
macro_rules! __headers_or_unit {
    () => {
        ()
    };
    ($headers:ty) => {
        $headers
    };
}

#[cfg(test)]
mod tests {
    use crate::types::Patch;

    #[derive(Debug, Default, PartialEq)]
    struct Invoice {
        note: Option<String>,
        due: Patch<i64>,
        currency: String,
    }

    crate::setters! {
        impl Invoice {
            /// Sets `note`.
            fn with_note(note: Option<String>);
            /// Sets `due`.
            fn with_due(due: Patch<i64>);
            /// Sets `currency`.
            #[default = default_currency]
            fn with_currency(currency: String);
        }
    }

    fn default_currency() -> String {
        "USD".into()
    }

    #[test]
    fn setters_set_an_option_a_patch_member_and_a_member_with_a_default() {
        let v = Invoice::default()
            .with_note("net 30")
            .with_due(14i32)
            .with_currency("EUR");
        assert_eq!(
            v,
            Invoice {
                note: Some("net 30".into()),
                due: Patch::Value(14),
                currency: "EUR".into(),
            }
        );
    }

    #[derive(Debug, PartialEq)]
    struct Reply {
        ticket: i64,
        r#type: String,
        body: Option<String>,
        priority: Patch<i64>,
        kind: Option<String>,
        currency: String,
    }

    crate::setters! {
        impl Reply {
            fn new(ticket: i64, r#type: String);
            fn with_body(body: Option<String>);
            fn with_priority(priority: Patch<i64>);
            /// Sets the kind.
            fn with_kind(kind: Option<String>);
            /// Sets the currency.
            #[default = default_currency]
            fn with_currency(currency: String);
        }
    }

    #[derive(Debug, PartialEq)]
    struct Ping {
        note: Option<String>,
    }

    crate::setters! {
        impl Ping {
            fn new();
            fn with_note(note: Option<String>);
        }
    }

    #[derive(Debug, PartialEq)]
    struct Login {
        username: String,
    }

    crate::setters! {
        impl Login {
            fn new(username: String);
        }
    }

    #[test]
    fn new_sets_the_required_fields_and_starts_the_others_unset() {
        assert_eq!(
            Reply::new(7i32, "note"),
            Reply {
                ticket: 7,
                r#type: "note".into(),
                body: None,
                priority: Patch::Absent,
                kind: None,
                currency: "USD".into(),
            }
        );
        assert_eq!(Ping::new(), Ping { note: None });
        assert_eq!(Login::new("ann").username, "ann");
    }

    #[test]
    fn setters_after_new_set_their_fields() {
        let v = Reply::new(7i32, String::from("note"))
            .with_body("hello")
            .with_priority(2u8)
            .with_kind("internal")
            .with_currency("EUR");
        assert_eq!(
            v,
            Reply {
                ticket: 7,
                r#type: "note".into(),
                body: Some("hello".into()),
                priority: Patch::Value(2),
                kind: Some("internal".into()),
                currency: "EUR".into(),
            }
        );
        assert_eq!(Ping::new().with_note("n").note.as_deref(), Some("n"));
    }
}
