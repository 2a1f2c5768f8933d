use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::{List, with};
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{GroupRepresentation, UserRepresentation};

/// The groups of one realm.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::GroupRepresentation;
/// let groups = kc.realm("rep").groups();
/// let eng = groups.create(GroupRepresentation { name: Some("eng".into()), ..Default::default() }).await?;
/// let platform = groups.create_child(&eng, GroupRepresentation { name: Some("platform".into()), ..Default::default() }).await?;
/// let same = groups.by_path("/eng/platform").await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Groups {
    kc: KeycloakAdmin,
    realm: String,
}

impl Groups {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// Create many top-level groups (with their `sub_groups`) in few
    /// requests; await it for one outcome per group, in input order. See
    /// [`CreateMany`](crate::CreateMany).
    pub fn create_many<G: Into<GroupRepresentation>>(
        &self,
        groups: impl IntoIterator<Item = G>,
    ) -> crate::CreateMany<GroupRepresentation, crate::bulk::GroupKind> {
        let groups = groups.into_iter().map(Into::into).collect();
        let kind = crate::bulk::GroupKind(self.clone());
        crate::CreateMany::new(self.kc.clone(), self.realm.clone(), kind, groups)
    }

    /// Create a subgroup of `parent`; returns its id.
    pub async fn create_child(
        &self,
        parent: &str,
        group: impl Into<GroupRepresentation>,
    ) -> Result<String> {
        let group = group.into();
        self.kc
            .create(
                self.kc
                    .api()
                    .post_groups_children()
                    .realm(&self.realm)
                    .group_id(parent)
                    .body(group),
            )
            .await
    }
}

impl Groups {
    /// Top-level groups (with `subGroupCount`), lazily; narrow with
    /// [`search`](GroupQuery::search) (by name anywhere in the tree),
    /// [`exact`](GroupQuery::exact) or [`q`](GroupQuery::q).
    pub fn list(&self) -> GroupQuery {
        let filters = GroupFilters {
            realm: self.realm.clone(),
            ..Default::default()
        };
        List::filtered(
            &self.kc,
            ops::GET_GROUPS,
            filters,
            |kc, f: GroupFilters, first, max| async move {
                let req = kc.api().get_groups().realm(&f.realm).first(first).max(max);
                let req = req.brief_representation(false);
                let req = with(req, &f.search, |r, v| r.search(v));
                let req = with(req, &f.exact, |r, v| r.exact(v));
                let req = with(req, &f.q, |r, v| r.q(v));
                kc.page(req).await
            },
        )
    }

    /// Number of groups: top-level ones only, or all (subgroups included).
    /// To count those matching a search: `list().search(…).count()`.
    pub async fn count(&self, top_level_only: bool) -> Result<u64> {
        let req = self
            .kc
            .api()
            .get_groups_count()
            .realm(&self.realm)
            .top(top_level_only);
        let counts = self.kc.send(req).await?;
        Ok(counts.get("count").copied().unwrap_or(0).max(0) as u64)
    }

    /// The group at `path` (e.g. `/org/eng/platform`), creating it and any missing
    /// parents. Race-safe: a 409 means someone else created it first. Returns the id.
    pub async fn ensure_path(&self, path: &str) -> Result<String> {
        let mut parent: Option<String> = None;
        let mut so_far = String::new();
        for name in path.split('/').filter(|s| !s.is_empty()) {
            so_far = format!("{so_far}/{name}");
            let id = match self.by_path(&so_far).await {
                Ok(g) => g.id.unwrap_or_default(),
                Err(e) if e.is_not_found() => {
                    let group = GroupRepresentation {
                        name: Some(name.to_string()),
                        ..Default::default()
                    };
                    let created = match &parent {
                        Some(p) => self.create_child(p, group).await,
                        None => self.create(group).await,
                    };
                    match created {
                        Ok(id) => id,
                        Err(e) if e.is_conflict() => {
                            self.by_path(&so_far).await?.id.unwrap_or_default()
                        }
                        Err(e) => return Err(e),
                    }
                }
                Err(e) => return Err(e),
            };
            parent = Some(id);
        }
        parent.ok_or_else(|| crate::error::Error::InvalidInput(format!("`{path}` names no group")))
    }

