//! The container backend: `quay.io/keycloak/keycloak:<version>` in `start-dev`
//! through testcontainers, for machines with a Docker engine.
//!
//! It is compiled in CI (`cargo check -p keycloak-testkit --features container`)
//! but cannot run on the project's own machines, which have no Docker engine.

use crate::error::{Error, Result};
use crate::server::RunningServer;
use crate::settings::Settings;

#[cfg(not(feature = "container"))]
pub async fn start(_settings: Settings) -> Result<RunningServer> {
    Err(Error::ContainerUnavailable)
}

#[cfg(feature = "container")]
pub async fn start(settings: Settings) -> Result<RunningServer> {
    use testcontainers::core::{ContainerPort, WaitFor};
    use testcontainers::runners::AsyncRunner;
    use testcontainers::{GenericImage, ImageExt};

    const HTTP: u16 = 8080;
    const MANAGEMENT: u16 = 9000;
    let image = GenericImage::new("quay.io/keycloak/keycloak", &settings.version)
        .with_exposed_port(ContainerPort::Tcp(HTTP))
        .with_exposed_port(ContainerPort::Tcp(MANAGEMENT))
        .with_wait_for(WaitFor::message_on_stdout("Listening on:"))
        .with_cmd(["start-dev", "--health-enabled=true"])
        .with_env_var("KC_BOOTSTRAP_ADMIN_USERNAME", &settings.admin_username)
        .with_env_var("KC_BOOTSTRAP_ADMIN_PASSWORD", &settings.admin_password)
        .with_startup_timeout(settings.start_timeout);
    let container = image
        .start()
        .await
        .map_err(|e| Error::Container(e.to_string()))?;
    let host = container
        .get_host()
        .await
        .map_err(|e| Error::Container(e.to_string()))?;
    let port = container
        .get_host_port_ipv4(HTTP)
        .await
        .map_err(|e| Error::Container(e.to_string()))?;
    let base_url = format!("http://{host}:{port}");
    // The log line comes before the bootstrap admin exists: wait for a login too.
    let http = crate::login::http();
    let deadline = std::time::Instant::now() + settings.start_timeout;
    while crate::login::password_grant(
        &http,
        &base_url,
        &settings.admin_username,
        &settings.admin_password,
    )
    .await
    .is_err()
    {
        if std::time::Instant::now() > deadline {
            return Err(Error::Container(format!(
                "the bootstrap admin could not log in at {base_url} within {} s",
                settings.start_timeout.as_secs()
            )));
        }
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    }
    Ok(RunningServer {
        https_url: None,
        base_url,
        admin_username: settings.admin_username,
        admin_password: settings.admin_password,
        version: settings.version,
        process: None,
        keepalive: Some(Box::new(container)),
    })
}
