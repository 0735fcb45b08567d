//! Better words for YAML that parsed differently from what its author meant: a key over
//! YAML's 1,024-character limit, and values that need quoting because an unquoted `: `,
//! `, ` (in a flow mapping), ` #` or leading indicator character changed their meaning.
//! Everything here reads the source line an error points at; nothing changes what loads.

use crate::diag::Diagnostic;
use crate::yaml_tree::{Mark, Node, NodeKind};
use std::collections::HashMap;

/// The longest implicit key YAML allows.
pub const MAX_KEY_CHARS: usize = 1024;

/// Values longer than this are not repeated in a quoting hint.
const MAX_QUOTED: usize = 120;

/// At most this many errors of one file are looked at for a hint, so a file with a
/// million errors costs no more than one with a hundred.
pub const MAX_HINTED: usize = 100;

/// The longest run of comma-split keys looked at.
const MAX_RUN: usize = 64;

/// Line `line` (1-based) of `text`, without its line break (see [`lines`]).
pub fn line_text(text: &str, line: usize) -> Option<&str> {
    lines(text).nth(line.checked_sub(1)?)
}

/// The lines of `text` without their breaks, ended as the YAML parser ends them: `\n`,
/// `\r\n` or a lone `\r`.
pub fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let t = rest?;
        match t.find(['\n', '\r']) {
            Some(i) => {
                let skip = if t[i..].starts_with("\r\n") { 2 } else { 1 };
                rest = Some(&t[i + skip..]);
                Some(&t[..i])
            }
            None => {
                rest = None;
                Some(t)
            }
        }
    })
}

/// A YAML syntax error's position and message, reworded where the source line shows what
/// went wrong.
pub fn yaml_error(text: &str, mark: Mark, message: &str) -> (Mark, String) {
    let Some(line) = line_text(text, mark.line) else {
        return (mark, format!("invalid YAML: {message}"));
    };
    if let Some((col, len)) = long_key(line, mark.col) {
        return (
            Mark::new(mark.line, col),
            format!(
                "this key is {len} characters long; YAML allows at most {MAX_KEY_CHARS} in a key"
            ),
        );
    }
    let mut out = format!("invalid YAML: {message}");
    if let Some(hint) = quote_block_value(line, mark.col) {
        out.push_str(&hint);
    }
    (mark, out)
}

/// The column and length of a key longer than [`MAX_KEY_CHARS`] that ends at the `:` in
/// column `col` (as "mapping values are not allowed" reports it).
fn long_key(line: &str, col: usize) -> Option<(usize, usize)> {
    let chars: Vec<char> = line.chars().collect();
    if chars.get(col.checked_sub(1)?) != Some(&':') {
        return None;
    }
    let before = &chars[..col - 1];
    let start = before
        .iter()
        .rposition(|c| matches!(c, '{' | '[' | ','))
        .map_or(0, |i| i + 1);
    let mut start = start;
    while start < before.len() && (before[start] == ' ' || before[start] == '-') {
        start += 1;
    }
    let len = before[start..]
        .iter()
        .rev()
        .skip_while(|c| **c == ' ')
        .count();
    (len > MAX_KEY_CHARS).then_some((start + 1, len))
}

/// A `key: value` line, split: the key, the value and the value's 1-based column.
fn key_value(line: &str) -> Option<(&str, &str, usize)> {
    let mut rest = line.trim_start();
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start();
    }
    let key_end = rest.find(": ")?;
    let key = &rest[..key_end];
    if key.is_empty() || key.starts_with(['"', '\'', '{', '[', '#', '?']) || key.contains(' ') {
        return None;
    }
    let after = &rest[key_end + 1..];
    let value = after.trim();
    let value_at = line.len() - after.trim_start().len();
    Some((key, value, line[..value_at].chars().count() + 1))
}

/// `; if ... quote the value: key: "..."` for a block `key: value` line whose plain value
/// broke parsing at column `col`.
fn quote_block_value(line: &str, col: usize) -> Option<String> {
    let (key, value, value_col) = key_value(line)?;
    if value.is_empty() || col < value_col || value.starts_with(['"', '\'', '{', '[', '|', '>']) {
        return None;
    }
    let why = if value.contains(": ") || value.ends_with(':') {
        "a `: ` inside an unquoted value starts a mapping"
    } else if value.starts_with(['@', '`', '%', '*', '&', '!']) {
        "a value cannot start with that character unquoted"
    } else if value.starts_with("- ") || value.starts_with("? ") {
        "an unquoted value cannot start with `- ` or `? `"
    } else {
        return None;
    };
    Some(format!("; {why}: quote the value: {}", quoted(key, value)))
}

/// `key: "value"` with the value escaped for a double-quoted scalar (elided if long).
fn quoted(key: &str, value: &str) -> String {
    if value.chars().count() > MAX_QUOTED {
        return format!("{key}: \"...\"");
    }
    let escaped = value.replace('\\', "\\\\").replace('"', "\\\"");
    format!("{key}: \"{escaped}\"")
}

