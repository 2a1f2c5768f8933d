//! What each kind of item needs for a bulk create: its name in partial
//! import's answer, its place in the import document, and the one-by-one
//! requests (create, find, update) that handle the rest.

use super::Kind;
use super::provable::Profile;
use crate::error::Result;
use futures_util::FutureExt;
use futures_util::future::BoxFuture;
use keycloak_admin_api::types::{
    ClientRepresentation, GroupRepresentation, PartialImportRepresentation, RoleRepresentation,
    RolesRepresentation, UserRepresentation,
};

fn import() -> PartialImportRepresentation {
    PartialImportRepresentation {
        // Never OVERWRITE: Keycloak deletes and re-creates the item (new id).
        if_resource_exists: Some("SKIP".into()),
        ..Default::default()
    }
}

/// Users: batched when the realm's user profile proves them valid.
pub struct UserKind {
    pub(crate) handle: crate::Users,
    pub(crate) profile: Option<Profile>,
}

impl Kind<UserRepresentation> for UserKind {
    const RESOURCE_TYPE: &'static str = "USER";

    fn prepare(&mut self) -> BoxFuture<'_, Result<()>> {
        async move {
            self.profile = match self.handle.profile().get().await {
                Ok(config) => Some(Profile::new(config)),
                // A caller who may create users but not read the realm's
                // profile: nothing can be proven, so every user goes alone.
                Err(e) if e.is_forbidden() => None,
                Err(e) => return Err(e),
            };
            Ok(())
        }
        .boxed()
    }

    fn name(item: &UserRepresentation) -> Option<&str> {
        item.username.as_deref()
    }

    fn keys(item: &UserRepresentation) -> Vec<String> {
        [item.username.as_deref(), item.email.as_deref()]
            .into_iter()
            .flatten()
            .filter(|k| !k.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    fn batchable(&self, item: &UserRepresentation) -> bool {
        self.profile.as_ref().is_some_and(|p| p.proves(item))
    }

    fn import(items: Vec<UserRepresentation>) -> PartialImportRepresentation {
        PartialImportRepresentation {
            users: Some(items),
            ..import()
        }
    }

    fn create(&self, item: UserRepresentation) -> BoxFuture<'_, Result<String>> {
        self.handle.create(item).boxed()
    }

    fn find<'a>(&'a self, item: &'a UserRepresentation) -> BoxFuture<'a, Result<Option<String>>> {
        async move {
            match item.username.as_deref() {
                Some(name) => Ok(self.handle.find_by_username(name).await?.and_then(|u| u.id)),
                None => Ok(None),
            }
        }
        .boxed()
    }

    fn update(&self, id: String, item: UserRepresentation) -> BoxFuture<'_, Result<()>> {
        async move { self.handle.update(&id, item).await }.boxed()
    }
}

/// Top-level groups, with their subgroups.
pub struct GroupKind(pub(crate) crate::Groups);

/// Partial import needs every group's `path` (26.7.3 answers 500 without).
fn with_paths(mut group: GroupRepresentation, parent: &str) -> GroupRepresentation {
    let path = format!("{parent}/{}", group.name.as_deref().unwrap_or_default());
    group.sub_groups = group
        .sub_groups
        .map(|subs| subs.into_iter().map(|g| with_paths(g, &path)).collect());
    group.path = Some(path);
    group
}

impl Kind<GroupRepresentation> for GroupKind {
    const RESOURCE_TYPE: &'static str = "GROUP";

    fn name(item: &GroupRepresentation) -> Option<&str> {
        item.name.as_deref()
    }

    fn batchable(&self, item: &GroupRepresentation) -> bool {
        // A `/` in a name makes its path ambiguous; such a group goes alone.
        item.name
            .as_deref()
            .is_some_and(|n| !n.is_empty() && !n.contains('/'))
    }

    fn retry_alone(&self, item: &GroupRepresentation) -> bool {
        // `POST /groups` ignores subgroups: a group with some stays in a
        // partial import of its own, whose refusal is its outcome.
        item.sub_groups.as_ref().is_none_or(Vec::is_empty)
    }

