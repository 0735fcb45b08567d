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
    /// Taken by the first send; clones of the request share it. With a length, the
    /// request says `Content-Length` (some servers refuse a chunked upload) and the stream
    /// must give exactly that many bytes.
    Stream(Arc<Mutex<Option<Chunks>>>, Option<u64>),
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
        Upload(Inner::Stream(shared(chunks), None))
    }

    /// A stream of exactly `length` bytes, sent with `Content-Length: <length>` instead of
    /// chunked, as presigned object URLs and some upload endpoints require. A stream that
    /// gives more or fewer bytes fails the send (`Error::Transport`) rather than sending a
    /// body that disagrees with its length.
    ///
    /// ```
    /// # use client_runtime::Upload;
    /// let chunks = futures_util::stream::iter([Ok::<_, std::io::Error>(bytes::Bytes::from("abc"))]);
    /// assert_eq!(Upload::stream_with_length(3, chunks).len(), Some(3));
    /// ```
    pub fn stream_with_length<S, E>(length: u64, chunks: S) -> Self
    where
        S: Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<BoxError> + 'static,
    {
        Upload(Inner::Stream(shared(chunks), Some(length)))
    }

    /// The size in bytes, when known: bytes in memory, or a stream made with
    /// [`Upload::stream_with_length`].
    pub fn len(&self) -> Option<u64> {
        match &self.0 {
            Inner::Bytes(b) => Some(b.len() as u64),
            Inner::Stream(_, length) => *length,
        }
    }

    /// Whether it is known to be empty (no bytes in memory, or a stream of length 0).
    pub fn is_empty(&self) -> bool {
        self.len() == Some(0)
    }

    /// The bytes, when they are in memory.
    pub fn bytes(&self) -> Option<&Bytes> {
        match &self.0 {
            Inner::Bytes(b) => Some(b),
            Inner::Stream(..) => None,
        }
    }

    /// Whether this is a stream (sent once, never retried).
    pub fn is_stream(&self) -> bool {
        matches!(self.0, Inner::Stream(..))
    }

    /// The stream's chunks, taken by the one send; `None` when sent already (or bytes).
    pub(crate) fn take(&self) -> Option<Chunks> {
        match &self.0 {
            Inner::Bytes(_) => None,
            Inner::Stream(s, length) => {
                let chunks = s.lock().unwrap_or_else(|e| e.into_inner()).take()?;
                Some(match length {
                    Some(length) => exactly(*length, chunks),
                    None => chunks,
                })
            }
        }
    }
}

/// The same bytes, or the same stream (a clone of it).
impl PartialEq for Upload {
    fn eq(&self, other: &Upload) -> bool {
        match (&self.0, &other.0) {
            (Inner::Bytes(a), Inner::Bytes(b)) => a == b,
            (Inner::Stream(a, _), Inner::Stream(b, _)) => Arc::ptr_eq(a, b),
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
            Inner::Stream(_, None) => f.write_str("Upload(stream)"),
            Inner::Stream(_, Some(n)) => write!(f, "Upload(stream of {n} bytes)"),
        }
    }
}

/// `chunks` boxed, for the one send to take.
fn shared<S, E>(chunks: S) -> Arc<Mutex<Option<Chunks>>>
where
    S: Stream<Item = Result<Bytes, E>> + Send + 'static,
    E: Into<BoxError> + 'static,
{
    let chunks: Chunks = Box::pin(chunks.map_err(Into::into));
    Arc::new(Mutex::new(Some(chunks)))
}

/// `chunks`, failing when they give more or fewer than `length` bytes.
fn exactly(length: u64, chunks: Chunks) -> Chunks {
    let counted = futures_util::stream::unfold(
        (chunks, 0u64, false),
        move |(mut chunks, seen, done)| async move {
            if done {
                return None;
            }
            match chunks.next().await {
                Some(Ok(chunk)) => {
                    let seen = seen + chunk.len() as u64;
                    if seen > length {
                        let e = format!(
                            "the upload stream gave more than the {length} bytes it was made with"
                        );
                        return Some((Err(e.into()), (chunks, seen, true)));
                    }
                    Some((Ok(chunk), (chunks, seen, false)))
                }
                Some(Err(e)) => Some((Err(e), (chunks, seen, true))),
                None if seen < length => {
                    let e = format!(
                        "the upload stream ended after {seen} of the {length} bytes it was made with"
                    );
                    Some((Err(e.into()), (chunks, seen, true)))
                }
                None => None,
            }
        },
    );
    Box::pin(counted)
}

/// The size of `pieces` in bytes, when every stream among them has a length.
pub(crate) fn length(pieces: &[Piece]) -> Option<u64> {
    pieces.iter().try_fold(0u64, |total, p| {
        let n = match p {
            Piece::Bytes(b) => b.len() as u64,
            Piece::Stream(u) => u.len()?,
        };
        Some(total + n)
    })
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

    fn sized(length: u64, parts: &[&'static str]) -> Upload {
        let items: Vec<Result<Bytes, std::io::Error>> =
            parts.iter().map(|p| Ok(Bytes::from(*p))).collect();
        Upload::stream_with_length(length, futures_util::stream::iter(items))
    }

    async fn outcome(u: Upload) -> Result<Vec<u8>, String> {
        let mut c = u.take().unwrap();
        let mut out = Vec::new();
        while let Some(chunk) = c.next().await {
            out.extend_from_slice(&chunk.map_err(|e| e.to_string())?);
        }
        Ok(out)
    }

    #[tokio::test]
    async fn a_sized_stream_gives_exactly_its_length() {
        assert_eq!(outcome(sized(4, &["ab", "cd"])).await.unwrap(), b"abcd");
        let short = outcome(sized(5, &["ab", "cd"])).await.unwrap_err();
        assert_eq!(
            short,
            "the upload stream ended after 4 of the 5 bytes it was made with"
        );
        let long = outcome(sized(3, &["ab", "cd"])).await.unwrap_err();
        assert_eq!(
            long,
            "the upload stream gave more than the 3 bytes it was made with"
        );
        assert_eq!(format!("{:?}", sized(4, &[])), "Upload(stream of 4 bytes)");
    }

    #[test]
    fn pieces_have_a_length_when_every_stream_has_one() {
        let with = [
            Piece::Bytes(Bytes::from("[")),
            Piece::Stream(sized(4, &["ab", "cd"])),
            Piece::Bytes(Bytes::from("]")),
        ];
        assert_eq!(length(&with), Some(6));
        let without = [
            Piece::Bytes(Bytes::from("[")),
            Piece::Stream(chunks(&["ab"])),
        ];
        assert_eq!(length(&without), None);
        assert_eq!(Upload::from("xyz").len(), Some(3));
        assert!(Upload::default().is_empty() && !chunks(&[]).is_empty());
    }
}
