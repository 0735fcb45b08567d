//! A small YAML writer for the draft spec: block and flow mappings, sequences, comments
//! above entries, and scalars quoted only where YAML would misread them.

/// A YAML value to write.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A string; quoted only when needed, multi-line text as a literal block.
    Str(String),
    /// A data string (an example value) that must read back byte for byte: a literal
    /// block only when its chomping keeps the trailing newlines, otherwise quoted.
    Exact(String),
    /// Written as given, unquoted (numbers, booleans).
    Raw(String),
    /// A mapping in key order; each entry may carry comment lines written above it.
    Map(Vec<Entry>),
    /// A sequence.
    Seq(Vec<Node>),
}

/// One mapping entry; an empty key with an empty raw value makes an entry of comment lines
/// only (an empty key with any other value is written: data may have one).
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key (a string scalar).
    pub key: String,
    /// The value.
    pub value: Node,
    /// Comment lines (without `# `) written above the key.
    pub comments: Vec<String>,
}

/// Lines longer than this are written in block style instead of flow style.
const FLOW_WIDTH: usize = 110;

impl Entry {
    /// Whether this entry only carries comment lines.
    fn is_comment_only(&self) -> bool {
        self.key.is_empty() && matches!(&self.value, Node::Raw(r) if r.is_empty())
    }
}

impl Node {
    /// A string node.
    pub fn str(s: impl Into<String>) -> Node {
        Node::Str(s.into())
    }
}

/// A mapping being built entry by entry.
#[derive(Debug, Default, Clone)]
pub struct MapBuilder {
    entries: Vec<Entry>,
    pending: Vec<String>,
}

impl MapBuilder {
    /// An empty mapping.
    pub fn new() -> Self {
        Self::default()
    }
    /// Comment lines for the next entry pushed.
    pub fn comment(&mut self, lines: impl IntoIterator<Item = String>) -> &mut Self {
        self.pending.extend(lines);
        self
    }
    /// Adds `key: value`.
    pub fn push(&mut self, key: impl Into<String>, value: Node) -> &mut Self {
        self.entries.push(Entry {
            key: key.into(),
            value,
            comments: std::mem::take(&mut self.pending),
        });
        self
    }
    /// Adds `key: value` for a string when it is set.
    pub fn opt_str(&mut self, key: &str, value: Option<&str>) -> &mut Self {
        if let Some(v) = value {
            self.push(key, Node::str(v));
        }
        self
    }
    /// Adds `key: true` when `flag` is set.
    pub fn flag(&mut self, key: &str, flag: bool) -> &mut Self {
        if flag {
            self.push(key, Node::Raw("true".into()));
        }
        self
    }
    /// Whether no entry was pushed.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
    /// The finished mapping; comments pushed after the last entry end it.
    pub fn build(mut self) -> Node {
        if !self.pending.is_empty() {
            self.entries.push(Entry {
                key: String::new(),
                value: Node::Raw(String::new()),
                comments: std::mem::take(&mut self.pending),
            });
        }
        Node::Map(self.entries)
    }
}

/// Writes a document: `header` comment lines, then the top-level mapping `root`.
pub fn document(header: &[String], root: &Node) -> String {
    let mut out = String::new();
    for h in header {
        comment_line(&mut out, 0, h);
    }
    if let Node::Map(entries) = root {
        for (i, e) in entries.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            section(&mut out, e);
        }
    }
    out
}

fn comment_line(out: &mut String, indent: usize, text: &str) {
    for line in text.lines() {
        push_indent(out, indent);
        out.push('#');
        let line = line.trim_end();
        if !line.is_empty() {
            out.push(' ');
            out.push_str(&line.replace(['\r', '\u{85}', '\u{2028}', '\u{2029}'], " "));
        }
        out.push('\n');
    }
}

/// Top-level keys whose items (models, operations) are block mappings with blank lines
/// between them.
const SECTIONS: &[&str] = &["models", "operations"];

