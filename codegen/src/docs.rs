//! Doc text as rustdoc reads it: a code block without a language (fenced, or indented by
//! four spaces) would be compiled and run as a Rust doctest, so bare fences are marked
//! `text` and indented blocks become `text` fences.

use std::borrow::Cow;

/// `text` made safe for rustdoc: [`mark_fences`], then [`fence_indented`].
pub fn for_rustdoc(text: &str) -> Cow<'_, str> {
    match mark_fences(text) {
        Cow::Borrowed(t) => fence_indented(t),
        Cow::Owned(t) => Cow::Owned(fence_indented(&t).into_owned()),
    }
}

/// `text` with every opening code fence that names no language (```` ``` ```` or `~~~`)
/// marked as `text`; fences with a language, closing fences and everything else are
/// kept as they are.
pub fn mark_fences(text: &str) -> Cow<'_, str> {
    if !text.contains("```") && !text.contains("~~~") {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    // The fence character and length of the block we are in, if any.
    let mut open: Option<(char, usize)> = None;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        let indent = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[indent..];
        let fence = (indent <= 3).then(|| fence_of(rest)).flatten();
        match (open, fence) {
            (None, Some((c, n, info))) => {
                open = Some((c, n));
                if info.is_empty() {
                    out.push_str(body.trim_end());
                    out.push_str("text");
                    out.push_str(ending);
                    continue;
                }
            }
            (Some((c, n)), Some((fc, fnum, info))) if fc == c && fnum >= n && info.is_empty() => {
                open = None;
            }
            _ => {}
        }
        out.push_str(line);
    }
    Cow::Owned(out)
}

/// What the previous lines were, for telling an indented code block from a list item's
/// continuation.
#[derive(Clone, Copy, PartialEq)]
enum Context {
    /// The start, or after a top-level paragraph or fenced block, then a blank line.
    CodeMayStart,
    /// A top-level paragraph line or fence (a blank line must follow before code).
    Paragraph,
    /// A list item or an indented line: four spaces more may be its continuation.
    Nested,
}

/// `text` with every top-level indented code block (four spaces, after a blank line, not
/// inside a list) turned into a ```` ```text ```` fence holding the same lines.
pub fn fence_indented(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let indented = |l: &str| l.starts_with("    ") || l.starts_with('\t');
    if !lines.iter().any(|l| indented(l)) {
        return Cow::Borrowed(text);
    }
    let mut out: Vec<String> = Vec::with_capacity(lines.len() + 4);
    let mut context = Context::CodeMayStart;
    let mut fence: Option<(char, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let prev_blank = i > 0 && lines[i - 1].trim().is_empty();
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        if let Some((c, n)) = fence {
            if let Some((fc, fnum, info)) = (indent <= 3).then(|| fence_of(trimmed)).flatten() {
                if fc == c && fnum >= n && info.is_empty() {
                    fence = None;
                    context = Context::Paragraph;
                }
            }
            out.push(line.to_owned());
            i += 1;
            continue;
        }
        if line.trim().is_empty() {
            if context == Context::Paragraph {
                context = Context::CodeMayStart;
            }
            out.push(line.to_owned());
            i += 1;
            continue;
        }
        if indented(line) && context == Context::CodeMayStart {
            let mut end = i;
            while end < lines.len() && (indented(lines[end]) || lines[end].trim().is_empty()) {
                end += 1;
            }
            // Trailing blank lines are not part of the block.
            let mut last = end;
            while last > i && lines[last - 1].trim().is_empty() {
                last -= 1;
            }
            out.push("```text".to_owned());
            for l in &lines[i..last] {
                let body = l.strip_prefix("    ").or_else(|| l.strip_prefix('\t'));
                out.push(body.unwrap_or(l.trim_start()).to_owned());
            }
            out.push("```".to_owned());
            i = last;
            context = Context::Paragraph;
            continue;
        }
        if let Some((c, n, _)) = (indent <= 3).then(|| fence_of(trimmed)).flatten() {
            fence = Some((c, n));
        } else if indent > 0 || is_list_item(trimmed) {
            context = Context::Nested;
        } else if context == Context::Nested && !prev_blank {
            // A lazy continuation line of a list item: still inside the list.
        } else {
            context = Context::Paragraph;
        }
        out.push(line.to_owned());
        i += 1;
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    Cow::Owned(joined)
}

/// Whether `line` (without indentation) starts a list item: `- `, `* `, `+ `, `1. `, `1) `.
fn is_list_item(line: &str) -> bool {
    if line.starts_with("- ") || line.starts_with("* ") || line.starts_with("+ ") {
        return true;
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && (line[digits..].starts_with(". ") || line[digits..].starts_with(") "))
}

/// The fence character, its count and the info string, if `line` (without indentation)
/// is a code fence.
fn fence_of(line: &str) -> Option<(char, usize, &str)> {
    let c = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let n = line.chars().take_while(|x| *x == c).count();
    if n < 3 {
        return None;
    }
    let info = line[n..].trim();
    // A backtick fence's info string cannot hold a backtick (that is inline code).
    if c == '`' && info.contains('`') {
        return None;
    }
    Some((c, n, info))
}

#[cfg(test)]
mod tests {
    use super::mark_fences;

    #[test]
    fn bare_fences_become_text_and_the_rest_is_kept() {
        let text =
            "Example:\n\n```\nGET /x\n```\n\n```json\n{}\n```\n\n  ~~~~\n  ```\n  ~~~~\ndone";
        assert_eq!(
            mark_fences(text),
            "Example:\n\n```text\nGET /x\n```\n\n```json\n{}\n```\n\n  ~~~~text\n  ```\n  ~~~~\ndone"
        );
    }

    #[test]
    fn text_without_fences_is_borrowed_and_inline_code_is_no_fence() {
        assert!(matches!(
            mark_fences("plain `code`"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(mark_fences("```a`b```\nx"), "```a`b```\nx");
        // Indented four spaces: a code block of its own, not a fence.
        assert_eq!(mark_fences("    ```\n    x"), "    ```\n    x");
        // An unclosed fence runs to the end.
        assert_eq!(mark_fences("```\nx\n"), "```text\nx\n");
    }

    #[test]
    fn indented_code_becomes_a_text_fence_but_list_continuations_stay() {
        use super::for_rustdoc;
        assert_eq!(
            for_rustdoc("Example:\n\n    curl https://x\n      -d y\n\nDone.\n"),
            "Example:\n\n```text\ncurl https://x\n  -d y\n```\n\nDone.\n"
        );
        assert_eq!(
            for_rustdoc("    at the start"),
            "```text\nat the start\n```"
        );
        // Continuing a paragraph, inside a list, or inside a fence: not code.
        for kept in [
            "text\n    more text",
            "- item\n\n    more of the item",
            "1. item\n\n    more",
            "```json\n\n    {}\n```",
        ] {
            assert_eq!(for_rustdoc(kept), kept);
        }
        // After the list, a paragraph and a blank line, code may start again.
        assert_eq!(
            for_rustdoc("- a\n\nText.\n\n    code"),
            "- a\n\nText.\n\n```text\ncode\n```"
        );
    }
}
