use crate::Failure;
use crate::cli::{Output, UsersCmd};
use crate::output::{Columns, Printer};
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{KeycloakAdmin, UserQuery, Users};
use std::collections::HashMap;

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("USERNAME", "username"),
    ("EMAIL", "email"),
    ("ENABLED", "enabled"),
];

/// A table shows only fields of the brief representation, which the server
/// reads several times faster in larger pages (`BENCHMARKS.md`); JSON output
/// keeps the whole user.
fn brief_for_tables(printer: &Printer, query: UserQuery) -> UserQuery {
    match printer.format() {
        Output::Table => query.brief(true),
        Output::Json | Output::Jsonl => query,
    }
}

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: UsersCmd) -> Result<(), Failure> {
    match cmd {
        UsersCmd::List { realm } => {
            let query = kc.realm(realm.realm).users().list();
            printer
                .list(COLUMNS, brief_for_tables(printer, query).stream())
                .await?;
        }
        UsersCmd::Search { text, realm } => {
            let query = kc.realm(realm.realm).users().search(text);
            printer
                .list(COLUMNS, brief_for_tables(printer, query).stream())
                .await?;
        }
        UsersCmd::Get { user, realm } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            printer.one(COLUMNS, &users.get(&id).await?);
        }
        UsersCmd::Create {
            new_username,
            attrs,
            email,
            first_name,
            last_name,
            realm,
        } => {
            let mut attributes: HashMap<String, Vec<String>> = HashMap::new();
            for (name, value) in attrs {
                attributes.entry(name).or_default().push(value);
            }
            let user = UserRepresentation {
                username: Some(new_username),
                email,
                first_name,
                last_name,
                enabled: Some(true),
                attributes: (!attributes.is_empty()).then_some(attributes),
                ..Default::default()
            };
            let users = kc.realm(realm.realm).users();
            let id = users.create(user).await?;
            match printer.format() {
                Output::Table => println!("{}", crate::output::text(&id)),
                Output::Json | Output::Jsonl => printer.one(&[], &users.get(&id).await?),
            }
        }
        UsersCmd::Delete { user, realm } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            users.delete(&id).await?;
        }
        UsersCmd::Import {
            file,
            batch_size,
            concurrency,
            realm,
        } => {
            let batching = super::import::Batching {
                size: batch_size,
                concurrency,
            };
            super::import::run(kc, printer, &file, batching, &realm.realm).await?
        }
        UsersCmd::Update {
            user,
            email,
            first_name,
            last_name,
            enabled,
            realm,
        } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            users
                .update(
                    &id,
                    UserRepresentation {
                        email,
                        first_name,
                        last_name,
                        enabled,
                        ..Default::default()
                    },
                )
                .await?;
        }
        UsersCmd::Roles {
            user,
            effective,
            realm,
        } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            let roles = users.roles(&id);
            let list = if effective {
                roles.realm_effective()
            } else {
                roles.realm()
            };
            printer
                .list(
                    &[("ID", "id"), ("NAME", "name"), ("COMPOSITE", "composite")],
                    list.stream(),
                )
                .await?;
        }
        UsersCmd::Groups { user, realm } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            printer
                .list(
                    &[("ID", "id"), ("PATH", "path")],
                    users.groups(&id).stream(),
                )
                .await?;
        }
        UsersCmd::Sessions { user, realm } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            printer
                .list(
                    &[("ID", "id"), ("IP", "ipAddress"), ("STARTED", "start")],
                    users.sessions(&id).stream(),
                )
                .await?;
        }
        UsersCmd::Logout { user, realm } => {
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            users.logout(&id).await?;
        }
        UsersCmd::Count { realm } => println!("{}", kc.realm(realm.realm).users().count().await?),
        UsersCmd::SetPassword {
            user,
            temporary,
            new_password_file,
            realm,
        } => {
            let password = crate::connect::secret(new_password_file.as_deref(), "NEW_PASSWORD")?
                .ok_or_else(|| {
                    Failure::usage("no new password: set NEW_PASSWORD or pass --new-password-file")
                })?;
            let users = kc.realm(realm.realm).users();
            let id = resolve(&users, &user).await?;
            users.set_password(&id, &password, temporary).await?;
        }
    }
    Ok(())
}

/// A username, else an id.
pub(crate) async fn resolve(users: &Users, user: &str) -> Result<String, Failure> {
    match users.find_by_username(user).await?.and_then(|u| u.id) {
        Some(id) => Ok(id),
        None => Ok(users
            .get(user)
            .await
            .map_err(|e| {
                if e.is_not_found() {
                    Failure {
                        code: 1,
                        message: format!("no user `{user}` (by username or id)"),
                    }
                } else {
                    e.into()
                }
            })?
            .id
            .unwrap_or_default()),
    }
}
