//! The one send path of every generated operation (`build/dispatch.rs`
//! rewrites each builder's `send` into a call of one of these): the hooks,
//! the request, and the decoding progenitor wrote into every `send`, written
//! once. One generic body per response kind instead of one state machine per
//! operation is most of what this crate costs to compile. They return
//! unboxed futures (measured: boxing them here compiled every response type's
//! decoding into this crate, a slower build overall).

use crate::{ByteStream, Client, Error, ResponseValue};
use progenitor_client::{ClientHooks, OperationInfo};

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
    fn accepts(self, status: reqwest::StatusCode) -> bool {
        match self {
            Accept::Success => status.is_success(),
            Accept::Ok200 => status == reqwest::StatusCode::OK,
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
    let info = OperationInfo { operation_id };
    client.pre(&mut request, &info).await?;
    let result = client.exec(request, &info).await;
    client.post(&result, &info).await?;
    Ok(result?)
}

/// A JSON body decoded to `T`.
pub(crate) async fn json<T: serde::de::DeserializeOwned>(
    client: &Client,
    operation_id: &'static str,
    accept: Accept,
    request: Result<reqwest::Request, Error<()>>,
) -> Result<ResponseValue<T>, Error<()>> {
    let response = respond(client, operation_id, request).await?;
    if accept.accepts(response.status()) {
        ResponseValue::from_response(response).await
    } else {
        Err(Error::UnexpectedResponse(response))
    }
}

/// No body (or one nobody reads): status and headers.
pub(crate) async fn empty(
    client: &Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
) -> Result<ResponseValue<()>, Error<()>> {
    undecoded(client, operation_id, request, ResponseValue::empty).await
}

/// The raw body as a stream of bytes.
pub(crate) async fn stream(
    client: &Client,
    operation_id: &'static str,
    request: Result<reqwest::Request, Error<()>>,
) -> Result<ResponseValue<ByteStream>, Error<()>> {
    undecoded(client, operation_id, request, ResponseValue::stream).await
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
