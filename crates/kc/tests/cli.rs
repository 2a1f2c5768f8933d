//! `kc` against the real Keycloak from the harness: every command runs the binary
//! and then checks the server's state through the library.

use assert_cmd::Command;
use keycloak_admin::{Credentials, ExposeSecret, KeycloakAdmin};
use keycloak_testkit::Server;

// kcadm.sh's generic verbs, on this binary's server.
#[path = "verbs/kcadm.rs"]
mod kcadm_verbs;

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

/// Server-supplied names with terminal controls (colour, clear screen, C1 CSI)
/// are shown escaped in tables and the tree; JSON carries the exact value.
#[tokio::test]
async fn terminal_controls_in_server_text_are_escaped() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let evil = "evil\u{1b}[31m\u{1b}[2J\u{9b}H\rX";
    admin(server)
        .await
        .realm(r)
        .groups()
        .create(keycloak_admin::types::GroupRepresentation {
            name: Some(evil.into()),
            ..Default::default()
        })
        .await
        .unwrap();
    for args in [["groups", "list"], ["groups", "tree"]] {
        let out = stdout(kc(server).args(args).args(["--realm", r]));
        assert!(out.contains("evil\\u{1b}[31m"), "{out}");
        assert!(
            !out.chars().any(|c| c.is_control() && c != '\n'),
            "{args:?} printed a control character: {out:?}"
        );
    }
    let out = stdout(kc(server).args(["groups", "list", "--realm", r, "-o", "json"]));
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    let groups: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(groups[0]["name"], evil, "JSON keeps the exact name");
}

