//! A YAML tree that remembers where every node starts, so later passes can point at the source.
//!
//! The tree is built from `yaml_rust2`'s event parser without recursion. Plain scalars are
//! resolved the way `serde_yaml` 0.9 resolves them when it has no type to guide it (YAML 1.2
//! core schema plus `0b` integers); quoted and block scalars are always strings. Aliases are
//! expanded by copying the anchored node, within a budget, and nesting is capped, so hostile
//! input yields a [`ParseError`] instead of exhausting memory or the stack.

use std::collections::{HashMap, HashSet};
use std::fmt;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Deepest nesting of sequences and mappings that [`parse`] accepts.
pub const MAX_DEPTH: usize = 256;

/// Most nodes that alias expansion may create in one document before [`parse`] gives up.
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A position in the source text; both numbers are 1-based, columns count characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Mark {
    /// Line number, starting at 1.
    pub line: usize,
    /// Column number, starting at 1.
    pub col: usize,
}

impl Mark {
    /// A mark at `line`:`col` (both 1-based).
    pub fn new(line: usize, col: usize) -> Self {
        Mark { line, col }
    }

    fn from_marker(marker: &Marker) -> Self {
        Mark {
            line: marker.line().max(1),
            col: marker.col() + 1,
        }
    }
}

impl fmt::Display for Mark {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// What a [`Node`] holds.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `null`, `~` or nothing at all (plain scalars only).
    Null,
    /// `true` or `false` (plain scalars only).
    Bool(bool),
    /// An integer that fits in `i64` (plain scalars only).
    Int(i64),
    /// A float, or an integer too large for `i64` (plain scalars only).
    Float(f64),
    /// Any other scalar, and every quoted or block scalar.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order; duplicate keys are kept (see [`duplicate_keys`]).
    Map(Vec<(Node, Node)>),
}

/// A YAML node with the position where it starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The node's value.
    pub kind: NodeKind,
    /// Where the node starts in the source.
    pub mark: Mark,
    /// The source text of a plain scalar that resolved to something other than a string
    /// (`0x10`, `1.50`, `~`, ...); `None` for strings and collections.
    pub raw: Option<String>,
}

/// One step of a path into a tree, for [`Node::lookup`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PathSeg {
    /// The value under a mapping key.
    Key(String),
    /// An item of a sequence, 0-based.
    Index(usize),
}

/// Why a text could not be turned into a tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// Where the problem was found.
    pub mark: Mark,
    /// What went wrong, in lower case.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.mark, self.message)
    }
}

impl std::error::Error for ParseError {}

impl Node {
    /// A node of `kind` starting at `mark`, with no raw text.
    pub fn new(kind: NodeKind, mark: Mark) -> Self {
        Node {
            kind,
            mark,
            raw: None,
        }
    }

    /// The value under `key` if this is a mapping that has it (the first one if duplicated).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(_, v)| v)
    }

    /// The key node itself (to point at it) if this is a mapping that has `key`.
    pub fn key_node(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|(k, _)| k)
    }

    fn entry(&self, key: &str) -> Option<&(Node, Node)> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.scalar_text().as_deref() == Some(key)),
            _ => None,
        }
    }

    /// Follows `path` from this node; `None` as soon as a step does not exist.
    pub fn lookup(&self, path: &[PathSeg]) -> Option<&Node> {
        path.iter().try_fold(self, |node, seg| match seg {
            PathSeg::Key(key) => node.get(key),
            PathSeg::Index(i) => match &node.kind {
                NodeKind::Seq(items) => items.get(*i),
                _ => None,
            },
        })
    }

    /// The string if this node is a string scalar (quoted, block, or a plain non-special one).
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The text `serde_yaml` hands to a `String` for this scalar: the string itself, or the
    /// source text of a plain `null`/boolean/number. `None` for collections.
    pub fn scalar_text(&self) -> Option<std::borrow::Cow<'_, str>> {
        use std::borrow::Cow;
        if let Some(raw) = &self.raw {
            return Some(Cow::Borrowed(raw));
        }
        match &self.kind {
            NodeKind::Str(s) => Some(Cow::Borrowed(s)),
            NodeKind::Null => Some(Cow::Borrowed("")),
            NodeKind::Bool(b) => Some(Cow::Owned(b.to_string())),
            NodeKind::Int(i) => Some(Cow::Owned(i.to_string())),
            NodeKind::Float(x) => Some(Cow::Owned(x.to_string())),
            NodeKind::Seq(_) | NodeKind::Map(_) => None,
        }
    }

    /// What this node is, with an article, for messages: "a string", "a mapping", "null", ...
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a float",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a sequence",
            NodeKind::Map(_) => "a mapping",
        }
    }

    /// Whether this node is a scalar (anything but a sequence or mapping).
    pub fn is_scalar(&self) -> bool {
        !matches!(self.kind, NodeKind::Seq(_) | NodeKind::Map(_))
    }
}

