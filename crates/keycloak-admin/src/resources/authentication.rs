use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    AuthenticationExecutionInfoRepresentation, AuthenticationFlowRepresentation,
    RequiredActionProviderRepresentation,
};
use std::collections::HashMap;

/// A realm's authentication flows, their executions, and required actions.
#[derive(Debug, Clone)]
pub struct Authentication {
    kc: KeycloakAdmin,
    realm: String,
}

impl Authentication {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    pub async fn flows(&self) -> Result<Vec<AuthenticationFlowRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_AUTHENTICATION_FLOWS,
                self.kc
                    .api()
                    .get_authentication_flows()
                    .realm(&self.realm)
                    .send(),
            )
            .await?
            .into_inner())
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
            .body(body)
            .send();
        self.kc
            .call(ops::POST_AUTHENTICATION_FLOWS_COPY, req)
            .await
            .map(|_| ())
    }

    pub async fn executions(
        &self,
        flow_alias: &str,
    ) -> Result<Vec<AuthenticationExecutionInfoRepresentation>> {
        let req = self
            .kc
            .api()
            .get_authentication_flows_executions()
            .realm(&self.realm)
            .flow_alias(flow_alias)
            .send();
        Ok(self
            .kc
            .call(ops::GET_AUTHENTICATION_FLOWS_EXECUTIONS, req)
            .await?
            .into_inner())
    }

    pub async fn required_actions(&self) -> Result<Vec<RequiredActionProviderRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_AUTHENTICATION_REQUIRED_ACTIONS,
                self.kc
                    .api()
                    .get_authentication_required_actions()
                    .realm(&self.realm)
                    .send(),
            )
            .await?
            .into_inner())
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
            .body(action)
            .send();
        self.kc
            .call(ops::PUT_AUTHENTICATION_REQUIRED_ACTIONS_BY_ALIAS, req)
            .await
            .map(|_| ())
    }
}
