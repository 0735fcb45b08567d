//! Operations as OpenAPI 3.0 path items: parameters with their exact wire names, request
//! bodies, responses and per-operation security.

use super::params::{join, param};
use super::schema::{docs, BodyRole, Schemas};
use crate::ir::{Api, Method, Operation, PaginationStyle, Scalar, SessionRole, Ty};
use serde_json::{json, Map, Value};

/// The lowercase OpenAPI key of a method.
pub fn method_key(m: Method) -> &'static str {
    match m {
        Method::GET => "get",
        Method::POST => "post",
        Method::PUT => "put",
        Method::PATCH => "patch",
        Method::DELETE => "delete",
    }
}

/// The media type of the operation's request body.
fn body_media(op: &Operation) -> &str {
    match &op.body_encoding {
        crate::ir::BodyEncoding::Json => "application/json",
        crate::ir::BodyEncoding::Form(_) => "application/x-www-form-urlencoded",
        crate::ir::BodyEncoding::Multipart(_) => "multipart/form-data",
        crate::ir::BodyEncoding::Binary { content_type } => content_type,
    }
}

/// A header parameter; a secret one is a `password`-format string.
fn header_param(s: &mut Schemas<'_>, h: &crate::ir::HeaderParam) -> Map<String, Value> {
    let crate::ir::HeaderParam {
        name,
        ty,
        required,
        secret,
        docs: hdocs,
    } = h;
    let mut schema = match secret {
        true => json!({ "type": "string", "format": "password" }),
        false => s.ty(ty),
    };
    // Named like a credential, but the spec says it is not one (as for body fields).
    if !secret && crate::naming::looks_like_credential(&name.wire) {
        if let Value::Object(o) = &mut schema {
            o.insert("x-secret".into(), json!(false));
        }
    }
    param(
        &name.wire,
        "header",
        *required,
        docs(hdocs).map(String::from),
        schema,
    )
}

/// The success response's content.
fn success(s: &mut Schemas<'_>, api: &Api, op: &Operation) -> Value {
    let crate::ir::Response {
        ty,
        unwrap,
        docs: response_docs,
        headers,
    } = &op.response;
    let (media, schema) = match (ty, unwrap) {
        (Some(Ty::Scalar(Scalar::Bytes)), _) => (
            "application/octet-stream",
            json!({ "type": "string", "format": "binary" }),
        ),
        (ty, Some(member)) => {
            let inner = ty.as_ref().map(|t| s.ty(t)).unwrap_or_else(|| json!({}));
            (
                "application/json",
                json!({
                    "type": "object",
                    "required": [member],
                    "properties": { member.clone(): inner },
                    "x-unwrap": member
                }),
            )
        }
        (Some(ty), None) => ("application/json", s.ty(ty)),
        (None, None) => ("application/json", json!({})),
    };
    let schema = if media == "application/json" {
        s.body(
            &format!("{}Response", op.builder),
            BodyRole::Response,
            schema,
        )
    } else {
        schema
    };
    let in_band = api
        .error_field
        .as_ref()
        .map(|f| format!("A non-empty top-level `{f}` array in this body means the call failed."));
    let desc = join(&[docs(response_docs).or(Some("Success.")), in_band.as_deref()])
        .unwrap_or_else(|| "Success.".into());
    let mut out = json!({ "description": desc, "content": { media: { "schema": schema } } });
    if !headers.is_empty() {
        let mut map = Map::new();
        for h in headers {
            let crate::ir::ResponseHeader {
                name,
                ty: scalar,
                docs: hdocs,
            } = h;
            let mut header = Map::new();
            if let Some(d) = docs(hdocs) {
                header.insert("description".into(), json!(d));
            }
            header.insert("schema".into(), s.ty(&Ty::Scalar(*scalar)));
            map.insert(name.wire.clone(), Value::Object(header));
        }
        out["headers"] = Value::Object(map);
    }
    out
}