/// Parses one YAML document into a positioned tree.
///
/// An empty document (or one with only comments) gives a `Null` node at 1:1. Several
/// documents, syntax errors, nesting deeper than [`MAX_DEPTH`], aliases to unknown or
/// unfinished anchors and alias expansion beyond [`MAX_ALIAS_NODES`] are errors.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    // yaml_rust2 reports malformed input as errors; this guard only turns a bug in it into an
    // error instead of taking the whole generator down.
    std::panic::catch_unwind(|| Builder::default().run(text)).unwrap_or_else(|_| {
        Err(ParseError {
            mark: Mark::new(1, 1),
            message: "the YAML parser failed on this input".to_owned(),
        })
    })
}

/// Every mapping key that repeats an earlier key of the same mapping, with the position of
/// the repeat and its text, sorted by position. Keys compare by their text (`1` and `'1'`
/// collide, as they do for serde).
pub fn duplicate_keys(root: &Node) -> Vec<(Mark, String)> {
    let mut found = Vec::new();
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        match &node.kind {
            NodeKind::Seq(items) => stack.extend(items.iter().rev()),
            NodeKind::Map(entries) => {
                let mut seen = HashSet::new();
                for (key, _) in entries {
                    if let Some(text) = key.scalar_text() {
                        if !seen.insert(text.clone()) {
                            found.push((key.mark, text.into_owned()));
                        }
                    }
                }
                for (key, value) in entries.iter().rev() {
                    stack.push(value);
                    stack.push(key);
                }
            }
            _ => {}
        }
    }
    found.sort();
    found
}

/// A finished node with its size (node count) and height, as needed for the alias budget.
struct Built {
    node: Node,
    size: usize,
    height: usize,
}

/// A collection that is still open.
struct Frame {
    mark: Mark,
    anchor: usize,
    size: usize,
    height: usize,
    body: FrameBody,
}

enum FrameBody {
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>, Option<Node>),
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    anchors: HashMap<usize, Built>,
    root: Option<Node>,
    documents: usize,
    alias_nodes: usize,
}

fn error(mark: Mark, message: impl Into<String>) -> ParseError {
    ParseError {
        mark,
        message: message.into(),
    }
}

