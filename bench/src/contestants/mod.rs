//! The contestants. Each logs in and warms up outside the clock; the Rust ones
//! implement [`Calls`] and share one driver ([`drive`]) for the workloads, so
//! they differ only in how they make each HTTP call.

pub mod ergonomic;
mod generated;
pub mod kc_crate;
pub mod python;
mod raw;

use crate::job::{Job, Sample, Target, Workload, timed};
use futures_util::{StreamExt, stream};

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
            Contestant::Ergonomic => {
                let ours = ergonomic::connect(job).await?;
                let sample = drive(&ours, job).await?;
                Ok((sample, Some(ours.token_requests_since_login())))
            }
            Contestant::Generated => Ok((drive(&generated::connect(job).await?, job).await?, None)),
            Contestant::Raw => Ok((drive(&raw::connect(job).await?, job).await?, None)),
            Contestant::KeycloakCrate => {
                Ok((drive(&kc_crate::connect(job).await?, job).await?, None))
            }
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

/// The HTTP calls the workloads are made of, as one client makes them.
pub trait Calls {
    /// Create user `i` of the job's prefix; true when the server gave its id.
    async fn create(&self, i: usize) -> bool;
    /// GET users/count.
    async fn count(&self) -> bool;
    /// Exact-username lookup of the job's user; true when exactly it came back.
    async fn lookup(&self) -> bool;
    /// Every user of the realm; (users, failed calls).
    async fn read_all(&self) -> (u64, u64);
}

/// Read pages of 100 from 0 until a short one; (users, failed calls).
pub async fn read_pages<F: Future<Output = Option<usize>>>(
    mut page: impl FnMut(usize) -> F,
) -> (u64, u64) {
    let (mut first, mut n) = (0, 0u64);
    loop {
        let Some(len) = page(first).await else {
            return (n, 1);
        };
        n += len as u64;
        if len < 100 {
            return (n, 0);
        }
        first += 100;
    }
}

/// Warm up with one count, wait out the token for W5, then time the workload.
pub async fn drive(c: &impl Calls, job: &Job) -> Result<Sample, String> {
    if !c.count().await {
        return Err("the warm-up call failed".into());
    }
    if job.workload == Workload::W5 {
        tokio::time::sleep(job.wait).await;
    }
    let n = job.n as u64;
    let sample = timed(async {
        match job.workload {
            Workload::W1 => {
                let mut ok = 0;
                for i in 0..job.n {
                    ok += c.create(i).await as u64;
                }
                (ok, n - ok)
            }
            Workload::W2 => {
                let ok = stream::iter(0..job.n)
                    .map(|i| c.create(i))
                    .buffer_unordered(job.concurrency)
                    .filter(|ok| std::future::ready(*ok))
                    .count()
                    .await as u64;
                (ok, n - ok)
            }
            Workload::W3 => c.read_all().await,
            Workload::W4 => {
                let mut ok = c.count().await as u64;
                for _ in 0..job.n {
                    ok += c.lookup().await as u64;
                }
                (ok, n + 1 - ok)
            }
            Workload::W5 => {
                let calls = (0..job.n).map(|_| c.count());
                let ok = futures_util::future::join_all(calls)
                    .await
                    .into_iter()
                    .filter(|x| *x)
                    .count() as u64;
                (ok, n - ok)
            }
        }
    })
    .await;
    Ok(sample)
}

/// A reqwest client that sends one fixed access token on every request.
pub async fn fixed_token_http(t: &Target) -> Result<reqwest::Client, String> {
    use keycloak_oidc::{ClientAuth, ExposeSecret, Grant, TokenEndpoint};
    let grant = Grant::Password {
        username: &t.username,
        password: &t.password,
        totp: None,
    };
    let http = t.http()?.build().map_err(|e| e.to_string())?;
    let tokens = TokenEndpoint::for_realm(http, &t.base_url, &t.auth_realm)
        .map_err(|e| e.to_string())?
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
    t.http()?
        .default_headers(headers)
        .build()
        .map_err(|e| e.to_string())
}
