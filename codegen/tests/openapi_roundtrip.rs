//! The committed `openapi/<api>.json` documents say what the specs say: for every operation
//! the path, method, operationId, parameter wire names (in order, with their location) and
//! enum values; for every model its properties, required members and enum values. And an
//! edited, missing or extra document is drift, as for the client.

use codegen::ir::{
    Api, Enum, GroupQuery, ListQuery, ListStyle, ModelKind, Operation, OrderingQuery,
    OrderingStyle, QueryKindIr, QueryParam, RangeQuery, Tagging, TristateQuery, Ty, ValueQuery,
};
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap()
}

fn method(op: &Operation) -> &'static str {
    codegen::openapi::operations::method_key(op.method)
}

/// Follows a local `$ref`.
fn resolve<'a>(doc: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(r) => {
            let name = r.strip_prefix("#/components/schemas/").expect("local ref");
            &doc["components"]["schemas"][name]
        }
        None => schema,
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The values a parameter or model schema lists (closed `enum` or open
/// `x-extensible-enum`), looking through refs, arrays, `allOf`, `anyOf` and `oneOf`.
fn doc_values(doc: &Value, schema: &Value) -> Vec<String> {
    let s = resolve(doc, schema);
    if let Some(items) = s.get("items") {
        return doc_values(doc, items);
    }
    if let Some(v) = s.get("enum").or_else(|| s.get("x-extensible-enum")) {
        return v.as_array().unwrap().iter().map(text).collect();
    }
    for key in ["allOf", "anyOf", "oneOf"] {
        if let Some(branches) = s.get(key).and_then(Value::as_array) {
            let mut out = Vec::new();
            for b in branches {
                for v in doc_values(doc, b) {
                    if !out.contains(&v) {
                        out.push(v);
                    }
                }
            }
            return out;
        }
    }
    Vec::new()
}

fn variants(e: &Enum) -> Vec<String> {
    e.variants.iter().map(|v| v.wire.clone()).collect()
}

fn ty_values(api: &Api, ty: &Ty) -> Vec<String> {
    match ty {
        Ty::Model(n) => match &api.models.iter().find(|m| m.name == *n).unwrap().kind {
            ModelKind::Enum(e) => variants(e),
            ModelKind::Alias(t) => ty_values(api, t),
            ModelKind::Struct(_) | ModelKind::Union(_) => Vec::new(),
        },
        Ty::List(t) => ty_values(api, t),
        _ => Vec::new(),
    }
}

/// The (location, wire name, enum values) the IR puts on the wire for one query construct.
fn expected_query(api: &Api, q: &QueryParam, out: &mut Vec<(String, String, Vec<String>)>) {
    let mut push = |name: &str, values: Vec<String>| {
        out.push(("query".into(), name.to_string(), values));
    };
    match &q.kind {
        QueryKindIr::Value(ValueQuery { ty, null_value }) => {
            let mut v = ty_values(api, ty);
            v.extend(null_value.clone());
            push(&q.name.wire, v);
        }
        QueryKindIr::List(ListQuery { ty, style }) => {
            let name = match style {
                ListStyle::Brackets => format!("{}[]", q.name.wire),
                _ => q.name.wire.clone(),
            };
            push(&name, ty_values(api, ty))
        }
        QueryKindIr::Ordering(OrderingQuery {
            fields,
            style,
            field_param,
            reversed_param,
            suffix,
            ..
        }) => match style {
            OrderingStyle::Prefix | OrderingStyle::Suffix => push(
                &q.name.wire,
                fields
                    .variants
                    .iter()
                    .flat_map(|v| match suffix {
                        Some(sf) if sf.asc.is_empty() => [
                            v.wire.clone(),
                            format!("{}{}{}", v.wire, sf.separator, sf.desc),
                        ],
                        Some(sf) => [
                            format!("{}{}{}", v.wire, sf.separator, sf.asc),
                            format!("{}{}{}", v.wire, sf.separator, sf.desc),
                        ],
                        None => [v.wire.clone(), format!("-{}", v.wire)],
                    })
                    .collect(),
            ),
            OrderingStyle::FieldFlag => {
                push(field_param, variants(fields));
                push(reversed_param, Vec::new());
            }
        },
        QueryKindIr::Range(RangeQuery { ty, from, to }) => {
            push(from, ty_values(api, ty));
            push(to, ty_values(api, ty));
        }
        QueryKindIr::Tristate(TristateQuery { all_value }) => push(
            &q.name.wire,
            vec!["true".into(), "false".into(), all_value.clone()],
        ),
        QueryKindIr::Group(GroupQuery { members }) => {
            for m in members {
                expected_query(api, m, out);
            }
        }
        // One `deepObject` parameter; its members' values are the model's.
        QueryKindIr::Object(_) => push(&q.name.wire, Vec::new()),
    }
}

/// The component a `#/components/schemas/<name>` reference names.
fn component<'d>(doc: &'d Value, reference: &str) -> &'d Value {
    let name = reference
        .strip_prefix("#/components/schemas/")
        .unwrap_or_else(|| panic!("not a component reference: {reference}"));
    let c = &doc["components"]["schemas"][name];
    assert!(c.is_object(), "missing component {name}");
    c
}

