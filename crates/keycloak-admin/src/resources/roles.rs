use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::handle::handle;
use crate::pagination::{List, list};
use keycloak_admin_api::types::{RoleRepresentation, UserRepresentation};

/// The roles of one container: the realm (`kc.realm("rep").roles()`) or one
/// client (`kc.realm("rep").clients().roles(uuid)`). The same verbs for both;
/// each picks the realm-level or client-level operation.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let realm = kc.realm("rep");
/// let user = realm.users().id_by_username("alice").await?;
/// realm.roles().assign_to_user(&user, &["auditor"]).await?;
/// let app = realm.clients().id_by_client_id("reports").await?;
/// realm.clients().roles(&app).assign_to_user(&user, &["read"]).await?;
/// let readers = realm.clients().roles(&app).members("read").all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Roles {
    kc: KeycloakAdmin,
    realm: String,
    /// `None`: realm roles; `Some(uuid)`: the roles of that client.
    client: Option<String>,
}

/// The realm's own roles (the same handle as a client's).
pub type RealmRoles = Roles;
/// A client's roles (the same handle as the realm's).
pub type ClientRoles = Roles;

/// Send the realm-level or the client-level request, by container.
macro_rules! either {
    ($s:ident, |$api:ident, $realm:ident| $for_realm:expr, |$client:ident| $for_client:expr) => {{
        let ($api, $realm) = ($s.kc.api(), $s.realm.as_str());
        match &$s.client {
            None => $s.kc.send($for_realm).await,
            Some($client) => $s.kc.send($for_client).await,
        }
    }};
}

/// A [`List`] of the realm-level or the client-level operation, by container.
macro_rules! either_list {
    ($s:ident, [$($cap:ident = $val:expr),*], |$api:ident, $realm:ident| $for_realm:expr, |$client:ident| $for_client:expr) => {
        match &$s.client {
            None => list!(whole $s.kc, [$realm = $s.realm.clone() $(, $cap = $val)*], |$api| $for_realm),
            Some(c) => list!(whole $s.kc, [$realm = $s.realm.clone(), $client = c.clone() $(, $cap = $val)*], |$api| $for_client),
        }
    };
}

impl Roles {
    /// Create many roles in few requests (realm roles: `partialImport`
    /// batches; a client's roles: one request each); await it for one
    /// outcome per role, in input order. See [`CreateMany`](crate::CreateMany).
    pub fn create_many<R: Into<RoleRepresentation>>(
        &self,
        roles: impl IntoIterator<Item = R>,
    ) -> crate::CreateMany<RoleRepresentation, crate::bulk::RoleKind> {
        let roles = roles.into_iter().map(Into::into).collect();
        let kind = crate::bulk::RoleKind(self.clone());
        crate::CreateMany::new(self.kc.clone(), self.realm.clone(), kind, roles)
    }

    /// Whether these are the realm's roles (not a client's).
    pub(crate) fn is_realm(&self) -> bool {
        self.client.is_none()
    }

    pub(crate) fn of_realm(kc: KeycloakAdmin, realm: String) -> Self {
        Self {
            kc,
            realm,
            client: None,
        }
    }

    pub(crate) fn of_client(kc: KeycloakAdmin, realm: String, client_uuid: String) -> Self {
        Self {
            kc,
            realm,
            client: Some(client_uuid),
        }
    }

    /// Full representations of these roles (the mapping endpoints need ids).
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

handle! {
impl Roles {
    /// All roles of the container, page by page.
    pub fn list(&self) -> List<RoleRepresentation> {
        match &self.client {
            None => list!(self.kc, [realm = self.realm.clone()], |api, first, max| api
                .get_roles()
                .realm(&realm)
                .first(first)
                .max(max)
                .brief_representation(false)),
            Some(c) => list!(
                self.kc,
                [realm = self.realm.clone(), client = c.clone()],
                |api, first, max| api
                    .get_clients_roles()
                    .realm(&realm)
                    .client_uuid(&client)
                    .first(first)
                    .max(max)
                    .brief_representation(false)
            ),
        }
    }

    /// A role by name.
    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        either!(
            self,
            |api, r| api.get_roles_by_role_name().realm(r).role_name(name),
            |c| api
                .get_clients_roles_by_role_name()
                .realm(r)
                .client_uuid(c)
                .role_name(name)
        )
    }

    /// Create a role (`role.name` names it).
    pub async fn create(&self, role: impl Into<RoleRepresentation>) -> Result<()> {
        let role = role.into();
        either!(self, |api, r| api.post_roles().realm(r).body(role), |c| api
            .post_clients_roles()
            .realm(r)
            .client_uuid(c)
            .body(role))
    }

    /// Replace the role `name` with `role`.
    pub async fn update(&self, name: &str, role: RoleRepresentation) -> Result<()> {
        either!(
            self,
            |api, r| api
                .put_roles_by_role_name()
                .realm(r)
                .role_name(name)
                .body(role),
            |c| api
                .put_clients_roles_by_role_name()
                .realm(r)
                .client_uuid(c)
                .role_name(name)
                .body(role)
        )
    }

    /// Delete the role `name`.
    pub async fn delete(&self, name: &str) -> Result<()> {
        either!(
            self,
            |api, r| api.delete_roles_by_role_name().realm(r).role_name(name),
            |c| api
                .delete_clients_roles_by_role_name()
                .realm(r)
                .client_uuid(c)
                .role_name(name)
        )
    }

    /// Give the user these roles (by name).
    pub async fn assign_to_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        either!(
            self,
            |api, r| api
                .post_users_role_mappings_realm()
                .realm(r)
                .user_id(user_id)
                .body(roles),
            |c| api
                .post_users_role_mappings_clients_by_client_id()
                .realm(r)
                .user_id(user_id)
                .client_id(c)
                .body(roles)
        )
    }

