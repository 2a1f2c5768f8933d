use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{List, list};
use keycloak_admin_api::types::RoleRepresentation;

/// The realm-level roles of one realm.
#[derive(Debug, Clone)]
pub struct RealmRoles {
    kc: KeycloakAdmin,
    realm: String,
}

impl RealmRoles {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// All realm roles, lazily.
    pub fn list(&self) -> List<RoleRepresentation> {
        list!(self.kc, [realm = self.realm.clone()], |api, first, max| api
            .get_roles()
            .realm(&realm)
            .first(first)
            .max(max)
            .brief_representation(false))
    }

    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name),
            )
            .await
    }

    pub async fn create(&self, role: RoleRepresentation) -> Result<()> {
        self.kc
            .send(self.kc.api().post_roles().realm(&self.realm).body(role))
            .await
            .map(|_| ())
    }

    pub async fn update(&self, name: &str, role: RoleRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name)
                    .body(role),
            )
            .await
            .map(|_| ())
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name),
            )
            .await
            .map(|_| ())
    }

    /// Give the user these realm roles (by name).
    pub async fn assign_to_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .post_users_role_mappings_realm()
            .realm(&self.realm)
            .user_id(user_id)
            .body(roles);
        self.kc.send(req).await
    }

    /// Take these realm roles (by name) from the user.
    pub async fn unassign_from_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .delete_users_role_mappings_realm()
            .realm(&self.realm)
            .user_id(user_id)
            .body(roles);
        self.kc.send(req).await
    }

    /// Give the group these realm roles (by name).
    pub async fn assign_to_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .post_groups_role_mappings_realm()
            .realm(&self.realm)
            .group_id(group_id)
            .body(roles);
        self.kc.send(req).await
    }

    /// The realm roles mapped directly to the group.
    pub fn of_group(&self, group_id: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = group_id.to_string()], |api| api
            .get_groups_role_mappings_realm()
            .realm(&realm)
            .group_id(&id))
    }

    /// Let a client scope carry these realm roles (by name) into tokens.
    pub async fn assign_to_client_scope(&self, scope_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        let req = self
            .kc
            .api()
            .post_client_scopes_scope_mappings_realm()
            .realm(&self.realm)
            .client_scope_id(scope_id)
            .body(roles);
        self.kc.send(req).await
    }

    /// Make `name` a composite that includes these realm roles.
    pub async fn add_composites(&self, name: &str, include: &[&str]) -> Result<()> {
        let roles = self.resolve(include).await?;
        let req = self
            .kc
            .api()
            .post_roles_composites()
            .realm(&self.realm)
            .role_name(name)
            .body(roles);
        self.kc.send(req).await
    }

    /// The roles a composite includes.
    pub fn composites(&self, name: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), name = name.to_string()], |api| api
            .get_roles_composites()
            .realm(&realm)
            .role_name(&name))
    }

    /// Realm roles the user has, directly or through groups and composites.
    pub fn effective_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = user_id.to_string()], |api| api
            .get_users_role_mappings_realm_composite()
            .realm(&realm)
            .user_id(&id))
    }

    /// Realm roles the user could still be given.
    pub fn available_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = user_id.to_string()], |api| api
            .get_users_role_mappings_realm_available()
            .realm(&realm)
            .user_id(&id))
    }

    /// The realm roles mapped directly to the user.
    pub fn of_user(&self, user_id: &str) -> List<RoleRepresentation> {
        list!(whole self.kc, [realm = self.realm.clone(), id = user_id.to_string()], |api| api
            .get_users_role_mappings_realm()
            .realm(&realm)
            .user_id(&id))
    }

    /// Every realm role as a full representation (the mappings endpoints need ids).
    pub(crate) async fn resolve(&self, names: &[&str]) -> Result<Vec<RoleRepresentation>> {
        let mut out = Vec::with_capacity(names.len());
        for name in names {
            out.push(self.get(name).await?);
        }
        Ok(out)
    }

    pub(crate) async fn all(&self) -> Result<Vec<RoleRepresentation>> {
        self.list().all().await
    }
}