fn check_operation(api: &Api, doc: &Value, op: &Operation, module: &str) {
    let at = format!("{} {} {}", api.name.wire, method(op), op.path);
    let o = &doc["paths"][&op.path][method(op)];
    assert!(o.is_object(), "{at}: missing from the document");
    assert_eq!(o["operationId"], op.name.wire, "{at}");
    assert_eq!(o["tags"], serde_json::json!([module]), "{at}");

    let mut expected: Vec<(String, String, Vec<String>)> = op
        .path_params
        .iter()
        .map(|p| ("path".into(), p.name.wire.clone(), ty_values(api, &p.ty)))
        .collect();
    for q in &op.query {
        expected_query(api, q, &mut expected);
    }
    let empty = Vec::new();
    let actual: Vec<(String, String, Vec<String>)> = o["parameters"]
        .as_array()
        .unwrap_or(&empty)
        .iter()
        .map(|p| {
            (
                text(&p["in"]),
                text(&p["name"]),
                doc_values(doc, &p["schema"]),
            )
        })
        .collect();
    assert_eq!(actual, expected, "{at}: parameters");
    for p in o["parameters"].as_array().unwrap_or(&empty) {
        if p["in"] == "path" {
            assert_eq!(p["required"], true, "{at}: path parameter {}", p["name"]);
        }
    }

    assert_eq!(
        o["requestBody"].is_object(),
        op.body.is_some(),
        "{at}: body"
    );
    // Bodies are never inline: a model's `$ref`, an `x-body` component, or `{}` (any JSON).
    let named = |schema: &Value, role: &str, what: &str| {
        if schema == &serde_json::json!({}) {
            return schema.clone();
        }
        let r = schema["$ref"]
            .as_str()
            .unwrap_or_else(|| panic!("{at}: {what} is inline"));
        let target = component(doc, r).clone();
        if let Some(body) = target.get("x-body") {
            assert_eq!(body, role, "{at}: {what}");
        }
        target
    };
    if op.body.is_some() {
        named(
            &o["requestBody"]["content"]["application/json"]["schema"],
            "request",
            "request body",
        );
    }
    let keys: Vec<&String> = o["responses"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["2XX", "default"], "{at}: responses");
    let ok = &o["responses"]["2XX"]["content"];
    let media = if op.response.ty == Some(Ty::Scalar(codegen::ir::Scalar::Bytes)) {
        "application/octet-stream"
    } else {
        "application/json"
    };
    assert!(ok[media]["schema"].is_object(), "{at}: 2XX as {media}");
    if media == "application/json" {
        let schema = named(&ok[media]["schema"], "response", "response");
        if let Some(member) = &op.response.unwrap {
            assert!(
                schema["properties"][member].is_object(),
                "{at}: unwrapped member {member}"
            );
        }
    }
    named(
        &o["responses"]["default"]["content"]["application/json"]["schema"],
        "error",
        "error response",
    );
    if !api.auth.is_empty() {
        let security = o["security"].as_array().expect("security");
        assert_eq!(security.is_empty(), !op.authenticated, "{at}: security");
    }
}

