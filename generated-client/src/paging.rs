//! Lazy streams over paginated list operations (offset/limit and page-number styles).

use std::future::Future;

use futures_core::Stream;

use crate::error::Error;
use crate::types::Page;

struct OffsetState<T, F> {
    fetch: F,
    buffer: std::vec::IntoIter<T>,
    offset: u64,
    done: bool,
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
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Unpin + 'a
where
    F: FnMut(u64, u64) -> Fut + 'a,
    Fut: Future<Output = Result<Page<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    let state = OffsetState {
        fetch,
        buffer: Vec::new().into_iter(),
        offset: start_offset,
        done: false,
    };
    let stream = futures_util::stream::unfold(state, move |mut st| async move {
        loop {
            if let Some(item) = st.buffer.next() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            match (st.fetch)(page_size, st.offset).await {
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
                Ok(page) => {
                    let len = page.results.len() as u64;
                    let end = st.offset.saturating_add(len);
                    st.done = len == 0 || end >= page.count || page.next.is_none();
                    st.offset = end;
                    st.buffer = page.results.into_iter();
                }
            }
        }
    });
    finish(stream)
}

struct PageState<T, F> {
    fetch: F,
    buffer: std::vec::IntoIter<T>,
    page: u64,
    done: bool,
}

/// Streams every item of a page-number-paginated list.
///
/// `fetch(per_page, page)` loads one page, starting at `first_page`. The
/// stream ends after a short or empty page; it is lazy like
/// [`offset_stream`], and an error is yielded once and ends it.
pub fn page_stream<'a, T, E, F, Fut>(
    per_page: u64,
    first_page: u64,
    fetch: F,
) -> impl Stream<Item = Result<T, Error<E>>> + Unpin + 'a
where
    F: FnMut(u64, u64) -> Fut + 'a,
    Fut: Future<Output = Result<Vec<T>, Error<E>>> + 'a,
    T: 'a,
    E: 'a,
{
    let state = PageState {
        fetch,
        buffer: Vec::new().into_iter(),
        page: first_page,
        done: false,
    };
    let stream = futures_util::stream::unfold(state, move |mut st| async move {
        loop {
            if let Some(item) = st.buffer.next() {
                return Some((Ok(item), st));
            }
            if st.done {
                return None;
            }
            match (st.fetch)(per_page, st.page).await {
                Err(e) => {
                    st.done = true;
                    return Some((Err(e), st));
                }
                Ok(items) => {
                    let len = items.len() as u64;
                    st.done = len == 0 || len < per_page;
                    st.page = st.page.saturating_add(1);
                    st.buffer = items.into_iter();
                }
            }
        }
    });
    finish(stream)
}

/// Pins the stream (so callers can use `.next().await` without pinning it themselves)
/// and fuses it (polling again after the end keeps returning `None`).
fn finish<'a, S: Stream + 'a>(stream: S) -> impl Stream<Item = S::Item> + Unpin + 'a {
    Box::pin(futures_util::StreamExt::fuse(stream))
}
