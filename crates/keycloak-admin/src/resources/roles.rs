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
