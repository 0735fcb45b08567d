//! Emits an API's `mod.rs`: module docs, the `ApiInfo`, the client type, its constructors
//! (one per auth scheme) and the API's error alias.

use super::imports::{Imports, Rt};
use super::tokens::{doc_paragraphs, docs, ty};
use crate::ir::{Api, Auth, AuthKindIr};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The API's `mod.rs`.
pub fn emit(api: &Api, names: &super::Names) -> TokenStream {
    let im = Imports::new(names, false);
    let title = &api.title;
    let module_doc_lines: Vec<String> = {
        let mut text = format!("{title}\n");
        if let Some(d) = &api.docs {
            text.push('\n');
            text.push_str(&crate::docs::for_rustdoc(d.trim()));
            text.push('\n');
        }
        text.lines()
            .map(|l| format!(" {l}").trim_end().to_string())
            .collect()
    };
    let client = format_ident!("{}", api.client);
    let groups = api.groups.iter().map(|g| {
        let m = ident(&g.module);
        let d = docs(&format!("Operations from `{}`.", g.file));
        quote! { #d mod #m; pub use #m::*; }
    });
    let name = &api.name.wire;
    let base = match &api.base_url {
        Some(u) => quote!(Some(#u)),
        None => quote!(None),
    };
    let error_field = match &api.error_field {
        Some(f) => quote!(Some(#f)),
        None => quote!(None),
    };
    let session = api.auth.iter().find_map(|a| match &a.kind {
        AuthKindIr::Session {
            refresh_path,
            refresh_request_field,
            token_field,
            refresh_token_field,
            ..
        } => {
            let cfg = im.rt(Rt::SessionConfig);
            Some(quote! {
                Some(#cfg {
                    refresh_path: #refresh_path,
                    refresh_request_field: #refresh_request_field,
                    token_field: #token_field,
                    refresh_token_field: #refresh_token_field,
                })
            })
        }
        _ => None,
    });
    let session = session.unwrap_or_else(|| quote!(None));
    let lenient = api.lenient;
    let api_headers = api.headers.iter().map(|(n, v)| quote!((#n, #v)));
    let error_ty = match &api.error_body {
        Some(t) => ty(t, &im),
        None => {
            let v = im.rt(Rt::Value);
            quote!(#v)
        }
    };
    let constructors: Vec<TokenStream> =
        api.auth.iter().map(|a| constructor(api, a, &im)).collect();
    let client_doc = docs(&format!(
        "Client for the {title}.\n\nCheap to clone; every operation is a method returning a request builder."
    ));
    let new_doc = docs(
        "Creates a client from a full configuration (base URL, auth, timeouts, retries, ...).",
    );
    let models_use = (!api.models.is_empty()).then(|| {
        quote!(
            mod models;
            pub use models::*;
        )
    });
    let examples_mod = super::examples::any(api).then(|| {
        quote!(
            #[cfg(test)]
            mod examples;
        )
    });
    let api_info = im.rt(Rt::ApiInfo);
    let transport = im.rt(Rt::Transport);
    let config = im.rt(Rt::ClientConfig);
    let rt_error = im.rt(Rt::Error);
    let uses = im.block();
    quote! {
        #(#![doc = #module_doc_lines])*

        #uses
        #models_use
        #(#groups)*
        #examples_mod

        /// What the runtime needs to know about this API.
        pub static API: #api_info = #api_info {
            name: #name,
            default_base_url: #base,
            error_field: #error_field,
            session: #session,
            lenient: #lenient,
            headers: &[#(#api_headers),*],
        };

        /// The error of this API's operations; `E` is the decoded error body.
        pub type Error<E = #error_ty> = #rt_error<E>;

        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client {
            transport: #transport,
        }

        impl #client {
            #new_doc
            pub fn new(config: #config) -> Result<Self, #rt_error> {
                Ok(Self { transport: #transport::new(&API, config)? })
            }
            #(#constructors)*
            /// The underlying transport (base URL, session).
            pub fn transport(&self) -> &#transport {
                &self.transport
            }
        }
    }
}

/// `with_<scheme>(...)` and `<scheme>_auth(...)` for one auth scheme.
fn constructor(api: &Api, a: &Auth, im: &Imports) -> TokenStream {
    let Auth {
        name,
        kind,
        docs: scheme_doc,
    } = a;
    let name = name.rust.trim_start_matches("r#");
    let with = format_ident!("with_{}", name);
    let auth_fn = format_ident!("{}_auth", name);
    let auth = im.rt(Rt::Auth);
    let config = im.rt(Rt::ClientConfig);
    let rt_error = im.rt(Rt::Error);
    let (params, auth_expr, what, args): (TokenStream, TokenStream, String, Vec<TokenStream>) =
        match kind {
            AuthKindIr::ApiKeyHeader { header, prefix } => (
                quote!(key: impl Into<String>),
                quote!(#auth::api_key_header(#header, #prefix, key)),
                format!("the `{header}: {prefix}<key>` header"),
                vec![quote!(key)],
            ),
            AuthKindIr::QueryToken { param } => (
                quote!(token: impl Into<String>),
                quote!(#auth::query_token(#param, token)),
                format!("the `{param}` query parameter (redacted wherever a URL is shown)"),
                vec![quote!(token)],
            ),
            AuthKindIr::Basic => (
                quote!(username: impl Into<String>, password: impl Into<String>),
                quote!(#auth::basic(username, password)),
                "HTTP Basic auth".to_string(),
                vec![quote!(username), quote!(password)],
            ),
            AuthKindIr::Session { login, .. } => (
                quote!(),
                quote!(#auth::Session),
                format!("a bearer session: call `{login}` first; expired tokens are refreshed once and the request retried"),
                vec![],
            ),
        };
    let auth_doc = doc_paragraphs(&[
        Some(&format!("The auth value for {what}.")),
        scheme_doc.as_deref(),
    ]);
    let (base_param, base_set, base_doc) = match &api.base_url {
        Some(url) => (
            quote!(),
            quote!(),
            format!("Uses the default base URL `{url}`."),
        ),
        None => (
            quote!(base_url: impl Into<String>,),
            quote!(.base_url(base_url)),
            "`base_url` is the installation's API root.".to_string(),
        ),
    };
    let with_doc = doc_paragraphs(&[
        Some(&format!("A client authenticating with {what}. {base_doc}")),
        scheme_doc.as_deref(),
    ]);
    quote! {
        #auth_doc
        pub fn #auth_fn(#params) -> #auth {
            #auth_expr
        }
        #with_doc
        pub fn #with(#base_param #params) -> Result<Self, #rt_error> {
            Self::new(#config::new() #base_set .auth(Self::#auth_fn(#(#args),*)))
        }
    }
}
