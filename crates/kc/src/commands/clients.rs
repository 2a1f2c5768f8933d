use crate::Failure;
use crate::cli::{ClientsCmd, Output};
use crate::output::{Columns, Printer};
use keycloak_admin::types::ClientRepresentation;
use keycloak_admin::{ExposeSecret, KeycloakAdmin, ServiceAccountClient};

pub(crate) fn missing(client: &str) -> Failure {
    Failure {
        code: 1,
        message: format!("no client `{client}`"),
    }
}

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
                .list(COLUMNS, kc.realm(realm.realm).clients().list().stream())
                .await?;
        }
        ClientsCmd::Get { client, realm } => {
            let c = kc
                .realm(realm.realm)
                .clients()
                .find_by_client_id(&client)
                .await?
                .ok_or_else(|| missing(&client))?;
            printer.one(COLUMNS, &c);
        }
        ClientsCmd::Create {
            client,
            public,
            redirect_uri,
            realm,
        } => {
            let rep = ClientRepresentation {
                client_id: Some(client),
                public_client: Some(public),
                redirect_uris: if redirect_uri.is_empty() {
                    None
                } else {
                    Some(redirect_uri)
                },
                ..Default::default()
            };
            let clients = kc.realm(realm.realm).clients();
            let uuid = clients.create(rep).await?;
            match printer.format() {
                Output::Table => println!("{}", crate::output::text(&uuid)),
                Output::Json | Output::Jsonl => {
                    // The secret is printed only by `kc clients secret`, on request.
                    let created = ClientRepresentation {
                        secret: None,
                        ..clients.get(&uuid).await?
                    };
                    printer.one(&[], &created)
                }
            }
        }
        ClientsCmd::Secret {
            client,
            regenerate,
            realm,
        } => {
            let clients = kc.realm(realm.realm).clients();
            let uuid = clients
                .find_by_client_id(&client)
                .await?
                .and_then(|c| c.id)
                .ok_or_else(|| missing(&client))?;
            let secret = if regenerate {
                clients.regenerate_secret(&uuid).await?
            } else {
                clients.secret(&uuid).await?
            };
            println!("{}", secret.expose_secret());
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
                .ok_or_else(|| missing(&client))?;
            clients.delete(&found).await?;
        }
    }
    Ok(())
}
