//! Tests of the positioned YAML tree: scalar resolution, positions, aliases and limits.

use codegen::yaml_tree::{
    duplicate_keys, parse, Mark, Node, NodeKind, PathSeg, MAX_ALIAS_NODES, MAX_DEPTH,
};

fn m(line: usize, col: usize) -> Mark {
    Mark { line, col }
}

fn value(text: &str) -> Node {
    let root = parse(&format!("v: {text}\n")).expect("parses");
    root.get("v").expect("has v").clone()
}

#[test]
fn plain_scalars_resolve_like_serde_yaml() {
    let cases: &[(&str, NodeKind)] = &[
        ("~", NodeKind::Null),
        ("null", NodeKind::Null),
        ("NULL", NodeKind::Null),
        ("", NodeKind::Null),
        ("true", NodeKind::Bool(true)),
        ("False", NodeKind::Bool(false)),
        ("42", NodeKind::Int(42)),
        ("-7", NodeKind::Int(-7)),
        ("+3", NodeKind::Int(3)),
        ("0x1F", NodeKind::Int(31)),
        ("0o17", NodeKind::Int(15)),
        ("0b101", NodeKind::Int(5)),
        ("1.5", NodeKind::Float(1.5)),
        ("1e3", NodeKind::Float(1000.0)),
        ("-.inf", NodeKind::Float(f64::NEG_INFINITY)),
        (
            "12345678901234567890",
            NodeKind::Float(12345678901234567890.0),
        ),
        ("007", NodeKind::Str("007".into())),
        ("yes", NodeKind::Str("yes".into())),
        ("1_000", NodeKind::Str("1_000".into())),
        ("inf", NodeKind::Str("inf".into())),
        ("+-1", NodeKind::Str("+-1".into())),
        ("GET", NodeKind::Str("GET".into())),
    ];
    for (text, kind) in cases {
        assert_eq!(&value(text).kind, kind, "for {text:?}");
    }
    assert!(matches!(value(".nan").kind, NodeKind::Float(f) if f.is_nan()));
}

#[test]
fn quoted_and_block_scalars_are_always_strings() {
    assert_eq!(value("'1'").kind, NodeKind::Str("1".into()));
    assert_eq!(value("\"true\"").kind, NodeKind::Str("true".into()));
    assert_eq!(value("''").kind, NodeKind::Str(String::new()));
    assert_eq!(value("|\n  12\n").kind, NodeKind::Str("12\n".into()));
    assert_eq!(value("!!int '5'").kind, NodeKind::Str("5".into()));
}

#[test]
fn plain_scalars_keep_their_source_text() {
    assert_eq!(value("0x10").scalar_text().as_deref(), Some("0x10"));
    assert_eq!(value("1.50").scalar_text().as_deref(), Some("1.50"));
    assert_eq!(value("~").scalar_text().as_deref(), Some("~"));
    assert_eq!(value("word").scalar_text().as_deref(), Some("word"));
    assert_eq!(value("[1]").scalar_text(), None);
    assert_eq!(value("word").as_str(), Some("word"));
    assert_eq!(value("1").as_str(), None);
}

#[test]
fn nodes_know_where_they_start() {
    let text = "\
name: petstore
operations:
  list:
    method: GET
    tags: [a, {b: c}]
  empty:
seq:
- 1
-   - 2
";
    let root = parse(text).unwrap();
    assert_eq!(root.mark, m(1, 1));
    let ops = root.get("operations").unwrap();
    assert_eq!(ops.mark, m(3, 3));
    assert_eq!(root.key_node("operations").unwrap().mark, m(2, 1));
    let list = ops.get("list").unwrap();
    assert_eq!(list.mark, m(4, 5));
    assert_eq!(list.get("method").unwrap().mark, m(4, 13));
    let tags = list.get("tags").unwrap();
    assert_eq!(tags.mark, m(5, 11));
    let path = [
        PathSeg::Key("operations".into()),
        PathSeg::Key("list".into()),
        PathSeg::Key("tags".into()),
        PathSeg::Index(1),
    ];
    let b = root.lookup(&path).unwrap();
    assert_eq!(b.mark, m(5, 15));
    assert_eq!(b.get("b").unwrap().as_str(), Some("c"));
    // An empty value points at its key, not at the next line.
    let empty = ops.get("empty").unwrap();
    assert_eq!(empty.kind, NodeKind::Null);
    assert_eq!(empty.mark, m(6, 3));
    let inner = root
        .lookup(&[PathSeg::Key("seq".into()), PathSeg::Index(1)])
        .unwrap();
    assert_eq!(inner.mark, m(9, 5));
    assert_eq!(inner.kind_name(), "a sequence");
    assert!(root.lookup(&[PathSeg::Key("nope".into())]).is_none());
    assert!(root.lookup(&[PathSeg::Index(0)]).is_none());
}

