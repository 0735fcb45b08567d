//! Lazy streams over paginated list operations (offset/limit and page-number styles).

use std::future::Future;

use futures_core::Stream;

use crate::error::Error;
use crate::types::Page;

/// One fetched page: its items, whether it is the last, and the next cursor.
struct Fetched<T> {
    items: Vec<T>,
    last: bool,
    next: u64,
}

struct WalkState<T, F> {
    fetch: F,
    buffer: std::vec::IntoIter<T>,
    cursor: u64,
    done: bool,
}

/// The walk shared by both styles: hands out buffered items, and fetches the page at
/// `cursor` only when the buffer is empty and the last page has not been seen.
fn walk<'a, T, E, F, Fut>(
    start: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Unpin + 'a
where
    F: FnMut(u64) -> Fut + 'a,
    Fut: Future<Output = Result<Fetched<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    let state = WalkState {
        fetch,
        buffer: Vec::new().into_iter(),
        cursor: start,
        done: false,
    };
    let stream = futures_util::stream::unfold(state, |mut st| async move {
        loop {
            if let Some(item) = st.buffer.next() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            match (st.fetch)(st.cursor).await {
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
                Ok(page) => {
                    st.done = page.last;
                    st.cursor = page.next;
                    st.buffer = page.items.into_iter();
                }
            }
        }
    });
    finish(stream)
}

/// Streams every item of an offset-paginated list.
///
/// `fetch(limit, offset)` loads one [`Page`]. A page is fetched only when
/// the consumer polls past the items already buffered, so at most one page
/// is held in memory. The stream ends after the last page (`offset + len >=
/// count`, `next` is `None`, or the page is empty). An error is yielded
/// once and ends the stream; after its end the stream keeps returning `None`.
pub fn offset_stream<'a, T, E, F, Fut>(
    page_size: u64,
    start_offset: u64,
    mut fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Unpin + 'a
where
    F: FnMut(u64, u64) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    walk(start_offset, move |offset| {
        let page = fetch(page_size, offset);
        async move {
            let page = page.await?;
            let len = page.results.len() as u64;
            let end = offset.saturating_add(len);
            Ok(Fetched {
                last: len == 0 || end >= page.count || page.next.is_none(),
                next: end,
                items: page.results,
            })
        }
    })
}

/// Streams every item of a page-number-paginated list.
///
/// `fetch(per_page, page)` loads one page, starting at `first_page`. The
/// stream ends after a short or empty page (a `per_page` of 0 counts as 1); it is lazy like
/// [`offset_stream`], and an error is yielded once and ends it.
pub fn page_stream<'a, T, E, F, Fut>(
    per_page: u64,
    first_page: u64,
    mut fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Unpin + 'a
where
    F: FnMut(u64, u64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    // A page size of 0 would make every page "full" and never end the walk.
    let per_page = per_page.max(1);
    walk(first_page, move |page| {
        let items = fetch(per_page, page);
        async move {
            let items = items.await?;
            let len = items.len() as u64;
            Ok(Fetched {
                last: len == 0 || len < per_page,
                next: page.saturating_add(1),
                items,
            })
        }
    })
}

/// Pins the stream (so callers can use `.next().await` without pinning it themselves)
/// and fuses it (polling again after the end keeps returning `None`).
fn finish<'a, S: Stream + 'a>(stream: S) -> impl Stream<Item = S::Item> + Unpin + 'a {
    Box::pin(futures_util::StreamExt::fuse(stream))
}
