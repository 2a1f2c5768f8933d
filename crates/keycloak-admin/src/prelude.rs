//! What a caller of this crate needs in scope, in one import.
//!
//! ```no_run
//! use keycloak_admin::prelude::*;
//! # async fn demo(kc: KeycloakAdmin) -> Result<(), Error> {
//! let names: Vec<_> = kc.realm("rep").users().list().stream().map_ok(|u| u.username).try_collect().await?;
//! # Ok(()) }
//! ```

pub use crate::{
    Attributes, Credentials, Endpoint, Error, KeycloakAdmin, List, Result, RetryPolicy,
};
pub use futures_util::{StreamExt, TryStreamExt};
pub use keycloak_admin_api::{operations, types};