/// Adds quoting hints to structural errors that an unquoted `, ` (in a flow mapping) or
/// ` #` explains: an unknown key that is really the rest of the previous value, and an
/// empty value whose text became a comment.
pub fn schema_errors(text: &str, tree: &Node, diags: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let wanted = diags
        .iter()
        .any(|d| d.message.starts_with("unknown key `") || d.message.ends_with("found null"));
    if !wanted {
        return diags;
    }
    let entries = entries_by_key(tree);
    let lines: Vec<&str> = lines(text).collect();
    let line = |n: usize| -> Option<&str> { lines.get(n.checked_sub(1)?).copied() };
    let mut looked = 0;
    diags
        .into_iter()
        .map(|mut d| {
            let unknown = d.message.starts_with("unknown key `");
            let null = d.message.ends_with("found null");
            if !(unknown || null) || looked >= MAX_HINTED {
                return d;
            }
            looked += 1;
            let hint = if unknown {
                entries
                    .get(&d.mark())
                    .and_then(|(map, i)| comma_split(&line, map, *i))
            } else {
                line(d.mark().line).and_then(|l| comment_value_on(l, d.mark()))
            };
            if let Some(hint) = hint {
                d.message.push_str(&hint);
            }
            d
        })
        .collect()
}

/// A mapping's entries and the index of one of them.
type Entry<'a> = (&'a [(Node, Node)], usize);

/// Every mapping entry by the position of its key.
fn entries_by_key(tree: &Node) -> HashMap<Mark, Entry<'_>> {
    let mut out = HashMap::new();
    let mut stack = vec![tree];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(entries) => {
                for (i, (k, v)) in entries.iter().enumerate() {
                    out.entry(k.mark).or_insert((entries.as_slice(), i));
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    out
}

/// For `{ description: a, b }`: entry `i` (`b`, with no value) follows a `, ` that cut a
/// plain string value short.
fn comma_split<'t>(
    line_of: &dyn Fn(usize) -> Option<&'t str>,
    entries: &[(Node, Node)],
    i: usize,
) -> Option<String> {
    let is_bare_key = |j: usize| {
        let (k, v) = &entries[j];
        v.kind == NodeKind::Null && v.raw.as_deref() == Some("") && k.as_str().is_some()
    };
    if !is_bare_key(i) {
        return None;
    }
    // The run of bare keys this one belongs to, and the value they were cut from.
    let first = (i.saturating_sub(MAX_RUN)..i)
        .rev()
        .find(|&j| !is_bare_key(j))?;
    let mut last = i;
    while last + 1 < entries.len() && last - first < MAX_RUN && is_bare_key(last + 1) {
        last += 1;
    }
    let (key_node, value) = &entries[first];
    let key = key_node.as_str()?;
    value.as_str()?;
    let line_no = value.mark.line;
    let end_key = &entries[last].0;
    if (first..=last).any(|j| entries[j].0.mark.line != line_no) {
        return None;
    }
    let line: Vec<char> = line_of(line_no)?.chars().collect();
    let start = value.mark.col - 1;
    if matches!(line.get(start), Some('"' | '\'')) {
        return None;
    }
    // Each bare key must follow a comma.
    for (key, _) in &entries[first + 1..=last] {
        let at = key.mark.col - 1;
        let before = line.get(..at)?.iter().rev().find(|c| **c != ' ');
        if before != Some(&',') {
            return None;
        }
    }
    let end = end_key.mark.col - 1 + end_key.as_str()?.chars().count();
    let whole: String = line.get(start..end)?.iter().collect();
    Some(format!(
        "; if it is the rest of `{key}` after a comma, quote the value: {}",
        quoted(key, whole.trim_end())
    ))
}

/// For `path: #/things` (with `mark` at `path`): the value is empty because ` #` started
/// a comment. Returns the hint to append to an error about that value.
pub fn comment_value(text: &str, mark: Mark) -> Option<String> {
    comment_value_on(line_text(text, mark.line)?, mark)
}

/// [`comment_value`] given the text of the mark's line.
fn comment_value_on(line: &str, mark: Mark) -> Option<String> {
    let rest: String = line.chars().skip(mark.col - 1).collect();
    let colon = rest.find(':')?;
    let key = rest[..colon].trim();
    let value = rest[colon + 1..].trim();
    if key.is_empty() || key.contains(' ') || !value.starts_with('#') {
        return None;
    }
    Some(format!(
        "; a `#` after a space starts a comment, so the value is empty: quote the value: {}",
        quoted(key, value)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_like_yaml_lines() {
        let text = "a\r\nb\rc\nd";
        let lines: Vec<_> = (1..=5).map(|i| line_text(text, i)).collect();
        assert_eq!(lines, [Some("a"), Some("b"), Some("c"), Some("d"), None]);
    }

    #[test]
    fn an_unquoted_colon_gets_a_quoting_hint() {
        let text = "api:\n  description: Returns a list: all items\n";
        let (mark, msg) = yaml_error(
            text,
            Mark::new(2, 30),
            "mapping values are not allowed in this context",
        );
        assert_eq!(mark, Mark::new(2, 30));
        assert_eq!(
            msg,
            "invalid YAML: mapping values are not allowed in this context; a `: ` inside an unquoted value starts a mapping: quote the value: description: \"Returns a list: all items\""
        );
        // Nothing to say about an error before the value, or in a quoted one.
        assert!(!yaml_error(text, Mark::new(2, 3), "x").1.contains("quote"));
        let quoted = "a:\n  b: 'x: y' z: w\n";
        assert!(!yaml_error(quoted, Mark::new(2, 15), "x")
            .1
            .contains("quote"));
    }
}
