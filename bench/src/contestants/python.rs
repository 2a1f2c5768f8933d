//! python-keycloak 7.x, sync and async, in a virtualenv the bench creates and
//! fills from PyPI itself (`bench/python/requirements.txt`).

use crate::job::{Job, Sample, Target, Workload};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Clone, Debug)]
pub struct Python {
    exe: PathBuf,
    script: PathBuf,
    /// e.g. `Python 3.11.7, python-keycloak 7.1.1`.
    pub describe: String,
}

fn ok(cmd: &mut Command, what: &str) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{what}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
}

/// The virtualenv under `dir`, created and filled once.
pub fn prepare(dir: &Path) -> Result<Python, String> {
    let bench = Path::new(env!("CARGO_MANIFEST_DIR"));
    let exe = dir.join("bin/python");
    if !exe.exists() {
        ok(
            Command::new("python3").args(["-m", "venv"]).arg(dir),
            "python3 -m venv",
        )?;
    }
    let requirements = bench.join("python/requirements.txt");
    ok(
        Command::new(&exe)
            .args([
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements),
        "pip install python-keycloak",
    )?;
    let version = ok(Command::new(&exe).arg("--version"), "python --version")?;
    let package = ok(
        Command::new(&exe).args([
            "-c",
            "import importlib.metadata as m; print(m.version('python-keycloak'))",
        ]),
        "python-keycloak version",
    )?;
    Ok(Python {
        exe,
        script: bench.join("python/peer.py"),
        describe: format!("{version}, python-keycloak {package}"),
    })
}

/// W7 (partial imports of `batch` users, `in_flight` at a time) or W8
/// (`get_users()`), sync.
pub async fn run_scale(
    py: &Python,
    workload: &str,
    t: &Target,
    n: usize,
    batch: usize,
    in_flight: usize,
) -> Result<Sample, String> {
    let config = serde_json::json!({
        "mode": "sync", "workload": workload, "n": n, "batch": batch, "in_flight": in_flight,
        "base_url": t.base_url, "realm": t.realm, "auth_realm": t.auth_realm,
        "username": t.username, "password": t.password,
    });
    invoke(py, "sync", config, t).await
}

pub async fn run(py: &Python, mode: &str, job: &Job) -> Result<(Sample, Option<u64>), String> {
    let t = &job.target;
    let w = format!("{:?}", job.workload);
    let concurrency = if job.workload == Workload::W5 {
        job.n
    } else {
        job.concurrency
    };
    let config = serde_json::json!({
        "mode": mode, "workload": w, "n": job.n, "concurrency": concurrency,
        "base_url": t.base_url, "realm": t.realm, "auth_realm": t.auth_realm,
        "username": t.username, "password": t.password,
        "prefix": job.prefix, "lookup": job.lookup, "wait_secs": job.wait.as_secs_f64(),
    });
    Ok((invoke(py, mode, config, t).await?, None))
}

/// Run the peer script; requests trusts the target's CA through
/// `REQUESTS_CA_BUNDLE` (python-keycloak passes `verify=True`).
async fn invoke(
    py: &Python,
    mode: &str,
    config: serde_json::Value,
    t: &Target,
) -> Result<Sample, String> {
    let mut command = tokio::process::Command::new(&py.exe);
    if let Some(ca) = &t.ca_file {
        command.env("REQUESTS_CA_BUNDLE", ca);
    }
    let out = command
        .arg(&py.script)
        .arg(config.to_string())
        .output()
        .await
        .map_err(|e| format!("python: {e}"))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        let last = err.lines().last().unwrap_or("").to_string();
        return Err(format!("python-keycloak ({mode}) failed: {last}"));
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or("");
    serde_json::from_str(line).map_err(|e| format!("python output {line:?}: {e}"))
}
