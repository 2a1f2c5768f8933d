//! The examples run as a user runs them: their own binaries, configured only by
//! the environment (`KEYCLOAK_URL`, `KEYCLOAK_USERNAME`, `KEYCLOAK_PASSWORD`),
//! against the harness's server. `cargo test --workspace` builds them; a
//! missing binary fails the test with the command that builds it.

use keycloak_testkit::Server;
use std::path::PathBuf;
use std::process::Command;

fn example(name: &str) -> PathBuf {
    // target/<profile>/deps/<this test> → target/<profile>/examples/<name>
    let exe = std::env::current_exe().unwrap();
    let dir = exe
        .parent()
        .and_then(|d| d.parent())
        .unwrap()
        .join("examples");
    let path = dir.join(name);
    assert!(
        path.is_file(),
        "example binary {} is missing: run `cargo test --workspace` (or `cargo build -p keycloak-admin -p keycloak-oidc --examples`) first",
        path.display()
    );
    path
}

async fn run(name: &str) -> String {
    let server = Server::shared().await.unwrap_or_else(|e| panic!("{e}"));
    let out = Command::new(example(name))
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("KEYCLOAK_URL", server.base_url())
        .env("KEYCLOAK_USERNAME", server.admin_username())
        .env("KEYCLOAK_PASSWORD", server.admin_password())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "example {name} failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}

#[tokio::test]
async fn quickstart() {
    let out = run("quickstart").await;
    assert!(out.contains("Connected to Keycloak"), "{out}");
}

#[tokio::test]
async fn search_users() {
    let out = run("search_users").await;
    assert!(out.contains("jdoe") && !out.contains("amiller"), "{out}");
}

#[tokio::test]
async fn service_account() {
    let out = run("service_account").await;
    assert!(out.contains("client_id=ingest"), "{out}");
}

#[tokio::test]
async fn stream_users() {
    let out = run("stream_users").await;
    assert!(out.contains("2500"), "{out}");
}

#[tokio::test]
async fn temporary_password() {
    let out = run("temporary_password").await;
    assert!(out.contains("UPDATE_PASSWORD"), "{out}");
}

#[tokio::test]
async fn oidc_login() {
    let out = run("login").await;
    assert!(
        out.contains("logged in: token from") && out.contains("/realms/master"),
        "{out}"
    );
    assert!(
        out.contains("logged out: the refresh token is refused"),
        "{out}"
    );
}

#[tokio::test]
async fn without_a_url_an_example_names_the_variable() {
    let out = Command::new(example("quickstart"))
        .env_clear()
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("KEYCLOAK_URL is not set"), "{stderr}");
}
