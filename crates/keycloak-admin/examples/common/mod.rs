//! Shared by the examples: a server (`KEYCLOAK_URL`, or the harness's local
//! Keycloak) and an admin client logged in through `master`.

use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_testkit::{KeycloakServer, Server};

pub async fn server_and_admin() -> Result<(Server, KeycloakAdmin), Box<dyn std::error::Error>> {
    let server = KeycloakServer::from_env().start().await?;
    let kc = KeycloakAdmin::builder(server.base_url())
        .auth_realm("master")
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await?;
    Ok((server, kc))
}
