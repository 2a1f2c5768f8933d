//! One module per resource; each command talks to Keycloak only through `keycloak-admin`.

mod clients;
mod groups;
mod realms;
mod users;

use crate::Failure;
use crate::cli::{Cli, Command};
use crate::output::Printer;

pub async fn run(cli: Cli) -> Result<(), Failure> {
    let kc = crate::connect::connect(&cli.connection).await?;
    let printer = Printer::new(cli.output);
    match cli.command {
        Command::Users(cmd) => users::run(&kc, &printer, cmd).await,
        Command::Clients(cmd) => clients::run(&kc, &printer, cmd).await,
        Command::Groups(cmd) => groups::run(&kc, &printer, cmd).await,
        Command::Realms(cmd) => realms::run(&kc, &printer, cmd).await,
    }
}