#[tokio::test]
async fn groups_and_realms() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let created: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["groups", "create", "/org/eng", "--realm", r, "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(created["path"], "/org/eng", "{created}");
    stdout(kc(server).args(["users", "create", "dev1", "--realm", r]));
    stdout(kc(server).args(["groups", "add-member", "/org/eng", "dev1", "--realm", r]));
    let kc_admin = admin(server).await;
    let groups = kc_admin.realm(r).groups();
    let eng = groups.by_path("/org/eng").await.unwrap().id.unwrap();
    assert_eq!(created["id"], eng.as_str());
    let plain = stdout(kc(server).args(["groups", "create", "/org/ops", "--realm", r]));
    let ops = groups.by_path("/org/ops").await.unwrap().id.unwrap();
    assert_eq!(plain.trim(), ops, "prints the id");
    use futures_util::TryStreamExt;
    let members: Vec<_> = groups.members(&eng).stream().try_collect().await.unwrap();
    assert_eq!(members[0].username.as_deref(), Some("dev1"));
    assert!(stdout(kc(server).args(["groups", "list", "--realm", r])).contains("/org"));

    let name = format!("cli-{}", std::process::id());
    let created: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["realms", "create", &name, "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(created["realm"], name.as_str(), "{created}");
    assert_eq!(created["enabled"], true);
    assert!(created["id"].is_string(), "{created}");
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
            .env_remove("KEYCLOAK_PASSWORD")
            .env_remove("KEYCLOAK_ADMIN_PASSWORD"),
    );
    assert_eq!(
        (code, err.trim()),
        (
            2,
            "kc: no password: set KEYCLOAK_PASSWORD or pass --password-file"
        )
    );

    // Ids from untrusted input: a dot segment is refused before anything is sent.
    for id in ["..", "."] {
        let (code, err) = failure(kc(server).args(["users", "delete", id]));
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("refused"), "{err}");
    }
    let realms = stdout(kc(server).args(["realms", "list", "-o", "jsonl"]));
    assert!(
        realms.contains("\"realm\":\"master\""),
        "the realm is intact: {realms}"
    );

    let out = kc(server).args(["users", "frobnicate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "clap's usage error");
}

/// 2 000 rows, 20 of them bad: 1 980 created, the 20 reported with their line
/// numbers and reasons, a non-zero exit; a second run creates nothing.
#[tokio::test]
async fn users_import_reports_bad_rows_and_is_idempotent() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let dir = std::env::temp_dir().join(format!("kc-import-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("staff.csv");
    let mut csv = String::from("username,email,firstName,lastName,enabled\n");
    let mut bad_lines = Vec::new();
    for i in 0..2000 {
        let line = i + 2; // the header is line 1
        let row = match i % 200 {
            7 => {
                bad_lines.push(line);
                format!(",nobody{i}@example.com,No,Body,true") // no username
            }
            42 => {
                bad_lines.push(line);
                format!("user{i:04},not-an-email,Bad,Email,true") // the server refuses the email
            }
            _ => format!("user{i:04},user{i:04}@example.com,User,{i},true"),
        };
        csv.push_str(&row);
        csv.push('\n');
    }
    std::fs::write(&file, csv).unwrap();

    let out = kc(server)
        .args(["users", "import"])
        .arg(&file)
        .args(["--realm", r])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stdout.trim(), "created 1980, existing 0, failed 20");
    let reported: Vec<u64> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("line ")?.split(':').next()?.parse().ok())
        .collect();
    let mut reported_sorted = reported.clone();
    reported_sorted.sort();
    assert_eq!(reported_sorted, bad_lines, "{stderr}");
    assert!(
        stderr.contains(&format!("line {}: no username", bad_lines[0])),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&format!("line {}: ", bad_lines[1])) && l.contains("email")),
        "{stderr}"
    );
    assert_eq!(
        admin(server).await.realm(r).users().count().await.unwrap(),
        1980
    );

    let again = kc(server)
        .args(["users", "import"])
        .arg(&file)
        .args(["--realm", r])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(again.stdout).unwrap().trim(),
        "created 0, existing 1980, failed 20"
    );
    assert_eq!(
        admin(server).await.realm(r).users().count().await.unwrap(),
        1980
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `users list -o jsonl` output imports into another realm as is.
#[tokio::test]
async fn listed_users_round_trip_through_import() {
    let server = server().await;
    let from = server.new_realm().await.unwrap();
    let to = server.new_realm().await.unwrap();
    for name in ["rt-one", "rt-two", "rt-three"] {
        stdout(kc(server).args([
            "users",
            "create",
            name,
            "--email",
            &format!("{name}@example.com"),
            "--realm",
            from.name(),
        ]));
    }
    let listed = stdout(kc(server).args(["users", "list", "--realm", from.name(), "-o", "jsonl"]));
    // Ids belong to the source realm; a new realm assigns its own.
    let without_ids: String = listed
        .lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("id");
            v.to_string() + "\n"
        })
        .collect();
    let file = std::env::temp_dir().join(format!("kc-roundtrip-{}.jsonl", std::process::id()));
    std::fs::write(&file, without_ids).unwrap();
    let out = stdout(kc(server).args(["users", "import"]).arg(&file).args([
        "--realm",
        to.name(),
        "-o",
        "json",
    ]));
    let summary: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        (
            summary["created"].as_u64(),
            summary["failed"].as_array().map(|f| f.len())
        ),
        (Some(3), Some(0))
    );
    let mut names: Vec<String> = admin(server)
        .await
        .realm(to.name())
        .users()
        .list()
        .all()
        .await
        .unwrap()
        .into_iter()
        .filter_map(|u| u.username)
        .collect();
    names.sort();
    assert_eq!(names, ["rt-one", "rt-three", "rt-two"]);
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test]
async fn malformed_import_files_are_usage_errors() {
    let server = server().await;
    let file = std::env::temp_dir().join(format!("kc-bad-{}.csv", std::process::id()));
    std::fs::write(&file, "name,mail\nx,y\n").unwrap();
    let (code, err) = failure(kc(server).args(["users", "import"]).arg(&file));
    assert_eq!(
        (code, err.trim()),
        (2, "kc: malformed CSV: the header needs a `username` column")
    );
    std::fs::remove_file(&file).unwrap();
}

