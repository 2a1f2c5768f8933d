//! The one send path of every generated operation (`build/dispatch.rs`
//! rewrites each builder's `send` into a call of one of these): the hooks,
//! the request, and the decoding progenitor wrote into every `send`, written
//! once.
//!
//! Why the futures look the way they do (each measured on this crate's
//! build): one `async fn` per operation made a state machine and a `Send`
//! proof per operation, most of what the crate cost to compile. Everything up
//! to the response body is one boxed, non-generic future, compiled once; what
//! depends on the operation's response type is only the synchronous decoding
//! in [`Decoded`]'s `poll`, compiled where an operation is awaited — so this
//! crate does not compile the decoding of all ~240 models, and proving a send
//! future `Send` is proving it of a box and a marker.

use crate::{ByteStream, Client, Error, ResponseValue};
use bytes::Bytes;
use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::{StatusCode, header::HeaderMap};
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

/// A future compiled once for every operation that shares it.
type Shared<'a, T> = Pin<Box<dyn Future<Output = Result<T, Error<()>>> + Send + 'a>>;

/// Which statuses decode as the operation's response; any other answers
/// `Error::UnexpectedResponse` with the untouched response.
#[derive(Clone, Copy)]
pub(crate) enum Accept {
    /// Any 2xx.
    Success,
    /// 200 only (the authorization searches: their empty 204 is not a result).
    Ok200,
}

impl Accept {
    fn accepts(self, status: StatusCode) -> bool {
        match self {
            Accept::Success => status.is_success(),
            Accept::Ok200 => status == StatusCode::OK,
        }
    }
}

/// Hooks before, the request, hooks after: progenitor's own sequence.
async fn respond(
    client: &Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
) -> Result<reqwest::Response, Error<()>> {
    let mut request = request?;
    if let Some(why) = too_long(&request) {
        return Err(Error::InvalidRequest(why));
    }
    let info = OperationInfo { operation_id };
    client.pre(&mut request, &info).await?;
    // What a refusal must not quote back (see `crate::echo`).
    let sent = request
        .body()
        .and_then(reqwest::Body::as_bytes)
        .map(crate::echo::Sent::of_body)
        .filter(|s| !s.is_empty());
    let result = client.exec(request, &info).await;
    client.post(&result, &info).await?;
    let mut response = result?;
    if let Some(sent) = sent
        && !response.status().is_success()
    {
        response.extensions_mut().insert(sent);
    }
    Ok(response)
}

/// The longest URL the HTTP stack can send (hyper refuses longer ones with
/// an opaque "not a valid Uri"); Keycloak itself answers 414 above ~32 KiB,
/// and proxies often above 8 KiB.
const MAX_URL: usize = 65_534;

/// A URL too long to send, refused naming the value that made it so.
fn too_long(request: &reqwest::Request) -> Option<String> {
    let url = request.url();
    let len = url.as_str().len();
    if len <= MAX_URL {
        return None;
    }
    let query = url
        .query_pairs()
        .map(|(k, v)| (format!("query parameter `{k}`"), v.len()));
    let path = url
        .path_segments()
        .into_iter()
        .flatten()
        .map(|s| ("a path value".to_string(), s.len()));
    let (what, biggest) = query
        .chain(path)
        .max_by_key(|(_, n)| *n)
        .unwrap_or_default();
    Some(format!(
        "the request's URL would be {len} bytes, over the {MAX_URL} it can carry: {what} is {biggest} bytes"
    ))
}

/// An accepted answer read in full, not yet decoded.
struct Body {
    status: StatusCode,
    headers: HeaderMap,
    bytes: Bytes,
}

/// A JSON operation's future: the shared request and body read, then the
/// body decoded to `T` (progenitor's `ResponseValue::from_response`).
pub(crate) struct Decoded<'a, T> {
    operation_id: &'static str,
    body: Shared<'a, Body>,
    // `fn() -> T`: the future is `Send` and `Unpin` whatever `T` is.
    decoded: PhantomData<fn() -> T>,
}

impl<T: serde::de::DeserializeOwned> Future for Decoded<'_, T> {
    type Output = Result<ResponseValue<T>, Error<()>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let Body {
            status,
            headers,
            bytes,
        } = ready!(self.body.as_mut().poll(cx))?;
        Poll::Ready(match serde_json::from_slice(&bytes) {
            Ok(inner) => {
                crate::drift::report(self.operation_id, &bytes);
                Ok(ResponseValue::new(inner, status, headers))
            }
            Err(e) => Err(Error::InvalidResponsePayload(bytes, e)),
        })
    }
}

/// A JSON body decoded to `T`.
pub(crate) fn json<'a, T>(
    client: &'a Client,
    operation_id: &'static str,
    accept: Accept,
    request: Result<reqwest::Request, Error<()>>,
) -> Decoded<'a, T> {
    Decoded {
        operation_id,
        body: Box::pin(read(client, operation_id, accept, request)),
        decoded: PhantomData,
    }
}

/// The body of an accepted answer, read in full.
async fn read(
    client: &Client,
    operation_id: &'static str,
    accept: Accept,
    request: Result<reqwest::Request, Error<()>>,
) -> Result<Body, Error<()>> {
    let response = respond(client, operation_id, request).await?;
    if !accept.accepts(response.status()) {
        return Err(Error::UnexpectedResponse(response));
    }
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.bytes().await.map_err(Error::ResponseBodyError)?;
    Ok(Body {
        status,
        headers,
        bytes,
    })
}

/// No body (or one nobody reads): status and headers.
pub(crate) fn empty<'a>(
    client: &'a Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
) -> Shared<'a, ResponseValue<()>> {
    Box::pin(undecoded(
        client,
        operation_id,
        request,
        ResponseValue::empty,
    ))
}

/// The raw body as a stream of bytes.
pub(crate) fn stream<'a>(
    client: &'a Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
) -> Shared<'a, ResponseValue<ByteStream>> {
    Box::pin(undecoded(
        client,
        operation_id,
        request,
        ResponseValue::stream,
    ))
}

/// Any 2xx wrapped as it is (`empty`, `stream`).
async fn undecoded<T>(
    client: &Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
    wrap: fn(reqwest::Response) -> ResponseValue<T>,
) -> Result<ResponseValue<T>, Error<()>> {
    let response = respond(client, operation_id, request).await?;
    if response.status().is_success() {
        Ok(wrap(response))
    } else {
        Err(Error::UnexpectedResponse(response))
    }
}
