//! Reading an OpenAPI document: JSON or YAML text into a JSON value, and its version.

use serde_json::{Map, Value};

/// The document versions the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Swagger 2.0 (converted to the 3.0 shape first).
    Swagger2,
    /// OpenAPI 3.0.x.
    V30,
    /// OpenAPI 3.1.x.
    V31,
}

/// Parses JSON (when the text starts with `{`) or YAML into a JSON value. YAML keys that
/// are not strings (`200:`) become their text; merge keys (`<<`) are applied.
pub fn parse(text: &str) -> Result<Value, String> {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    if trimmed.starts_with('{') {
        if let Ok(v) = serde_json::from_str(trimmed) {
            return Ok(v);
        }
    }
    let mut yaml: serde_yaml::Value =
        serde_yaml::from_str(trimmed).map_err(|e| format!("not JSON or YAML: {e}"))?;
    yaml.apply_merge()
        .map_err(|e| format!("YAML merge keys: {e}"))?;
    yaml_to_json(yaml)
}

fn yaml_to_json(v: serde_yaml::Value) -> Result<Value, String> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(Value::Number)
                    .unwrap_or(Value::Null)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    Y::Null => "null".to_string(),
                    other => return Err(format!("unsupported YAML key {other:?}")),
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => yaml_to_json(t.value)?,
    })
}

/// The document's version, from `openapi` or `swagger`.
pub fn version(doc: &Value) -> Result<Version, String> {
    if let Some(v) = doc.get("openapi").and_then(Value::as_str) {
        if v.starts_with("3.0") {
            return Ok(Version::V30);
        }
        if v.starts_with("3.1") {
            return Ok(Version::V31);
        }
        return Err(format!(
            "OpenAPI version `{v}` is not supported (3.0, 3.1 or Swagger 2.0)"
        ));
    }
    match doc.get("swagger") {
        Some(Value::String(s)) if s == "2.0" => Ok(Version::Swagger2),
        Some(v) => Err(format!("Swagger version `{v}` is not supported (only 2.0)")),
        None => Err("neither `openapi` nor `swagger` is set: not an OpenAPI document".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_yaml() {
        let j = parse(r#"{"openapi": "3.0.3", "paths": {}}"#).unwrap();
        assert_eq!(version(&j).unwrap(), Version::V30);
        let y = parse("openapi: 3.1.0\npaths:\n  /x:\n    get:\n      responses:\n        200: { description: ok }\n").unwrap();
        assert_eq!(version(&y).unwrap(), Version::V31);
        assert!(y["paths"]["/x"]["get"]["responses"]["200"].is_object());
        let s = parse("swagger: '2.0'\n").unwrap();
        assert_eq!(version(&s).unwrap(), Version::Swagger2);
        assert!(version(&parse("openapi: 4.0.0").unwrap()).is_err());
        assert!(version(&parse("a: 1").unwrap()).is_err());
        assert!(parse("{ not: [closed").is_err());
    }

    #[test]
    fn merge_keys_apply() {
        let y = parse("base: &b { type: string }\nx:\n  <<: *b\n  description: d\n").unwrap();
        assert_eq!(y["x"]["type"], "string");
        assert_eq!(y["x"]["description"], "d");
    }
}
