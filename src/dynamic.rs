//! Any operation by name, with loose arguments (feature `dynamic`): what a
//! command line or a test table needs when the operation is data, not code.
//!
//! [`call`] fills the operation's own generated builder — path and query
//! values by their names in the document (`user-id`, `briefRepresentation`),
//! the body decoded into the operation's body type — and sends it, so every
//! check of the typed client still applies (path segments, the body's JSON
//! types). An argument the operation does not take is refused, naming the
//! ones it does. A JSON answer is decoded into the operation's response type
//! and handed back as JSON: what the type does not know survives through its
//! `extra` maps, and [`crate::drift::unknown_fields`] names it.
//!
//! ```no_run
//! # async fn demo(client: keycloak_admin_api::Client) -> Result<(), keycloak_admin_api::Error<()>> {
//! use keycloak_admin_api::{dynamic::{self, Args, Answer}, operations};
//! let args = Args::new().path("realm", "rep").query("max", "5");
//! let answer = dynamic::call(&client, operations::GET_USERS, args).await?;
//! if let Answer::Json(users) = answer.into_inner() {
//!     println!("{users}");
//! }
//! # Ok(()) }
//! ```

use crate::{ByteStream, Client, Endpoint, Error, Operation, ResponseValue, types};
use serde_json::Value;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

/// Path and query values by their names in the document, and the body.
/// `Debug` shows no body (bodies carry passwords and secrets).
#[derive(Default, Clone)]
pub struct Args {
    path: BTreeMap<String, String>,
    query: Vec<(String, String)>,
    body: Option<Body>,
    taken: Vec<String>,
}

impl std::fmt::Debug for Args {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Args")
            .field("path", &self.path)
            .field("query", &self.query)
            .field("body", &self.body.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

#[derive(Clone)]
enum Body {
    Json(Value),
    Raw(Vec<u8>),
}

/// What a 2xx answer carried.
pub enum Answer {
    /// A JSON answer, decoded into the operation's type and encoded again.
    Json(Value),
    /// No body (`201 Created`, `204 No Content`).
    Empty,
    /// A raw body (files, installation documents).
    Bytes(ByteStream),
}

/// Only the JSON's shape: answers carry client secrets, credentials and keys.
impl std::fmt::Debug for Answer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Answer::Json(Value::Array(items)) => write!(f, "Json(<array of {}>)", items.len()),
            Answer::Json(Value::Object(map)) => write!(f, "Json(<object of {} fields>)", map.len()),
            Answer::Json(_) => f.write_str("Json(<value>)"),
            Answer::Empty => f.write_str("Empty"),
            Answer::Bytes(_) => f.write_str("Bytes(..)"),
        }
    }
}

impl Args {
    /// No arguments.
    pub fn new() -> Self {
        Self::default()
    }

    /// A path parameter, e.g. `("user-id", "…")`.
    pub fn path(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.path.insert(name.into(), value.into());
        self
    }

    /// A query parameter; repeat the name for a list. Values are text as on a
    /// command line: `"10"` for a number, `"true"` for a boolean.
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// A JSON body, decoded into the operation's body type when sent.
    pub fn json_body(mut self, body: Value) -> Self {
        self.body = Some(Body::Json(body));
        self
    }

