use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::types::{ClientPoliciesRepresentation, ClientProfilesRepresentation};

/// A realm's client policies and client profiles: which executors (PKCE
/// enforcement, secure redirect URIs, …) apply to which clients.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::{ClientPolicyExecutorRepresentation, ClientProfileRepresentation};
/// let policies = kc.realm("rep").client_policies();
/// let mut profiles = policies.profiles().await?;
/// profiles.profiles.get_or_insert_with(Vec::new).push(ClientProfileRepresentation {
///     name: Some("pkce".into()),
///     executors: Some(vec![ClientPolicyExecutorRepresentation {
///         executor: Some("pkce-enforcer".into()),
///         ..Default::default()
///     }]),
///     ..Default::default()
/// });
/// policies.set_profiles(profiles).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ClientPolicies {
    kc: KeycloakAdmin,
    realm: String,
}

impl ClientPolicies {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl ClientPolicies {
    /// The realm's client policies (`global_policies` too: Keycloak's built-in ones).
    pub async fn policies(&self) -> Result<ClientPoliciesRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_client_policies_policies()
                    .realm(&self.realm)
                    .include_global_policies(true),
            )
            .await
    }

    /// Replace the realm's client policies (global ones are not written).
    pub async fn set_policies(&self, policies: ClientPoliciesRepresentation) -> Result<()> {
        let policies = ClientPoliciesRepresentation {
            global_policies: None,
            ..policies
        };
        self.kc
            .send(
                self.kc
                    .api()
                    .put_client_policies_policies()
                    .realm(&self.realm)
                    .body(policies),
            )
            .await
    }

    /// The realm's client profiles (`global_profiles` too: Keycloak's built-in ones).
    pub async fn profiles(&self) -> Result<ClientProfilesRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_client_policies_profiles()
                    .realm(&self.realm)
                    .include_global_profiles(true),
            )
            .await
    }

    /// Replace the realm's client profiles (global ones are not written).
    pub async fn set_profiles(&self, profiles: ClientProfilesRepresentation) -> Result<()> {
        let profiles = ClientProfilesRepresentation {
            global_profiles: None,
            ..profiles
        };
        self.kc
            .send(
                self.kc
                    .api()
                    .put_client_policies_profiles()
                    .realm(&self.realm)
                    .body(profiles),
            )
            .await
    }
}
