//! No panic on any server input: a local server answers with random statuses, headers and
//! bodies (deterministic seed, bounded count), and every call through generated clients
//! of all three APIs must come back as `Ok` or `Err`.

use generated_client::activeplatform::ActivePlatformClient;
use generated_client::gcore::GcoreClient;
use generated_client::hostbill::HostbillClient;
use generated_client::{ClientConfig, RetryPolicy};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers each request with the next pseudo-random response.
struct Chaos {
    seed: AtomicU64,
}

const BODIES: &[&str] = &[
    "",
    "null",
    "[]",
    "{}",
    "[1, 2",
    "{\"count\": -1, \"results\": null}",
    "{\"count\": 3, \"next\": 7, \"results\": [{}]}",
    "{\"error\": [\"wronglogin\", 7, null, {\"x\": 1}]}",
    "{\"error\": \"not a list\"}",
    "{\"token\": 5, \"refresh\": []}",
    "{\"invoices\": {\"1\": null}}",
    "<html><body>502 Bad Gateway</body></html>",
    "\u{feff}[{\"id\": \"x\"}]",
    "{\"detail\": {\"nested\": [1, 2, {\"deep\": true}]}}",
    "[{\"id\": 1e400}]",
    "{\"results\": [{\"id\": 18446744073709551616}]}",
    "\"just a string\"",
    "{\"custom_attributes\": [1, 2], \"balance\": \"NaN\"}",
];

impl Respond for Chaos {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let n = self.seed.fetch_add(1, Ordering::Relaxed);
        let mut rng = fastrand::Rng::with_seed(n);
        let status = [
            200u16, 200, 200, 201, 204, 400, 401, 404, 429, 500, 502, 503,
        ][rng.usize(..12)];
        let mut body: Vec<u8> = BODIES[rng.usize(..BODIES.len())].as_bytes().to_vec();
        if rng.bool() {
            // Random bytes, including invalid UTF-8.
            body = (0..rng.usize(..200)).map(|_| rng.u8(..)).collect();
        }
        let mut t = ResponseTemplate::new(status).set_body_raw(body, "application/json");
        if rng.bool() {
            let retry_after = [
                "0",
                "1",
                "-5",
                "soon",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                "99999999999",
            ];
            t = t.insert_header("retry-after", retry_after[rng.usize(..retry_after.len())]);
        }
        t
    }
}

fn config(server: &MockServer) -> ClientConfig {
    ClientConfig::new()
        .base_url(server.uri())
        .timeout(Duration::from_secs(5))
        .retry(RetryPolicy {
            max_attempts: 2,
            base: Duration::from_millis(1),
            cap: Duration::from_millis(5),
            max_retry_after: Duration::from_millis(10),
        })
}

#[tokio::test]
async fn random_answers_never_panic() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(Chaos {
            seed: AtomicU64::new(7),
        })
        .mount(&server)
        .await;

    let gcore =
        GcoreClient::new(config(&server).auth(GcoreClient::api_key_auth("key-123456"))).unwrap();
    let ap = ActivePlatformClient::new(
        config(&server).auth(ActivePlatformClient::api_token_auth("tok-123456")),
    )
    .unwrap();
    let hb = Arc::new(
        HostbillClient::new(config(&server).auth(HostbillClient::session_auth())).unwrap(),
    );
    hb.transport()
        .session()
        .unwrap()
        .set_tokens("t-123456".into(), Some("r-123456".into()));

    let mut outcomes = [0usize; 2];
    for round in 0..40 {
        // Each outcome as `Err(Display + Debug text)` (formatting must not panic either).
        fn shown<T, E: std::fmt::Display + std::fmt::Debug>(r: Result<T, E>) -> Result<(), String> {
            r.map(|_| ()).map_err(|e| format!("{e} {e:?}"))
        }
        let results = [
            shown(gcore.list_clients().limit(2).send().await),
            shown(gcore.list_addendums().send().await),
            shown(ap.list_accounts().send().await),
            shown(hb.list_invoices().send().await),
            shown(hb.get_details().send().await),
            shown(hb.get_ticket_attachment("a.pdf").send().await),
        ];
        for r in results {
            outcomes[usize::from(r.is_err())] += 1;
        }
        // Streams stop on garbage instead of looping: the whole walk ends, in time,
        // after a handful of items (answers hold at most a few).
        use futures_util::StreamExt;
        let walk = gcore.list_clients().limit(1).stream().take(1000).count();
        let items = tokio::time::timeout(Duration::from_secs(10), walk).await;
        assert!(
            matches!(items, Ok(n) if n < 1000),
            "round {round}: {items:?}"
        );
    }
    assert!(outcomes[0] > 0, "some random answers should decode");
    assert!(outcomes[1] > 0, "random answers should produce errors");
}
