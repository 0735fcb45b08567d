//! Pagination: our export's `x-pagination` as written, otherwise guessed from the query
//! parameters and the response shape (limit/offset with a page envelope, page/per_page
//! with a bare list), with a comment saying it was guessed. Other shapes (cursors,
//! tokens) are noted, not guessed: their response paths need a person to check.

use super::cx::Note;
use super::draft::{DraftPagination, DraftQuery};
use indexmap::IndexMap;
use serde_json::Value;

const OFFSET_SIZE: &[&str] = &[
    "limit",
    "page_size",
    "pageSize",
    "per_page",
    "perPage",
    "size",
    "count",
];
const OFFSET_POSITION: &[&str] = &["offset", "skip", "start"];
const PAGE_POSITION: &[&str] = &["page", "page_number", "pageNumber", "pageNo"];
const PAGE_SIZE: &[&str] = &[
    "per_page",
    "perPage",
    "page_size",
    "pageSize",
    "limit",
    "size",
    "count",
];
const CURSORS: &[&str] = &[
    "cursor",
    "starting_after",
    "ending_before",
    "after",
    "before",
    "page_token",
    "pageToken",
    "next_token",
    "nextToken",
    "continuation",
    "continuationToken",
    "marker",
    "since_id",
    "max_id",
];

/// The pagination of an operation, with a note saying how it was found; or only a note
/// when it looks paginated by a cursor, whose response paths are left to a person.
pub fn pagination(
    extension: Option<&Value>,
    query: &IndexMap<String, DraftQuery>,
    response: Option<&str>,
) -> (Option<DraftPagination>, Option<Note>) {
    if let Some(x) = extension {
        let get = |k: &str| x.get(k).and_then(Value::as_str).map(str::to_string);
        const STYLES: &[&str] = &[
            "offset",
            "page",
            "cursor",
            "after_last",
            "next_url",
            "link_header",
        ];
        let style = x.get("style").and_then(Value::as_str);
        let Some(style) = STYLES.iter().copied().find(|s| Some(*s) == style) else {
            return (None, Some(Note::loss("unknown `x-pagination` style", "")));
        };
        let numbered = matches!(style, "offset" | "page");
        let (size, position) = (get("size"), get("position"));
        if !numbered || (size.is_some() && position.is_some()) {
            let default_size = x
                .get("default_size")
                .and_then(Value::as_u64)
                .filter(|d| *d != 100);
            let paths = ["items", "param", "next", "id", "has_more", "total"]
                .into_iter()
                .filter_map(|k| get(k).map(|v| (k, v)))
                .collect();
            return (
                Some(DraftPagination {
                    style,
                    size: size.unwrap_or_default(),
                    position: position.unwrap_or_default(),
                    default_size,
                    paths,
                    comments: Vec::new(),
                }),
                None,
            );
        }
    }
    let integer = |names: &[&'static str]| -> Option<&'static str> {
        names.iter().copied().find(|n| {
            query
                .get(*n)
                .is_some_and(|q| q.kind == "value" && q.ty.as_deref() == Some("integer"))
        })
    };
    let response = response.unwrap_or("");
    let enveloped = response.starts_with("page<") || response.starts_with("list_or_page<");
    let listed = response.starts_with("list<");
    let guess = |style: &'static str, size: &str, position: &str| {
        let p = DraftPagination {
            style,
            size: size.to_string(),
            position: position.to_string(),
            default_size: query
                .get(size)
                .and_then(|q| q.default_hint)
                .filter(|d| *d != 100 && *d > 0),
            paths: Vec::new(),
            comments: vec![format!(
                "GUESSED: `{style}` pagination from the parameters `{size}` and `{position}` and the response shape; check it"
            )],
        };
        let n = Note::info("pagination guessed", format!("{style}: {size}, {position}"));
        (Some(p), Some(n))
    };
    if enveloped {
        if let (Some(size), Some(pos)) = (integer(OFFSET_SIZE), integer(OFFSET_POSITION)) {
            return guess("offset", size, pos);
        }
    }
    if listed {
        if let (Some(pos), Some(size)) = (integer(PAGE_POSITION), integer(PAGE_SIZE)) {
            return guess("page", size, pos);
        }
    }
    if let Some(c) = CURSORS.iter().find(|c| query.contains_key(**c)) {
        return (
            None,
            Some(Note::info(
                "looks paginated by a cursor or token: write its `cursor` or `after_last` pagination by hand (the response paths are not guessed)",
                format!("`{c}`"),
            )),
        );
    }
    (None, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(kind: &'static str) -> DraftQuery {
        DraftQuery {
            kind,
            ty: Some("integer".into()),
            ..Default::default()
        }
    }

    #[test]
    fn guesses() {
        let mut q = IndexMap::new();
        q.insert("limit".to_string(), int("value"));
        q.insert("offset".to_string(), int("value"));
        let (p, n) = pagination(None, &q, Some("page<Pet>"));
        assert_eq!(p.unwrap().style, "offset");
        assert!(n.is_some());
        assert!(pagination(None, &q, Some("Pet")).0.is_none());
        let mut q = IndexMap::new();
        q.insert("page".to_string(), int("value"));
        q.insert("per_page".to_string(), int("value"));
        let p = pagination(None, &q, Some("list<Pet>")).0.unwrap();
        assert_eq!((p.size.as_str(), p.position.as_str()), ("per_page", "page"));
        let mut q = IndexMap::new();
        q.insert(
            "cursor".to_string(),
            DraftQuery {
                kind: "value",
                ty: Some("string".into()),
                ..Default::default()
            },
        );
        let (p, n) = pagination(None, &q, Some("list<Pet>"));
        assert!(p.is_none() && n.is_some());
        let x = serde_json::json!({ "style": "page", "size": "n", "position": "p", "default_size": 100 });
        let p = pagination(Some(&x), &IndexMap::new(), None).0.unwrap();
        assert_eq!((p.style, p.default_size), ("page", None));
    }
}
