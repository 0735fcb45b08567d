//! Emits an API's `examples.rs` (one test per example of the spec, run by the crate's
//! `example_check` against a local server) and the example call that opens an operation's
//! rustdoc.

use super::imports::Imports;
use super::tokens::{field_base_type, ty};
use crate::ir::{Api, BodyEncoding, Example, Field, Operation, Ty};
use crate::naming::ident;
use crate::query::{slots, ExampleArg, ExampleEmit};
use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};
use serde_json::Value;

/// Whether an API has any example (and so an `examples` module).
pub fn any(api: &Api) -> bool {
    api.groups
        .iter()
        .flat_map(|g| &g.operations)
        .any(|op| !op.examples.is_empty())
}

/// The API's `examples.rs`: a module per operation, a test per example.
pub fn emit(api: &Api, names: &super::Names) -> TokenStream {
    let im = Imports::new(names, true);
    let client = im.api(&api.client);
    let mut mods = Vec::new();
    let used_val = std::cell::Cell::new(false);
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        if op.examples.is_empty() {
            continue;
        }
        let tests = op
            .examples
            .iter()
            .map(|ex| test(api, op, ex, &client, &im, &used_val));
        let m = ident(&op.name.rust);
        let doc = format!(" The examples of `{}`.", op.name.wire);
        mods.push(quote! {
            #[doc = #doc]
            mod #m {
                use super::*;
                #(#tests)*
            }
        });
    }
    let uses = im.block();
    let check = if used_val.get() {
        quote!(
            use crate::example_check::{val, Answer, Exchange};
        )
    } else {
        quote!(
            use crate::example_check::{Answer, Exchange};
        )
    };
    quote! {
        //! The spec's examples as tests: each sends its request to a local server answering
        //! with its response, checks the request byte for byte and the typed answer.
        #uses
        #check
        #(#mods)*
    }
}

/// A raw string literal holding `s`; an escaped one when `s` has control characters (a
/// multipart body's CR LF), which a raw literal would carry into the file unseen.
fn raw(s: &str) -> Literal {
    if s.chars().any(|c| c.is_control() && c != '\n') {
        return Literal::string(s);
    }
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
        .parse()
        .expect("a raw string literal")
}

