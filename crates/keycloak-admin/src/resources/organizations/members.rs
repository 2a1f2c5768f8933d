//! An organization's members, invitations and identity providers.

use super::Organizations;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    IdentityProviderRepresentation, MemberRepresentation, OrganizationInvitationRepresentation,
    OrganizationRepresentation, PostOrganizationsMembersInviteExistingUserBody,
    PostOrganizationsMembersInviteUserBody,
};

impl Organizations {
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
