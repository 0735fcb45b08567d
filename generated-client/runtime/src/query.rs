//! Query-string building: the `QueryValue` trait (how one value is written) and the ordered
//! `Query` pair list that [`Request`](crate::Request)'s query methods fill.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};

use crate::date::{format_naive_datetime, format_rfc3339};
use crate::types::{DateOrDateTime, Order, Range, TriState, UnixMillis, UnixSeconds};

/// A value that can be sent as one query (or path) parameter value.
///
/// The returned text is *not* percent-encoded; the transport encodes it. Generated enums
/// implement it; applications do not need to.
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

/// The wire integer (`1700000000`), as in a JSON body.
impl QueryValue for UnixSeconds {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(self.timestamp().to_string())
    }
}

/// The wire integer (`1700000000123`), as in a JSON body.
impl QueryValue for UnixMillis {
    fn to_query(&self) -> Cow<'_, str> {
        Cow::Owned(self.timestamp().to_string())
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

/// How a list parameter goes on the wire.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListStyle {
    /// One pair, the values joined: `status=a,b` (or another separator).
    Joined(&'static str),
    /// The key repeated: `status=a&status=b`.
    Repeated,
    /// The key repeated with `[]`: `expand[]=a&expand[]=b`.
    Brackets,
}

/// How one sort field and its direction are written.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderForm {
    /// `-field` for descending, `field` for ascending.
    Prefix,
    /// `field<separator><asc|desc>`; an empty `asc` writes ascending fields bare.
    Suffix {
        /// Between the field and the direction word (`:`).
        separator: &'static str,
        /// The word for ascending (`asc`), or empty.
        asc: &'static str,
        /// The word for descending (`desc`).
        desc: &'static str,
    },
}

impl OrderForm {
    fn write<F: QueryValue>(self, order: &Order<F>) -> String {
        let field = order.field().to_query();
        match (self, order.is_desc()) {
            (OrderForm::Prefix, true) => format!("-{field}"),
            (OrderForm::Prefix, false) => field.into_owned(),
            (
                OrderForm::Suffix {
                    separator, desc, ..
                },
                true,
            ) => format!("{field}{separator}{desc}"),
            (OrderForm::Suffix { asc: "", .. }, false) => field.into_owned(),
            (OrderForm::Suffix { separator, asc, .. }, false) => format!("{field}{separator}{asc}"),
        }
    }
}

/// An ordered list of `(name, value)` query parameters.
///
/// Pairs are sent in push order; names may repeat.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Query {
    pairs: Vec<(Cow<'static, str>, String)>,
}

impl Query {
    /// An empty query.
    pub(crate) fn new() -> Self {
        Query::default()
    }

