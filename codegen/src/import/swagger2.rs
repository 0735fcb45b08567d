//! Swagger 2.0 to the OpenAPI 3.0 shape the importer reads: `definitions` become schema
//! components, `host`/`basePath`/`schemes` a server, body parameters a request body,
//! `collectionFormat` a style, response schemas JSON content, security definitions
//! security schemes. Form parameters become a form body (a loss later on).

use super::cx::Note;
use serde_json::{json, Map, Value};

/// The 3.0-shaped copy of a Swagger 2.0 document.
pub fn convert(doc: &Value, notes: &mut Vec<Note>) -> Value {
    let mut out = Map::new();
    out.insert("openapi".into(), json!("3.0.3"));
    out.insert("info".into(), doc.get("info").cloned().unwrap_or(json!({})));
    if let Some(host) = doc.get("host").and_then(Value::as_str) {
        let scheme = doc
            .get("schemes")
            .and_then(Value::as_array)
            .and_then(|s| {
                s.iter()
                    .filter_map(Value::as_str)
                    .find(|s| *s == "https")
                    .or_else(|| s.first().and_then(Value::as_str))
            })
            .unwrap_or("https");
        let base = doc.get("basePath").and_then(Value::as_str).unwrap_or("");
        out.insert(
            "servers".into(),
            json!([{ "url": format!("{scheme}://{host}{base}") }]),
        );
    } else if let Some(base) = doc.get("basePath").and_then(Value::as_str) {
        out.insert("servers".into(), json!([{ "url": base }]));
    }
    for key in ["tags", "security"] {
        if let Some(v) = doc.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let consumes = media(doc.get("consumes"));
    let produces = media(doc.get("produces"));
    let mut paths = Map::new();
    if let Some(p) = doc.get("paths").and_then(Value::as_object) {
        for (path, item) in p {
            let mut new_item = Map::new();
            let Some(item) = item.as_object() else {
                continue;
            };
            for (k, v) in item {
                if k == "parameters" {
                    new_item.insert(k.clone(), json!(params(doc, v, notes)));
                } else if let Some(op) = v.as_object() {
                    new_item.insert(k.clone(), operation(doc, op, &consumes, &produces));
                } else {
                    new_item.insert(k.clone(), v.clone());
                }
            }
            paths.insert(path.clone(), Value::Object(new_item));
        }
    }
    out.insert("paths".into(), Value::Object(paths));
    let mut components = Map::new();
    if let Some(d) = doc.get("definitions") {
        components.insert("schemas".into(), rewrite_refs(d));
    }
    if let Some(s) = doc.get("securityDefinitions").and_then(Value::as_object) {
        let mut schemes = Map::new();
        for (k, v) in s {
            let mut v = v.clone();
            if v.get("type").and_then(Value::as_str) == Some("basic") {
                v = json!({ "type": "http", "scheme": "basic", "description": v.get("description").cloned().unwrap_or(Value::Null) });
                if v["description"].is_null() {
                    v.as_object_mut().map(|m| m.remove("description"));
                }
            }
            schemes.insert(k.clone(), v);
        }
        components.insert("securitySchemes".into(), Value::Object(schemes));
    }
    out.insert("components".into(), Value::Object(components));
    Value::Object(out)
}

fn media(v: Option<&Value>) -> Vec<String> {
    v.and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// `#/definitions/X` -> `#/components/schemas/X`, `type: file` -> binary, everywhere.
fn rewrite_refs(v: &Value) -> Value {
    match v {
        Value::Object(m) => {
            let mut out = Map::new();
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("$ref", Value::String(r)) => {
                        out.insert(
                            k.clone(),
                            json!(r.replacen("#/definitions/", "#/components/schemas/", 1)),
                        );
                    }
                    ("type", Value::String(t)) if t == "file" => {
                        out.insert("type".into(), json!("string"));
                        out.insert("format".into(), json!("binary"));
                    }
                    _ => {
                        out.insert(k.clone(), rewrite_refs(x));
                    }
                }
            }
            Value::Object(out)
        }
        Value::Array(a) => Value::Array(a.iter().map(rewrite_refs).collect()),
        other => other.clone(),
    }
}

