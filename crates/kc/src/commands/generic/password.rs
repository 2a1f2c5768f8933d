//! kcadm.sh's `set-password`: a user's new password through the spec's
//! `reset-password` operation. The password comes from `KC_CLI_PASSWORD` or a
//! prompt; `--new-password` works too, with kcadm.sh's exposure (a warning).

use super::call;
use crate::Failure;
use crate::cli::{Connection, SetPassword};
use keycloak_admin::api::dynamic::Args;
use serde_json::{Value, json};

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
    let base = Args::new().path("realm", &realm);
    let id = match target {
        (_, Some(id)) => id.to_string(),
        (Some(name), None) => {
            let args = base.clone().query("username", name).query("exact", "true");
            let found = call(&kc, "get_users", args).await?;
            match found.as_ref().and_then(Value::as_array).map(Vec::as_slice) {
                Some([one]) => one["id"].as_str().unwrap_or_default().to_string(),
                _ => {
                    return Err(Failure {
                        code: 1,
                        message: format!("user `{}` not found", crate::output::text(name)),
                    });
                }
            }
        }
        (None, None) => unreachable!("refused above"),
    };
    let body = json!({ "type": "password", "value": password, "temporary": a.temporary });
    call(
        &kc,
        "put_users_reset_password",
        base.path("user-id", id).json_body(body),
    )
    .await?;
    Ok(())
}
