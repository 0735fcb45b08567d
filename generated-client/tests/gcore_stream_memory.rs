//! Streaming a long list keeps about one page in memory, whatever the total.
//!
//! A counting global allocator (this test binary only) tracks live heap bytes and their
//! peak. A tiny in-process HTTP server generates each addendum page on the fly from the
//! `limit`/`offset` it is asked for, so the server holds no list either. The test streams
//! 10,000 and then 100,000 addendums with pages of 1,000 through the generated
//! `list_addendums().limit(1000).stream()` and asserts that the peak growth of live bytes
//! is far below what holding every item would take, and does not grow with the total.
//!
//! One `#[test]` only: the allocator counts the whole process, so nothing else may run.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use futures_util::StreamExt;
use generated_client::gcore::{Addendum, GcoreClient};
use generated_client::ClientConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(by: usize) {
    let now = LIVE.fetch_add(by, Ordering::Relaxed) + by;
    PEAK.fetch_max(now, Ordering::Relaxed);
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
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
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const PAGE: u64 = 1_000;
const MIB: f64 = 1024.0 * 1024.0;

/// One addendum as the API sends it (about 400 bytes of JSON).
fn write_addendum(out: &mut String, id: u64) {
    use std::fmt::Write;
    write!(
        out,
        r#"{{"id":{id},"client_id":{client},"plan_id":31,"status":"active","active_from":"2021-05-05T12:00:00Z","active_to":null,"created_at":"2021-05-01 08:30:00","previous_id":null,"plan_name_en":"CDN Pro plan number {id}","plan_currency_char_code":"EUR","plan_currency_id":1,"product_id":"1","product_internal_name":"CDN","archived":null,"description":"Addendum {id} of a long list streamed page by page"}}"#,
        client = 1_000 + id % 97,
    )
    .unwrap();
}

/// The page at `offset` of a list of `total` items, built on demand.
fn page_body(total: u64, limit: u64, offset: u64) -> String {
    let end = offset.saturating_add(limit).min(total);
    let mut out = String::with_capacity(((end - offset.min(end)) as usize) * 420 + 128);
    out.push_str(&format!(r#"{{"count":{total},"next":"#));
    if end < total {
        out.push_str(&format!(r#""http://x/?limit={limit}&offset={end}""#));
    } else {
        out.push_str("null");
    }
    out.push_str(r#","previous":null,"results":["#);
    for id in offset + 1..=end {
        if id > offset + 1 {
            out.push(',');
        }
        write_addendum(&mut out, id);
    }
    out.push_str("]}");
    out
}

/// The value of query parameter `name`, or `default` when absent.
fn query_u64(target: &str, name: &str, default: u64) -> u64 {
    let query = target.split_once('?').map(|(_, q)| q).unwrap_or("");
    query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.parse().unwrap())
        .unwrap_or(default)
}

/// Serves one keep-alive connection: each request gets its page.
async fn serve(mut socket: TcpStream, total: u64, hits: Arc<AtomicU64>) {
    let mut buf = Vec::with_capacity(4096);
    let mut chunk = [0u8; 2048];
    loop {
        let head_end = loop {
            if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                break i + 4;
            }
            assert!(buf.len() < 64 * 1024, "request head too long");
            match socket.read(&mut chunk).await {
                Ok(0) | Err(_) => return,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        };
        let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
        buf.drain(..head_end);
        let target = head.split_whitespace().nth(1).unwrap_or("/").to_owned();
        hits.fetch_add(1, Ordering::Relaxed);
        let body = page_body(
            total,
            query_u64(&target, "limit", 100),
            query_u64(&target, "offset", 0),
        );
        let response = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
            body.len()
        );
        if socket.write_all(response.as_bytes()).await.is_err()
            || socket.write_all(body.as_bytes()).await.is_err()
        {
            return;
        }
    }
}

async fn start_server(total: u64) -> (String, Arc<AtomicU64>) {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let hits = Arc::new(AtomicU64::new(0));
    let counter = hits.clone();
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            tokio::spawn(serve(socket, total, counter.clone()));
        }
    });
    (format!("http://{addr}"), hits)
}

struct Run {
    items: u64,
    requests: u64,
    peak_growth: usize,
    retained: isize,
}

/// Streams every addendum of a `total`-item list and measures the peak growth of live
/// heap bytes over the level just before the stream's first poll.
async fn stream_all(total: u64) -> Run {
    let (base, hits) = start_server(total).await;
    let client = GcoreClient::new(
        ClientConfig::new()
            .base_url(base)
            .auth(GcoreClient::api_key_auth("key")),
    )
    .unwrap();
    // Warm up: open the connection and initialise lazy statics outside the measurement.
    let warm = client.list_addendums().limit(1).send().await.unwrap();
    assert_eq!(warm.count, total);
    drop(warm);
    hits.store(0, Ordering::Relaxed);

    let stream = client.list_addendums().limit(PAGE as i64).stream();
    let mut stream = Box::pin(stream);
    let baseline = LIVE.load(Ordering::Relaxed);
    PEAK.store(baseline, Ordering::Relaxed);

    let mut items = 0u64;
    let mut checksum = 0u64;
    // Bounded: one more poll than there are items, to see the end.
    for _ in 0..=total {
        match stream.next().await {
            Some(item) => {
                let a: Addendum = item.unwrap();
                items += 1;
                assert_eq!(a.id as u64, items, "items arrive in order");
                checksum = checksum.wrapping_add(a.client_id as u64);
            }
            None => break,
        }
    }
    let peak_growth = PEAK.load(Ordering::Relaxed).saturating_sub(baseline);
    drop(stream);
    let retained = LIVE.load(Ordering::Relaxed) as isize - baseline as isize;
    assert!(checksum > 0);
    Run {
        items,
        requests: hits.load(Ordering::Relaxed),
        peak_growth,
        retained,
    }
}

#[test]
fn streaming_100_000_items_holds_about_one_page() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (small, large) =
        runtime.block_on(async { (stream_all(10_000).await, stream_all(100_000).await) });

    // What one page takes: its JSON text and its decoded items.
    let one_page_json = page_body(PAGE, PAGE, 0).len();
    let item_size = std::mem::size_of::<Addendum>();
    // A lower bound for holding every item: the structs alone, without their strings.
    let all_items = item_size * large.items as usize;

    for (name, run) in [("10,000", &small), ("100,000", &large)] {
        println!(
            "{name} items: {} requests, peak growth {} bytes ({:.2} MiB), {} bytes retained after the stream",
            run.requests,
            run.peak_growth,
            run.peak_growth as f64 / MIB,
            run.retained,
        );
    }
    println!(
        "one page: {one_page_json} bytes of JSON + {PAGE} x {item_size} bytes of structs; \
         holding all 100,000 items needs at least {all_items} bytes ({:.2} MiB)",
        all_items as f64 / MIB
    );

    assert_eq!(small.items, 10_000);
    assert_eq!(large.items, 100_000);
    // Exactly one request per page: the total is a multiple of the page size.
    assert_eq!(small.requests, 10);
    assert_eq!(large.requests, 100);

    // About one page: under 8 pages' worth of JSON text (the server's copy, the client's
    // body buffer and the decoded page all count), and under 1/5 of the structs alone.
    let bound = 8 * one_page_json;
    assert!(
        large.peak_growth < bound,
        "peak growth {} >= bound {bound}",
        large.peak_growth
    );
    assert!(
        large.peak_growth * 5 < all_items,
        "peak growth {} is not far below {all_items}",
        large.peak_growth
    );
    // Whatever the total: ten times the items does not raise the peak (beyond noise).
    assert!(
        large.peak_growth < small.peak_growth + one_page_json,
        "peak grew with the total: {} vs {}",
        large.peak_growth,
        small.peak_growth
    );
    // Nothing item-related is kept once the stream is dropped: what remains is the pooled
    // keep-alive connection's read buffer (hyper grows it up to ~408 KiB), the same for
    // both totals.
    assert!(
        large.retained < 2 * one_page_json as isize,
        "{} bytes retained",
        large.retained
    );
    assert!(
        large.retained < small.retained + (one_page_json / 4) as isize,
        "retained memory grew with the total: {} vs {}",
        large.retained,
        small.retained
    );
}
