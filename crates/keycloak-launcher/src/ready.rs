//! Ready means `/health/ready` on the management port says UP *and* the bootstrap
//! admin can log in: health can be UP before the admin user exists.

use crate::error::{Error, Result};
use crate::process::{Process, tail};
use std::time::{Duration, Instant};

const TAIL_LINES: usize = 30;

pub async fn wait(
    process: &mut Process,
    base_url: &str,
    management_url: &str,
    username: &str,
    password: &str,
    timeout: Duration,
) -> Result<()> {
    let http = crate::login::http();
    // Health is a loopback probe of the process just started, with no
    // credentials: its certificate (the caller's, maybe from a CA only the
    // caller trusts) is not checked. The admin login below goes over HTTP.
    let health = keycloak_oidc::tls::client_builder()
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(30))
        .danger_accept_invalid_certs(true)
        .build()
        .expect("a health-probe HTTP client builds");
    let deadline = Instant::now() + timeout;
    let mut waiting_for = "/health/ready to report UP";
    loop {
        if let Some(status) = process.exited() {
            return Err(Error::Exited {
                status,
                log: process.log.clone(),
                tail: tail(&process.log, TAIL_LINES),
            });
        }
        if Instant::now() > deadline {
            return Err(Error::StartTimeout {
                secs: timeout.as_secs(),
                waiting_for: waiting_for.into(),
                log: process.log.clone(),
                tail: tail(&process.log, TAIL_LINES),
            });
        }
        let healthy = match health
            .get(format!("{management_url}/health/ready"))
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => r.text().await.is_ok_and(|t| t.contains("\"UP\"")),
            _ => false,
        };
        if healthy {
            waiting_for = "the bootstrap admin to log in";
            if crate::login::password_grant(&http, base_url, username, password)
                .await
                .is_ok()
            {
                return Ok(());
            }
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
