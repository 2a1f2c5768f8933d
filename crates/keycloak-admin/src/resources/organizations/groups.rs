//! An organization's groups and their members.

use super::Organizations;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{GroupRepresentation, MemberRepresentation};

impl Organizations {
    /// Its groups, lazily (Keycloak 26.6+).
    pub fn groups(&self, id: &str) -> List<GroupRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_GROUPS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, org), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_groups()
                        .realm(&realm)
                        .org_id(&org)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Create a top-level group of the organization; returns its id
    /// (Keycloak 26.6+). Organization groups live apart from the realm's
    /// groups: [`Groups`](crate::Groups) does not list them.
    pub async fn create_group(
        &self,
        id: &str,
        group: impl Into<GroupRepresentation>,
    ) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_organizations_groups()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(group.into()),
            )
            .await
    }

    /// Create a subgroup of the organization's group `parent`; returns its id (26.6+).
    pub async fn create_subgroup(
        &self,
        id: &str,
        parent: &str,
        group: impl Into<GroupRepresentation>,
    ) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_organizations_groups_children()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(parent)
                    .body(group.into()),
            )
            .await
    }

    /// One of its groups by id (26.6+).
    pub async fn group(&self, id: &str, group_id: &str) -> Result<GroupRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_organizations_groups_by_group_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(group_id),
            )
            .await
    }

    /// One of its groups by path, e.g. `/engineering/backend` (26.6+).
    pub async fn group_by_path(&self, id: &str, path: &str) -> Result<GroupRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_organizations_groups_group_by_path_by_path()
                    .realm(&self.realm)
                    .org_id(id)
                    .path(path),
            )
            .await
    }

    /// Replace one of its groups' name, description and attributes (26.6+).
    pub async fn update_group(
        &self,
        id: &str,
        group_id: &str,
        group: GroupRepresentation,
    ) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_organizations_groups_by_group_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(group_id)
                    .body(group),
            )
            .await
    }

    /// Delete one of its groups and its subgroups (26.6+).
    pub async fn delete_group(&self, id: &str, group_id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_organizations_groups_by_group_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(group_id),
            )
            .await
    }

    /// The subgroups of one of its groups, lazily (26.6+).
    pub fn subgroups(&self, id: &str, group_id: &str) -> List<GroupRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_GROUPS_CHILDREN,
            (self.realm.clone(), id.to_string(), group_id.to_string()),
            |kc, (realm, org, group), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_groups_children()
                        .realm(&realm)
                        .org_id(&org)
                        .group_id(&group)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// The members of one of its groups, lazily (26.6+).
    pub fn group_members(&self, id: &str, group_id: &str) -> List<MemberRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_GROUPS_MEMBERS,
            (self.realm.clone(), id.to_string(), group_id.to_string()),
            |kc, (realm, org, group), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_groups_members()
                        .realm(&realm)
                        .org_id(&org)
                        .group_id(&group)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Put a member of the organization into one of its groups (26.6+).
    pub async fn add_group_member(&self, id: &str, group_id: &str, user_id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_organizations_groups_members_by_user_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(group_id)
                    .user_id(user_id),
            )
            .await
    }

    /// Take a user out of one of its groups (they stay a member of the organization; 26.6+).
    pub async fn remove_group_member(&self, id: &str, group_id: &str, user_id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_organizations_groups_members_by_user_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .group_id(group_id)
                    .user_id(user_id),
            )
            .await
    }

    /// The organization groups a member belongs to, lazily (26.6+).
    pub fn groups_of_member(&self, id: &str, user_id: &str) -> List<GroupRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_MEMBERS_GROUPS,
            (self.realm.clone(), id.to_string(), user_id.to_string()),
            |kc, (realm, org, user), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_members_groups()
                        .realm(&realm)
                        .org_id(&org)
                        .member_id(&user)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }
}