    /// Take these roles (by name) from the user.
    pub async fn unassign_from_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        either!(
            self,
            |api, r| api
                .delete_users_role_mappings_realm()
                .realm(r)
                .user_id(user_id)
                .body(roles),
            |c| api
                .delete_users_role_mappings_clients_by_client_id()
                .realm(r)
                .user_id(user_id)
                .client_id(c)
                .body(roles)
        )
    }

    /// Give the group these roles (by name).
    pub async fn assign_to_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        either!(
            self,
            |api, r| api
                .post_groups_role_mappings_realm()
                .realm(r)
                .group_id(group_id)
                .body(roles),
            |c| api
                .post_groups_role_mappings_clients_by_client_id()
                .realm(r)
                .group_id(group_id)
                .client_id(c)
                .body(roles)
        )
    }

    /// Take these roles (by name) from the group.
    pub async fn unassign_from_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        either!(
            self,
            |api, r| api
                .delete_groups_role_mappings_realm()
                .realm(r)
                .group_id(group_id)
                .body(roles),
            |c| api
                .delete_groups_role_mappings_clients_by_client_id()
                .realm(r)
                .group_id(group_id)
                .client_id(c)
                .body(roles)
        )
    }

    /// Let a client scope carry these roles (by name) into tokens.
    pub async fn assign_to_client_scope(&self, scope_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        either!(
            self,
            |api, r| api
                .post_client_scopes_scope_mappings_realm()
                .realm(r)
                .client_scope_id(scope_id)
                .body(roles),
            |c| api
                .post_client_scopes_scope_mappings_clients_by_client()
                .realm(r)
                .client_scope_id(scope_id)
                .client(c)
                .body(roles)
        )
    }

    /// Make `name` a composite that includes these roles of the same container.
    pub async fn add_composites(&self, name: &str, include: &[&str]) -> Result<()> {
        let roles = self.resolve(include).await?;
        either!(
            self,
            |api, r| api
                .post_roles_composites()
                .realm(r)
                .role_name(name)
                .body(roles),
            |c| api
                .post_clients_roles_composites()
                .realm(r)
                .client_uuid(c)
                .role_name(name)
                .body(roles)
        )
    }

    /// The users that have the role `name` directly, page by page (pages of
    /// [`MEMBER_PAGE_SIZE`](crate::MEMBER_PAGE_SIZE) unless `page_size` says
    /// otherwise).
    pub fn members(&self, name: &str) -> List<UserRepresentation> {
        let name = name.to_string();
        let list = match &self.client {
            None => list!(
                self.kc,
                [realm = self.realm.clone(), role = name],
                |api, first, max| api
                    .get_roles_users()
                    .realm(&realm)
                    .role_name(&role)
                    .first(first)
                    .max(max)
            ),
            Some(c) => list!(
                self.kc,
                [realm = self.realm.clone(), client = c.clone(), role = name],
                |api, first, max| api
                    .get_clients_roles_users()
                    .realm(&realm)
                    .client_uuid(&client)
                    .role_name(&role)
                    .first(first)
                    .max(max)
            ),
        };
        list.page_size(crate::MEMBER_PAGE_SIZE)
    }

    /// The roles a composite includes.
    pub fn composites(&self, name: &str) -> List<RoleRepresentation> {
        either_list!(
            self,
            [name = name.to_string()],
            |api, realm| api.get_roles_composites().realm(&realm).role_name(&name),
            |client| api
                .get_clients_roles_composites()
                .realm(&realm)
                .client_uuid(&client)
                .role_name(&name)
        )
    }

    /// The roles of this container mapped directly to the user.
    pub fn of_user(&self, user_id: &str) -> List<RoleRepresentation> {
        either_list!(
            self,
            [id = user_id.to_string()],
            |api, realm| api
                .get_users_role_mappings_realm()
                .realm(&realm)
                .user_id(&id),
            |client| api
                .get_users_role_mappings_clients_by_client_id()
                .realm(&realm)
                .user_id(&id)
                .client_id(&client)
        )
    }

    /// The roles of this container the user has, directly or through groups and composites.
    pub fn effective_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        either_list!(
            self,
            [id = user_id.to_string()],
            |api, realm| api
                .get_users_role_mappings_realm_composite()
                .realm(&realm)
                .user_id(&id),
            |client| api
                .get_users_role_mappings_clients_composite()
                .realm(&realm)
                .user_id(&id)
                .client_id(&client)
        )
    }

    /// The roles of this container the user could still be given.
    pub fn available_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        either_list!(
            self,
            [id = user_id.to_string()],
            |api, realm| api
                .get_users_role_mappings_realm_available()
                .realm(&realm)
                .user_id(&id),
            |client| api
                .get_users_role_mappings_clients_available()
                .realm(&realm)
                .user_id(&id)
                .client_id(&client)
        )
    }

    /// The roles of this container mapped directly to the group.
    pub fn of_group(&self, group_id: &str) -> List<RoleRepresentation> {
        either_list!(
            self,
            [id = group_id.to_string()],
            |api, realm| api
                .get_groups_role_mappings_realm()
                .realm(&realm)
                .group_id(&id),
            |client| api
                .get_groups_role_mappings_clients_by_client_id()
                .realm(&realm)
                .group_id(&id)
                .client_id(&client)
        )
    }
}
}
