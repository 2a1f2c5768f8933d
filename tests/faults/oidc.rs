//! OIDC endpoints that lie or fail: a JWKS answering 500 (throttled like an
//! unknown key), a token with CR/LF, discovery naming another issuer or
//! pointing the token endpoint at another host.

use crate::{client, received};
use keycloak_oidc::{Error, OidcClient};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A realm `r` whose discovery document is `doc` (with `{uri}` replaced).
async fn realm_stub(doc: serde_json::Value) -> MockServer {
    let server = MockServer::start().await;
    let text = doc.to_string().replace("{uri}", &server.uri());
    Mock::given(method("GET"))
        .and(path("/realms/r/.well-known/openid-configuration"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(text, "application/json"))
        .mount(&server)
        .await;
    server
}

fn honest() -> serde_json::Value {
    serde_json::json!({
        "issuer": "{uri}/realms/r",
        "authorization_endpoint": "{uri}/realms/r/protocol/openid-connect/auth",
        "token_endpoint": "{uri}/realms/r/protocol/openid-connect/token",
        "jwks_uri": "{uri}/realms/r/protocol/openid-connect/certs",
    })
}

fn forged_token(kid: &str) -> String {
    use base64::Engine;
    let b64 = |s: String| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.c2ln",
        b64(format!(r#"{{"alg":"RS256","kid":"{kid}"}}"#)),
        b64(r#"{"iss":"x","exp":4102444800}"#.to_string())
    )
}

#[tokio::test]
async fn a_failing_jwks_is_fetched_once_for_a_thousand_unknown_keys() {
    let server = realm_stub(honest()).await;
    Mock::given(path("/realms/r/protocol/openid-connect/certs"))
        .respond_with(ResponseTemplate::new(500).set_body_raw("<html>oops</html>", "text/html"))
        .mount(&server)
        .await;
    let oidc = OidcClient::builder(server.uri(), "r", "app")
        .build()
        .unwrap();
    for i in 0..1000 {
        let token = forged_token(&format!("forged-{i}"));
        assert!(
            oidc.verify(&token, &keycloak_oidc::VerifyOptions::access_token("app"))
                .await
                .is_err()
        );
    }
    let jwks = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .filter(|r| r.url.path().ends_with("/certs"))
        .count();
    assert_eq!(jwks, 1, "failed downloads count against the throttle");
}

#[tokio::test]
async fn a_token_with_cr_lf_is_refused_at_the_token_endpoint() {
    let server = realm_stub(honest()).await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "abc\r\nX-Injected: 1", "token_type": "Bearer", "expires_in": 60
        })))
        .mount(&server)
        .await;
    let oidc = OidcClient::builder(server.uri(), "r", "app")
        .build()
        .unwrap();
    let e = oidc.password("u", "p").await.unwrap_err();
    assert!(matches!(e, Error::Decode { .. }), "{e:?}");
    assert!(!e.to_string().contains("Injected"), "{e}");

    // The admin client: the same refusal, as a decode error (not a retryable transport one).
    Mock::given(method("POST"))
        .and(path("/realms/master/protocol/openid-connect/token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
            "access_token": "abc\r\nX-Injected: 1", "expires_in": 60
        })))
        .mount(&server)
        .await;
    let e = client(&server.uri())
        .build()
        .unwrap()
        .realm("r")
        .users()
        .count()
        .await
        .unwrap_err();
    assert!(matches!(e, keycloak_admin::Error::Decode { .. }), "{e:?}");
    assert!(
        !e.is_retryable() && !e.to_string().contains("Injected"),
        "{e}"
    );
    assert_eq!(
        received(&server, "GET").await,
        1,
        "only discovery; no admin call with that token"
    );
}

#[tokio::test]
async fn discovery_naming_another_issuer_or_host_is_refused_before_any_grant() {
    let mut other_issuer = honest();
    other_issuer["issuer"] = "http://evil.example/realms/r".into();
    let mut other_host = honest();
    other_host["token_endpoint"] = "http://127.0.0.2:9/steal".into();
    for (doc, names) in [(other_issuer, "issuer"), (other_host, "token_endpoint")] {
        let server = realm_stub(doc).await;
        Mock::given(method("POST"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(
                    serde_json::json!({"access_token": "t", "token_type": "Bearer"}),
                ),
            )
            .mount(&server)
            .await;
        let oidc = OidcClient::builder(server.uri(), "r", "app")
            .build()
            .unwrap();
        let e = oidc.password("u", "secret-password").await.unwrap_err();
        assert!(e.to_string().contains(names), "{e}");
        assert_eq!(
            received(&server, "POST").await,
            0,
            "no credentials were sent"
        );
    }
    // The issuer a caller configured (public hostname ≠ internal URL) is accepted.
    let mut public = honest();
    public["issuer"] = "https://sso.example.com/realms/r".into();
    let server = realm_stub(public).await;
    let oidc = OidcClient::builder(server.uri(), "r", "app")
        .expected_issuer("https://sso.example.com/realms/r")
        .build()
        .unwrap();
    assert!(oidc.discovery().await.is_ok());
}
