//! kcadm.sh's `set-password`: a user's new password through the spec's
//! `reset-password` operation. The password comes from `KC_CLI_PASSWORD` or a
//! prompt; `--new-password` works too, with kcadm.sh's exposure (a warning).

use super::call;
use super::roles::{Realm, Ref};
use crate::Failure;
use crate::cli::{Connection, SetPassword};
use keycloak_admin::api::dynamic::Args;
use serde_json::json;

pub async fn run(c: &Connection, a: SetPassword) -> Result<(), Failure> {
    let target = match (a.target_username.as_deref(), a.userid.as_deref()) {
        (Some(_), Some(_)) => return Err(Failure::usage("--username and --userid: give one")),
        (None, None) => {
            return Err(Failure::usage(
                "name the user: --username NAME or --userid ID",
            ));
        }
        (name, id) => (name, id),
    };
    let password = match a.new_password.clone() {
        Some(p) => {
            eprintln!(
                "kc: note: a password on the command line is visible to other users of this machine; prefer KC_CLI_PASSWORD or the prompt"
            );
            p
        }
        None => match std::env::var("KC_CLI_PASSWORD")
            .ok()
            .filter(|p| !p.is_empty())
        {
            Some(p) => p,
            None => crate::connect::prompt(&format!(
                "the new password of {}",
                target.0.or(target.1).unwrap_or_default()
            ))?,
        },
    };
    if password.is_empty() {
        return Err(Failure::usage("the new password is empty"));
    }
    let plan = crate::connect::plan(c)?;
    let realm = a
        .target_realm
        .clone()
        .unwrap_or_else(|| plan.default_realm());
    let kc = crate::connect::connect_with(c, plan).await?;
    let id = match target {
        (_, Some(id)) => id.to_string(),
        (Some(name), None) => {
            let r = Realm {
                kc: &kc,
                realm: realm.clone(),
            };
            r.user_id(&Ref::Name(name)).await?
        }
        (None, None) => unreachable!("refused above"),
    };
    let body = json!({ "type": "password", "value": password, "temporary": a.temporary });
    let args = Args::new().path("realm", &realm).path("user-id", id);
    call(&kc, "put_users_reset_password", args.json_body(body)).await?;
    Ok(())
}
