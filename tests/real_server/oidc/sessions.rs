//! Introspection says active, then inactive after logout or revocation.

use super::{Fixture, audience_mapper, confidential};
use keycloak_oidc::{OidcClient, TokenKind};

/// `api`: a confidential client whose tokens name it in `aud`. Keycloak 26.7
/// reports a token inactive to a client not in its audience
/// ("Client 'x' is not in the token audience").
async fn api(fx: &Fixture) -> OidcClient {
    let mut rep = confidential("api", "api-secret");
    rep["protocolMappers"] = serde_json::json!([audience_mapper("api")]);
    fx.client(rep).await;
    fx.oidc("api", Some("api-secret"))
}

#[tokio::test]
async fn introspection_turns_inactive_after_logout() {
    let fx = Fixture::new().await;
    let app = api(&fx).await;
    let tokens = app.password("alice", "alice-pw").await.unwrap();

    let live = app.introspect(&tokens.access_token).await.unwrap();
    assert!(live.active);
    assert_eq!(live.username.as_deref(), Some("alice"));
    assert_eq!(live.client_id.as_deref(), Some("api"));
    // A client not in the token's audience is told it is inactive (26.7+;
    // earlier releases answer active).
    let other = fx.app().await;
    assert_eq!(
        other.introspect(&tokens.access_token).await.unwrap().active,
        !crate::versions::introspection_checks_audience(crate::versions::version().await)
    );

    app.logout(tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap();
    assert!(!app.introspect(&tokens.access_token).await.unwrap().active);
    let err = app
        .refresh(tokens.refresh_token.as_ref().unwrap())
        .await
        .unwrap_err();
    assert_eq!(err.oauth_code(), Some("invalid_grant"), "{err}");
}

#[tokio::test]
async fn introspection_turns_inactive_after_revocation() {
    let fx = Fixture::new().await;
    let app = api(&fx).await;

    let tokens = app.password("alice", "alice-pw").await.unwrap();
    assert!(app.introspect(&tokens.access_token).await.unwrap().active);
    app.revoke(&tokens.access_token, TokenKind::AccessToken)
        .await
        .unwrap();
    assert!(!app.introspect(&tokens.access_token).await.unwrap().active);

    let tokens = app.password("bob", "bob-pw").await.unwrap();
    let refresh = tokens.refresh_token.as_ref().unwrap();
    assert!(app.introspect(&tokens.access_token).await.unwrap().active);
    app.revoke(refresh, TokenKind::RefreshToken).await.unwrap();
    // Revoking the refresh token ends the client's session: its access token goes too.
    assert!(!app.introspect(&tokens.access_token).await.unwrap().active);
    let err = app.refresh(refresh).await.unwrap_err();
    assert_eq!(err.oauth_code(), Some("invalid_grant"), "{err}");

    // Public clients cannot introspect.
    fx.client(serde_json::json!({"clientId": "spa", "publicClient": true, "directAccessGrantsEnabled": true}))
        .await;
    let spa = fx.oidc("spa", None);
    let err = spa.introspect(&tokens.access_token).await.unwrap_err();
    assert_eq!(err.status(), Some(403), "{err}");
    assert!(err.to_string().ends_with("Client not allowed."), "{err}");
}

/// `clients().add_audience(…)` is the fix for "not in the token audience":
/// after it, a token issued to one client is active for another (on every
/// release: before 26.7 the audience is not checked at all). Idempotent.
#[tokio::test]
async fn an_audience_mapper_lets_another_client_introspect() {
    let fx = Fixture::new().await;
    let issuer = api(&fx).await;
    let clients = fx.kc.realm(fx.name()).clients();
    let api_uuid = clients.id_by_client_id("api").await.unwrap();
    let app = fx.app().await;
    clients.add_audience(&api_uuid, "app").await.unwrap();
    clients.add_audience(&api_uuid, "app").await.unwrap();
    let mappers = clients.protocol_mappers(&api_uuid).all().await.unwrap();
    let named = mappers
        .iter()
        .filter(|m| m.name.as_deref() == Some("audience app"))
        .count();
    assert_eq!(named, 1, "added once: {mappers:?}");

    let tokens = issuer.password("alice", "alice-pw").await.unwrap();
    let seen = app.introspect(&tokens.access_token).await.unwrap();
    assert!(seen.active, "{seen:?}");
    assert_eq!(seen.username.as_deref(), Some("alice"));
}
