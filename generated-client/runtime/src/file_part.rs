//! [`FilePart`]: a file sent as one part of a `multipart/form-data` body (the spec's
//! `file` type), with its file name and content type. While a multipart body is encoded,
//! each file part is set aside and leaves a placeholder in the body's JSON value, which
//! the encoder turns back into the part.

use std::cell::RefCell;
use std::fmt;

use base64::Engine as _;
use bytes::Bytes;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::upload::Upload;

/// The media type of a file part that names none.
pub const DEFAULT_FILE_CONTENT_TYPE: &str = "application/octet-stream";

/// The member of the placeholder object a collected file part leaves in the JSON value.
const PLACEHOLDER: &str = "\u{0}file_part";

/// A file uploaded as one part of a `multipart/form-data` body: its bytes, the file name
/// the server is told (`filename=`), and its content type (`application/octet-stream`
/// unless set).
///
/// ```
/// # use client_runtime::FilePart;
/// let logo = FilePart::new(vec![0x89, b'P', b'N', b'G'])
///     .with_file_name("logo.png")
///     .with_content_type("image/png");
/// assert_eq!(logo.file_name(), Some("logo.png"));
/// assert_eq!(logo.content_type(), "image/png");
/// ```
///
/// Its contents can also be a stream, read while the request is sent
/// ([`FilePart::stream`]); such a request is sent once, never retried.
///
/// As JSON (a spec example, a mock's body), a file part is its text (`"hello"`) or an
/// object: `{"content": "hello", "file_name": "a.txt", "content_type": "text/plain"}`, with
/// `content_base64` in place of `content` for bytes that are not UTF-8 (a streamed part is
/// written as `{"stream": true, ..}`, which does not read back).
#[derive(Clone, PartialEq, Eq)]
pub struct FilePart {
    data: Upload,
    file_name: Option<String>,
    content_type: Option<String>,
}

impl FilePart {
    /// A file part with these contents (bytes, or an [`Upload::stream`]), no file name and
    /// the default content type.
    pub fn new(data: impl Into<Upload>) -> Self {
        FilePart {
            data: data.into(),
            file_name: None,
            content_type: None,
        }
    }

    /// A file part whose contents are read from `chunks` while the request is sent.
    pub fn stream<S, E>(chunks: S) -> Self
    where
        S: futures_core::Stream<Item = Result<Bytes, E>> + Send + 'static,
        E: Into<crate::BoxError> + 'static,
    {
        FilePart::new(Upload::stream(chunks))
    }

    /// Sets the file name sent with the part (`filename="..."`).
    pub fn with_file_name(mut self, file_name: impl Into<String>) -> Self {
        self.file_name = Some(file_name.into());
        self
    }

    /// Sets the part's content type (e.g. `image/png`).
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The bytes sent, when they are in memory (not a stream).
    pub fn bytes(&self) -> Option<&Bytes> {
        self.data.bytes()
    }

    /// The contents: bytes or a stream.
    pub fn upload(&self) -> &Upload {
        &self.data
    }

    /// The file name sent, if any.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The content type sent: the one set, or `application/octet-stream`.
    pub fn content_type(&self) -> &str {
        self.content_type
            .as_deref()
            .unwrap_or(DEFAULT_FILE_CONTENT_TYPE)
    }
}

impl From<Upload> for FilePart {
    fn from(data: Upload) -> Self {
        FilePart::new(data)
    }
}

impl From<Bytes> for FilePart {
    fn from(bytes: Bytes) -> Self {
        FilePart::new(bytes)
    }
}

impl From<Vec<u8>> for FilePart {
    fn from(bytes: Vec<u8>) -> Self {
        FilePart::new(bytes)
    }
}

impl From<&'static [u8]> for FilePart {
    fn from(bytes: &'static [u8]) -> Self {
        FilePart::new(bytes)
    }
}

impl From<String> for FilePart {
    fn from(text: String) -> Self {
        FilePart::new(text)
    }
}

impl From<&'static str> for FilePart {
    fn from(text: &'static str) -> Self {
        FilePart::new(text)
    }
}

/// Shows the file name, content type and size, not the bytes.
impl fmt::Debug for FilePart {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FilePart")
            .field("file_name", &self.file_name)
            .field("content_type", &self.content_type())
            .field("data", &self.data)
            .finish()
    }
}

thread_local! {
    static COLLECTED: RefCell<Option<Vec<FilePart>>> = const { RefCell::new(None) };
}

