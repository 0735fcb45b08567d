//! `$ref` resolution inside one document: JSON pointers (`#/components/schemas/Pet`),
//! chains of references, cycle detection, and the component a reference names.

use serde_json::Value;

/// Resolves local references against the document root.
#[derive(Debug, Clone, Copy)]
pub struct Refs<'a> {
    root: &'a Value,
}

/// The prefix of schema component references.
pub const SCHEMAS: &str = "#/components/schemas/";

impl<'a> Refs<'a> {
    /// A resolver for `root`.
    pub fn new(root: &'a Value) -> Self {
        Refs { root }
    }

    /// The value at a local reference (`#/a/b`), one step, without following chains.
    pub fn lookup(&self, reference: &str) -> Result<&'a Value, String> {
        let Some(pointer) = reference.strip_prefix('#') else {
            return Err(format!(
                "external `$ref` `{reference}` is not supported (bundle the document first)"
            ));
        };
        let mut at = self.root;
        for raw in pointer.split('/').skip(1) {
            let token = percent_decode(raw).replace("~1", "/").replace("~0", "~");
            at = match at {
                Value::Object(m) => m.get(&token),
                Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
                _ => None,
            }
            .ok_or_else(|| format!("`$ref` `{reference}` points to nothing"))?;
        }
        Ok(at)
    }

    /// Follows `$ref` until a value without one; a loop of references is an error.
    pub fn resolve(&self, v: &'a Value) -> Result<&'a Value, String> {
        let mut seen: Vec<&str> = Vec::new();
        let mut at = v;
        while let Some(r) = at.get("$ref").and_then(Value::as_str) {
            if seen.contains(&r) {
                return Err(format!("`$ref` cycle: {} -> {r}", seen.join(" -> ")));
            }
            seen.push(r);
            at = self.lookup(r)?;
        }
        Ok(at)
    }

    /// The schema component a value refers to directly (`$ref` to `#/components/schemas/X`).
    pub fn component(v: &Value) -> Option<&str> {
        v.get("$ref")?.as_str()?.strip_prefix(SCHEMAS)
    }
}

/// Decodes `%xx` escapes (references are URI fragments).
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() && s.is_char_boundary(i + 3) {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chains_cycles_and_escapes() {
        let doc = json!({
            "components": { "schemas": {
                "A": { "$ref": "#/components/schemas/B" },
                "B": { "type": "string" },
                "C": { "$ref": "#/components/schemas/D" },
                "D": { "$ref": "#/components/schemas/C" },
                "a/b": { "type": "integer" },
                "sp ace": { "type": "boolean" }
            } }
        });
        let r = Refs::new(&doc);
        let a = json!({ "$ref": "#/components/schemas/A" });
        assert_eq!(r.resolve(&a).unwrap(), &json!({ "type": "string" }));
        let c = json!({ "$ref": "#/components/schemas/C" });
        assert!(r.resolve(&c).unwrap_err().contains("cycle"));
        assert_eq!(
            r.lookup("#/components/schemas/a~1b").unwrap(),
            &json!({ "type": "integer" })
        );
        assert_eq!(
            r.lookup("#/components/schemas/sp%20ace").unwrap(),
            &json!({ "type": "boolean" })
        );
        assert!(r.lookup("#/components/schemas/Nope").is_err());
        assert!(r.lookup("other.yaml#/X").unwrap_err().contains("external"));
        assert_eq!(Refs::component(&a), Some("A"));
    }
}
