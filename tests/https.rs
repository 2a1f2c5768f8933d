//! The default TLS stack (rustls with the `ring` provider) end to end: a
//! Keycloak of its own serving HTTPS with a certificate from a test CA made
//! here. Trusted through `.ca_certificate(…)` the admin client logs in and
//! lists realms over HTTPS; without it every client refuses the server with an
//! error that names the certificate problem.

use keycloak_admin::{Credentials, KeycloakAdmin};
use keycloak_launcher::KeycloakServer;
use keycloak_testkit::Server;
use keycloak_testkit::pki::TestPki;

fn admin_builder(url: &str, server: &Server) -> keycloak_admin::KeycloakAdminBuilder {
    KeycloakAdmin::builder(url).credentials(Credentials::password(
        server.admin_username(),
        server.admin_password(),
    ))
}

#[tokio::test]
async fn https_with_the_default_tls_stack_trusts_the_given_ca_and_refuses_without_it() {
    let pki = TestPki::new();
    let ca_pem = pki.ca_pem();
    let server = Server::start(
        KeycloakServer::from_env()
            .local()
            .https_certificate(pki.server_cert(), pki.server_key()),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let https = server.running().https_url().expect("started with HTTPS");
    assert!(https.starts_with("https://localhost:"), "{https}");

    // Trusted: a login (token endpoint) and an admin call, both over HTTPS.
    let kc = admin_builder(https, &server)
        .ca_certificate(ca_pem.as_bytes())
        .build()
        .unwrap();
    let realms = kc.realms().list().all().await.unwrap();
    assert!(
        realms.iter().any(|r| r.realm.as_deref() == Some("master")),
        "{realms:?}"
    );

    // Not trusted: the same server is refused, and the error says why.
    let untrusted = admin_builder(https, &server).build().unwrap();
    let err = untrusted
        .realms()
        .list()
        .all()
        .await
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("certificate") && err.contains("UnknownIssuer"),
        "names the TLS failure: {err}"
    );

    // The generated client's own `Client::new` (its reqwest client, the ring
    // provider) gets as far as the handshake and is refused the same way.
    let low = keycloak_admin_api::Client::new(https, keycloak_admin_api::Hooks::none());
    let err = low.get_realm().realm("master").send().await.unwrap_err();
    let err = keycloak_admin::Error::from(err).to_string();
    assert!(err.contains("UnknownIssuer"), "{err}");

    // The OIDC client refuses it too (its own HTTP client).
    let oidc = keycloak_oidc::OidcClient::builder(https, "master", "admin-cli")
        .build()
        .unwrap();
    let err = oidc
        .password(server.admin_username(), server.admin_password())
        .await
        .unwrap_err()
        .to_string();
    assert!(err.contains("UnknownIssuer"), "{err}");

    drop(server);
}
