//! Who the client logs in as. Secrets are `SecretString`s: redacted in `Debug`,
//! zeroized on drop, and only exposed where a request is built.

use crate::error::Result;
use secrecy::SecretString;
use std::sync::Arc;
use std::time::Duration;

/// How the client authenticates.
#[derive(Clone)]
#[non_exhaustive]
pub enum Credentials {
    /// Resource-owner password grant (e.g. an admin through `admin-cli`).
    Password {
        /// The client to log in through (`admin-cli` by default).
        client_id: String,
        /// Its secret, for a confidential client.
        client_secret: Option<SecretString>,
        /// The user's name.
        username: String,
        /// The user's password.
        password: SecretString,
        /// A one-time code, for users with OTP.
        totp: Option<SecretString>,
    },
    /// Client-credentials grant: a confidential client's service account.
    ClientCredentials {
        /// The confidential client.
        client_id: String,
        /// Its secret.
        client_secret: SecretString,
    },
    /// A fixed access token (never refreshed; a 401 is returned as is).
    Bearer(SecretString),
    /// Your own source of tokens.
    Custom(Arc<dyn TokenSource>),
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::Password {
                client_id,
                username,
                ..
            } => write!(
                f,
                "Password {{ client_id: {client_id:?}, username: {username:?}, password: [REDACTED] }}"
            ),
            Credentials::ClientCredentials { client_id, .. } => write!(
                f,
                "ClientCredentials {{ client_id: {client_id:?}, client_secret: [REDACTED] }}"
            ),
            Credentials::Bearer(_) => f.write_str("Bearer([REDACTED])"),
            Credentials::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

impl Credentials {
    /// Username and password through `admin-cli`.
    pub fn password(username: impl Into<String>, password: impl Into<String>) -> Self {
        Credentials::Password {
            client_id: "admin-cli".into(),
            client_secret: None,
            username: username.into(),
            password: SecretString::from(password.into()),
            totp: None,
        }
    }

    /// A confidential client's id and secret.
    pub fn client_credentials(
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Credentials::ClientCredentials {
            client_id: client_id.into(),
            client_secret: SecretString::from(client_secret.into()),
        }
    }

    /// A fixed bearer token.
    pub fn bearer(token: impl Into<String>) -> Self {
        Credentials::Bearer(SecretString::from(token.into()))
    }

    /// For a password login: log in through another client (`client_id`), optionally confidential.
    pub fn via_client(mut self, id: impl Into<String>, secret: Option<String>) -> Self {
        if let Credentials::Password {
            client_id,
            client_secret,
            ..
        } = &mut self
        {
            *client_id = id.into();
            *client_secret = secret.map(SecretString::from);
        }
        self
    }

    /// For a password login: add a one-time code.
    pub fn with_totp(mut self, code: impl Into<String>) -> Self {
        if let Credentials::Password { totp, .. } = &mut self {
            *totp = Some(SecretString::from(code.into()));
        }
        self
    }
}

/// An access token and how long it lives.
#[derive(Clone)]
pub struct AccessToken {
    /// The token itself (sent as `Bearer`).
    pub token: SecretString,
    /// `None`: unknown; the token is used until the server answers 401.
    pub expires_in: Option<Duration>,
}

impl std::fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AccessToken")
            .field("token", &"[REDACTED]")
            .field("expires_in", &self.expires_in)
            .finish()
    }
}

/// A custom token source (a vault, a sidecar, another OAuth library).
pub trait TokenSource: Send + Sync + 'static {
    /// A fresh token; called when none is cached or the cached one expired or was refused.
    fn token(&self) -> keycloak_admin_api::BoxFuture<'_, Result<AccessToken>>;
}
