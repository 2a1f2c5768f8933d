//! Keycloak Authorization Services from the client side: ask the server for a
//! decision, the granted permissions or an RPT (the `uma-ticket` grant), and
//! manage resources through the UMA protection API.

mod protection;

pub use protection::{Resource, ResourceQuery, ResourceScope, ResourceSets};

use crate::client::OidcClient;
use crate::error::{Error, Result};
use crate::token_endpoint::refusal;
use crate::token_response::TokenResponse;
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

const UMA_TICKET: &str = "urn:ietf:params:oauth:grant-type:uma-ticket";

/// Permissions of one resource server (a client with authorization enabled).
///
/// ```no_run
/// # async fn demo(oidc: keycloak_oidc::OidcClient, user_token: keycloak_oidc::SecretString) -> keycloak_oidc::Result<()> {
/// use keycloak_oidc::Decision;
/// match oidc.uma().has_access(&user_token, "Invoice#read").await? {
///     Decision::Granted => println!("ok"),
///     Decision::Denied => println!("403"),
///     Decision::NotAuthenticated => println!("401"),
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug)]
pub struct Uma {
    oidc: OidcClient,
    resource_server: String,
}

/// The server's answer to "may this user do that?".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// The policies allow it.
    Granted,
    /// The policies said no (Keycloak's 403 `access_denied`).
    Denied,
    /// The user's token was refused (expired, revoked, not a token).
    NotAuthenticated,
}

/// One permission the server granted: a resource and the scopes on it.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct GrantedPermission {
    #[serde(rename = "rsid")]
    /// The resource's id.
    pub resource_id: Option<String>,
    #[serde(rename = "rsname")]
    /// The resource's name.
    pub resource_name: Option<String>,
    #[serde(default)]
    /// The scopes granted on it.
    pub scopes: Vec<String>,
}

impl OidcClient {
    /// Authorization of this client as the resource server.
    pub fn uma(&self) -> Uma {
        let rs = self.client_id().to_string();
        self.uma_for(rs)
    }

    /// Authorization of another resource server (`audience`) of this realm.
    pub fn uma_for(&self, resource_server: impl Into<String>) -> Uma {
        Uma {
            oidc: self.clone(),
            resource_server: resource_server.into(),
        }
    }
}

/// `Resource#scope1,scope2`, `Resource` or `#scope`: what Keycloak's `permission` parameter takes.
fn check_permission(p: &str) -> Result<()> {
    let (resource, scopes) = p.split_once('#').unwrap_or((p, ""));
    if resource.trim().is_empty() && scopes.trim().is_empty() {
        return Err(Error::InvalidInput(format!(
            "`{p}` is not a permission: expected `Resource`, `Resource#scope` or `#scope`"
        )));
    }
    Ok(())
}

impl Uma {
    /// The uma-ticket grant with the user's token; returns status and body.
    async fn ask(
        &self,
        user_token: &SecretString,
        permissions: &[&str],
        response_mode: Option<&str>,
    ) -> Result<(reqwest::StatusCode, String, String)> {
        for p in permissions {
            check_permission(p)?;
        }
        let endpoint = self.oidc.token_endpoint().await?;
        let mut form = vec![
            ("grant_type", UMA_TICKET),
            ("audience", &*self.resource_server),
        ];
        form.extend(permissions.iter().map(|p| ("permission", *p)));
        if let Some(mode) = response_mode {
            form.push(("response_mode", mode));
        }
        let label = format!(
            "permission request of realm `{}` (resource server `{}`)",
            self.oidc.realm(),
            self.resource_server
        );
        let (status, body) = endpoint
            .post(&label, &form, Some(user_token.expose_secret()))
            .await?;
        Ok((status, body, label))
    }

    /// Granted, denied or not authenticated — a 403 is an answer here, not an error.
    pub async fn has_access(
        &self,
        user_token: &SecretString,
        permission: &str,
    ) -> Result<Decision> {
        let (status, body, label) = self
            .ask(user_token, &[permission], Some("decision"))
            .await?;
        if status.is_success() {
            #[derive(Deserialize)]
            struct Wire {
                result: bool,
            }
            let w: Wire = serde_json::from_str(&body).map_err(|e| Error::Decode {
                endpoint: label,
                message: e.to_string(),
            })?;
            return Ok(if w.result {
                Decision::Granted
            } else {
                Decision::Denied
            });
        }
        let e = refusal(label, status, &body);
        match (status.as_u16(), e.oauth_code()) {
            (403, _) => Ok(Decision::Denied),
            // Keycloak: 400 invalid_grant "Invalid bearer token"; 401 without any token.
            (401, _) | (400, Some("invalid_grant")) => Ok(Decision::NotAuthenticated),
            _ => Err(e),
        }
    }

    /// What the policies grant the user among `permissions` (all of the server's resources if empty).
    pub async fn permissions(
        &self,
        user_token: &SecretString,
        permissions: &[&str],
    ) -> Result<Vec<GrantedPermission>> {
        let (status, body, label) = self
            .ask(user_token, permissions, Some("permissions"))
            .await?;
        if !status.is_success() {
            return Err(refusal(label, status, &body));
        }
        serde_json::from_str(&body).map_err(|e| Error::Decode {
            endpoint: label,
            message: e.to_string(),
        })
    }

    /// A requesting party token carrying the granted `permissions`
    /// (a 403 `access_denied` error when none is granted).
    pub async fn rpt(
        &self,
        user_token: &SecretString,
        permissions: &[&str],
    ) -> Result<TokenResponse> {
        let (status, body, label) = self.ask(user_token, permissions, None).await?;
        if !status.is_success() {
            return Err(refusal(label, status, &body));
        }
        TokenResponse::parse(&body).map_err(|message| Error::Decode {
            endpoint: label,
            message,
        })
    }

    /// The protection API's resource sets, with a PAT from this client's credentials.
    pub fn resource_sets(&self) -> ResourceSets {
        ResourceSets::new(self.oidc.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permissions_need_a_resource_or_a_scope() {
        assert!(check_permission("Doc#read").is_ok());
        assert!(check_permission("Doc").is_ok());
        assert!(check_permission("#read").is_ok());
        let e = check_permission("#").unwrap_err().to_string();
        assert!(e.contains("`#` is not a permission"), "{e}");
    }
}
