use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    AuthenticationExecutionInfoRepresentation, AuthenticationFlowRepresentation,
    RequiredActionProviderRepresentation,
};
use std::collections::HashMap;

/// A realm's authentication flows, their executions, and required actions.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let auth = kc.realm("rep").authentication();
/// auth.copy_flow("browser", "browser with otp").await?;
/// for step in auth.executions("browser with otp").all().await? {
///     println!("{:?} {:?}", step.display_name, step.requirement);
/// }
/// let actions = auth.required_actions().all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Authentication {
    kc: KeycloakAdmin,
    realm: String,
}

impl Authentication {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// Update a required action (e.g. enable it, make it a default action).
    pub async fn update_required_action(
        &self,
        alias: &str,
        action: RequiredActionProviderRepresentation,
    ) -> Result<()> {
        let req = self
            .kc
            .api()
            .put_authentication_required_actions_by_alias()
            .realm(&self.realm)
            .alias(alias)
            .body(action);
        self.kc.send(req).await
    }
}

impl Authentication {
    /// The realm's authentication flows.
    pub fn flows(&self) -> List<AuthenticationFlowRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_AUTHENTICATION_FLOWS,
            self.realm.clone(),
            |kc, realm| async move {
                kc.page(kc.api().get_authentication_flows().realm(&realm))
                    .await
            },
        )
    }

    /// Copy the flow `alias` as `new_name` (the usual start of a custom flow).
    pub async fn copy_flow(&self, alias: &str, new_name: &str) -> Result<()> {
        let body = HashMap::from([("newName".to_string(), new_name.to_string())]);
        let req = self
            .kc
            .api()
            .post_authentication_flows_copy()
            .realm(&self.realm)
            .flow_alias(alias)
            .body(body);
        self.kc.send(req).await
    }

    /// The executions of the flow `flow_alias`.
    pub fn executions(&self, flow_alias: &str) -> List<AuthenticationExecutionInfoRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_AUTHENTICATION_FLOWS_EXECUTIONS,
            (self.realm.clone(), flow_alias.to_string()),
            |kc, (realm, alias)| async move {
                kc.page(
                    kc.api()
                        .get_authentication_flows_executions()
                        .realm(&realm)
                        .flow_alias(&alias),
                )
                .await
            },
        )
    }

    /// The realm's required actions.
    pub fn required_actions(&self) -> List<RequiredActionProviderRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_AUTHENTICATION_REQUIRED_ACTIONS,
            self.realm.clone(),
            |kc, realm| async move {
                kc.page(kc.api().get_authentication_required_actions().realm(&realm))
                    .await
            },
        )
    }
}
