use crate::Failure;
use crate::cli::WorkflowsCmd;
use crate::output::{Columns, Printer};
use keycloak_admin::KeycloakAdmin;

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("NAME", "name"),
    ("ON", "on"),
    ("ENABLED", "enabled"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: WorkflowsCmd) -> Result<(), Failure> {
    match cmd {
        WorkflowsCmd::List { realm } => {
            let workflows = kc.realm(realm.realm).workflows();
            printer.list(COLUMNS, workflows.list().stream()).await?;
        }
    }
    Ok(())
}
