//! `kc login --profile NAME …`: check the connection, then save it (without secrets).

use crate::Failure;
use crate::cli::Connection;
use crate::profile::Profile;

pub async fn run(c: &Connection) -> Result<(), Failure> {
    let name = c.profile.clone().ok_or_else(|| {
        Failure::usage("name the profile to save: kc login --profile NAME --url … --username …")
    })?;
    let mut fresh = c.clone();
    // The profile is being written: take nothing from an older version of it.
    fresh.profile = None;
    if fresh.url.is_none() {
        return Err(Failure::usage("kc login needs --url (or KEYCLOAK_URL)"));
    }
    crate::connect::connect(&fresh).await?;
    let profile = Profile {
        url: fresh.url,
        user_realm: fresh.user_realm,
        username: fresh.username,
        client_id: fresh.client_id,
        password_file: fresh.password_file,
    };
    let path = crate::profile::save(&name, profile)?;
    println!("logged in; saved profile `{name}` to {}", path.display());
    Ok(())
}