#[test]
fn documents_match_the_specs_operation_by_operation() {
    let spec = match codegen::load::load_dir(&root().join("spec"), "spec") {
        Ok(s) => s,
        Err(d) => panic!("specs do not load:\n{}", d.render()),
    };
    assert!(!spec.apis.is_empty());
    for api in &spec.apis {
        let file = root().join(format!("openapi/{}.json", api.name.wire));
        let doc: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3.0."));

        let mut count = 0;
        for group in &api.groups {
            for op in &group.operations {
                check_operation(api, &doc, op, &group.module);
                count += 1;
            }
        }
        let in_doc: usize = doc["paths"]
            .as_object()
            .unwrap()
            .values()
            .map(|item| item.as_object().unwrap().len())
            .sum();
        assert_eq!(in_doc, count, "{}: operation count", api.name.wire);

        for model in &api.models {
            let at = format!("{} model {}", api.name.wire, model.name.wire);
            let schema = &doc["components"]["schemas"][&model.name.rust];
            assert!(schema.is_object(), "{at}: missing");
            match &model.kind {
                ModelKind::Struct(fields) => {
                    let props: Vec<&String> =
                        schema["properties"].as_object().unwrap().keys().collect();
                    let wire: Vec<&String> = fields.iter().map(|f| &f.name.wire).collect();
                    assert_eq!(props, wire, "{at}: properties");
                    let required: Vec<String> = schema
                        .get("required")
                        .and_then(Value::as_array)
                        .map(|r| r.iter().map(text).collect())
                        .unwrap_or_default();
                    let expected: Vec<String> = fields
                        .iter()
                        .filter(|f| !f.optional && f.default.is_none())
                        .map(|f| f.name.wire.clone())
                        .collect();
                    assert_eq!(required, expected, "{at}: required");
                    for f in fields.iter().filter(|f| f.patch) {
                        assert_eq!(
                            schema["properties"][&f.name.wire]["x-patch"], true,
                            "{at}.{}: patch",
                            f.name.wire
                        );
                    }
                    for f in fields.iter().filter(|f| f.nullable) {
                        assert_eq!(
                            schema["properties"][&f.name.wire]["nullable"], true,
                            "{at}.{}: nullable",
                            f.name.wire
                        );
                    }
                }
                ModelKind::Enum(e) => {
                    assert_eq!(doc_values(&doc, schema), variants(e), "{at}: values");
                    // Only closed enums constrain the value; open ones say unknown values occur.
                    let constrained =
                        schema.get("enum").is_some() || schema["anyOf"][0].get("enum").is_some();
                    assert_eq!(constrained, !e.open, "{at}: open/closed");
                    assert_eq!(schema.get("x-open-enum").is_some(), e.open, "{at}");
                }
                ModelKind::Alias(_) => {}
                ModelKind::Union(u) => {
                    let names: Vec<&str> = u.variants.iter().map(|v| v.rust.as_str()).collect();
                    let in_doc: Vec<&str> = schema["x-variant-names"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .collect();
                    assert_eq!(in_doc, names, "{at}: variant names");
                    match &u.tagging {
                        Tagging::Untagged => {
                            let branches = schema["anyOf"].as_array().unwrap();
                            assert_eq!(branches.len(), u.variants.len(), "{at}: branches");
                        }
                        Tagging::Tagged {
                            discriminator,
                            open,
                        } => {
                            let d = &schema["discriminator"];
                            assert_eq!(d["propertyName"], discriminator.as_str(), "{at}");
                            let tags: Vec<&String> =
                                d["mapping"].as_object().unwrap().keys().collect();
                            let expected: Vec<&String> =
                                u.variants.iter().filter_map(|v| v.tag.as_ref()).collect();
                            assert_eq!(tags, expected, "{at}: mapping");
                            assert_eq!(schema.get("x-open-union").is_some(), *open, "{at}");
                        }
                    }
                }
            }
        }
    }
}

const API: &str = "api:\n  name: demo\n  title: Demo API\n  base_url: https://demo.example.com\nmodels:\n  Thing:\n    fields:\n      id: { type: integer }\n";
const OPS: &str = "operations:\n  get_thing:\n    method: GET\n    path: /things/{id}\n    path_params:\n      id: { type: integer }\n    response: Thing\n";

#[test]
fn an_edited_missing_or_extra_document_is_drift() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("spec/demo")).unwrap();
    std::fs::create_dir_all(root.join("codegen/tests/fixtures/ok")).unwrap();
    std::fs::write(root.join("spec/demo/api.yaml"), API).unwrap();
    std::fs::write(root.join("spec/demo/things.yaml"), OPS).unwrap();

    let plan = codegen::workspace::plan(root).unwrap_or_else(|d| panic!("{}", d.render()));
    plan.write().unwrap();
    assert!(plan.drift().unwrap().is_empty());
    let doc_path = root.join("openapi/demo.json");
    let written = std::fs::read_to_string(&doc_path).unwrap();
    assert!(written.ends_with("}\n"));
    assert_eq!(plan.openapi.get("demo.json"), Some(written.as_str()));

    // Edited by hand: stale.
    std::fs::write(&doc_path, written.replace("get_thing", "getThing")).unwrap();
    let drift = plan.drift().unwrap();
    assert_eq!(drift.stale, vec![doc_path.clone()]);
    assert!(drift.missing.is_empty() && drift.extra.is_empty());

    // Removed: missing; a leftover document: extra; other files in openapi/ are not owned.
    std::fs::remove_file(&doc_path).unwrap();
    std::fs::write(root.join("openapi/old.json"), "{}\n").unwrap();
    std::fs::write(root.join("openapi/notes.txt"), "kept\n").unwrap();
    let drift = plan.drift().unwrap();
    assert_eq!(drift.missing, vec![doc_path.clone()]);
    assert_eq!(drift.extra, vec![root.join("openapi/old.json")]);
    assert!(drift.stale.is_empty());

    // Writing repairs it; the plan is deterministic.
    plan.write().unwrap();
    assert!(plan.drift().unwrap().is_empty());
    assert!(!root.join("openapi/old.json").exists());
    assert!(root.join("openapi/notes.txt").exists());
    let again = codegen::workspace::plan(root).unwrap();
    assert_eq!(again.openapi.get("demo.json"), Some(written.as_str()));
}

