//! [`Upload`]: what a raw body or a file part sends, bytes in memory or a stream read while
//! the request is sent. A stream can be sent once: a request carrying one is not retried,
//! and a second send fails with `Error::InvalidRequest` instead of sending nothing.

use std::fmt;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use futures_core::Stream;
use futures_util::{StreamExt, TryStreamExt};

use crate::error::BoxError;

/// The chunks of a streamed upload.
pub(crate) type Chunks = Pin<Box<dyn Stream<Item = Result<Bytes, BoxError>> + Send>>;

/// A request body (or a file part's contents): bytes, or a stream of chunks.
///
/// ```
/// # use client_runtime::Upload;
/// let inline = Upload::from(vec![1u8, 2, 3]);
/// assert_eq!(inline.bytes().map(|b| b.len()), Some(3));
/// let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from("a"))]);
/// let streamed = Upload::stream(chunks);
/// assert!(streamed.bytes().is_none());
/// ```
#[derive(Clone)]
pub struct Upload(Inner);

#[derive(Clone)]
enum Inner {
    Bytes(Bytes),
    /// Taken by the first send; clones of the request share it.
    Stream(Arc<Mutex<Option<Chunks>>>),
}

impl Upload {
    /// An upload read from `chunks` while the request is sent, never held whole in memory
    /// (a file read with `tokio_util::io::ReaderStream`, a response being relayed). It is
    /// sent once: the request is not retried, and sending it again is an error.
    pub fn stream<S, E>(chunks: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        let chunks: Chunks = Box::pin(chunks.map_err(Into::into));
        Upload(Inner::Stream(Arc::new(Mutex::new(Some(chunks)))))
    }

    /// The bytes, when they are in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.0 {
            Inner::Bytes(b) => Some(b),
            Inner::Stream(_) => None,
        }
    }

    /// Whether this is a stream (sent once, never retried).
    pub fn is_stream(&self) -> bool {
        matches!(self.0, Inner::Stream(_))
    }

    /// The stream's chunks, taken by the one send; `None` when sent already (or bytes).
    pub(crate) fn take(&self) -> Option<Chunks> {
        match &self.0 {
            Inner::Bytes(_) => None,
            Inner::Stream(s) => s.lock().unwrap_or_else(|e| e.into_inner()).take(),
        }
    }
}

/// The same bytes, or the same stream (a clone of it).
impl PartialEq for Upload {
    fn eq(&self, other: &Upload) -> bool {
        match (&self.0, &other.0) {
            (Inner::Bytes(a), Inner::Bytes(b)) => a == b,
            (Inner::Stream(a), Inner::Stream(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl Eq for Upload {}

impl Default for Upload {
    fn default() -> Self {
        Upload(Inner::Bytes(Bytes::new()))
    }
}

impl From<Bytes> for Upload {
    fn from(b: Bytes) -> Self {
        Upload(Inner::Bytes(b))
    }
}

impl From<Vec<u8>> for Upload {
    fn from(b: Vec<u8>) -> Self {
        Upload(Inner::Bytes(b.into()))
    }
}

impl From<&'static [u8]> for Upload {
    fn from(b: &'static [u8]) -> Self {
        Upload(Inner::Bytes(b.into()))
    }
}

impl From<String> for Upload {
    fn from(s: String) -> Self {
        Upload(Inner::Bytes(s.into()))
    }
}

impl From<&'static str> for Upload {
    fn from(s: &'static str) -> Self {
        Upload(Inner::Bytes(s.into()))
    }
}

/// Shows the size of bytes, or that it is a stream; never the contents.
impl fmt::Debug for Upload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Inner::Bytes(b) => write!(f, "Upload({} bytes)", b.len()),
            Inner::Stream(_) => f.write_str("Upload(stream)"),
        }
    }
}

/// A body made of pieces in memory and streams, in order (a multipart body with a
/// streamed file part).
pub(crate) enum Piece {
    Bytes(Bytes),
    Stream(Upload),
}

/// The chunks of `pieces`, taking each stream; `None` when a stream was sent already.
pub(crate) fn chain(pieces: &[Piece]) -> Option<Chunks> {
    let mut parts: Vec<Chunks> = Vec::with_capacity(pieces.len());
    for p in pieces {
        parts.push(match p {
            Piece::Bytes(b) => {
                let b = b.clone();
                Box::pin(futures_util::stream::once(async move { Ok(b) }))
            }
            Piece::Stream(u) => u.take()?,
        });
    }
    Some(Box::pin(futures_util::stream::iter(parts).flatten()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunks(parts: &[&'static str]) -> Upload {
        let items: Vec<Result<Bytes, std::io::Error>> =
            parts.iter().map(|p| Ok(Bytes::from(*p))).collect();
        Upload::stream(futures_util::stream::iter(items))
    }

    async fn collect(mut c: Chunks) -> Vec<u8> {
        let mut out = Vec::new();
        while let Some(chunk) = c.next().await {
            out.extend_from_slice(&chunk.unwrap());
        }
        out
    }

    #[tokio::test]
    async fn a_stream_is_taken_once_by_any_clone() {
        let u = chunks(&["ab", "cd"]);
        let clone = u.clone();
        assert!(u.is_stream() && u == clone && u != chunks(&["ab", "cd"]));
        let pieces = [
            Piece::Bytes(Bytes::from("[")),
            Piece::Stream(clone),
            Piece::Bytes(Bytes::from("]")),
        ];
        assert_eq!(collect(chain(&pieces).unwrap()).await, b"[abcd]");
        assert!(chain(&pieces).is_none(), "sent already");
        assert!(u.take().is_none());
        assert_eq!(format!("{u:?}"), "Upload(stream)");
        let b = Upload::from("xyz");
        assert_eq!(format!("{b:?}"), "Upload(3 bytes)");
        assert!(!b.is_stream() && b.take().is_none());
    }
}
