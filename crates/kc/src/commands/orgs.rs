use super::users::resolve as resolve_user;
use crate::Failure;
use crate::cli::{OrgsCmd, Output};
use crate::output::{Columns, Printer};
use keycloak_admin::{KeycloakAdmin, NewOrganization, Organizations};

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("NAME", "name"),
    ("ALIAS", "alias"),
    ("ENABLED", "enabled"),
];

const MEMBERS: Columns = &[
    ("ID", "id"),
    ("USERNAME", "username"),
    ("EMAIL", "email"),
    ("MEMBERSHIP", "membershipType"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: OrgsCmd) -> Result<(), Failure> {
    match cmd {
        OrgsCmd::List { realm } => {
            let orgs = kc.realm(realm.realm).organizations();
            printer.list(COLUMNS, orgs.list().stream()).await?;
        }
        OrgsCmd::Enable { realm } => kc.realm(realm.realm).organizations().enable().await?,
        OrgsCmd::Create {
            name,
            domain,
            realm,
        } => {
            let orgs = kc.realm(realm.realm).organizations();
            let org = domain
                .into_iter()
                .fold(NewOrganization::new(name), NewOrganization::domain);
            let id = orgs.create(org).await?;
            match printer.format() {
                Output::Table => println!("{}", crate::output::text(&id)),
                Output::Json | Output::Jsonl => printer.one(&[], &orgs.get(&id).await?),
            }
        }
        OrgsCmd::Delete { org, realm } => {
            let orgs = kc.realm(realm.realm).organizations();
            let id = resolve(&orgs, &org).await?;
            orgs.delete(&id).await?;
        }
        OrgsCmd::Members { org, realm } => {
            let orgs = kc.realm(realm.realm).organizations();
            let id = resolve(&orgs, &org).await?;
            printer.list(MEMBERS, orgs.members(&id).stream()).await?;
        }
        OrgsCmd::AddMember { org, user, realm } => {
            let realm = kc.realm(realm.realm);
            let orgs = realm.organizations();
            let id = resolve(&orgs, &org).await?;
            let user = resolve_user(&realm.users(), &user).await?;
            orgs.add_member(&id, &user).await?;
        }
        OrgsCmd::Invite { org, email, realm } => {
            let orgs = kc.realm(realm.realm).organizations();
            let id = resolve(&orgs, &org).await?;
            orgs.invite_user(&id, &email, None, None).await?;
        }
    }
    Ok(())
}

/// An organization by exact name or alias, else by id.
async fn resolve(orgs: &Organizations, org: &str) -> Result<String, Failure> {
    let found = orgs.search(org).all().await?;
    let named = found
        .into_iter()
        .find(|o| o.name.as_deref() == Some(org) || o.alias.as_deref() == Some(org));
    if let Some(id) = named.and_then(|o| o.id) {
        return Ok(id);
    }
    match orgs.get(org).await {
        Ok(o) => {
            o.id.ok_or_else(|| Failure::usage(format!("no organization `{org}`")))
        }
        Err(e) if e.is_not_found() => Err(Failure {
            code: 1,
            message: format!("no organization `{org}` (by name, alias or id)"),
        }),
        Err(e) => Err(e.into()),
    }
}
