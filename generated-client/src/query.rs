//! Query-string building: the `QueryValue` trait and the ordered `Query` pair list.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use crate::date::{format_naive_datetime, format_rfc3339};
use crate::types::{DateOrDateTime, Order, Range, TriState};

/// A value that can be sent as one query parameter value.
///
/// The returned text is *not* percent-encoded; the transport encodes it.
pub trait QueryValue {
    /// The unencoded text of the value.
    fn to_query(&self) -> Cow<'_, str>;
}

macro_rules! display_query_value {
    ($($ty:ty),*) => {
        $(impl QueryValue for $ty {
            fn to_query(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        })*
    };
}

display_query_value!(i32, i64, u32, u64, f64, rust_decimal::Decimal);

impl QueryValue for bool {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

impl QueryValue for str {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl QueryValue for String {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl<T: QueryValue + ?Sized> QueryValue for &T {
    fn to_query(&self) -> Cow<'_, str> {
        (**self).to_query()
    }
}

impl QueryValue for NaiveDate {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(self.format("%Y-%m-%d").to_string())
    }
}

impl QueryValue for NaiveDateTime {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(format_naive_datetime(self))
    }
}

impl QueryValue for DateTime<FixedOffset> {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(format_rfc3339(self))
    }
}

impl QueryValue for DateTime<Utc> {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(format_rfc3339(self))
    }
}

impl QueryValue for DateOrDateTime {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl<F: QueryValue> QueryValue for Order<F> {
    fn to_query(&self) -> Cow<'_, str> {
        match self {
            Order::Asc(f) => f.to_query(),
            Order::Desc(f) => Cow::Owned(format!("-{}", f.to_query())),
        }
    }
}

/// An ordered list of `(name, value)` query parameters.
///
/// Pairs are sent in push order; names may repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// An empty query.
    pub fn new() -> Self {
        Query::default()
    }

    /// The pairs in push order (values unencoded).
    pub fn pairs(&self) -> &[(Cow<'static, str>, String)] {
        &self.pairs
    }

    /// True when no pair has been pushed.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds `name=value`.
    pub fn push<V: QueryValue + ?Sized>(&mut self, name: &'static str, v: &V) {
        self.pairs
            .push((Cow::Borrowed(name), v.to_query().into_owned()));
    }

    /// Adds `name=value` when the value is present.
    pub fn push_opt<V: QueryValue>(&mut self, name: &'static str, v: Option<&V>) {
        if let Some(v) = v {
            self.push(name, v);
        }
    }

    /// Adds `name=a,b,c`; nothing is sent for an empty slice.
    pub fn push_csv<V: QueryValue>(&mut self, name: &'static str, values: &[V]) {
        if values.is_empty() {
            return;
        }
        let joined = values
            .iter()
            .map(|v| v.to_query())
            .collect::<Vec<_>>()
            .join(",");
        self.pairs.push((Cow::Borrowed(name), joined));
    }

    /// Adds `name=f1,-f2` (a `-` marks descending); nothing for an empty slice.
    pub fn push_ordering<F: QueryValue>(&mut self, name: &'static str, orders: &[Order<F>]) {
        self.push_csv(name, orders);
    }

    /// Adds `field_name=f` and `reversed_name=true|false` for APIs that take
    /// the sort field and its direction as two parameters.
    pub fn push_ordering_flag<F: QueryValue>(
        &mut self,
        field_name: &'static str,
        reversed_name: &'static str,
        order: Option<&Order<F>>,
    ) {
        if let Some(order) = order {
            self.push(field_name, order.field());
            self.push(reversed_name, &order.is_desc());
        }
    }

    /// Adds `from_name=from` and `to_name=to`, each only when that bound is set.
    pub fn push_range<V: QueryValue>(
        &mut self,
        from_name: &'static str,
        to_name: &'static str,
        range: &Range<V>,
    ) {
        self.push_opt(from_name, range.from.as_ref());
        self.push_opt(to_name, range.to.as_ref());
    }

    /// Adds a three-valued flag: `true`, `false`, or the API's `all_value`.
    pub fn push_tristate(
        &mut self,
        name: &'static str,
        v: Option<TriState>,
        all_value: &'static str,
    ) {
        let text = match v {
            None => return,
            Some(TriState::True) => "true",
            Some(TriState::False) => "false",
            Some(TriState::All) => all_value,
        };
        self.push_raw(name, text);
    }

    /// Adds a pair with an already-rendered value.
    pub fn push_raw(&mut self, name: &'static str, value: impl Into<String>) {
        self.pairs.push((Cow::Borrowed(name), value.into()));
    }
}
