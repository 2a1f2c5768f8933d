//! From flags and environment to a connected client. Secrets come from the
//! environment or a file, never from the command line.

use crate::Failure;
use crate::cli::Connection;
use keycloak_admin::{Credentials, KeycloakAdmin};

pub async fn connect(c: &Connection) -> Result<KeycloakAdmin, Failure> {
    let Some(url) = c.url.as_deref() else {
        return dev_server().await;
    };
    let credentials = match &c.username {
        Some(username) => {
            let password =
                secret(c.password_file.as_deref(), "KEYCLOAK_PASSWORD")?.ok_or_else(|| {
                    Failure::usage("no password: set KEYCLOAK_PASSWORD or pass --password-file")
                })?;
            let secret = std::env::var("KEYCLOAK_CLIENT_SECRET").ok();
            Credentials::password(username, password).via_client(c.client_id.clone(), secret)
        }
        None => match std::env::var("KEYCLOAK_CLIENT_SECRET") {
            Ok(secret) => Credentials::client_credentials(c.client_id.clone(), secret),
            Err(_) => {
                return Err(Failure::usage(
                    "no credentials: pass --username (password in KEYCLOAK_PASSWORD) or set KEYCLOAK_CLIENT_SECRET",
                ));
            }
        },
    };
    Ok(KeycloakAdmin::builder(url)
        .realm(c.user_realm.clone())
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

/// A secret from a file (trailing newline trimmed) or else an environment variable.
pub fn secret(file: Option<&std::path::Path>, env: &str) -> Result<Option<String>, Failure> {
    if let Some(path) = file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", path.display())))?;
        return Ok(Some(text.trim_end_matches(['\n', '\r']).to_string()));
    }
    Ok(std::env::var(env).ok().filter(|s| !s.is_empty()))
}
