//! The fault tier, stub half: what no real server does on demand (endless
//! bodies, capped or cycling pages, forged discovery, tokens with CR/LF, 503
//! and 429 answers, refused connections). No Keycloak needed: part of the fast
//! tier. The real-server half: `faults_real.rs` (a fault proxy in front of the
//! harness's Keycloak) and `restart.rs` (a crash and restart). The README's
//! reliability section lists every case and what it gets.

mod bodies;
mod oidc;
mod pagination;
mod retries;

use keycloak_admin::{Credentials, KeycloakAdmin};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A stub whose token endpoint hands out a token, for API stubs behind it.
pub async fn stub_with_token() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/realms/master/protocol/openid-connect/token"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(serde_json::json!({"access_token": "t", "expires_in": 60})),
        )
        .mount(&server)
        .await;
    server
}

/// An admin client of `url` (password login through `master`).
pub fn client(url: &str) -> keycloak_admin::KeycloakAdminBuilder {
    KeycloakAdmin::builder(url).credentials(Credentials::password("admin", "pw"))
}

/// Requests the stub received with this method.
pub async fn received(server: &MockServer, m: &str) -> usize {
    server
        .received_requests()
        .await
        .unwrap_or_default()
        .iter()
        .filter(|r| r.method.as_str() == m)
        .count()
}