    /// The pairs in push order (values unencoded).
    pub(crate) fn pairs(&self) -> &[(Cow<'static, str>, String)] {
        &self.pairs
    }

    /// True when no pair has been pushed.
    pub(crate) fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Adds `name=value`.
    pub(crate) fn push<V: QueryValue + ?Sized>(&mut self, name: &'static str, v: &V) {
        self.pairs
            .push((Cow::Borrowed(name), v.to_query().into_owned()));
    }

    /// Adds a pair whose name is built at run time (`filter[owner][id]`).
    pub(crate) fn push_owned(&mut self, name: String, value: String) {
        self.pairs.push((Cow::Owned(name), value));
    }

    /// Adds `name=value` when the value is present.
    pub(crate) fn push_opt<V: QueryValue>(&mut self, name: &'static str, v: Option<&V>) {
        if let Some(v) = v {
            self.push(name, v);
        }
    }

    /// Adds `name=a,b,c`; nothing is sent for an empty slice.
    pub(crate) fn push_csv<V: QueryValue>(&mut self, name: &'static str, values: &[V]) {
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

    /// Adds the values in `style`; nothing for an empty slice.
    pub(crate) fn push_list<V: QueryValue>(
        &mut self,
        name: &'static str,
        values: &[V],
        style: ListStyle,
    ) {
        self.push_texts(
            name,
            values.iter().map(|v| v.to_query().into_owned()),
            style,
        );
    }

    /// Adds the orders, each written in `form`, in `style`; nothing for an empty slice.
    pub(crate) fn push_orders<F: QueryValue>(
        &mut self,
        name: &'static str,
        orders: &[Order<F>],
        form: OrderForm,
        style: ListStyle,
    ) {
        self.push_texts(name, orders.iter().map(|o| form.write(o)), style);
    }

    fn push_texts(
        &mut self,
        name: &'static str,
        texts: impl Iterator<Item = String>,
        style: ListStyle,
    ) {
        match style {
            ListStyle::Joined(separator) => {
                let joined = texts.collect::<Vec<_>>().join(separator);
                if !joined.is_empty() {
                    self.pairs.push((Cow::Borrowed(name), joined));
                }
            }
            ListStyle::Repeated => {
                for t in texts {
                    self.pairs.push((Cow::Borrowed(name), t));
                }
            }
            ListStyle::Brackets => {
                let key: Cow<'static, str> = Cow::Owned(format!("{name}[]"));
                for t in texts {
                    self.pairs.push((key.clone(), t));
                }
            }
        }
    }

    /// Adds `name=f1,-f2` (a `-` marks descending); nothing for an empty slice.
    pub(crate) fn push_ordering<F: QueryValue>(&mut self, name: &'static str, orders: &[Order<F>]) {
        self.push_csv(name, orders);
    }

    /// Adds `field_name=f` and `reversed_name=true|false` for APIs that take
    /// the sort field and its direction as two parameters.
    pub(crate) fn push_ordering_flag<F: QueryValue>(
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
    pub(crate) fn push_range<V: QueryValue>(
        &mut self,
        from_name: &'static str,
        to_name: &'static str,
        range: &Range<V>,
    ) {
        self.push_opt(from_name, range.from.as_ref());
        self.push_opt(to_name, range.to.as_ref());
    }

    /// Adds a three-valued flag: `true`, `false`, or the API's `all_value`.
    pub(crate) fn push_tristate(
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
    pub(crate) fn push_raw(&mut self, name: &'static str, value: impl Into<String>) {
        self.pairs.push((Cow::Borrowed(name), value.into()));
    }

    /// Sets `name` to `value`: replaces the first pair of that name (dropping any later
    /// ones), or adds it at the end.
    pub(crate) fn set(&mut self, name: &'static str, value: String) {
        match self.pairs.iter().position(|(n, _)| n == name) {
            Some(first) => {
                self.pairs[first].1 = value;
                let mut index = 0;
                self.pairs.retain(|(n, _)| {
                    index += 1;
                    index - 1 <= first || n != name
                });
            }
            None => self.pairs.push((Cow::Borrowed(name), value)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::{Asc, Desc};

    fn text(q: &Query) -> String {
        q.pairs()
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    #[test]
    fn each_construct_writes_its_pairs_in_order() {
        let mut q = Query::new();
        q.push("limit", &50i64);
        q.push_opt::<i64>("offset", None);
        q.push_csv("ids", &[1i64, 2, 3]);
        q.push_csv::<i64>("none", &[]);
        q.push_ordering("ordering", &[Desc("created_at"), Asc("email")]);
        q.push_ordering_flag("sorting[field]", "sorting[reversed]", Some(&Desc("id")));
        q.push_range("from", "to", &Range::since(5i64));
        q.push_tristate("deleted", Some(TriState::All), "all");
        q.push_tristate("other", None, "all");
        assert_eq!(
            text(&q),
            "limit=50&ids=1,2,3&ordering=-created_at,email&sorting[field]=id&sorting[reversed]=true&from=5&deleted=all"
        );
    }

    #[test]
    fn list_styles_and_order_forms() {
        let mut q = Query::new();
        q.push_list("status", &["running", "off"], ListStyle::Repeated);
        q.push_list("expand", &["a", "b"], ListStyle::Brackets);
        q.push_list("tags", &["x", "y"], ListStyle::Joined("|"));
        q.push_list::<&str>("none", &[], ListStyle::Repeated);
        q.push_list::<&str>("none", &[], ListStyle::Joined(","));
        let suffix = OrderForm::Suffix {
            separator: ":",
            asc: "asc",
            desc: "desc",
        };
        q.push_orders(
            "sort",
            &[Desc("name"), Asc("id")],
            suffix,
            ListStyle::Repeated,
        );
        let bare_asc = OrderForm::Suffix {
            separator: " ",
            asc: "",
            desc: "DESC",
        };
        q.push_orders(
            "order",
            &[Asc("a"), Desc("b")],
            bare_asc,
            ListStyle::Joined(","),
        );
        q.push_orders("o", &[Desc("c")], OrderForm::Prefix, ListStyle::Brackets);
        assert_eq!(
            text(&q),
            "status=running&status=off&expand[]=a&expand[]=b&tags=x|y&sort=name:desc&sort=id:asc&order=a,b DESC&o[]=-c"
        );
    }

    #[test]
    fn set_replaces_or_appends() {
        let mut q = Query::new();
        q.push("a", "1");
        q.push("b", "2");
        q.push("a", "3");
        q.set("a", "9".into());
        q.set("c", "4".into());
        assert_eq!(text(&q), "a=9&b=2&c=4");
    }
}
