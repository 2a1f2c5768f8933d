use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{RoleRepresentation, UserRepresentation};

pub(crate) mod mappings;

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

impl Roles {
    /// All roles of the container, page by page.
    pub fn list(&self) -> List<RoleRepresentation> {
        match &self.client {
            None => List::paged(
                &self.kc,
                ops::GET_ROLES,
                self.realm.clone(),
                |kc, realm, first, max| async move {
                    kc.page(
                        kc.api()
                            .get_roles()
                            .realm(&realm)
                            .first(first)
                            .max(max)
                            .brief_representation(false),
                    )
                    .await
                },
            ),
            Some(c) => List::paged(
                &self.kc,
                ops::GET_CLIENTS_ROLES,
                (self.realm.clone(), c.clone()),
                |kc, (realm, client), first, max| async move {
                    kc.page(
                        kc.api()
                            .get_clients_roles()
                            .realm(&realm)
                            .client_uuid(&client)
                            .first(first)
                            .max(max)
                            .brief_representation(false),
                    )
                    .await
                },
            ),
        }
    }

    /// A role by name.
    pub async fn get(&self, name: &str) -> Result<RoleRepresentation> {
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(api.get_roles_by_role_name().realm(r).role_name(name))
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.get_clients_roles_by_role_name()
                                .realm(r)
                                .client_uuid(c)
                                .role_name(name),
                        )
                        .await
                }
            }
        }
    }

    /// Create a role (`role.name` names it).
    pub async fn create(&self, role: impl Into<RoleRepresentation>) -> Result<()> {
        let role = role.into();
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => self.kc.send(api.post_roles().realm(r).body(role)).await,
                Some(c) => {
                    self.kc
                        .send(api.post_clients_roles().realm(r).client_uuid(c).body(role))
                        .await
                }
            }
        }
    }

    /// Replace the role `name` with `role`.
    pub async fn update(&self, name: &str, role: RoleRepresentation) -> Result<()> {
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.put_roles_by_role_name()
                                .realm(r)
                                .role_name(name)
                                .body(role),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.put_clients_roles_by_role_name()
                                .realm(r)
                                .client_uuid(c)
                                .role_name(name)
                                .body(role),
                        )
                        .await
                }
            }
        }
    }

    /// Delete the role `name`.
    pub async fn delete(&self, name: &str) -> Result<()> {
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(api.delete_roles_by_role_name().realm(r).role_name(name))
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.delete_clients_roles_by_role_name()
                                .realm(r)
                                .client_uuid(c)
                                .role_name(name),
                        )
                        .await
                }
            }
        }
    }

    /// The users that have the role `name` directly, page by page (pages of
    /// [`MEMBER_PAGE_SIZE`](crate::MEMBER_PAGE_SIZE) unless `page_size` says
    /// otherwise).
    pub fn members(&self, name: &str) -> List<UserRepresentation> {
        let name = name.to_string();
        let list = match &self.client {
            None => List::paged(
                &self.kc,
                ops::GET_ROLES_USERS,
                (self.realm.clone(), name),
                |kc, (realm, role), first, max| async move {
                    kc.page(
                        kc.api()
                            .get_roles_users()
                            .realm(&realm)
                            .role_name(&role)
                            .first(first)
                            .max(max),
                    )
                    .await
                },
            ),
            Some(c) => List::paged(
                &self.kc,
                ops::GET_CLIENTS_ROLES_USERS,
                (self.realm.clone(), c.clone(), name),
                |kc, (realm, client, role), first, max| async move {
                    kc.page(
                        kc.api()
                            .get_clients_roles_users()
                            .realm(&realm)
                            .client_uuid(&client)
                            .role_name(&role)
                            .first(first)
                            .max(max),
                    )
                    .await
                },
            ),
        };
        list.page_size(crate::MEMBER_PAGE_SIZE)
            .keyed(super::users::user_id)
    }
}
