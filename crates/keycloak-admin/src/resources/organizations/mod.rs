use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{OrganizationRepresentation, RealmRepresentation};

pub(crate) mod members;

pub(crate) mod groups;

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
}
