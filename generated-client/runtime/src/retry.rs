//! Retry policy and classification: a pure function from what an attempt produced to what to
//! do next, so every rule is unit-tested without a server.

use std::time::{Duration, SystemTime};

use reqwest::header::HeaderMap;

/// How often and how patiently retry-safe requests are retried.
///
/// Retried: connect errors and HTTP 429, 500, 502, 503, 504, only for
/// requests marked `retry_safe`. The delay is exponential backoff with full
/// jitter (`random(0, min(cap, base * 2^(attempt-1)))`), or the server's
/// `Retry-After` when it sends one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Total attempts including the first (1 = no retries).
    pub max_attempts: u32,
    /// Backoff base delay.
    pub base: Duration,
    /// Upper bound of one backoff delay.
    pub cap: Duration,
    /// Longest `Retry-After` that is waited for; a longer one ends the
    /// retries and the error response is returned.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base: Duration::from_millis(200),
            cap: Duration::from_secs(5),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The ceiling of the jittered backoff before attempt `attempt + 1`.
    fn backoff_ceiling(&self, attempt: u32) -> Duration {
        let exp = attempt.saturating_sub(1).min(31);
        self.base
            .checked_mul(1u32 << exp)
            .unwrap_or(self.cap)
            .min(self.cap)
    }
}

/// What one attempt produced, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Outcome<'a> {
    /// The connection could not be made (nothing was sent).
    ConnectFailed,
    /// The attempt timed out, or the connection broke after sending.
    Failed,
    /// The server answered with this status and headers.
    Answered { status: u16, headers: &'a HeaderMap },
}

/// What to do after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Stop and hand the outcome to the caller.
    Stop,
    /// Retry after a random delay in `0..=max` (full jitter).
    Backoff { max: Duration },
    /// Retry after exactly this delay (the server's `Retry-After`).
    Wait(Duration),
}

/// Whether a status is worth retrying for a retry-safe request.
pub(crate) fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 500 | 502 | 503 | 504)
}

/// Decides what follows attempt number `attempt` (1-based) of a request that is
/// `retry_safe` or not, at wall-clock time `now` (for `Retry-After` dates).
pub(crate) fn classify(
    outcome: Outcome<'_>,
    attempt: u32,
    policy: &RetryPolicy,
    retry_safe: bool,
    now: SystemTime,
) -> Action {
    if !retry_safe || attempt >= policy.max_attempts.max(1) {
        return Action::Stop;
    }
    match outcome {
        Outcome::ConnectFailed => Action::Backoff {
            max: policy.backoff_ceiling(attempt),
        },
        // A timeout or a broken connection may have reached the server: not retried.
        Outcome::Failed => Action::Stop,
        Outcome::Answered { status, headers } if is_retryable_status(status) => {
            match retry_after(headers, now) {
                Some(wait) if wait > policy.max_retry_after => Action::Stop,
                Some(wait) => Action::Wait(wait),
                None => Action::Backoff {
                    max: policy.backoff_ceiling(attempt),
                },
            }
        }
        Outcome::Answered { .. } => Action::Stop,
    }
}

/// The delay an action asks for, with full jitter for backoff.
pub(crate) fn delay(action: Action) -> Option<Duration> {
    match action {
        Action::Stop => None,
        Action::Wait(d) => Some(d),
        Action::Backoff { max } => {
            let millis = u64::try_from(max.as_millis()).unwrap_or(u64::MAX);
            Some(Duration::from_millis(fastrand::u64(0..=millis)))
        }
    }
}

