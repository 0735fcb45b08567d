//! Lazy streams over paginated operations: the next page is fetched only when the consumer
//! asks for more, one request at a time, with the builder's parameters on every page and
//! one page in memory. [`Items`] yields the items, [`Pages`] whole pages with their metadata.

use std::collections::HashSet;
use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use futures_core::Stream;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

use crate::error::Error;
use crate::exec::Raw;
use crate::paging::{self, Facts, Paged, Paging, Step, Style};
use crate::request::{origin, same_origin, Request};
use crate::transport::{FromResponse, Transport};

type Inner<T, E> = Pin<Box<dyn Stream<Item = Result<T, Error<E>>> + Send>>;

/// The caller's caps, shared with the walk that fetches the pages.
#[derive(Debug)]
struct Caps {
    max_pages: AtomicU64,
}

impl Caps {
    fn new() -> Arc<Caps> {
        Arc::new(Caps {
            max_pages: AtomicU64::new(u64::MAX),
        })
    }
}

/// Every item of a paginated list, fetched page by page as the stream is polled.
///
/// An error is yielded once and ends the stream; after its end it keeps returning `None`.
/// A cursor or next URL that repeats, or a next URL on another host, ends it with
/// [`Error::Paging`] after the items of the page that said so.
#[must_use = "a stream does nothing until polled"]
pub struct Items<T, E> {
    inner: Inner<T, E>,
    caps: Arc<Caps>,
    left: u64,
}

/// Every page of a paginated list, whole (the response model with its metadata: counts,
/// cursors, links), fetched one by one as the stream is polled.
///
/// Errors end the stream as for [`Items`].
#[must_use = "a stream does nothing until polled"]
pub struct Pages<P, E> {
    inner: Inner<P, E>,
    caps: Arc<Caps>,
}

impl<T, E> Items<T, E> {
    /// Ends the stream after `n` items; no page is fetched for items beyond them.
    pub fn max_items(mut self, n: u64) -> Self {
        self.left = n;
        self
    }

    /// Fetches at most `n` pages; the stream ends after the items of the last of them.
    pub fn max_pages(self, n: u64) -> Self {
        self.caps.max_pages.store(n, Ordering::Relaxed);
        self
    }
}

impl<P, E> Pages<P, E> {
    /// Fetches at most `n` pages.
    pub fn max_pages(self, n: u64) -> Self {
        self.caps.max_pages.store(n, Ordering::Relaxed);
        self
    }
}

impl<T, E> std::fmt::Debug for Items<T, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Items").finish_non_exhaustive()
    }
}

impl<P, E> std::fmt::Debug for Pages<P, E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pages").finish_non_exhaustive()
    }
}

impl<T, E> Stream for Items<T, E> {
    type Item = Result<T, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.left == 0 {
            return Poll::Ready(None);
        }
        let next = self.inner.as_mut().poll_next(cx);
        if let Poll::Ready(Some(Ok(_))) = &next {
            self.left -= 1;
        }
        next
    }
}

impl<P, E> Stream for Pages<P, E> {
    type Item = Result<P, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}

/// Turns one fetched page into what the stream yields, with what the page says.
type Decode<P, O, E> =
    fn(&Transport, &Request<P>, &Paging, Raw) -> Result<(Vec<O>, Facts), Error<E>>;

struct Walk<P, O, E> {
    transport: Transport,
    request: Request<P>,
    paging: Paging,
    size: Option<u64>,
    step: Option<Step>,
    /// Items on the pages so far.
    seen: u64,
    /// Pages fetched so far.
    fetched: u64,
    /// Hashes of the cursors and URLs used, to refuse one that repeats (8 bytes a page).
    used: HashSet<u64, BuildHasherDefault<DefaultHasher>>,
    buffer: std::vec::IntoIter<O>,
    /// An error to yield once the buffered items are out.
    pending: Option<Error<E>>,
    caps: Arc<Caps>,
    decode: Decode<P, O, E>,
}

fn paging_error<E>(operation: &'static str, message: String) -> Error<E> {
    Error::Paging { operation, message }
}

impl<P, O, E> Walk<P, O, E> {
    fn hash(&self, key: &str) -> u64 {
        self.used.hasher().hash_one(key)
    }

    /// The request of the page at `at`.
    fn page(&self, at: &Step) -> Result<Request<P>, String> {
        let mut page = self.request.clone();
        let follows = self.paging.follows_urls();
        if let (Some((param, _)), Some(size)) = (self.paging.size, self.size) {
            if !(follows && matches!(at, Step::Token(_))) {
                page.set_query(param, size.to_string());
            }
        }
        match at {
            Step::First => {}
            Step::Number(n) => {
                if let Some(param) = self.paging.position_param() {
                    page.set_query(param, n.to_string());
                }
            }
            Step::Token(url) if follows => {
                let url = Url::parse(url).map_err(|e| format!("invalid next URL: {e}"))?;
                page.set_target(url);
            }
            Step::Token(token) => {
                if let Some(param) = self.paging.position_param() {
                    page.set_query(param, token.clone());
                }
            }
        }
        Ok(page)
    }

