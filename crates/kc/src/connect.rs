//! From flags, environment and profile to a connected client. Secrets come from
//! the environment, a file or a prompt — never from the command line.

use crate::Failure;
use crate::cli::Connection;
use keycloak_admin::{Credentials, KeycloakAdmin};

pub async fn connect(c: &Connection) -> Result<KeycloakAdmin, Failure> {
    let c = crate::profile::resolve(c)?;
    let Some(url) = c.url.as_deref() else {
        return dev_server().await;
    };
    let client_id = c.client_id.clone().unwrap_or_else(|| "admin-cli".into());
    // The test kit's and the container image's names work too.
    let username = c.username.clone().or_else(|| env("KEYCLOAK_ADMIN_USER"));
    let credentials = match &username {
        Some(username) => {
            let password = match secret(c.password_file.as_deref(), "KEYCLOAK_PASSWORD")?
                .or_else(|| env("KEYCLOAK_ADMIN_PASSWORD"))
            {
                Some(p) => p,
                None => prompt(username)?,
            };
            let secret = std::env::var("KEYCLOAK_CLIENT_SECRET").ok();
            Credentials::password(username, password).via_client(client_id, secret)
        }
        None => match std::env::var("KEYCLOAK_CLIENT_SECRET") {
            Ok(secret) => Credentials::client_credentials(client_id, secret),
            Err(_) => {
                return Err(Failure::usage(
                    "no credentials: pass --username (password in KEYCLOAK_PASSWORD) or set KEYCLOAK_CLIENT_SECRET",
                ));
            }
        },
    };
    let user_realm = c.user_realm.clone().unwrap_or_else(|| "master".into());
    Ok(KeycloakAdmin::builder(url)
        .realm(user_realm)
        .credentials(credentials)
        .connect()
        .await?)
}

/// The server `kc dev up` started, as its bootstrap admin.
async fn dev_server() -> Result<KeycloakAdmin, Failure> {
    let running = crate::commands::dev::running()?.ok_or_else(|| {
        Failure::usage("no server: pass --url, set KEYCLOAK_URL, or start one with `kc dev up`")
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

/// Ask on the terminal (not echoed); without a terminal, say where a password can come from.
fn prompt(username: &str) -> Result<String, Failure> {
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