    /// A body sent as it is (operations whose body is not JSON).
    pub fn raw_body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = Some(Body::Raw(body.into()));
        self
    }

    /// The path parameters given, by name.
    pub fn path_values(&self) -> &BTreeMap<String, String> {
        &self.path
    }

    fn mark(&mut self, name: &str) {
        self.taken.push(name.to_string());
    }

    fn required_path(&mut self, name: &str) -> Result<String, String> {
        self.mark(name);
        self.path
            .get(name)
            .cloned()
            .ok_or_else(|| format!("path parameter `{name}` is missing"))
    }

    fn optional_query(&mut self, name: &str) -> Result<Option<String>, String> {
        self.mark(name);
        let mut values = self.query.iter().filter(|(n, _)| n == name);
        match (values.next(), values.next()) {
            (Some((_, v)), None) => Ok(Some(v.clone())),
            (None, _) => Ok(None),
            (Some(_), Some(_)) => Err(format!("query parameter `{name}` takes one value")),
        }
    }

    // No operation of the pinned document has a required query parameter;
    // another document's may (the generator fills them with this).
    #[allow(dead_code)]
    fn required_query(&mut self, name: &str) -> Result<String, String> {
        self.optional_query(name)?
            .ok_or_else(|| format!("query parameter `{name}` is missing"))
    }

    fn list(&mut self, name: &str) -> Result<Option<Vec<String>>, String> {
        self.mark(name);
        let values: Vec<String> = self
            .query
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect();
        Ok((!values.is_empty()).then_some(values))
    }

    fn parsed<T: serde::de::DeserializeOwned>(&mut self, name: &str) -> Result<Option<T>, String> {
        let Some(text) = self.optional_query(name)? else {
            return Ok(None);
        };
        serde_json::from_str(&text).map(Some).map_err(|_| {
            format!(
                "query parameter `{name}`: `{text}` is not a {}",
                std::any::type_name::<T>()
            )
        })
    }

    fn take_body<T: serde::de::DeserializeOwned>(&mut self) -> Result<T, String> {
        match self.body.take() {
            Some(Body::Json(v)) => serde_path_to_error::deserialize(v).map_err(|e| {
                let name = std::any::type_name::<T>();
                let name = name.rsplit("::").next().unwrap_or("value");
                match e.path().to_string().as_str() {
                    "." => format!("the body is not a {name}: {}", e.inner()),
                    path => format!("the body is not a {name}: at `{path}`: {}", e.inner()),
                }
            }),
            Some(Body::Raw(_)) => Err("this operation takes a JSON body".into()),
            None => Err("this operation needs a body".into()),
        }
    }

    /// The text body of an operation whose body is not JSON.
    fn take_raw_body(&mut self) -> Result<String, String> {
        match self.body.take() {
            Some(Body::Raw(bytes)) => {
                String::from_utf8(bytes).map_err(|_| "the body is not UTF-8 text".into())
            }
            Some(Body::Json(Value::String(text))) => Ok(text),
            Some(Body::Json(v)) => Ok(v.to_string()),
            None => Err("this operation needs a body".into()),
        }
    }

    /// Every argument given that the operation did not take.
    fn leftovers(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .path
            .keys()
            .chain(self.query.iter().map(|(n, _)| n))
            .filter(|n| !self.taken.contains(n))
            .cloned()
            .collect();
        if self.body.is_some() {
            out.push("a body".into());
        }
        out.dedup();
        out
    }
}

/// The request of one operation, built and on its way.
type Pending<'a> =
    Pin<Box<dyn Future<Output = Result<ResponseValue<Answer>, Error<()>>> + Send + 'a>>;
type Call = for<'a> fn(&'a Client, &mut Args) -> Result<Pending<'a>, String>;

/// One operation's caller and what it takes.
pub(crate) struct Callable {
    id: &'static str,
    call: Call,
    params: &'static [(&'static str, &'static str)],
    body: Option<&'static str>,
}

/// What an operation takes: its parameters and its body's type.
#[derive(Debug, Clone, Copy)]
pub struct Signature {
    /// `(name, location)` of every parameter, as the document names them:
    /// `("user-id", "path")`, `("briefRepresentation", "query")`.
    pub params: &'static [(&'static str, &'static str)],
    /// The body's Rust type (`UserRepresentation`, `Vec<RoleRepresentation>`,
    /// `String` for a text body), if the operation takes one.
    pub body: Option<&'static str>,
}

fn callable(op: &Operation) -> Option<&'static Callable> {
    CALLS
        .binary_search_by(|c| c.id.cmp(op.id))
        .ok()
        .map(|i| &CALLS[i])
}

/// What `op` takes (`None` for an operation of another document).
///
/// ```
/// use keycloak_admin_api::{dynamic, operations};
/// let put = dynamic::signature(operations::PUT_USERS_BY_USER_ID).unwrap();
/// assert_eq!(put.params, [("realm", "path"), ("user-id", "path")]);
/// assert_eq!(put.body, Some("UserRepresentation"));
/// ```
pub fn signature(op: &Operation) -> Option<Signature> {
    callable(op).map(|c| Signature {
        params: c.params,
        body: c.body,
    })
}

fn json<'a, E>(request: E) -> Pending<'a>
where
    E: Endpoint + 'a,
    E::Output: serde::Serialize,
{
    Box::pin(async move {
        let answer = request.send().await?;
        let (status, headers) = (answer.status(), answer.headers().clone());
        let value = serde_json::to_value(answer.into_inner())
            .map_err(|e| Error::InvalidRequest(format!("re-encoding the answer: {e}")))?;
        Ok(ResponseValue::new(Answer::Json(value), status, headers))
    })
}

fn empty<'a, E: Endpoint<Output = ()> + 'a>(request: E) -> Pending<'a> {
    Box::pin(async move {
        let answer = request.send().await?;
        let (status, headers) = (answer.status(), answer.headers().clone());
        Ok(ResponseValue::new(Answer::Empty, status, headers))
    })
}

fn bytes<'a, E: Endpoint<Output = ByteStream> + 'a>(request: E) -> Pending<'a> {
    Box::pin(async move {
        let answer = request.send().await?;
        let (status, headers) = (answer.status(), answer.headers().clone());
        Ok(ResponseValue::new(
            Answer::Bytes(answer.into_inner()),
            status,
            headers,
        ))
    })
}

