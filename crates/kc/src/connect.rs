//! From flags, environment, profile or kept session to a connected client.
//! Secrets come from the environment, a file or a prompt — or, for kcadm.sh's
//! `config credentials`, its own flags (with a warning).

use crate::Failure;
use crate::cli::Connection;
use crate::session::{self, Session, Slot};
use keycloak_admin::{Credentials, KeycloakAdmin};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where a command's credentials come from.
pub enum Plan {
    /// A session `kc config credentials` or `kc login` kept: no password needed.
    Kept {
        session: Box<Session>,
        path: PathBuf,
        slot: Slot,
    },
    /// Flags, environment and profile: a password (or client-secret) login.
    Login(Connection),
    /// The server `kc dev up` started.
    Dev,
}

/// Explicit flags and environment win; then a profile's kept session or its
/// fields; without a URL, the session of `config credentials`; else `kc dev`.
pub fn plan(c: &Connection) -> Result<Plan, Failure> {
    let path = session::path(c.config.as_deref());
    let slot = match &c.profile {
        Some(name) => Slot::Profile(name.clone()),
        None if c.url.is_some() => return Ok(Plan::Login(c.clone())),
        None => Slot::Current,
    };
    let kept = session::load(&path)?.get(&slot).cloned();
    match kept {
        Some(s) if c.url.as_deref().is_none_or(|u| same_server(u, &s.server)) => Ok(Plan::Kept {
            session: Box::new(s),
            path,
            slot,
        }),
        _ if c.profile.is_some() => Ok(Plan::Login(crate::profile::resolve(c)?)),
        _ => Ok(Plan::Dev),
    }
}

fn same_server(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

impl Plan {
    /// The realm a generic verb targets without `-r` (kcadm.sh: the login's realm).
    pub fn default_realm(&self) -> String {
        match self {
            Plan::Kept { session, .. } => session.realm.clone(),
            Plan::Login(c) => c.user_realm.clone().unwrap_or_else(|| "master".into()),
            Plan::Dev => "master".into(),
        }
    }
}

pub async fn connect(c: &Connection) -> Result<KeycloakAdmin, Failure> {
    connect_with(c, plan(c)?).await
}

pub async fn connect_with(c: &Connection, plan: Plan) -> Result<KeycloakAdmin, Failure> {
    match plan {
        Plan::Kept {
            session,
            path,
            slot,
        } => {
            let ca = c.ca_cert.clone().or(session.ca_cert.clone());
            let builder = KeycloakAdmin::builder(&session.server).realm(&session.realm);
            let source = session::Cached::new(*session, path, slot)?;
            Ok(trusting(builder, ca.as_deref())?
                .credentials(Credentials::Custom(Arc::new(source)))
                .connect()
                .await?)
        }
        Plan::Login(c) => login(&c).await,
        Plan::Dev => dev_server().await,
    }
}

async fn login(c: &Connection) -> Result<KeycloakAdmin, Failure> {
    let Some(url) = c.url.as_deref() else {
        return dev_server().await;
    };
    let client_id = c.client_id.clone().unwrap_or_else(|| "admin-cli".into());
    // The test kit's and the container image's names work too.
    let username = c.username.clone().or_else(|| env("KEYCLOAK_ADMIN_USER"));
    let credentials = match &username {
        Some(username) => {
            let password = password(c, username)?;
            let secret = std::env::var("KEYCLOAK_CLIENT_SECRET").ok();
            Credentials::password(username, password).via_client(client_id, secret)
        }
        None => match std::env::var("KEYCLOAK_CLIENT_SECRET") {
            Ok(secret) => Credentials::client_credentials(client_id, secret),
            Err(_) => {
                return Err(Failure::usage(
                    "no credentials: pass --username (password in KEYCLOAK_PASSWORD), set KEYCLOAK_CLIENT_SECRET, or run `kc config credentials`",
                ));
            }
        },
    };
    let user_realm = c.user_realm.clone().unwrap_or_else(|| "master".into());
    Ok(trusting(KeycloakAdmin::builder(url), c.ca_cert.as_deref())?
        .realm(user_realm)
        .credentials(credentials)
        .connect()
        .await?)
}

/// The password of a login: `--password-file`, `KEYCLOAK_PASSWORD`,
/// `KEYCLOAK_ADMIN_PASSWORD`, else a prompt.
pub fn password(c: &Connection, username: &str) -> Result<String, Failure> {
    match secret(c.password_file.as_deref(), "KEYCLOAK_PASSWORD")?
        .or_else(|| env("KEYCLOAK_ADMIN_PASSWORD"))
    {
        Some(p) => Ok(p),
        None => prompt(username),
    }
}

/// The server `kc dev up` started, as its bootstrap admin.
async fn dev_server() -> Result<KeycloakAdmin, Failure> {
    let running = crate::commands::dev::running()?.ok_or_else(|| {
        Failure::usage(
            "no server: pass --url, set KEYCLOAK_URL, run `kc config credentials`, or start one with `kc dev up`",
        )
    })?;
    let credentials = Credentials::password(
        running.admin_username.clone(),
        running.admin_password.clone(),
    );
    Ok(KeycloakAdmin::builder(&running.base_url)
        .credentials(credentials)
        .connect()
        .await?)
}

/// Trust the PEM CA in `ca` besides the system's.
fn trusting(
    builder: keycloak_admin::KeycloakAdminBuilder,
    ca: Option<&Path>,
) -> Result<keycloak_admin::KeycloakAdminBuilder, Failure> {
    Ok(match ca {
        Some(path) => builder.ca_certificate(read_ca(path)?),
        None => builder,
    })
}

fn read_ca(path: &Path) -> Result<Vec<u8>, Failure> {
    std::fs::read(path).map_err(|e| Failure::usage(format!("--ca-cert {}: {e}", path.display())))
}

/// An HTTP client for the token endpoint, trusting `ca` besides the system's.
pub fn http_client(ca: Option<&Path>) -> Result<reqwest::Client, Failure> {
    let mut http = keycloak_admin::oidc::tls::client_builder()
        .connect_timeout(std::time::Duration::from_secs(10))
        .timeout(std::time::Duration::from_secs(30));
    if let Some(path) = ca {
        let cert = reqwest::Certificate::from_pem(&read_ca(path)?).map_err(|_| {
            Failure::usage(format!(
                "--ca-cert {}: not a PEM certificate",
                path.display()
            ))
        })?;
        http = http.add_root_certificate(cert);
    }
    http.build()
        .map_err(|e| Failure::usage(format!("cannot build the HTTP client: {e}")))
}

/// Ask on the terminal (not echoed); without a terminal, say where a password can come from.
pub fn prompt(username: &str) -> Result<String, Failure> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        return Err(Failure::usage(
            "no password: set KEYCLOAK_PASSWORD or pass --password-file",
        ));
    }
    rpassword::prompt_password(format!("password for {username}: "))
        .map_err(|e| Failure::usage(format!("cannot read the password: {e}")))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

/// A secret from a file (trailing newline trimmed) or else an environment variable.
pub fn secret(file: Option<&std::path::Path>, env: &str) -> Result<Option<String>, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        return Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()));
    }
    Ok(self::env(env))
}
