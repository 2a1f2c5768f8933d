use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::resources::{Authorization, Clients};
use crate::server::Feature;
use keycloak_admin_api::types::RealmRepresentation;

/// Fine-grained admin permissions, version 2 (Keycloak 26.2+, feature
/// `ADMIN_FINE_GRAINED_AUTHZ_V2`): who may administer which users, groups,
/// clients and roles of the realm. Enabling them creates the realm's
/// `admin-permissions` client, whose authorization services hold the policies
/// and permissions ([`authorization`](Self::authorization)).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{NewPermission, NewPolicy};
/// let realm = kc.realm("rep");
/// let admin = realm.admin_permissions();
/// admin.enable().await?;
/// let authz = admin.authorization().await?;
/// let helpdesk = realm.users().id_by_username("helpdesk").await?;
/// let policy = authz.create_policy(NewPolicy::users("helpdesk", [helpdesk.as_str()])).await?;
/// authz.create_permission(
///     NewPermission::scope("helpdesk views users").resource_type("Users").scopes(["view"]).policies([policy.as_str()]),
/// ).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct AdminPermissions {
    kc: KeycloakAdmin,
    realm: String,
}

impl AdminPermissions {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl AdminPermissions {
    /// Switch them on for the realm; [`Error::Unsupported`](crate::Error::Unsupported) when the server
    /// lacks the feature (releases before 26.2, or switched off).
    pub async fn enable(&self) -> Result<()> {
        self.kc.server().await?.require(
            Feature::AdminPermissionsV2,
            keycloak_admin_api::operations::PUT_REALM,
        )?;
        let settings = RealmRepresentation {
            admin_permissions_enabled: Some(true),
            ..Default::default()
        };
        self.kc
            .send(self.kc.api().put_realm().realm(&self.realm).body(settings))
            .await
    }

    /// Whether they are on for the realm.
    pub async fn is_enabled(&self) -> Result<bool> {
        let realm = self
            .kc
            .send(self.kc.api().get_realm().realm(&self.realm))
            .await?;
        Ok(realm.admin_permissions_enabled.unwrap_or(false))
    }

    /// The authorization services of the realm's `admin-permissions` client
    /// (a not-found error until [`enable`](Self::enable)).
    pub async fn authorization(&self) -> Result<Authorization> {
        let clients = Clients::new(self.kc.clone(), self.realm.clone());
        let uuid = clients.id_by_client_id("admin-permissions").await?;
        Ok(clients.authorization(&uuid))
    }
}
