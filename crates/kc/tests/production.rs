//! `kc` where users run Keycloak: behind nginx terminating TLS with a private
//! CA, under `/auth`, in production mode on PostgreSQL (a one-node cluster
//! from the launcher). `--ca-cert` at `config credentials` is kept with the
//! session; `KEYCLOAK_CA_CERT` serves `--url`; the path is part of the
//! server URL, as with kcadm.sh. Run: `cargo test -p keycloak-admin-cli --test
//! production` (needs `apt-get install postgresql nginx-light`).

mod support;

use keycloak_testkit::KeycloakServer;
use keycloak_testkit::pki::TestPki;
use support::{kc, outcome};

#[tokio::test]
async fn kc_reaches_keycloak_behind_a_tls_proxy_under_a_path_with_a_private_ca() {
    let pki = TestPki::new();
    let cluster = KeycloakServer::from_env()
        .local()
        .cluster(1)
        .proxy_certificate(pki.server_cert(), pki.server_key())
        .start()
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let url = cluster.url();
    assert!(url.ends_with("/auth"), "{url}");
    let creds = pki.dir().join("credentials.json");
    let ca = pki.ca_file();
    let config = ["--config", creds.to_str().unwrap()];

    // Without the CA: refused, naming the certificate problem.
    let (code, _, err) = outcome(
        kc().args(["--url", url, "--username", cluster.admin_username()])
            .env("KEYCLOAK_PASSWORD", cluster.admin_password())
            .args(["get", "realms/master"]),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("UnknownIssuer"), "{err}");

    // kcadm.sh's way: config credentials once (the CA kept), then commands.
    let (code, _, err) = outcome(
        kc().args(["--ca-cert", ca.to_str().unwrap()])
            .args(config)
            .args([
                "config",
                "credentials",
                "--server",
                url,
                "--realm",
                "master",
            ])
            .args(["--user", cluster.admin_username()])
            .env("KC_CLI_PASSWORD", cluster.admin_password()),
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, _, err) = outcome(kc().args(config).args([
        "create",
        "realms",
        "-s",
        "realm=behind-proxy",
        "-s",
        "enabled=true",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = outcome(kc().args(config).args([
        "create",
        "users",
        "-r",
        "behind-proxy",
        "-s",
        "username=ada",
        "-i",
    ]));
    assert_eq!(code, Some(0), "{err}");
    let id = out.trim().to_string();
    let (code, out, err) = outcome(kc().args(config).args([
        "get",
        "users",
        "-r",
        "behind-proxy",
        "--fields",
        "id,username",
    ]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains(&id) && out.contains("\"ada\""), "{out}");

    // The database holds what kc wrote.
    let stored = cluster
        .postgres()
        .query(&format!(
            "select username from user_entity where id = '{id}'"
        ))
        .unwrap();
    assert_eq!(stored, "ada");

    // --url with KEYCLOAK_CA_CERT, a password login per command.
    let (code, out, err) = outcome(
        kc().args(["--url", url, "--username", cluster.admin_username()])
            .env("KEYCLOAK_PASSWORD", cluster.admin_password())
            .env("KEYCLOAK_CA_CERT", &ca)
            .args(["get", "realms/behind-proxy", "--fields", "realm"]),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\"behind-proxy\""), "{out}");

    let (code, _, err) = outcome(kc().args(config).arg("logout"));
    assert_eq!(
        code,
        Some(0),
        "the logout goes through the proxy too: {err}"
    );
    assert!(!creds.exists());
}
