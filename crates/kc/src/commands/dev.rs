//! `kc dev up|status|down`: the harness's local Keycloak, kept running between
//! commands. Its state (URL, admin credentials, pid) is a file readable only by
//! its owner, beside the distribution cache.

use crate::Failure;
use crate::cli::{DevCmd, Output};
use crate::output::Printer;
use keycloak_launcher::{DetachedServer, KeycloakServer, Settings, dev_state_file};

pub async fn run(printer: &Printer, cmd: DevCmd) -> Result<(), Failure> {
    let state = dev_state_file(&Settings::from_env());
    match cmd {
        DevCmd::Up => {
            let server = match running()? {
                Some(server) => server,
                None => {
                    eprintln!("starting Keycloak (the first start downloads it)…");
                    let server = KeycloakServer::from_env()
                        .local()
                        .start_detached()
                        .await
                        .map_err(harness)?;
                    server.save(&state).map_err(harness)?;
                    server
                }
            };
            show(printer, &server, true);
        }
        DevCmd::Status => match DetachedServer::load(&state).map_err(harness)? {
            Some(server) if server.is_running() => show(printer, &server, true),
            _ => match printer.format() {
                Output::Table => println!("no dev server running"),
                _ => printer.one(&[], &serde_json::json!({"running": false})),
            },
        },
        DevCmd::Down => {
            // A state file that names another process or a home outside the
            // cache is not trusted: nothing is signalled or deleted but the file.
            let stopped = match DetachedServer::load(&state) {
                Ok(Some(server)) if server.stop().map_err(harness)? => Some(server),
                Ok(_) => None,
                Err(e) => {
                    eprintln!("ignoring {}: {}", state.display(), harness(e).message);
                    None
                }
            };
            let _ = std::fs::remove_file(&state);
            match (&stopped, printer.format()) {
                (Some(s), Output::Table) => {
                    println!("stopped Keycloak {} at {} (pid {})", s.version, s.base_url, s.pid)
                }
                (None, Output::Table) => println!("no dev server running"),
                (s, _) => printer.one(
                    &[],
                    &serde_json::json!({"stopped": s.is_some(), "url": s.as_ref().map(|s| &s.base_url), "pid": s.as_ref().map(|s| s.pid)}),
                ),
            }
        }
    }
    Ok(())
}

/// The dev server, if one was started and still runs.
pub fn running() -> Result<Option<DetachedServer>, Failure> {
    let state = dev_state_file(&Settings::from_env());
    Ok(DetachedServer::load(&state)
        .map_err(harness)?
        .filter(DetachedServer::is_running))
}

fn show(printer: &Printer, s: &DetachedServer, running: bool) {
    match printer.format() {
        Output::Table => {
            println!("Keycloak {} running at {} (pid {})", s.version, s.base_url, s.pid);
            println!("admin user:     {}", s.admin_username);
            println!("admin password: {}", s.admin_password);
            println!("log:            {}", s.log.display());
            println!("kc commands use this server while KEYCLOAK_URL is unset; `kc dev down` stops it.");
        }
        _ => printer.one(
            &[],
            &serde_json::json!({"running": running, "url": s.base_url, "version": s.version, "pid": s.pid, "admin_username": s.admin_username, "admin_password": s.admin_password, "log": s.log}),
        ),
    }
}

fn harness(e: keycloak_launcher::Error) -> Failure {
    Failure {
        code: 1,
        message: e.to_string().lines().next().unwrap_or_default().to_string(),
    }
}
