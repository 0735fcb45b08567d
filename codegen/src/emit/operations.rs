//! Emits one operation module: a client method and a typed request builder per operation,
//! with query encoding, path building, body, response decoding and page streams.

use super::models::emit_enum;
use super::tokens::{doc_paragraphs, docs, field_base_type, ty, Models};
use crate::ir::{
    Api, Group, Method, Operation, OrderingStyle, PaginationStyle, PathSegment, QueryKindIr,
    QueryParam, Scalar, SessionRole, Ty,
};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The module for one spec file's operations.
pub fn emit(api: &Api, group: &Group) -> TokenStream {
    let ops = group.operations.iter().map(|op| emit_op(api, op));
    let doc = format!(" Operations from `{}`.", group.file);
    quote! {
        #![doc = #doc]
        #(#ops)*
    }
}

/// A query parameter flattened to the builder field it is stored in.
struct Slot<'a> {
    field: proc_macro2::Ident,
    param: &'a QueryParam,
}

fn slots(op: &Operation) -> Vec<Slot<'_>> {
    let mut out = Vec::new();
    for q in &op.query {
        match &q.kind {
            QueryKindIr::Group { members } => out.extend(members.iter().map(|m| Slot {
                field: ident(&m.name.rust),
                param: m,
            })),
            _ => out.push(Slot {
                field: ident(&q.name.rust),
                param: q,
            }),
        }
    }
    out
}

fn value_ty(t: &Ty) -> TokenStream {
    ty(t, Models::Super)
}

