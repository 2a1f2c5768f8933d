//! kcadm.sh's generic verbs, run as the server administration guide's "Admin
//! CLI" chapter runs them; the server's state checked through the library.

use super::{admin, kc, server, stdout};
use keycloak_admin::ExposeSecret;
use std::io::Write;

fn run(cmd: &mut assert_cmd::Command) -> (String, String) {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "kc failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[tokio::test]
async fn the_admin_cli_chapters_examples_port_unchanged() {
    let server = server().await;
    let lib = admin(server).await;

    // Realms: create, update.
    let name = format!("kcadm-{}", std::process::id());
    let (_, said) = run(kc(server).args([
        "create",
        "realms",
        "-s",
        &format!("realm={name}"),
        "-s",
        "enabled=true",
    ]));
    assert_eq!(said.trim(), format!("Created new realm with id '{name}'"));
    run(kc(server).args([
        "update",
        &format!("realms/{name}"),
        "-s",
        "displayName=Demo Realm",
    ]));
    let realm = lib.realm(&name).get().await.unwrap();
    assert_eq!(realm.display_name.as_deref(), Some("Demo Realm"));
    assert_eq!(realm.enabled, Some(true), "an update merges: enabled kept");
    let r = name.as_str();

    // Users: create (-i), list with offset/limit, filter with -q, get, update, delete.
    let mut ids = Vec::new();
    for user in ["testuser", "otheruser"] {
        let id = stdout(kc(server).args([
            "create",
            "users",
            "-r",
            r,
            "-s",
            &format!("username={user}"),
            "-s",
            "enabled=true",
            "-i",
        ]));
        ids.push(id.trim().to_string());
    }
    let page: serde_json::Value = serde_json::from_str(&stdout(
        kc(server).args(["get", "users", "-r", r, "--offset", "1", "--limit", "1"]),
    ))
    .unwrap();
    assert_eq!(page.as_array().unwrap().len(), 1, "{page}");
    let found: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "get",
        "users",
        "-r",
        r,
        "-q",
        "username=testuser",
        "--fields",
        "id,username",
    ])))
    .unwrap();
    assert_eq!(
        found,
        serde_json::json!([{ "id": ids[0], "username": "testuser" }])
    );
    let one: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "get",
        &format!("users/{}", ids[0]),
        "-r",
        r,
    ])))
    .unwrap();
    assert_eq!(one["username"], "testuser");
    run(kc(server).args([
        "update",
        &format!("users/{}", ids[0]),
        "-r",
        r,
        "-s",
        r#"requiredActions=["VERIFY_EMAIL","UPDATE_PASSWORD"]"#,
    ]));
    let users = lib.realm(r).users();
    let updated = users.get(&ids[0]).await.unwrap();
    assert_eq!(
        updated.required_actions.unwrap_or_default(),
        ["VERIFY_EMAIL", "UPDATE_PASSWORD"]
    );
    assert_eq!(updated.enabled, Some(true), "merged, not replaced");
    run(kc(server).args(["delete", &format!("users/{}", ids[1]), "-r", r]));
    assert!(users.get(&ids[1]).await.unwrap_err().is_not_found());

    // Realm and client roles.
    run(kc(server).args([
        "create",
        "roles",
        "-r",
        r,
        "-s",
        "name=user",
        "-s",
        "description=Regular user with a limited set of permissions",
    ]));
    assert_eq!(
        lib.realm(r)
            .roles()
            .get("user")
            .await
            .unwrap()
            .description
            .as_deref(),
        Some("Regular user with a limited set of permissions")
    );

    // Clients: with -s (and -i), from standard input, the secret, fields, CSV.
    let cid = stdout(kc(server).args([
        "create",
        "clients",
        "-r",
        r,
        "-s",
        "clientId=myapp",
        "-s",
        "enabled=true",
        "-s",
        r#"redirectUris=["http://localhost:8980/myapp/*"]"#,
        "-i",
    ]));
    let cid = cid.trim().to_string();
    let mut stdin = kc(server);
    stdin
        .args(["create", "clients", "-r", r, "-f", "-"])
        .write_stdin(r#"{ "clientId": "myapp2", "publicClient": true }"#);
    run(&mut stdin);
    let clients = lib.realm(r).clients();
    let myapp = clients.get(&cid).await.unwrap();
    assert_eq!(
        myapp.redirect_uris.unwrap_or_default(),
        ["http://localhost:8980/myapp/*"]
    );
    let myapp2 = clients.id_by_client_id("myapp2").await.unwrap();
    let myapp2 = clients.get(&myapp2).await.unwrap();
    assert_eq!(myapp2.public_client, Some(true));
    run(kc(server).args([
        "create",
        &format!("clients/{cid}/roles"),
        "-r",
        r,
        "-s",
        "name=editor",
    ]));
    assert!(clients.roles(&cid).get("editor").await.is_ok());
    let secret: serde_json::Value = serde_json::from_str(&stdout(kc(server).args([
        "get",
        &format!("clients/{cid}/client-secret"),
        "-r",
        r,
    ])))
    .unwrap();
    assert_eq!(
        secret["value"].as_str(),
        Some(clients.secret(&cid).await.unwrap().expose_secret())
    );
    let csv = stdout(kc(server).args([
        "get",
        "clients",
        "-r",
        r,
        "-q",
        "clientId=myapp",
        "--fields",
        "clientId,id",
        "--format",
        "csv",
        "--noquotes",
    ]));
    assert_eq!(csv.trim(), format!("myapp,{cid}"));

    // Groups: create, a subgroup, membership (the guide's form, body and all).
    let gid = stdout(kc(server).args(["create", "groups", "-r", r, "-s", "name=Group", "-i"]));
    let gid = gid.trim().to_string();
    run(kc(server).args([
        "create",
        &format!("groups/{gid}/children"),
        "-r",
        r,
        "-s",
        "name=SubGroup",
    ]));
    let uid = &ids[0];
    run(kc(server).args([
        "update",
        &format!("users/{uid}/groups/{gid}"),
        "-r",
        r,
        "-s",
        &format!("realm={r}"),
        "-s",
        &format!("userId={uid}"),
        "-s",
        &format!("groupId={gid}"),
        "-n",
    ]));
    let groups = lib.realm(r).groups();
    let group = groups.get(&gid).await.unwrap();
    assert_eq!(group.sub_group_count, Some(1));
    let members: Vec<_> = groups.members(&gid).all().await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].id.as_deref(), Some(uid.as_str()));

    lib.realm(r).delete().await.unwrap();
}