/// A top-level entry: the items of a section are separated by blank lines.
fn section(out: &mut String, e: &Entry) {
    match &e.value {
        Node::Map(items) if !items.is_empty() && SECTIONS.contains(&e.key.as_str()) => {
            for c in &e.comments {
                comment_line(out, 0, c);
            }
            let key = scalar_inline(&e.key, false).unwrap_or_else(|| double_quoted(&e.key));
            out.push_str(&key);
            out.push_str(":\n");
            for (i, item) in items.iter().enumerate() {
                if i > 0 && !item.is_comment_only() {
                    out.push('\n');
                }
                match &item.value {
                    // A model or an operation is a block mapping, even when short.
                    Node::Map(inner) if !inner.is_empty() && !item.is_comment_only() => {
                        for c in &item.comments {
                            comment_line(out, 2, c);
                        }
                        push_indent(out, 2);
                        let key = scalar_inline(&item.key, false)
                            .unwrap_or_else(|| double_quoted(&item.key));
                        out.push_str(&key);
                        out.push_str(":\n");
                        for e in inner {
                            entry(out, 4, e);
                        }
                    }
                    _ => entry(out, 2, item),
                }
            }
        }
        // The `api` section (any top-level mapping) is a block mapping too.
        Node::Map(items) if !items.is_empty() => {
            for c in &e.comments {
                comment_line(out, 0, c);
            }
            let key = scalar_inline(&e.key, false).unwrap_or_else(|| double_quoted(&e.key));
            out.push_str(&key);
            out.push_str(":\n");
            for item in items {
                entry(out, 2, item);
            }
        }
        _ => entry(out, 0, e),
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push(' ');
    }
}

fn entry(out: &mut String, indent: usize, e: &Entry) {
    for c in &e.comments {
        comment_line(out, indent, c);
    }
    if e.is_comment_only() {
        return;
    }
    push_indent(out, indent);
    let key = scalar_inline(&e.key, false).unwrap_or_else(|| double_quoted(&e.key));
    out.push_str(&key);
    out.push(':');
    value_after_key(out, indent, key.len() + 2, &e.value);
}

/// Writes a value that follows `key:` (already written at `indent`, taking `used`
/// columns) and ends the line(s).
fn value_after_key(out: &mut String, indent: usize, used: usize, v: &Node) {
    match v {
        Node::Str(s) => {
            if let Some(text) = scalar_inline(s, false) {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            } else {
                block_or_quoted(out, indent + 2, s, false);
            }
        }
        Node::Exact(s) => {
            if let Some(text) = scalar_inline(s, false) {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            } else {
                block_or_quoted(out, indent + 2, s, true);
            }
        }
        Node::Raw(r) => {
            out.push(' ');
            out.push_str(r);
            out.push('\n');
        }
        Node::Map(entries) if entries.iter().all(Entry::is_comment_only) => {
            out.push_str(" {}\n");
            for e in entries {
                entry(out, indent + 2, e);
            }
        }
        Node::Seq(items) if items.is_empty() => out.push_str(" []\n"),
        Node::Map(entries) => match flow(v) {
            Some(text) if indent + used + text.len() <= FLOW_WIDTH && !has_comments(entries) => {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            }
            _ => {
                out.push('\n');
                for e in entries {
                    entry(out, indent + 2, e);
                }
            }
        },
        Node::Seq(items) => match flow(v) {
            Some(text) if indent + used + text.len() <= FLOW_WIDTH => {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            }
            _ => {
                out.push('\n');
                for item in items {
                    seq_item(out, indent + 2, item);
                }
            }
        },
    }
}

fn has_comments(entries: &[Entry]) -> bool {
    entries.iter().any(|e| !e.comments.is_empty())
}

fn seq_item(out: &mut String, indent: usize, item: &Node) {
    push_indent(out, indent);
    out.push('-');
    match item {
        Node::Map(entries) if !entries.is_empty() => match flow(item) {
            Some(text) if indent + 2 + text.len() <= FLOW_WIDTH && !has_comments(entries) => {
                out.push(' ');
                out.push_str(&text);
                out.push('\n');
            }
            _ => {
                // `- key: value` with the following keys aligned under the first.
                let mut first = true;
                for e in entries {
                    if first {
                        first = false;
                        if e.comments.is_empty() {
                            out.push(' ');
                            let mut one = String::new();
                            entry(&mut one, indent + 2, e);
                            out.push_str(&one[indent + 2..]);
                            continue;
                        }
                        out.push('\n');
                    }
                    entry(out, indent + 2, e);
                }
            }
        },
        other => {
            let mut one = String::new();
            value_after_key(&mut one, indent, 2, other);
            out.push_str(&one);
        }
    }
}

