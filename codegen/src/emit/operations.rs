//! Emits one operation module: the client's methods, and per operation a request builder
//! (through the runtime's `builder!`), its setters, its `Request` wiring and, for paginated
//! operations, `stream()`.

use super::imports::{Imports, Rt};
use super::models::emit_enum;
use super::query::{request_call, setter, slot_type, slots, Slot};
use super::tokens::{doc_paragraphs, docs, error_body, error_type, field_base_type, ty};
use super::wrap;
use crate::ir::{Api, Group, Method, Operation, PaginationStyle, QueryKindIr, SessionRole};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The module for one spec file's operations.
pub fn emit(api: &Api, names: &super::Names, group: &Group) -> TokenStream {
    let im = Imports::new(names, true);
    let client = im.api(&api.client);
    let mut methods = Vec::new();
    let mut items = Vec::new();
    for op in &group.operations {
        let (method, item) = emit_op(api, names, op, &im);
        methods.push(method);
        items.push(item);
    }
    let doc = format!(" Operations from `{}`.", group.file);
    let uses = im.block();
    quote! {
        #![doc = #doc]
        #uses
        impl #client { #(#methods)* }
        #(#items)*
    }
}

fn method_call(m: Method) -> proc_macro2::Ident {
    format_ident!("{}", m.as_str().to_ascii_lowercase())
}