/// The builder field's type for a query parameter.
fn slot_type(q: &QueryParam) -> TokenStream {
    match &q.kind {
        QueryKindIr::Value { ty, null_value } => {
            let t = value_ty(ty);
            match (q.required, null_value.is_some()) {
                (true, _) => t,
                (false, true) => quote!(Option<Option<#t>>),
                (false, false) => quote!(Option<#t>),
            }
        }
        QueryKindIr::Csv { ty } => {
            let t = value_ty(ty);
            quote!(Vec<#t>)
        }
        QueryKindIr::Ordering {
            type_name, multi, ..
        } => {
            let t = format_ident!("{}", type_name);
            if *multi {
                quote!(Vec<crate::types::Order<#t>>)
            } else {
                quote!(Option<crate::types::Order<#t>>)
            }
        }
        QueryKindIr::Range { ty, .. } => {
            let t = value_ty(ty);
            quote!(crate::types::Range<#t>)
        }
        QueryKindIr::Tristate { .. } => quote!(Option<crate::types::TriState>),
        QueryKindIr::Group { .. } => quote!(()),
    }
}

/// `impl Into<T>` for value-like parameters, so `&str`, enums and numbers all fit.
fn setter(q: &QueryParam, field: &proc_macro2::Ident) -> TokenStream {
    let wire_note = match &q.kind {
        QueryKindIr::Range { from, to, .. } => {
            format!("Sent as `{from}` (lower bound) and `{to}` (upper bound); set either or both.")
        }
        QueryKindIr::Csv { .. } => format!("Sent comma-joined as `{}`.", q.name.wire),
        QueryKindIr::Ordering {
            style: OrderingStyle::FieldFlag,
            field_param,
            reversed_param,
            ..
        } => {
            format!("Sent as `{field_param}` and `{reversed_param}` (`true` for descending).")
        }
        QueryKindIr::Ordering { multi: true, .. } => {
            format!(
                "Sent as `{}`, comma-joined, `-` marking descending fields.",
                q.name.wire
            )
        }
        QueryKindIr::Ordering { .. } => {
            format!("Sent as `{}`, `-` marking descending.", q.name.wire)
        }
        QueryKindIr::Tristate { all_value } => {
            format!("Sent as `{}`: `true`, `false`, or `{all_value}` for [`TriState::All`](crate::types::TriState::All).", q.name.wire)
        }
        _ => format!("Sent as `{}`.", q.name.wire),
    };
    let doc = doc_paragraphs(&[q.docs.as_deref(), Some(&wire_note)]);
    match &q.kind {
        QueryKindIr::Value { ty, null_value } => {
            let t = value_ty(ty);
            let set = if null_value.is_some() {
                quote!(Some(Some(value.into())))
            } else {
                quote!(Some(value.into()))
            };
            let null = null_value.as_ref().map(|lit| {
                let m = format_ident!("{}_null", q.name.rust.trim_start_matches("r#"));
                let d = docs(&format!(
                    "Sends `{}={lit}`: selects items that have no `{}`.",
                    q.name.wire, q.name.wire
                ));
                quote! { #d pub fn #m(mut self) -> Self { self.#field = Some(None); self } }
            });
            quote! {
                #doc
                pub fn #field(mut self, value: impl Into<#t>) -> Self { self.#field = #set; self }
                #null
            }
        }
        QueryKindIr::Csv { ty } => {
            let t = value_ty(ty);
            quote! {
                #doc
                pub fn #field<I: Into<#t>>(mut self, values: impl IntoIterator<Item = I>) -> Self {
                    self.#field = values.into_iter().map(Into::into).collect();
                    self
                }
            }
        }
        QueryKindIr::Ordering {
            type_name, multi, ..
        } => {
            let t = format_ident!("{}", type_name);
            if *multi {
                quote! {
                    #doc
                    pub fn #field(mut self, orders: impl IntoIterator<Item = crate::types::Order<#t>>) -> Self {
                        self.#field = orders.into_iter().collect();
                        self
                    }
                }
            } else {
                quote! {
                    #doc
                    pub fn #field(mut self, order: crate::types::Order<#t>) -> Self { self.#field = Some(order); self }
                }
            }
        }
        QueryKindIr::Range { ty, .. } => {
            let t = value_ty(ty);
            quote! {
                #doc
                pub fn #field(mut self, range: impl Into<crate::types::Range<#t>>) -> Self { self.#field = range.into(); self }
            }
        }
        QueryKindIr::Tristate { .. } => quote! {
            #doc
            pub fn #field(mut self, value: crate::types::TriState) -> Self { self.#field = Some(value); self }
        },
        QueryKindIr::Group { .. } => quote!(),
    }
}

/// Statements pushing one parameter onto `q`.
fn push(q: &QueryParam, field: &proc_macro2::Ident) -> TokenStream {
    let wire = &q.name.wire;
    match &q.kind {
        QueryKindIr::Value { null_value, .. } => match (q.required, null_value) {
            (true, _) => quote!(q.push(#wire, &self.#field);),
            (false, Some(lit)) => quote! {
                match &self.#field {
                    Some(Some(v)) => q.push(#wire, v),
                    Some(None) => q.push_raw(#wire, #lit),
                    None => {}
                }
            },
            (false, None) => quote!(q.push_opt(#wire, self.#field.as_ref());),
        },
        QueryKindIr::Csv { .. } => quote!(q.push_csv(#wire, &self.#field);),
        QueryKindIr::Ordering {
            style: OrderingStyle::Prefix,
            multi: true,
            ..
        } => {
            quote!(q.push_ordering(#wire, &self.#field);)
        }
        QueryKindIr::Ordering {
            style: OrderingStyle::Prefix,
            ..
        } => {
            quote!(q.push_ordering(#wire, self.#field.as_slice());)
        }
        QueryKindIr::Ordering {
            field_param,
            reversed_param,
            ..
        } => {
            quote!(q.push_ordering_flag(#field_param, #reversed_param, self.#field.as_ref());)
        }
        QueryKindIr::Range { from, to, .. } => quote!(q.push_range(#from, #to, &self.#field);),
        QueryKindIr::Tristate { all_value } => {
            quote!(q.push_tristate(#wire, self.#field, #all_value);)
        }
        QueryKindIr::Group { .. } => quote!(),
    }
}

fn method_tokens(m: Method) -> TokenStream {
    match m {
        Method::GET => quote!(reqwest::Method::GET),
        Method::POST => quote!(reqwest::Method::POST),
        Method::PUT => quote!(reqwest::Method::PUT),
        Method::PATCH => quote!(reqwest::Method::PATCH),
        Method::DELETE => quote!(reqwest::Method::DELETE),
    }
}

fn emit_op(api: &Api, op: &Operation) -> TokenStream {
    let client = format_ident!("{}", api.client);
    let builder = format_ident!("{}", op.builder);
    let method = ident(&op.name.rust);
    let slots = slots(op);
    let error_ty = match &op.error_body {
        Some(t) if Some(t) == api.error_body.as_ref() => quote!(super::Error),
        Some(t) => {
            let t = value_ty(t);
            quote!(crate::Error<#t>)
        }
        None => quote!(crate::Error),
    };

    // Arguments of the client method: path parameters, required query values, the body.
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut fields = Vec::new();
    for p in &op.path_params {
        let n = ident(&p.name.rust);
        let t = value_ty(&p.ty);
        args.push(quote!(#n: impl Into<#t>));
        inits.push(quote!(#n: #n.into()));
        let d = doc_paragraphs(&[p.docs.as_deref()]);
        fields.push(quote!(#d #n: #t,));
    }
    for s in &slots {
        let t = slot_type(s.param);
        let f = &s.field;
        fields.push(quote!(#f: #t,));
        if s.param.required {
            args.push(quote!(#f: impl Into<#t>));
        }
        inits.push(slot_init_named(s));
    }
    let mut body_setters = Vec::new();
    if let Some(body) = &op.body {
        let t = value_ty(body);
        fields.push(quote!(body: #t,));
        match &op.inline_body {
            None => {
                args.push(quote!(body: #t));
                inits.push(quote!(body));
            }
            Some(body_fields) => {
                // Required members become arguments; the rest are setters on the builder.
                let mut required = Vec::new();
                for f in body_fields {
                    let n = ident(&f.name.rust);
                    let ft = field_base_type(f, Models::Super);
                    if !f.is_option() && f.default.is_none() {
                        args.push(quote!(#n: impl Into<#ft>));
                        required.push(n);
                        continue;
                    }
                    let with = format_ident!("with_{}", f.name.rust.trim_start_matches("r#"));
                    let note = format!("Sent as the body member `{}`.", f.name.wire);
                    let d = doc_paragraphs(&[f.docs.as_deref(), Some(&note)]);
                    body_setters.push(quote! {
                        #d
                        pub fn #n(mut self, value: impl Into<#ft>) -> Self {
                            self.body = self.body.#with(value);
                            self
                        }
                    });
                }
                inits.push(quote!(body: #t::new(#(#required),*)));
            }
        }
    }

    let setters = slots
        .iter()
        .filter(|s| !s.param.required)
        .map(|s| setter(s.param, &s.field));
    let pushes = slots.iter().map(|s| push(s.param, &s.field));
    let query_init = if slots.is_empty() {
        quote!(let q = crate::query::Query::new();)
    } else {
        quote!(let mut q = crate::query::Query::new();)
    };

    // Path: literal text and encoded parameters.
    let path_parts = op.segments.iter().map(|seg| match seg {
        PathSegment::Literal(l) => quote!(path.push_str(#l);),
        PathSegment::Param(p) => {
            let n = ident(p);
            quote!(path.push_str(&crate::transport::encode_path_segment(&crate::query::QueryValue::to_query(&self.#n)));)
        }
    });

    let op_name = &op.name.wire;
    let http = method_tokens(op.method);
    let template = &op.path;
    let retry_safe = op.retry_safe;
    let authenticated = op.authenticated;
    let body_expr = if op.body.is_some() {
        quote! {
            Some(serde_json::to_value(&self.body).map_err(|e| crate::Error::InvalidRequest {
                operation: #op_name,
                message: format!("cannot serialize the body: {e}"),
            })?)
        }
    } else {
        quote!(None)
    };

    let (resp_ty, send_body) = response(op, api.lenient);
    let stream = op.pagination.as_ref().map(|p| stream(op, p, &error_ty));
    let ordering_enums = op.query.iter().filter_map(|q| match &q.kind {
        QueryKindIr::Ordering {
            type_name, fields, ..
        } => {
            let d = docs(&format!(
                "Fields `{}` of [`{}`] can sort by.",
                q.name.wire, op.builder
            ));
            let e = emit_enum(type_name, fields, false);
            Some(quote!(#d #e))
        }
        _ => None,
    });

    let http_line = format!("`{} {}`", op.method.as_str(), op.path);
    let method_doc = doc_paragraphs(&[
        op.summary.as_deref(),
        op.docs.as_deref(),
        Some(&http_line),
        op.response.docs.as_deref(),
    ]);
    let builder_doc = docs(&format!(
        "Request builder for [`{client}::{m}`](super::{client}::{m}): set parameters, then call `send`.",
        m = op.name.rust.trim_start_matches("r#")
    ));
    let send_doc = docs("Sends the request and decodes the response.");
    let to_request_doc = docs("The request this builder describes, without sending it.");
    let timeout_doc = docs("Overrides the client's whole-request timeout for this request.");
    quote! {
        impl super::#client {
            #method_doc
            pub fn #method(&self, #(#args),*) -> #builder<'_> {
                #builder { client: self, #(#inits,)* timeout: None }
            }
        }

        #builder_doc
        #[derive(Debug, Clone)]
        #[must_use = "a request does nothing until `send` is called"]
        pub struct #builder<'a> {
            client: &'a super::#client,
            #(#fields)*
            timeout: Option<std::time::Duration>,
        }

        impl<'a> #builder<'a> {
            #(#setters)*
            #(#body_setters)*

            #timeout_doc
            pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
                self.timeout = Some(timeout);
                self
            }

            #to_request_doc
            pub fn to_request(&self) -> Result<crate::transport::Request, #error_ty> {
                #query_init
                #(#pushes)*
                let mut path = String::new();
                #(#path_parts)*
                Ok(crate::transport::Request {
                    operation: #op_name,
                    method: #http,
                    path_template: #template,
                    path,
                    query: q,
                    body: #body_expr,
                    retry_safe: #retry_safe,
                    timeout: self.timeout,
                    authenticated: #authenticated,
                })
            }

            #send_doc
            pub async fn send(self) -> Result<#resp_ty, #error_ty> {
                let request = self.to_request()?;
                #send_body
            }

            #stream
        }

        #(#ordering_enums)*
    }
}

fn slot_init_named(s: &Slot<'_>) -> TokenStream {
    let f = &s.field;
    if s.param.required {
        quote!(#f: #f.into())
    } else {
        quote!(#f: Default::default())
    }
}

/// The response type and the body of `send`.
fn response(op: &Operation, lenient: bool) -> (TokenStream, TokenStream) {
    let transport = quote!(self.client.transport);
    let t = match &op.response.ty {
        Some(t) => value_ty(t),
        None => quote!(serde_json::Value),
    };
    if matches!(op.response.ty, Some(Ty::Scalar(Scalar::Bytes))) {
        return (t, quote!(#transport.send_bytes(request).await));
    }
    if matches!(
        op.session_role,
        Some(SessionRole::Login | SessionRole::Refresh)
    ) {
        return (
            t.clone(),
            quote!(#transport.send_session_start::<#t, _>(request).await),
        );
    }
    // A model decodes leniently through its fields; anything else (numbers, lists, maps)
    // of a lenient API goes through `LenientBody`.
    let wrap = lenient
        && matches!(
            &op.response.ty,
            Some(Ty::Scalar(_) | Ty::List(_) | Ty::Map(_))
        );
    let decoded = if wrap {
        quote!(crate::de::LenientBody<#t>)
    } else {
        t.clone()
    };
    let mut call = match &op.response.unwrap {
        Some(key) => quote!(#transport.send_unwrapped::<#decoded, _>(request, #key).await),
        None => quote!(#transport.send_json::<#decoded, _>(request).await),
    };
    if wrap {
        call = quote!(#call.map(|body| body.0));
    }
    if op.session_role == Some(SessionRole::Logout) {
        call = quote! {
            let result = #call;
            if let Some(session) = #transport.session() {
                session.clear();
            }
            result
        };
    }
    (t, call)
}

/// `stream()` for paginated operations.
fn stream(op: &Operation, p: &crate::ir::Pagination, error_ty: &TokenStream) -> TokenStream {
    let item = value_ty(&p.item);
    let size = ident(&p.size);
    let position = ident(&p.position);
    let default_size = p.default_size;
    let (walker, fetched, start, doc) = match p.style {
        PaginationStyle::Offset => (
            quote!(crate::paging::offset_stream),
            quote!(crate::types::Page<#item>),
            quote!(self.#position.and_then(|v| u64::try_from(v).ok()).unwrap_or(0)),
            format!(
                "Every item, fetched lazily page by page (`{}`/`{}`), stopping after the last page. The page size is `{}` if set, else {default_size}.",
                op.query.iter().find(|q| q.name.rust == p.size).map(|q| q.name.wire.as_str()).unwrap_or_default(),
                op.query.iter().find(|q| q.name.rust == p.position).map(|q| q.name.wire.as_str()).unwrap_or_default(),
                p.size
            ),
        ),
        PaginationStyle::Page => (
            quote!(crate::paging::page_stream),
            quote!(Vec<#item>),
            quote!(self.#position.and_then(|v| u64::try_from(v).ok()).unwrap_or(1)),
            format!(
                "Every item, fetched lazily page by page, ending on a short or empty page. The page size is `{}` if set, else {default_size}.",
                p.size
            ),
        ),
    };
    let doc = docs(&doc);
    quote! {
        #doc
        pub fn stream(self) -> impl futures_core::Stream<Item = Result<#item, #error_ty>> + Unpin + 'a {
            let size = self.#size.and_then(|v| u64::try_from(v).ok()).filter(|v| *v > 0).unwrap_or(#default_size);
            let start = #start;
            #walker(size, start, move |size, position| {
                let page = self
                    .clone()
                    .#size(i64::try_from(size).unwrap_or(i64::MAX))
                    .#position(i64::try_from(position).unwrap_or(i64::MAX));
                async move {
                    let request = page.to_request()?;
                    page.client.transport.send_json::<#fetched, _>(request).await
                }
            })
        }
    }
}
