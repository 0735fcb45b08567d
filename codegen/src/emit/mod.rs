//! Emission: turns the IR into formatted Rust files (quote -> syn -> prettyplease), each
//! with a preamble naming `cargo xtask regen` and the spec files it comes from.

mod client;
mod models;
mod operations;
mod tokens;

use crate::ir::{Api, Group, Spec};
use crate::output::OutputSpace;
use proc_macro2::TokenStream;
use quote::quote;

/// Emits the whole `generated/` tree for `spec` into `out` (paths relative to `generated/`).
pub fn emit_spec(spec: &Spec, out: &mut OutputSpace) -> Result<(), String> {
    let mut mods = Vec::new();
    let mut jobs = Vec::new();
    for api in &spec.apis {
        jobs.extend(jobs_for_api(api, &format!("{}/", api.name.rust)));
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
    run(jobs_for_api(api, prefix), out)
}

/// Which part of an API a generated file holds.
enum Part<'a> {
    /// `mod.rs`: the client.
    Client,
    /// `models.rs`.
    Models,
    /// One operation module.
    Group(&'a Group),
}

/// One file to generate.
struct Job<'a> {
    api: &'a Api,
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
        }
    }

    /// Builds, formats and prefaces the file.
    fn render(&self) -> Result<String, String> {
        match self.part {
            Part::Client => render(&self.api.files, client::emit(self.api)),
            Part::Models => {
                let mut files: Vec<String> =
                    self.api.models.iter().map(|m| m.file.clone()).collect();
                files.sort();
                files.dedup();
                if files.is_empty() {
                    files.push(self.api.api_file.clone());
                }
                render(&files, models::emit(self.api))
            }
            Part::Group(g) => render(std::slice::from_ref(&g.file), operations::emit(self.api, g)),
        }
    }
}

fn jobs_for_api<'a>(api: &'a Api, prefix: &str) -> Vec<Job<'a>> {
    let mut jobs = vec![
        Job {
            api,
            path: format!("{prefix}mod.rs"),
            part: Part::Client,
        },
        Job {
            api,
            path: format!("{prefix}models.rs"),
            part: Part::Models,
        },
    ];
    for g in &api.groups {
        jobs.push(Job {
            api,
            path: format!("{prefix}{}.rs", g.module),
            part: Part::Group(g),
        });
    }
    jobs
}

/// Renders the jobs on all cores (token streams are built inside each thread, as they
/// cannot cross threads) and adds the files to `out`. The output does not depend on the
/// number of threads: each file is rendered on its own and `out` is sorted by path.
fn run(mut jobs: Vec<Job<'_>>, out: &mut OutputSpace) -> Result<(), String> {
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(jobs.len())
        .max(1);
    jobs.sort_by_key(|j| std::cmp::Reverse(j.weight()));
    let mut buckets: Vec<(usize, Vec<&Job<'_>>)> = (0..threads).map(|_| (0, Vec::new())).collect();
    for job in &jobs {
        let lightest = buckets
            .iter_mut()
            .min_by_key(|(load, _)| *load)
            .expect("at least one bucket");
        lightest.0 += job.weight();
        lightest.1.push(job);
    }
    let rendered: Vec<(String, Result<String, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = buckets
            .into_iter()
            .map(|(_, bucket)| {
                scope.spawn(move || {
                    bucket
                        .into_iter()
                        .map(|j| (j.path.clone(), j.render()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a render thread panicked"))
            .collect()
    });
    let mut rendered = rendered;
    rendered.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, result) in rendered {
        out.add(path, result?);
    }
    Ok(())
}

/// Formats `body` and puts the preamble on top.
pub fn render(files: &[String], body: TokenStream) -> Result<String, String> {
    let file: syn::File =
        syn::parse2(body).map_err(|e| format!("generated code does not parse: {e}"))?;
    let formatted = space_items(&prettyplease::unparse(&file));
    let mut out = String::new();
    out.push_str("// @generated by `cargo xtask regen` from ");
    out.push_str(&files.join(", "));
    out.push_str(
        ".\n// Do not edit: change the spec (or the generator) and run `cargo xtask regen`.\n\n",
    );
    out.push_str(&formatted);
    Ok(out)
}

/// Puts a blank line between items (prettyplease packs them), so generated files and
/// snapshots read like hand-written code.
fn space_items(code: &str) -> String {
    const STARTS: &[&str] = &[
        "///", "#[", "pub ", "fn ", "impl", "mod ", "const ", "static ", "type ", "struct ",
        "enum ", "async ",
    ];
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    let mut prev: Option<&str> = None;
    for line in code.lines() {
        if let Some(p) = prev {
            let indent = line.len() - line.trim_start().len();
            let p_indent = p.len() - p.trim_start().len();
            let starts_item = STARTS.iter().any(|s| line.trim_start().starts_with(s));
            let item_after_statement = p.ends_with(';')
                && !p.trim_start().starts_with("//")
                && (indent == 0 || line.trim_start().starts_with("///"));
            let closes = p.trim() == "}" || item_after_statement;
            let after_module_docs = indent == 0 && p.starts_with("//!") && !line.starts_with("//!");
            if (indent == p_indent && closes && starts_item) || after_module_docs {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        prev = Some(line);
    }
    out
}
