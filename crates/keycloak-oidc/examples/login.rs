//! Log a user in with the password grant, verify the access token locally
//! against the realm's keys, refresh it, and log the session out.
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-oidc --example login
//! ```
//!
//! `KEYCLOAK_REALM` (default `master`) and `KEYCLOAK_CLIENT_ID` (default
//! `admin-cli`, a public client with direct grants) pick who logs in where.

use keycloak_oidc::OidcClient;

fn env(name: &str, default: Option<&str>) -> Result<String, String> {
    std::env::var(name)
        .ok()
        .or(default.map(str::to_string))
        .ok_or_else(|| format!("{name} is not set"))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = env("KEYCLOAK_URL", None)?;
    let realm = env("KEYCLOAK_REALM", Some("master"))?;
    let client = env("KEYCLOAK_CLIENT_ID", Some("admin-cli"))?;
    let oidc = OidcClient::builder(url, realm, client).build()?;

    let tokens = oidc
        .password(
            &env("KEYCLOAK_USERNAME", None)?,
            &env("KEYCLOAK_PASSWORD", None)?,
        )
        .await?;
    let claims = oidc.verify_access_token(&tokens.access_token).await?;
    // admin-cli issues lightweight access tokens (no user claims): say so.
    println!(
        "logged in: token from {} for client {}, user {}, valid for {:?}",
        claims.iss,
        claims.azp.as_deref().unwrap_or("?"),
        claims
            .preferred_username
            .as_deref()
            .unwrap_or("(not in this lightweight token)"),
        tokens.expires_in
    );

    let refresh = tokens.refresh_token.ok_or("no refresh token issued")?;
    let renewed = oidc.refresh(&refresh).await?;
    oidc.verify_access_token(&renewed.access_token).await?;
    println!("refreshed; the new token verifies too");

    let refresh = renewed.refresh_token.ok_or("no refresh token issued")?;
    oidc.logout(&refresh).await?;
    match oidc.refresh(&refresh).await {
        Err(e) if e.oauth_code() == Some("invalid_grant") => {
            println!("logged out: the refresh token is refused ({e})")
        }
        other => return Err(format!("expected invalid_grant after logout, got {other:?}").into()),
    }
    Ok(())
}
