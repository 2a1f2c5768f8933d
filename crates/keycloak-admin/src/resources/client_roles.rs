use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{DEFAULT_PAGE_SIZE, pages};
use futures_util::Stream;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::RoleRepresentation;

/// The roles of one client (by the client's uuid).
#[derive(Debug, Clone)]
pub struct ClientRoles {
    kc: KeycloakAdmin,
    realm: String,
    client: String,
}

impl ClientRoles {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String, client: String) -> Self {
        Self { kc, realm, client }
    }

    /// All roles of the client, lazily.
    pub fn list(&self) -> impl Stream<Item = Result<RoleRepresentation>> + Send {
        let (kc, realm, client) = (self.kc.clone(), self.realm.clone(), self.client.clone());
        pages(
            ops::GET_CLIENTS_ROLES,
            DEFAULT_PAGE_SIZE,
            move |first, max| {
                let (kc, realm, client) = (kc.clone(), realm.clone(), client.clone());
                async move {
                    let req = kc
                        .api()
                        .get_clients_roles()
                        .realm(&realm)
                        .client_uuid(&client)
                        .first(first)
                        .max(max)
                        .brief_representation(false)
                        .send();
                    Ok(kc.call(ops::GET_CLIENTS_ROLES, req).await?.into_inner())
                }
            },
        )
    }

    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        let req = self
            .kc
            .api()
            .get_clients_roles_by_role_name()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .role_name(name)
            .send();
        Ok(self
            .kc
            .call(ops::GET_CLIENTS_ROLES_BY_ROLE_NAME, req)
            .await?
            .into_inner())
    }

    pub async fn create(&self, role: RoleRepresentation) -> Result<()> {
        let req = self
            .kc
            .api()
            .post_clients_roles()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .body(role)
            .send();
        self.kc.call(ops::POST_CLIENTS_ROLES, req).await.map(|_| ())
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .delete_clients_roles_by_role_name()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .role_name(name)
            .send();
        self.kc
            .call(ops::DELETE_CLIENTS_ROLES_BY_ROLE_NAME, req)
            .await
            .map(|_| ())
    }

    /// Give the user these roles of this client (by name).
    pub async fn assign_to_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .post_users_role_mappings_clients_by_client_id()
            .realm(&self.realm)
            .user_id(user_id)
            .client_id(&self.client)
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_USERS_ROLE_MAPPINGS_CLIENTS_BY_CLIENT_ID, req)
            .await
            .map(|_| ())
    }

    /// Take these roles of this client (by name) from the user.
    pub async fn unassign_from_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .delete_users_role_mappings_clients_by_client_id()
            .realm(&self.realm)
            .user_id(user_id)
            .client_id(&self.client)
            .body(roles)
            .send();
        self.kc
            .call(ops::DELETE_USERS_ROLE_MAPPINGS_CLIENTS_BY_CLIENT_ID, req)
            .await
            .map(|_| ())
    }

    /// Give the group these roles of this client (by name).
    pub async fn assign_to_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .post_groups_role_mappings_clients_by_client_id()
            .realm(&self.realm)
            .group_id(group_id)
            .client_id(&self.client)
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_GROUPS_ROLE_MAPPINGS_CLIENTS_BY_CLIENT_ID, req)
            .await
            .map(|_| ())
    }

    /// This client's roles the user has, directly or through groups and composites.
    pub async fn effective_for_user(&self, user_id: &str) -> Result<Vec<RoleRepresentation>> {
        let req = self
            .kc
            .api()
            .get_users_role_mappings_clients_composite()
            .realm(&self.realm)
            .user_id(user_id)
            .client_id(&self.client)
            .send();
        Ok(self
            .kc
            .call(ops::GET_USERS_ROLE_MAPPINGS_CLIENTS_COMPOSITE, req)
            .await?
            .into_inner())
    }

    async fn resolve(&self, names: &[&str]) -> Result<Vec<RoleRepresentation>> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            out.push(self.get(name).await?);
        }
        Ok(out)
    }
}
