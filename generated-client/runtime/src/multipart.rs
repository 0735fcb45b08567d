//! `multipart/form-data` bodies (RFC 7578): a body's members become parts, named by their
//! bracketed keys as in a form body (`tags[]`, `meta[plan]`); text members are text parts
//! and [`FilePart`] members file parts with their file name and content type. A streamed
//! file part makes the body a chain of pieces read while it is sent. Also reads such a body
//! back into its parts, for tests and mocks.

use bytes::{BufMut, Bytes, BytesMut};
use serde_json::Value;

use crate::file_part::FilePart;
use crate::form::{FormLists, Leaf};
use crate::upload::{Piece, Upload};

/// One part of a `multipart/form-data` body, as sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MultipartPart {
    name: String,
    file_name: Option<String>,
    content_type: Option<String>,
    data: Upload,
}

impl MultipartPart {
    /// The part's name (`name="..."`): the member's key, bracketed for nested members.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The file name (`filename="..."`) of a file part.
    pub fn file_name(&self) -> Option<&str> {
        self.file_name.as_deref()
    }

    /// The part's `Content-Type`: set on file parts; text parts have none (`text/plain`).
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref()
    }

    /// The part's bytes (empty for a streamed file part).
    pub fn body(&self) -> &[u8] {
        self.data.bytes().map_or(&[], |b| b.as_ref())
    }

    /// Whether the part's contents are a stream, read while the request is sent.
    pub fn is_stream(&self) -> bool {
        self.data.is_stream()
    }

    /// The part's bytes as text (lossy).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(self.body()).into_owned()
    }
}

/// A multipart body ready to send: its parts and the boundary between them.
#[derive(Debug, Clone)]
pub(crate) struct Multipart {
    pub(crate) parts: Vec<MultipartPart>,
    pub(crate) boundary: String,
}

impl Multipart {
    /// The parts of a body value whose file members were collected as `files`.
    pub(crate) fn new(value: &Value, files: Vec<FilePart>, lists: FormLists) -> Self {
        let parts: Vec<MultipartPart> = crate::form::leaves(value, lists)
            .into_iter()
            .map(|(name, leaf)| match leaf {
                Leaf::Text(text) => MultipartPart {
                    name,
                    file_name: None,
                    content_type: None,
                    data: Upload::from(text),
                },
                Leaf::File(i) => {
                    let file = files.get(i).cloned().unwrap_or_else(|| FilePart::new(""));
                    MultipartPart {
                        name,
                        file_name: file.file_name().map(str::to_string),
                        content_type: Some(file.content_type().to_string()),
                        data: file.upload().clone(),
                    }
                }
            })
            .collect();
        let mut rng = fastrand::Rng::new();
        let boundary = boundary_for(&parts, || (0..24).map(|_| rng.alphanumeric()).collect());
        Multipart { parts, boundary }
    }

    /// `multipart/form-data; boundary=...`.
    pub(crate) fn content_type(&self) -> String {
        format!("multipart/form-data; boundary={}", self.boundary)
    }

    /// Whether a part is streamed.
    pub(crate) fn is_streamed(&self) -> bool {
        self.parts.iter().any(MultipartPart::is_stream)
    }

    /// The body's bytes; a streamed part's contents are left out (see [`Self::pieces`]).
    pub(crate) fn encode(&self) -> Bytes {
        let mut pieces = self.pieces();
        match (pieces.len(), pieces.pop()) {
            (1, Some(Piece::Bytes(b))) => b,
            _ => Bytes::new(),
        }
    }

    /// The body as pieces: the bytes in memory between the streamed parts' contents.
    pub(crate) fn pieces(&self) -> Vec<Piece> {
        let size: usize = self.parts.iter().map(|p| p.body().len() + 128).sum();
        let mut pieces = Vec::new();
        let mut out = BytesMut::with_capacity(size + 64);
        for p in &self.parts {
            out.put_slice(b"--");
            out.put_slice(self.boundary.as_bytes());
            out.put_slice(b"\r\nContent-Disposition: form-data; name=\"");
            out.put_slice(escape(&p.name).as_bytes());
            out.put_slice(b"\"");
            if let Some(file_name) = &p.file_name {
                out.put_slice(b"; filename=\"");
                out.put_slice(escape(file_name).as_bytes());
                out.put_slice(b"\"");
            }
            out.put_slice(b"\r\n");
            if let Some(ct) = &p.content_type {
                out.put_slice(b"Content-Type: ");
                out.put_slice(header_text(ct).as_bytes());
                out.put_slice(b"\r\n");
            }
            out.put_slice(b"\r\n");
            match p.data.bytes() {
                Some(bytes) => out.put_slice(bytes),
                None => {
                    pieces.push(Piece::Bytes(out.split().freeze()));
                    pieces.push(Piece::Stream(p.data.clone()));
                }
            }
            out.put_slice(b"\r\n");
        }
        out.put_slice(b"--");
        out.put_slice(self.boundary.as_bytes());
        out.put_slice(b"--\r\n");
        pieces.push(Piece::Bytes(out.freeze()));
        pieces
    }
}

