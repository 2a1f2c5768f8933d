use super::{
    AdminPermissions, Authentication, ClientPolicies, ClientScopes, Clients, Components, Events,
    Groups, IdentityProviders, Organizations, Roles, UserProfile, Users, Workflows,
};
use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    KeysMetadataRepresentation, PartialImportRepresentation, PartialImportResults,
    RealmRepresentation,
};

/// All realms of the server.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::RealmRepresentation;
/// let realms = kc.realms();
/// realms.create(RealmRepresentation { realm: Some("rep".into()), enabled: Some(true), ..Default::default() }).await?;
/// let names: Vec<_> = realms.list().all().await?.into_iter().filter_map(|r| r.realm).collect();
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Realms {
    kc: KeycloakAdmin,
}

impl Realms {
    pub(crate) fn new(kc: KeycloakAdmin) -> Self {
        Self { kc }
    }
}

impl Realms {
    /// Every realm the caller may see.
    pub fn list(&self) -> List<RealmRepresentation> {
        List::whole(&self.kc, ops::GET_REALMS, (), |kc, ()| async move {
            kc.page(kc.api().get_realms().brief_representation(false))
                .await
        })
    }

    /// Create a realm (its name is `realm.realm`).
    pub async fn create(&self, realm: RealmRepresentation) -> Result<()> {
        self.kc
            .send(self.kc.api().post_realms().body(realm))
            .await
            .map(|_| ())
    }
}

/// One realm, by name.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// let rep = kc.realm("rep");
/// let realm = rep.get().await?;
/// let n = rep.users().count().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct RealmHandle {
    kc: KeycloakAdmin,
    name: String,
}

impl RealmHandle {
    pub(crate) fn new(kc: KeycloakAdmin, name: String) -> Self {
        Self { kc, name }
    }

    /// The realm's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Export the realm, optionally with its clients and its groups and roles.
    pub async fn partial_export(
        &self,
        clients: bool,
        groups_and_roles: bool,
    ) -> Result<RealmRepresentation> {
        let req = self
            .kc
            .api()
            .post_partial_export()
            .realm(&self.name)
            .export_clients(clients)
            .export_groups_and_roles(groups_and_roles);
        self.kc.send(req).await
    }

    /// Import users, clients, groups, roles and identity providers into the realm.
    pub async fn partial_import(
        &self,
        import: PartialImportRepresentation,
    ) -> Result<PartialImportResults> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_partial_import()
                    .realm(&self.name)
                    .body(import),
            )
            .await
    }
}

impl RealmHandle {
    /// Its users.
    pub fn users(&self) -> Users {
        Users::new(self.kc.clone(), self.name.clone())
    }

    /// Its groups.
    pub fn groups(&self) -> Groups {
        Groups::new(self.kc.clone(), self.name.clone())
    }

    /// Its clients.
    pub fn clients(&self) -> Clients {
        Clients::new(self.kc.clone(), self.name.clone())
    }

    /// Realm-level roles.
    pub fn roles(&self) -> Roles {
        Roles::of_realm(self.kc.clone(), self.name.clone())
    }

    /// Its client scopes.
    pub fn client_scopes(&self) -> ClientScopes {
        ClientScopes::new(self.kc.clone(), self.name.clone())
    }

    /// Its identity providers.
    pub fn identity_providers(&self) -> IdentityProviders {
        IdentityProviders::new(self.kc.clone(), self.name.clone())
    }

    /// Its authentication flows and required actions.
    pub fn authentication(&self) -> Authentication {
        Authentication::new(self.kc.clone(), self.name.clone())
    }

    /// Its organizations (Keycloak 26+).
    pub fn organizations(&self) -> Organizations {
        Organizations::new(self.kc.clone(), self.name.clone())
    }

    /// Its fine-grained admin permissions (v2, Keycloak 26.2+).
    pub fn admin_permissions(&self) -> AdminPermissions {
        AdminPermissions::new(self.kc.clone(), self.name.clone())
    }

    /// Its client policies and profiles.
    pub fn client_policies(&self) -> ClientPolicies {
        ClientPolicies::new(self.kc.clone(), self.name.clone())
    }

    /// Its user profile (declared attributes, unmanaged-attribute policy).
    pub fn user_profile(&self) -> UserProfile {
        UserProfile::new(self.kc.clone(), self.name.clone())
    }

    /// Its workflows (Keycloak 26.4+, feature `WORKFLOWS`).
    pub fn workflows(&self) -> Workflows {
        Workflows::new(self.kc.clone(), self.name.clone())
    }

    /// Its components (key providers, user federation, …).
    pub fn components(&self) -> Components {
        Components::new(self.kc.clone(), self.name.clone())
    }

    /// Its stored events and their configuration.
    pub fn events(&self) -> Events {
        Events::new(self.kc.clone(), self.name.clone())
    }

    /// The realm's active keys (kid, algorithm, certificate, …).
    pub async fn keys(&self) -> Result<KeysMetadataRepresentation> {
        self.kc
            .send(self.kc.api().get_keys().realm(&self.name))
            .await
    }

    /// The realm's representation.
    pub async fn get(&self) -> Result<RealmRepresentation> {
        self.kc
            .send(self.kc.api().get_realm().realm(&self.name))
            .await
    }

    /// Update the realm's settings (only the fields set are changed).
    pub async fn update(&self, realm: RealmRepresentation) -> Result<()> {
        self.kc
            .send(self.kc.api().put_realm().realm(&self.name).body(realm))
            .await
            .map(|_| ())
    }

    /// Delete the realm and everything in it.
    pub async fn delete(&self) -> Result<()> {
        self.kc
            .send(self.kc.api().delete_realm().realm(&self.name))
            .await
            .map(|_| ())
    }
}
