//! Flows that need a user at a browser, driven over HTTP: the authorization code
//! with PKCE, and the device grant.

use super::browser::{Browser, query_param, visible_text};
use super::{Fixture, REDIRECT};
use keycloak_oidc::{AuthRequest, DevicePoll, ExposeSecret, Pkce, random_token};
use serde_json::json;

#[tokio::test]
async fn authorization_code_with_pkce_without_a_browser() {
    let fx = Fixture::new().await;
    let app = fx.app().await;
    let browser = Browser::new(REDIRECT);

    let (pkce, state, nonce) = (Pkce::new(), random_token(), random_token());
    let url = app
        .auth_url(
            &AuthRequest::new(REDIRECT)
                .scope("openid")
                .state(&state)
                .nonce(&nonce)
                .pkce(&pkce),
        )
        .await
        .unwrap();
    let (page, html) = browser.open(&url).await.html();
    assert!(html.contains("kc-form-login"), "{}", visible_text(&html));
    let back = browser
        .submit(
            &page,
            &html,
            &[("username", "alice"), ("password", "alice-pw")],
        )
        .await
        .redirect();
    assert_eq!(query_param(&back, "state").as_deref(), Some(state.as_str()));
    let code = query_param(&back, "code").expect("a code");

    let tokens = app
        .exchange_code(&code, REDIRECT, Some(&pkce))
        .await
        .unwrap();
    let id_token = tokens
        .id_token
        .as_ref()
        .expect("scope openid brings an ID token");
    let claims = app.verify_id_token(id_token, Some(&nonce)).await.unwrap();
    assert_eq!(claims.preferred_username.as_deref(), Some("alice"));
    let wrong_nonce = app
        .verify_id_token(id_token, Some("other"))
        .await
        .unwrap_err();
    assert_eq!(
        wrong_nonce.verify(),
        Some(&keycloak_oidc::VerifyError::WrongNonce)
    );

    // The SSO session answers the next request with a code at once; a wrong verifier is refused.
    let pkce2 = Pkce::new();
    let url = app
        .auth_url(&AuthRequest::new(REDIRECT).scope("openid").pkce(&pkce2))
        .await
        .unwrap();
    let code = query_param(&browser.open(&url).await.redirect(), "code").unwrap();
    let err = app
        .exchange_code(&code, REDIRECT, Some(&Pkce::new()))
        .await
        .unwrap_err();
    assert_eq!(err.oauth_code(), Some("invalid_grant"), "{err}");
    assert!(err.to_string().contains("PKCE"), "{err}");
}

#[tokio::test]
async fn device_grant_after_approval_in_a_browser() {
    let fx = Fixture::new().await;
    fx.client(json!({
        "clientId": "tv", "publicClient": true,
        "attributes": {"oauth2.device.authorization.grant.enabled": "true"},
    }))
    .await;
    let tv = fx.oidc("tv", None);

    let auth = tv.device_authorization(Some("openid")).await.unwrap();
    assert!(!format!("{auth:?}").contains(auth.device_code.expose_secret()));
    assert!(matches!(
        tv.poll_device(&auth).await.unwrap(),
        DevicePoll::Pending
    ));

    let browser = Browser::new(REDIRECT);
    let (page, html) = browser
        .open(auth.verification_uri_complete.as_ref().unwrap())
        .await
        .html();
    let (page, html) = browser
        .submit(&page, &html, &[("username", "bob"), ("password", "bob-pw")])
        .await
        .html();
    assert!(html.contains("consent"), "{}", visible_text(&html));
    let (_, html) = browser
        .submit(&page, &html, &[("accept", "Yes")])
        .await
        .html();
    assert!(
        visible_text(&html).contains("Device Login Successful"),
        "{}",
        visible_text(&html)
    );

    // Polling again within the interval would be answered `slow_down`.
    tokio::time::sleep(auth.interval).await;
    let tokens = tv.wait_for_device(&auth).await.unwrap();
    let claims = tv.verify_access_token(&tokens.access_token).await.unwrap();
    assert_eq!(claims.preferred_username.as_deref(), Some("bob"));
}