/// A parameter (`$ref`s to `#/parameters` followed) in the 3.0 shape; body and form
/// parameters are returned as they are, for the operation to make a body of.
fn param(doc: &Value, p: &Value) -> Value {
    let p = match p.get("$ref").and_then(Value::as_str) {
        Some(r) => r
            .strip_prefix("#/parameters/")
            .and_then(|n| doc.pointer("/parameters").and_then(|ps| ps.get(n)))
            .unwrap_or(p),
        None => p,
    };
    let location = p.get("in").and_then(Value::as_str).unwrap_or("");
    if location == "body" || location == "formData" {
        return p.clone();
    }
    let mut schema = Map::new();
    for k in [
        "type",
        "format",
        "items",
        "enum",
        "default",
        "minimum",
        "maximum",
        "pattern",
        "x-nullable",
    ] {
        if let Some(v) = p.get(k) {
            schema.insert(k.into(), rewrite_refs(v));
        }
    }
    let mut out = Map::new();
    for k in ["name", "in", "description", "required"] {
        if let Some(v) = p.get(k) {
            out.insert(k.into(), v.clone());
        }
    }
    match p.get("collectionFormat").and_then(Value::as_str) {
        Some("multi") => {
            out.insert("style".into(), json!("form"));
            out.insert("explode".into(), json!(true));
        }
        Some("ssv") => {
            out.insert("style".into(), json!("spaceDelimited"));
        }
        Some("pipes") => {
            out.insert("style".into(), json!("pipeDelimited"));
        }
        Some("tsv") => {
            out.insert("style".into(), json!("tabDelimited"));
        }
        _ if p.get("type").and_then(Value::as_str) == Some("array") => {
            out.insert("style".into(), json!("form"));
            out.insert("explode".into(), json!(false));
        }
        _ => {}
    }
    out.insert("schema".into(), Value::Object(schema));
    Value::Object(out)
}

/// Path-level parameters; body and form parameters there are reported, not converted.
fn params(doc: &Value, list: &Value, notes: &mut Vec<Note>) -> Vec<Value> {
    let mut out = Vec::new();
    for p in list.as_array().into_iter().flatten().map(|p| param(doc, p)) {
        match p.get("in").and_then(Value::as_str) {
            Some(l @ ("body" | "formData")) => notes.push(Note::loss(
                "body and form parameters of a whole path are not converted",
                format!(
                    "`{}` in {l}",
                    p.get("name").and_then(Value::as_str).unwrap_or("")
                ),
            )),
            _ => out.push(p),
        }
    }
    out
}