#[test]
fn envelopes_of_different_types_with_one_slug_get_their_own_components() {
    let text = "api:\n  name: slugs\n  title: Slugs\n  base_url: https://x.example.com\nmodels:\n  StringList:\n    fields:\n      name: { type: string }\noperations:\n  a:\n    method: GET\n    path: /a\n    response: page<StringList>\n  b:\n    method: GET\n    path: /b\n    response: page<list<string>>\n";
    let api = codegen::load::load_api(&[codegen::load::Source {
        path: "slugs.yaml".into(),
        text: text.into(),
    }])
    .unwrap_or_else(|d| panic!("{}", d.render()));
    let doc = codegen::openapi::document(&api).unwrap();
    let schema_of = |path: &str| {
        doc["paths"][path]["get"]["responses"]["2XX"]["content"]["application/json"]["schema"]
            ["$ref"]
            .clone()
    };
    let (a, b) = (schema_of("/a"), schema_of("/b"));
    assert_ne!(a, b, "both responses point to one component");
    let items = |r: &Value| {
        let name = r.as_str().unwrap().rsplit('/').next().unwrap().to_string();
        doc["components"]["schemas"][&name]["properties"]["results"]["items"].clone()
    };
    assert_eq!(items(&a)["$ref"], "#/components/schemas/StringList");
    assert_eq!(items(&b)["type"], "array");
}

#[test]
fn examples_sit_under_the_responses_the_document_has() {
    let path = root().join("codegen/tests/fixtures/ok/spec_examples.yaml");
    let api = codegen::load::load_api(&[codegen::load::Source {
        path: "codegen/tests/fixtures/ok/spec_examples.yaml".into(),
        text: std::fs::read_to_string(path).unwrap(),
    }])
    .unwrap_or_else(|d| panic!("{}", d.render()));
    let doc = codegen::openapi::document(&api).unwrap();
    let get = &doc["paths"]["/servers/{id}/{zone}"]["get"]["responses"];
    assert!(
        get["2XX"]["content"]["application/json"]["examples"]["one server"]["value"].is_object(),
        "{get:#}"
    );
    assert!(
        get["default"]["content"]["application/json"]["examples"]["not found"]["value"].is_object(),
        "{get:#}"
    );
    let keys: Vec<&String> = get.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["2XX", "default"]);
}

#[test]
fn multipart_bodies_export_as_form_data_with_binary_file_parts() {
    let path = root().join("codegen/tests/fixtures/ok/multipart.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let api = codegen::load::load_api(&[codegen::load::Source {
        path: "multipart.yaml".into(),
        text,
    }])
    .unwrap_or_else(|d| panic!("{}", d.render()));
    let doc = codegen::openapi::document(&api).unwrap();
    let upload = &doc["paths"]["/files"]["post"];
    let content = upload["requestBody"]["content"].as_object().unwrap();
    assert_eq!(
        content.keys().collect::<Vec<_>>(),
        ["multipart/form-data"],
        "one media type"
    );
    let body = resolve(&doc, &content["multipart/form-data"]["schema"]);
    let input = resolve(&doc, body);
    assert_eq!(
        input["properties"]["file"],
        serde_json::json!({ "type": "string", "format": "binary", "description": "The file itself." })
    );
    assert_eq!(upload["x-form-lists"], "brackets");
    let reply = &doc["paths"]["/tickets/{id}/replies"]["post"];
    assert_eq!(reply["x-form-lists"], "repeated");
    let reply_body = resolve(
        &doc,
        &reply["requestBody"]["content"]["multipart/form-data"]["schema"],
    );
    let items = &resolve(&doc, reply_body)["properties"]["attachments"]["items"];
    assert_eq!(items["format"], "binary", "{items}");
}