#[test]
fn completions_are_generated() {
    let out = Command::cargo_bin("kc")
        .unwrap()
        .args(["completions", "bash"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let script = String::from_utf8(out.stdout).unwrap();
    assert!(script.contains("_clap_complete_kc()"), "{script}");
    // What the script asks: kc completes endpoints and field names from the spec.
    let complete = |line: &[&str]| {
        let out = Command::cargo_bin("kc")
            .unwrap()
            .env("COMPLETE", "bash")
            .env("_CLAP_COMPLETE_INDEX", (line.len() - 1).to_string())
            .env("_CLAP_IFS", "\n")
            .arg("--")
            .args(line)
            .output()
            .unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    let routes = complete(&["kc", "get", "users/42/role-mappings/re"]);
    assert!(routes.contains("users/42/role-mappings/realm"), "{routes}");
    let fields = complete(&["kc", "create", "clients", "-r", "demo", "-s", "redirect"]);
    assert_eq!(fields.trim(), "redirectUris=");
    let fields = complete(&["kc", "update", "users/42", "-d", "first"]);
    assert_eq!(fields.trim(), "firstName");
}

#[tokio::test]
async fn verbose_traces_each_request_without_secrets() {
    let server = server().await;
    let out = kc(server).args(["-v", "users", "count"]).output().unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("keycloak.request")
            && stderr.contains("path=\"/admin/realms/{realm}/users/count\"")
            && stderr.contains("status=200"),
        "{stderr}"
    );
    assert!(!stderr.contains(server.admin_password()), "{stderr}");
}

#[tokio::test]
async fn user_details_client_basics_and_roles() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let a = admin(server).await;
    stdout(kc(server).args([
        "users",
        "create",
        "mia",
        "--email",
        "mia@example.com",
        "--first-name",
        "Mia",
        "--last-name",
        "M",
        "--realm",
        r,
    ]));
    stdout(kc(server).args([
        "users",
        "update",
        "mia",
        "--last-name",
        "Miller",
        "--enabled",
        "false",
        "--realm",
        r,
    ]));
    let mia = a
        .realm(r)
        .users()
        .find_by_username("mia")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (mia.last_name.as_deref(), mia.enabled),
        (Some("Miller"), Some(false))
    );
    stdout(kc(server).args(["users", "update", "mia", "--enabled", "true", "--realm", r]));
    stdout(
        kc(server)
            .args(["users", "set-password", "mia", "--realm", r])
            .env("NEW_PASSWORD", "Mia-Passw0rd"),
    );
    let _session = KeycloakAdmin::builder(server.base_url())
        .realm(r)
        .credentials(Credentials::password("mia", "Mia-Passw0rd"))
        .connect()
        .await
        .unwrap();
    assert_eq!(
        stdout(kc(server).args(["users", "sessions", "mia", "--realm", r, "-o", "jsonl"]))
            .lines()
            .count(),
        1
    );
    stdout(kc(server).args(["users", "logout", "mia", "--realm", r]));
    assert!(
        a.realm(r)
            .users()
            .sessions(mia.id.as_deref().unwrap())
            .all()
            .await
            .unwrap()
            .is_empty()
    );

    stdout(kc(server).args(["groups", "create", "/team/red", "--realm", r]));
    stdout(kc(server).args(["groups", "add-member", "/team/red", "mia", "--realm", r]));
    assert!(
        stdout(kc(server).args(["users", "groups", "mia", "--realm", r])).contains("/team/red")
    );
    assert_eq!(
        stdout(kc(server).args(["groups", "tree", "--realm", r])),
        "team\n  red\n"
    );
    stdout(kc(server).args(["groups", "remove-member", "/team/red", "mia", "--realm", r]));
    assert!(
        a.realm(r)
            .users()
            .groups(mia.id.as_deref().unwrap())
            .all()
            .await
            .unwrap()
            .is_empty()
    );
    stdout(kc(server).args(["groups", "delete", "/team", "--realm", r]));
    assert!(
        a.realm(r)
            .groups()
            .by_path("/team")
            .await
            .unwrap_err()
            .is_not_found()
    );

    let uuid = stdout(kc(server).args([
        "clients",
        "create",
        "portal",
        "--redirect-uri",
        "https://portal.example.com/*",
        "--realm",
        r,
    ]));
    let shown: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["clients", "get", "portal", "--realm", r, "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(shown["id"], uuid.trim());
    assert_eq!(
        shown["redirectUris"],
        serde_json::json!(["https://portal.example.com/*"])
    );
    let secret = stdout(kc(server).args(["clients", "secret", "portal", "--realm", r]));
    let rotated =
        stdout(kc(server).args(["clients", "secret", "portal", "--regenerate", "--realm", r]));
    assert_ne!(secret, rotated);
    assert_eq!(
        a.realm(r)
            .clients()
            .secret(uuid.trim())
            .await
            .unwrap()
            .expose_secret(),
        rotated.trim()
    );

    stdout(kc(server).args(["roles", "create", "auditor", "--realm", r]));
    stdout(kc(server).args([
        "roles", "create", "editor", "--client", "portal", "--realm", r,
    ]));
    assert!(stdout(kc(server).args(["roles", "list", "--realm", r])).contains("auditor"));
    assert!(
        stdout(kc(server).args(["roles", "list", "--client", "portal", "--realm", r]))
            .contains("editor")
    );
    stdout(kc(server).args(["roles", "assign", "mia", "auditor", "--realm", r]));
    stdout(kc(server).args([
        "roles", "assign", "mia", "editor", "--client", "portal", "--realm", r,
    ]));
    let mia_id = mia.id.clone().unwrap();
    assert!(
        a.realm(r)
            .roles()
            .of_user(&mia_id)
            .all()
            .await
            .unwrap()
            .iter()
            .any(|x| x.name.as_deref() == Some("auditor"))
    );
    assert!(
        a.realm(r)
            .clients()
            .roles(uuid.trim())
            .effective_for_user(&mia_id)
            .all()
            .await
            .unwrap()
            .iter()
            .any(|x| x.name.as_deref() == Some("editor"))
    );
    stdout(kc(server).args(["roles", "unassign", "mia", "auditor", "--realm", r]));
    assert!(
        a.realm(r)
            .roles()
            .of_user(&mia_id)
            .all()
            .await
            .unwrap()
            .iter()
            .all(|x| x.name.as_deref() != Some("auditor"))
    );
}

#[tokio::test]
async fn realms_export_and_import() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    stdout(kc(server).args(["clients", "create", "carried-over", "--realm", realm.name()]));
    let export = stdout(kc(server).args(["realms", "export", realm.name()]));
    let mut doc: serde_json::Value = serde_json::from_str(&export).unwrap();
    let copy = format!("{}-copy", realm.name());
    doc["realm"] = serde_json::json!(copy);
    let file = std::env::temp_dir().join(format!("kc-realm-{}.json", std::process::id()));
    std::fs::write(&file, doc.to_string()).unwrap();
    let (code, err) = failure(kc(server).args(["realms", "import"]).arg(&file));
    assert_eq!(code, 1, "ids are unique server-wide: {err}");
    assert!(err.contains("409 Conflict"), "{err}");
    stdout(
        kc(server)
            .args(["realms", "import", "--strip-ids"])
            .arg(&file),
    );
    let a = admin(server).await;
    assert!(
        a.realm(&copy)
            .clients()
            .find_by_client_id("carried-over")
            .await
            .unwrap()
            .is_some()
    );
    a.realm(&copy).delete().await.unwrap();
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test]
async fn login_saves_a_profile_without_secrets_that_later_commands_use() {
    let server = server().await;
    let config = std::env::temp_dir().join(format!("kc-config-{}/config.toml", std::process::id()));
    // Loose modes from before are tightened: the file 0600, its directory 0700.
    use std::os::unix::fs::PermissionsExt;
    let dir = config.parent().unwrap();
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(&config, "").unwrap();
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&config, std::fs::Permissions::from_mode(0o644)).unwrap();
    // Credentials in the URL are refused, never repeated, never saved.
    let (code, err) = failure(
        kc(server)
            .args(["login", "--profile", "leaky", "--username", "admin"])
            .arg("--url")
            .arg(
                server
                    .base_url()
                    .replace("http://", "http://admin:url-Secret@"),
            )
            .env("KC_CONFIG", &config)
            .env_remove("KEYCLOAK_URL"),
    );
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("credentials") && !err.contains("url-Secret"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&config).unwrap(), "");
    let out = stdout(
        kc(server)
            .args([
                "login",
                "--profile",
                "local",
                "--url",
                server.base_url(),
                "--username",
                server.admin_username(),
            ])
            .env("KC_CONFIG", &config)
            .env_remove("KEYCLOAK_URL"),
    );
    assert!(out.starts_with("logged in; saved profile `local`"), "{out}");
    let saved = std::fs::read_to_string(&config).unwrap();
    assert!(
        saved.contains(server.base_url()) && !saved.contains(server.admin_password()),
        "{saved}"
    );
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!((mode(&config), mode(dir)), (0o600, 0o700));

    let mut cmd = Command::cargo_bin("kc").unwrap();
    cmd.env("KC_CONFIG", &config)
        .env("KEYCLOAK_PASSWORD", server.admin_password())
        .env_remove("KEYCLOAK_URL")
        .env_remove("KEYCLOAK_USERNAME");
    let realms = stdout(cmd.args(["--profile", "local", "realms", "list", "-o", "jsonl"]));
    assert!(
        realms.lines().any(|l| l.contains("\"realm\":\"master\"")),
        "{realms}"
    );

    let (code, err) = failure(
        kc(server)
            .args(["--profile", "nope", "realms", "list"])
            .env("KC_CONFIG", &config),
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.starts_with("kc: no profile `nope` in"), "{err}");
    std::fs::remove_dir_all(config.parent().unwrap()).unwrap();
}

