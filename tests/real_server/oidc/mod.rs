//! `keycloak-oidc` against the real server: grants, browserless authorization
//! code and device flows, local verification, introspection, UMA. Each test
//! sets up its realm, clients and users through the admin client.

mod browser;
mod grants;
mod interactive;
mod sessions;
mod uma;
mod verify;

use crate::ergonomic::{admin, person};
use keycloak_admin::KeycloakAdmin;
use keycloak_oidc::OidcClient;
use keycloak_testkit::TestRealm;
use serde_json::{Value, json};

/// The app's redirect URI: the browser stops there, nothing listens.
pub const REDIRECT: &str = "http://localhost:9/cb";

pub struct Fixture {
    pub realm: TestRealm,
    pub kc: KeycloakAdmin,
    pub base_url: String,
}

impl Fixture {
    /// A fresh realm with users `alice` and `bob` (passwords `alice-pw`, `bob-pw`).
    pub async fn new() -> Self {
        let server = crate::server().await;
        let realm = server.new_realm().await.unwrap();
        let kc = admin(server).await;
        let users = kc.realm(realm.name()).users();
        for (name, first) in [("alice", "Alice"), ("bob", "Bob")] {
            let id = users.create(person(name, first, "Example")).await.unwrap();
            users
                .set_password(&id, &format!("{name}-pw"), false)
                .await
                .unwrap();
        }
        Fixture {
            realm,
            kc,
            base_url: server.base_url().to_string(),
        }
    }

    pub fn name(&self) -> &str {
        self.realm.name()
    }

    /// Create a client from its JSON representation; returns its internal id.
    pub async fn client(&self, representation: Value) -> String {
        let rep: keycloak_admin::types::ClientRepresentation =
            serde_json::from_value(representation).unwrap();
        self.kc
            .realm(self.name())
            .clients()
            .create(rep)
            .await
            .unwrap()
    }

    pub fn oidc(&self, client_id: &str, secret: Option<&str>) -> OidcClient {
        let b = OidcClient::builder(&self.base_url, self.name(), client_id);
        match secret {
            Some(s) => b.client_secret(s),
            None => b,
        }
        .build()
        .unwrap()
    }

    /// The confidential `app` client (secret `app-secret`): direct grants,
    /// standard flow to [`REDIRECT`], service account.
    pub async fn app(&self) -> OidcClient {
        self.client(confidential("app", "app-secret")).await;
        self.oidc("app", Some("app-secret"))
    }
}

/// A confidential client with direct grants, the standard flow and a service account.
pub fn confidential(client_id: &str, secret: &str) -> Value {
    json!({
        "clientId": client_id,
        "publicClient": false,
        "secret": secret,
        "directAccessGrantsEnabled": true,
        "standardFlowEnabled": true,
        "serviceAccountsEnabled": true,
        "redirectUris": [REDIRECT],
    })
}

/// A mapper that puts `audience` into this client's access tokens.
pub fn audience_mapper(audience: &str) -> Value {
    json!({
        "name": format!("audience-{audience}"),
        "protocol": "openid-connect",
        "protocolMapper": "oidc-audience-mapper",
        "config": {"included.client.audience": audience, "access.token.claim": "true"},
    })
}
