//! Installs the token on every request of the generated client, and asks for
//! one re-send after a 401 (the token was revoked or the session ended).

use super::tokens::TokenManager;
use keycloak_admin_api::{BoxFuture, Operation, RequestHook};
use secrecy::ExposeSecret;
use std::cell::RefCell;
use std::sync::Arc;

tokio::task_local! {
    /// Why the hook could not authenticate a request of this call: the
    /// generated client only carries the hook's error as text
    /// (`Error::Custom`), so the typed error waits here for
    /// [`crate::KeycloakAdmin`]'s call to pick it up.
    static REFUSED: RefCell<Option<crate::Error>>;
}

/// Run one generated call; with it, the typed error of a token request the
/// hook made during it and that failed (a re-login after a 401, say).
pub(crate) async fn capture<F: Future>(call: F) -> (F::Output, Option<crate::Error>) {
    REFUSED
        .scope(RefCell::new(None), async {
            let output = call.await;
            (output, REFUSED.with(|slot| slot.borrow_mut().take()))
        })
        .await
}

pub(crate) struct AuthHook(pub Arc<TokenManager>);

impl RequestHook for AuthHook {
    fn prepare<'a>(
        &'a self,
        request: &'a mut reqwest::Request,
        _op: &'static Operation,
    ) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            let token = match self.0.access_token().await {
                Ok(token) => token,
                Err(e) => {
                    let text = e.to_string();
                    // Outside `capture` (the generated client used directly) the text is all there is.
                    let _ = REFUSED.try_with(|slot| *slot.borrow_mut() = Some(e));
                    return Err(text);
                }
            };
            let mut value =
                reqwest::header::HeaderValue::try_from(format!("Bearer {}", token.expose_secret()))
                    .map_err(|_| "the access token is not a valid header value".to_string())?;
            value.set_sensitive(true);
            request
                .headers_mut()
                .insert(reqwest::header::AUTHORIZATION, value);
            Ok(())
        })
    }

    fn retry<'a>(
        &'a self,
        request: &'a reqwest::Request,
        response: &'a reqwest::Response,
        op: &'static Operation,
    ) -> BoxFuture<'a, bool> {
        Box::pin(async move {
            if response.status() != reqwest::StatusCode::UNAUTHORIZED || !self.0.can_renew() {
                return false;
            }
            let used = request
                .headers()
                .get(reqwest::header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "));
            if let Some(used) = used {
                self.0.refused(used);
            }
            tracing::debug!(
                operation = op.id,
                "401: renewing the token and sending once more"
            );
            true
        })
    }
}
