//! The pieces of an OpenAPI parameter object, shared by path, header and query parameters.

use serde_json::{json, Map, Value};

/// Joins non-empty pieces of a description with blank lines.
pub(crate) fn join(parts: &[Option<&str>]) -> Option<String> {
    let parts: Vec<&str> = parts
        .iter()
        .flatten()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

/// A parameter object.
pub(crate) fn param(
    name: &str,
    location: &str,
    required: bool,
    desc: Option<String>,
    schema: Value,
) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("name".into(), json!(name));
    p.insert("in".into(), json!(location));
    if let Some(d) = desc {
        p.insert("description".into(), json!(d));
    }
    if required || location == "path" {
        p.insert("required".into(), json!(true));
    }
    p.insert("schema".into(), schema);
    p
}
