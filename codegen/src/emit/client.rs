//! Emits an API's `mod.rs`: module docs, the `ApiInfo`, the client type, its
//! constructors (one per auth scheme) and the API's error alias.

use super::tokens::{doc_paragraphs, docs, ty, Models};
use crate::ir::{Api, AuthKindIr};
use crate::naming::ident;
use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// The API's `mod.rs`.
pub fn emit(api: &Api) -> TokenStream {
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
        } => Some(quote! {
            Some(crate::transport::SessionConfig {
                refresh_path: #refresh_path,
                refresh_request_field: #refresh_request_field,
                token_field: #token_field,
                refresh_token_field: #refresh_token_field,
            })
        }),
        _ => None,
    });
    let session = session.unwrap_or_else(|| quote!(None));
    let error_ty = match &api.error_body {
        Some(t) => ty(t, Models::Local),
        None => quote!(serde_json::Value),
    };
    let constructors = api.auth.iter().map(|a| constructor(api, a));
    let client_doc = docs(&format!(
        "Client for the {title}.\n\nCheap to clone; every operation is a method returning a request builder."
    ));
    let new_doc = docs(
        "Creates a client from a full configuration (base URL, auth, timeouts, retries, ...).",
    );
    let models_use = (!api.models.is_empty()).then(|| {
        quote!(
            pub use models::*;
        )
    });
    quote! {
        #(#![doc = #module_doc_lines])*

        mod models;
        #models_use
        #(#groups)*

        /// What the runtime needs to know about this API.
        pub static API: crate::transport::ApiInfo = crate::transport::ApiInfo {
            name: #name,
            default_base_url: #base,
            error_field: #error_field,
            session: #session,
        };

        /// The error type of this API's operations.
        pub type Error = crate::Error<#error_ty>;

        #client_doc
        #[derive(Debug, Clone)]
        pub struct #client {
            transport: crate::transport::Transport,
        }

        impl #client {
            #new_doc
            pub fn new(config: crate::transport::ClientConfig) -> Result<Self, crate::Error> {
                Ok(Self { transport: crate::transport::Transport::new(&API, config)? })
            }
            #(#constructors)*
            /// The underlying transport (base URL, session).
            pub fn transport(&self) -> &crate::transport::Transport {
                &self.transport
            }
        }
    }
}

/// `with_<scheme>(...)` and `<scheme>_auth(...)` for one auth scheme.
fn constructor(api: &Api, a: &crate::ir::Auth) -> TokenStream {
    let name = a.name.rust.trim_start_matches("r#");
    let with = format_ident!("with_{}", name);
    let auth_fn = format_ident!("{}_auth", name);
    let scheme_doc = a.docs.as_deref();
    let (params, auth_expr, what): (TokenStream, TokenStream, String) = match &a.kind {
        AuthKindIr::ApiKeyHeader { header, prefix } => (
            quote!(key: impl Into<String>),
            quote!(crate::auth::Auth::api_key_header(#header, #prefix, key)),
            format!("the `{header}: {prefix}<key>` header"),
        ),
        AuthKindIr::QueryToken { param } => (
            quote!(token: impl Into<String>),
            quote!(crate::auth::Auth::query_token(#param, token)),
            format!("the `{param}` query parameter (redacted wherever a URL is shown)"),
        ),
        AuthKindIr::Basic => (
            quote!(username: impl Into<String>, password: impl Into<String>),
            quote!(crate::auth::Auth::basic(username, password)),
            "HTTP Basic auth".to_string(),
        ),
        AuthKindIr::Session { login, .. } => (
            quote!(),
            quote!(crate::auth::Auth::Session),
            format!("a bearer session: call `{login}` first; expired tokens are refreshed once and the request retried"),
        ),
    };
    let args: Vec<TokenStream> = match &a.kind {
        AuthKindIr::ApiKeyHeader { .. } => vec![quote!(key)],
        AuthKindIr::QueryToken { .. } => vec![quote!(token)],
        AuthKindIr::Basic => vec![quote!(username), quote!(password)],
        AuthKindIr::Session { .. } => vec![],
    };
    let auth_doc = doc_paragraphs(&[Some(&format!("The auth value for {what}.")), scheme_doc]);
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
        scheme_doc,
    ]);
    quote! {
        #auth_doc
        pub fn #auth_fn(#params) -> crate::auth::Auth {
            #auth_expr
        }
        #with_doc
        pub fn #with(#base_param #params) -> Result<Self, crate::Error> {
            Self::new(crate::transport::ClientConfig::new() #base_set .auth(Self::#auth_fn(#(#args),*)))
        }
    }
}
