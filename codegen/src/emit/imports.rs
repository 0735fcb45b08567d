//! The `use` block of one generated file: every runtime, sibling and std item the file names
//! is recorded as the file is emitted, and imported once at the top. The runtime is named
//! only here ([`RUNTIME`]), so renaming a runtime item changes one line of the emitter.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// The module generated code takes runtime items from.
pub const RUNTIME: &str = "client_runtime::wiring";

/// Declares [`Rt`]: one variant per runtime item, with its name in [`RUNTIME`].
macro_rules! runtime_items {
    ($($variant:ident => $name:literal,)*) => {
        /// Runtime items generated code may name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        pub enum Rt {
            $(#[doc = concat!("`", $name, "`")] $variant,)*
        }

        impl Rt {
            /// The item's name in [`RUNTIME`].
            pub fn name(self) -> &'static str {
                match self {
                    $(Rt::$variant => $name,)*
                }
            }
        }
    };
}

runtime_items! {
    ApiInfo => "ApiInfo",
    Auth => "Auth",
    Binary => "Binary",
    Builder => "builder",
    ByteStream => "ByteStream",
    ClientConfig => "ClientConfig",
    ClosedEnum => "closed_enum",
    ClosedIntEnum => "closed_int_enum",
    ClosedTaggedUnion => "closed_tagged_union",
    DateOrDateTime => "DateOrDateTime",
    DateTime => "DateTime",
    Decimal => "Decimal",
    Error => "Error",
    FilePart => "FilePart",
    FixedOffset => "FixedOffset",
    FormLists => "FormLists",
    Items => "Items",
    ItemsFn => "items",
    ItemsAtFn => "items_at",
    Lenient => "lenient",
    ListStyle => "ListStyle",
    Listing => "Listing",
    Model => "model",
    LocalDateTime => "local_date_time",
    NaiveDate => "NaiveDate",
    NaiveDateTime => "NaiveDateTime",
    OpenEnum => "open_enum",
    OpenIntEnum => "open_int_enum",
    Order => "Order",
    OrderForm => "OrderForm",
    Page => "Page",
    Pages => "Pages",
    PagesFn => "pages",
    Paging => "Paging",
    Patch => "Patch",
    Range => "Range",
    Request => "Request",
    ResponseHeaders => "response_headers",
    Secret => "Secret",
    Setters => "setters",
    SessionConfig => "SessionConfig",
    TaggedUnion => "tagged_union",
    Transport => "Transport",
    TriState => "TriState",
    UnixMillis => "UnixMillis",
    Upload => "Upload",
    UnixSeconds => "UnixSeconds",
    UntaggedUnion => "untagged_union",
    Value => "Value",
}

/// What one file imports, filled while it is emitted.
#[derive(Debug)]
pub struct Imports<'a> {
    /// Names this file defines or takes from `super`; a runtime item with one of these
    /// names is imported as `Rt<Name>`.
    taken: &'a BTreeSet<String>,
    /// The module model names are imported from (`super` in operation files), or `None`
    /// when they are local.
    api_module: Option<String>,
    used: RefCell<Used>,
}

#[derive(Debug, Default)]
struct Used {
    runtime: BTreeMap<Rt, String>,
    sup: BTreeSet<String>,
    btree_map: bool,
}

impl<'a> Imports<'a> {
    /// Imports for a file in which `taken` names are already defined or imported; with
    /// `from_super`, models are `super` items.
    pub fn new(taken: &'a BTreeSet<String>, from_super: bool) -> Self {
        Self::from_module(taken, from_super.then(|| "super".to_string()))
    }

    /// Imports for a file that takes the API's names from `module` (`crate::gcore`).
    pub fn from_module(taken: &'a BTreeSet<String>, module: Option<String>) -> Self {
        Imports {
            taken,
            api_module: module,
            used: RefCell::default(),
        }
    }

    /// The identifier for runtime item `item`, recording its import.
    pub fn rt(&self, item: Rt) -> Ident {
        let name = item.name();
        let local = if self.taken.contains(name) {
            format!("Rt{name}")
        } else {
            name.to_string()
        };
        self.used
            .borrow_mut()
            .runtime
            .entry(item)
            .or_insert_with(|| local.clone());
        Ident::new(&local, Span::call_site())
    }

    /// A name of the API module (a model, the client, `Error`), imported from `super` in
    /// operation files.
    pub fn api(&self, name: &str) -> Ident {
        if self.api_module.is_some() {
            self.used.borrow_mut().sup.insert(name.to_string());
        }
        crate::naming::ident(name)
    }

    /// `BTreeMap` is used.
    pub fn btree_map(&self) -> TokenStream {
        self.used.borrow_mut().btree_map = true;
        quote!(BTreeMap)
    }

    /// The `use` block, sorted.
    pub fn block(&self) -> TokenStream {
        let used = self.used.borrow();
        let sup: Vec<Ident> = used.sup.iter().map(|s| crate::naming::ident(s)).collect();
        let module: syn::Path =
            syn::parse_str(self.api_module.as_deref().unwrap_or("super")).expect("a path");
        let sup = (!sup.is_empty()).then(|| quote!(use #module::{#(#sup),*};));
        let runtime_path: syn::Path = syn::parse_str(RUNTIME).expect("a path");
        let mut items: Vec<(String, TokenStream)> = used
            .runtime
            .iter()
            .map(|(item, local)| {
                let name = Ident::new(item.name(), Span::call_site());
                let local_ident = Ident::new(local, Span::call_site());
                let tokens = if local == item.name() {
                    quote!(#name)
                } else {
                    quote!(#name as #local_ident)
                };
                (item.name().to_string(), tokens)
            })
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        let items = items.iter().map(|(_, t)| t);
        let runtime = (!used.runtime.is_empty()).then(|| quote!(use #runtime_path::{#(#items),*};));
        let map = used.btree_map.then(|| {
            quote!(
                use std::collections::BTreeMap;
            )
        });
        quote! { #sup #runtime #map }
    }
}