/// Send `op` with `args` through `client` (its hooks: auth, retries, limits).
///
/// Refused before anything is sent, as [`Error::InvalidRequest`]: a missing
/// path parameter, an argument the operation does not take, a query value of
/// the wrong type, a body that is not the operation's body type.
pub async fn call(
    client: &Client,
    op: &Operation,
    mut args: Args,
) -> Result<ResponseValue<Answer>, Error<()>> {
    prepare(client, op, &mut args)
        .map_err(Error::InvalidRequest)?
        .await
}

/// Everything [`call`] checks, without sending anything: whether `args` fill
/// `op`'s builder (its parameters, the body's JSON types). For a dry run, or
/// to refuse bad input before logging in.
///
/// ```
/// use keycloak_admin_api::{dynamic::{self, Args}, operations};
/// let body = serde_json::json!({ "username": "jane", "enabled": "yes" });
/// let args = Args::new().path("realm", "rep").json_body(body);
/// let why = dynamic::check(operations::POST_USERS, &args).unwrap_err();
/// assert!(why.contains("at `enabled`: invalid type: string"), "{why}");
/// ```
///
/// The refusal is the reason alone (what [`call`] would return as
/// [`Error::InvalidRequest`]).
pub fn check(op: &Operation, args: &Args) -> Result<(), String> {
    static NOWHERE: std::sync::OnceLock<Client> = std::sync::OnceLock::new();
    // Never sent to: the request is built lazily, when the future is polled.
    let client = NOWHERE.get_or_init(|| Client::new("http://127.0.0.1:9", crate::Hooks::none()));
    prepare(client, op, &mut args.clone()).map(drop)
}

/// The operation's builder filled from `args`, ready to send; or why not.
fn prepare<'a>(client: &'a Client, op: &Operation, args: &mut Args) -> Result<Pending<'a>, String> {
    let callable = callable(op).ok_or_else(|| format!("no operation `{}`", op.id))?;
    let pending = (callable.call)(client, args)?;
    let leftovers = args.leftovers();
    if !leftovers.is_empty() {
        let mut known = args.taken.clone();
        known.sort();
        known.dedup();
        let known = if known.is_empty() {
            "nothing".into()
        } else {
            known.join(", ")
        };
        return Err(format!(
            "{op} does not take {} (it takes: {known})",
            leftovers.join(", ")
        ));
    }
    Ok(pending)
}

include!(concat!(env!("KEYCLOAK_ADMIN_API_GENERATED"), "/dynamic.rs"));

#[cfg(test)]
mod tests {
    //! What is refused before anything is sent (the client points nowhere:
    //! a request that got out would fail differently).

    use super::*;
    use crate::{Hooks, operations};
    use serde_json::json;

    fn refused(result: Result<ResponseValue<Answer>, Error<()>>) -> String {
        match result {
            Err(Error::InvalidRequest(why)) => why,
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[tokio::test]
    async fn bad_arguments_are_refused_naming_the_cause() {
        let client = Client::new("http://127.0.0.1:9", Hooks::none());
        let users = Args::new().path("realm", "r");
        let why = refused(call(&client, operations::GET_USERS_BY_USER_ID, users.clone()).await);
        assert_eq!(why, "path parameter `user-id` is missing");

        let why = refused(
            call(
                &client,
                operations::GET_USERS,
                users.clone().query("colour", "red"),
            )
            .await,
        );
        assert!(
            why.starts_with("GET /admin/realms/{realm}/users does not take colour (it takes: "),
            "{why}"
        );
        assert!(
            why.contains("briefRepresentation") && why.contains("max"),
            "{why}"
        );

        let why = refused(
            call(
                &client,
                operations::GET_USERS,
                users.clone().query("max", "ten"),
            )
            .await,
        );
        assert_eq!(why, "query parameter `max`: `ten` is not a i32");

        let body = json!({ "username": "jane", "enabled": "yes" });
        let why = refused(
            call(
                &client,
                operations::POST_USERS,
                users.clone().json_body(body),
            )
            .await,
        );
        assert!(
            why.starts_with(
                "the body is not a UserRepresentation: at `enabled`: invalid type: string"
            ),
            "{why}"
        );

        let why = refused(
            call(
                &client,
                operations::DELETE_USERS_BY_USER_ID,
                users.path("user-id", "1").json_body(json!({})),
            )
            .await,
        );
        assert!(why.contains("does not take a body"), "{why}");

        // A body's secrets stay out of `Debug`, and so do an answer's.
        let secret = Args::new().json_body(json!({ "value": "s3cret-password" }));
        assert!(!format!("{secret:?}").contains("s3cret"), "{secret:?}");
        let answer = Answer::Json(json!({ "type": "secret", "value": "s3cret-value" }));
        assert_eq!(format!("{answer:?}"), "Json(<object of 2 fields>)");

        // The path rule of every generated operation still holds.
        let dots = Args::new().path("realm", "r").path("user-id", "..");
        assert!(matches!(
            call(&client, operations::GET_USERS_BY_USER_ID, dots).await,
            Err(Error::InvalidRequest(_))
        ));
    }
}
