//! Local verification against the realm's JWKS: genuine tokens pass; each kind
//! of bad token fails with its own error; the JWKS is fetched once, not per call.

use super::Fixture;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use keycloak_oidc::{ExposeSecret, OidcClient, SecretString, VerifyError, VerifyOptions};
use std::time::Duration;

fn rejection(result: keycloak_oidc::Result<keycloak_oidc::Claims>) -> VerifyError {
    match result {
        Err(keycloak_oidc::Error::Verify(e)) => e,
        other => panic!("expected a verification error, got {other:?}"),
    }
}

/// The same token with `preferred_username` changed and the signature kept.
fn tampered(token: &SecretString) -> String {
    let parts: Vec<&str> = token.expose_secret().split('.').collect();
    let mut claims: serde_json::Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    claims["preferred_username"] = "mallory".into();
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap());
    format!("{}.{payload}.{}", parts[0], parts[2])
}

#[tokio::test]
async fn genuine_tokens_verify_with_one_jwks_fetch() {
    let fx = Fixture::new().await;
    let app = fx.app().await;
    let tokens = app.password("alice", "alice-pw").await.unwrap();
    let service = app.client_credentials().await.unwrap();
    for _ in 0..50 {
        let claims = app.verify_access_token(&tokens.access_token).await.unwrap();
        assert_eq!(claims.preferred_username.as_deref(), Some("alice"));
        assert_eq!(claims.azp.as_deref(), Some("app"));
        app.verify_access_token(&service.access_token)
            .await
            .unwrap();
    }
    assert_eq!(
        app.jwks_fetches(),
        1,
        "100 verifications, one JWKS download"
    );
}

#[tokio::test]
async fn bad_tokens_are_rejected_each_with_its_own_error() {
    let fx = Fixture::new().await;
    let app = fx.app().await;
    let tokens = app.password("alice", "alice-pw").await.unwrap();
    app.verify_access_token(&tokens.access_token).await.unwrap();

    let forged = tampered(&tokens.access_token);
    assert_eq!(
        rejection(
            app.verify(&forged, &VerifyOptions::access_token("app"))
                .await
        ),
        VerifyError::BadSignature
    );

    let for_other = VerifyOptions::access_token("billing-api");
    assert!(matches!(
        rejection(app.verify(tokens.access_token.expose_secret(), &for_other).await),
        VerifyError::WrongAudience { expected, .. } if expected == "billing-api"
    ));

    // A genuine token of another realm: its key is not in this realm's JWKS.
    let other = Fixture::new().await;
    let foreign = other
        .app()
        .await
        .password("alice", "alice-pw")
        .await
        .unwrap();
    assert!(matches!(
        rejection(app.verify_access_token(&foreign.access_token).await),
        VerifyError::UnknownKey { .. }
    ));
    assert_eq!(
        app.jwks_fetches(),
        1,
        "unknown keys do not refetch within the interval"
    );

    // Expired: a realm whose tokens live 2 s; no leeway.
    let mut realm = fx.kc.realm(fx.name()).get().await.unwrap();
    realm.access_token_lifespan = Some(2);
    fx.kc.realm(fx.name()).update(realm).await.unwrap();
    let short = app.password("alice", "alice-pw").await.unwrap();
    // 2 s, or 1 when the server's clock ticked between `iat` and the answer.
    let lifetime = short.expires_in.unwrap().as_secs();
    assert!((1..=2).contains(&lifetime), "{lifetime}");
    let strict = VerifyOptions::access_token("app").leeway(Duration::ZERO);
    app.verify(short.access_token.expose_secret(), &strict)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(3100)).await;
    assert_eq!(
        rejection(
            app.verify(short.access_token.expose_secret(), &strict)
                .await
        ),
        VerifyError::Expired
    );
    // The same token inside a generous leeway still passes.
    let lenient = VerifyOptions::access_token("app").leeway(Duration::from_secs(60));
    app.verify(short.access_token.expose_secret(), &lenient)
        .await
        .unwrap();
}

/// After the realm gets a new active key, tokens carry its `kid`; the client
/// refetches the JWKS once and verifies them.
#[tokio::test]
async fn a_rotated_key_is_fetched_on_first_sight() {
    let fx = Fixture::new().await;
    fx.app().await;
    let app = OidcClient::builder(&fx.base_url, fx.name(), "app")
        .client_secret("app-secret")
        .jwks_min_refetch(Duration::ZERO)
        .build()
        .unwrap();
    let before = app.password("alice", "alice-pw").await.unwrap();
    app.verify_access_token(&before.access_token).await.unwrap();

    let realm_id = fx.kc.realm(fx.name()).get().await.unwrap().id.unwrap();
    let key: keycloak_admin::types::ComponentRepresentation =
        serde_json::from_value(serde_json::json!({
            "name": "rotated", "providerId": "rsa-generated",
            "providerType": "org.keycloak.keys.KeyProvider", "parentId": realm_id,
            "config": {"priority": ["500"]},
        }))
        .unwrap();
    fx.kc
        .realm(fx.name())
        .components()
        .create(key)
        .await
        .unwrap();

    let after = app.password("alice", "alice-pw").await.unwrap();
    let kid = |t: &SecretString| jsonwebtoken_kid(t.expose_secret());
    assert_ne!(
        kid(&before.access_token),
        kid(&after.access_token),
        "signed with the new key"
    );
    app.verify_access_token(&after.access_token).await.unwrap();
    app.verify_access_token(&before.access_token).await.unwrap();
    assert_eq!(app.jwks_fetches(), 2);
}

fn jsonwebtoken_kid(token: &str) -> String {
    let header = URL_SAFE_NO_PAD
        .decode(token.split('.').next().unwrap())
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&header).unwrap()["kid"]
        .as_str()
        .unwrap()
        .to_string()
}
