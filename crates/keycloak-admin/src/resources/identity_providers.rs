use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    IdentityProviderMapperRepresentation, IdentityProviderRepresentation,
};

/// A realm's identity providers (brokers) and their mappers.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::IdentityProviderRepresentation;
/// let idps = kc.realm("rep").identity_providers();
/// idps.create(IdentityProviderRepresentation {
///     alias: Some("corp".into()),
///     provider_id: Some("oidc".into()),
///     ..Default::default()
/// }).await?;
/// let corp = idps.get("corp").await?;
/// let mappers = idps.mappers("corp").all().await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct IdentityProviders {
    kc: KeycloakAdmin,
    realm: String,
}

impl IdentityProviders {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    /// Add a mapper to an identity provider.
    pub async fn add_mapper(
        &self,
        alias: &str,
        mapper: IdentityProviderMapperRepresentation,
    ) -> Result<()> {
        let req = self
            .kc
            .api()
            .post_identity_provider_instances_mappers()
            .realm(&self.realm)
            .alias(alias)
            .body(mapper);
        self.kc.send(req).await
    }
}

impl IdentityProviders {
    /// The realm's identity providers.
    pub fn list(&self) -> List<IdentityProviderRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_IDENTITY_PROVIDER_INSTANCES,
            self.realm.clone(),
            |kc, realm, first, max| async move {
                kc.page(
                    kc.api()
                        .get_identity_provider_instances()
                        .realm(&realm)
                        .brief_representation(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// An identity provider by alias.
    pub async fn get(&self, alias: &str) -> Result<IdentityProviderRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_identity_provider_instances_by_alias()
                    .realm(&self.realm)
                    .alias(alias),
            )
            .await
    }

    /// Add an identity provider.
    pub async fn create(&self, idp: IdentityProviderRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_identity_provider_instances()
                    .realm(&self.realm)
                    .body(idp),
            )
            .await
            .map(|_| ())
    }

    /// Remove an identity provider.
    pub async fn delete(&self, alias: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_identity_provider_instances_by_alias()
                    .realm(&self.realm)
                    .alias(alias),
            )
            .await
            .map(|_| ())
    }

    /// The mappers of an identity provider.
    pub fn mappers(&self, alias: &str) -> List<IdentityProviderMapperRepresentation> {
        List::whole(
            &self.kc,
            ops::GET_IDENTITY_PROVIDER_INSTANCES_MAPPERS,
            (self.realm.clone(), alias.to_string()),
            |kc, (realm, alias)| async move {
                kc.page(
                    kc.api()
                        .get_identity_provider_instances_mappers()
                        .realm(&realm)
                        .alias(&alias),
                )
                .await
            },
        )
    }
}