impl Builder {
    fn run(mut self, text: &str) -> Result<Node, ParseError> {
        let mut parser = Parser::new_from_str(text);
        loop {
            let (event, marker) = parser.next_token().map_err(|e| {
                let message = match e.info() {
                    // The scanner's own cap on flow nesting.
                    "recursion limit exceeded" => "YAML nests too deeply".to_owned(),
                    info => info.to_owned(),
                };
                error(Mark::from_marker(e.marker()), message)
            })?;
            let mark = Mark::from_marker(&marker);
            match event {
                Event::StreamEnd => break,
                Event::Nothing | Event::StreamStart | Event::DocumentEnd => {}
                Event::DocumentStart => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(error(
                            mark,
                            "a spec file must hold exactly one YAML document",
                        ));
                    }
                }
                Event::Scalar(value, style, anchor, _tag) => {
                    let node = scalar(value, style, mark);
                    self.finish(
                        Built {
                            node,
                            size: 1,
                            height: 0,
                        },
                        anchor,
                    );
                }
                Event::SequenceStart(anchor, _tag) => {
                    self.open(mark, anchor, FrameBody::Seq(Vec::new()))?;
                }
                Event::MappingStart(anchor, _tag) => {
                    self.open(mark, anchor, FrameBody::Map(Vec::new(), None))?;
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(frame) = self.stack.pop() else {
                        return Err(error(mark, "unbalanced YAML collection end"));
                    };
                    // A block collection's event marker can lie after its first key;
                    // nothing of the collection comes before its first child.
                    let (kind, first) = match frame.body {
                        FrameBody::Seq(items) => {
                            let first = items.first().map(|n| n.mark);
                            (NodeKind::Seq(items), first)
                        }
                        FrameBody::Map(entries, _) => {
                            let first = entries.first().map(|(k, _)| k.mark);
                            (NodeKind::Map(entries), first)
                        }
                    };
                    let start = first.map_or(frame.mark, |m| m.min(frame.mark));
                    let built = Built {
                        node: Node::new(kind, start),
                        size: frame.size + 1,
                        height: frame.height + 1,
                    };
                    self.finish(built, frame.anchor);
                }
                Event::Alias(id) => {
                    let Some(target) = self.anchors.get(&id) else {
                        return Err(error(
                            mark,
                            "alias refers to an anchor that is not complete yet",
                        ));
                    };
                    if self.stack.len() + target.height > MAX_DEPTH {
                        return Err(error(
                            mark,
                            format!("alias expansion nests deeper than {MAX_DEPTH} levels"),
                        ));
                    }
                    self.alias_nodes = self.alias_nodes.saturating_add(target.size);
                    if self.alias_nodes > MAX_ALIAS_NODES {
                        return Err(error(
                            mark,
                            format!(
                                "aliases expand to more than {MAX_ALIAS_NODES} nodes; \
                                 refusing to expand further"
                            ),
                        ));
                    }
                    let built = Built {
                        node: target.node.clone(),
                        size: target.size,
                        height: target.height,
                    };
                    self.finish(built, 0);
                }
            }
        }
        Ok(self
            .root
            .unwrap_or_else(|| Node::new(NodeKind::Null, Mark::new(1, 1))))
    }

    fn open(&mut self, mark: Mark, anchor: usize, body: FrameBody) -> Result<(), ParseError> {
        if self.stack.len() >= MAX_DEPTH {
            return Err(error(
                mark,
                format!("YAML nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        self.stack.push(Frame {
            mark,
            anchor,
            size: 0,
            height: 0,
            body,
        });
        Ok(())
    }

    /// Hands a completed node to its parent (or makes it the root) and records its anchor.
    fn finish(&mut self, mut built: Built, anchor: usize) {
        // An empty value is reported where the next token starts; point at its key instead.
        if let Some(Frame {
            body: FrameBody::Map(_, Some(key)),
            ..
        }) = self.stack.last()
        {
            if built.node.kind == NodeKind::Null && built.node.raw.as_deref() == Some("") {
                built.node.mark = key.mark;
            }
        }
        if anchor != 0 {
            let copy = Built {
                node: built.node.clone(),
                size: built.size,
                height: built.height,
            };
            self.anchors.insert(anchor, copy);
        }
        let Some(frame) = self.stack.last_mut() else {
            self.root = Some(built.node);
            return;
        };
        frame.size = frame.size.saturating_add(built.size);
        frame.height = frame.height.max(built.height);
        match &mut frame.body {
            FrameBody::Seq(items) => items.push(built.node),
            FrameBody::Map(entries, pending) => match pending.take() {
                None => *pending = Some(built.node),
                Some(key) => entries.push((key, built.node)),
            },
        }
    }
}

/// Resolves one scalar event into a node.
fn scalar(value: String, style: TScalarStyle, mark: Mark) -> Node {
    if style != TScalarStyle::Plain {
        return Node::new(NodeKind::Str(value), mark);
    }
    let kind = resolve_plain(&value);
    let raw = if matches!(kind, NodeKind::Str(_)) {
        None
    } else {
        Some(value)
    };
    Node { kind, mark, raw }
}

/// Resolves a plain scalar like `serde_yaml` 0.9 does for untyped data.
fn resolve_plain(text: &str) -> NodeKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return NodeKind::Null,
        "true" | "True" | "TRUE" => return NodeKind::Bool(true),
        "false" | "False" | "FALSE" => return NodeKind::Bool(false),
        _ => {}
    }
    if let Some(int) = parse_int(text) {
        return match i64::try_from(int) {
            Ok(small) => NodeKind::Int(small),
            // Precision loss is acceptable: such values only matter for range errors.
            Err(_) => NodeKind::Float(int as f64),
        };
    }
    if !leading_zero_digits(text) {
        if let Some(float) = parse_float(text) {
            return NodeKind::Float(float);
        }
    }
    NodeKind::Str(text.to_owned())
}

/// `007` and `-01` are strings, not numbers.
fn leading_zero_digits(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    digits.len() > 1 && digits.starts_with('0') && digits[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Decimal, `0x`, `0o` and `0b` integers with an optional sign.
pub(crate) fn parse_int(text: &str) -> Option<i128> {
    let (negative, unsigned) = match text.as_bytes().first()? {
        b'-' => (true, &text[1..]),
        b'+' => (false, &text[1..]),
        _ => (false, text),
    };
    let (radix, digits) = if let Some(rest) = unsigned.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0b") {
        (2, rest)
    } else {
        if leading_zero_digits(unsigned) {
            return None;
        }
        (10, unsigned)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -magnitude } else { magnitude })
}

/// Finite decimal floats plus `.inf`, `-.inf` and `.nan` in their three spellings.
fn parse_float(text: &str) -> Option<f64> {
    let unsigned = match text.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => text,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        _ => {}
    }
    if let ".nan" | ".NaN" | ".NAN" = text {
        return Some(f64::NAN);
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}
