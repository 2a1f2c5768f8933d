//! `kc` against the real Keycloak from the harness: every command runs the binary
//! and then checks the server's state through the library.

use assert_cmd::Command;
use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_testkit::Server;

async fn server() -> &'static Server {
    Server::shared().await.unwrap_or_else(|e| panic!("{e}"))
}

/// `kc` logged in as the bootstrap admin.
fn kc(server: &Server) -> Command {
    let mut cmd = Command::cargo_bin("kc").unwrap();
    cmd.env("KEYCLOAK_URL", server.base_url())
        .env("KEYCLOAK_USERNAME", server.admin_username())
        .env("KEYCLOAK_PASSWORD", server.admin_password())
        .env_remove("KEYCLOAK_CLIENT_SECRET")
        .env_remove("KEYCLOAK_REALM");
    cmd
}

async fn admin(server: &Server) -> KeycloakAdmin {
    KeycloakAdmin::builder(server.base_url())
        .credentials(Credentials::password(
            server.admin_username(),
            server.admin_password(),
        ))
        .connect()
        .await
        .unwrap()
}

fn stdout(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "kc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[tokio::test]
async fn users_create_get_search_count_password_delete() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let id = stdout(kc(server).args([
        "users",
        "create",
        "jane",
        "--email",
        "jane@example.com",
        "--first-name",
        "Jane",
        "--last-name",
        "Doe",
        "--realm",
        r,
    ]));
    let id = id.trim();
    let users = admin(server).await.realm(r).users();
    assert_eq!(
        users.get(id).await.unwrap().username.as_deref(),
        Some("jane")
    );

    let shown: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["users", "get", "jane", "--realm", r, "--output", "json"]),
    ))
    .unwrap();
    assert_eq!(shown["id"], id);
    let found = stdout(kc(server).args(["users", "search", "jan", "--realm", r, "-o", "jsonl"]));
    assert_eq!(found.lines().count(), 1);
    assert_eq!(
        stdout(kc(server).args(["users", "count", "--realm", r])).trim(),
        "1"
    );

    stdout(
        kc(server)
            .args(["users", "set-password", "jane", "--realm", r])
            .env("NEW_PASSWORD", "Jane-Passw0rd"),
    );
    let login = KeycloakAdmin::builder(server.base_url())
        .realm(r)
        .credentials(Credentials::password("jane", "Jane-Passw0rd"))
        .connect()
        .await;
    assert!(login.is_ok(), "the new password logs jane in: {login:?}");

    stdout(kc(server).args(["users", "delete", "jane", "--realm", r]));
    assert!(users.get(id).await.unwrap_err().is_not_found());
}

#[tokio::test]
async fn users_list_prints_a_table_json_and_jsonl() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    for name in ["ann", "bob", "cyd"] {
        stdout(kc(server).args(["users", "create", &format!("{name}-user"), "--realm", r]));
    }
    let table = stdout(kc(server).args(["users", "list", "--realm", r]));
    assert!(table.starts_with("ID"), "{table}");
    assert_eq!(table.lines().count(), 4);
    let json: Vec<serde_json::Value> = serde_json::from_str(&stdout(
        kc(server).args(["users", "list", "--realm", r, "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(json.len(), 3);
    let jsonl = stdout(kc(server).args(["users", "list", "--realm", r, "-o", "jsonl"]));
    let names: Vec<String> = jsonl
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["username"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["ann-user", "bob-user", "cyd-user"]);
}

#[tokio::test]
async fn clients_register_twice_keeps_one_client_and_the_new_secret_works() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let first: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "clients",
        "register",
        "ingest",
        "--roles",
        "all",
        "--token-lifespan",
        "120",
        "--realm",
        r,
        "-o",
        "json",
    ])))
    .unwrap();
    let second: serde_json::Value = serde_json::from_str(&stdout(
        kc(server)
            .args([
                "clients", "register", "ingest", "--roles", "all", "--realm", r, "-o", "json",
            ])
            .env("CLIENT_SECRET", "brand-new-Secret-42"),
    ))
    .unwrap();
    assert_eq!(first["uuid"], second["uuid"]);
    assert_eq!(second["secret"], "brand-new-Secret-42");
    let kc_admin = admin(server).await;
    let clients = kc_admin.realm(r).clients();
    assert!(clients.find_by_client_id("ingest").await.unwrap().is_some());
    let login = KeycloakAdmin::builder(server.base_url())
        .realm(r)
        .credentials(Credentials::client_credentials(
            "ingest",
            "brand-new-Secret-42",
        ))
        .connect()
        .await;
    assert!(login.is_ok(), "{login:?}");

    let listed = stdout(kc(server).args(["clients", "list", "--realm", r, "-o", "jsonl"]));
    assert!(
        listed
            .lines()
            .any(|l| l.contains("\"clientId\":\"ingest\""))
    );
    stdout(kc(server).args(["clients", "delete", "ingest", "--realm", r]));
    assert!(clients.find_by_client_id("ingest").await.unwrap().is_none());
}

