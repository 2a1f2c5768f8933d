use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
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

    /// Give the user these roles (by name).
    pub async fn assign_to_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.post_users_role_mappings_realm()
                                .realm(r)
                                .user_id(user_id)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.post_users_role_mappings_clients_by_client_id()
                                .realm(r)
                                .user_id(user_id)
                                .client_id(c)
                                .body(roles),
                        )
                        .await
                }
            }
        }
    }

    /// Take these roles (by name) from the user.
    pub async fn unassign_from_user(&self, user_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.delete_users_role_mappings_realm()
                                .realm(r)
                                .user_id(user_id)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.delete_users_role_mappings_clients_by_client_id()
                                .realm(r)
                                .user_id(user_id)
                                .client_id(c)
                                .body(roles),
                        )
                        .await
                }
            }
        }
    }

    /// Give the group these roles (by name).
    pub async fn assign_to_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.post_groups_role_mappings_realm()
                                .realm(r)
                                .group_id(group_id)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.post_groups_role_mappings_clients_by_client_id()
                                .realm(r)
                                .group_id(group_id)
                                .client_id(c)
                                .body(roles),
                        )
                        .await
                }
            }
        }
    }

    /// Take these roles (by name) from the group.
    pub async fn unassign_from_group(&self, group_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.delete_groups_role_mappings_realm()
                                .realm(r)
                                .group_id(group_id)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.delete_groups_role_mappings_clients_by_client_id()
                                .realm(r)
                                .group_id(group_id)
                                .client_id(c)
                                .body(roles),
                        )
                        .await
                }
            }
        }
    }

    /// Let a client scope carry these roles (by name) into tokens.
    pub async fn assign_to_client_scope(&self, scope_id: &str, names: &[&str]) -> Result<()> {
        let roles = self.resolve(names).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.post_client_scopes_scope_mappings_realm()
                                .realm(r)
                                .client_scope_id(scope_id)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.post_client_scopes_scope_mappings_clients_by_client()
                                .realm(r)
                                .client_scope_id(scope_id)
                                .client(c)
                                .body(roles),
                        )
                        .await
                }
            }
        }
    }

    /// Make `name` a composite that includes these roles of the same container.
    pub async fn add_composites(&self, name: &str, include: &[&str]) -> Result<()> {
        let roles = self.resolve(include).await?;
        {
            let (api, r) = (self.kc.api(), self.realm.as_str());
            match &self.client {
                None => {
                    self.kc
                        .send(
                            api.post_roles_composites()
                                .realm(r)
                                .role_name(name)
                                .body(roles),
                        )
                        .await
                }
                Some(c) => {
                    self.kc
                        .send(
                            api.post_clients_roles_composites()
                                .realm(r)
                                .client_uuid(c)
                                .role_name(name)
                                .body(roles),
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
    }

    /// The roles a composite includes.
    pub fn composites(&self, name: &str) -> List<RoleRepresentation> {
        match &self.client {
            None => List::whole(
                &self.kc,
                ops::GET_ROLES_COMPOSITES,
                (self.realm.clone(), name.to_string()),
                |kc, (realm, name)| async move {
                    kc.page(
                        kc.api()
                            .get_roles_composites()
                            .realm(&realm)
                            .role_name(&name),
                    )
                    .await
                },
            ),
            Some(c) => List::whole(
                &self.kc,
                ops::GET_CLIENTS_ROLES_COMPOSITES,
                (self.realm.clone(), c.clone(), name.to_string()),
                |kc, (realm, client, name)| async move {
                    kc.page(
                        kc.api()
                            .get_clients_roles_composites()
                            .realm(&realm)
                            .client_uuid(&client)
                            .role_name(&name),
                    )
                    .await
                },
            ),
        }
    }

    /// The roles of this container mapped directly to the user.
    pub fn of_user(&self, user_id: &str) -> List<RoleRepresentation> {
        match &self.client {
            None => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_REALM,
                (self.realm.clone(), user_id.to_string()),
                |kc, (realm, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_realm()
                            .realm(&realm)
                            .user_id(&id),
                    )
                    .await
                },
            ),
            Some(c) => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_CLIENTS_BY_CLIENT_ID,
                (self.realm.clone(), c.clone(), user_id.to_string()),
                |kc, (realm, client, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_clients_by_client_id()
                            .realm(&realm)
                            .user_id(&id)
                            .client_id(&client),
                    )
                    .await
                },
            ),
        }
    }

    /// The roles of this container the user has, directly or through groups and composites.
    pub fn effective_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        match &self.client {
            None => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_REALM_COMPOSITE,
                (self.realm.clone(), user_id.to_string()),
                |kc, (realm, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_realm_composite()
                            .realm(&realm)
                            .user_id(&id),
                    )
                    .await
                },
            ),
            Some(c) => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_CLIENTS_COMPOSITE,
                (self.realm.clone(), c.clone(), user_id.to_string()),
                |kc, (realm, client, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_clients_composite()
                            .realm(&realm)
                            .user_id(&id)
                            .client_id(&client),
                    )
                    .await
                },
            ),
        }
    }

    /// The roles of this container the user could still be given.
    pub fn available_for_user(&self, user_id: &str) -> List<RoleRepresentation> {
        match &self.client {
            None => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_REALM_AVAILABLE,
                (self.realm.clone(), user_id.to_string()),
                |kc, (realm, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_realm_available()
                            .realm(&realm)
                            .user_id(&id),
                    )
                    .await
                },
            ),
            Some(c) => List::whole(
                &self.kc,
                ops::GET_USERS_ROLE_MAPPINGS_CLIENTS_AVAILABLE,
                (self.realm.clone(), c.clone(), user_id.to_string()),
                |kc, (realm, client, id)| async move {
                    kc.page(
                        kc.api()
                            .get_users_role_mappings_clients_available()
                            .realm(&realm)
                            .user_id(&id)
                            .client_id(&client),
                    )
                    .await
                },
            ),
        }
    }

    /// The roles of this container mapped directly to the group.
    pub fn of_group(&self, group_id: &str) -> List<RoleRepresentation> {
        match &self.client {
            None => List::whole(
                &self.kc,
                ops::GET_GROUPS_ROLE_MAPPINGS_REALM,
                (self.realm.clone(), group_id.to_string()),
                |kc, (realm, id)| async move {
                    kc.page(
                        kc.api()
                            .get_groups_role_mappings_realm()
                            .realm(&realm)
                            .group_id(&id),
                    )
                    .await
                },
            ),
            Some(c) => List::whole(
                &self.kc,
                ops::GET_GROUPS_ROLE_MAPPINGS_CLIENTS_BY_CLIENT_ID,
                (self.realm.clone(), c.clone(), group_id.to_string()),
                |kc, (realm, client, id)| async move {
                    kc.page(
                        kc.api()
                            .get_groups_role_mappings_clients_by_client_id()
                            .realm(&realm)
                            .group_id(&id)
                            .client_id(&client),
                    )
                    .await
                },
            ),
        }
    }
}