/// One operation object.
pub fn operation(s: &mut Schemas<'_>, api: &Api, module: &str, op: &Operation) -> Value {
    let mut o = Map::new();
    o.insert("tags".into(), json!([module]));
    if let Some(sum) = docs(&op.summary) {
        o.insert("summary".into(), json!(sum));
    }
    if let Some(d) = docs(&op.docs) {
        o.insert("description".into(), json!(d));
    }
    o.insert("operationId".into(), json!(op.name.wire));
    let mut params = Vec::new();
    for p in &op.path_params {
        params.push(Value::Object(param(
            &p.name.wire,
            "path",
            true,
            docs(&p.docs).map(String::from),
            s.ty(&p.ty),
        )));
    }
    for q in &op.query {
        q.kind.unit().openapi(s, q, None, &mut params);
    }
    for h in &op.headers {
        params.push(Value::Object(header_param(s, h)));
    }
    // The API's constant headers, on every operation, as the one value they take.
    for (name, value) in &api.headers {
        let mut p = param(
            name,
            "header",
            true,
            Some("Sent with every request (the API's constant header).".into()),
            json!({ "type": "string", "enum": [value], "default": value }),
        );
        p.insert("x-api-header".into(), json!(true));
        params.push(Value::Object(p));
    }
    if !params.is_empty() {
        o.insert("parameters".into(), json!(params));
    }
    if let Some(body) = &op.body {
        let schema = s.ty(body);
        // A raw body is a binary string in place; others are named components.
        let schema = match op.body_encoding {
            crate::ir::BodyEncoding::Binary { .. } => schema,
            _ => s.body(&format!("{}Request", op.builder), BodyRole::Request, schema),
        };
        o.insert(
            "requestBody".into(),
            json!({ "required": true, "content": { body_media(op): { "schema": schema } } }),
        );
        if let crate::ir::BodyEncoding::Form(lists) | crate::ir::BodyEncoding::Multipart(lists) =
            op.body_encoding
        {
            o.insert("x-form-lists".into(), json!(lists.as_str()));
        }
    }
    // The client takes any 2xx as success and anything else as an error: `2XX` and
    // `default`. Peers such as progenitor accept one success and one error type only,
    // and drop `default` from the successes only when the success is the `2XX` range.
    let error = op
        .error_body
        .as_ref()
        .or(api.error_body.as_ref())
        .map(|t| s.ty(t))
        .unwrap_or_else(|| json!({}));
    let error = s.body("Error", BodyRole::Error, error);
    o.insert(
        "responses".into(),
        json!({
            "2XX": success(s, api, op),
            "default": { "description": "An error.", "content": { "application/json": { "schema": error } } }
        }),
    );
    if !api.auth.is_empty() {
        let security: Vec<Value> = if op.authenticated {
            api.auth
                .iter()
                .map(|a| json!({ a.name.wire.clone(): [] }))
                .collect()
        } else {
            Vec::new()
        };
        o.insert("security".into(), json!(security));
    }
    if let Some(p) = &op.pagination {
        o.insert("x-pagination".into(), x_pagination(op, p));
    }
    if let Some(role) = op.session_role {
        let role = match role {
            SessionRole::Login => "login",
            SessionRole::Refresh => "refresh",
            SessionRole::Logout => "logout",
        };
        o.insert("x-session-role".into(), json!(role));
    }
    o.insert("x-retry-safe".into(), json!(op.retry_safe));
    if op.inline_body.is_some() {
        o.insert("x-inline-body".into(), json!(true));
    }
    if !op.examples.is_empty() {
        add_examples(&mut o, op);
    }
    Value::Object(o)
}

