//! Value types shared by all generated operations: ordering, ranges, dates, Unix timestamps,
//! partial-update members, pages, binaries.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

pub use crate::date::{DateOrDateTime, ParseDateError};
pub use crate::patch::Patch;
pub use crate::unix_time::{UnixMillis, UnixSeconds};
pub use Order::{Asc, Desc};

/// A sort order on one field `F` (usually a generated enum of sortable fields).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Order<F> {
    /// Ascending order on the field.
    Asc(F),
    /// Descending order on the field.
    Desc(F),
}

impl<F> Order<F> {
    /// The field being sorted on.
    pub fn field(&self) -> &F {
        match self {
            Order::Asc(f) | Order::Desc(f) => f,
        }
    }

    /// Whether the order is descending.
    pub fn is_desc(&self) -> bool {
        matches!(self, Order::Desc(_))
    }
}

/// An inclusive range filter; either bound may be missing.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Range<T> {
    /// Lower bound, if any.
    pub from: Option<T>,
    /// Upper bound, if any.
    pub to: Option<T>,
}

impl<T> Range<T> {
    /// A range with both bounds.
    pub fn between(from: T, to: T) -> Self {
        Range {
            from: Some(from),
            to: Some(to),
        }
    }

    /// A range with only a lower bound.
    pub fn since(from: T) -> Self {
        Range {
            from: Some(from),
            to: None,
        }
    }

    /// A range with only an upper bound.
    pub fn until(to: T) -> Self {
        Range {
            from: None,
            to: Some(to),
        }
    }

    /// True when neither bound is set (nothing is sent).
    pub fn is_empty(&self) -> bool {
        self.from.is_none() && self.to.is_none()
    }
}

impl<T> Default for Range<T> {
    fn default() -> Self {
        Range {
            from: None,
            to: None,
        }
    }
}

impl<T> From<(T, T)> for Range<T> {
    fn from((from, to): (T, T)) -> Self {
        Range::between(from, to)
    }
}

/// A three-valued boolean filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriState {
    /// Only items where the flag is true (`true` is sent).
    True,
    /// Only items where the flag is false (`false` is sent).
    False,
    /// All items: sends the API's "any other value" literal for this
    /// parameter (the spec's `all_value`).
    All,
}

impl From<bool> for TriState {
    fn from(value: bool) -> Self {
        if value {
            TriState::True
        } else {
            TriState::False
        }
    }
}

/// A DRF-style page envelope: `{count, next, previous, results}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    /// Total number of items across all pages.
    pub count: u64,
    /// URL of the next page, if any.
    #[serde(default)]
    pub next: Option<String>,
    /// URL of the previous page, if any.
    #[serde(default)]
    pub previous: Option<String>,
    /// The items on this page.
    pub results: Vec<T>,
}

/// A list response that is either a bare JSON array or a [`Page`] envelope.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Listing<T> {
    /// The server answered with a bare array.
    Items(Vec<T>),
    /// The server answered with a page envelope.
    Page(Page<T>),
}

impl<T> Listing<T> {
    /// The items, whichever form the server used.
    pub fn items(&self) -> &[T] {
        match self {
            Listing::Items(items) => items,
            Listing::Page(page) => &page.results,
        }
    }

    /// Consumes the listing, returning its items.
    pub fn into_items(self) -> Vec<T> {
        match self {
            Listing::Items(items) => items,
            Listing::Page(page) => page.results,
        }
    }

    /// The total count reported by a page envelope (`None` for a bare array).
    pub fn count(&self) -> Option<u64> {
        match self {
            Listing::Items(_) => None,
            Listing::Page(page) => Some(page.count),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Listing<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Dispatch on the JSON shape instead of `untagged`, so that decode
        // errors keep their precise path (e.g. `results[3].status`).
        struct ListingVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListingVisitor<T> {
            type Value = Listing<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array or a {count, next, previous, results} object")
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::deserialize(SeqAccessDeserializer::new(seq)).map(Listing::Items)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Page::deserialize(MapAccessDeserializer::new(map)).map(Listing::Page)
            }
        }

        deserializer.deserialize_any(ListingVisitor(PhantomData))
    }
}

/// A binary (non-JSON) response body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binary {
    /// The `Content-Type` header of the response, if any.
    pub content_type: Option<String>,
    /// The body bytes.
    pub bytes: bytes::Bytes,
}
