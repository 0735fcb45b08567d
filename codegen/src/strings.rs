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
///
/// The values of an example's request and response body are data, not text of the
/// generated code: they are emitted JSON-escaped (or as escaped literals), so they may hold
/// carriage returns and other control characters (a ticket body with CRLF line breaks);
/// only the bidirectional controls, which JSON text keeps as they are, are errors there.
pub fn check(root: &Node) -> Vec<(Mark, String)> {
    let mut found = Vec::new();
    let mut stack = vec![(root, Place::Root)];
    while let Some((node, place)) = stack.pop() {
        match &node.kind {
            NodeKind::Str(s) => {
                let problem = match place {
                    Place::Data => bidi_problem(s),
                    _ => problem(s),
                };
                if let Some(problem) = problem {
                    found.push((node.mark, problem));
                }
            }
            NodeKind::Seq(items) => stack.extend(items.iter().map(|x| (x, place.item()))),
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let key = match &k.kind {
                        NodeKind::Str(s) => Some(s.as_str()),
                        _ => None,
                    };
                    stack.push((k, place.key_place()));
                    stack.push((v, place.member(key)));
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// Where a node is, as far as telling example data from spec text goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Root,
    Operations,
    Operation,
    Examples,
    Example,
    Response,
    /// Inside an example's `request`, or its response's `body`.
    Data,
    Other,
}

impl Place {
    fn member(self, key: Option<&str>) -> Place {
        match (self, key) {
            (Place::Root, Some("operations")) => Place::Operations,
            (Place::Operations, _) => Place::Operation,
            (Place::Operation, Some("examples")) => Place::Examples,
            (Place::Example, Some("request")) => Place::Data,
            (Place::Example, Some("response")) => Place::Response,
            (Place::Response, Some("body")) => Place::Data,
            (Place::Data, _) => Place::Data,
            _ => Place::Other,
        }
    }

    fn item(self) -> Place {
        match self {
            Place::Examples => Place::Example,
            Place::Data => Place::Data,
            _ => Place::Other,
        }
    }

    /// Map keys of example data are data too (sent and answered as JSON); other keys are
    /// spec text.
    fn key_place(self) -> Place {
        match self {
            Place::Data => Place::Data,
            _ => Place::Other,
        }
    }
}

/// What is wrong with `s` as example data (a bidirectional control), if anything.
fn bidi_problem(s: &str) -> Option<String> {
    s.chars().find(|c| BIDI.contains(c)).map(message)
}

/// What is wrong with `s`, if anything.
fn problem(s: &str) -> Option<String> {
    s.chars().find(|c| is_bad(*c)).map(message)
}

/// What to do about the character `c`.
fn message(c: char) -> String {
    if c == '\r' {
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
    }
}

fn is_bad(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || BIDI.contains(&c)
}

#[cfg(test)]
mod tests {
    use super::{check, problem};

    #[test]
    fn only_line_feeds_tabs_and_printable_text_pass() {
        assert_eq!(problem("a\n\tb – ü 日本"), None);
        assert!(problem("a\r\nb").unwrap().contains("carriage return"));
        assert!(problem("x\u{202E}y").unwrap().contains("U+202E"));
        assert!(problem("\u{7}").unwrap().contains("U+0007"));
        assert!(problem("\u{85}").unwrap().contains("U+0085"));
    }

    #[test]
    fn example_data_may_hold_control_characters_but_not_bidi_controls() {
        let text = r#"
operations:
  op:
    description: "a\rb"
    examples:
      - name: "n\r"
        request: { body: { "k\r": "v\r\n" } }
        response: { headers: { h: "x\r" }, body: { t: "a\r\nb", u: "x\u202Ey" } }
"#;
        let tree = crate::yaml_tree::parse(text).unwrap();
        let found: Vec<(usize, bool)> = check(&tree)
            .into_iter()
            .map(|(mark, message)| (mark.line, message.contains("U+202E")))
            .collect();
        // The description, the example's name and the header value are text; in the bodies
        // only the bidirectional control is an error.
        assert_eq!(found, [(4, false), (6, false), (8, false), (8, true)]);
    }
}
