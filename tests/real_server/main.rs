//! The generated client against a real Keycloak from the harness: one server for
//! this binary, a realm of its own for every test.

mod authz;
mod clients;
mod ergonomic;
mod errors;
mod groups;
mod oidc;
mod realms;
mod smtp_sink;
mod spec_fixes;
mod users;
mod versions;

use keycloak_admin_api::{Error, ResponseValue};
use keycloak_testkit::Server;

pub async fn server() -> &'static Server {
    match Server::shared().await {
        Ok(s) => s,
        Err(e) => panic!("{e}"),
    }
}

/// Keycloak answers a create with 201 and the new id as the last segment of `Location`.
pub fn created_id(resp: &ResponseValue<()>) -> String {
    assert_eq!(resp.status().as_u16(), 201, "a create answers 201 Created");
    let location = resp
        .headers()
        .get("location")
        .expect("a 201 carries Location")
        .to_str()
        .unwrap();
    location.rsplit('/').next().unwrap().to_string()
}

/// Status and body of a failed call (every non-2xx comes back untouched).
pub async fn failure(err: Error<()>) -> (u16, String) {
    match err {
        Error::UnexpectedResponse(resp) => {
            let status = resp.status().as_u16();
            (status, resp.text().await.unwrap())
        }
        other => panic!("expected the raw error response, got {other:?}"),
    }
}

/// `.send().await.answered().await`: the value of a call that must succeed; when
/// it does not, the panic carries Keycloak's status and body (an `unwrap` shows
/// only the response's headers — a bare 500 then says nothing).
pub trait Answered<T> {
    /// The successful response, or a panic naming what Keycloak answered.
    fn answered(self) -> impl std::future::Future<Output = ResponseValue<T>>;
}

impl<T> Answered<T> for Result<ResponseValue<T>, Error<()>> {
    async fn answered(self) -> ResponseValue<T> {
        match self {
            Ok(value) => value,
            Err(Error::UnexpectedResponse(resp)) => {
                let status = resp.status();
                let body = resp.text().await.unwrap_or_default();
                panic!("Keycloak answered {status}: {body}")
            }
            Err(other) => panic!("the call failed: {other:?}"),
        }
    }
}
