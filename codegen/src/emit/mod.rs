//! Emission: turns the IR into formatted Rust files (quote -> syn -> prettyplease), each
//! with a preamble naming `cargo xtask regen` and the spec files it comes from.

mod client;
mod examples;
pub(crate) mod imports;
mod layout;
mod models;
mod operations;
pub(crate) mod tokens;
mod unions;
mod wrap;

pub use imports::RUNTIME;

use crate::ir::{Api, Group, Spec};
use crate::output::OutputSpace;
use proc_macro2::TokenStream;
use quote::quote;

/// Emits the whole `generated/` tree for `spec` into `out` (paths relative to `generated/`).
pub fn emit_spec(spec: &Spec, out: &mut OutputSpace) -> Result<(), String> {
    let mut mods = Vec::new();
    let mut jobs = Vec::new();
    let names: Vec<Names> = spec.apis.iter().map(api_type_names).collect();
    for (api, names) in spec.apis.iter().zip(&names) {
        jobs.extend(jobs_for_api(api, names, &format!("{}/", api.name.rust)));
        let m = crate::naming::ident(&api.name.rust);
        let feature = &api.name.wire;
        let doc = tokens::docs(&format!("{} (cargo feature `{feature}`).", api.title));
        mods.push(quote! {
            #doc
            #[cfg(feature = #feature)]
            pub mod #m;
        });
    }
    run(jobs, out)?;
    let files: Vec<String> = spec.apis.iter().map(|a| a.api_file.clone()).collect();
    let body = quote! {
        //! The generated API modules, one per spec folder and cargo feature.
        #(#mods)*
    };
    out.add("mod.rs", render(&files, body)?);
    Ok(())
}

/// Emits one API's modules into `out` under `prefix` (e.g. `gcore/`, or `` for a fixture).
pub fn emit_api(api: &Api, prefix: &str, out: &mut OutputSpace) -> Result<(), String> {
    let names = api_type_names(api);
    run(jobs_for_api(api, &names, prefix), out)
}

/// Which part of an API a generated file holds.
enum Part<'a> {
    /// `mod.rs`: the client.
    Client,
    /// `models.rs`.
    Models,
    /// One operation module.
    Group(&'a Group),
    /// `examples.rs`: the spec's examples as tests.
    Examples,
}

/// One file to generate.
struct Job<'a> {
    api: &'a Api,
    names: &'a Names,
    path: String,
    part: Part<'a>,
}

impl Job<'_> {
    /// A rough size, to spread the work over threads evenly.
    fn weight(&self) -> usize {
        match self.part {
            Part::Client => 1,
            Part::Models => self.api.models.len(),
            Part::Group(g) => g.operations.len() * 4,
            Part::Examples => 4,
        }
    }

    /// Builds, formats and prefaces the file.
    fn render(&self) -> Result<String, String> {
        match self.part {
            Part::Client => render(&self.api.files, client::emit(self.api, self.names)),
            Part::Models => {
                let mut files: Vec<String> =
                    self.api.models.iter().map(|m| m.file.clone()).collect();
                files.sort();
                files.dedup();
                if files.is_empty() {
                    files.push(self.api.api_file.clone());
                }
                render(&files, models::emit(self.api, self.names))
            }
            Part::Group(g) => render(
                std::slice::from_ref(&g.file),
                operations::emit(self.api, self.names, g),
            ),
            Part::Examples => {
                let mut files: Vec<String> = self
                    .api
                    .groups
                    .iter()
                    .filter(|g| g.operations.iter().any(|op| !op.examples.is_empty()))
                    .map(|g| g.file.clone())
                    .collect();
                files.sort();
                render(&files, examples::emit(self.api, self.names))
            }
        }
    }
}

fn jobs_for_api<'a>(api: &'a Api, names: &'a Names, prefix: &str) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job {
            api,
            names,
            path: format!("{prefix}mod.rs"),
            part: Part::Client,
        },
        Job {
            api,
            names,
            path: format!("{prefix}models.rs"),
            part: Part::Models,
        },
    ];
    for g in &api.groups {
        jobs.push(Job {
            api,
            names,
            path: format!("{prefix}{}.rs", g.module),
            part: Part::Group(g),
        });
    }
    if examples::any(api) {
        jobs.push(Job {
            api,
            names,
            path: format!("{prefix}examples.rs"),
            part: Part::Examples,
        });
    }
    jobs
}

/// Renders the jobs on all cores (token streams are built inside each thread, as they
/// cannot cross threads) and adds the files to `out`. The output does not depend on the
/// number of threads: each file is rendered on its own and `out` is sorted by path.
fn run(mut jobs: Vec<Job<'_>>, out: &mut OutputSpace) -> Result<(), String> {
    jobs.sort_by_key(|j| std::cmp::Reverse(j.weight()));
    let rendered = crate::par::map(&jobs, Job::render);
    for (job, result) in jobs.iter().zip(rendered) {
        out.add(job.path.clone(), result?);
    }
    Ok(())
}

/// Every type name an API module defines (models, the client, `Error`, request builders,
/// their query structs and ordering enums): a runtime item of the same name is imported
/// under another name.
fn api_type_names(api: &Api) -> Names {
    let mut names: Names = api.models.iter().map(|m| m.name.rust.clone()).collect();
    names.insert(api.client.clone());
    names.insert("Error".to_string());
    for op in api.groups.iter().flat_map(|g| &g.operations) {
        names.insert(op.builder.clone());
        names.insert(format!("{}Query", op.builder));
        for q in &op.query {
            if let Some((type_name, _)) = q.kind.unit().ordering_enum() {
                names.insert(type_name.to_string());
            }
        }
    }
    names
}

/// The type names of one API module, computed once for all its files.
type Names = std::collections::BTreeSet<String>;

/// Formats `body` and puts the preamble on top.
pub fn render(files: &[String], body: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(body).map_err(|e| format!("generated code does not parse: {e}"))?;
    let formatted = layout::space_items(&prettyplease::unparse(&file));
    let formatted = layout::wrap_docs(&wrap::apply(&formatted));
    let mut out = String::new();
    out.push_str("// @generated by `cargo xtask regen` from ");
    out.push_str(&files.join(", "));
    out.push_str(
        ".\n// Do not edit: change the spec (or the generator) and run `cargo xtask regen`.\n\n",
    );
    out.push_str(&formatted);
    Ok(out)
}
