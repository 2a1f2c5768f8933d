//! Every non-interactive grant obtains a token from the server.

use super::{Fixture, audience_mapper, confidential};
use keycloak_oidc::{ExposeSecret, dangerous::decode_unverified};
use serde_json::json;

#[tokio::test]
async fn password_refresh_and_userinfo() {
    let fx = Fixture::new().await;
    let app = fx.app().await;

    let tokens = app.password("alice", "alice-pw").await.unwrap();
    let debug = format!("{tokens:?}");
    assert!(
        !debug.contains(tokens.access_token.expose_secret()),
        "{debug}"
    );
    assert_eq!(tokens.token_type, "Bearer");
    // New realms: 300 s. Keycloak computes `expires_in` from the token's `exp`
    // and the current second, so a busy server may say 299.
    let lifetime = tokens.expires_in.unwrap().as_secs();
    assert!(
        (295..=300).contains(&lifetime),
        "new realms: 300 s, got {lifetime}"
    );
    let refresh = tokens.refresh_token.clone().expect("a refresh token");

    let renewed = app.refresh(&refresh).await.unwrap();
    assert_ne!(
        renewed.access_token.expose_secret(),
        tokens.access_token.expose_secret(),
        "refresh returns a new access token"
    );
    // Defaults only: the password grant asks for `openid`, so an ID token comes
    // back and userinfo answers (also with the refreshed token).
    assert!(tokens.id_token.is_some(), "the default scope is openid");
    let me = app.userinfo(&renewed.access_token).await.unwrap();
    assert_eq!(me.preferred_username.as_deref(), Some("alice"));
    assert_eq!(me.email.as_deref(), Some("alice@example.com"));

    // Without `openid` (a grant with no scope), Keycloak answers userinfo 403
    // with a Bearer challenge.
    let bare = app
        .grant(
            keycloak_oidc::Grant::Password {
                username: "alice",
                password: "alice-pw",
                totp: None,
            },
            &[],
        )
        .await
        .unwrap();
    assert!(bare.id_token.is_none(), "no openid, no ID token");
    let err = app.userinfo(&bare.access_token).await.unwrap_err();
    assert_eq!(
        (err.status(), err.oauth_code()),
        (Some(403), Some("insufficient_scope")),
        "{err}"
    );
    assert!(err.to_string().ends_with("Missing openid scope"), "{err}");

    let err = app.password("alice", "wrong").await.unwrap_err();
    let expected = crate::versions::wrong_password_status(crate::versions::version().await);
    assert_eq!(
        (err.status(), err.oauth_code()),
        (Some(expected), Some("invalid_grant"))
    );
    assert_eq!(
        err.to_string(),
        format!(
            "token endpoint of realm `{}` (client `app`) refused ({expected} invalid_grant): Invalid user credentials",
            fx.name()
        )
    );
}

/// RFC 6238 code for `secret` (Keycloak keeps the raw secret bytes) at this time step.
fn totp(secret: &[u8]) -> String {
    use hmac::{Hmac, Mac};
    let step = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
        / 30;
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(secret).unwrap();
    mac.update(&step.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let o = (h[19] & 15) as usize;
    let n = u32::from_be_bytes([h[o], h[o + 1], h[o + 2], h[o + 3]]) & 0x7fff_ffff;
    format!("{:06}", n % 1_000_000)
}

#[tokio::test]
async fn password_grant_with_a_one_time_code() {
    let fx = Fixture::new().await;
    let app = fx.app().await;
    let secret = "JBSWY3DPEHPK3PXP";
    let mut user = crate::ergonomic::person("otto", "Otto", "Example");
    user.credentials = Some(vec![
        serde_json::from_value(json!({"type": "password", "value": "otto-pw", "temporary": false}))
            .unwrap(),
        serde_json::from_value(json!({
            "type": "otp",
            "secretData": json!({"value": secret}).to_string(),
            "credentialData": json!({"subType": "totp", "digits": 6, "period": 30, "algorithm": "HmacSHA1", "counter": 0}).to_string(),
        }))
        .unwrap(),
    ]);
    fx.kc.realm(fx.name()).users().create(user).await.unwrap();

    let without = app.password("otto", "otto-pw").await.unwrap_err();
    assert_eq!(without.oauth_code(), Some("invalid_grant"), "{without}");
    let tokens = app
        .password_with_totp("otto", "otto-pw", &totp(secret.as_bytes()))
        .await
        .unwrap();
    let claims = app.verify_access_token(&tokens.access_token).await.unwrap();
    assert_eq!(claims.preferred_username.as_deref(), Some("otto"));
}

#[tokio::test]
async fn client_credentials_is_the_service_account() {
    let fx = Fixture::new().await;
    let app = fx.app().await;
    let tokens = app.client_credentials().await.unwrap();
    assert!(
        tokens.refresh_token.is_none(),
        "no refresh token for client credentials"
    );
    let claims = app.verify_access_token(&tokens.access_token).await.unwrap();
    assert_eq!(claims.azp.as_deref(), Some("app"));
    assert_eq!(
        claims.preferred_username.as_deref(),
        Some("service-account-app")
    );

    let wrong = fx.oidc("app", Some("not-the-secret"));
    let err = wrong.client_credentials().await.unwrap_err();
    assert_eq!(
        (err.status(), err.oauth_code()),
        (Some(401), Some("unauthorized_client")),
        "{err}"
    );
}

/// Standard token exchange (V2, on by default since Keycloak 26.2; no feature
/// flag on the test server): `requester` trades alice's token, which has it as
/// audience, for one whose audience is `target`.
#[tokio::test]
async fn token_exchange_yields_a_token_for_the_target() {
    let fx = Fixture::new().await;
    fx.client(json!({
        "clientId": "initial", "publicClient": true, "directAccessGrantsEnabled": true,
        "protocolMappers": [audience_mapper("requester")],
    }))
    .await;
    let mut requester = confidential("requester", "requester-secret");
    requester["attributes"] = json!({"standard.token.exchange.enabled": "true"});
    requester["protocolMappers"] = json!([audience_mapper("target")]);
    fx.client(requester).await;
    fx.client(confidential("target", "target-secret")).await;

    let alice = fx
        .oidc("initial", None)
        .password("alice", "alice-pw")
        .await
        .unwrap();
    let requester = fx.oidc("requester", Some("requester-secret"));
    let exchanged = requester
        .exchange_token(&alice.access_token, Some("target"), None)
        .await;
    if !crate::versions::standard_token_exchange(crate::versions::version().await) {
        let err = exchanged.unwrap_err();
        assert_eq!(err.oauth_code(), Some("unsupported_grant_type"), "{err}");
        return;
    }
    let exchanged = exchanged.unwrap();
    assert_eq!(
        exchanged.issued_token_type.as_deref(),
        Some(keycloak_oidc::ACCESS_TOKEN_TYPE)
    );
    let claims = decode_unverified(exchanged.access_token.expose_secret()).unwrap();
    assert_eq!(claims.aud, ["target"]);
    assert_eq!(claims.azp.as_deref(), Some("requester"));
    assert_eq!(claims.preferred_username.as_deref(), Some("alice"));
    // The target accepts it as meant for itself.
    let target = fx.oidc("target", Some("target-secret"));
    target
        .verify_access_token(&exchanged.access_token)
        .await
        .unwrap();

    // Without standard token exchange enabled the server refuses.
    let target_err = target
        .exchange_token(&alice.access_token, Some("requester"), None)
        .await
        .unwrap_err();
    assert_eq!(target_err.status(), Some(400), "{target_err}");
}
