//! kcadm.sh's generic verbs, run as the server administration guide's "Admin
//! CLI" chapter runs them; the server's state checked through the library.

use super::{admin, server, stdout};
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

    // Log in once, as the chapter starts; every later command uses the kept
    // session (no URL, user or password in their environment).
    let creds = credentials_file("chapter");
    let (_, said) = run(cli(&creds)
        .args(["config", "credentials", "--server", server.base_url()])
        .args(["--realm", "master", "--user", server.admin_username()])
        .env("KC_CLI_PASSWORD", server.admin_password()));
    assert_eq!(
        said.trim(),
        format!(
            "Logging into {} as user {} of realm master",
            server.base_url(),
            server.admin_username()
        )
    );
    assert_private_and_passwordless(&creds, server.admin_password());

    // Realms: create, update.
    let name = format!("kcadm-{}", std::process::id());
    let (_, said) = run(cli(&creds).args([
        "create",
        "realms",
        "-s",
        &format!("realm={name}"),
        "-s",
        "enabled=true",
    ]));
    assert_eq!(said.trim(), format!("Created new realm with id '{name}'"));
    run(cli(&creds).args([
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
        let id = stdout(cli(&creds).args([
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
        cli(&creds).args(["get", "users", "-r", r, "--offset", "1", "--limit", "1"]),
    ))
    .unwrap();
    assert_eq!(page.as_array().unwrap().len(), 1, "{page}");
    let found: serde_json::Value = serde_json::from_str(&stdout(cli(&creds).args([
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
    let one: serde_json::Value = serde_json::from_str(&stdout(cli(&creds).args([
        "get",
        &format!("users/{}", ids[0]),
        "-r",
        r,
    ])))
    .unwrap();
    assert_eq!(one["username"], "testuser");
    run(cli(&creds).args([
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
    run(cli(&creds).args(["delete", &format!("users/{}", ids[1]), "-r", r]));
    assert!(users.get(&ids[1]).await.unwrap_err().is_not_found());

    // Realm and client roles.
    run(cli(&creds).args([
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
    let roles = lib.realm(r).roles();
    let names = |roles: Vec<keycloak_admin::types::RoleRepresentation>| {
        let mut n: Vec<String> = roles.into_iter().filter_map(|r| r.name).collect();
        n.sort();
        n
    };
    run(cli(&creds).args([
        "add-roles",
        "--uusername",
        "testuser",
        "--rolename",
        "user",
        "-r",
        r,
    ]));
    run(cli(&creds).args([
        "add-roles",
        "-r",
        r,
        "--uusername",
        "testuser",
        "--cclientid",
        "realm-management",
        "--rolename",
        "create-client",
        "--rolename",
        "view-users",
    ]));
    let uid = ids[0].clone();
    let user_roles = lib.realm(r).users().roles(&uid);
    assert!(names(roles.of_user(&uid).all().await.unwrap()).contains(&"user".to_string()));
    let rm = lib
        .realm(r)
        .clients()
        .id_by_client_id("realm-management")
        .await
        .unwrap();
    assert_eq!(
        names(user_roles.client(&rm).all().await.unwrap()),
        ["create-client", "view-users"]
    );
    let listed: serde_json::Value = serde_json::from_str(&stdout(cli(&creds).args([
        "get-roles",
        "-r",
        r,
        "--uusername",
        "testuser",
        "--cclientid",
        "realm-management",
        "--fields",
        "name",
    ])))
    .unwrap();
    let mut listed: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    listed.sort();
    assert_eq!(listed, ["create-client", "view-users"]);
    let effective = stdout(cli(&creds).args([
        "get-roles",
        "-r",
        r,
        "--uusername",
        "testuser",
        "--effective",
        "--fields",
        "name",
        "--format",
        "csv",
        "--noquotes",
    ]));
    assert!(effective.lines().any(|l| l == "user"), "{effective}");
    run(cli(&creds).args([
        "remove-roles",
        "-r",
        r,
        "--uusername",
        "testuser",
        "--rolename",
        "user",
    ]));
    run(cli(&creds).args([
        "remove-roles",
        "-r",
        r,
        "--uusername",
        "testuser",
        "--cclientid",
        "realm-management",
        "--rolename",
        "create-client",
    ]));
    assert!(!names(roles.of_user(&uid).all().await.unwrap()).contains(&"user".to_string()));
    assert_eq!(
        names(user_roles.client(&rm).all().await.unwrap()),
        ["view-users"]
    );
    // A composite realm role gets client roles (the chapter's --rname form).
    run(cli(&creds).args(["create", "roles", "-r", r, "-s", "name=testrole"]));
    run(cli(&creds).args([
        "add-roles",
        "-r",
        r,
        "--rname",
        "testrole",
        "--cclientid",
        "realm-management",
        "--rolename",
        "view-realm",
    ]));
    assert_eq!(
        names(roles.composites("testrole").all().await.unwrap()),
        ["view-realm"]
    );

    // An expired access token is refreshed and the new tokens written back (0600 still).
    let expire = |creds: &std::path::Path| {
        let mut kept: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(creds).unwrap()).unwrap();
        kept["current"]["access_expires_at"] = 0.into();
        std::fs::write(creds, kept.to_string()).unwrap();
        kept["current"]["access_token"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let stale = expire(&creds);
    run(cli(&creds).args(["get", &format!("users/{uid}"), "-r", r]));
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&creds).unwrap()).unwrap();
    assert_ne!(
        kept["current"]["access_token"].as_str(),
        Some(stale.as_str())
    );
    assert!(kept["current"]["access_expires_at"].as_u64().unwrap() > 0);
    assert_private_and_passwordless(&creds, server.admin_password());

    // set-password: then the user logs in with it; with -t, must change it first.
    run(cli(&creds).args([
        "update",
        &format!("users/{uid}"),
        "-r",
        r,
        "-s",
        "requiredActions=[]",
        // The user profile asks for these before a login.
        "-s",
        "email=testuser@example.com",
        "-s",
        "firstName=Test",
        "-s",
        "lastName=User",
    ]));
    let oidc = keycloak_admin::oidc::OidcClient::builder(server.base_url(), r, "admin-cli")
        .build()
        .unwrap();
    run(cli(&creds)
        .args(["set-password", "-r", r, "--username", "testuser"])
        .env("KC_CLI_PASSWORD", "first-Pass-1"));
    oidc.password("testuser", "first-Pass-1").await.unwrap();
    let (_, said) = run(cli(&creds).args([
        "set-password",
        "-r",
        r,
        "--username",
        "testuser",
        "--new-password",
        "NEWPASSWORD-2",
        "--temporary",
    ]));
    assert!(said.contains("visible to other users"), "{said}");
    let refused = oidc
        .password("testuser", "NEWPASSWORD-2")
        .await
        .unwrap_err();
    assert!(
        matches!(&refused, keycloak_admin::oidc::Error::OAuth(o) if o.is_account_not_set_up()),
        "a temporary password: {refused}"
    );

    // Clients: with -s (and -i), from standard input, the secret, fields, CSV.
    let cid = stdout(cli(&creds).args([
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
    let mut stdin = cli(&creds);
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
    run(cli(&creds).args([
        "create",
        &format!("clients/{cid}/roles"),
        "-r",
        r,
        "-s",
        "name=editor",
    ]));
    assert!(clients.roles(&cid).get("editor").await.is_ok());
    let secret: serde_json::Value = serde_json::from_str(&stdout(cli(&creds).args([
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
    let csv = stdout(cli(&creds).args([
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
    let gid = stdout(cli(&creds).args(["create", "groups", "-r", r, "-s", "name=Group", "-i"]));
    let gid = gid.trim().to_string();
    run(cli(&creds).args([
        "create",
        &format!("groups/{gid}/children"),
        "-r",
        r,
        "-s",
        "name=SubGroup",
    ]));
    let uid = &ids[0];
    run(cli(&creds).args([
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

    // The kept session ends on the server and its file goes.
    let kept: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&creds).unwrap()).unwrap();
    run(cli(&creds).arg("logout"));
    assert!(!creds.exists(), "kc logout deletes the file");
    let refresh = kept["current"]["refresh_token"]
        .as_str()
        .unwrap()
        .to_string();
    let master =
        keycloak_admin::oidc::OidcClient::builder(server.base_url(), "master", "admin-cli")
            .build()
            .unwrap();
    let e = master
        .refresh(&keycloak_admin::SecretString::from(refresh))
        .await
        .unwrap_err();
    assert_eq!(e.oauth_code(), Some("invalid_grant"), "{e}");
}

/// A bad endpoint, field or JSON type: one line, exit 2, and nothing sent —
/// not even a login (the "server" is a listener that counts connections).
#[test]
fn bad_input_is_refused_before_anything_is_sent() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let cases: [(&[&str], &str); 8] = [
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
        (
            &["add-roles", "-r", "demo", "--uusername", "jane"],
            "name the roles: --rolename NAME or --roleid ID",
        ),
        (
            &["get-roles", "--uid", "1", "--available", "--effective"],
            "--available, --effective, --all: give one",
        ),
        (
            &["set-password", "-r", "demo", "--new-password", "x"],
            "name the user: --username NAME or --userid ID",
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

/// `kc` as a ported kcadm.sh script runs it: no URL, user or password in the
/// environment, the session kept in `creds`.
fn cli(creds: &std::path::Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::cargo_bin("kc").unwrap();
    for var in [
        "KEYCLOAK_URL",
        "KEYCLOAK_USERNAME",
        "KEYCLOAK_PASSWORD",
        "KEYCLOAK_ADMIN_USER",
        "KEYCLOAK_ADMIN_PASSWORD",
        "KEYCLOAK_CLIENT_SECRET",
        "KEYCLOAK_REALM",
        "KC_PROFILE",
        "KC_CLI_PASSWORD",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("KC_CREDENTIALS", creds);
    cmd
}

/// A fresh path for a credentials file (its directory made 0700 by kc).
fn credentials_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("kc-creds-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir.join("credentials.json")
}

/// The kept session is readable by its owner only and holds no password.
fn assert_private_and_passwordless(creds: &std::path::Path, password: &str) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(creds).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "{}", creds.display());
    let text = std::fs::read_to_string(creds).unwrap();
    assert!(!text.contains(password), "no password in the file");
    assert!(text.contains("refresh_token"), "{text}");
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
