//! A realm that belongs to one test.

use crate::server::Server;

/// A realm with a random name, deleted (in the background of the drop) unless
/// [`TestRealm::keep`] was called.
pub struct TestRealm {
    name: String,
    server: Option<(String, String, String)>,
}

impl TestRealm {
    pub(crate) fn new(name: String, server: &Server) -> Self {
        let owner = (
            server.base_url.clone(),
            server.admin_username.clone(),
            server.admin_password.clone(),
        );
        Self {
            name,
            server: Some(owner),
        }
    }

    /// The realm's name (also its id in URLs).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Leave the realm on the server after the test (to inspect it).
    pub fn keep(mut self) -> String {
        self.server = None;
        std::mem::take(&mut self.name)
    }
}

impl std::fmt::Debug for TestRealm {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TestRealm")
            .field("name", &self.name)
            .finish()
    }
}

impl Drop for TestRealm {
    fn drop(&mut self) {
        let Some((base_url, username, password)) = self.server.take() else {
            return;
        };
        let name = std::mem::take(&mut self.name);
        // Drop cannot await, and the test's runtime may be shutting down: delete
        // from a short-lived thread with a runtime of its own, and wait for it so
        // the realm is gone when the test returns.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            rt.block_on(async {
                let server = Server {
                    base_url,
                    admin_username: username,
                    admin_password: password,
                    version: String::new(),
                    process: None,
                    keepalive: None,
                };
                server
                    .admin_client()
                    .delete_realm()
                    .realm(&name)
                    .send()
                    .await
                    .ok()
            })
        })
        .join();
    }
}

/// One line for a failed generated-client call: status and body where there is one.
pub(crate) async fn describe(e: keycloak_admin_api::Error<()>) -> String {
    match e {
        keycloak_admin_api::Error::UnexpectedResponse(resp) => {
            let status = resp.status();
            let body = resp.text().await.unwrap_or_default();
            format!(
                "HTTP {status}: {}",
                body.chars().take(300).collect::<String>()
            )
        }
        other => other.to_string(),
    }
}
