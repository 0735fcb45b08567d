//! Reading spec files defensively: only regular files, at most [`MAX_FILE_BYTES`] each, as
//! UTF-8 text. Anything else (a FIFO, a device, a huge file, UTF-16, NUL or other control
//! bytes, invalid UTF-8) is an error located at the first offending byte; a UTF-8 byte
//! order mark is accepted and dropped, as YAML allows.

use crate::yaml_tree::Mark;
use std::io::Read;
use std::path::Path;

/// The largest spec file the loader reads (8 MiB); the real specs are a few KiB.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why a file could not be read as spec text, and where in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    /// The first offending byte (1:1 for problems of the file as a whole).
    pub mark: Mark,
    /// What is wrong, in lower case.
    pub message: String,
}

impl ReadError {
    fn whole(message: impl Into<String>) -> Self {
        ReadError {
            mark: Mark::new(1, 1),
            message: message.into(),
        }
    }
}

/// Whether `path` names a spec file: its extension is `yaml` or `yml` in any case.
pub fn is_spec_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Reads the spec file at `path` (following symlinks) as text, without the byte order mark.
///
/// Only a regular file is opened, and it is checked again once open; at most
/// [`MAX_FILE_BYTES`] + 1 bytes are read, whatever its metadata claims, so neither a FIFO
/// nor `/dev/zero` can block or exhaust the loader.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    let meta =
        std::fs::metadata(path).map_err(|e| ReadError::whole(format!("cannot read: {e}")))?;
    check_kind(&meta)?;
    let file =
        std::fs::File::open(path).map_err(|e| ReadError::whole(format!("cannot read: {e}")))?;
    // The path may have been replaced between the two looks; trust the open file.
    let meta = file
        .metadata()
        .map_err(|e| ReadError::whole(format!("cannot read: {e}")))?;
    check_kind(&meta)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::whole(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    decode(bytes)
}

fn too_big() -> ReadError {
    ReadError::whole(format!(
        "the file is larger than {} MiB, the most a spec file may be; split it into several files",
        MAX_FILE_BYTES / (1024 * 1024)
    ))
}

fn check_kind(meta: &std::fs::Metadata) -> Result<(), ReadError> {
    let ft = meta.file_type();
    if !ft.is_file() {
        let what = if ft.is_dir() {
            "a folder"
        } else {
            special_kind(&ft)
        };
        return Err(ReadError::whole(format!(
            "not a regular file ({what}); a spec file must be a plain file"
        )));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok(())
}

#[cfg(unix)]
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if ft.is_fifo() {
        "a FIFO"
    } else if ft.is_char_device() {
        "a character device"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &std::fs::FileType) -> &'static str {
    "a special file"
}

/// Turns a file's bytes into spec text: UTF-8 without a byte order mark and without
/// characters YAML does not allow. The error points at the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, ReadError> {
    for (bom, name) in [
        (&[0x00, 0x00, 0xFE, 0xFF][..], "UTF-32"),
        (&[0xFF, 0xFE, 0x00, 0x00][..], "UTF-32"),
        (&[0xFE, 0xFF][..], "UTF-16"),
        (&[0xFF, 0xFE][..], "UTF-16"),
    ] {
        if bytes.starts_with(bom) {
            return Err(ReadError::whole(format!(
                "the file is {name} (it starts with a {name} byte order mark); save it as UTF-8"
            )));
        }
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let good = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            // The prefix is valid, so the position can be counted in characters.
            let prefix = std::str::from_utf8(&bytes[..good]).unwrap_or_default();
            let message = format!(
                "invalid UTF-8 (byte 0x{:02X}){}; save the file as UTF-8",
                bytes[good],
                utf16_hint(&bytes).unwrap_or_default()
            );
            return Err(ReadError {
                mark: mark_at(prefix, good),
                message,
            });
        }
    };
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    };
    check_text(&text).map(|()| text)
}

