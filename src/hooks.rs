//! The seam between the generated client and whoever authenticates it.
//!
//! progenitor ignores security schemes; instead the generated `Client` carries a
//! [`Hooks`] value and calls it around every request. The ergonomic crate installs
//! a [`RequestHook`] that sets `Authorization` and, on a 401, refreshes the token
//! and asks for exactly one re-send.

use crate::Operation;
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

/// The generated client's inner value: an optional [`RequestHook`].
#[derive(Clone, Default)]
pub struct Hooks(Option<Arc<dyn RequestHook>>);

impl Hooks {
    /// No hook: requests go out as generated (e.g. for a proxy that authenticates).
    pub fn none() -> Self {
        Self(None)
    }

    /// Install `hook` for every request.
    pub fn new(hook: impl RequestHook) -> Self {
        Self(Some(Arc::new(hook)))
    }

    /// Install a shared hook.
    pub fn from_arc(hook: Arc<dyn RequestHook>) -> Self {
        Self(Some(hook))
    }
}

impl fmt::Debug for Hooks {
    // Never print the hook: it may hold credentials.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_some() {
            "Hooks(installed)"
        } else {
            "Hooks(none)"
        })
    }
}

const UNKNOWN: Operation = Operation {
    id: "unknown",
    method: "?",
    path: "?",
};

fn operation(info: &OperationInfo) -> &'static Operation {
    Operation::by_id(info.operation_id).unwrap_or(&UNKNOWN)
}

impl ClientHooks<Hooks> for crate::Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), Error<E>> {
        match &self.inner().0 {
            Some(hook) => hook
                .prepare(request, operation(info))
                .await
                .map_err(Error::Custom),
            None => Ok(()),
        }
    }

    /// Sends the request inside a `keycloak.request` tracing span (method, path
    /// template, status, duration — never URLs with values, headers or bodies),
    /// re-sending once when the hook asks.
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
            retried = false
        );
        let started = std::time::Instant::now();
        let result =
            tracing::Instrument::instrument(self.send_with_retry(request, op), span.clone()).await;
        if let Ok(response) = &result {
            span.record("status", response.status().as_u16());
        }
        span.record("duration_ms", started.elapsed().as_millis() as u64);
        tracing::debug!(parent: &span, "done");
        result
    }
}

impl crate::Client {
    async fn send_with_retry(
        &self,
        request: reqwest::Request,
        op: &'static Operation,
    ) -> reqwest::Result<reqwest::Response> {
        let Some(hook) = &self.inner().0 else {
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