/// The first boundary made from `tail` (random letters and digits) that no in-memory part's
/// bytes contain (a streamed part's are not known in advance; 24 random letters and digits
/// make a clash as good as impossible).
fn boundary_for(parts: &[MultipartPart], mut tail: impl FnMut() -> String) -> String {
    loop {
        let boundary = format!("client-runtime-{}", tail());
        let clashes = parts
            .iter()
            .any(|p| contains(p.body(), boundary.as_bytes()));
        if !clashes {
            return boundary;
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A name or file name inside `"..."`, escaped as browsers do (WHATWG HTML): `"`, CR and
/// LF percent-encoded.
fn escape(s: &str) -> String {
    s.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A content type as one header line (line breaks dropped).
fn header_text(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\r' | '\n')).collect()
}

/// The parts of a `multipart/form-data` body sent with `content_type` (which names the
/// boundary), or `None` when it is not one or does not parse. Names and file names are
/// given as sent (still escaped).
pub fn parse(content_type: &str, body: &[u8]) -> Option<Vec<MultipartPart>> {
    let (media, params) = content_type.split_once(';')?;
    if !media.trim().eq_ignore_ascii_case("multipart/form-data") {
        return None;
    }
    let boundary = params.split(';').find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("boundary")
            .then(|| v.trim().trim_matches('"').to_string())
    })?;
    let delimiter = format!("--{boundary}");
    let mut rest = body.strip_prefix(delimiter.as_bytes())?;
    let mut parts = Vec::new();
    loop {
        if rest.starts_with(b"--") {
            return Some(parts);
        }
        rest = rest.strip_prefix(b"\r\n")?;
        let end = find(rest, format!("\r\n{delimiter}").as_bytes())?;
        let (part, after) = rest.split_at(end);
        rest = &after[delimiter.len() + 2..];
        let head_end = find(part, b"\r\n\r\n")?;
        let head = std::str::from_utf8(&part[..head_end]).ok()?;
        let mut p = MultipartPart {
            name: String::new(),
            file_name: None,
            content_type: None,
            data: Upload::from(Bytes::copy_from_slice(&part[head_end + 4..])),
        };
        for line in head.split("\r\n") {
            let (k, v) = line.split_once(':')?;
            if k.eq_ignore_ascii_case("content-type") {
                p.content_type = Some(v.trim().to_string());
            } else if k.eq_ignore_ascii_case("content-disposition") {
                p.name = quoted(v, "name")?;
                p.file_name = quoted(v, "filename");
            }
        }
        parts.push(p);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// The value of `key="..."` in a `Content-Disposition` value.
fn quoted(v: &str, key: &str) -> Option<String> {
    v.split(';').find_map(|p| {
        let (k, x) = p.trim().split_once('=')?;
        (k == key).then(|| x.trim_matches('"').to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn body(value: Value, files: Vec<FilePart>, lists: FormLists) -> Multipart {
        Multipart::new(&value, files, lists)
    }

    #[test]
    fn text_and_file_parts_byte_for_byte() {
        let m = body(
            json!({"purpose": "avatar", "file": {"\u{0}file_part": 0}, "tags": ["a", "b"], "n": 2}),
            vec![FilePart::new("PNG")
                .with_file_name("me \"1\".png")
                .with_content_type("image/png")],
            FormLists::Brackets,
        );
        let b = &m.boundary;
        let expected = format!(
            "--{b}\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\navatar\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"me %221%22.png\"\r\nContent-Type: image/png\r\n\r\nPNG\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\na\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"tags[]\"\r\n\r\nb\r\n\
             --{b}\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n2\r\n\
             --{b}--\r\n"
        );
        assert_eq!(String::from_utf8(m.encode().to_vec()).unwrap(), expected);
        assert_eq!(
            m.content_type(),
            format!("multipart/form-data; boundary={b}")
        );
        let mut parsed = parse(&m.content_type(), &m.encode()).unwrap();
        assert_eq!(parsed[1].file_name(), Some("me %221%22.png"), "as sent");
        parsed[1].file_name = Some("me \"1\".png".into());
        assert_eq!(parsed, m.parts);
    }

    #[test]
    fn boundaries_differ_and_avoid_the_contents() {
        let a = body(json!({"x": "1"}), vec![], FormLists::Brackets);
        let b = body(json!({"x": "1"}), vec![], FormLists::Brackets);
        assert_ne!(a.boundary, b.boundary);
        assert!(a.boundary.starts_with("client-runtime-") && a.boundary.len() == 39);
        // A part holding the first candidate makes the next one the boundary.
        let holding = body(
            json!({"x": "--client-runtime-AAAA--"}),
            vec![],
            FormLists::Brackets,
        );
        let mut tails = ["AAAA", "BBBB"].into_iter().map(str::to_string);
        let chosen = boundary_for(&holding.parts, || tails.next().unwrap());
        assert_eq!(chosen, "client-runtime-BBBB");
    }

    #[test]
    fn an_empty_body_is_the_closing_delimiter() {
        let m = body(json!({}), vec![], FormLists::Brackets);
        assert_eq!(m.encode(), format!("--{}--\r\n", m.boundary));
        assert_eq!(parse(&m.content_type(), &m.encode()), Some(vec![]));
        assert_eq!(parse("application/json", b"{}"), None);
    }
}
