//! The seam between the generated client and whoever authenticates it.
//!
//! progenitor ignores security schemes; instead the generated `Client` carries a
//! [`Hooks`] value and calls it around every request. The ergonomic crate installs
//! a [`RequestHook`] that sets `Authorization` and, on a 401, refreshes the token
//! and asks for exactly one re-send.

use crate::Operation;
use crate::retry::{self, RetryPolicy};
use progenitor_client::{ClientHooks, ClientInfo, Error, OperationInfo};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// A boxed, `Send` future (hooks are object-safe).
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Runs around every request the generated client sends.
///
/// ```no_run
/// use keycloak_admin_api::{BoxFuture, Hooks, Operation, RequestHook};
/// struct Bearer(String);
/// impl RequestHook for Bearer {
///     fn prepare<'a>(&'a self, request: &'a mut reqwest::Request, _op: &'static Operation) -> BoxFuture<'a, Result<(), String>> {
///         Box::pin(async move {
///             let value = format!("Bearer {}", self.0).parse().map_err(|_| "token is not a valid header".to_string())?;
///             request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
///             Ok(())
///         })
///     }
/// }
/// let client = keycloak_admin_api::Client::new("http://127.0.0.1:8080", Hooks::new(Bearer("…".into())));
/// ```
pub trait RequestHook: Send + Sync + 'static {
    /// Adjust a request before it is sent, e.g. add `Authorization`.
    /// An error aborts the call with `Error::Custom(message)`.
    fn prepare<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        operation: &'static Operation,
    ) -> BoxFuture<'a, Result<(), String>>;

    /// Look at a response to `request` (as it was sent); `true` sends it once
    /// more, prepared afresh (e.g. after a 401 the hook dropped its token).
    /// Asked at most once per call.
    fn retry<'a>(
        &'a self,
        _request: &'a reqwest::Request,
        _response: &'a reqwest::Response,
        _operation: &'static Operation,
    ) -> BoxFuture<'a, bool> {
        Box::pin(async { false })
    }
}

/// The generated client's inner value: an optional [`RequestHook`], the
/// [`RetryPolicy`] for idempotent requests, and the largest response body read.
#[derive(Clone)]
pub struct Hooks {
    hook: Option<Arc<dyn RequestHook>>,
    retry: RetryPolicy,
    max_response_bytes: u64,
}

/// The default limit on a response body: 64 MiB. Measured on Keycloak 26.7.3:
/// a partial export of a realm with 1 000 clients, 1 000 groups and 1 000
/// roles is 1.3 MB (so 64 MiB holds ~50 000 of each), a page of 5 000 full
/// users 1.5 MB, server info 0.3 MB.
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 64 << 20;

impl Default for Hooks {
    fn default() -> Self {
        Hooks {
            hook: None,
            retry: RetryPolicy::default(),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
        }
    }
}

impl Hooks {
    /// No hook: requests go out as generated (e.g. for a proxy that authenticates).
    /// Retries and the response limit keep their defaults.
    pub fn none() -> Self {
        Self::default()
    }

    /// Install `hook` for every request.
    pub fn new(hook: impl RequestHook) -> Self {
        Self::from_arc(Arc::new(hook))
    }

    /// Install a shared hook.
    pub fn from_arc(hook: Arc<dyn RequestHook>) -> Self {
        Hooks {
            hook: Some(hook),
            ..Self::default()
        }
    }