fn operation(
    doc: &Value,
    op: &Map<String, Value>,
    consumes: &[String],
    produces: &[String],
) -> Value {
    let consumes = match media(op.get("consumes")) {
        c if c.is_empty() => consumes.to_vec(),
        c => c,
    };
    let produces = match media(op.get("produces")) {
        p if p.is_empty() => produces.to_vec(),
        p => p,
    };
    let produces = if produces.is_empty() {
        vec!["application/json".to_string()]
    } else {
        produces
    };
    let mut out = Map::new();
    for (k, v) in op {
        match k.as_str() {
            "parameters" | "responses" | "consumes" | "produces" | "schemes" => {}
            _ => {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    let all: Vec<Value> = op
        .get("parameters")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(|p| param(doc, p)).collect())
        .unwrap_or_default();
    let mut plain = Vec::new();
    let mut form = Map::new();
    let mut form_required = Vec::new();
    for p in all {
        match p.get("in").and_then(Value::as_str) {
            Some("body") => {
                let media = consumes
                    .iter()
                    .find(|c| c.contains("json"))
                    .cloned()
                    .unwrap_or_else(|| "application/json".into());
                let schema = rewrite_refs(p.get("schema").unwrap_or(&json!({})));
                out.insert(
                    "requestBody".into(),
                    json!({ "required": p.get("required").cloned().unwrap_or(json!(false)), "content": { media: { "schema": schema } } }),
                );
            }
            Some("formData") => {
                let name = p
                    .get("name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_string();
                if p.get("required") == Some(&json!(true)) {
                    form_required.push(json!(name));
                }
                let mut s = Map::new();
                for k in ["type", "format", "items", "enum", "description"] {
                    if let Some(v) = p.get(k) {
                        s.insert(k.into(), rewrite_refs(v));
                    }
                }
                form.insert(name, rewrite_refs(&Value::Object(s)));
            }
            _ => plain.push(p),
        }
    }
    if !form.is_empty() {
        let media = if consumes.iter().any(|c| c.starts_with("multipart/")) {
            "multipart/form-data"
        } else {
            "application/x-www-form-urlencoded"
        };
        out.insert(
            "requestBody".into(),
            json!({ "content": { media: { "schema": { "type": "object", "properties": form, "required": form_required } } } }),
        );
    }
    if !plain.is_empty() {
        out.insert("parameters".into(), json!(plain));
    }
    let mut responses = Map::new();
    if let Some(r) = op.get("responses").and_then(Value::as_object) {
        for (code, resp) in r {
            let resp = match resp.get("$ref").and_then(Value::as_str) {
                Some(x) => x
                    .strip_prefix("#/responses/")
                    .and_then(|n| doc.pointer("/responses").and_then(|rs| rs.get(n)))
                    .unwrap_or(resp),
                None => resp,
            };
            let mut nr = Map::new();
            nr.insert(
                "description".into(),
                resp.get("description").cloned().unwrap_or(json!("")),
            );
            if let Some(schema) = resp.get("schema") {
                let schema = rewrite_refs(schema);
                let content: Map<String, Value> = produces
                    .iter()
                    .map(|m| (m.clone(), json!({ "schema": schema.clone() })))
                    .collect();
                nr.insert("content".into(), Value::Object(content));
            }
            responses.insert(code.clone(), Value::Object(nr));
        }
    }
    out.insert("responses".into(), Value::Object(responses));
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_the_main_parts() {
        let doc = json!({
            "swagger": "2.0",
            "info": { "title": "Pets", "version": "1" },
            "host": "api.example.com",
            "basePath": "/v1",
            "schemes": ["http", "https"],
            "securityDefinitions": { "basic": { "type": "basic" } },
            "paths": { "/pets": {
                "get": {
                    "operationId": "listPets",
                    "parameters": [
                        { "name": "ids", "in": "query", "type": "array", "items": { "type": "integer" }, "collectionFormat": "csv" }
                    ],
                    "responses": { "200": { "description": "ok", "schema": { "type": "array", "items": { "$ref": "#/definitions/Pet" } } } }
                },
                "post": {
                    "parameters": [ { "name": "pet", "in": "body", "required": true, "schema": { "$ref": "#/definitions/Pet" } } ],
                    "responses": { "201": { "description": "made" } }
                }
            } },
            "definitions": { "Pet": { "type": "object", "properties": { "photo": { "type": "file" } } } }
        });
        let mut notes = Vec::new();
        let v = convert(&doc, &mut notes);
        assert_eq!(v["servers"][0]["url"], "https://api.example.com/v1");
        assert_eq!(
            v["components"]["securitySchemes"]["basic"]["scheme"],
            "basic"
        );
        let get = &v["paths"]["/pets"]["get"];
        assert_eq!(get["parameters"][0]["style"], "form");
        assert_eq!(get["parameters"][0]["explode"], false);
        assert_eq!(
            get["responses"]["200"]["content"]["application/json"]["schema"]["items"]["$ref"],
            "#/components/schemas/Pet"
        );
        let post = &v["paths"]["/pets"]["post"];
        assert_eq!(
            post["requestBody"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(
            v["components"]["schemas"]["Pet"]["properties"]["photo"]["format"],
            "binary"
        );
    }
}