#[tokio::test]
async fn groups_and_realms() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    stdout(kc(server).args(["groups", "create", "/org/eng", "--realm", r]));
    stdout(kc(server).args(["users", "create", "dev1", "--realm", r]));
    stdout(kc(server).args(["groups", "add-member", "/org/eng", "dev1", "--realm", r]));
    let kc_admin = admin(server).await;
    let groups = kc_admin.realm(r).groups();
    let eng = groups.by_path("/org/eng").await.unwrap().id.unwrap();
    use futures_util::TryStreamExt;
    let members: Vec<_> = groups.members(&eng).try_collect().await.unwrap();
    assert_eq!(members[0].username.as_deref(), Some("dev1"));
    assert!(stdout(kc(server).args(["groups", "list", "--realm", r])).contains("/org"));

    let name = format!("cli-{}", std::process::id());
    stdout(kc(server).args(["realms", "create", &name]));
    assert!(
        stdout(kc(server).args(["realms", "list", "-o", "jsonl"]))
            .contains(&format!("\"realm\":\"{name}\""))
    );
    stdout(kc(server).args(["realms", "delete", &name]));
    assert!(
        kc_admin
            .realm(&name)
            .get()
            .await
            .unwrap_err()
            .is_not_found()
    );
}

fn failure(cmd: &mut Command) -> (i32, String) {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    (out.status.code().unwrap(), stderr)
}

#[tokio::test]
async fn bad_input_gives_one_line_and_the_documented_exit_code() {
    let server = server().await;
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let (code, err) = failure(
        kc(server)
            .args(["users", "count"])
            .env("KEYCLOAK_URL", format!("http://127.0.0.1:{port}")),
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.starts_with("kc: token endpoint of realm `master`: transport error"),
        "{err}"
    );

    let (code, err) = failure(
        kc(server)
            .args(["users", "count"])
            .env("KEYCLOAK_PASSWORD", "wrong-Passw0rd"),
    );
    assert_eq!(code, 3, "{err}");
    assert!(
        err.contains("Invalid user credentials") && !err.contains("wrong-Passw0rd"),
        "{err}"
    );

    let (code, err) = failure(kc(server).args(["users", "count", "--user-realm", "no-such-realm"]));
    assert_eq!(
        (code, err.trim()),
        (
            3,
            "kc: login to realm `no-such-realm` as client `admin-cli` refused (404): Realm does not exist"
        )
    );

    let (code, err) = failure(kc(server).args(["users", "count", "--realm", "no-such-realm"]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("404 Not Found: Realm not found"), "{err}");

    let (code, err) = failure(
        kc(server)
            .args(["users", "count"])
            .env_remove("KEYCLOAK_PASSWORD"),
    );
    assert_eq!(
        (code, err.trim()),
        (
            2,
            "kc: no password: set KEYCLOAK_PASSWORD or pass --password-file"
        )
    );

    let out = kc(server).args(["users", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
}
