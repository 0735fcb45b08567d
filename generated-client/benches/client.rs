//! Client benchmarks that print tables (no assertions on figures):
//!
//! 1. request overhead of a generated call (`list_clients` with filters: builder, query
//!    encoding, send, decode) next to a hand-written reqwest + serde_json call doing the
//!    same work, against an in-process HTTP/1.1 server on 127.0.0.1;
//! 2. decoding throughput of a 10,000-item list through the generated models vs plain
//!    serde_json into equivalent hand-written structs;
//! 3. peak heap while streaming 100,000 items page by page (counting allocator), with
//!    limit/offset pages and with a cursor read from an envelope (`{data, next_cursor}`).
//!
//! `cargo bench -p generated-client --bench client [-- --quick] [-- --streaming]` (also run by
//! `cargo xtask bench client`). Not run by CI or `cargo test`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};
use futures_util::StreamExt;
use generated_client::gcore::{GcoreClient, ListClientsOrdering, ServiceStatus};
use generated_client::types::{Listing, Order, Range, TriState};
use generated_client::ClientConfig;
use serde::Deserialize;

// ---------------------------------------------------------------------------------------
// Counting allocator: live and peak heap bytes.

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn add(n: usize) {
    let now = LIVE.fetch_add(n, Ordering::Relaxed) + n;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

// SAFETY: delegates to the system allocator; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            add(layout.size());
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            add(new_size);
        }
        p
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn reset_peak() {
    PEAK.store(LIVE.load(Ordering::Relaxed), Ordering::Relaxed);
}

fn mib(b: usize) -> f64 {
    b as f64 / (1024.0 * 1024.0)
}

/// CPU time of the calling thread.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: valid pointer to a timespec.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