#[test]
fn kind_names_read_well_in_messages() {
    assert_eq!(value("~").kind_name(), "null");
    assert_eq!(value("true").kind_name(), "a boolean");
    assert_eq!(value("1").kind_name(), "an integer");
    assert_eq!(value("1.5").kind_name(), "a float");
    assert_eq!(value("x").kind_name(), "a string");
    assert_eq!(value("[]").kind_name(), "a sequence");
    assert_eq!(value("{}").kind_name(), "a mapping");
    assert!(value("x").is_scalar());
    assert!(!value("{}").is_scalar());
}

#[test]
fn empty_documents_are_null_at_the_start() {
    for text in ["", "# only a comment\n", "\n\n"] {
        let root = parse(text).unwrap();
        assert_eq!(root.kind, NodeKind::Null);
        assert_eq!(root.mark, m(1, 1));
    }
}

#[test]
fn syntax_errors_are_located() {
    let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
    assert_eq!(err.mark.line, 2);
    assert!(!err.message.is_empty());
    let err = parse("a: b\n  c: d\n").unwrap_err();
    assert_eq!(err.mark, m(2, 4));
    assert!(!err.message.is_empty());
    assert_eq!(err.to_string(), format!("2:4: {}", err.message));
}

#[test]
fn several_documents_are_refused() {
    let err = parse("a: 1\n---\nb: 2\n").unwrap_err();
    assert_eq!(err.mark, m(2, 1));
    assert!(err.message.contains("one YAML document"), "{}", err.message);
}

#[test]
fn aliases_are_expanded_by_copying() {
    let text = "\
base: &op
  method: GET
  path: /x
copy: *op
";
    let root = parse(text).unwrap();
    assert_eq!(root.get("copy"), root.get("base"));
    // The copy points at the anchored text, where the content really is.
    assert_eq!(root.get("copy").unwrap().get("path").unwrap().mark, m(3, 9));
}

#[test]
fn undefined_and_recursive_aliases_are_errors() {
    assert_eq!(parse("a: *nope\n").unwrap_err().mark, m(1, 4));
    let err = parse("a: &x [1, *x]\n").unwrap_err();
    assert_eq!(err.mark, m(1, 11));
}

#[test]
fn alias_bombs_are_bounded() {
    let mut text = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..10 {
        let prev = format!("*a{}", level - 1);
        let items = [prev.as_str(); 9].join(", ");
        text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
    }
    let started = std::time::Instant::now();
    let err = parse(&text).unwrap_err();
    assert!(started.elapsed().as_secs() < 5);
    assert!(
        err.message.contains(&MAX_ALIAS_NODES.to_string()),
        "{}",
        err.message
    );
    // The first levels expand fine; the refusal comes where the budget runs out.
    assert!(err.mark.line > 2, "{err}");
}

#[test]
fn deep_nesting_is_refused_without_overflowing_the_stack() {
    let deep = MAX_DEPTH + 50;
    let flow = format!("{}{}", "[".repeat(deep), "]".repeat(deep));
    let err = parse(&flow).unwrap_err();
    assert!(err.message.contains("nests"), "{}", err.message);
    assert_eq!(err.mark.line, 1);
    assert!(err.mark.col <= MAX_DEPTH + 1, "{err}");

    let mut block = String::new();
    for i in 0..deep {
        block.push_str(&" ".repeat(i));
        block.push_str(&format!("k{i}:\n"));
    }
    let err = parse(&block).unwrap_err();
    assert!(err.message.contains("deeper than"), "{}", err.message);
    assert_eq!(err.mark.line, MAX_DEPTH + 1);

    // Far deeper input must not overflow either.
    let huge = "[".repeat(200_000);
    assert!(parse(&huge).is_err());

    let ok = format!("{}{}", "[".repeat(200), "]".repeat(200));
    assert!(parse(&ok).is_ok());
    let mut ok = String::new();
    for i in 0..MAX_DEPTH {
        ok.push_str(&" ".repeat(i));
        ok.push_str(&format!("k{i}:\n"));
    }
    assert!(parse(&ok).is_ok());
}

#[test]
fn duplicate_keys_are_found_with_their_second_position() {
    let text = "\
a: 1
b:
  x: 1
  y: 2
  x: 3
a: 2
c: [{k: 1, k: 2}]
'1': q
1: r
";
    let dups = duplicate_keys(&parse(text).unwrap());
    assert_eq!(
        dups,
        vec![
            (m(5, 3), "x".to_owned()),
            (m(6, 1), "a".to_owned()),
            (m(7, 12), "k".to_owned()),
            (m(9, 1), "1".to_owned()),
        ]
    );
    assert!(duplicate_keys(&parse("a: 1\nb: {a: 2}\n").unwrap()).is_empty());
}