/// A bad endpoint, field or JSON type: one line, exit 2, and nothing sent —
/// not even a login (the "server" is a listener that counts connections).
#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let cases: [(&[&str], &str); 5] = [
        (
            &["get", "userz", "-r", "demo"],
            "no route /admin/realms/demo/userz; closest: /admin/realms/demo/users",
        ),
        (
            &["create", "users", "-r", "demo", "-s", "usrname=jane"],
            "unknown field `usrname` of UserRepresentation (closest: username",
        ),
        (
            &["create", "users", "-r", "demo", "-s", "enabled=yes"],
            "`enabled` takes true or false, not `yes`",
        ),
        (
            &[
                "create",
                "clients",
                "-r",
                "demo",
                "-s",
                "redirectUris=http://x",
            ],
            "`redirectUris` is a list",
        ),
        (
            &["get", "users", "-r", "demo", "-q", "colour=red"],
            "GET /admin/realms/{realm}/users does not take colour",
        ),
    ];
    for (args, expected) in cases {
        let out = assert_cmd::Command::cargo_bin("kc")
            .unwrap()
            .env("KEYCLOAK_URL", &url)
            .env("KEYCLOAK_USERNAME", "admin")
            .env("KEYCLOAK_PASSWORD", "not-used")
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.contains(expected), "{args:?}: {err}");
    }
    // A JSON body of the wrong type, from a file.
    let mut file = tempfile_in_target("bad-client.json");
    file.1
        .write_all(br#"{ "clientId": "app", "enabled": "yes" }"#)
        .unwrap();
    let out = assert_cmd::Command::cargo_bin("kc")
        .unwrap()
        .env("KEYCLOAK_URL", &url)
        .env("KEYCLOAK_USERNAME", "admin")
        .env("KEYCLOAK_PASSWORD", "not-used")
        .args([
            "create",
            "clients",
            "-r",
            "demo",
            "-f",
            file.0.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("at `enabled`: invalid type: string"), "{err}");
    assert!(
        matches!(listener.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "nothing reached the server"
    );
}

fn tempfile_in_target(name: &str) -> (std::path::PathBuf, std::fs::File) {
    let dir = std::env::temp_dir().join(format!("kc-verbs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let file = std::fs::File::create(&path).unwrap();
    (path, file)
}

/// `kc api` lists what the verbs reach and describes one operation (no server needed).
#[test]
fn api_lists_and_describes_operations() {
    let out = assert_cmd::Command::cargo_bin("kc")
        .unwrap()
        .args(["api", "groups/count"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success());
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains("GET    /admin/realms/{realm}/groups/count  get_groups_count"),
        "{text}"
    );
    let out = assert_cmd::Command::cargo_bin("kc")
        .unwrap()
        .args(["api", "PUT /admin/realms/{realm}/users/{user-id}"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "  id: put_users_by_user_id",
        "  path parameter: user-id",
        "  body: UserRepresentation",
    ] {
        assert!(text.contains(line), "{line:?} in {text}");
    }
    assert!(
        text.contains("UserRepresentation fields: access, applicationRoles"),
        "{text}"
    );
}
