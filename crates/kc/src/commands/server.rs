use crate::Failure;
use crate::cli::Output;
use crate::output::{Columns, Printer};
use keycloak_admin::KeycloakAdmin;
use serde_json::json;

const FEATURES: Columns = &[("FEATURE", "name"), ("ENABLED", "enabled")];

/// `kc server`: the version, then every feature the server lists.
pub async fn run(kc: &KeycloakAdmin, printer: &Printer) -> Result<(), Failure> {
    let server = kc.server().await?;
    let features: Vec<_> = server
        .features()
        .map(|(name, enabled)| json!({"name": name, "enabled": enabled}))
        .collect();
    match printer.format() {
        Output::Table => {
            println!("Keycloak {}", crate::output::text(server.version_text()));
            let items = futures_util::stream::iter(features.into_iter().map(Ok));
            printer.list(FEATURES, items).await?;
        }
        Output::Json | Output::Jsonl => printer.one(
            &[],
            &json!({"version": server.version_text(), "features": features}),
        ),
    }
    Ok(())
}