/// The client method and the builder items of one operation.
fn emit_op(
    api: &Api,
    names: &super::Names,
    op: &Operation,
    im: &Imports,
) -> (TokenStream, TokenStream) {
    let Operation {
        name,
        builder,
        method,
        path,
        segments: _,
        summary,
        docs: op_docs,
        path_params,
        query,
        body,
        inline_body,
        response,
        error_body: op_error,
        retry_safe,
        authenticated,
        pagination,
        session_role,
        examples,
    } = op;
    let crate::ir::Response {
        ty: response_ty,
        unwrap: response_unwrap,
        docs: response_docs,
        headers: response_headers,
    } = response;
    let builder_id = format_ident!("{}", builder);
    let method_id = ident(&name.rust);
    let error = error_type(op_error.as_ref(), api.error_body.as_ref(), im);
    let slots = slots(query);
    let (required, optional): (Vec<&Slot>, Vec<&Slot>) =
        slots.iter().partition(|s| s.param.required);
    let query_struct = format_ident!("{}Query", builder);

    // The builder's fields, the client method's arguments and what it passes to `new`.
    let mut fields = Vec::new();
    let mut args = Vec::new();
    let mut passed = Vec::new();
    for p in path_params {
        let n = ident(&p.name.rust);
        let t = ty(&p.ty, im);
        fields.push(quote!(#n: #t,));
        args.push(quote!(#n: impl Into<#t>));
        passed.push(quote!(#n.into()));
    }
    for s in &required {
        let f = &s.field;
        let t = slot_type(s.param, im);
        fields.push(quote!(#f: #t,));
        args.push(quote!(#f: impl Into<#t>));
        passed.push(quote!(#f.into()));
    }
    if !optional.is_empty() {
        fields.push(quote!(query: #query_struct,));
        passed.push(quote!(Default::default()));
    }
    let mut body_setters = Vec::new();
    if let Some(body) = body {
        let t = ty(body, im);
        fields.push(quote!(body: #t,));
        match inline_body {
            None => {
                args.push(quote!(body: #t));
                passed.push(quote!(body));
            }
            Some(body_fields) => {
                // Required members become arguments; the rest are setters on the builder.
                let mut required = Vec::new();
                for f in body_fields {
                    let n = ident(&f.name.rust);
                    let ft = field_base_type(f, im);
                    if !f.is_settable() {
                        args.push(quote!(#n: impl Into<#ft>));
                        required.push(n);
                        continue;
                    }
                    let value = if f.patch {
                        let patch = im.rt(Rt::Patch);
                        quote!(#patch::Value(value.into()))
                    } else if f.is_option() {
                        quote!(Some(value.into()))
                    } else {
                        quote!(value.into())
                    };
                    let differs = f.name.wire != f.name.rust.trim_start_matches("r#");
                    let note =
                        differs.then(|| format!("Sent as the body member `{}`.", f.name.wire));
                    let d = doc_paragraphs(&[f.docs.as_deref(), note.as_deref()]);
                    body_setters.push(quote! {
                        #d
                        pub fn #n(mut self, value: impl Into<#ft>) -> Self {
                            self.body.#n = #value;
                            self
                        }
                    });
                    if f.patch {
                        body_setters.push(super::models::inline_null_setter(f, im));
                    }
                }
                passed.push(quote!(#t::new(#(#required),*)));
            }
        }
    }

    // The client method, its first example opening the docs.
    let example_doc = if examples.is_empty() {
        None
    } else {
        super::examples::doc_example(api, names, op)
    };
    let http_line = format!("`{} {}`", method.as_str(), path);
    let method_doc = doc_paragraphs(&[
        summary.as_deref(),
        op_docs.as_deref(),
        Some(&http_line),
        response_docs.as_deref(),
        example_doc.as_deref(),
    ]);
    let client_method = quote! {
        #method_doc
        pub fn #method_id(&self, #(#args),*) -> #builder_id {
            #builder_id::new(&self.transport, #(#passed),*)
        }
    };

    // `to_request`: the `Request` chain.
    let out = match response_ty {
        Some(t) => ty(t, im),
        None => {
            let v = im.rt(Rt::Value);
            quote!(#v)
        }
    };
    let request = im.rt(Rt::Request);
    let verb = method_call(*method);
    let op_name = &name.wire;
    let mut chain = vec![quote!(#request::#verb(#op_name, #path))];
    if !path_params.is_empty() {
        let values = path_params.iter().map(|p| {
            let n = ident(&p.name.rust);
            quote!(&self.#n)
        });
        chain.push(quote!(.path_params(&[#(#values),*])));
    }
    chain.extend(slots.iter().map(|s| request_call(s.param, &s.field)));
    if body.is_some() {
        chain.push(quote!(.json(&self.body)));
    }
    if let Some(key) = response_unwrap {
        chain.push(quote!(.member(#key)));
    }
    match session_role {
        Some(SessionRole::Login | SessionRole::Refresh) => chain.push(quote!(.session_start())),
        Some(SessionRole::Logout) => chain.push(quote!(.session_end())),
        None => {}
    }
    let default_safe = matches!(method, Method::GET | Method::PUT | Method::DELETE);
    if *retry_safe != default_safe {
        chain.push(quote!(.retry_safe(#retry_safe)));
    }
    if !authenticated {
        chain.push(quote!(.unauthenticated()));
    }
    if let Some(p) = pagination {
        let paging = im.rt(Rt::Paging);
        let size = wire_of(op, &p.size);
        let position = wire_of(op, &p.position);
        let default_size = proc_macro2::Literal::u64_unsuffixed(p.default_size);
        let style = match p.style {
            PaginationStyle::Offset => quote!(Offset),
            PaginationStyle::Page => quote!(Page),
        };
        chain.push(quote! {
            .paging(#paging::#style { size: #size, position: #position, default_size: #default_size })
        });
    }
    chain.push(quote!(.build()));
    let bind_query = (!optional.is_empty()).then(|| quote!(let q = &self.query;));

    let builder_doc = docs(&format!(
        "Request builder for [`{}::{}`].",
        api.client,
        name.rust.trim_start_matches("r#")
    ));
    let (headers_alias, headers_def) = response_headers_items(api, op, response_headers, im);
    let mac = im.rt(Rt::Builder);
    let shell = wrap::items(
        &mac,
        quote! {
            #builder_doc
            pub struct #builder_id { #(#fields)* }
            #headers_alias
        },
        quote! {
            fn to_request(&self) -> Result<Request<#out>, #error> {
                #bind_query
                #(#chain)*
            }
        },
    );

    // Optional parameters, setters and the stream.
    let query_def = (!optional.is_empty()).then(|| {
        let defs = optional.iter().map(|s| {
            let f = &s.field;
            let t = slot_type(s.param, im);
            quote!(#f: #t,)
        });
        quote! {
            #[derive(Debug, Clone, Default)]
            struct #query_struct { #(#defs)* }
        }
    });
    let setters: Vec<TokenStream> = optional
        .iter()
        .map(|s| setter(s.param, &s.field, im))
        .collect();
    let stream = pagination.as_ref().map(|p| {
        let item = ty(&p.item, im);
        let e = error_body(op_error.as_ref(), im);
        let items_ty = im.rt(Rt::Items);
        let items_fn = im.rt(Rt::ItemsFn);
        let size = wire_of(op, &p.size);
        let how = match p.style {
            PaginationStyle::Offset => format!(
                "`{size}`/`{}`, ending after the last page",
                wire_of(op, &p.position)
            ),
            PaginationStyle::Page => "page numbers, ending on a short or empty page".to_string(),
        };
        let d = docs(&format!(
            "Every item, fetched lazily page by page ({how}). The page size is `{size}` if set, else {}.",
            p.default_size
        ));
        quote! {
            #d
            pub fn stream(self) -> #items_ty<#item, #e> {
                #items_fn(&self.transport, self.to_request())
            }
        }
    });
    let extra = (!setters.is_empty() || !body_setters.is_empty() || stream.is_some()).then(|| {
        quote! {
            impl #builder_id {
                #(#setters)*
                #(#body_setters)*
                #stream
            }
        }
    });
    let ordering_enums = query.iter().filter_map(|q| match &q.kind {
        QueryKindIr::Ordering {
            type_name, fields, ..
        } => {
            let d = docs(&format!(
                "Fields `{}` of [`{builder}`] can sort by.",
                q.name.wire
            ));
            Some(emit_enum(type_name, fields, d, im))
        }
        _ => None,
    });
    let items = quote! {
        #shell
        #headers_def
        #query_def
        #extra
        #(#ordering_enums)*
    };
    (client_method, items)
}

/// For an operation that documents response headers: the builder's `type Headers = ..;`
/// and the typed view of the headers (`<Builder>Headers`, in `response_headers!`).
fn response_headers_items(
    api: &Api,
    op: &Operation,
    headers: &[crate::ir::ResponseHeader],
    im: &Imports,
) -> (Option<TokenStream>, Option<TokenStream>) {
    if headers.is_empty() {
        return (None, None);
    }
    let name = format_ident!("{}Headers", op.builder);
    let fields = headers.iter().map(|h| {
        let crate::ir::ResponseHeader {
            name: hname,
            ty: scalar,
            docs: hdocs,
        } = h;
        let d = hdocs.as_deref().map(docs);
        let f = ident(&hname.rust);
        let t = ty(&crate::ir::Ty::Scalar(*scalar), im);
        let wire = &hname.wire;
        quote! { #d #[header(#wire)] #f: #t, }
    });
    let d = docs(&format!(
        "The response headers [`{}::{}`] documents, typed: `send_with_response().await?.typed_headers()`.",
        api.client,
        op.name.rust.trim_start_matches("r#")
    ));
    let mac = im.rt(Rt::ResponseHeaders);
    let def = wrap::item(&mac, quote! { #d pub struct #name { #(#fields)* } });
    (Some(quote!(type Headers = #name;)), Some(def))
}

/// The wire name of the query parameter whose Rust name is `rust`.
fn wire_of<'a>(op: &'a Operation, rust: &str) -> &'a str {
    op.query
        .iter()
        .find(|q| q.name.rust == rust)
        .map(|q| q.name.wire.as_str())
        .unwrap_or_default()
}
