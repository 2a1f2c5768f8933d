//! One module per resource; each command talks to Keycloak only through `keycloak-admin`.

mod clients;
mod demo;
pub mod dev;
pub mod generic;
mod groups;
mod import;
mod login;
mod orgs;
mod realms;
mod roles;
mod server;
mod users;
mod workflows;

use crate::Failure;
use crate::cli::{Cli, Command, ConfigCmd};
use crate::output::Printer;
use generic::roles::Verb;

pub async fn run(cli: Cli) -> Result<(), Failure> {
    if let Command::Completions { shell } = cli.command {
        // The registration `COMPLETE=<shell> kc` prints: the shell then asks kc
        // itself, which completes endpoints and field names from the spec.
        let name = shell.to_string();
        let shells = clap_complete::env::Shells::builtins();
        let completer = shells
            .completer(&name)
            .ok_or_else(|| Failure::usage(format!("no completions for {name}")))?;
        return completer
            .write_registration("COMPLETE", "kc", "kc", "kc", &mut std::io::stdout())
            .map_err(|e| Failure::usage(format!("writing the completion script: {e}")));
    }
    let printer = Printer::new(cli.output);
    match cli.command {
        Command::Dev(cmd) => return dev::run(&printer, cmd).await,
        Command::Demo => return demo::run().await,
        Command::Login => return login::run(&cli.connection).await,
        Command::Api { filter } => return generic::api::run(filter.as_deref()),
        Command::Get(g) => return generic::run("GET", &cli.connection, g).await,
        Command::Create(g) => return generic::run("POST", &cli.connection, g).await,
        Command::Update(g) => return generic::run("PUT", &cli.connection, g).await,
        Command::Delete(g) => return generic::run("DELETE", &cli.connection, g).await,
        Command::Config(ConfigCmd::Credentials(a)) => {
            return generic::credentials::config_credentials(&cli.connection, a).await;
        }
        Command::Logout => return generic::credentials::logout(&cli.connection).await,
        Command::GetRoles(a) => return generic::roles::run(Verb::Get, &cli.connection, a).await,
        Command::AddRoles(a) => return generic::roles::run(Verb::Add, &cli.connection, a).await,
        Command::RemoveRoles(a) => {
            return generic::roles::run(Verb::Remove, &cli.connection, a).await;
        }
        Command::SetPassword(a) => return generic::password::run(&cli.connection, a).await,
        _ => {}
    }
    let kc = crate::connect::connect(&cli.connection).await?;
    match cli.command {
        Command::Users(cmd) => users::run(&kc, &printer, cmd).await,
        Command::Clients(cmd) => clients::run(&kc, &printer, cmd).await,
        Command::Groups(cmd) => groups::run(&kc, &printer, cmd).await,
        Command::Realms(cmd) => realms::run(&kc, &printer, cmd).await,
        Command::Roles(cmd) => roles::run(&kc, &printer, cmd).await,
        Command::Workflows(cmd) => workflows::run(&kc, &printer, cmd).await,
        Command::Orgs(cmd) => orgs::run(&kc, &printer, cmd).await,
        Command::Server => server::run(&kc, &printer).await,
        Command::Completions { .. }
        | Command::Dev(_)
        | Command::Demo
        | Command::Login
        | Command::Api { .. }
        | Command::Get(_)
        | Command::Create(_)
        | Command::Update(_)
        | Command::Delete(_)
        | Command::Config(_)
        | Command::Logout
        | Command::GetRoles(_)
        | Command::AddRoles(_)
        | Command::RemoveRoles(_)
        | Command::SetPassword(_) => {
            unreachable!("handled before connecting")
        }
    }
}
