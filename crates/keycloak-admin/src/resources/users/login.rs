//! Why a login was refused, from what the admin API shows.

use super::Users;
use crate::error::Result;

impl Users {
    /// Name what blocks a login Keycloak refused with "Account is not fully
    /// set up" (which is all its token endpoint says): the error comes back
    /// with [`login_blockers`](Self::login_blockers) of `username` in it, e.g.
    /// `… refused (400 invalid_grant): Account is not fully set up (blocked
    /// by: missing firstName)`. Any other error, or one whose user cannot be
    /// looked up, comes back as it was.
    ///
    /// ```no_run
    /// # async fn demo(kc: keycloak_admin::KeycloakAdmin, oidc: keycloak_oidc::OidcClient) {
    /// let users = kc.realm("rep").users();
    /// if let Err(e) = oidc.password("bob", "s3cret").await {
    ///     eprintln!("{}", users.explain_login_error("bob", e).await);
    /// }
    /// # }
    /// ```
    pub async fn explain_login_error(
        &self,
        username: &str,
        err: keycloak_oidc::Error,
    ) -> keycloak_oidc::Error {
        let keycloak_oidc::Error::OAuth(refusal) = err else {
            return err;
        };
        if !refusal.is_account_not_set_up() {
            return keycloak_oidc::Error::OAuth(refusal);
        }
        let blockers = match self.find_by_username(username).await {
            Ok(Some(user)) => match user.id {
                Some(id) => self.login_blockers(&id).await.unwrap_or_default(),
                None => Vec::new(),
            },
            _ => Vec::new(),
        };
        keycloak_oidc::Error::OAuth(Box::new(refusal.with_blockers(blockers)))
    }

    /// Why this user cannot log in yet, from what the admin API shows: the
    /// account is disabled, a required action is pending, or a field the
    /// realm's user profile requires is empty. Keycloak's token endpoint says
    /// only "Account is not fully set up" for the last two; this names them,
    /// e.g. `["required action UPDATE_PASSWORD", "missing firstName"]`.
    /// Empty: nothing the admin API knows of stands in the way.
    pub async fn login_blockers(&self, id: &str) -> Result<Vec<String>> {
        let user = self.get(id).await?;
        // The profile, not the admin view's metadata: an admin may leave a
        // field empty that the user must fill in before logging in.
        let profile = self.profile().get().await?;
        let mut blockers = Vec::new();
        if user.enabled == Some(false) {
            blockers.push("disabled".to_string());
        }
        for action in user.required_actions.iter().flatten() {
            blockers.push(format!("required action {action}"));
        }
        let attributes = user.attributes.clone().unwrap_or_default();
        let value = |name: &str| -> bool {
            let root = match name {
                "username" => user.username.as_deref(),
                "email" => user.email.as_deref(),
                "firstName" => user.first_name.as_deref(),
                "lastName" => user.last_name.as_deref(),
                _ => None,
            };
            root.is_some_and(|v| !v.is_empty())
                || attributes
                    .get(name)
                    .is_some_and(|v| v.iter().any(|x| !x.is_empty()))
        };
        for attribute in profile.attributes.iter().flatten() {
            // Required of users at login: no role list or `user` in it, and
            // not only when some scope is asked for.
            let Some(required) = &attribute.required else {
                continue;
            };
            let roles = required.roles.as_deref().unwrap_or_default();
            let for_users = roles.is_empty() || roles.iter().any(|r| r == "user");
            let scoped = required.scopes.as_ref().is_some_and(|s| !s.is_empty());
            if for_users
                && !scoped
                && let Some(name) = attribute.name.as_deref()
                && !value(name)
            {
                blockers.push(format!("missing {name}"));
            }
        }
        Ok(blockers)
    }
}
