//! `cargo xtask import FILE --api NAME [--operations ID,...] [--tags TAG,...] [--out DIR]
//! [--force]`: writes a draft `spec/NAME/` from an OpenAPI document, prints the report.

use codegen::import::{self, ImportError, Imported, Options};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask import FILE --api NAME [--operations ID,...] [--tags TAG,...] [--out DIR] [--force]";

/// The parsed command line.
#[derive(Debug)]
struct Args {
    file: PathBuf,
    opts: Options,
    out: Option<PathBuf>,
    force: bool,
}

fn parse(args: &[&str]) -> Result<Args, String> {
    let mut file = None;
    let mut api = None;
    let mut operations = Vec::new();
    let mut tags = Vec::new();
    let mut out = None;
    let mut force = false;
    let mut it = args.iter();
    let list = |v: &str| -> Vec<String> {
        v.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect()
    };
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .map(|v| v.to_string())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match *a {
            "--api" => api = Some(value("--api")?),
            "--operations" => operations.extend(list(&value("--operations")?)),
            "--tags" => tags.extend(list(&value("--tags")?)),
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--force" => force = true,
            s if s.starts_with("--") => return Err(format!("unknown option `{s}`")),
            s if file.is_none() => file = Some(PathBuf::from(s)),
            s => return Err(format!("unexpected argument `{s}`")),
        }
    }
    let file = file.ok_or("FILE is missing")?;
    let api = api.ok_or("--api NAME is missing")?;
    Ok(Args {
        file,
        opts: Options {
            api,
            operations,
            tags,
        },
        out,
        force,
    })
}

/// Runs the command with `args` (after `import`); specs go under `root/spec` by default.
pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("import: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let text = match std::fs::read_to_string(&args.file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("import: cannot read {}: {e}", args.file.display());
            return ExitCode::FAILURE;
        }
    };
    let dir = args
        .out
        .clone()
        .unwrap_or_else(|| root.join("spec"))
        .join(&args.opts.api);
    if dir.exists() && !args.force {
        eprintln!(
            "import: {} exists; pass --force to overwrite it (or --out DIR for elsewhere)",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let (imported, bug) = match import::import(&text, &args.opts) {
        Ok(i) => (i, None),
        Err(ImportError::Input(e)) => {
            eprintln!("import: {}: {e}", args.file.display());
            return ExitCode::FAILURE;
        }
        Err(ImportError::Invalid {
            diagnostics,
            imported,
        }) => (*imported, Some(diagnostics)),
    };
    if let Err(e) = write(&dir, &imported) {
        eprintln!("import: {e}");
        return ExitCode::FAILURE;
    }
    print!("{}", imported.report.render());
    println!(
        "wrote {} file(s) to {}",
        imported.files.len(),
        dir.display()
    );
    if let Some(d) = bug {
        eprint!("{d}");
        eprintln!("import: the draft does not validate; this is an importer bug (please report it with the document)");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}

/// Writes the files into `dir` (replacing the spec files an earlier import left there).
fn write(dir: &Path, imported: &Imported) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            std::fs::remove_file(&p)?;
        }
    }
    for (name, text) in &imported.files {
        codegen::output::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments() {
        let a = parse(&[
            "doc.json",
            "--api",
            "pets",
            "--operations",
            "a,b",
            "--tags",
            "x",
            "--out",
            "o",
            "--force",
        ])
        .unwrap();
        assert_eq!(a.file, PathBuf::from("doc.json"));
        assert_eq!(a.opts.api, "pets");
        assert_eq!(a.opts.operations, ["a", "b"]);
        assert_eq!(a.opts.tags, ["x"]);
        assert_eq!(a.out, Some(PathBuf::from("o")));
        assert!(a.force);
        assert!(parse(&["doc.json"]).unwrap_err().contains("--api"));
        assert!(parse(&["--api", "x"]).unwrap_err().contains("FILE"));
        assert!(parse(&["a", "b", "--api", "x"])
            .unwrap_err()
            .contains("unexpected"));
        assert!(parse(&["a", "--bogus"]).unwrap_err().contains("unknown"));
    }

    const DOC: &str = "openapi: 3.0.3\ninfo: { title: Pets, version: '1' }\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: { '200': { description: ok } }\n";

    #[test]
    fn writes_the_folder_and_refuses_to_overwrite_it() {
        let root = tempfile::tempdir().unwrap();
        let doc = root.path().join("pets.yaml");
        std::fs::write(&doc, DOC).unwrap();
        let doc = doc.to_str().unwrap();
        let ok = format!("{:?}", ExitCode::SUCCESS);
        let run = |args: &[&str]| format!("{:?}", main(root.path(), args));
        assert_eq!(run(&[doc, "--api", "pets"]), ok);
        let api = root.path().join("spec/pets/api.yaml");
        let first = std::fs::read_to_string(&api).unwrap();
        assert!(first.starts_with("# yaml-language-server: $schema=../schema.json\n"));
        assert!(root.path().join("spec/pets/operations.yaml").is_file());
        // A second import does not replace the folder without --force.
        std::fs::write(&api, "edited by hand\n").unwrap();
        assert_ne!(run(&[doc, "--api", "pets"]), ok);
        assert_eq!(std::fs::read_to_string(&api).unwrap(), "edited by hand\n");
        assert_eq!(run(&[doc, "--api", "pets", "--force"]), ok);
        assert_eq!(std::fs::read_to_string(&api).unwrap(), first);
        // --out writes elsewhere; the draft validates like any spec folder.
        let out = root.path().join("drafts");
        assert_eq!(
            run(&[doc, "--api", "pets", "--out", out.to_str().unwrap()]),
            ok
        );
        assert!(codegen::load::load_dir(&out, "drafts").is_ok());
        assert_ne!(run(&[doc, "--api", "Pets"]), ok);
    }
}
