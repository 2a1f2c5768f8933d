//! `kc`: everyday Keycloak administration from the command line, built on the
//! `keycloak-admin` crate (no HTTP of its own).
//!
//! Exit codes: 0 ok, 1 API or transport error, 2 usage error, 3 authentication error.

mod cli;
mod commands;
mod connect;
mod kcadm_argv;
mod output;
mod profile;
mod session;

use clap::Parser;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    // `COMPLETE=bash kc …`: the shell asking for completions (answered, then exit).
    clap_complete::CompleteEnv::with_factory(<cli::Cli as clap::CommandFactory>::command)
        .complete();
    let cli = cli::Cli::parse_from(kcadm_argv::rewrite(std::env::args_os()));
    if cli.verbose {
        trace_requests();
    }
    match commands::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("kc: {}", output::text(&failure.message));
            ExitCode::from(failure.code)
        }
    }
}

/// One stderr line per finished request: the `keycloak.request` spans of the
/// generated client carry no URL values, tokens or bodies.
fn trace_requests() {
    use tracing_subscriber::Layer;
    use tracing_subscriber::fmt::format::FmtSpan;
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let layer = tracing_subscriber::fmt::layer()
        .with_writer(std::io::stderr)
        .with_span_events(FmtSpan::CLOSE)
        .with_target(false)
        .without_time()
        .with_filter(tracing_subscriber::filter::filter_fn(|meta| {
            meta.target().starts_with("keycloak")
        }));
    tracing_subscriber::registry().with(layer).init();
}

/// A failed command: one line and an exit code.
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Self {
            code: 2,
            message: message.into(),
        }
    }
}

impl From<keycloak_admin::Error> for Failure {
    fn from(e: keycloak_admin::Error) -> Self {
        use keycloak_admin::Error;
        let code = match &e {
            Error::Auth(_) => 3,
            e if e.is_unauthorized() => 3,
            Error::InvalidInput(_) => 2,
            _ => 1,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}
