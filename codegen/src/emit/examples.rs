//! Emits an API's `examples.rs` (one test per example of the spec, run by the crate's
//! `example_check` against a local server) and the example call that opens an operation's
//! rustdoc.

use super::imports::Imports;
use super::query::slots;
use super::tokens::{field_base_type, ty};
use crate::ir::{Api, Example, Field, Operation, QueryKindIr, Ty};
use crate::naming::ident;
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
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        if op.examples.is_empty() {
            continue;
        }
        let tests = op.examples.iter().map(|ex| test(op, ex, &client, &im));
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
    quote! {
        //! The spec's examples as tests: each sends its request to a local server answering
        //! with its response, checks the request byte for byte and the typed answer.
        #uses
        use crate::example_check::{val, Answer, Exchange};
        #(#mods)*
    }
}

/// A raw string literal holding `s`.
fn raw(s: &str) -> Literal {
    let mut hashes = 1;
    while s.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let h = "#".repeat(hashes);
    format!("r{h}\"{s}\"{h}")
        .parse()
        .expect("a raw string literal")
}

fn test(op: &Operation, ex: &Example, client: &proc_macro2::Ident, im: &Imports) -> TokenStream {
    let Example {
        name,
        docs,
        path: _,
        query: _,
        body: _,
        target,
        body_wire,
        response,
    } = ex;
    let method = op.method.as_str();
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
            let status = Literal::u16_unsuffixed(r.status);
            let headers = r.headers.iter().map(|(k, v)| quote!((#k, #v)));
            let body = match &r.body {
                Some(b) => {
                    let b = raw(&b.to_string());
                    quote!(Some(#b))
                }
                None => quote!(None),
            };
            let kept = &r.kept;
            quote!(Some(Answer {
                status: #status,
                headers: &[#(#headers),*],
                body: #body,
                kept: &[#(#kept),*],
            }))
        }
    };
    let call = call(op, ex, im, &|t, json| {
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
fn value(
    t: &Ty,
    base: &dyn Fn() -> TokenStream,
    v: &Value,
    parse: &dyn Fn(TokenStream, &str) -> TokenStream,
) -> TokenStream {
    literal(t, v).unwrap_or_else(|| parse(base(), &v.to_string()))
}

/// A Rust literal for a plain scalar value.
fn literal(t: &Ty, v: &Value) -> Option<TokenStream> {
    use crate::ir::Scalar;
    match (t, v) {
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
pub fn call(
    op: &Operation,
    ex: &Example,
    im: &Imports,
    parse: &dyn Fn(TokenStream, &str) -> TokenStream,
) -> TokenStream {
    let method = ident(&op.name.rust);
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for (p, (_, v)) in op.path_params.iter().zip(&ex.path) {
        args.push(value(&p.ty, &|| ty(&p.ty, im), v, parse));
    }
    for s in slots(&op.query) {
        let Some((_, v)) = ex.query.iter().find(|(k, _)| *k == s.param.name.wire) else {
            continue;
        };
        let f = &s.field;
        let vt = match &s.param.kind {
            QueryKindIr::Value { ty: t, .. } => t.clone(),
            QueryKindIr::Csv { ty: t } => Ty::List(Box::new(t.clone())),
            _ => continue,
        };
        let base = || ty(&vt, im);
        if s.param.required {
            args.push(value(&vt, &base, v, parse));
        } else if v.is_null() {
            let null = format_ident!("{}_null", s.param.name.rust.trim_start_matches("r#"));
            setters.push(quote!(.#null()));
        } else {
            let v = match (&vt, v) {
                // A list setter takes any iterable: plain values read best as an array.
                (Ty::List(item), Value::Array(items))
                    if items.iter().all(|x| literal(item, x).is_some()) =>
                {
                    let items = items.iter().filter_map(|x| literal(item, x));
                    quote!([#(#items),*])
                }
                _ => value(&vt, &base, v, parse),
            };
            setters.push(quote!(.#f(#v)));
        }
    }
    if let (Some(t), Some(body)) = (&op.body, &ex.body) {
        match &op.inline_body {
            None => args.push(parse(ty(t, im), &body.to_string())),
            Some(fields) => inline_body(fields, body, im, parse, &mut args, &mut setters),
        }
    }
    quote!(client.#method(#(#args),*)#(#setters)*)
}

fn inline_body(
    fields: &[Field],
    body: &Value,
    im: &Imports,
    parse: &dyn Fn(TokenStream, &str) -> TokenStream,
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
                field_base_type(f, im)
            }
        };
        match v {
            Some(v) if !f.is_settable() => args.push(value(&vt, &base, v, parse)),
            None if !f.is_settable() => args.push(parse(base(), "null")),
            Some(Value::Null) if f.patch => {
                let null = format_ident!("{}_null", f.name.rust.trim_start_matches("r#"));
                setters.push(quote!(.#null()));
            }
            Some(v) => {
                let v = value(&vt, &base, v, parse);
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
    let call = call(op, ex, &im, &|t, json| {
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
