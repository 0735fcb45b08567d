//! How an operation is walked page by page: the paging styles, what a page says (read from
//! its JSON and headers) and the pure rule that says, after each page, whether and where to
//! continue. The lazy stream over it is `stream.rs`.

use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::types::{Listing, Page};

/// How an operation is walked: its style, the optional page-size parameter, and where a
/// page's items and facts are (dotted JSON paths; no `items`: a bare list, or the
/// `{count, next, previous, results}` envelope).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paging {
    pub(crate) style: Style,
    /// The page-size parameter and the size sent when the caller sets none.
    pub(crate) size: Option<(&'static str, u64)>,
    pub(crate) items: Option<&'static str>,
    pub(crate) has_more: Option<&'static str>,
    pub(crate) total: Option<&'static str>,
}

/// The ways of asking for the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Style {
    /// limit/offset: ends when `next` is null, the total is reached, or a page is empty.
    Offset { position: &'static str },
    /// page/per_page numbers: ends on a short or empty page (or the total).
    Page { position: &'static str },
    /// A cursor from the response field `next`, sent as `param`; ends when it is absent.
    Cursor {
        param: &'static str,
        next: &'static str,
    },
    /// The last item's `id` sent as `param`, while the `has_more` flag is true.
    AfterLast {
        param: &'static str,
        id: &'static str,
    },
    /// The URL in the response field `next`.
    NextUrl { next: &'static str },
    /// The `Link` header's `rel="next"` URL (RFC 8288).
    LinkHeader,
}

impl Paging {
    const fn of(style: Style) -> Paging {
        Paging {
            style,
            size: None,
            items: None,
            has_more: None,
            total: None,
        }
    }

    /// limit/offset with the parameters `size` and `position`.
    pub const fn offset(size: &'static str, position: &'static str, default_size: u64) -> Paging {
        Paging::of(Style::Offset { position }).size(size, default_size)
    }

    /// page/per_page numbers with the parameters `size` and `position` (the page number).
    pub const fn page(size: &'static str, position: &'static str, default_size: u64) -> Paging {
        Paging::of(Style::Page { position }).size(size, default_size)
    }

    /// The cursor at the response path `next`, sent as the parameter `param`.
    pub const fn cursor(param: &'static str, next: &'static str) -> Paging {
        Paging::of(Style::Cursor { param, next })
    }

    /// The last item's field `id`, sent as the parameter `param`.
    pub const fn after_last(param: &'static str, id: &'static str) -> Paging {
        Paging::of(Style::AfterLast { param, id })
    }

    /// The URL at the response path `next`.
    pub const fn next_url(next: &'static str) -> Paging {
        Paging::of(Style::NextUrl { next })
    }

    /// The `Link` header's `rel="next"` URL.
    pub const fn link_header() -> Paging {
        Paging::of(Style::LinkHeader)
    }

    /// The page-size parameter, sent on every page, and its value when the caller sets none.
    pub const fn size(mut self, param: &'static str, default_size: u64) -> Paging {
        self.size = Some((param, default_size));
        self
    }

    /// The dotted path of the item list in the response.
    pub const fn items(mut self, path: &'static str) -> Paging {
        self.items = Some(path);
        self
    }

    /// The dotted path of a boolean that is false on the last page.
    pub const fn has_more(mut self, path: &'static str) -> Paging {
        self.has_more = Some(path);
        self
    }

    /// The dotted path of the total number of items.
    pub const fn total(mut self, path: &'static str) -> Paging {
        self.total = Some(path);
        self
    }

    /// The parameter that carries the position (offset, page number, cursor), if any.
    pub(crate) fn position_param(&self) -> Option<&'static str> {
        match &self.style {
            Style::Offset { position } | Style::Page { position } => Some(position),
            Style::Cursor { param, .. } | Style::AfterLast { param, .. } => Some(param),
            Style::NextUrl { .. } | Style::LinkHeader => None,
        }
    }

    /// The page size and the first step, from the values the caller set on the builder.
    pub(crate) fn start(&self, size: Option<u64>, position: Option<&str>) -> (Option<u64>, Step) {
        let size = self.size.map(|(_, default)| {
            let s = size.filter(|s| *s > 0).unwrap_or(default);
            match self.style {
                // A page size of 0 would make every page "full" and never end the walk.
                Style::Page { .. } => s.max(1),
                _ => s,
            }
        });
        let number = || position.and_then(|p| p.parse::<u64>().ok());
        let step = match self.style {
            Style::Offset { .. } => Step::Number(number().unwrap_or(0)),
            Style::Page { .. } => Step::Number(number().unwrap_or(1)),
            _ => Step::First,
        };
        (size, step)
    }

    /// The step after a page at `at` with `facts`, or `None` when it was the last page.
    /// `seen` counts the items of every page so far, this one included; `size` is the size
    /// sent. `Err`: the walk cannot go on (an item without its id).
    pub(crate) fn next(
        &self,
        at: &Step,
        size: Option<u64>,
        seen: u64,
        facts: &Facts,
    ) -> Result<Option<Step>, String> {
        if facts.len == 0 || facts.more == Some(false) {
            return Ok(None);
        }
        let total_reached = |n: u64| facts.total.is_some_and(|t| n >= t);
        match &self.style {
            Style::Offset { .. } => {
                let Step::Number(position) = at else {
                    return Ok(None);
                };
                let end = position.saturating_add(facts.len);
                Ok((!total_reached(end)).then_some(Step::Number(end)))
            }
            Style::Page { .. } => {
                let Step::Number(page) = at else {
                    return Ok(None);
                };
                let short = size.is_some_and(|s| facts.len < s);
                Ok(
                    (!short && !total_reached(seen))
                        .then_some(Step::Number(page.saturating_add(1))),
                )
            }
            Style::Cursor { .. } | Style::NextUrl { .. } | Style::LinkHeader => {
                if total_reached(seen) {
                    return Ok(None);
                }
                Ok(facts.next.clone().map(Step::Token))
            }
            Style::AfterLast { id, .. } => {
                if total_reached(seen) {
                    return Ok(None);
                }
                match &facts.next {
                    Some(last) => Ok(Some(Step::Token(last.clone()))),
                    None => Err(format!("the last item of the page has no `{id}`")),
                }
            }
        }
    }

    /// What a page says, read from its JSON body and headers.
    pub(crate) fn facts(&self, body: &Value, headers: &HeaderMap) -> Facts {
        let (items, mut facts) = match self.items {
            None => match body {
                Value::Array(items) => (Some(items), Facts::default()),
                Value::Object(envelope) => {
                    // The `{count, next, previous, results}` envelope.
                    let items = envelope.get("results").and_then(Value::as_array);
                    let facts = Facts {
                        total: envelope.get("count").and_then(number),
                        more: Some(envelope.get("next").is_some_and(|n| !n.is_null())),
                        ..Facts::default()
                    };
                    (items, facts)
                }
                _ => (None, Facts::default()),
            },
            Some(path) => (at(body, path).and_then(Value::as_array), Facts::default()),
        };
        facts.len = items.map_or(0, |i| i.len() as u64);
        if let Some(path) = self.has_more {
            facts.more = at(body, path).and_then(Value::as_bool).or(facts.more);
        }
        if let Some(path) = self.total {
            facts.total = at(body, path).and_then(number).or(facts.total);
        }
        facts.next = match &self.style {
            Style::Offset { .. } | Style::Page { .. } => None,
            Style::Cursor { next, .. } | Style::NextUrl { next } => at(body, next).and_then(token),
            Style::AfterLast { id, .. } => items
                .and_then(|i| i.last())
                .and_then(|last| at(last, id))
                .and_then(token),
            Style::LinkHeader => link_next(headers),
        };
        facts
    }

    /// Whether the next step is a URL to follow (rather than a parameter to set).
    pub(crate) fn follows_urls(&self) -> bool {
        matches!(self.style, Style::NextUrl { .. } | Style::LinkHeader)
    }
}

/// Where the walk goes next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// The request as the caller built it (cursor and URL styles).
    First,
    /// An offset or a page number.
    Number(u64),
    /// A cursor or last id to send, or a next URL to follow.
    Token(String),
}

