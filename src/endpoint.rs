//! [`Endpoint`]: every generated builder knows its operation and response type,
//! so one generic function can run any of them (the ergonomic crate's
//! `KeycloakAdmin::send` adds auth, error mapping and tracing to every
//! operation, with or without a handle).

use crate::{Error, Operation, ResponseValue};
use std::future::Future;

/// A ready-to-send request of one operation: implemented by the builder of every
/// generated operation (`builder::GetUsers`, …).
///
/// ```
/// use keycloak_admin_api::{Client, Endpoint, Hooks, operations};
/// fn operation_of<E: Endpoint>(_: &E) -> &'static keycloak_admin_api::Operation {
///     E::OPERATION
/// }
/// let client = Client::new("http://127.0.0.1:8080", Hooks::none());
/// let request = client.get_users_profile().realm("rep");
/// assert_eq!(operation_of(&request), operations::GET_USERS_PROFILE);
/// ```
pub trait Endpoint: Send {
    /// The operation (id, method, path template) this builder sends.
    const OPERATION: &'static Operation;
    /// What a 2xx answer decodes to (`()` for none, `ByteStream` for raw bodies).
    type Output;
    /// Send the request: the builder's own `send`.
    fn send(self) -> impl Future<Output = Result<ResponseValue<Self::Output>, Error<()>>> + Send;
}
