//! W8's memory: resident memory while ours reads a large realm as a stream
//! (default full pages, or brief).
//! Each mode runs in a child process of its own (`keycloak-bench rss-probe`), so
//! one mode's high-water mark cannot hide in the other's.

use crate::job::Target;
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Probe {
    pub mode: String,
    pub users: u64,
    /// VmRSS after login, before reading (KiB).
    pub baseline_kib: u64,
    /// VmHWM at the end (KiB).
    pub peak_kib: u64,
    /// (users read so far, VmRSS KiB), every tenth of the way.
    pub samples: Vec<(u64, u64)>,
    pub secs: f64,
    /// User + system CPU seconds of the read.
    #[serde(default)]
    pub cpu_secs: f64,
}

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The child's side: read every user of `t.realm` and report memory.
pub async fn probe(t: &Target, mode: &str, expect: u64) -> Result<Probe, String> {
    let kc = t.admin()?.connect().await.map_err(|e| e.to_string())?;
    let users = kc.realm(&t.realm).users();
    users.count().await.map_err(|e| e.to_string())?;
    let baseline_kib = status_kib("VmRSS:");
    let start = std::time::Instant::now();
    let cpu = crate::job::cpu_secs();
    let mut samples = Vec::new();
    let step = (expect / 10).max(1);
    let list = match mode {
        "stream" => users.list(),
        "brief" => users.list().brief(true),
        other => return Err(format!("unknown mode `{other}`")),
    };
    // The defaults' page sizes: this is what a caller who writes `.stream()` gets.
    let mut stream = std::pin::pin!(list.stream());
    let mut n = 0u64;
    while let Some(user) = stream.next().await {
        user.map_err(|e| e.to_string())?;
        n += 1;
        if n.is_multiple_of(step) {
            samples.push((n, status_kib("VmRSS:")));
        }
    }
    if n != expect {
        return Err(format!("read {n} users, expected {expect}"));
    }
    Ok(Probe {
        mode: mode.into(),
        users: n,
        baseline_kib,
        peak_kib: status_kib("VmHWM:"),
        samples,
        secs: start.elapsed().as_secs_f64(),
        cpu_secs: crate::job::cpu_secs() - cpu,
    })
}

/// The parent's side: run the probe in a child process.
pub async fn measure(t: &Target, mode: &str, expect: u64) -> Result<Probe, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let out = tokio::process::Command::new(exe)
        .args(["rss-probe", "--mode", mode, "--expect", &expect.to_string()])
        .args([
            "--url",
            &t.base_url,
            "--realm",
            &t.realm,
            "--auth-realm",
            &t.auth_realm,
            "--username",
            &t.username,
        ])
        .args(
            t.ca_file
                .iter()
                .flat_map(|f| [std::ffi::OsStr::new("--ca-file"), f.as_os_str()]),
        )
        .env("BENCH_PROBE_PASSWORD", &t.password)
        .output()
        .await
        .map_err(|e| e.to_string())?;
    if !out.status.success() {
        return Err(format!(
            "rss probe ({mode}): {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("rss probe output: {e}"))
}
