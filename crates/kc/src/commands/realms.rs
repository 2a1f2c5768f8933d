use crate::Failure;
use crate::cli::RealmsCmd;
use crate::output::{Columns, Printer};
use keycloak_admin::KeycloakAdmin;
use keycloak_admin::types::RealmRepresentation;

const COLUMNS: Columns = &[
    ("REALM", "realm"),
    ("ENABLED", "enabled"),
    ("DISPLAY_NAME", "displayName"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: RealmsCmd) -> Result<(), Failure> {
    match cmd {
        RealmsCmd::List => {
            let realms = kc.realms().list().await?;
            printer
                .list(
                    COLUMNS,
                    futures_util::stream::iter(realms.into_iter().map(Ok)),
                )
                .await?;
        }
        RealmsCmd::Create { name } => {
            kc.realms()
                .create(RealmRepresentation {
                    realm: Some(name),
                    enabled: Some(true),
                    ..Default::default()
                })
                .await?
        }
        RealmsCmd::Delete { name } => kc.realm(name).delete().await?,
    }
    Ok(())
}
