use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    IdentityProviderMapperRepresentation, IdentityProviderRepresentation,
};

/// A realm's identity providers (brokers) and their mappers.
#[derive(Debug, Clone)]
pub struct IdentityProviders {
    kc: KeycloakAdmin,
    realm: String,
}

impl IdentityProviders {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }

    pub async fn list(&self) -> Result<Vec<IdentityProviderRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_IDENTITY_PROVIDER_INSTANCES,
                self.kc
                    .api()
                    .get_identity_provider_instances()
                    .realm(&self.realm)
                    .brief_representation(false)
                    .send(),
            )
            .await?
            .into_inner())
    }

    pub async fn get(&self, alias: &str) -> Result<IdentityProviderRepresentation> {
        Ok(self
            .kc
            .call(
                ops::GET_IDENTITY_PROVIDER_INSTANCES_BY_ALIAS,
                self.kc
                    .api()
                    .get_identity_provider_instances_by_alias()
                    .realm(&self.realm)
                    .alias(alias)
                    .send(),
            )
            .await?
            .into_inner())
    }

    pub async fn create(&self, idp: IdentityProviderRepresentation) -> Result<()> {
        self.kc
            .call(
                ops::POST_IDENTITY_PROVIDER_INSTANCES,
                self.kc
                    .api()
                    .post_identity_provider_instances()
                    .realm(&self.realm)
                    .body(idp)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    pub async fn delete(&self, alias: &str) -> Result<()> {
        self.kc
            .call(
                ops::DELETE_IDENTITY_PROVIDER_INSTANCES_BY_ALIAS,
                self.kc
                    .api()
                    .delete_identity_provider_instances_by_alias()
                    .realm(&self.realm)
                    .alias(alias)
                    .send(),
            )
            .await
            .map(|_| ())
    }

    pub async fn mappers(&self, alias: &str) -> Result<Vec<IdentityProviderMapperRepresentation>> {
        Ok(self
            .kc
            .call(
                ops::GET_IDENTITY_PROVIDER_INSTANCES_MAPPERS,
                self.kc
                    .api()
                    .get_identity_provider_instances_mappers()
                    .realm(&self.realm)
                    .alias(alias)
                    .send(),
            )
            .await?
            .into_inner())
    }

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
            .body(mapper)
            .send();
        self.kc
            .call(ops::POST_IDENTITY_PROVIDER_INSTANCES_MAPPERS, req)
            .await
            .map(|_| ())
    }
}