    /// Records where the page at `at` was fetched from, so that it cannot be asked again.
    fn record(&mut self, at: &Step, page: &Request<P>) {
        let key = match at {
            Step::Token(t) => Some(t.clone()),
            Step::First if self.paging.follows_urls() => page
                .url(self.transport.base_url(), None)
                .ok()
                .map(String::from),
            Step::First => self.paging.position_param().and_then(|p| {
                page.query_pairs()
                    .find(|(n, _)| *n == p)
                    .map(|(_, v)| v.to_owned())
            }),
            Step::Number(_) => None,
        };
        if let Some(key) = key {
            let h = self.hash(&key);
            self.used.insert(h);
        }
    }

    /// The step after the page fetched with `page`, or why the walk stops with an error.
    fn after(
        &mut self,
        at: &Step,
        page: &Request<P>,
        facts: &Facts,
    ) -> Result<Option<Step>, String> {
        let next = self.paging.next(at, self.size, self.seen, facts)?;
        let Some(Step::Token(token)) = next else {
            return Ok(next);
        };
        let token = if self.paging.follows_urls() {
            let here = page.url(self.transport.base_url(), None)?;
            let url = here
                .join(&token)
                .map_err(|e| format!("the next URL is not a URL: {e}"))?;
            let base = self.transport.base_url();
            if !same_origin(&url, base) {
                return Err(format!(
                    "the next URL is on {}, not on the client's {}; it is not followed",
                    origin(&url),
                    origin(base)
                ));
            }
            url.to_string()
        } else {
            token
        };
        if self.used.contains(&self.hash(&token)) {
            let what = if self.paging.follows_urls() {
                let shown =
                    Url::parse(&token).map_or_else(|_| String::new(), |u| u.path().to_owned());
                format!("the next URL ({shown}) was already fetched")
            } else {
                format!("the cursor `{token}` was already used")
            };
            return Err(format!("{what}; following it would loop"));
        }
        Ok(Some(Step::Token(token)))
    }
}

/// Walks the pages of `request`, yielding what `decode` makes of each.
fn walk<P, O, E>(
    transport: &Transport,
    request: Result<Request<P>, Error<E>>,
    decode: Decode<P, O, E>,
) -> (Inner<O, E>, Arc<Caps>)
where
    P: Send + 'static,
    O: Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let caps = Caps::new();
    let request = match request {
        Ok(request) => request,
        Err(e) => return (Box::pin(futures_util::stream::iter([Err(e)])), caps),
    };
    let Some(paging) = request.paging_config().cloned() else {
        let e = paging_error(request.operation(), "the operation is not paginated".into());
        return (Box::pin(futures_util::stream::iter([Err(e)])), caps);
    };
    let read = |name: Option<&str>| {
        name.and_then(|name| {
            request
                .query_pairs()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_owned())
        })
    };
    let size = read(paging.size.map(|(p, _)| p)).and_then(|v| v.parse::<u64>().ok());
    let (size, step) = paging.start(size, read(paging.position_param()).as_deref());
    let walk = Walk {
        transport: transport.clone(),
        request,
        paging,
        size,
        step: Some(step),
        seen: 0,
        fetched: 0,
        used: HashSet::default(),
        buffer: Vec::new().into_iter(),
        pending: None,
        caps: caps.clone(),
        decode,
    };
    let stream = futures_util::stream::unfold(walk, |mut w| async move {
        loop {
            if let Some(item) = w.buffer.next() {
                return Some((Ok(item), w));
            }
            if let Some(e) = w.pending.take() {
                w.step = None;
                return Some((Err(e), w));
            }
            let at = w.step.take()?;
            if w.fetched >= w.caps.max_pages.load(Ordering::Relaxed) {
                return None;
            }
            let operation = w.request.operation();
            let page = match w.page(&at) {
                Ok(page) => page,
                Err(m) => return Some((Err(paging_error(operation, m)), w)),
            };
            w.fetched += 1;
            w.record(&at, &page);
            // The step was taken: after an error the stream ends.
            let raw = match w.transport.fetch::<P, E>(&page).await {
                Ok(raw) => raw,
                Err(e) => return Some((Err(e), w)),
            };
            let (items, facts) = match (w.decode)(&w.transport, &page, &w.paging, raw) {
                Ok(decoded) => decoded,
                Err(e) => return Some((Err(e), w)),
            };
            w.seen = w.seen.saturating_add(facts.len);
            match w.after(&at, &page, &facts) {
                Ok(step) => w.step = step,
                Err(m) => w.pending = Some(paging_error(operation, m)),
            }
            w.buffer = items.into_iter();
        }
    });
    (Box::pin(futures_util::StreamExt::fuse(stream)), caps)
}

