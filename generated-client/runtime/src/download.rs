//! Binary answers read as a stream: [`ByteStream`] hands the body over chunk by chunk as it
//! arrives, so a large download never sits whole in memory.

use std::fmt;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use futures_core::Stream;
use reqwest::header::{HeaderMap, CONTENT_LENGTH, CONTENT_TYPE};

use crate::error::Error;
use crate::exec::Raw;

type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, Error>> + Send>>;

/// A success answer whose body is read as a stream of chunks (`send_stream()` on a
/// builder of a `bytes` operation). Retries, credentials and error statuses are handled
/// before it is returned, as for `send()`; the request's timeout covers the answer's head,
/// and reading the body is up to the caller.
///
/// It is a [`Stream`] of `Result<Bytes, Error>`; [`ByteStream::next_chunk`] reads without
/// a stream combinator crate.
pub struct ByteStream {
    status: u16,
    headers: HeaderMap,
    chunks: Chunks,
}

impl fmt::Debug for ByteStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream")
            .field("status", &self.status)
            .field("content_type", &self.content_type())
            .field("content_length", &self.content_length())
            .finish_non_exhaustive()
    }
}

impl ByteStream {
    /// The stream of a success answer of `operation`.
    pub(crate) fn new(operation: &'static str, raw: Raw) -> Self {
        let Raw {
            status,
            headers,
            body,
            stream,
        } = raw;
        let chunks: Chunks = match stream {
            Some(response) => Box::pin(futures_util::stream::unfold(
                Some(response),
                move |response| async move {
                    let mut response = response?;
                    match response.chunk().await {
                        Ok(Some(chunk)) => Some((Ok(chunk), Some(response))),
                        Ok(None) => None,
                        Err(e) => Some((
                            Err(Error::Transport {
                                operation,
                                source: Box::new(e.without_url()),
                            }),
                            None,
                        )),
                    }
                },
            )),
            // An answer read already (a mock's): one chunk, or none for an empty body.
            None => Box::pin(futures_util::stream::iter(
                (!body.is_empty()).then_some(Ok(body)),
            )),
        };
        ByteStream {
            status,
            headers,
            chunks,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The answer's headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.headers.get(CONTENT_TYPE)?.to_str().ok()
    }

    /// The `Content-Length` header, if the server sent one.
    pub fn content_length(&self) -> Option<u64> {
        self.headers
            .get(CONTENT_LENGTH)?
            .to_str()
            .ok()?
            .parse()
            .ok()
    }

    /// The next chunk of the body, or `None` at its end.
    pub async fn next_chunk(&mut self) -> Option<Result<Bytes, Error>> {
        std::future::poll_fn(|cx| self.chunks.as_mut().poll_next(cx)).await
    }
}

impl Stream for ByteStream {
    type Item = Result<Bytes, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: &'static [u8]) -> Raw {
        let mut headers = HeaderMap::new();
        headers.insert(CONTENT_TYPE, "text/csv".parse().unwrap());
        Raw {
            status: 200,
            headers,
            body: Bytes::from_static(body),
            stream: None,
        }
    }

    #[tokio::test]
    async fn an_answer_read_already_is_one_chunk_or_none() {
        let mut s = ByteStream::new("export", raw(b"a,b\n1,2\n"));
        assert_eq!(s.content_type(), Some("text/csv"));
        assert_eq!(s.next_chunk().await.unwrap().unwrap(), "a,b\n1,2\n");
        assert!(s.next_chunk().await.is_none());
        let mut empty = ByteStream::new("export", raw(b""));
        assert!(empty.next_chunk().await.is_none());
    }
}
