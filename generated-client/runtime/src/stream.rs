//! Lazy streams over paginated operations: the next page is fetched only when the consumer
//! asks for more, with the builder's parameters on every page and one page in memory.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::paging::{Cursor, Paged};
use crate::request::Request;
use crate::transport::{FromResponse, Transport};

/// Every item of a paginated list, fetched page by page as the stream is polled.
///
/// An error is yielded once and ends the stream; after its end it keeps returning `None`.
#[must_use = "a stream does nothing until polled"]
pub struct Items<T, E> {
    inner: Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>,
}

impl<T, E> std::fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

struct Walk<P: Paged> {
    transport: Transport,
    request: Request<P>,
    cursor: Option<Cursor>,
    buffer: std::vec::IntoIter<P::Item>,
}

/// Walks the pages of `request` (which carries its paging style); a request that could not
/// be built is yielded as the stream's one error.
#[doc(hidden)]
pub fn items<P, E>(
    transport: &Transport,
    request: Result<Request<P>, Error<E>>,
) -> Items<P::Item, E>
where
    P: Paged + FromResponse + Send + 'static,
    P::Item: Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let request = match request {
        Ok(request) => request,
        Err(e) => {
            return Items {
                inner: Box::pin(futures_util::stream::iter([Err(e)])),
            }
        }
    };
    let cursor = request.paging_config().map(|paging| {
        let (size, position) = paging.params();
        let read = |name: &str| {
            request
                .query_pairs()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.parse::<u64>().ok())
        };
        paging.start(read(size), read(position))
    });
    let walk = Walk {
        transport: transport.clone(),
        request,
        cursor,
        buffer: Vec::new().into_iter(),
    };
    let stream = futures_util::stream::unfold(walk, |mut w| async move {
        loop {
            if let Some(item) = w.buffer.next() {
                return Some((Ok(item), w));
            }
            let at = w.cursor.take()?;
            let paging = w.request.paging_config()?.clone();
            let (size, position) = paging.params();
            let mut page = w.request.clone();
            page.set_query(size, at.size.to_string());
            page.set_query(position, at.position.to_string());
            match w.transport.send::<P, E>(page).await {
                // The cursor was taken: the stream ends after the error.
                Err(e) => return Some((Err(e), w)),
                Ok(body) => {
                    let (items, facts) = body.split_page();
                    w.cursor = paging.next(at, facts);
                    w.buffer = items.into_iter();
                }
            }
        }
    });
    Items {
        inner: Box::pin(futures_util::StreamExt::fuse(stream)),
    }
}
