//! Role mappings: the roles of users, groups and client scopes, composites.

use super::Roles;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::RoleRepresentation;

impl Roles {
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