/// The flow form (`{ a: b }`, `[a, b]`) of a node made of scalars, if it has one.
fn flow(v: &Node) -> Option<String> {
    match v {
        Node::Str(s) | Node::Exact(s) => scalar_inline(s, true),
        Node::Raw(r) => Some(r.clone()),
        // Flow style is for leaves: mappings and lists of scalars (a field, a value).
        Node::Map(entries) if entries.iter().any(|e| is_collection_of_maps(&e.value)) => None,
        Node::Seq(items) if items.iter().any(|i| matches!(i, Node::Map(_))) => None,
        Node::Map(entries) => {
            let mut parts = Vec::new();
            for e in entries {
                let key = scalar_inline(&e.key, true)?;
                parts.push(format!("{key}: {}", flow(&e.value)?));
            }
            Some(if parts.is_empty() {
                "{}".into()
            } else {
                format!("{{ {} }}", parts.join(", "))
            })
        }
        Node::Seq(items) => {
            let parts: Option<Vec<String>> = items.iter().map(flow).collect();
            Some(format!("[{}]", parts?.join(", ")))
        }
    }
}

/// Whether a value is a mapping, or a list holding one (no flow style around it).
fn is_collection_of_maps(v: &Node) -> bool {
    match v {
        Node::Map(_) => true,
        Node::Seq(items) => items.iter().any(|i| matches!(i, Node::Map(_))),
        _ => false,
    }
}

/// A one-line spelling of `s`: plain when YAML reads it back as the same string,
/// otherwise quoted; `None` for text that needs a block or escapes.
fn scalar_inline(s: &str, in_flow: bool) -> Option<String> {
    if s.contains(['\n', '\r']) || s.chars().any(needs_escape) {
        return None;
    }
    if is_plain_safe(s, in_flow) {
        return Some(s.to_string());
    }
    Some(format!("'{}'", s.replace('\'', "''")))
}

/// Characters that only a double-quoted scalar can carry.
fn needs_escape(c: char) -> bool {
    (c.is_control() && c != '\t') || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Whether `s` can be written without quotes and still read back as this string.
pub fn is_plain_safe(s: &str, in_flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s || s.contains('\t') {
        return false;
    }
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.ends_with(':') {
        return false;
    }
    if in_flow && s.contains([',', '[', ']', '{', '}', ':']) {
        return false;
    }
    !looks_typed(s)
}

/// Plain scalars YAML 1.1 or 1.2 would read as something other than a string.
fn looks_typed(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", ".inf", "-.inf", "+.inf",
        ".nan", "<<", "=",
    ];
    if WORDS.contains(&lower.as_str()) {
        return true;
    }
    let first = s.chars().next().unwrap_or(' ');
    (first.is_ascii_digit() || matches!(first, '+' | '-' | '.'))
        && s.chars()
            .all(|c| c.is_ascii_hexdigit() || "+-._:xXoO".contains(c))
}

/// Multi-line or escaped text after `key:`: a literal block when it can be one. Prose
/// (`exact` false) may lose trailing blanks; `exact` text keeps every byte or is quoted.
fn block_or_quoted(out: &mut String, indent: usize, s: &str, exact: bool) {
    let text = s.replace("\r\n", "\n");
    let lines: Vec<&str> = text.trim_end().lines().collect();
    let trailing = text.len() - text.trim_end_matches('\n').len();
    // `|-` keeps no final newline, `|` one; lines must not end in blanks (a block drops them).
    let exact_ok = !exact
        || (trailing <= 1
            && !s.contains('\r')
            && text.trim_end_matches('\n') == text.trim_end()
            && lines.iter().all(|l| l.trim_end() == *l));
    let blockable = exact_ok
        && !text
            .chars()
            .any(|c| needs_escape(c) && c != '\n' && c != '\r')
        && !text.contains('\r')
        && lines.first().is_some_and(|l| !l.starts_with([' ', '\t']))
        && lines
            .iter()
            .all(|l| l.trim_end() == *l || l.trim().is_empty());
    if blockable {
        out.push_str(if exact && trailing == 0 {
            " |-\n"
        } else {
            " |\n"
        });
        for l in lines {
            if !l.trim().is_empty() {
                push_indent(out, indent);
                out.push_str(l);
            }
            out.push('\n');
        }
    } else {
        out.push(' ');
        out.push_str(&double_quoted(s));
        out.push('\n');
    }
}

