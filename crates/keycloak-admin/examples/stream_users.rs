//! Seed flow: stream every user of a large realm, one page in memory at a time.
//!
//! `cargo run -p keycloak-admin --example stream_users`

#[path = "common/mod.rs"]
mod common;

use futures_util::StreamExt;
use keycloak_admin::types::{PartialImportRepresentation, UserRepresentation};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (server, kc) = common::server_and_admin().await?;
    let realm = server.new_realm().await?;
    let r = kc.realm(realm.name());
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
    Ok(())
}
