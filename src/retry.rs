//! Bounded retries of idempotent requests: what a Keycloak behind a proxy
//! answers during a restart or a rolling update (connection refused or reset,
//! 502/503/504) and what a rate limiter answers (429).
//!
//! Only `GET`, `HEAD`, `PUT`, `DELETE` and `OPTIONS` are retried: a `POST` may
//! have been applied before the answer was lost, so it is never sent twice
//! (the one exception is the hook's re-send after a 401, which the server
//! refused before doing anything). Delays grow exponentially (backon), each
//! jittered up to twice its value and then capped at the policy's
//! `max_backoff`; `Retry-After` is honoured; no retry starts after the deadline.

use std::time::{Duration, Instant};

/// When and how often to send an idempotent request again.
///
/// ```
/// use keycloak_admin_api::RetryPolicy;
/// use std::time::Duration;
/// let policy = RetryPolicy::default().max_retries(5).deadline(Duration::from_secs(60));
/// let off = RetryPolicy::none();
/// # let _ = (policy, off);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    max_retries: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    deadline: Duration,
}

impl Default for RetryPolicy {
    /// 4 retries, 200 ms doubling (each jittered up to twice its value), never
    /// over 5 s, all within 30 s.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(5),
            deadline: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..Self::default()
        }
    }

    /// How many times one call may be sent again (0: never).
    pub fn max_retries(mut self, n: u32) -> Self {
        self.max_retries = n;
        self
    }

    /// The first delay; each next one doubles, up to [`Self::max_backoff`].
    pub fn initial_backoff(mut self, d: Duration) -> Self {
        self.initial_backoff = d;
        self
    }

    /// The longest delay between two attempts, jitter included (a
    /// `Retry-After` from the server may ask for longer, within the deadline).
    pub fn max_backoff(mut self, d: Duration) -> Self {
        self.max_backoff = d;
        self
    }

    /// No retry starts later than this after the first attempt started (a
    /// `Retry-After` that points past it ends the retries).
    pub fn deadline(mut self, d: Duration) -> Self {
        self.deadline = d;
        self
    }

    /// Whether retries are on.
    pub fn is_enabled(&self) -> bool {
        self.max_retries > 0
    }

    pub(crate) fn schedule(&self) -> Schedule {
        use backon::BackoffBuilder;
        Schedule {
            started: Instant::now(),
            deadline: self.deadline,
            cap: self.max_backoff,
            delays: backon::ExponentialBuilder::default()
                .with_min_delay(self.initial_backoff)
                .with_max_delay(self.max_backoff)
                .with_max_times(self.max_retries as usize)
                .with_jitter()
                .build(),
        }
    }
}

/// Whether a request with this method may be sent twice.
pub(crate) fn idempotent(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::PUT,
        Method::DELETE,
        Method::OPTIONS,
    ]
    .contains(method)
}

/// What the last attempt got, as far as retrying is concerned.
pub(crate) enum Outcome<'a> {
    /// No connection was made, or it broke before a response.
    Transport(&'a reqwest::Error),
    Status(&'a reqwest::Response),
}

/// The delays of one call.
pub(crate) struct Schedule {
    started: Instant,
    deadline: Duration,
    /// backon caps before its jitter (which adds up to the delay again): capped here after.
    cap: Duration,
    delays: backon::ExponentialBackoff,
}

impl Schedule {
    /// How long to wait before the next attempt, or `None` to stop here.
    pub fn next(&mut self, outcome: Outcome<'_>) -> Option<Duration> {
        let retry_after = match outcome {
            Outcome::Transport(e) if e.is_connect() || e.is_request() || e.is_body() => None,
            Outcome::Transport(_) => return None,
            Outcome::Status(r) => match r.status().as_u16() {
                502..=504 | 429 => retry_after(r),
                _ => return None,
            },
        };
        let backoff = self.delays.next()?.min(self.cap);
        let delay = retry_after.unwrap_or(backoff);
        (self.started.elapsed() + delay < self.deadline).then_some(delay)
    }
}

/// `Retry-After` in seconds (the HTTP-date form is rare from Keycloak's proxies;
/// it falls back to the backoff).
fn retry_after(r: &reqwest::Response) -> Option<Duration> {
    r.headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse::<u64>()
        .ok()
        .map(Duration::from_secs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_idempotent_methods() {
        use reqwest::Method;
        assert!(
            idempotent(&Method::GET) && idempotent(&Method::PUT) && idempotent(&Method::DELETE)
        );
        assert!(!idempotent(&Method::POST) && !idempotent(&Method::PATCH));
    }

    #[test]
    fn the_defaults_are_what_the_docs_say_and_no_delay_passes_the_cap() {
        let d = RetryPolicy::default();
        assert_eq!(
            (d.max_retries, d.initial_backoff, d.max_backoff, d.deadline),
            (
                4,
                Duration::from_millis(200),
                Duration::from_secs(5),
                Duration::from_secs(30)
            )
        );
        let r503 = reqwest::Response::from(
            http::Response::builder()
                .status(503)
                .body(Vec::<u8>::new())
                .unwrap(),
        );
        // Enough retries to reach the cap many times; a long deadline.
        let policy = d.max_retries(40).deadline(Duration::from_secs(3600));
        for _ in 0..20 {
            let mut s = policy.schedule();
            let delays: Vec<_> = std::iter::from_fn(|| s.next(Outcome::Status(&r503))).collect();
            assert_eq!(delays.len(), 40);
            assert!(delays[0] >= Duration::from_millis(200), "{delays:?}");
            assert!(
                delays.iter().all(|d| *d <= Duration::from_secs(5)),
                "jitter never passes max_backoff: {delays:?}"
            );
        }
    }

    #[test]
    fn the_schedule_is_bounded_by_count_and_deadline() {
        let resp = |status: u16, after: Option<&str>| {
            let mut b = http::Response::builder().status(status);
            if let Some(a) = after {
                b = b.header("retry-after", a);
            }
            reqwest::Response::from(b.body(Vec::<u8>::new()).unwrap())
        };
        let policy = RetryPolicy::default().max_retries(3);
        let mut s = policy.schedule();
        let r503 = resp(503, None);
        let delays: Vec<_> = std::iter::from_fn(|| s.next(Outcome::Status(&r503))).collect();
        assert_eq!(delays.len(), 3);
        assert!(delays.iter().all(|d| *d <= Duration::from_secs(5)));
        // Not retried: 500, 404, 401 (the hook's business).
        for status in [500, 404, 401, 400] {
            assert!(
                policy
                    .schedule()
                    .next(Outcome::Status(&resp(status, None)))
                    .is_none()
            );
        }
        // Retry-After is honoured; past the deadline it ends the retries.
        let d = policy
            .schedule()
            .next(Outcome::Status(&resp(429, Some("2"))))
            .unwrap();
        assert_eq!(d, Duration::from_secs(2));
        assert!(
            policy
                .schedule()
                .next(Outcome::Status(&resp(503, Some("60"))))
                .is_none()
        );
        assert!(
            RetryPolicy::none()
                .schedule()
                .next(Outcome::Status(&r503))
                .is_none()
        );
    }
}