/// What a fetched page says about the rest of the list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Facts {
    /// Items on the page.
    pub(crate) len: u64,
    /// The total the server reports, if any.
    pub(crate) total: Option<u64>,
    /// Whether the server says there is more (`None`: it does not say).
    pub(crate) more: Option<bool>,
    /// The next cursor, last id or next URL.
    pub(crate) next: Option<String>,
}

/// The value at the dotted `path` of `v` (`""`: `v` itself).
pub(crate) fn at<'v>(v: &'v Value, path: &str) -> Option<&'v Value> {
    if path.is_empty() {
        return Some(v);
    }
    path.split('.').try_fold(v, |v, key| v.get(key))
}

/// A count from a JSON number or numeric string.
fn number(v: &Value) -> Option<u64> {
    v.as_u64()
        .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()))
}

/// A cursor, id or URL from a non-empty string or a number (`null`, `""`: none).
fn token(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The `rel="next"` target of the `Link` headers (RFC 8288), as written.
pub(crate) fn link_next(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(reqwest::header::LINK)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(split_links)
        .find_map(|link| {
            let (target, params) = link.trim().strip_prefix('<')?.split_once('>')?;
            let is_next = params.split(';').any(|p| {
                let Some((name, value)) = p.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|r| r.eq_ignore_ascii_case("next"))
            });
            is_next.then(|| target.trim().to_owned())
        })
}