/// Runs `encode` and returns its result with every [`FilePart`] it serialized, in order;
/// each left `{"\0file_part": index}` in its place.
pub(crate) fn collecting<R>(encode: impl FnOnce() -> R) -> (R, Vec<FilePart>) {
    let outer = COLLECTED.with(|c| c.borrow_mut().replace(Vec::new()));
    let result = encode();
    let parts = COLLECTED.with(|c| std::mem::replace(&mut *c.borrow_mut(), outer));
    (result, parts.unwrap_or_default())
}

/// The index of the file part a placeholder stands for, if `v` is one.
pub(crate) fn placeholder(v: &Value) -> Option<usize> {
    match v {
        Value::Object(m) if m.len() == 1 => m
            .get(PLACEHOLDER)
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok()),
        _ => None,
    }
}

impl Serialize for FilePart {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let index = COLLECTED.with(|c| {
            c.borrow_mut().as_mut().map(|parts| {
                parts.push(self.clone());
                parts.len() - 1
            })
        });
        let mut map = s.serialize_map(None)?;
        if let Some(index) = index {
            map.serialize_entry(PLACEHOLDER, &index)?;
            return map.end();
        }
        match self.data.bytes().map(|b| (b, std::str::from_utf8(b))) {
            Some((_, Ok(text))) => map.serialize_entry("content", text)?,
            Some((bytes, Err(_))) => map.serialize_entry(
                "content_base64",
                &base64::engine::general_purpose::STANDARD.encode(bytes),
            )?,
            None => map.serialize_entry("stream", &true)?,
        }
        if let Some(name) = &self.file_name {
            map.serialize_entry("file_name", name)?;
        }
        if let Some(ct) = &self.content_type {
            map.serialize_entry("content_type", ct)?;
        }
        map.end()
    }
}

/// The JSON object form of a file part.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Described {
    content: Option<String>,
    content_base64: Option<String>,
    file_name: Option<String>,
    content_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Given {
    Text(String),
    Described(Described),
}

impl<'de> Deserialize<'de> for FilePart {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let described = match Given::deserialize(d)? {
            Given::Text(text) => return Ok(FilePart::new(text)),
            Given::Described(x) => x,
        };
        let bytes = match (described.content, described.content_base64) {
            (Some(text), None) => Bytes::from(text),
            (None, Some(b64)) => base64::engine::general_purpose::STANDARD
                .decode(b64)
                .map(Bytes::from)
                .map_err(|e| D::Error::custom(format!("`content_base64`: {e}")))?,
            _ => {
                return Err(D::Error::custom(
                    "a file part has one of `content` (text) or `content_base64`",
                ))
            }
        };
        Ok(FilePart {
            data: bytes.into(),
            file_name: described.file_name,
            content_type: described.content_type,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_forms_round_trip() {
        let text: FilePart = serde_json::from_value(json!("hello")).unwrap();
        assert_eq!(text.bytes().unwrap().as_ref(), b"hello");
        assert_eq!(text.content_type(), DEFAULT_FILE_CONTENT_TYPE);
        let described: FilePart = serde_json::from_value(
            json!({"content_base64": "iVBO", "file_name": "a.png", "content_type": "image/png"}),
        )
        .unwrap();
        assert_eq!(described.bytes().unwrap().as_ref(), &[0x89, b'P', b'N'][..]);
        assert_eq!(
            serde_json::to_value(&described).unwrap(),
            json!({"content_base64": "iVBO", "file_name": "a.png", "content_type": "image/png"})
        );
        let back: FilePart =
            serde_json::from_value(serde_json::to_value(&described).unwrap()).unwrap();
        assert_eq!(back, described);
        assert!(serde_json::from_value::<FilePart>(json!({"file_name": "x"})).is_err());
        assert!(serde_json::from_value::<FilePart>(json!({"content": "a", "size": 1})).is_err());
    }

    #[test]
    fn collecting_leaves_placeholders_in_order() {
        let body = json!({"a": 1});
        let parts = [FilePart::new("one"), FilePart::new("two")];
        let ((v, b), collected) = collecting(|| {
            (
                serde_json::to_value(&parts).unwrap(),
                serde_json::to_value(&body).unwrap(),
            )
        });
        assert_eq!(collected, parts);
        assert_eq!(placeholder(&v[0]), Some(0));
        assert_eq!(placeholder(&v[1]), Some(1));
        assert_eq!(placeholder(&b), None);
        // Outside `collecting`, the JSON form.
        assert_eq!(
            serde_json::to_value(&parts[0]).unwrap(),
            json!({"content": "one"})
        );
    }

    #[test]
    fn debug_shows_no_bytes() {
        let p = FilePart::new("secret contents").with_file_name("a.txt");
        let shown = format!("{p:?}");
        assert!(
            shown.contains("a.txt") && shown.contains("15 bytes"),
            "{shown}"
        );
        assert!(!shown.contains("secret"), "{shown}");
    }
}
