//! `kc login --profile NAME …`: log in, keep the session's tokens (never the
//! password) in the credentials file, and save the profile (no secret).

use crate::Failure;
use crate::cli::Connection;
use crate::profile::Profile;
use crate::session::{self, Login, Slot};
use keycloak_admin::SecretString;

pub async fn run(c: &Connection) -> Result<(), Failure> {
    let name = c.profile.clone().ok_or_else(|| {
        Failure::usage("name the profile to save: kc login --profile NAME --url … --username …")
    })?;
    let Some(url) = c.url.as_deref() else {
        return Err(Failure::usage("kc login needs --url (or KEYCLOAK_URL)"));
    };
    let username = c
        .username
        .clone()
        .or_else(|| std::env::var("KEYCLOAK_ADMIN_USER").ok());
    let password = match &username {
        Some(u) => Some(SecretString::from(crate::connect::password(c, u)?)),
        None => None,
    };
    let realm = c.user_realm.clone().unwrap_or_else(|| "master".into());
    let client_id = c.client_id.clone().unwrap_or_else(|| "admin-cli".into());
    let kept = Login {
        server: url,
        realm: &realm,
        client_id: &client_id,
        client_secret: std::env::var("KEYCLOAK_CLIENT_SECRET").ok(),
        username: username.as_deref(),
        password,
        ca_cert: c.ca_cert.clone(),
    }
    .open()
    .await?;
    let tokens = session::path(c.config.as_deref());
    session::store(&tokens, &Slot::Profile(name.clone()), Some(kept))?;
    let profile = Profile {
        url: c.url.clone(),
        user_realm: c.user_realm.clone(),
        username: c.username.clone(),
        client_id: c.client_id.clone(),
        password_file: c.password_file.clone(),
        ca_cert: c.ca_cert.clone(),
    };
    let path = crate::profile::save(&name, profile)?;
    println!(
        "logged in; saved profile `{name}` to {} and its session to {}",
        path.display(),
        tokens.display()
    );
    Ok(())
}