/// The links of one `Link` header value: split at commas outside `<...>` and quotes.
fn split_links(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut in_target, mut in_quote) = (0, false, false);
    for (i, c) in value.char_indices() {
        match c {
            '<' if !in_quote => in_target = true,
            '>' if !in_quote => in_target = false,
            '"' if !in_target => in_quote = !in_quote,
            ',' if !in_target && !in_quote => {
                out.push(&value[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&value[start..]);
    out
}

/// A response shape that holds one page of items: a bare list or the `{count, next,
/// previous, results}` envelope (decoded before its facts are read, as `send()` does).
#[doc(hidden)]
pub trait Paged {
    /// The item type.
    type Item;
    /// The items, with what the page says about the rest.
    #[allow(private_interfaces)]
    fn split_page(self) -> (Vec<Self::Item>, Facts);
}

impl<T> Paged for Vec<T> {
    type Item = T;
    #[allow(private_interfaces)]
    fn split_page(self) -> (Vec<T>, Facts) {
        let facts = Facts {
            len: self.len() as u64,
            ..Facts::default()
        };
        (self, facts)
    }
}

impl<T> Paged for Page<T> {
    type Item = T;
    #[allow(private_interfaces)]
    fn split_page(self) -> (Vec<T>, Facts) {
        let facts = Facts {
            len: self.results.len() as u64,
            total: Some(self.count),
            more: Some(self.next.is_some()),
            next: None,
        };
        (self.results, facts)
    }
}

impl<T> Paged for Listing<T> {
    type Item = T;
    #[allow(private_interfaces)]
    fn split_page(self) -> (Vec<T>, Facts) {
        match self {
            Listing::Items(items) => items.split_page(),
            Listing::Page(page) => page.split_page(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const OFFSET: Paging = Paging::offset("limit", "offset", 100);
    const PAGE: Paging = Paging::page("per_page", "page", 50);

    fn facts(len: u64, total: Option<u64>, more: Option<bool>) -> Facts {
        Facts {
            len,
            total,
            more,
            next: None,
        }
    }

    fn next(p: &Paging, at: &Step, size: Option<u64>, seen: u64, f: Facts) -> Option<Step> {
        p.next(at, size, seen, &f).unwrap()
    }

    #[test]
    fn offset_walk_stops_on_count_null_next_or_empty() {
        let (size, at) = OFFSET.start(Some(3), None);
        assert_eq!((size, &at), (Some(3), &Step::Number(0)));
        let at = next(&OFFSET, &at, size, 3, facts(3, Some(7), Some(true))).unwrap();
        assert_eq!(at, Step::Number(3));
        let at = next(&OFFSET, &at, size, 6, facts(3, Some(7), Some(true))).unwrap();
        assert_eq!(at, Step::Number(6));
        let f = facts(1, Some(7), Some(true));
        assert_eq!(next(&OFFSET, &at, size, 7, f), None, "count reached");
        let f = facts(3, Some(70), Some(false));
        assert_eq!(next(&OFFSET, &at, size, 9, f), None, "no next");
        let f = facts(0, None, None);
        assert_eq!(next(&OFFSET, &at, size, 6, f), None, "empty page");
        let f = facts(3, None, None);
        assert!(
            next(&OFFSET, &at, size, 9, f).is_some(),
            "a bare list goes on"
        );
        assert_eq!(
            OFFSET.start(Some(0), Some("20")),
            (Some(100), Step::Number(20))
        );
    }

    #[test]
    fn page_walk_stops_on_a_short_or_empty_page_or_the_total() {
        let (size, at) = PAGE.start(None, None);
        assert_eq!((size, &at), (Some(50), &Step::Number(1)));
        let at = next(&PAGE, &at, size, 50, facts(50, None, None)).unwrap();
        assert_eq!(at, Step::Number(2));
        assert_eq!(next(&PAGE, &at, size, 99, facts(49, None, None)), None);
        assert_eq!(next(&PAGE, &at, size, 50, facts(0, None, None)), None);
        let f = facts(50, Some(100), None);
        assert_eq!(next(&PAGE, &at, size, 100, f), None, "total reached");
        assert_eq!(PAGE.start(Some(0), Some("4")), (Some(50), Step::Number(4)));
    }

    #[test]
    fn cursor_styles_read_their_next_step_from_the_page() {
        let cursor = Paging::cursor("cursor", "meta.next")
            .items("data")
            .total("meta.total");
        let body = json!({"data": [1, 2], "meta": {"next": "c2", "total": 5}});
        let f = cursor.facts(&body, &HeaderMap::new());
        assert_eq!(
            f,
            Facts {
                len: 2,
                total: Some(5),
                more: None,
                next: Some("c2".into())
            }
        );
        assert_eq!(cursor.start(None, None), (None, Step::First));
        let step = cursor.next(&Step::First, None, 2, &f).unwrap();
        assert_eq!(step, Some(Step::Token("c2".into())));
        assert_eq!(
            cursor.next(&Step::First, None, 5, &f).unwrap(),
            None,
            "total"
        );
        let end = cursor.facts(
            &json!({"data": [1], "meta": {"next": null}}),
            &HeaderMap::new(),
        );
        assert_eq!(
            cursor.next(&Step::First, None, 1, &end).unwrap(),
            None,
            "null next"
        );
        let end = cursor.facts(
            &json!({"data": [1], "meta": {"next": ""}}),
            &HeaderMap::new(),
        );
        assert_eq!(end.next, None, "an empty cursor is no cursor");

        let after = Paging::after_last("starting_after", "id")
            .items("data")
            .has_more("has_more");
        let body = json!({"data": [{"id": "a"}, {"id": "b"}], "has_more": true});
        let f = after.facts(&body, &HeaderMap::new());
        assert_eq!(f.next.as_deref(), Some("b"));
        assert_eq!(f.more, Some(true));
        let body = json!({"data": [{"id": 7}], "has_more": false});
        let f = after.facts(&body, &HeaderMap::new());
        assert_eq!(
            after.next(&Step::First, None, 3, &f).unwrap(),
            None,
            "has_more false"
        );
        let body = json!({"data": [{"name": "x"}], "has_more": true});
        let f = after.facts(&body, &HeaderMap::new());
        assert!(after.next(&Step::First, None, 1, &f).is_err(), "no id");
    }

    #[test]
    fn link_headers_name_their_next_target() {
        let mut h = HeaderMap::new();
        h.append(
            reqwest::header::LINK,
            r#"<https://a.test/x?page=1>; rel="prev first", <https://a.test/x?page=3&q=a,b>; rel="next""#
                .parse()
                .unwrap(),
        );
        assert_eq!(
            link_next(&h).as_deref(),
            Some("https://a.test/x?page=3&q=a,b")
        );
        let mut h = HeaderMap::new();
        h.append(
            reqwest::header::LINK,
            "</p2>; rel=next; title=\"a, b\"".parse().unwrap(),
        );
        assert_eq!(link_next(&h).as_deref(), Some("/p2"));
        let mut h = HeaderMap::new();
        h.append(
            reqwest::header::LINK,
            r#"</p0>; rel="prev""#.parse().unwrap(),
        );
        assert_eq!(link_next(&h), None);
        let link = Paging::link_header();
        let f = link.facts(&json!([1, 2]), &h);
        assert_eq!((f.len, f.next), (2, None));
    }

    #[test]
    fn legacy_shapes_report_their_facts() {
        let page = Page {
            count: 9,
            next: None,
            previous: None,
            results: vec![1, 2],
        };
        assert_eq!(
            page.split_page(),
            (vec![1, 2], facts(2, Some(9), Some(false)))
        );
        assert_eq!(
            Listing::Items(vec![1]).split_page(),
            (vec![1], facts(1, None, None))
        );
        let body = json!({"count": 9, "next": "x", "results": [1, 2, 3]});
        assert_eq!(
            OFFSET.facts(&body, &HeaderMap::new()),
            facts(3, Some(9), Some(true))
        );
        assert_eq!(
            OFFSET.facts(&json!([1]), &HeaderMap::new()),
            facts(1, None, None)
        );
    }
}
