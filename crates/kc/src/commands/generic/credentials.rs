//! kcadm.sh's `config credentials`, and `kc logout`: open a session and keep
//! its tokens (never the password) in the 0600 credentials file; end it on
//! the server and delete it.

use crate::Failure;
use crate::cli::{Connection, CredentialsArgs};
use crate::session::{self, Login, Slot};
use keycloak_admin::SecretString;

pub async fn config_credentials(c: &Connection, a: CredentialsArgs) -> Result<(), Failure> {
    let path = session::path(c.config.as_deref());
    if a.status {
        return status(c).await;
    }
    let (Some(server), Some(realm)) = (a.server.as_deref(), a.realm.as_deref()) else {
        return Err(Failure::usage(
            "config credentials needs --server URL and --realm REALM",
        ));
    };
    let client_id = a.client.as_deref().unwrap_or("admin-cli");
    if a.password.is_some() || a.secret.is_some() {
        eprintln!(
            "kc: note: a secret on the command line is visible to other users of this machine; prefer the prompt, KC_CLI_PASSWORD / KC_CLI_CLIENT_SECRET or --password-file"
        );
    }
    let client_secret = a
        .secret
        .clone()
        .or_else(|| env("KC_CLI_CLIENT_SECRET"))
        .or_else(|| env("KEYCLOAK_CLIENT_SECRET"));
    let password = match a.user.as_deref() {
        Some(user) => Some(SecretString::from(password(c, &a, user)?)),
        None => None,
    };
    match a.user.as_deref() {
        Some(user) => eprintln!("Logging into {server} as user {user} of realm {realm}"),
        None => eprintln!("Logging into {server} as service-account-{client_id} of realm {realm}"),
    }
    let session = Login {
        server,
        realm,
        client_id,
        client_secret,
        username: a.user.as_deref(),
        password,
        ca_cert: c.ca_cert.clone(),
    }
    .open()
    .await?;
    let slot = c.profile.clone().map_or(Slot::Current, Slot::Profile);
    session::store(&path, &slot, Some(session))
}

/// kcadm.sh's `--status`: is the kept session still usable (refreshed if needed)?
async fn status(c: &Connection) -> Result<(), Failure> {
    match crate::connect::plan(c)? {
        plan @ crate::connect::Plan::Kept { .. } => {
            let (server, realm) = match &plan {
                crate::connect::Plan::Kept { session, .. } => {
                    (session.server.clone(), session.realm.clone())
                }
                _ => unreachable!("matched above"),
            };
            crate::connect::connect_with(c, plan).await?;
            println!("Logged in (server: {server}, realm: {realm})");
            Ok(())
        }
        _ => Err(Failure {
            code: 3,
            message: format!(
                "no kept session in {}: run `kc config credentials`",
                session::path(c.config.as_deref()).display()
            ),
        }),
    }
}

/// `--password`, then KC_CLI_PASSWORD (kcadm.sh's), then kc's own sources;
/// standard input when it is not a terminal (kcadm.sh's `<< EOF`).
fn password(c: &Connection, a: &CredentialsArgs, user: &str) -> Result<String, Failure> {
    if let Some(p) = a.password.clone().or_else(|| env("KC_CLI_PASSWORD")) {
        return Ok(p);
    }
    if let Some(p) = crate::connect::secret(c.password_file.as_deref(), "KEYCLOAK_PASSWORD")? {
        return Ok(p);
    }
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() {
        let mut line = String::new();
        std::io::stdin().read_line(&mut line).map_err(|e| {
            Failure::usage(format!("reading the password from standard input: {e}"))
        })?;
        let line = line.trim_end_matches(['\n', '\r']);
        if line.is_empty() {
            return Err(Failure::usage(
                "no password: pass --password, set KC_CLI_PASSWORD or KEYCLOAK_PASSWORD, or give it on standard input",
            ));
        }
        return Ok(line.to_string());
    }
    crate::connect::prompt(user)
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|s| !s.is_empty())
}

/// End every kept session of the file (or the profile's) on the server, then
/// forget it; the file goes when nothing is left in it.
pub async fn logout(c: &Connection) -> Result<(), Failure> {
    let path = session::path(c.config.as_deref());
    let store = session::load(&path)?;
    let slots: Vec<Slot> = match &c.profile {
        Some(name) => vec![Slot::Profile(name.clone())],
        None => store
            .current
            .iter()
            .map(|_| Slot::Current)
            .chain(store.profiles.keys().cloned().map(Slot::Profile))
            .collect(),
    };
    let mut failed = Vec::new();
    let mut ended = 0;
    for slot in &slots {
        let Some(s) = store.get(slot) else {
            continue;
        };
        if let Err(e) = end(s).await {
            failed.push(format!("{}: {e}", s.server));
        }
        session::store(&path, slot, None)?;
        ended += 1;
    }
    if ended == 0 {
        eprintln!("kc: no kept session in {}", path.display());
        return Ok(());
    }
    if failed.is_empty() {
        eprintln!("Logged out; removed the session from {}", path.display());
        Ok(())
    } else {
        Err(Failure {
            code: 1,
            message: format!(
                "removed the session from {}, but the server did not end it: {}",
                path.display(),
                failed.join("; ")
            ),
        })
    }
}

/// The server's logout endpoint, with the refresh token: the session ends,
/// its refresh and access tokens stop working.
async fn end(s: &session::Session) -> Result<(), String> {
    let Some(refresh) = s.refresh_token() else {
        // A client-credentials session has no refresh token to revoke.
        return Ok(());
    };
    let http = crate::connect::http_client(s.ca_cert.as_deref()).map_err(|f| f.message)?;
    let client = s.client();
    let mut oidc =
        keycloak_admin::oidc::OidcClient::builder(&s.server, &s.realm, &client.client_id)
            .http_client(http);
    if let Some(secret) = &s.client_secret {
        oidc = oidc.client_secret(secret.clone());
    }
    let oidc = oidc.build().map_err(|e| e.to_string())?;
    oidc.logout(&refresh).await.map_err(|e| e.to_string())
}