/// A page body as JSON (an empty body is `null`).
fn json<P, E>(transport: &Transport, req: &Request<P>, raw: &Raw) -> Result<Value, Error<E>> {
    let body: &[u8] = if raw.body.iter().all(u8::is_ascii_whitespace) {
        b"null"
    } else {
        &raw.body
    };
    crate::decode::strict(body).map_err(|f| transport.decode_error(req, f.path, f.source))
}

/// Items of a bare list or `{count, next, previous, results}` page, decoded as `send()`
/// decodes them.
fn legacy_items<P, E>(
    transport: &Transport,
    req: &Request<P>,
    paging: &Paging,
    raw: Raw,
) -> Result<(Vec<P::Item>, Facts), Error<E>>
where
    P: Paged + FromResponse,
{
    let next = match paging.style {
        Style::LinkHeader => paging::link_next(&raw.headers),
        _ => None,
    };
    let (items, mut facts) = P::from_response(transport, req, raw)?.split_page();
    facts.next = facts.next.or(next);
    Ok((items, facts))
}

/// The items at the `items` path of an envelope page.
fn envelope_items<P, T: DeserializeOwned, E>(
    transport: &Transport,
    req: &Request<P>,
    paging: &Paging,
    raw: Raw,
) -> Result<(Vec<T>, Facts), Error<E>> {
    let mut body = json(transport, req, &raw)?;
    let facts = paging.facts(&body, &raw.headers);
    drop(raw);
    let path = paging.items.unwrap_or_default();
    let list = take(&mut body, path);
    drop(body);
    if list.is_null() {
        return Ok((Vec::new(), facts));
    }
    let lenient = transport.api().lenient;
    let items = crate::decode::from_value::<Vec<T>>(&list, lenient)
        .map_err(|f| transport.decode_error(req, crate::decode::under(path, f.path), f.source))?;
    Ok((items, facts))
}

/// A whole page, its facts read from its JSON.
fn whole_page<P: DeserializeOwned, E>(
    transport: &Transport,
    req: &Request<P>,
    paging: &Paging,
    raw: Raw,
) -> Result<(Vec<P>, Facts), Error<E>> {
    let body = json(transport, req, &raw)?;
    let facts = paging.facts(&body, &raw.headers);
    drop(raw);
    let lenient = transport.api().lenient;
    let page = crate::decode::from_value::<P>(&body, lenient)
        .map_err(|f| transport.decode_error(req, f.path, f.source))?;
    Ok((vec![page], facts))
}

/// Moves the value at the dotted `path` out of `v` (`null` if absent).
fn take(v: &mut Value, path: &str) -> Value {
    if path.is_empty() {
        return v.take();
    }
    let mut at = v;
    for key in path.split('.') {
        match at.get_mut(key) {
            Some(next) => at = next,
            None => return Value::Null,
        }
    }
    at.take()
}

/// Every item of a bare list or `page<T>` response; a request that could not be built is
/// yielded as the stream's one error.
#[doc(hidden)]
pub fn items<P, E>(
    transport: &Transport,
    request: Result<Request<P>, Error<E>>,
) -> Items<P::Item, E>
where
    P: Paged + FromResponse + Send + 'static,
    P::Item: Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let (inner, caps) = walk(transport, request, legacy_items::<P, E>);
    Items {
        inner,
        caps,
        left: u64::MAX,
    }
}

/// Every item at the paging's `items` path of an envelope response.
#[doc(hidden)]
pub fn items_at<T, P, E>(
    transport: &Transport,
    request: Result<Request<P>, Error<E>>,
) -> Items<T, E>
where
    T: DeserializeOwned + Send + 'static,
    P: Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let (inner, caps) = walk(transport, request, envelope_items::<P, T, E>);
    Items {
        inner,
        caps,
        left: u64::MAX,
    }
}

/// Every page of the response type, whole.
#[doc(hidden)]
pub fn pages<P, E>(transport: &Transport, request: Result<Request<P>, Error<E>>) -> Pages<P, E>
where
    P: DeserializeOwned + Send + 'static,
    E: DeserializeOwned + Send + 'static,
{
    let (inner, caps) = walk(transport, request, whole_page::<P, E>);
    Pages { inner, caps }
}
