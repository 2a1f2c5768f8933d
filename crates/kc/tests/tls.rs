//! `kc` and a private CA: a Keycloak of its own serving HTTPS with a
//! certificate from a test CA. Trusted through `--ca-cert` (kept with the
//! session) or `KEYCLOAK_CA_CERT`, refused without, naming the certificate.

mod support;

use keycloak_testkit::pki::TestPki;
use keycloak_testkit::{KeycloakServer, Server};
use support::{kc, outcome};

#[tokio::test]
async fn a_private_ca_is_trusted_through_ca_cert_and_kept_with_the_session() {
    let pki = TestPki::new();
    let server = Server::start(
        KeycloakServer::from_env()
            .local()
            .https_certificate(pki.server_cert(), pki.server_key()),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let https = server.running().https_url().expect("started with HTTPS");
    let creds = pki.dir().join("credentials.json");

    // Not trusted: refused, and the error names the certificate problem.
    let (code, _, err) = outcome(
        kc().args(["--url", https, "--username", server.admin_username()])
            .env("KEYCLOAK_PASSWORD", server.admin_password())
            .args(["get", "realms/master"]),
    );
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("UnknownIssuer"), "{err}");

    // KEYCLOAK_CA_CERT, a password login per command.
    let (code, out, err) = outcome(
        kc().args(["--url", https, "--username", server.admin_username()])
            .env("KEYCLOAK_PASSWORD", server.admin_password())
            .env("KEYCLOAK_CA_CERT", pki.ca_file())
            .args(["get", "realms/master", "--fields", "realm"]),
    );
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("\"master\""), "{out}");

    // --ca-cert at `config credentials`: kept, later commands need nothing.
    let (code, _, err) = outcome(
        kc().args(["--ca-cert", pki.ca_file().to_str().unwrap()])
            .args(["--config", creds.to_str().unwrap()])
            .args([
                "config",
                "credentials",
                "--server",
                https,
                "--realm",
                "master",
            ])
            .args(["--user", server.admin_username()])
            .env("KC_CLI_PASSWORD", server.admin_password()),
    );
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = outcome(kc().args(["--config", creds.to_str().unwrap()]).args([
        "get",
        "serverinfo",
        "--fields",
        "systemInfo",
    ]));
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("systemInfo"), "{out}");
    let (code, _, err) = outcome(kc().args(["--config", creds.to_str().unwrap(), "logout"]));
    assert_eq!(code, Some(0), "the logout goes over HTTPS too: {err}");
    assert!(!creds.exists());
}