/// A double-quoted scalar with escapes.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let n = c as u32;
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> serde_yaml::Value {
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn scalars_read_back_as_written() {
        let tricky = [
            "plain text",
            "a: b",
            "ends with:",
            "has # hash",
            "#start",
            "- dash",
            "true",
            "No",
            "null",
            "~",
            "1",
            "1.5",
            "0x1F",
            "1e3",
            "",
            " lead",
            "trail ",
            "it's",
            "\"quoted\"",
            "tab\there",
            "{braces}",
            "a, b",
            "[x]",
            "line\nbreak",
            "bell\u{7}",
            "two\n\nparagraphs\n",
            "  indented\nfirst line",
            "<<",
            "*star",
            "&amp",
            "%percent",
            "@at",
            "`tick`",
        ];
        for s in tricky {
            let mut m = MapBuilder::new();
            m.push("k", Node::str(s));
            m.push(
                "f",
                Node::Map(vec![Entry {
                    key: "d".into(),
                    value: Node::str(s),
                    comments: vec![],
                }]),
            );
            m.push("l", Node::Seq(vec![Node::str(s)]));
            let text = document(&[], &m.build());
            let v = read(&text);
            // Multi-line text is a literal block, which ends in one newline.
            let multi = s.contains('\n');
            let want = if multi {
                s.trim_end().to_string()
            } else {
                s.to_string()
            };
            let got = |n: &serde_yaml::Value| {
                let t = n.as_str().unwrap();
                if multi {
                    t.trim_end().to_string()
                } else {
                    t.to_string()
                }
            };
            assert_eq!(got(&v["k"]), want, "{text}");
            assert_eq!(got(&v["f"]["d"]), want, "{text}");
            assert_eq!(got(&v["l"][0]), want, "{text}");
        }
    }

    #[test]
    fn data_strings_and_empty_keys_read_back_exactly() {
        let texts = [
            "no newline\nat the end",
            "one newline\n",
            "two newlines\n\n",
            "blank\n\nline",
            "trailing \nspace",
            "  indented\nfirst",
            "crlf\r\nline",
            "",
        ];
        for s in texts {
            let mut m = MapBuilder::new();
            m.push("k", Node::Exact(s.into()));
            m.push("", Node::Exact(s.into()));
            m.push("l", Node::Seq(vec![Node::Exact(s.into())]));
            m.comment(["a closing comment".to_string()]);
            let text = document(&[], &m.build());
            let v = read(&text);
            assert_eq!(v["k"].as_str(), Some(s), "{text}");
            assert_eq!(v[""].as_str(), Some(s), "{text}");
            assert_eq!(v["l"][0].as_str(), Some(s), "{text}");
            assert!(text.contains("# a closing comment"), "{text}");
        }
    }

    #[test]
    fn short_mappings_flow_long_ones_block() {
        let mut field = MapBuilder::new();
        field.push("type", Node::str("string"));
        field.push("description", Node::str("The ID."));
        let mut long = MapBuilder::new();
        long.push("type", Node::str("string"));
        long.push("description", Node::str("x".repeat(120)));
        let mut root = MapBuilder::new();
        root.comment(["above".to_string()]);
        root.push("id", field.build());
        root.push("long", long.build());
        let text = document(&["head".to_string()], &root.build());
        assert_eq!(
            text,
            format!(
                "# head\n# above\nid:\n  type: string\n  description: The ID.\n\nlong:\n  type: string\n  description: {}\n",
                "x".repeat(120)
            )
        );
    }

    #[test]
    fn sequences_of_mappings() {
        let mut a = MapBuilder::new();
        a.push("value", Node::Raw("1".into()));
        a.push("name", Node::str("One"));
        let mut b = MapBuilder::new();
        b.push("value", Node::str("long"));
        b.push("description", Node::str("y".repeat(120)));
        let mut root = MapBuilder::new();
        root.push("values", Node::Seq(vec![a.build(), b.build()]));
        let text = document(&[], &root.build());
        let v = read(&text);
        assert_eq!(v["values"][0]["value"], serde_yaml::Value::from(1));
        assert_eq!(
            v["values"][1]["description"].as_str(),
            Some(&*"y".repeat(120))
        );
        assert!(text.contains("  - { value: 1, name: One }\n"), "{text}");
        assert!(
            text.contains("  - value: long\n    description: "),
            "{text}"
        );
    }
}
