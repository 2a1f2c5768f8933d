use crate::Failure;
use crate::cli::ClientsCmd;
use crate::output::{Columns, Printer};
use keycloak_admin::{ExposeSecret, KeycloakAdmin, ServiceAccountClient};

const COLUMNS: Columns = &[
    ("ID", "id"),
    ("CLIENT_ID", "clientId"),
    ("ENABLED", "enabled"),
    ("PUBLIC", "publicClient"),
];

pub async fn run(kc: &KeycloakAdmin, printer: &Printer, cmd: ClientsCmd) -> Result<(), Failure> {
    match cmd {
        ClientsCmd::List { realm } => {
            printer
                .list(COLUMNS, kc.realm(realm.realm).clients().list())
                .await?;
        }
        ClientsCmd::Register {
            name,
            roles,
            secret_file,
            token_lifespan,
            realm,
        } => {
            let mut spec = ServiceAccountClient::new(name);
            if let Some(secret) = crate::connect::secret(secret_file.as_deref(), "CLIENT_SECRET")? {
                spec = spec.secret(secret);
            }
            if let Some(secs) = token_lifespan {
                spec = spec.token_lifespan(secs);
            }
            spec = match roles.as_deref() {
                None | Some("") => spec,
                Some("all") => spec.all_realm_roles(),
                Some(list) => {
                    spec.realm_roles(list.split(',').map(str::trim).filter(|r| !r.is_empty()))
                }
            };
            let c = kc
                .realm(realm.realm)
                .clients()
                .register_service_account(spec)
                .await?;
            // Printing the secret is the point of this command.
            let out = serde_json::json!({"client_id": c.client_id, "uuid": c.uuid, "secret": c.secret.expose_secret()});
            printer.one(
                &[
                    ("client_id", "client_id"),
                    ("uuid", "uuid"),
                    ("secret", "secret"),
                ],
                &out,
            );
        }
        ClientsCmd::Delete { client, realm } => {
            let clients = kc.realm(realm.realm).clients();
            let found = clients
                .find_by_client_id(&client)
                .await?
                .and_then(|c| c.id)
                .ok_or_else(|| Failure {
                    code: 1,
                    message: format!("no client `{client}`"),
                })?;
            clients.delete(&found).await?;
        }
    }
    Ok(())
}
