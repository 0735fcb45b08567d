//! Doc text as rustdoc reads it: a fenced code block without a language would be compiled
//! and run as a Rust doctest, so such fences are marked `text`.

use std::borrow::Cow;

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
}
