use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    GroupRepresentation, IdentityProviderRepresentation, MemberRepresentation,
    OrganizationInvitationRepresentation, OrganizationRepresentation,
    PostOrganizationsMembersInviteExistingUserBody, PostOrganizationsMembersInviteUserBody,
    RealmRepresentation,
};

/// A realm's organizations (Keycloak 26+): the organizations, their members
/// and invitations, and the identity providers they are linked to. The realm
/// must have organizations enabled ([`enable`](Self::enable)).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::NewOrganization;
/// let realm = kc.realm("rep");
/// let orgs = realm.organizations();
/// orgs.enable().await?;
/// let acme = orgs.create(NewOrganization::new("acme").domain("acme.example")).await?;
/// let jane = realm.users().id_by_username("jane").await?;
/// orgs.add_member(&acme, &jane).await?;
/// orgs.invite_user(&acme, "bob@acme.example", Some("Bob"), None).await?;
/// let members = orgs.members(&acme).all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Organizations {
    kc: KeycloakAdmin,
    realm: String,
}

impl Organizations {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl Organizations {
    /// Switch organizations on for the realm (off by default).
    pub async fn enable(&self) -> Result<()> {
        let settings = RealmRepresentation {
            organizations_enabled: Some(true),
            ..Default::default()
        };
        self.kc
            .send(self.kc.api().put_realm().realm(&self.realm).body(settings))
            .await
    }

    /// Every organization, lazily.
    pub fn list(&self) -> List<OrganizationRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS,
            self.realm.clone(),
            |kc, realm, first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations()
                        .realm(&realm)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Organizations whose name or domain contains `text`.
    pub fn search(&self, text: &str) -> List<OrganizationRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS,
            (self.realm.clone(), text.to_string()),
            |kc, (realm, text), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations()
                        .realm(&realm)
                        .search(&text)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// How many organizations the realm has. Releases before 26.5 have no
    /// count route (there `count` reads as an organization id): on those the
    /// organizations are counted page by page.
    pub async fn count(&self) -> Result<u64> {
        let asked = self
            .kc
            .send(self.kc.api().get_organizations_count().realm(&self.realm))
            .await;
        match asked {
            Ok(n) => Ok(n.max(0) as u64),
            Err(e) if e.is_not_found() || e.is_unsupported() => {
                let op = keycloak_admin_api::operations::GET_ORGANIZATIONS_COUNT;
                if !self.kc.server().await?.may_lack(op) {
                    return Err(e);
                }
                let brief = List::paged(
                    &self.kc,
                    ops::GET_ORGANIZATIONS,
                    self.realm.clone(),
                    |kc, realm, first, max| async move {
                        kc.page(
                            kc.api()
                                .get_organizations()
                                .realm(&realm)
                                .brief_representation(true)
                                .first(first)
                                .max(max),
                        )
                        .await
                    },
                );
                let all = brief.page_size(1000).stream();
                futures_util::TryStreamExt::try_fold(all, 0u64, |n, _| async move { Ok(n + 1) })
                    .await
            }
            Err(e) => Err(e),
        }
    }

    /// One organization by id.
    pub async fn get(&self, id: &str) -> Result<OrganizationRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_organizations_by_org_id()
                    .realm(&self.realm)
                    .org_id(id),
            )
            .await
    }

    /// Create an organization; returns its id.
    pub async fn create(&self, org: impl Into<OrganizationRepresentation>) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_organizations()
                    .realm(&self.realm)
                    .body(org.into()),
            )
            .await
    }

    /// Replace an organization's settings.
    pub async fn update(&self, id: &str, org: OrganizationRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_organizations_by_org_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(org),
            )
            .await
    }

    /// Delete an organization (its members stay realm users).
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_organizations_by_org_id()
                    .realm(&self.realm)
                    .org_id(id),
            )
            .await
    }

    /// Its members, lazily.
    pub fn members(&self, id: &str) -> List<MemberRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_MEMBERS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, org), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_members()
                        .realm(&realm)
                        .org_id(&org)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// How many members it has.
    pub async fn member_count(&self, id: &str) -> Result<u64> {
        let n = self
            .kc
            .send(
                self.kc
                    .api()
                    .get_organizations_members_count()
                    .realm(&self.realm)
                    .org_id(id),
            )
            .await?;
        Ok(n.max(0) as u64)
    }

    /// Make an existing user a member.
    pub async fn add_member(&self, id: &str, user_id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_organizations_members()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(user_id.to_string()),
            )
            .await
    }

    /// Remove a member (the user stays in the realm).
    pub async fn remove_member(&self, id: &str, user_id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_organizations_members_by_member_id()
                    .realm(&self.realm)
                    .org_id(id)
                    .member_id(user_id),
            )
            .await
    }

    /// Invite someone by email to register and join (the realm needs SMTP).
    pub async fn invite_user(
        &self,
        id: &str,
        email: &str,
        first_name: Option<&str>,
        last_name: Option<&str>,
    ) -> Result<()> {
        let body = PostOrganizationsMembersInviteUserBody {
            email: Some(email.to_string()),
            first_name: first_name.map(str::to_string),
            last_name: last_name.map(str::to_string),
        };
        self.kc
            .send(
                self.kc
                    .api()
                    .post_organizations_members_invite_user()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(body),
            )
            .await
    }

    /// Invite an existing user by email (the realm needs SMTP).
    pub async fn invite_existing_user(&self, id: &str, user_id: &str) -> Result<()> {
        let body = PostOrganizationsMembersInviteExistingUserBody {
            id: Some(user_id.to_string()),
        };
        self.kc
            .send(
                self.kc
                    .api()
                    .post_organizations_members_invite_existing_user()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(body),
            )
            .await
    }

    /// Its pending and past invitations, lazily (Keycloak 26.5+).
    pub fn invitations(&self, id: &str) -> List<OrganizationInvitationRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_ORGANIZATIONS_INVITATIONS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, org), first, max| async move {
                kc.page(
                    kc.api()
                        .get_organizations_invitations()
                        .realm(&realm)
                        .org_id(&org)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// The identity providers linked to it.
    pub fn identity_providers(&self, id: &str) -> List<IdentityProviderRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_ORGANIZATIONS_IDENTITY_PROVIDERS,
            (self.realm.clone(), id.to_string()),
            |kc, (realm, org)| async move {
                kc.page(
                    kc.api()
                        .get_organizations_identity_providers()
                        .realm(&realm)
                        .org_id(&org),
                )
                .await
            },
        )
    }

    /// Link the realm's identity provider `alias` to it.
    pub async fn link_identity_provider(&self, id: &str, alias: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_organizations_identity_providers()
                    .realm(&self.realm)
                    .org_id(id)
                    .body(alias.to_string()),
            )
            .await
    }

    /// Unlink identity provider `alias` (it stays in the realm).
    pub async fn unlink_identity_provider(&self, id: &str, alias: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_organizations_identity_providers_by_alias()
                    .realm(&self.realm)
                    .org_id(id)
                    .alias(alias),
            )
            .await
    }

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

    /// The organizations a user belongs to.
    pub fn of_member(&self, user_id: &str) -> List<OrganizationRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_ORGANIZATIONS_MEMBERS_ORGANIZATIONS,
            (self.realm.clone(), user_id.to_string()),
            |kc, (realm, user)| async move {
                kc.page(
                    kc.api()
                        .get_organizations_members_organizations()
                        .realm(&realm)
                        .member_id(&user)
                        .brief_representation(false),
                )
                .await
            },
        )
    }
}