/// The operation's examples: as OpenAPI Example Objects on the request body and the
/// responses (for tools and readers), and whole, in the format's own shape, as
/// `x-examples` (read back by `cargo xtask import`).
fn add_examples(o: &mut Map<String, Value>, op: &Operation) {
    let mut whole = Vec::new();
    for ex in &op.examples {
        let crate::ir::Example {
            name,
            docs,
            path,
            query,
            headers,
            body,
            target: _,
            body_wire: _,
            response,
        } = ex;
        let mut e = Map::new();
        e.insert("name".into(), json!(name.wire));
        if let Some(d) = docs {
            e.insert("description".into(), json!(d));
        }
        let mut request = Map::new();
        if !path.is_empty() {
            request.insert("path".into(), Value::Object(path.iter().cloned().collect()));
        }
        if !query.is_empty() {
            request.insert("query".into(), Value::Object(example_query(op, query)));
        }
        if !headers.is_empty() {
            let h: Map<String, Value> = headers
                .iter()
                .map(|(n, v, _)| (n.clone(), v.clone()))
                .collect();
            request.insert("headers".into(), Value::Object(h));
        }
        if let Some(b) = body {
            request.insert("body".into(), b.clone());
            let at = format!("/requestBody/content/{}", body_media(op).replace('/', "~1"));
            example_object(o, &at, &name.wire, docs.as_deref(), b);
        }
        if !request.is_empty() {
            e.insert("request".into(), Value::Object(request));
        }
        if let Some(r) = response {
            let mut rm = Map::new();
            rm.insert("status".into(), json!(r.status));
            if !r.headers.is_empty() {
                let h: Map<String, Value> = r
                    .headers
                    .iter()
                    .map(|(k, v)| (k.clone(), json!(v)))
                    .collect();
                rm.insert("headers".into(), Value::Object(h));
            }
            if let Some(b) = &r.body {
                rm.insert("body".into(), b.clone());
                let key = if (200..300).contains(&r.status) {
                    "2XX"
                } else {
                    "default"
                };
                let at = format!("/responses/{key}/content/application~1json");
                example_object(o, &at, &name.wire, docs.as_deref(), b);
            }
            e.insert("response".into(), Value::Object(rm));
        }
        whole.push(Value::Object(e));
    }
    o.insert("x-examples".into(), Value::Array(whole));
}

/// An example's query as the spec writes it: a range as its two bound parameters.
fn example_query(op: &Operation, query: &[(String, Value)]) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, v) in query {
        let range = op.query.iter().find_map(|q| match &q.kind {
            crate::ir::QueryKindIr::Range(r) if &q.name.wire == name => Some((&r.from, &r.to)),
            _ => None,
        });
        match (range, v) {
            (Some((from, to)), Value::Object(bounds)) => {
                for (side, key) in [("from", from), ("to", to)] {
                    if let Some(b) = bounds.get(side) {
                        out.insert(key.clone(), b.clone());
                    }
                }
            }
            _ => {
                out.insert(name.clone(), v.clone());
            }
        }
    }
    out
}

/// Adds `{summary, value}` under the `examples` of the media type at `at` (a JSON Pointer
/// into the operation), when that media type is there.
fn example_object(o: &mut Map<String, Value>, at: &str, name: &str, docs: Option<&str>, v: &Value) {
    let mut op = Value::Object(std::mem::take(o));
    if let Some(Value::Object(media)) = op.pointer_mut(at) {
        let examples = media
            .entry("examples")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(examples) = examples {
            let mut e = Map::new();
            if let Some(d) = docs {
                e.insert("summary".into(), json!(d));
            }
            e.insert("value".into(), v.clone());
            examples.insert(name.to_string(), Value::Object(e));
        }
    }
    if let Value::Object(back) = op {
        *o = back;
    }
}

/// The `x-pagination` extension: the spec's `pagination` with wire names.
fn x_pagination(op: &Operation, p: &crate::ir::Pagination) -> Value {
    let crate::ir::Pagination {
        style,
        size,
        position,
        default_size,
        items,
        next,
        id,
        has_more,
        total,
        item: _,
    } = p;
    let wire = |rust: &Option<String>| {
        rust.as_ref().map(|rust| {
            op.query
                .iter()
                .find(|q| &q.name.rust == rust)
                .map(|q| q.name.wire.clone())
                .unwrap_or_else(|| rust.clone())
        })
    };
    let mut x = serde_json::Map::new();
    x.insert("style".into(), json!(style.as_str()));
    if let Some(size) = wire(size) {
        x.insert("size".into(), json!(size));
    }
    if let Some(position) = wire(position) {
        let key = match style {
            PaginationStyle::Offset | PaginationStyle::Page => "position",
            _ => "param",
        };
        x.insert(key.into(), json!(position));
    }
    x.insert("default_size".into(), json!(default_size));
    let paths = [
        ("items", items),
        ("next", next),
        ("id", id),
        ("has_more", has_more),
        ("total", total),
    ];
    for (key, v) in paths {
        if let Some(v) = v {
            x.insert(key.into(), json!(v));
        }
    }
    Value::Object(x)
}
