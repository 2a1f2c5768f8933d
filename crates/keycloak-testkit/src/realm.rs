//! A realm that belongs to one test.

use crate::Server;

/// A realm with a random name, deleted (in the background of the drop) unless
/// [`TestRealm::keep`] was called.
pub struct TestRealm {
    name: String,
    owner: Option<(String, String, String)>,
}

impl TestRealm {
    pub(crate) fn new(name: String, server: &Server) -> Self {
        let owner = (
            server.base_url().to_string(),
            server.admin_username().to_string(),
            server.admin_password().to_string(),
        );
        Self {
            name,
            owner: Some(owner),
        }
    }

    /// The realm's name (also its id in URLs).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Leave the realm on the server after the test (to inspect it).
    pub fn keep(mut self) -> String {
        self.owner = None;
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
        let Some((url, username, password)) = self.owner.take() else {
            return;
        };
        let name = std::mem::take(&mut self.name);
        // Drop cannot await, and the test's runtime may be shutting down: delete
        // from a short-lived thread with a runtime of its own, and wait for it so
        // the realm is gone when the test returns. A client of its own: HTTP
        // connections must not cross runtimes.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            let kc = keycloak_admin::KeycloakAdmin::builder(url)
                .auth_realm("master")
                .credentials(keycloak_admin::Credentials::password(username, password))
                .build()
                .ok()?;
            rt.block_on(kc.realm(&name).delete()).ok()
        })
        .join();
    }
}