    fn import(items: Vec<GroupRepresentation>) -> PartialImportRepresentation {
        PartialImportRepresentation {
            groups: Some(items.into_iter().map(|g| with_paths(g, "")).collect()),
            ..import()
        }
    }

    fn create(&self, item: GroupRepresentation) -> BoxFuture<'_, Result<String>> {
        self.0.create(item).boxed()
    }

    fn find<'a>(&'a self, item: &'a GroupRepresentation) -> BoxFuture<'a, Result<Option<String>>> {
        async move {
            let Some(name) = item.name.as_deref().filter(|n| !n.contains('/')) else {
                return Ok(None);
            };
            match self.0.by_path(&format!("/{name}")).await {
                Ok(g) => Ok(g.id),
                Err(e) if e.is_not_found() => Ok(None),
                Err(e) => Err(e),
            }
        }
        .boxed()
    }

    fn update(&self, id: String, item: GroupRepresentation) -> BoxFuture<'_, Result<()>> {
        async move { self.0.update(&id, item).await }.boxed()
    }
}

/// Realm roles.
pub struct RoleKind(pub(crate) crate::Roles);

impl Kind<RoleRepresentation> for RoleKind {
    const RESOURCE_TYPE: &'static str = "REALM_ROLE";

    fn name(item: &RoleRepresentation) -> Option<&str> {
        item.name.as_deref()
    }

    fn batchable(&self, item: &RoleRepresentation) -> bool {
        // Partial import addresses client roles by clientId; this handle
        // knows the client's uuid, so a client's roles go one by one.
        self.0.is_realm() && item.name.as_deref().is_some_and(|n| !n.is_empty())
    }

    fn import(items: Vec<RoleRepresentation>) -> PartialImportRepresentation {
        PartialImportRepresentation {
            roles: Some(RolesRepresentation {
                realm: Some(items),
                ..Default::default()
            }),
            ..import()
        }
    }

    fn create(&self, item: RoleRepresentation) -> BoxFuture<'_, Result<String>> {
        async move {
            let name = item.name.clone().unwrap_or_default();
            self.0.create(item).await?;
            Ok(self.0.get(&name).await?.id.unwrap_or_default())
        }
        .boxed()
    }

    fn find<'a>(&'a self, item: &'a RoleRepresentation) -> BoxFuture<'a, Result<Option<String>>> {
        async move {
            match self.0.get(item.name.as_deref().unwrap_or_default()).await {
                Ok(role) => Ok(role.id),
                Err(e) if e.is_not_found() => Ok(None),
                Err(e) => Err(e),
            }
        }
        .boxed()
    }

    fn update(&self, _id: String, item: RoleRepresentation) -> BoxFuture<'_, Result<()>> {
        async move {
            let name = item.name.clone().unwrap_or_default();
            self.0.update(&name, item).await
        }
        .boxed()
    }
}

/// Clients, by `clientId`.
pub struct ClientKind(pub(crate) crate::Clients);

impl Kind<ClientRepresentation> for ClientKind {
    const RESOURCE_TYPE: &'static str = "CLIENT";

    fn name(item: &ClientRepresentation) -> Option<&str> {
        item.client_id.as_deref()
    }

    fn batchable(&self, item: &ClientRepresentation) -> bool {
        item.client_id.as_deref().is_some_and(|n| !n.is_empty())
    }

    fn import(items: Vec<ClientRepresentation>) -> PartialImportRepresentation {
        PartialImportRepresentation {
            clients: Some(items),
            ..import()
        }
    }

    fn create(&self, item: ClientRepresentation) -> BoxFuture<'_, Result<String>> {
        self.0.create(item).boxed()
    }

    fn find<'a>(&'a self, item: &'a ClientRepresentation) -> BoxFuture<'a, Result<Option<String>>> {
        async move {
            match self
                .0
                .id_by_client_id(item.client_id.as_deref().unwrap_or_default())
                .await
            {
                Ok(id) => Ok(Some(id)),
                Err(e) if e.is_not_found() => Ok(None),
                Err(e) => Err(e),
            }
        }
        .boxed()
    }

    fn update(&self, id: String, item: ClientRepresentation) -> BoxFuture<'_, Result<()>> {
        async move { self.0.update(&id, item).await }.boxed()
    }
}
