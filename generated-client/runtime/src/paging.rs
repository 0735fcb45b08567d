//! How an operation is walked page by page: the paging styles and the pure rule that says,
//! after each page, whether and where to continue. The lazy stream over it is `stream.rs`.

use crate::types::{Listing, Page};

/// A paging style with the query parameters it drives.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Paging {
    /// limit/offset over a `{count, next, previous, results}` envelope (or a bare list):
    /// ends when `next` is null, `count` is reached, or a page is empty.
    Offset {
        /// The page-size parameter.
        size: &'static str,
        /// The offset parameter.
        position: &'static str,
        /// The page size when the caller sets none.
        default_size: u64,
    },
    /// page/per_page numbers over a bare list: ends on a short or empty page.
    Page {
        /// The page-size parameter.
        size: &'static str,
        /// The page-number parameter.
        position: &'static str,
        /// The page size when the caller sets none.
        default_size: u64,
    },
}

/// Where the walk is: the page size and position sent with the next request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub(crate) size: u64,
    pub(crate) position: u64,
}

/// What a fetched page says about the rest of the list.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageFacts {
    /// Items on the page.
    pub(crate) len: u64,
    /// The total the server reports, if any.
    pub(crate) count: Option<u64>,
    /// Whether the server says there is a next page (`None`: it does not say).
    pub(crate) has_next: Option<bool>,
}

impl Paging {
    /// The parameters the walk sets on every request.
    pub(crate) fn params(&self) -> (&'static str, &'static str) {
        match self {
            Paging::Offset { size, position, .. } | Paging::Page { size, position, .. } => {
                (size, position)
            }
        }
    }

    /// The first cursor, from the values the caller set on the builder (`None`: unset).
    pub(crate) fn start(&self, size: Option<u64>, position: Option<u64>) -> Cursor {
        match self {
            Paging::Offset { default_size, .. } => Cursor {
                size: size.filter(|s| *s > 0).unwrap_or(*default_size),
                position: position.unwrap_or(0),
            },
            Paging::Page { default_size, .. } => Cursor {
                // A page size of 0 would make every page "full" and never end the walk.
                size: size.filter(|s| *s > 0).unwrap_or(*default_size).max(1),
                position: position.unwrap_or(1),
            },
        }
    }

    /// The cursor of the next page, or `None` when `page` was the last.
    pub(crate) fn next(&self, at: Cursor, page: PageFacts) -> Option<Cursor> {
        match self {
            Paging::Offset { .. } => {
                let end = at.position.saturating_add(page.len);
                let last = page.len == 0
                    || page.count.is_some_and(|c| end >= c)
                    || page.has_next == Some(false);
                (!last).then_some(Cursor {
                    size: at.size,
                    position: end,
                })
            }
            Paging::Page { .. } => {
                let last = page.len == 0 || page.len < at.size;
                (!last).then_some(Cursor {
                    size: at.size,
                    position: at.position.saturating_add(1),
                })
            }
        }
    }
}

/// A response shape that holds one page of items.
#[doc(hidden)]
pub trait Paged {
    /// The item type.
    type Item;
    /// The items, with what the page says about the rest.
    fn split_page(self) -> (Vec<Self::Item>, PageFacts);
}

impl<T> Paged for Vec<T> {
    type Item = T;
    fn split_page(self) -> (Vec<T>, PageFacts) {
        let facts = PageFacts {
            len: self.len() as u64,
            count: None,
            has_next: None,
        };
        (self, facts)
    }
}

impl<T> Paged for Page<T> {
    type Item = T;
    fn split_page(self) -> (Vec<T>, PageFacts) {
        let facts = PageFacts {
            len: self.results.len() as u64,
            count: Some(self.count),
            has_next: Some(self.next.is_some()),
        };
        (self.results, facts)
    }
}

impl<T> Paged for Listing<T> {
    type Item = T;
    fn split_page(self) -> (Vec<T>, PageFacts) {
        match self {
            Listing::Items(items) => items.split_page(),
            Listing::Page(page) => page.split_page(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OFFSET: Paging = Paging::Offset {
        size: "limit",
        position: "offset",
        default_size: 100,
    };
    const PAGE: Paging = Paging::Page {
        size: "per_page",
        position: "page",
        default_size: 50,
    };

    fn facts(len: u64, count: Option<u64>, has_next: Option<bool>) -> PageFacts {
        PageFacts {
            len,
            count,
            has_next,
        }
    }

    #[test]
    fn offset_walk_stops_on_count_null_next_or_empty() {
        let at = OFFSET.start(Some(3), None);
        assert_eq!(
            at,
            Cursor {
                size: 3,
                position: 0
            }
        );
        let at = OFFSET.next(at, facts(3, Some(7), Some(true))).unwrap();
        assert_eq!(at.position, 3);
        let at = OFFSET.next(at, facts(3, Some(7), Some(true))).unwrap();
        assert_eq!(at.position, 6);
        assert_eq!(
            OFFSET.next(at, facts(1, Some(7), Some(true))),
            None,
            "count reached"
        );
        assert_eq!(
            OFFSET.next(at, facts(3, Some(70), Some(false))),
            None,
            "no next"
        );
        assert_eq!(OFFSET.next(at, facts(0, None, None)), None, "empty page");
        assert!(
            OFFSET.next(at, facts(3, None, None)).is_some(),
            "a bare list goes on"
        );
        assert_eq!(
            OFFSET.start(Some(0), Some(20)),
            Cursor {
                size: 100,
                position: 20
            }
        );
    }

    #[test]
    fn page_walk_stops_on_a_short_or_empty_page() {
        let at = PAGE.start(None, None);
        assert_eq!(
            at,
            Cursor {
                size: 50,
                position: 1
            }
        );
        let at = PAGE.next(at, facts(50, None, None)).unwrap();
        assert_eq!(at.position, 2);
        assert_eq!(PAGE.next(at, facts(49, None, None)), None);
        assert_eq!(PAGE.next(at, facts(0, None, None)), None);
        assert_eq!(
            PAGE.start(Some(0), Some(4)),
            Cursor {
                size: 50,
                position: 4
            }
        );
    }

    #[test]
    fn shapes_report_their_facts() {
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
    }
}
