//! The contestants. Each logs in and warms up outside the clock, then runs the
//! job's workload and reports a [`Sample`].

mod ergonomic;
mod generated;
mod kc_crate;
pub mod python;
mod raw;

use crate::job::{Job, Sample, Target};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Contestant {
    Ergonomic,
    Generated,
    Raw,
    KeycloakCrate,
    PythonSync,
    PythonAsync,
}

impl Contestant {
    pub const ALL: [Contestant; 6] = [
        Contestant::Ergonomic,
        Contestant::Generated,
        Contestant::Raw,
        Contestant::KeycloakCrate,
        Contestant::PythonSync,
        Contestant::PythonAsync,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Contestant::Ergonomic => "ours: keycloak-admin",
            Contestant::Generated => "ours: generated",
            Contestant::Raw => "raw reqwest",
            Contestant::KeycloakCrate => "keycloak crate",
            Contestant::PythonSync => "python-keycloak sync",
            Contestant::PythonAsync => "python-keycloak async",
        }
    }

    /// A peer (not ours, not the floor).
    pub fn is_peer(self) -> bool {
        matches!(
            self,
            Contestant::KeycloakCrate | Contestant::PythonSync | Contestant::PythonAsync
        )
    }

    /// The sample, and the token requests the client itself counted (ours only).
    pub async fn run(
        self,
        job: &Job,
        py: Option<&python::Python>,
    ) -> Result<(Sample, Option<u64>), String> {
        match self {
            Contestant::Ergonomic => ergonomic::run(job).await,
            Contestant::Generated => generated::run(job).await,
            Contestant::Raw => raw::run(job).await,
            Contestant::KeycloakCrate => kc_crate::run(job).await,
            Contestant::PythonSync | Contestant::PythonAsync => {
                let py = py.ok_or("python-keycloak is not installed")?;
                let mode = if self == Contestant::PythonSync {
                    "sync"
                } else {
                    "async"
                };
                python::run(py, mode, job).await
            }
        }
    }
}

/// A reqwest client that sends one fixed access token on every request.
pub async fn fixed_token_http(t: &Target) -> Result<reqwest::Client, String> {
    use keycloak_oidc::{ClientAuth, ExposeSecret, Grant, TokenEndpoint};
    let grant = Grant::Password {
        username: &t.username,
        password: &t.password,
        totp: None,
    };
    let tokens = TokenEndpoint::for_realm(reqwest::Client::new(), &t.base_url, &t.auth_realm)
        .request(&ClientAuth::public("admin-cli"), grant, &[])
        .await
        .map_err(|e| e.to_string())?;
    let mut auth = reqwest::header::HeaderValue::try_from(format!(
        "Bearer {}",
        tokens.access_token.expose_secret()
    ))
    .map_err(|e| e.to_string())?;
    auth.set_sensitive(true);
    let headers = reqwest::header::HeaderMap::from_iter([(reqwest::header::AUTHORIZATION, auth)]);
    reqwest::Client::builder()
        .default_headers(headers)
        .build()
        .map_err(|e| e.to_string())
}
