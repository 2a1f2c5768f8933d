//! One user's role mappings.

use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;

/// One user's role mappings (see [`Users::roles`](crate::Users::roles)).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let users = kc.realm("rep").users();
/// let alice = users.id_by_username("alice").await?;
/// let direct = users.roles(&alice).realm().all().await?;
/// let effective = users.roles(&alice).realm_effective().all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct UserRoles {
    pub(super) kc: KeycloakAdmin,
    pub(super) realm: String,
    pub(super) user: String,
}

impl UserRoles {
    fn realm_roles(&self) -> crate::Roles {
        crate::Roles::of_realm(self.kc.clone(), self.realm.clone())
    }

    fn client_roles(&self, client_uuid: &str) -> crate::Roles {
        crate::Roles::of_client(self.kc.clone(), self.realm.clone(), client_uuid.to_string())
    }
}

impl UserRoles {
    /// Realm roles mapped directly to the user.
    pub fn realm(&self) -> List<crate::types::RoleRepresentation> {
        self.realm_roles().of_user(&self.user)
    }

    /// Realm roles the user has, directly or through groups and composites.
    pub fn realm_effective(&self) -> List<crate::types::RoleRepresentation> {
        self.realm_roles().effective_for_user(&self.user)
    }

    /// Roles of one client (by uuid) mapped directly to the user.
    pub fn client(&self, client_uuid: &str) -> List<crate::types::RoleRepresentation> {
        self.client_roles(client_uuid).of_user(&self.user)
    }

    /// Roles of one client (by uuid) the user has, directly or not.
    pub fn client_effective(&self, client_uuid: &str) -> List<crate::types::RoleRepresentation> {
        self.client_roles(client_uuid)
            .effective_for_user(&self.user)
    }

    /// Every direct mapping at once: realm roles and each client's roles.
    pub async fn mappings(&self) -> Result<crate::types::MappingsRepresentation> {
        let api = self.kc.api();
        self.kc
            .send(
                api.get_users_role_mappings()
                    .realm(&self.realm)
                    .user_id(&self.user),
            )
            .await
    }
}
