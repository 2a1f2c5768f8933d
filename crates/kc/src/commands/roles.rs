use crate::Failure;
use crate::cli::RolesCmd;
use crate::output::{Columns, Printer};
use keycloak_admin::types::RoleRepresentation;
use keycloak_admin::{KeycloakAdmin, RealmHandle};

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("NAME", "name"),
    ("COMPOSITE", "composite"),
    ("DESCRIPTION", "description"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: RolesCmd) -> Result<(), Failure> {
    match cmd {
        RolesCmd::List { client, realm } => {
            let r = kc.realm(realm.realm);
            match client {
                None => printer.list(COLUMNS, r.roles().list().stream()).await?,
                Some(c) => {
                    printer
                        .list(
                            COLUMNS,
                            r.clients()
                                .roles(&client_uuid(&r, &c).await?)
                                .list()
                                .stream(),
                        )
                        .await?
                }
            };
        }
        RolesCmd::Create {
            name,
            client,
            realm,
        } => {
            let r = kc.realm(realm.realm);
            let role = RoleRepresentation {
                name: Some(name),
                ..Default::default()
            };
            match client {
                None => r.roles().create(role).await?,
                Some(c) => {
                    r.clients()
                        .roles(&client_uuid(&r, &c).await?)
                        .create(role)
                        .await?
                }
            }
        }
        RolesCmd::Assign {
            user,
            roles,
            client,
            realm,
        } => {
            let r = kc.realm(realm.realm);
            let user = super::users::resolve(&r.users(), &user).await?;
            let names: Vec<&str> = roles.iter().map(String::as_str).collect();
            match client {
                None => r.roles().assign_to_user(&user, &names).await?,
                Some(c) => {
                    r.clients()
                        .roles(&client_uuid(&r, &c).await?)
                        .assign_to_user(&user, &names)
                        .await?
                }
            }
        }
        RolesCmd::Unassign {
            user,
            roles,
            client,
            realm,
        } => {
            let r = kc.realm(realm.realm);
            let user = super::users::resolve(&r.users(), &user).await?;
            let names: Vec<&str> = roles.iter().map(String::as_str).collect();
            match client {
                None => r.roles().unassign_from_user(&user, &names).await?,
                Some(c) => {
                    r.clients()
                        .roles(&client_uuid(&r, &c).await?)
                        .unassign_from_user(&user, &names)
                        .await?
                }
            }
        }
    }
    Ok(())
}

async fn client_uuid(r: &RealmHandle, client_id: &str) -> Result<String, Failure> {
    r.clients()
        .find_by_client_id(client_id)
        .await?
        .and_then(|c| c.id)
        .ok_or_else(|| super::clients::missing(client_id))
}
