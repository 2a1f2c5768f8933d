use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{List, list};
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
    pub fn list(&self) -> List<RoleRepresentation> {
        list!(
            self.kc,
            [realm = self.realm.clone(), client = self.client.clone()],
            |api, first, max| api
                .get_clients_roles()
                .realm(&realm)
                .client_uuid(&client)
                .first(first)
                .max(max)
                .brief_representation(false)
        )
    }

    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        let req = self
            .kc
            .api()
            .get_clients_roles_by_role_name()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .role_name(name);
        self.kc.send(req).await
    }

    pub async fn create(&self, role: RoleRepresentation) -> Result<()> {
        let req = self
            .kc
            .api()
            .post_clients_roles()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .body(role);
        self.kc.send(req).await
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .delete_clients_roles_by_role_name()
            .realm(&self.realm)
            .client_uuid(&self.client)
            .role_name(name);
        self.kc.send(req).await
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
            .body(roles);
        self.kc.send(req).await
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
            .body(roles);
        self.kc.send(req).await
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
            .body(roles);
        self.kc.send(req).await
    }

    /// This client's roles the user has, directly or through groups and composites.
    pub fn effective_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), client = self.client.clone(), user = user_id.to_string()], |api| api
            .get_users_role_mappings_clients_composite()
            .realm(&realm)
            .user_id(&user)
            .client_id(&client))
    }

    async fn resolve(&self, names: &[&str]) -> Result<Vec<RoleRepresentation>> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            out.push(self.get(name).await?);
        }
        Ok(out)
    }
}