#[tokio::test]
async fn demo_runs_the_main_job_and_cleans_up() {
    let server = server().await;
    let mut cmd = Command::cargo_bin("kc").unwrap();
    cmd.env("KEYCLOAK_URL", server.base_url())
        .env("KEYCLOAK_ADMIN_USER", server.admin_username())
        .env("KEYCLOAK_ADMIN_PASSWORD", server.admin_password());
    let out = stdout(cmd.arg("demo"));
    assert!(
        out.contains("required actions: [\"UPDATE_PASSWORD\"]"),
        "{out}"
    );
    assert!(out.contains("client-credentials login: ok"), "{out}");
    assert!(out.contains(": alice\n"), "{out}");
    let realm = out
        .lines()
        .find_map(|l| l.strip_prefix("2. Created realm "))
        .unwrap()
        .to_string();
    assert!(
        admin(server)
            .await
            .realm(&realm)
            .get()
            .await
            .unwrap_err()
            .is_not_found(),
        "the demo realm is gone"
    );
}

#[tokio::test]
async fn server_prints_the_version_and_features() {
    let server = server().await;
    let caps = admin(server).await.server().await.unwrap();
    let shown: serde_json::Value =
        serde_json::from_str(&stdout(kc(server).args(["server", "-o", "json"]))).unwrap();
    assert_eq!(shown["version"], caps.version_text());
    let features = shown["features"].as_array().unwrap();
    assert!(
        features
            .iter()
            .any(|f| f["name"] == "ORGANIZATION" && f["enabled"] == true),
        "{features:?}"
    );
    let table = stdout(kc(server).arg("server"));
    assert!(
        table.starts_with(&format!("Keycloak {}\nFEATURE", caps.version_text())),
        "{table}"
    );
}

