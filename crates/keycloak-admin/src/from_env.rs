//! [`KeycloakAdmin::from_env`]: the server and credentials from the same
//! environment variables the `kc` CLI reads, so an example or a script needs no
//! configuration code of its own.

use crate::{Credentials, Error, KeycloakAdmin, KeycloakAdminBuilder, Result};

/// The variables [`KeycloakAdmin::from_env`] reads.
pub mod vars {
    /// The server URL (required).
    pub const URL: &str = "KEYCLOAK_URL";
    /// Username of a password login (else `KEYCLOAK_ADMIN_USER`, the test kit's name).
    pub const USERNAME: &str = "KEYCLOAK_USERNAME";
    /// Password of a password login (else `KEYCLOAK_ADMIN_PASSWORD`).
    pub const PASSWORD: &str = "KEYCLOAK_PASSWORD";
    /// Client to log in through (default `admin-cli`).
    pub const CLIENT_ID: &str = "KEYCLOAK_CLIENT_ID";
    /// A client secret: with no username, a client-credentials login as that client.
    pub const CLIENT_SECRET: &str = "KEYCLOAK_CLIENT_SECRET";
    /// Realm to log in to (default `master`).
    pub const USER_REALM: &str = "KEYCLOAK_USER_REALM";
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

impl KeycloakAdmin {
    /// A builder configured from the environment: `KEYCLOAK_URL`, then a
    /// password login (`KEYCLOAK_USERNAME`/`KEYCLOAK_PASSWORD`, or the test kit's
    /// `KEYCLOAK_ADMIN_USER`/`KEYCLOAK_ADMIN_PASSWORD`) or a client-credentials
    /// login (`KEYCLOAK_CLIENT_ID`/`KEYCLOAK_CLIENT_SECRET`), in
    /// `KEYCLOAK_USER_REALM` (default `master`). A missing variable is an
    /// [`Error::InvalidInput`] naming it.
    ///
    /// ```no_run
    /// # async fn demo() -> Result<(), keycloak_admin::Error> {
    /// let kc = keycloak_admin::KeycloakAdmin::from_env()?.connect().await?;
    /// # Ok(()) }
    /// ```
    pub fn from_env() -> Result<KeycloakAdminBuilder> {
        let url = var(vars::URL).ok_or_else(|| {
            Error::InvalidInput(format!(
                "{} is not set (the server URL, e.g. http://127.0.0.1:8080)",
                vars::URL
            ))
        })?;
        let username = var(vars::USERNAME).or_else(|| var("KEYCLOAK_ADMIN_USER"));
        let password = var(vars::PASSWORD).or_else(|| var("KEYCLOAK_ADMIN_PASSWORD"));
        let client_id = var(vars::CLIENT_ID);
        let secret = var(vars::CLIENT_SECRET);
        let credentials = match (username, password, client_id, secret) {
            (Some(user), Some(password), client, secret) => {
                let creds = Credentials::password(user, password);
                match client {
                    Some(id) => creds.via_client(id, secret),
                    None => creds,
                }
            }
            (Some(_), None, ..) => {
                return Err(Error::InvalidInput(format!(
                    "{} is set but {} is not",
                    vars::USERNAME,
                    vars::PASSWORD
                )));
            }
            (None, _, Some(id), Some(secret)) => Credentials::client_credentials(id, secret),
            _ => {
                return Err(Error::InvalidInput(format!(
                    "no credentials in the environment: set {} and {}, or {} and {}",
                    vars::USERNAME,
                    vars::PASSWORD,
                    vars::CLIENT_ID,
                    vars::CLIENT_SECRET
                )));
            }
        };
        let mut builder = KeycloakAdmin::builder(url).credentials(credentials);
        if let Some(realm) = var(vars::USER_REALM) {
            builder = builder.auth_realm(realm);
        }
        Ok(builder)
    }
}
