//! What generated code is wired with: the runtime items and macros it names, in one module,
//! so each generated file imports them in one `use` block. Not for applications.

pub use crate::builder;
pub use crate::form::FormLists;
pub use crate::formats::local_date_time;
pub use crate::header_arg::HeaderArg;
pub use crate::lenient;
pub use crate::paging::{Paged, Paging};
pub use crate::query::{ListStyle, OrderForm, QueryValue};
pub use crate::request::Options;
pub use crate::response::{typed_header, FromHeaders};
pub use crate::response_headers;
pub use crate::stream::{items, items_at, pages, Items, Pages};
pub use crate::transport::FromResponse;
pub use crate::types::{Binary, DateOrDateTime, Listing, Order, Page, Range, TriState};
pub use crate::types::{Patch, UnixMillis, UnixSeconds};
pub use crate::{closed_enum, closed_int_enum, model, open_enum, open_int_enum, setters};
pub use crate::{closed_tagged_union, tagged_union, untagged_union};
pub use crate::{
    ApiInfo, Auth, ByteStream, ClientConfig, Error, FilePart, Request, Secret, SessionConfig,
    Transport, Upload,
};
pub use bytes::Bytes;
pub use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
pub use reqwest::Method;
pub use rust_decimal::Decimal;
pub use serde;
pub use serde_json::Value;

/// What `model!` expands to call.
pub mod structs {
    pub use crate::structs::{plain_names, FieldIndex};
}

/// What the union macros expand to call.
pub mod unions {
    pub use crate::unions::{capture, serialize_tagged, tagged, untagged, Captured};
}

/// Reads an integer from a JSON number or a numeric string (`1` or `"1"`).
pub fn int_or_numeric_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = i64;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an integer or a numeric string")
        }
        fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<i64, E> {
            Ok(v)
        }
        fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<i64, E> {
            i64::try_from(v).map_err(|_| E::custom(format!("integer {v} out of range")))
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<i64, E> {
            v.trim()
                .parse()
                .map_err(|_| E::invalid_value(serde::de::Unexpected::Str(v), &self))
        }
    }
    d.deserialize_any(V)
}
