use crate::Failure;
use crate::cli::{GroupsCmd, Output};
use crate::output::{Columns, Printer};
use futures_util::TryStreamExt;
use keycloak_admin::{Groups, KeycloakAdmin};
use serde_json::{Value, json};

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("PATH", "path"),
    ("SUBGROUPS", "subGroupCount"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: GroupsCmd) -> Result<(), Failure> {
    match cmd {
        GroupsCmd::List { realm } => {
            printer
                .list(COLUMNS, kc.realm(realm.realm).groups().list().stream())
                .await?;
        }
        GroupsCmd::Tree { realm } => {
            let groups = kc.realm(realm.realm).groups();
            let top: Vec<_> = groups.list().stream().try_collect().await?;
            let mut tree = Vec::new();
            for g in top {
                tree.push(
                    subtree(
                        &groups,
                        g.id.unwrap_or_default(),
                        g.name.unwrap_or_default(),
                    )
                    .await?,
                );
            }
            match printer.format() {
                Output::Table => tree.iter().for_each(|node| print_tree(node, 0)),
                _ => printer.one(&[], &Value::Array(tree)),
            }
        }
        GroupsCmd::Create { path, realm } => {
            let groups = kc.realm(realm.realm).groups();
            let id = groups.ensure_path(&path).await?;
            match printer.format() {
                Output::Table => println!("{}", crate::output::text(&id)),
                Output::Json | Output::Jsonl => printer.one(&[], &groups.get(&id).await?),
            }
        }
        GroupsCmd::Delete { path, realm } => {
            let groups = kc.realm(realm.realm).groups();
            let id = groups.by_path(&path).await?.id.unwrap_or_default();
            groups.delete(&id).await?;
        }
        GroupsCmd::Members { path, realm } => {
            let groups = kc.realm(realm.realm).groups();
            let group = groups.by_path(&path).await?.id.unwrap_or_default();
            printer
                .list(
                    &[("ID", "id"), ("USERNAME", "username"), ("EMAIL", "email")],
                    groups.members(&group).stream(),
                )
                .await?;
        }
        GroupsCmd::AddMember { path, user, realm } => {
            let r = kc.realm(realm.realm);
            let group = r.groups().by_path(&path).await?.id.unwrap_or_default();
            let user_id = super::users::resolve(&r.users(), &user).await?;
            r.groups().add_member(&group, &user_id).await?;
        }
        GroupsCmd::RemoveMember { path, user, realm } => {
            let r = kc.realm(realm.realm);
            let group = r.groups().by_path(&path).await?.id.unwrap_or_default();
            let user_id = super::users::resolve(&r.users(), &user).await?;
            r.groups().remove_member(&group, &user_id).await?;
        }
    }
    Ok(())
}

/// `{"id", "name", "subGroups": [...]}`, depth first.
async fn subtree(groups: &Groups, id: String, name: String) -> Result<Value, Failure> {
    let mut children = Vec::new();
    let direct: Vec<_> = groups.children(&id).stream().try_collect().await?;
    for c in direct {
        children.push(
            Box::pin(subtree(
                groups,
                c.id.unwrap_or_default(),
                c.name.unwrap_or_default(),
            ))
            .await?,
        );
    }
    Ok(json!({"id": id, "name": name, "subGroups": children}))
}

fn print_tree(node: &Value, depth: usize) {
    println!(
        "{}{}",
        "  ".repeat(depth),
        crate::output::text(node["name"].as_str().unwrap_or_default())
    );
    for child in node["subGroups"].as_array().into_iter().flatten() {
        print_tree(child, depth + 1);
    }
}