fn proc_status_kb(key: &str) -> u64 {
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

// ---------------------------------------------------------------------------------------
// Test data.

const CLIENT: &str = include_str!("../tests/data/gcore_client.json");

/// One client object as compact JSON with the given id.
fn client_json(template: &serde_json::Value, id: u64, out: &mut Vec<u8>) {
    let mut v = template.clone();
    v["id"] = id.into();
    serde_json::to_writer(out, &v).expect("serializes");
}

fn page_body(
    template: &serde_json::Value,
    base: &str,
    total: u64,
    limit: u64,
    offset: u64,
) -> Vec<u8> {
    let end = (offset + limit).min(total);
    let next = if end < total {
        format!("\"{base}/iam/clients?limit={limit}&offset={end}\"")
    } else {
        "null".into()
    };
    let mut out =
        format!("{{\"count\":{total},\"next\":{next},\"previous\":null,\"results\":[").into_bytes();
    for id in offset..end {
        if id > offset {
            out.push(b',');
        }
        client_json(template, id, &mut out);
    }
    out.extend_from_slice(b"]}");
    out
}

/// A cursor page `{"data": [...], "next_cursor": "<end>" | null}` of items `at..at+limit`.
fn cursor_body(template: &serde_json::Value, total: u64, limit: u64, at: u64) -> Vec<u8> {
    let end = (at + limit).min(total);
    let mut out = b"{\"data\":[".to_vec();
    for id in at..end {
        if id > at {
            out.push(b',');
        }
        client_json(template, id, &mut out);
    }
    let next = if end < total {
        format!("\"{end}\"")
    } else {
        "null".into()
    };
    out.extend_from_slice(format!("],\"next_cursor\":{next}}}").as_bytes());
    out
}

// ---------------------------------------------------------------------------------------
// In-process HTTP/1.1 server (keep-alive, GET only) on 127.0.0.1.

/// Response bodies of first pages by (limit, offset, total).
type PageCache = BTreeMap<(u64, u64, usize), Arc<Vec<u8>>>;

struct Server {
    base: String,
    /// Total items the list pretends to have.
    total: AtomicUsize,
    /// Request targets seen, kept only while `record` is set.
    record: AtomicBool,
    seen: Mutex<Vec<String>>,
    cache: Mutex<PageCache>,
    template: serde_json::Value,
}

const MAX_CONNECTIONS: usize = 10_000;
const MAX_REQUESTS_PER_CONNECTION: usize = 10_000_000;

fn start_server() -> Arc<Server> {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let server = Arc::new(Server {
        base: format!("http://{}", listener.local_addr().expect("addr")),
        total: AtomicUsize::new(1_000_000),
        record: AtomicBool::new(false),
        seen: Mutex::new(Vec::new()),
        cache: Mutex::new(BTreeMap::new()),
        template: serde_json::from_str(CLIENT).expect("valid test data"),
    });
    let s = server.clone();
    std::thread::spawn(move || {
        for conn in listener.incoming().take(MAX_CONNECTIONS) {
            let Ok(conn) = conn else { continue };
            let s = s.clone();
            std::thread::spawn(move || serve(&s, conn));
        }
    });
    server
}

fn serve(s: &Server, conn: TcpStream) {
    let _ = conn.set_nodelay(true);
    let mut reader = BufReader::new(conn.try_clone().expect("clone"));
    let mut conn = conn;
    let mut line = String::new();
    for _ in 0..MAX_REQUESTS_PER_CONNECTION {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let target = line.split_whitespace().nth(1).unwrap_or("/").to_string();
        // Skip headers (GET requests carry no body).
        let mut header = String::new();
        for _ in 0..200 {
            header.clear();
            if reader.read_line(&mut header).unwrap_or(0) == 0 {
                return;
            }
            if header == "\r\n" {
                break;
            }
        }
        if s.record.load(Ordering::Relaxed) {
            s.seen.lock().expect("lock").push(target.clone());
        }
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let body = if path == "/cursor/clients" {
            let (mut limit, mut at) = (100, 0);
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                match &*k {
                    "limit" => limit = v.parse().unwrap_or(100),
                    "cursor" => at = v.parse().unwrap_or(0),
                    _ => {}
                }
            }
            let total = s.total.load(Ordering::Relaxed) as u64;
            Arc::new(cursor_body(&s.template, total, limit, at))
        } else if path == "/iam/clients" {
            let mut limit = 100;
            let mut offset = 0;
            for (k, v) in url::form_urlencoded::parse(query.as_bytes()) {
                match &*k {
                    "limit" => limit = v.parse().unwrap_or(100),
                    "offset" => offset = v.parse().unwrap_or(0),
                    _ => {}
                }
            }
            let total = s.total.load(Ordering::Relaxed);
            if offset == 0 {
                let key = (limit, offset, total);
                let cached = s.cache.lock().expect("lock").get(&key).cloned();
                match cached {
                    Some(b) => b,
                    None => {
                        let b =
                            Arc::new(page_body(&s.template, &s.base, total as u64, limit, offset));
                        s.cache.lock().expect("lock").insert(key, b.clone());
                        b
                    }
                }
            } else {
                Arc::new(page_body(&s.template, &s.base, total as u64, limit, offset))
            }
        } else {
            Arc::new(b"{\"detail\":\"not found\"}".to_vec())
        };
        let status = if path == "/iam/clients" || path == "/cursor/clients" {
            "200 OK"
        } else {
            "404 Not Found"
        };
        let head = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if conn.write_all(head.as_bytes()).is_err() || conn.write_all(&body).is_err() {
            return;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Hand-written equivalents of the generated models.

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HClientStatus {
    New,
    Trial,
    Trialend,
    Active,
    Integration,
    Paused,
    Preparation,
    Ready,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HServiceStatus {
    New,
    Trial,
    Trialend,
    Active,
    Paused,
    Activating,
    Deleted,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HClientType {
    Reseller,
    Sales,
    Common,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "snake_case")]
enum HSignupProcess {
    SignUpFull,
    SignUpSimple,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HUserGroup {
    id: i64,
    name: String,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HUser {
    id: i64,
    email: String,
    #[serde(default)]
    name: Option<String>,
    lang: String,
    #[serde(default)]
    phone: Option<String>,
    company: String,
    reseller: i64,
    client: f64,
    deleted: bool,
    groups: Vec<HUserGroup>,
    activated: bool,
    sso_auth: bool,
    two_fa: bool,
    auth_types: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HServiceState {
    status: HServiceStatus,
    enabled: bool,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HFeature {
    feature_id: i64,
    service: String,
    name: String,
    #[serde(default)]
    create_date: Option<String>,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
#[serde(rename_all = "camelCase")]
struct HClient {
    id: i64,
    users: Vec<HUser>,
    email: String,
    #[serde(default)]
    phone: Option<String>,
    #[serde(default)]
    name: Option<String>,
    status: HClientStatus,
    company_name: String,
    #[serde(default)]
    website: Option<String>,
    current_user: i64,
    capabilities: Vec<String>,
    service_statuses: BTreeMap<String, HServiceState>,
    paid_features: BTreeMap<String, Vec<HFeature>>,
    free_features: BTreeMap<String, Vec<HFeature>>,
    #[serde(default)]
    entry_base_domain: Option<String>,
    #[serde(default, rename = "signup_process")]
    signup_process: Option<HSignupProcess>,
    deleted: bool,
    #[serde(rename = "bill_type")]
    bill_type: String,
    #[serde(default, rename = "custom_id")]
    custom_id: Option<String>,
    #[serde(default, rename = "country_code")]
    country_code: Option<String>,
    #[serde(rename = "is_test")]
    is_test: bool,
    #[serde(rename = "has_active_admin")]
    has_active_admin: bool,
    #[serde(default)]
    seller: Option<i64>,
    resellers: i64,
    #[serde(rename = "client_type")]
    client_type: HClientType,
    owner: f64,
}

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct HPage<T> {
    count: u64,
    #[serde(default)]
    next: Option<String>,
    #[serde(default)]
    previous: Option<String>,
    results: Vec<T>,
}

// ---------------------------------------------------------------------------------------
// 1. Request overhead.

struct Call {
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
}

impl Call {
    fn new() -> Self {
        Call {
            from: "2024-01-01T00:00:00Z".parse().expect("date"),
            to: "2024-02-01T12:30:00+02:00".parse().expect("date"),
        }
    }

    async fn generated(&self, client: &GcoreClient, limit: i64) -> usize {
        let listing: Listing<generated_client::gcore::Client> = client
            .list_clients()
            .limit(limit)
            .offset(0)
            .ordering([
                Order::Desc(ListClientsOrdering::CreatedAt),
                Order::Asc(ListClientsOrdering::CompanyName),
            ])
            .email("a@b.c")
            .deleted(TriState::False)
            .cdn(ServiceStatus::Active)
            .id_in_exclude([1, 2, 3])
            .created_at(Range::between(self.from, self.to))
            .is_test(false)
            .country_code("DE")
            .send()
            .await
            .expect("generated call");
        listing.items().len()
    }

    async fn hand(&self, http: &reqwest::Client, base: &str, key: &str, limit: i64) -> usize {
        let from = self
            .from
            .to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        let to = self.to.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true);
        let limit = limit.to_string();
        let ids = [1, 2, 3].map(|i: i64| i.to_string()).join(",");
        let resp = http
            .get(format!("{base}/iam/clients"))
            .query(&[
                ("limit", limit.as_str()),
                ("offset", "0"),
                ("ordering", "-created_at,companyName"),
                ("email", "a@b.c"),
                ("deleted", "false"),
                ("cdn", "active"),
                ("id__in__exclude", ids.as_str()),
                ("created_at_gte", from.as_str()),
                ("created_at_lte", to.as_str()),
                ("is_test", "false"),
                ("country_code", "DE"),
            ])
            .header(reqwest::header::AUTHORIZATION, key)
            .header(reqwest::header::ACCEPT, "application/json")
            .send()
            .await
            .expect("hand call");
        let resp = resp.error_for_status().expect("2xx");
        let body = resp.bytes().await.expect("body");
        let page: HPage<HClient> = serde_json::from_slice(&body).expect("decodes");
        page.results.len()
    }
}

fn sorted_pairs(target: &str) -> Vec<(String, String)> {
    let q = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    let mut v: Vec<(String, String)> = url::form_urlencoded::parse(q.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    v.sort();
    v
}

struct Side {
    rps: Vec<f64>,
    cpu_us: Vec<f64>,
}

fn overhead(rt: &tokio::runtime::Runtime, server: &Server, quick: bool) {
    let key = "APIKey s3cr3t";
    let client = GcoreClient::new(
        ClientConfig::new()
            .base_url(server.base.clone())
            .auth(GcoreClient::api_key_auth("s3cr3t")),
    )
    .expect("client");
    let http = reqwest::Client::builder()
        .user_agent(concat!("generated-client/", env!("CARGO_PKG_VERSION")))
        .timeout(Duration::from_secs(30))
        .connect_timeout(Duration::from_secs(10))
        .build()
        .expect("reqwest client");
    let call = Call::new();
    let base = server.base.clone();

    // Both sides send the same query.
    server.record.store(true, Ordering::Relaxed);
    rt.block_on(async {
        call.generated(&client, 1).await;
        call.hand(&http, &base, key, 1).await;
    });
    server.record.store(false, Ordering::Relaxed);
    let seen = std::mem::take(&mut *server.seen.lock().expect("lock"));
    let same = seen.len() == 2 && sorted_pairs(&seen[0]) == sorted_pairs(&seen[1]);
    println!(
        "generated request: {}",
        seen.first().map_or("", String::as_str)
    );
    println!(
        "hand-written     : {}",
        seen.get(1).map_or("", String::as_str)
    );
    println!("same query parameters and values: {same}\n");

    let (rounds, per_round) = if quick { (3, 300) } else { (10, 2000) };
    println!(
        "## Request overhead: GET /iam/clients with 11 query parameters, median of {rounds} rounds x {per_round} sequential requests per side (one keep-alive connection, tokio current_thread; CPU = client thread)"
    );
    println!("| items per response | response KiB | generated req/s | hand-written req/s | ratio generated/hand (req/s) | generated CPU µs/req | hand CPU µs/req | CPU ratio hand/generated |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for limit in [1i64, 20] {
        let body_len = page_body(&server.template, &server.base, 1_000_000, limit as u64, 0).len();
        let mut g = Side {
            rps: vec![],
            cpu_us: vec![],
        };
        let mut h = Side {
            rps: vec![],
            cpu_us: vec![],
        };
        rt.block_on(async {
            // Warm-up: connections, caches.
            for _ in 0..200 {
                black_box(call.generated(&client, limit).await);
                black_box(call.hand(&http, &base, key, limit).await);
            }
            for round in 0..rounds {
                for side in [round % 2, 1 - round % 2] {
                    let t = Instant::now();
                    let c = thread_cpu();
                    for _ in 0..per_round {
                        let n = if side == 0 {
                            call.generated(&client, limit).await
                        } else {
                            call.hand(&http, &base, key, limit).await
                        };
                        black_box(n);
                    }
                    let wall = t.elapsed().as_secs_f64();
                    let cpu = (thread_cpu() - c).as_secs_f64();
                    let s = if side == 0 { &mut g } else { &mut h };
                    s.rps.push(per_round as f64 / wall);
                    s.cpu_us.push(cpu * 1e6 / per_round as f64);
                }
            }
        });
        let (gr, hr) = (median(&mut g.rps), median(&mut h.rps));
        let (gc, hc) = (median(&mut g.cpu_us), median(&mut h.cpu_us));
        println!(
            "| {limit} | {:.1} | {gr:.0} | {hr:.0} | {:.3} | {gc:.1} | {hc:.1} | {:.3} |",
            body_len as f64 / 1024.0,
            gr / hr,
            hc / gc
        );
    }
    println!("target: ratio >= 0.95");
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

// ---------------------------------------------------------------------------------------
// 2. Decoding throughput.

fn decoding(server: &Server, quick: bool) {
    const N: u64 = 10_000;
    let mut body = Vec::new();
    body.push(b'[');
    for id in 0..N {
        if id > 0 {
            body.push(b',');
        }
        client_json(&server.template, id, &mut body);
    }
    body.push(b']');
    let reps = if quick { 3 } else { 15 };
    type Run<'a> = (&'a str, Box<dyn Fn(&[u8]) -> usize + 'a>);
    let runs: Vec<Run> = vec![
        (
            "hand-written structs: serde_json::from_slice::<Vec<HClient>>",
            Box::new(|b| serde_json::from_slice::<Vec<HClient>>(b).expect("decodes").len()),
        ),
        (
            "generated models: serde_json::from_slice::<Vec<gcore::Client>>",
            Box::new(|b| {
                serde_json::from_slice::<Vec<generated_client::gcore::Client>>(b)
                    .expect("decodes")
                    .len()
            }),
        ),
        (
            "generated models as the runtime decodes a success: serde_json::from_slice::<Listing<gcore::Client>>",
            Box::new(|b| {
                serde_json::from_slice::<Listing<generated_client::gcore::Client>>(b)
                    .expect("decodes")
                    .items()
                    .len()
            }),
        ),
        (
            "path-tracking decoder (the runtime's second pass, only after a failure): serde_path_to_error",
            Box::new(|b| {
                let mut de = serde_json::Deserializer::from_slice(b);
                let v: Listing<generated_client::gcore::Client> =
                    serde_path_to_error::deserialize(&mut de).expect("decodes");
                de.end().expect("end");
                v.items().len()
            }),
        ),
    ];
    println!(
        "## Decoding a 10,000-item JSON array of Gcore clients ({:.1} MiB), best and median of {reps}",
        mib(body.len())
    );
    println!("| decoder | best ms | median ms | MiB/s (best) | items/s (best) | relative to hand-written (median) |");
    println!("|---|---:|---:|---:|---:|---:|");
    let mut hand_median = 0.0;
    for (name, f) in &runs {
        assert_eq!(f(&body), N as usize);
        let mut times: Vec<f64> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                black_box(f(black_box(&body)));
                t.elapsed().as_secs_f64()
            })
            .collect();
        let med = median(&mut times);
        let best = times[0];
        if hand_median == 0.0 {
            hand_median = med;
        }
        println!(
            "| {name} | {:.1} | {:.1} | {:.0} | {:.0} | {:.3}x time |",
            best * 1e3,
            med * 1e3,
            mib(body.len()) / best,
            N as f64 / best,
            med / hand_median
        );
    }
}

// ---------------------------------------------------------------------------------------
// 3. Streaming memory.

fn streaming(rt: &tokio::runtime::Runtime, server: &Server, quick: bool) {
    let total: u64 = if quick { 20_000 } else { 100_000 };
    server.total.store(total as usize, Ordering::Relaxed);
    let client = GcoreClient::new(
        ClientConfig::new()
            .base_url(server.base.clone())
            .auth(GcoreClient::api_key_auth("s3cr3t")),
    )
    .expect("client");
    println!(
        "## Streaming {total} clients with `list_clients().limit(page).stream()` (heap = counting allocator, whole process incl. the in-process server's page buffer)"
    );
    println!("| page size | pages | one page body KiB | heap before MiB | peak heap during page 1-2 MiB | peak heap over all pages MiB | peak - before MiB | live heap at last page MiB | peak growth after page 2 KiB | VmHWM MiB | time s |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for page in [100u64, 1000] {
        let body_kib =
            page_body(&server.template, &server.base, total, page, page).len() as f64 / 1024.0;
        let t = Instant::now();
        let before = LIVE.load(Ordering::Relaxed);
        reset_peak();
        let (peak_early, live_last, count) = rt.block_on(async {
            let stream = client.list_clients().limit(page as i64).stream();
            let mut stream = std::pin::pin!(stream);
            let mut count = 0u64;
            let mut peak_early = 0;
            let mut live_last = 0;
            // Bounded: at most `total` items plus one.
            for _ in 0..=total {
                match stream.next().await {
                    Some(item) => {
                        black_box(item.expect("item"));
                        count += 1;
                        if count == 2 * page {
                            peak_early = PEAK.load(Ordering::Relaxed);
                        }
                        if count == total - page + 1 {
                            live_last = LIVE.load(Ordering::Relaxed);
                        }
                    }
                    None => break,
                }
            }
            (peak_early, live_last, count)
        });
        let peak = PEAK.load(Ordering::Relaxed);
        assert_eq!(count, total, "every item streamed");
        println!(
            "| {page} | {} | {body_kib:.0} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} | {:.1} | {:.2} |",
            total / page,
            mib(before),
            mib(peak_early),
            mib(peak),
            mib(peak - before),
            mib(live_last),
            (peak.saturating_sub(peak_early)) as f64 / 1024.0,
            proc_status_kb("VmHWM:") as f64 / 1024.0,
            t.elapsed().as_secs_f64()
        );
    }
    println!("(\"peak growth after page 2\" ≈ 0 means the peak is reached by the first pages and does not grow with the number of pages)");
}

/// The API of the cursor endpoint: no generated client has a cursor-paged operation, so the
/// stream is built as generated code builds it, through the runtime's wiring.
static CURSOR_API: client_runtime::wiring::ApiInfo = client_runtime::wiring::ApiInfo {
    name: "bench_cursor",
    default_base_url: None,
    error_field: None,
    session: None,
    lenient: false,
    headers: &[],
};

fn cursor_stream(
    transport: &client_runtime::wiring::Transport,
    page: u64,
) -> generated_client::Items<generated_client::gcore::Client, serde_json::Value> {
    use client_runtime::wiring::{items_at, Paging, Request};
    let request = Request::<serde_json::Value>::get("list_cursor", "/cursor/clients")
        .paging(
            Paging::cursor("cursor", "next_cursor")
                .size("limit", page)
                .items("data"),
        )
        .build();
    items_at(transport, request)
}

fn cursor_streaming(rt: &tokio::runtime::Runtime, server: &Server, quick: bool) {
    let total: u64 = if quick { 20_000 } else { 100_000 };
    server.total.store(total as usize, Ordering::Relaxed);
    let config = ClientConfig::new().base_url(server.base.clone());
    let transport = client_runtime::wiring::Transport::new(&CURSOR_API, config).expect("transport");
    println!(
        "## Streaming {total} clients by cursor (`style: cursor`, `items: data`, `next: next_cursor`; heap = counting allocator, whole process)"
    );
    println!("| page size | pages | heap before MiB | peak heap during page 1-2 MiB | peak heap over all pages MiB | peak - before MiB | peak growth after page 2 KiB | heap after MiB | VmHWM MiB | time s |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for page in [100u64, 1000] {
        let t = Instant::now();
        let before = LIVE.load(Ordering::Relaxed);
        reset_peak();
        let (peak_early, count) = rt.block_on(async {
            let mut stream = std::pin::pin!(cursor_stream(&transport, page));
            let (mut count, mut peak_early) = (0u64, 0);
            for _ in 0..=total {
                match stream.next().await {
                    Some(item) => {
                        black_box(item.expect("item"));
                        count += 1;
                        if count == 2 * page {
                            peak_early = PEAK.load(Ordering::Relaxed);
                        }
                    }
                    None => break,
                }
            }
            (peak_early, count)
        });
        let peak = PEAK.load(Ordering::Relaxed);
        let after = LIVE.load(Ordering::Relaxed);
        assert_eq!(count, total, "every item streamed");
        println!(
            "| {page} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.0} | {:.2} | {:.1} | {:.2} |",
            total / page,
            mib(before),
            mib(peak_early),
            mib(peak),
            mib(peak - before),
            (peak.saturating_sub(peak_early)) as f64 / 1024.0,
            mib(after),
            proc_status_kb("VmHWM:") as f64 / 1024.0,
            t.elapsed().as_secs_f64()
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let quick = args.iter().any(|a| a == "--quick");
    // `cargo bench` passes `--bench`; `cargo test --benches` runs us without it: do a smoke run only.
    let smoke = !args.iter().any(|a| a == "--bench");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = start_server();
    if smoke {
        let call = Call::new();
        let client =
            GcoreClient::new(ClientConfig::new().base_url(server.base.clone())).expect("client");
        assert_eq!(rt.block_on(call.generated(&client, 2)), 2);
        server.total.store(5, Ordering::Relaxed);
        let transport = client_runtime::wiring::Transport::new(
            &CURSOR_API,
            ClientConfig::new().base_url(server.base.clone()),
        )
        .expect("transport");
        let streamed = rt.block_on(cursor_stream(&transport, 2).count());
        assert_eq!(streamed, 5, "the cursor stream walks every page");
        println!("client bench: smoke run ok (use `cargo bench` for figures)");
        return;
    }
    // `--streaming`: only section 3 (both streaming tables).
    if !args.iter().any(|a| a == "--streaming") {
        overhead(&rt, &server, quick);
        println!();
        decoding(&server, quick);
        println!();
    }
    streaming(&rt, &server, quick);
    println!();
    cursor_streaming(&rt, &server, quick);
}