/// Where the server has workflows the list prints; where it does not, `kc`
/// says so in one line naming the feature and the release, and exits 1.
#[tokio::test]
async fn workflows_list_or_one_line_saying_the_server_lacks_them() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let caps = admin(server).await.server().await.unwrap();
    let out = kc(server)
        .args(["workflows", "list", "--realm", realm.name(), "-o", "json"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    if caps.is_enabled(keycloak_admin::Feature::Workflows) {
        assert!(out.status.success(), "{stderr}");
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "[]");
    } else {
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        assert!(out.stdout.is_empty(), "nothing on stdout, not even `[`");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        let expected = format!(
            "kc: GET /admin/realms/{{realm}}/workflows: not supported by Keycloak {}: ",
            caps.version_text()
        );
        assert!(stderr.starts_with(&expected), "{stderr}");
        assert!(stderr.contains("WORKFLOWS"), "{stderr}");
    }
}

/// The test kit's (and Keycloak's container image's) variable names log in too.
#[tokio::test]
async fn the_admin_variables_of_the_test_kit_log_in() {
    let server = server().await;
    let mut cmd = Command::cargo_bin("kc").unwrap();
    cmd.env("KEYCLOAK_URL", server.base_url())
        .env_remove("KEYCLOAK_USERNAME")
        .env_remove("KEYCLOAK_PASSWORD")
        .env_remove("KEYCLOAK_CLIENT_SECRET")
        .env_remove("KEYCLOAK_REALM")
        .env("KEYCLOAK_ADMIN_USER", server.admin_username())
        .env("KEYCLOAK_ADMIN_PASSWORD", server.admin_password());
    let realms = stdout(cmd.args(["realms", "list", "-o", "jsonl"]));
    assert!(realms.contains(r#""realm":"master""#), "{realms}");
}

/// `--attr` sends attributes; the ones the user profile drops are named on one
/// line (exit 1, the user exists); `realms user-profile unmanaged-attributes on`
/// makes them stick; `-o json` prints the created user.
#[tokio::test]
async fn attributes_dropped_by_the_user_profile_are_reported_until_it_keeps_them() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let out = kc(server)
        .args([
            "users", "create", "jane", "--attr", "dept=ops", "--realm", r,
        ])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("was saved without attribute(s) dept"),
        "{stderr}"
    );
    let users = admin(server).await.realm(r).users();
    assert_eq!(users.count().await.unwrap(), 1, "the user was created");

    let profile: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "realms",
        "user-profile",
        "get",
        r,
    ])))
    .unwrap();
    assert!(
        profile["attributes"].as_array().unwrap().len() >= 4,
        "{profile}"
    );
    stdout(kc(server).args(["realms", "user-profile", "unmanaged-attributes", r, "on"]));

    let created: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "users", "create", "bob", "--attr", "dept=ops", "--attr", "dept=sre", "--realm", r, "-o",
        "json",
    ])))
    .unwrap();
    assert_eq!(created["username"], "bob");
    assert_eq!(
        created["attributes"]["dept"],
        serde_json::json!(["ops", "sre"])
    );
    let id = created["id"].as_str().unwrap();
    let bob = users.get(id).await.unwrap();
    assert_eq!(
        bob.attributes.unwrap()["dept"],
        vec!["ops".to_string(), "sre".to_string()]
    );

    let bad = kc(server)
        .args([
            "users", "create", "carol", "--attr", "novalue", "--realm", r,
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}

#[tokio::test]
async fn orgs_enable_create_add_member_list_delete() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    stdout(kc(server).args(["users", "create", "jane", "--realm", r]));
    stdout(kc(server).args(["orgs", "enable", "--realm", r]));
    let id = stdout(kc(server).args([
        "orgs",
        "create",
        "acme",
        "--domain",
        "acme.example",
        "--realm",
        r,
    ]));
    let id = id.trim();
    stdout(kc(server).args(["orgs", "add-member", "acme", "jane", "--realm", r]));
    let members = stdout(kc(server).args(["orgs", "members", "acme", "--realm", r, "-o", "jsonl"]));
    assert_eq!(members.lines().count(), 1, "{members}");
    assert!(members.contains(r#""username":"jane""#), "{members}");
    let listed = stdout(kc(server).args(["orgs", "list", "--realm", r, "-o", "jsonl"]));
    assert!(listed.contains(&format!(r#""id":"{id}""#)), "{listed}");
    let orgs = admin(server).await.realm(r).organizations();
    assert_eq!(orgs.member_count(id).await.unwrap(), 1);

    stdout(kc(server).args(["orgs", "delete", "acme", "--realm", r]));
    assert_eq!(orgs.count().await.unwrap(), 0);
    let out = kc(server)
        .args(["orgs", "delete", "acme", "--realm", r])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim(),
        "kc: no organization `acme` (by name, alias or id)"
    );
}

#[tokio::test]
async fn a_users_roles_and_a_groups_members() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    stdout(kc(server).args(["users", "create", "jane", "--realm", r]));
    stdout(kc(server).args(["roles", "create", "auditor", "--realm", r]));
    stdout(kc(server).args(["roles", "assign", "jane", "auditor", "--realm", r]));
    let direct = stdout(kc(server).args(["users", "roles", "jane", "--realm", r, "-o", "jsonl"]));
    let names: Vec<String> = direct
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|v| v["name"].as_str().unwrap().to_string())
        .collect();
    assert!(names.iter().any(|n| n == "auditor"), "{names:?}");
    let effective = stdout(kc(server).args([
        "users",
        "roles",
        "jane",
        "--effective",
        "--realm",
        r,
        "-o",
        "jsonl",
    ]));
    assert!(
        effective.lines().count() > direct.lines().count(),
        "composites: {effective}"
    );
    assert!(
        effective.contains(r#""name":"offline_access""#),
        "{effective}"
    );

    stdout(kc(server).args(["groups", "create", "/org/eng", "--realm", r]));
    stdout(kc(server).args(["groups", "add-member", "/org/eng", "jane", "--realm", r]));
    let members = stdout(kc(server).args(["groups", "members", "/org/eng", "--realm", r]));
    let lines: Vec<&str> = members.lines().collect();
    assert_eq!(lines.len(), 2, "header and jane: {members}");
    assert!(lines[0].starts_with("ID"), "{members}");
    assert!(lines[1].contains("jane"), "{members}");
}

/// `clients create -o json` prints the created client, without its secret.
#[tokio::test]
async fn clients_create_prints_the_client_without_its_secret() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let created: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["clients", "create", "reports", "--realm", r, "-o", "json"]),
    ))
    .unwrap();
    assert_eq!(created["clientId"], "reports");
    assert!(created.get("secret").is_none(), "{created}");
    let clients = admin(server).await.realm(r).clients();
    let uuid = created["id"].as_str().unwrap();
    assert_eq!(clients.id_by_client_id("reports").await.unwrap(), uuid);
    let secret = clients.secret(uuid).await.unwrap();
    assert!(
        !created
            .to_string()
            .contains(keycloak_admin::ExposeSecret::expose_secret(&secret))
    );
}

/// `users import` says, per row, which attributes the user profile dropped:
/// the user counts as created, the row is reported, the exit code is 1.
#[tokio::test]
async fn import_reports_rows_whose_attributes_were_dropped() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let r = realm.name();
    let file = std::env::temp_dir().join(format!("kc-attrs-{}.jsonl", std::process::id()));
    std::fs::write(
        &file,
        concat!(
            r#"{"username":"plain","email":"plain@example.com"}"#,
            "\n",
            r#"{"username":"tagged","attributes":{"dept":["ops"]}}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = kc(server)
        .args(["users", "import"])
        .arg(&file)
        .args(["--realm", r, "-o", "json"])
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&file);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 2: ") && stderr.contains("was saved without attribute(s) dept"),
        "{stderr}"
    );
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(summary["created"], 2, "{summary}");
    assert_eq!(summary["dropped_attributes"][0]["line"], 2, "{summary}");
    assert_eq!(summary["failed"], serde_json::json!([]));
    assert_eq!(
        admin(server).await.realm(r).users().count().await.unwrap(),
        2
    );
}
