use crate::Failure;
use crate::cli::GroupsCmd;
use crate::output::{Columns, Printer};
use keycloak_admin::KeycloakAdmin;

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("PATH", "path"),
    ("SUBGROUPS", "subGroupCount"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: GroupsCmd) -> Result<(), Failure> {
    match cmd {
        GroupsCmd::List { realm } => {
            printer
                .list(COLUMNS, kc.realm(realm.realm).groups().list(None))
                .await?;
        }
        GroupsCmd::Create { path, realm } => println!(
            "{}",
            kc.realm(realm.realm).groups().ensure_path(&path).await?
        ),
        GroupsCmd::AddMember { path, user, realm } => {
            let r = kc.realm(realm.realm);
            let group = r.groups().by_path(&path).await?.id.unwrap_or_default();
            let user_id = match r.users().find_by_username(&user).await?.and_then(|u| u.id) {
                Some(id) => id,
                None => user,
            };
            r.groups().add_member(&group, &user_id).await?;
        }
    }
    Ok(())
}