fn test(
    api: &Api,
    op: &Operation,
    ex: &Example,
    client: &proc_macro2::Ident,
    im: &Imports,
    used_val: &std::cell::Cell<bool>,
) -> TokenStream {
    let Example {
        name,
        docs,
        path: _,
        query: _,
        headers,
        body: _,
        target,
        body_wire,
        response,
    } = ex;
    let method = op.method.as_str();
    let sent_headers = headers.iter().map(|(n, _, text)| quote!((#n, #text)));
    let body = match body_wire {
        Some(b) => {
            let b = raw(b);
            quote!(Some(#b))
        }
        None => quote!(None),
    };
    let answer = match response {
        None => quote!(None),
        Some(r) => {
            let crate::ir::ExampleResponse {
                status,
                failed,
                headers,
                kept,
                body,
            } = r;
            let status = Literal::u16_unsuffixed(*status);
            let headers = headers.iter().map(|(k, v)| quote!((#k, #v)));
            let body = match body {
                Some(b) => {
                    let b = raw(&b.to_string());
                    quote!(Some(#b))
                }
                None => quote!(None),
            };
            quote!(Some(Answer {
                status: #status,
                failed: #failed,
                headers: &[#(#headers),*],
                body: #body,
                kept: &[#(#kept),*],
            }))
        }
    };
    let call = call(api, op, ex, im, &|t, json| {
        used_val.set(true);
        let json = raw(json);
        quote!(val::<#t>(#json))
    });
    let f = format_ident!("{}", name.rust);
    let doc = docs.as_deref().map(|d| {
        let d = format!(" {}", d.trim().replace('\n', " "));
        quote!(#[doc = #d])
    });
    quote! {
        #doc
        #[tokio::test]
        async fn #f() {
            let exchange = Exchange {
                method: #method,
                target: #target,
                headers: &[#(#sent_headers),*],
                body: #body,
                answer: #answer,
            };
            let server = exchange.serve().await;
            let client = #client::new(server.config()).unwrap();
            let result = #call.send().await;
            server.check(result).await;
        }
    }
}

/// A value of type `t` for the call: a literal for plain scalars, else `parse(t, json)`.
fn value(cx: &Cx<'_>, t: &Ty, base: &dyn Fn() -> TokenStream, v: &Value) -> TokenStream {
    literal(cx, t, v).unwrap_or_else(|| (cx.parse)(base(), &v.to_string()))
}

/// What writing a value needs: the API's models (enum values are written as variants),
/// the file's imports and how a value that has no literal is parsed from its JSON.
struct Cx<'a> {
    models: &'a [crate::ir::Model],
    im: &'a Imports<'a>,
    parse: &'a dyn Fn(TokenStream, &str) -> TokenStream,
}

/// A Rust literal for a plain scalar value.
fn literal(cx: &Cx<'_>, t: &Ty, v: &Value) -> Option<TokenStream> {
    use crate::ir::{ModelKind, Scalar};
    match (t, v) {
        (Ty::Model(name), Value::String(s)) => {
            let i = cx
                .models
                .binary_search_by(|m| m.name.rust.cmp(&name.rust))
                .ok()?;
            let ModelKind::Enum(e) = &cx.models[i].kind else {
                return None;
            };
            let variant = e.variants.iter().find(|x| &x.wire == s && !e.integer)?;
            let ty = cx.im.api(&name.rust);
            let variant = format_ident!("{}", variant.rust);
            Some(quote!(#ty::#variant))
        }
        (Ty::Scalar(Scalar::String), Value::String(s)) => Some(quote!(#s)),
        (Ty::Scalar(Scalar::Integer), Value::Number(n)) => {
            let n = Literal::i64_suffixed(n.as_i64()?);
            Some(quote!(#n))
        }
        (Ty::Scalar(Scalar::Number), Value::Number(n)) => {
            let n = Literal::f64_suffixed(n.as_f64()?);
            Some(quote!(#n))
        }
        (Ty::Scalar(Scalar::Boolean), Value::Bool(b)) => Some(quote!(#b)),
        _ => None,
    }
}

/// `client.op(required..)` with a setter per optional value the example sets.
fn call(
    api: &Api,
    op: &Operation,
    ex: &Example,
    im: &Imports,
    parse: &dyn Fn(TokenStream, &str) -> TokenStream,
) -> TokenStream {
    let cx = &Cx {
        models: &api.models,
        im,
        parse,
    };
    let method = ident(&op.name.rust);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for (p, (_, v)) in op.path_params.iter().zip(&ex.path) {
        args.push(value(cx, &p.ty, &|| ty(&p.ty, im), v));
    }
    for s in slots(&op.query) {
        let Some((_, v)) = ex.query.iter().find(|(k, _)| *k == s.param.name.wire) else {
            continue;
        };
        let f = &s.field;
        let ex = ExampleEmit {
            im,
            value: &|t: &Ty, v: &Value| value(cx, t, &|| ty(t, im), v),
            literal: &|t: &Ty, v: &Value| literal(cx, t, v),
        };
        let arg = match s.param.kind.unit().example_arg(s.param, v, &ex) {
            ExampleArg::Value(arg) => arg,
            ExampleArg::Call(call) => {
                setters.push(call);
                continue;
            }
            ExampleArg::Skip => continue,
        };
        if s.param.required {
            args.push(arg);
        } else {
            setters.push(quote!(.#f(#arg)));
        }
    }
    for h in &op.headers {
        let Some((_, v, _)) = ex.headers.iter().find(|(n, _, _)| *n == h.name.wire) else {
            continue;
        };
        let t = match h.secret {
            true => Ty::Scalar(crate::ir::Scalar::String),
            false => h.ty.clone(),
        };
        let arg = value(cx, &t, &|| ty(&t, im), v);
        let n = ident(&h.name.rust);
        match h.required {
            true => args.push(arg),
            false => setters.push(quote!(.#n(#arg))),
        }
    }
    if let (Some(t), Some(body)) = (&op.body, &ex.body) {
        match &op.inline_body {
            // A raw body's text is its bytes: a string literal converts.
            None if matches!(op.body_encoding, BodyEncoding::Binary { .. }) => {
                let text = body.as_str().unwrap_or_default();
                args.push(quote!(#text));
            }
            None => args.push(parse(ty(t, im), &body.to_string())),
            Some(fields) => inline_body(cx, fields, body, &mut args, &mut setters),
        }
    }
    quote!(client.#method(#(#args),*)#(#setters)*)
}

fn inline_body(
    cx: &Cx<'_>,
    fields: &[Field],
    body: &Value,
    args: &mut Vec<TokenStream>,
    setters: &mut Vec<TokenStream>,
) {
    for f in fields {
        let n = ident(&f.name.rust);
        let v = body.get(&f.name.wire);
        let vt = if f.secret {
            Ty::Scalar(crate::ir::Scalar::String)
        } else {
            f.ty.clone()
        };
        let base = || {
            if f.secret {
                quote!(String)
            } else {
                field_base_type(f, cx.im)
            }
        };
        match v {
            Some(v) if !f.is_settable() => args.push(value(cx, &vt, &base, v)),
            None if !f.is_settable() => args.push((cx.parse)(base(), "null")),
            Some(Value::Null) if f.patch => {
                let null = format_ident!("{}_null", f.name.rust.trim_start_matches("r#"));
                setters.push(quote!(.#null()));
            }
            Some(v) => {
                let v = value(cx, &vt, &base, v);
                setters.push(quote!(.#n(#v)));
            }
            None => {}
        }
    }
}

/// The operation's first example as a doctest that compiles against the crate (and is not
/// run: it would need the server), in Markdown.
pub fn doc_example(api: &Api, names: &super::Names, op: &Operation) -> Option<String> {
    let ex = op.examples.first()?;
    let module = format!(
        "generated_client::{}",
        api.name.rust.trim_start_matches("r#")
    );
    let im = Imports::from_module(names, Some(module.clone()));
    let client = im.api(&api.client);
    let call = call(api, op, ex, &im, &|t, json| {
        let json = raw(json);
        quote!(serde_json::from_str::<#t>(#json)?)
    });
    let uses = im.block();
    let file: syn::File = syn::parse2(quote! {
        #uses
        async fn example(client: #client) -> Result<(), Box<dyn std::error::Error>> {
            let answer = #call.send().await?;
            Ok(())
        }
    })
    .ok()?;
    let text = prettyplease::unparse(&file);
    let mut out = String::from("# Example\n\n```no_run\n");
    let mut in_body = false;
    for line in text.lines() {
        if line.starts_with("async fn example") {
            in_body = true;
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        } else if !in_body {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        } else if line == "}" {
            out.push_str("# let _ = answer;\n# Ok(()) }\n");
        } else if line.trim() == "Ok(())" {
        } else {
            out.push_str(line.strip_prefix("    ").unwrap_or(line));
            out.push('\n');
        }
    }
    out.push_str("```");
    Some(out)
}
