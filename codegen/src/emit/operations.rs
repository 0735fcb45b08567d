//! Emits one operation module: the client's methods, and per operation a request builder
//! (through the runtime's `builder!`), its setters, its `Request` wiring and, for paginated
//! operations, `stream()`.

use super::imports::{Imports, Rt};
use super::models::emit_enum;
use super::tokens::{
    doc_paragraphs, docs, error_body, error_type, field_base_type, form_lists, ty,
};
use super::wrap;
use crate::ir::{
    Api, BodyEncoding, Group, Method, Operation, Pagination, PaginationStyle, Scalar, SessionRole,
    Ty,
};
use crate::naming::ident;
use crate::query::{setter, slots, Slot};
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
        headers,
        body,
        body_encoding,
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
        let t = s.param.kind.unit().slot_type(s.param, im);
        fields.push(quote!(#f: #t,));
        args.push(quote!(#f: impl Into<#t>));
        passed.push(quote!(#f.into()));
    }
    if !optional.is_empty() {
        fields.push(quote!(query: #query_struct,));
        passed.push(quote!(Default::default()));
    }
    let header_parts = header_params(headers, im);
    fields.extend(header_parts.fields);
    args.extend(header_parts.args);
    passed.extend(header_parts.passed);
    let mut body_setters = Vec::new();
    if let Some(body) = body {
        // A raw body is held as an `Upload` (bytes or a stream); anything that converts is
        // taken.
        let raw = matches!(body_encoding, BodyEncoding::Binary { .. });
        let t = match raw {
            true => {
                let b = im.rt(Rt::Upload);
                quote!(#b)
            }
            false => ty(body, im),
        };
        fields.push(quote!(body: #t,));
        match inline_body {
            None if raw => {
                args.push(quote!(body: impl Into<#t>));
                passed.push(quote!(body.into()));
            }
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
        header_parts.arg_docs.as_deref(),
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
    chain.extend(
        slots
            .iter()
            .map(|s| s.param.kind.unit().request_call(s.param, &s.field, im)),
    );
    chain.extend(headers.iter().map(|h| {
        let (wire, n) = (&h.name.wire, ident(&h.name.rust));
        quote!(.header(#wire, &self.#n))
    }));
    if body.is_some() {
        chain.push(match body_encoding {
            BodyEncoding::Json => quote!(.json(&self.body)),
            BodyEncoding::Form(lists) => {
                let lists = form_lists(*lists, im);
                quote!(.form(&self.body, #lists))
            }
            BodyEncoding::Multipart(lists) => {
                let lists = form_lists(*lists, im);
                quote!(.multipart(&self.body, #lists))
            }
            BodyEncoding::Binary { content_type } => quote!(.binary(&self.body, #content_type)),
        });
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
        let calls = paging_calls(op, p);
        chain.push(quote!(.paging(#paging #(#calls)*)));
    }
    chain.push(quote!(.build()));
    let bind_query = (!optional.is_empty()).then(|| quote!(let q = &self.query;));

    let builder_doc = docs(&format!(
        "Request builder for [`{}::{}`].",
        api.client,
        name.rust.trim_start_matches("r#")
    ));
    let (headers_alias, headers_def) = response_headers_items(api, op, response_headers, im);
    // A raw answer can also be read as a stream (`send_stream`).
    let stream_alias = matches!(response_ty, Some(Ty::Scalar(Scalar::Bytes))).then(|| {
        let t = im.rt(Rt::ByteStream);
        quote!(type Stream = #t;)
    });
    let mac = im.rt(Rt::Builder);
    let shell = wrap::items(
        &mac,
        quote! {
            #builder_doc
            pub struct #builder_id { #(#fields)* }
            #headers_alias
            #stream_alias
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
            let t = s.param.kind.unit().slot_type(s.param, im);
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
    let stream = pagination.as_ref().map(|p| stream_methods(op, p, &out, im));
    let header_setters = &header_parts.setters;
    let extra = (!setters.is_empty()
        || !header_setters.is_empty()
        || !body_setters.is_empty()
        || stream.is_some())
    .then(|| {
        quote! {
            impl #builder_id {
                #(#setters)*
                #(#header_setters)*
                #(#body_setters)*
                #stream
            }
        }
    });
    let ordering_enums = query.iter().filter_map(|q| {
        let (type_name, fields) = q.kind.unit().ordering_enum()?;
        let d = docs(&format!(
            "Fields `{}` of [`{builder}`] can sort by.",
            q.name.wire
        ));
        Some(emit_enum(type_name, fields, d, im))
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

/// What an operation's header parameters add to its builder.
struct HeaderParts {
    fields: Vec<TokenStream>,
    args: Vec<TokenStream>,
    passed: Vec<TokenStream>,
    setters: Vec<TokenStream>,
    /// The method docs' line naming the headers its arguments are sent as.
    arg_docs: Option<String>,
}

/// Required headers are arguments of the client method, optional ones `Option` fields with
/// a setter; a secret one is a `Secret`.
fn header_params(headers: &[crate::ir::HeaderParam], im: &Imports) -> HeaderParts {
    let mut parts = HeaderParts {
        fields: Vec::new(),
        args: Vec::new(),
        passed: Vec::new(),
        setters: Vec::new(),
        arg_docs: None,
    };
    let mut sent_as = Vec::new();
    for h in headers {
        let crate::ir::HeaderParam {
            name,
            ty: hty,
            required,
            secret,
            docs: hdocs,
        } = h;
        let n = ident(&name.rust);
        let t = if *secret {
            let s = im.rt(Rt::Secret);
            quote!(#s)
        } else {
            ty(hty, im)
        };
        if *required {
            parts.fields.push(quote!(#n: #t,));
            parts.args.push(quote!(#n: impl Into<#t>));
            parts.passed.push(quote!(#n.into()));
            let what = hdocs
                .as_deref()
                .map(|d| format!(": {}", d.trim().trim_end_matches('.')))
                .unwrap_or_default();
            sent_as.push(format!(
                "`{}` is sent as the header `{}`{what}",
                name.rust, name.wire
            ));
        } else {
            parts.fields.push(quote!(#n: Option<#t>,));
            parts.passed.push(quote!(None));
            let note = format!("Sent as the header `{}`.", name.wire);
            let d = doc_paragraphs(&[hdocs.as_deref(), Some(&note)]);
            parts.setters.push(quote! {
                #d
                pub fn #n(mut self, value: impl Into<#t>) -> Self {
                    self.#n = Some(value.into());
                    self
                }
            });
        }
    }
    if !sent_as.is_empty() {
        parts.arg_docs = Some(sent_as.join("; ") + ".");
    }
    parts
}

/// The runtime `Paging` of an operation, as `::constructor(..)` and setter calls.
fn paging_calls(op: &Operation, p: &Pagination) -> Vec<TokenStream> {
    let Pagination {
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
    let position = position
        .as_deref()
        .map(|r| wire_of(op, r))
        .unwrap_or_default();
    let size_wire = size.as_deref().map(|r| wire_of(op, r));
    let default_size = proc_macro2::Literal::u64_unsuffixed(*default_size);
    let next = next.as_deref().unwrap_or_default();
    let id = id.as_deref().unwrap_or_default();
    let mut calls = Vec::new();
    let numbered = |f: &str| {
        let f = format_ident!("{}", f);
        let size = size_wire.unwrap_or_default();
        quote!(::#f(#size, #position, #default_size))
    };
    calls.push(match style {
        PaginationStyle::Offset => numbered("offset"),
        PaginationStyle::Page => numbered("page"),
        PaginationStyle::Cursor => quote!(::cursor(#position, #next)),
        PaginationStyle::AfterLast => quote!(::after_last(#position, #id)),
        PaginationStyle::NextUrl => quote!(::next_url(#next)),
        PaginationStyle::LinkHeader => quote!(::link_header()),
    });
    let numbered = matches!(style, PaginationStyle::Offset | PaginationStyle::Page);
    if let (Some(size), false) = (size_wire, numbered) {
        calls.push(quote!(.size(#size, #default_size)));
    }
    if let Some(items) = items {
        calls.push(quote!(.items(#items)));
    }
    if let Some(has_more) = has_more {
        calls.push(quote!(.has_more(#has_more)));
    }
    if let Some(total) = total {
        calls.push(quote!(.total(#total)));
    }
    calls
}

/// How the docs describe a walk: what asks for the next page and what ends it.
fn walk_text(op: &Operation, p: &Pagination) -> String {
    let wire = |r: &Option<String>| r.as_deref().map(|r| wire_of(op, r)).unwrap_or_default();
    let position = wire(&p.position);
    let next = p.next.as_deref().unwrap_or_default();
    let mut how = match p.style {
        PaginationStyle::Offset => format!(
            "`{}`/`{position}`, ending after the last page",
            wire(&p.size)
        ),
        PaginationStyle::Page => "page numbers, ending on a short or empty page".to_string(),
        PaginationStyle::Cursor => {
            format!("the cursor `{next}` sent as `{position}`, ending when there is none")
        }
        PaginationStyle::AfterLast => format!(
            "the last item's `{}` sent as `{position}`, ending on an empty page",
            p.id.as_deref().unwrap_or_default()
        ),
        PaginationStyle::NextUrl => format!("the URL in `{next}`, ending when there is none"),
        PaginationStyle::LinkHeader => {
            "the `Link` header's `rel=\"next\"` URL, ending when there is none".to_string()
        }
    };
    if let Some(h) = &p.has_more {
        how.push_str(&format!(" or `{h}` is false"));
    }
    if let Some(t) = &p.total {
        how.push_str(&format!(" or `{t}` items were read"));
    }
    how
}

/// `stream()` and `pages()` of a paginated builder.
fn stream_methods(op: &Operation, p: &Pagination, out: &TokenStream, im: &Imports) -> TokenStream {
    let item = ty(&p.item, im);
    let e = error_body(op.error_body.as_ref(), im);
    let items_ty = im.rt(Rt::Items);
    let pages_ty = im.rt(Rt::Pages);
    let pages_fn = im.rt(Rt::PagesFn);
    let how = walk_text(op, p);
    let size = match &p.size {
        Some(s) => format!(
            " The page size is `{}` if set, else {}.",
            wire_of(op, s),
            p.default_size
        ),
        None => String::new(),
    };
    let follows = if matches!(
        p.style,
        PaginationStyle::NextUrl | PaginationStyle::LinkHeader
    ) {
        " Next URLs are followed only on the client's own scheme, host and port."
    } else {
        ""
    };
    let repeats = if matches!(p.style, PaginationStyle::Offset | PaginationStyle::Page) {
        ""
    } else {
        " A cursor or URL that repeats ends the stream with `Error::Paging`."
    };
    let d = docs(&format!(
        "Every item, fetched lazily page by page, one request at a time ({how}).{size}{follows}{repeats} `max_items`/`max_pages` cap it."
    ));
    let dp = docs(&format!(
        "Every page, whole (what `send()` returns, with its metadata), fetched lazily one request at a time ({how})."
    ));
    let items_call = if p.items.is_some() {
        let f = im.rt(Rt::ItemsAtFn);
        quote!(#f(&self.transport, self.to_request()))
    } else {
        let f = im.rt(Rt::ItemsFn);
        quote!(#f(&self.transport, self.to_request()))
    };
    quote! {
        #d
        pub fn stream(self) -> #items_ty<#item, #e> {
            #items_call
        }
        #dp
        pub fn pages(self) -> #pages_ty<#out, #e> {
            #pages_fn(&self.transport, self.to_request())
        }
    }
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