/// Parses `Retry-After` as delta-seconds or an HTTP date (relative to `now`).
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    crate::response::retry_after_at(headers, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::{HeaderValue, RETRY_AFTER};

    fn policy() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 4,
            base: Duration::from_millis(100),
            cap: Duration::from_millis(250),
            max_retry_after: Duration::from_secs(10),
        }
    }

    fn answered(status: u16, h: &HeaderMap) -> Outcome<'_> {
        Outcome::Answered { status, headers: h }
    }

    #[test]
    fn retryable_statuses_back_off_exponentially_up_to_the_cap() {
        let h = HeaderMap::new();
        let now = SystemTime::now();
        let p = policy();
        for status in [429, 500, 502, 503, 504] {
            assert_eq!(
                classify(answered(status, &h), 1, &p, true, now),
                Action::Backoff {
                    max: Duration::from_millis(100)
                }
            );
        }
        assert_eq!(
            classify(answered(503, &h), 2, &p, true, now),
            Action::Backoff {
                max: Duration::from_millis(200)
            }
        );
        assert_eq!(
            classify(answered(503, &h), 3, &p, true, now),
            Action::Backoff {
                max: Duration::from_millis(250)
            }
        );
        for status in [200, 201, 400, 401, 404, 501] {
            assert_eq!(
                classify(answered(status, &h), 1, &p, true, now),
                Action::Stop
            );
        }
    }

    #[test]
    fn unsafe_requests_and_the_last_attempt_stop() {
        let h = HeaderMap::new();
        let now = SystemTime::now();
        let p = policy();
        assert_eq!(classify(answered(503, &h), 1, &p, false, now), Action::Stop);
        assert_eq!(
            classify(Outcome::ConnectFailed, 1, &p, false, now),
            Action::Stop
        );
        assert_eq!(classify(answered(503, &h), 4, &p, true, now), Action::Stop);
        assert_eq!(
            classify(answered(503, &h), 1, &RetryPolicy::none(), true, now),
            Action::Stop
        );
    }

    #[test]
    fn connect_failures_retry_and_broken_attempts_do_not() {
        let now = SystemTime::now();
        let p = policy();
        assert_eq!(
            classify(Outcome::ConnectFailed, 1, &p, true, now),
            Action::Backoff {
                max: Duration::from_millis(100)
            }
        );
        assert_eq!(classify(Outcome::Failed, 1, &p, true, now), Action::Stop);
    }

    #[test]
    fn retry_after_is_obeyed_up_to_its_cap() {
        let now = SystemTime::now();
        let p = policy();
        let mut h = HeaderMap::new();
        h.insert(RETRY_AFTER, HeaderValue::from_static("2"));
        assert_eq!(
            classify(answered(429, &h), 1, &p, true, now),
            Action::Wait(Duration::from_secs(2))
        );
        h.insert(RETRY_AFTER, HeaderValue::from_static("3600"));
        assert_eq!(classify(answered(429, &h), 1, &p, true, now), Action::Stop);
        let date = httpdate::fmt_http_date(now + Duration::from_secs(5));
        h.insert(RETRY_AFTER, HeaderValue::from_str(&date).unwrap());
        let Action::Wait(d) = classify(answered(503, &h), 1, &p, true, now) else {
            panic!("an HTTP date is waited for");
        };
        assert!(d <= Duration::from_secs(5) && d >= Duration::from_secs(4));
        h.insert(RETRY_AFTER, HeaderValue::from_static("soon"));
        assert_eq!(
            classify(answered(503, &h), 1, &p, true, now),
            Action::Backoff {
                max: Duration::from_millis(100)
            }
        );
    }

    #[test]
    fn retry_after_dates_in_the_past_mean_now() {
        let mut h = HeaderMap::new();
        h.insert(
            RETRY_AFTER,
            HeaderValue::from_static("Wed, 21 Oct 2015 07:28:00 GMT"),
        );
        assert_eq!(retry_after(&h, SystemTime::now()), Some(Duration::ZERO));
    }

    #[test]
    fn jitter_stays_within_the_ceiling() {
        for _ in 0..200 {
            let d = delay(Action::Backoff {
                max: Duration::from_millis(250),
            })
            .unwrap();
            assert!(d <= Duration::from_millis(250));
        }
        assert_eq!(delay(Action::Stop), None);
        assert_eq!(
            delay(Action::Wait(Duration::from_secs(1))),
            Some(Duration::from_secs(1))
        );
    }
}
