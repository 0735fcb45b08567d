//! Characters no string of a spec may hold, because rustdoc or rustc reject them in the
//! code generated from it: carriage returns (a bare CR in a doc comment), other control
//! characters, and the bidirectional controls that rustc denies in comments and literals.

use crate::yaml_tree::{Mark, Node, NodeKind};

/// The bidirectional controls rustc's `text_direction_codepoint_*` lints deny.
const BIDI: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
    '\u{2069}',
];

/// Every string (keys included) of `root` holding such a character, with what to do.
pub fn check(root: &Node) -> Vec<(Mark, String)> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Str(s) => {
                if let Some(problem) = problem(s) {
                    found.push((node.mark, problem));
                }
            }
            NodeKind::Seq(items) => stack.extend(items),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    stack.push(k);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// What is wrong with `s`, if anything.
fn problem(s: &str) -> Option<String> {
    let c = s.chars().find(|c| is_bad(*c))?;
    Some(if c == '\r' {
        "this text holds a carriage return (`\\r`), which rustdoc rejects in the generated docs; \
         use `\\n` for line breaks"
            .to_owned()
    } else if BIDI.contains(&c) {
        format!(
            "this text holds the bidirectional control character U+{:04X}, which rustc rejects \
             in generated code (it can make text read differently from what it is); remove it",
            c as u32
        )
    } else {
        format!(
            "this text holds the control character U+{:04X}, which does not belong in generated \
             code; remove it",
            c as u32
        )
    })
}

fn is_bad(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || BIDI.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn only_line_feeds_tabs_and_printable_text_pass() {
        assert_eq!(problem("a\n\tb – ü 日本"), None);
        assert!(problem("a\r\nb").unwrap().contains("carriage return"));
        assert!(problem("x\u{202E}y").unwrap().contains("U+202E"));
        assert!(problem("\u{7}").unwrap().contains("U+0007"));
        assert!(problem("\u{85}").unwrap().contains("U+0085"));
    }
}