/// The end of a message for bytes that look like UTF-16 without a byte order mark.
fn utf16_hint(bytes: &[u8]) -> Option<&'static str> {
    let sample = &bytes[..bytes.len().min(256)];
    let zeros = sample.iter().filter(|b| **b == 0).count();
    (sample.len() >= 4 && zeros * 3 >= sample.len()).then_some(
        ": the file looks like UTF-16, which has a NUL byte next to every ASCII character",
    )
}

/// Rejects characters that YAML does not allow in a document: NUL and the other control
/// characters except tab and line breaks, and the noncharacters U+FFFE and U+FFFF.
pub fn check_text(text: &str) -> Result<(), ReadError> {
    let Some((at, c)) = text.char_indices().find(|(_, c)| !yaml_printable(*c)) else {
        return Ok(());
    };
    let message = match (c, utf16_hint(text.as_bytes())) {
        ('\0', Some(hint)) => format!("NUL byte{hint}; save the file as UTF-8"),
        ('\0', None) => "NUL byte; a spec file is UTF-8 text without control characters".to_owned(),
        _ => format!(
            "control character U+{:04X} is not allowed in YAML; remove it",
            c as u32
        ),
    };
    Err(ReadError {
        mark: mark_at(text, at),
        message,
    })
}

/// YAML 1.2's printable characters, plus the line breaks it allows.
fn yaml_printable(c: char) -> bool {
    matches!(c,
        '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The line and column (1-based, columns in characters) of byte `at` of `text`, with
/// `\n`, `\r\n` and a lone `\r` each ending a line, as the YAML parser counts them.
pub fn mark_at(text: &str, at: usize) -> Mark {
    let before = &text[..at.min(text.len())];
    let mut line = 1;
    let mut col = 1;
    let mut chars = before.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                line += 1;
                col = 1;
            }
            _ => col += 1,
        }
    }
    Mark::new(line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> (String, String) {
        let e = decode(bytes.to_vec()).unwrap_err();
        (e.mark.to_string(), e.message)
    }

    #[test]
    fn marks_count_lines_like_yaml() {
        assert_eq!(mark_at("ab\ncd", 4), Mark::new(2, 2));
        assert_eq!(mark_at("a\r\nb\rcé", 8), Mark::new(3, 3));
        assert_eq!(mark_at("é", 2), Mark::new(1, 2));
    }

    #[test]
    fn bad_bytes_are_located() {
        assert_eq!(err(b"api:\n  title: D\xffmo\n").0, "2:11");
        assert!(err(b"api:\n  title: D\xffmo\n").1.contains("byte 0xFF"));
        assert_eq!(err(b"a: 1\nb: x\x00\n").0, "2:5");
        assert_eq!(
            err(b"a: 1\nb: \x07\n").1,
            "control character U+0007 is not allowed in YAML; remove it"
        );
        let (at, msg) = err(b"a\x00p\x00i\x00:\x00 \x001\x00");
        assert_eq!(at, "1:2");
        assert!(msg.contains("looks like UTF-16"), "{msg}");
        let (at, msg) = err(b"\xff\xfea\x00");
        assert_eq!(at, "1:1");
        assert!(msg.contains("UTF-16"), "{msg}");
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_tabs_and_line_breaks_pass() {
        assert_eq!(
            decode(b"\xef\xbb\xbfapi: 1\n".to_vec()).unwrap(),
            "api: 1\n"
        );
        assert_eq!(decode(b"a:\t1\r\n".to_vec()).unwrap(), "a:\t1\r\n");
    }

    #[test]
    fn spec_file_extensions_match_in_any_case() {
        for name in ["a.yaml", "a.YAML", "a.Yml", "a.yml"] {
            assert!(is_spec_file(Path::new(name)), "{name}");
        }
        for name in ["a.json", "a", "yaml", "a.yaml.bak"] {
            assert!(!is_spec_file(Path::new(name)), "{name}");
        }
    }
}
