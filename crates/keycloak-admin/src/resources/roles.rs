use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{DEFAULT_PAGE_SIZE, pages};
use futures_util::{Stream, TryStreamExt};
use keycloak_admin_api::operations as ops;
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
    pub fn list(&self) -> impl Stream<Item = Result<RoleRepresentation>> + Send {
        let (kc, realm) = (self.kc.clone(), self.realm.clone());
        pages(ops::GET_ROLES, DEFAULT_PAGE_SIZE, move |first, max| {
            let (kc, realm) = (kc.clone(), realm.clone());
            async move {
                Ok(kc
                    .call(
                        ops::GET_ROLES,
                        kc.api()
                            .get_roles()
                            .realm(&realm)
                            .first(first)
                            .max(max)
                            .brief_representation(false)
                            .send(),
                    )
                    .await?
                    .into_inner())
            }
        })
    }

    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        Ok(self
            .kc
            .call(
                ops::GET_ROLES_BY_ROLE_NAME,
                self.kc
                    .api()
                    .get_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name)
                    .send(),
            )
            .await?
            .into_inner())
    }

    pub async fn create(&self, role: RoleRepresentation) -> Result<()> {
        self.kc
            .call(
                ops::POST_ROLES,
                self.kc
                    .api()
                    .post_roles()
                    .realm(&self.realm)
                    .body(role)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    pub async fn update(&self, name: &str, role: RoleRepresentation) -> Result<()> {
        self.kc
            .call(
                ops::PUT_ROLES_BY_ROLE_NAME,
                self.kc
                    .api()
                    .put_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name)
                    .body(role)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    pub async fn delete(&self, name: &str) -> Result<()> {
        self.kc
            .call(
                ops::DELETE_ROLES_BY_ROLE_NAME,
                self.kc
                    .api()
                    .delete_roles_by_role_name()
                    .realm(&self.realm)
                    .role_name(name)
                    .send(),
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
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_USERS_ROLE_MAPPINGS_REALM, req)
            .await
            .map(|_| ())
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
            .body(roles)
            .send();
        self.kc
            .call(ops::DELETE_USERS_ROLE_MAPPINGS_REALM, req)
            .await
            .map(|_| ())
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
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_GROUPS_ROLE_MAPPINGS_REALM, req)
            .await
            .map(|_| ())
    }

    /// The realm roles mapped directly to the group.
    pub async fn of_group(&self, group_id: &str) -> Result<Vec<RoleRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_GROUPS_ROLE_MAPPINGS_REALM,
                self.kc
                    .api()
                    .get_groups_role_mappings_realm()
                    .realm(&self.realm)
                    .group_id(group_id)
                    .send(),
            )
            .await?
            .into_inner())
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
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_CLIENT_SCOPES_SCOPE_MAPPINGS_REALM, req)
            .await
            .map(|_| ())
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
            .body(roles)
            .send();
        self.kc
            .call(ops::POST_ROLES_COMPOSITES, req)
            .await
            .map(|_| ())
    }

    /// The roles a composite includes.
    pub async fn composites(&self, name: &str) -> Result<Vec<RoleRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_ROLES_COMPOSITES,
                self.kc
                    .api()
                    .get_roles_composites()
                    .realm(&self.realm)
                    .role_name(name)
                    .send(),
            )
            .await?
            .into_inner())
    }

    /// Realm roles the user has, directly or through groups and composites.
    pub async fn effective_for_user(&self, user_id: &str) -> Result<Vec<RoleRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_USERS_ROLE_MAPPINGS_REALM_COMPOSITE,
                self.kc
                    .api()
                    .get_users_role_mappings_realm_composite()
                    .realm(&self.realm)
                    .user_id(user_id)
                    .send(),
            )
            .await?
            .into_inner())
    }

    /// Realm roles the user could still be given.
    pub async fn available_for_user(&self, user_id: &str) -> Result<Vec<RoleRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_USERS_ROLE_MAPPINGS_REALM_AVAILABLE,
                self.kc
                    .api()
                    .get_users_role_mappings_realm_available()
                    .realm(&self.realm)
                    .user_id(user_id)
                    .send(),
            )
            .await?
            .into_inner())
    }

    /// The realm roles mapped directly to the user.
    pub async fn of_user(&self, user_id: &str) -> Result<Vec<RoleRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_USERS_ROLE_MAPPINGS_REALM,
                self.kc
                    .api()
                    .get_users_role_mappings_realm()
                    .realm(&self.realm)
                    .user_id(user_id)
                    .send(),
            )
            .await?
            .into_inner())
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
        self.list().try_collect().await
    }
}