    /// Retry idempotent requests by `policy` (default [`RetryPolicy::default`];
    /// [`RetryPolicy::none`] switches retries off).
    pub fn with_retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Fail a response whose body grows past `bytes` while it is read (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`]), with [`ResponseTooLarge`] as the cause.
    pub fn with_max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = bytes;
        self
    }
}

impl fmt::Debug for Hooks {
    // Never print the hook: it may hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("hook", &self.hook.as_ref().map(|_| "installed"))
            .field("retry", &self.retry)
            .field("max_response_bytes", &self.max_response_bytes)
            .finish()
    }
}

/// The cause (in the `source()` chain of the body error) when a response body
/// is larger than the configured limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResponseTooLarge {
    /// The limit in bytes.
    pub limit: u64,
}

impl fmt::Display for ResponseTooLarge {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response body is larger than the limit of {} bytes",
            self.limit
        )
    }
}

impl std::error::Error for ResponseTooLarge {}

/// `response` with its body counted while it is read: past `limit` bytes the
/// stream fails with [`ResponseTooLarge`] (at once when `Content-Length` says so).
fn limited(response: reqwest::Response, limit: u64) -> reqwest::Response {
    use futures_util::StreamExt;
    use reqwest::ResponseBuilderExt;
    let declared_too_large = response.content_length().is_some_and(|n| n > limit);
    let mut builder = http::Response::builder()
        .status(response.status())
        .version(response.version())
        .url(response.url().clone());
    if let Some(headers) = builder.headers_mut() {
        *headers = response.headers().clone();
    }
    let mut seen = 0u64;
    let body = response.bytes_stream().map(move |chunk| {
        let chunk = chunk.map_err(|e| Box::new(e) as Box<dyn std::error::Error + Send + Sync>)?;
        seen += chunk.len() as u64;
        if declared_too_large || seen > limit {
            return Err(
                Box::new(ResponseTooLarge { limit }) as Box<dyn std::error::Error + Send + Sync>
            );
        }
        Ok(chunk)
    });
    let body = if declared_too_large {
        reqwest::Body::wrap_stream(futures_util::stream::once(async move {
            Err::<bytes::Bytes, _>(
                Box::new(ResponseTooLarge { limit }) as Box<dyn std::error::Error + Send + Sync>
            )
        }))
    } else {
        reqwest::Body::wrap_stream(body)
    };
    reqwest::Response::from(builder.body(body).expect("parts of a valid response"))
}

const UNKNOWN: Operation = Operation {
    id: "unknown",
    method: "?",
    path: "?",
};

/// The path of a base URL (`http://host:8080/auth` → `/auth`), without parsing it again.
fn base_path(base: &str) -> &str {
    let after_scheme = base.find("://").map_or(base, |i| &base[i + 3..]);
    after_scheme.find('/').map_or("", |i| &after_scheme[i..])
}

fn operation(info: &OperationInfo) -> &'static Operation {
    Operation::by_id(info.operation_id).unwrap_or(&UNKNOWN)
}

impl ClientHooks<Hooks> for crate::Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        let op = operation(info);
        // The second line of defence behind `crate::path::segment`: the URL as
        // the parser left it must be the operation's route, one segment per parameter.
        if op.id != UNKNOWN.id
            && !crate::path::matches_template(
                request.url().path(),
                base_path(self.baseurl()),
                op.path,
            )
        {
            return Err(Error::InvalidRequest(format!(
                "{op}: the request path does not match the operation's route; refused"
            )));
        }
        match &self.inner().hook {
            Some(hook) => hook
                .prepare(request, operation(info))
                .await
                .map_err(Error::Custom),
            None => Ok(()),
        }
    }

    /// Sends the request inside a `keycloak.request` tracing span (method, path
    /// template, status, duration, attempts — never URLs with values, headers
    /// or bodies): idempotent requests are retried by the [`RetryPolicy`], any
    /// request is re-sent once when the hook asks (after a 401), and the
    /// response body is limited.
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let op = operation(info);
        let span = tracing::debug_span!(
            "keycloak.request",
            operation = op.id,
            method = op.method,
            path = op.path,
            status = tracing::field::Empty,
            duration_ms = tracing::field::Empty,
            retried = false,
            attempts = 1u32
        );
        let started = std::time::Instant::now();
        let result =
            tracing::Instrument::instrument(self.send_with_retries(request, op), span.clone())
                .await;
        if let Ok(response) = &result {
            span.record("status", response.status().as_u16());
        }
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        tracing::debug!(parent: &span, "done");
        result.map(|r| limited(r, self.inner().max_response_bytes))
    }
}

impl crate::Client {
    /// Attempts by the retry policy (idempotent methods only), each of them
    /// [`Self::send_once`].
    async fn send_with_retries(
        &self,
        request: reqwest::Request,
        op: &'static Operation,
    ) -> reqwest::Result<reqwest::Response> {
        let policy = self.inner().retry;
        if !policy.is_enabled() || !retry::idempotent(request.method()) {
            return self.send_once(request, op).await;
        }
        let mut schedule = policy.schedule();
        let mut request = request;
        let mut attempt = 1u32;
        loop {
            let again = request.try_clone();
            let result = self.send_once(request, op).await;
            let Some(mut next) = again else { return result };
            let outcome = match &result {
                Ok(r) => retry::Outcome::Status(r),
                Err(e) => retry::Outcome::Transport(e),
            };
            let Some(delay) = schedule.next(outcome) else {
                return result;
            };
            let cause = match &result {
                Ok(r) => r.status().to_string(),
                Err(e) => crate::hooks::describe(e),
            };
            tracing::debug!(
                operation = op.id,
                attempt,
                delay_ms = delay.as_millis() as u64,
                cause = %cause,
                "retrying"
            );
            tokio::time::sleep(delay).await;
            // The token may have been renewed meanwhile: prepare afresh.
            if let Some(hook) = &self.inner().hook
                && hook.prepare(&mut next, op).await.is_err()
            {
                return result;
            }
            drop(result);
            attempt += 1;
            tracing::Span::current().record("attempts", attempt);
            request = next;
        }
    }

    /// One attempt, re-sent once when the hook asks (a 401 after which it
    /// renewed its token).
    async fn send_once(
        &self,
        request: reqwest::Request,
        op: &'static Operation,
    ) -> reqwest::Result<reqwest::Response> {
        let Some(hook) = &self.inner().hook else {
            return self.client().execute(request).await;
        };
        let again = request.try_clone();
        let response = self.client().execute(request).await?;
        match again {
            Some(mut again) if hook.retry(&again, &response, op).await => {
                if hook.prepare(&mut again, op).await.is_err() {
                    return Ok(response);
                }
                tracing::Span::current().record("retried", true);
                self.client().execute(again).await
            }
            _ => Ok(response),
        }
    }
}

/// A transport error's message and causes, without the URL (it may carry values).
fn describe(e: &reqwest::Error) -> String {
    let mut msg = e.to_string();
    if let Some(url) = e.url() {
        msg = msg.replace(url.as_str(), "…");
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg = format!("{msg}: {s}");
        source = s.source();
    }
    msg
}
