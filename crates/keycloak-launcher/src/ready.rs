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
        let healthy = match http
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
