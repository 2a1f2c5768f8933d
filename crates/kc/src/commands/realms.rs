use crate::Failure;
use crate::cli::{Output, RealmsCmd, UnmanagedPolicy, UserProfileCmd};
use crate::output::{Columns, Printer};
use keycloak_admin::types::RealmRepresentation;
use keycloak_admin::{KeycloakAdmin, UnmanagedAttributes};

const COLUMNS: Columns = &[
    ("REALM", "realm"),
    ("ENABLED", "enabled"),
    ("DISPLAY_NAME", "displayName"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: RealmsCmd) -> Result<(), Failure> {
    match cmd {
        RealmsCmd::List => {
            printer.list(COLUMNS, kc.realms().list().stream()).await?;
        }
        RealmsCmd::Create { name } => {
            kc.realms()
                .create(RealmRepresentation {
                    realm: Some(name.clone()),
                    enabled: Some(true),
                    ..Default::default()
                })
                .await?;
            if printer.format() != Output::Table {
                printer.one(&[], &kc.realm(name).get().await?);
            }
        }
        RealmsCmd::Delete { name } => kc.realm(name).delete().await?,
        RealmsCmd::Export { name } => {
            let export = kc.realm(name).partial_export(true, true).await?;
            let export = serde_json::to_value(&export).unwrap_or_default();
            println!("{}", crate::output::json_pretty(&export));
        }
        RealmsCmd::UserProfile(cmd) => user_profile(kc, cmd).await?,
        RealmsCmd::Import { file, strip_ids } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
            let mut doc: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| Failure::usage(format!("{} is not JSON: {e}", file.display())))?;
            if strip_ids {
                strip(&mut doc);
            }
            let realm: RealmRepresentation = serde_json::from_value(doc)
                .map_err(|e| Failure::usage(format!("{} is not a realm: {e}", file.display())))?;
            kc.realms().create(realm).await?;
        }
    }
    Ok(())
}

async fn user_profile(kc: &KeycloakAdmin, cmd: UserProfileCmd) -> Result<(), Failure> {
    match cmd {
        UserProfileCmd::Get { realm } => {
            let config = kc.realm(realm).user_profile().get().await?;
            let config = serde_json::to_value(&config).unwrap_or_default();
            println!("{}", crate::output::json_pretty(&config));
        }
        UserProfileCmd::Set { realm, file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))?;
            let config = serde_json::from_str(&text).map_err(|e| {
                Failure::usage(format!("{} is not a user profile: {e}", file.display()))
            })?;
            kc.realm(realm).user_profile().update(config).await?;
        }
        UserProfileCmd::UnmanagedAttributes { realm, policy } => {
            let policy = match policy {
                UnmanagedPolicy::On => UnmanagedAttributes::Enabled,
                UnmanagedPolicy::Off => UnmanagedAttributes::Disabled,
                UnmanagedPolicy::AdminEdit => UnmanagedAttributes::AdminEdit,
                UnmanagedPolicy::AdminView => UnmanagedAttributes::AdminView,
            };
            kc.realm(realm)
                .user_profile()
                .set_unmanaged_attributes(policy)
                .await?;
        }
    }
    Ok(())
}

/// Remove every `id` key, at any depth.
fn strip(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("id");
            map.values_mut().for_each(strip);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
        _ => {}
    }
}
