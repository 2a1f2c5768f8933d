//! Seed flow: stream every user of a large realm, one page in memory at a time.
//!
//!
//! ```text
//! cargo run --bin kc -- dev up        # a local Keycloak; prints its URL and admin password
//! KEYCLOAK_URL=http://127.0.0.1:PORT KEYCLOAK_USERNAME=admin KEYCLOAK_PASSWORD=… \
//!   cargo run -p keycloak-admin --example stream_users
//! ```
//!
//! It works in a realm of its own (`example-<pid>`) and deletes it at the end.

use futures_util::StreamExt;
use keycloak_admin::KeycloakAdmin;
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::types::{PartialImportRepresentation, UserRepresentation};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // The server and admin login from the environment, as `kc` reads them:
    // KEYCLOAK_URL, KEYCLOAK_USERNAME, KEYCLOAK_PASSWORD.
    let kc = KeycloakAdmin::from_env()?.connect().await?;
    let realm = format!("example-{}", std::process::id());
    kc.realms()
        .create(RealmRepresentation {
            realm: Some(realm.clone()),
            enabled: Some(true),
            ..Default::default()
        })
        .await?;
    let r = kc.realm(&realm);
    let users = (0..2500)
        .map(|i| UserRepresentation {
            username: Some(format!("user{i:05}")),
            enabled: Some(true),
            ..Default::default()
        })
        .collect();
    r.partial_import(PartialImportRepresentation {
        users: Some(users),
        ..Default::default()
    })
    .await?;

    let mut stream = std::pin::pin!(r.users().list().brief(true).page_size(200).stream());
    let mut n = 0;
    while let Some(user) = stream.next().await {
        let _user = user?;
        n += 1;
    }
    println!(
        "streamed {n} users; the count endpoint says {}",
        r.users().count().await?
    );
    kc.realm(&realm).delete().await?;
    Ok(())
}