    /// A group by id.
    pub async fn get(&self, id: &str) -> Result<GroupRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_groups_by_group_id()
                    .realm(&self.realm)
                    .group_id(id),
            )
            .await
    }

    /// A group by its path, e.g. `/eng/platform`.
    pub async fn by_path(&self, path: &str) -> Result<GroupRepresentation> {
        let path = path.trim_start_matches('/');
        let req = self
            .kc
            .api()
            .get_group_by_path_by_path()
            .realm(&self.realm)
            .path(path);
        self.kc.send(req).await
    }

    /// Direct subgroups, lazily.
    pub fn children(&self, id: &str) -> List<GroupRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_GROUPS_CHILDREN,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, id), first, max| async move {
                kc.page(
                    kc.api()
                        .get_groups_children()
                        .realm(&realm)
                        .group_id(&id)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Members, lazily (pages of [`MEMBER_PAGE_SIZE`](crate::MEMBER_PAGE_SIZE)
    /// unless `page_size` says otherwise).
    pub fn members(&self, id: &str) -> List<UserRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_GROUPS_MEMBERS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, id), first, max| async move {
                kc.page(
                    kc.api()
                        .get_groups_members()
                        .realm(&realm)
                        .group_id(&id)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
        .page_size(crate::MEMBER_PAGE_SIZE)
        .keyed(super::users::user_id)
    }

    /// Create a top-level group; returns its id.
    pub async fn create(&self, group: impl Into<GroupRepresentation>) -> Result<String> {
        let group = group.into();
        self.kc
            .create(self.kc.api().post_groups().realm(&self.realm).body(group))
            .await
    }

    /// Update the fields that are set.
    pub async fn update(&self, id: &str, group: GroupRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_groups_by_group_id()
                    .realm(&self.realm)
                    .group_id(id)
                    .body(group),
            )
            .await
            .map(|_| ())
    }

    /// Delete a group and its subgroups.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_groups_by_group_id()
                    .realm(&self.realm)
                    .group_id(id),
            )
            .await
            .map(|_| ())
    }

    /// Add a user to the group.
    pub async fn add_member(&self, group_id: &str, user_id: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .put_users_groups_by_group_id()
            .realm(&self.realm)
            .user_id(user_id)
            .group_id(group_id);
        self.kc.send(req).await
    }

    /// Take a user out of the group.
    pub async fn remove_member(&self, group_id: &str, user_id: &str) -> Result<()> {
        let req = self
            .kc
            .api()
            .delete_users_groups_by_group_id()
            .realm(&self.realm)
            .user_id(user_id)
            .group_id(group_id);
        self.kc.send(req).await
    }
}

/// The groups of a realm, narrowed by typed filters (see [`Groups::list`]).
pub type GroupQuery = List<GroupRepresentation, GroupFilters>;

/// The filters of a [`GroupQuery`] (set through its methods).
#[derive(Debug, Clone, Default)]
pub struct GroupFilters {
    realm: String,
    search: Option<String>,
    exact: Option<bool>,
    q: Option<String>,
}

impl GroupQuery {
    /// Groups whose name contains `text`, anywhere in the tree.
    pub fn search(mut self, text: impl Into<String>) -> Self {
        self.query.search = Some(text.into());
        self
    }

    /// Match `search` exactly instead of as a substring.
    pub fn exact(mut self, exact: bool) -> Self {
        self.query.exact = Some(exact);
        self
    }

    /// Attribute query, `key1:value1 key2:value2`.
    pub fn q(mut self, query: impl Into<String>) -> Self {
        self.query.q = Some(query.into());
        self
    }

    /// How many groups match the search, subgroups included (the count
    /// endpoint takes `search` only).
    pub async fn count(self) -> Result<u64> {
        let f = &self.query;
        let req = self.kc.api().get_groups_count().realm(&f.realm).top(false);
        let req = with(req, &f.search, |r, v| r.search(v));
        let counts = self.kc.send(req).await?;
        Ok(counts.get("count").copied().unwrap_or(0).max(0) as u64)
    }
}
