use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::{
    AbstractPolicyRepresentation, PolicyEvaluationRequest, PolicyEvaluationResponse,
    PolicyRepresentation, ResourceRepresentation, ResourceServerRepresentation,
    ScopeRepresentation,
};

pub(crate) mod models;

use models::id_of;
pub use models::{NewPermission, NewPolicy, is_permitted};

/// A client's authorization services (it must have them enabled): resources,
/// scopes, policies, permissions, evaluation, and the whole settings document
/// for export and import. Reached through [`Clients::authorization`](crate::Clients::authorization).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{NewPermission, NewPolicy};
/// let realm = kc.realm("rep");
/// let app = realm.clients().id_by_client_id("documents").await?;
/// let authz = realm.clients().authorization(&app);
/// let report = authz.create_resource("report", &["read", "write"]).await?;
/// let alice = realm.users().id_by_username("alice").await?;
/// let only_alice = authz.create_policy(NewPolicy::users("only alice", [alice.as_str()])).await?;
/// authz.create_permission(
///     NewPermission::scope("read reports").resources([report.as_str()]).scopes(["read"]).policies([only_alice.as_str()]),
/// ).await?;
/// let granted = authz.evaluate(&alice, "report", &["read"]).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Authorization {
    kc: KeycloakAdmin,
    realm: String,
    client: String,
}

impl Authorization {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String, client: String) -> Self {
        Self { kc, realm, client }
    }
}

impl Authorization {
    /// The resource server's settings (enforcement mode, decision strategy).
    pub async fn settings(&self) -> Result<ResourceServerRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_clients_authz_resource_server()
                    .realm(&self.realm)
                    .client_uuid(&self.client),
            )
            .await
    }

    /// Change the resource server's settings.
    pub async fn update_settings(&self, settings: ResourceServerRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_clients_authz_resource_server()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .body(settings),
            )
            .await
    }

    /// Everything (settings, resources, scopes, policies, permissions) as one
    /// document, as the admin console exports it.
    pub async fn export(&self) -> Result<ResourceServerRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_clients_authz_resource_server_settings()
                    .realm(&self.realm)
                    .client_uuid(&self.client),
            )
            .await
    }

    /// Import a document [`export`](Self::export) produced (adds and updates by
    /// name). Keycloak refuses a document with a JS policy (500 "Script upload
    /// is disabled"), such as the "Default Policy" releases before 26.5 create.
    pub async fn import(&self, document: ResourceServerRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .post_clients_authz_resource_server_import()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .body(document),
            )
            .await
    }

    /// Its resources, lazily.
    pub fn resources(&self) -> List<ResourceRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS_AUTHZ_RESOURCE_SERVER_RESOURCE,
            (self.realm.clone(), self.client.clone()),
            |kc, (realm, client), first, max| async move {
                kc.page(
                    kc.api()
                        .get_clients_authz_resource_server_resource()
                        .realm(&realm)
                        .client_uuid(&client)
                        .deep(true)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Create resource `name` with these scopes (created as needed); returns its id.
    pub async fn create_resource(&self, name: &str, scopes: &[&str]) -> Result<String> {
        let resource = ResourceRepresentation {
            name: Some(name.to_string()),
            scopes: Some(
                scopes
                    .iter()
                    .map(|s| ScopeRepresentation {
                        name: Some(s.to_string()),
                        ..Default::default()
                    })
                    .collect(),
            ),
            ..Default::default()
        };
        let created = self
            .kc
            .send(
                self.kc
                    .api()
                    .post_clients_authz_resource_server_resource()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .body(resource),
            )
            .await?;
        created.id.ok_or_else(|| Error::Decode {
            operation: keycloak_admin_api::operations::POST_CLIENTS_AUTHZ_RESOURCE_SERVER_RESOURCE
                .to_string(),
            message: "the created resource has no id".into(),
        })
    }

    /// Delete a resource.
    pub async fn delete_resource(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_clients_authz_resource_server_resource_by_resource_id()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .resource_id(id),
            )
            .await
    }

    /// Its scopes, lazily.
    pub fn scopes(&self) -> List<ScopeRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS_AUTHZ_RESOURCE_SERVER_SCOPE,
            (self.realm.clone(), self.client.clone()),
            |kc, (realm, client), first, max| async move {
                kc.page(
                    kc.api()
                        .get_clients_authz_resource_server_scope()
                        .realm(&realm)
                        .client_uuid(&client)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Its policies (not permissions), lazily, each with its `config`.
    pub fn policies(&self) -> List<PolicyRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS_AUTHZ_RESOURCE_SERVER_POLICY,
            (self.realm.clone(), self.client.clone()),
            |kc, (realm, client), first, max| async move {
                kc.page(
                    kc.api()
                        .get_clients_authz_resource_server_policy()
                        .realm(&realm)
                        .client_uuid(&client)
                        .permission(false)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Its permissions, lazily.
    pub fn permissions(&self) -> List<AbstractPolicyRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_CLIENTS_AUTHZ_RESOURCE_SERVER_PERMISSION,
            (self.realm.clone(), self.client.clone()),
            |kc, (realm, client), first, max| async move {
                kc.page(
                    kc.api()
                        .get_clients_authz_resource_server_permission()
                        .realm(&realm)
                        .client_uuid(&client)
                        .first(first)
                        .max(max),
                )
                .await
            },
        )
    }

    /// Create a policy (user, role, group, client, time, aggregate, …); returns its id.
    pub async fn create_policy(&self, policy: NewPolicy) -> Result<String> {
        let created = self
            .kc
            .send(
                self.kc
                    .api()
                    .post_clients_authz_resource_server_policy_by_type()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .type_(&policy.kind)
                    .body(policy.body),
            )
            .await?;
        id_of(
            created,
            keycloak_admin_api::operations::POST_CLIENTS_AUTHZ_RESOURCE_SERVER_POLICY_BY_TYPE,
        )
    }

    /// Create a permission (scope- or resource-based); returns its id.
    pub async fn create_permission(&self, permission: NewPermission) -> Result<String> {
        let created = self
            .kc
            .send(
                self.kc
                    .api()
                    .post_clients_authz_resource_server_permission_by_type()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .type_(permission.kind)
                    .body(permission.body),
            )
            .await?;
        id_of(
            created,
            keycloak_admin_api::operations::POST_CLIENTS_AUTHZ_RESOURCE_SERVER_PERMISSION_BY_TYPE,
        )
    }

    /// Delete a policy or a permission.
    pub async fn delete_policy(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_clients_authz_resource_server_policy_by_policy_id()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .policy_id(id),
            )
            .await
    }

    /// Would `user_id` get `scopes` on resource `resource` (by name)? The
    /// admin console's "Evaluate": each permission's verdict is in `results`;
    /// [`is_permitted`] reads the answer.
    pub async fn evaluate(
        &self,
        user_id: &str,
        resource: &str,
        scopes: &[&str],
    ) -> Result<PolicyEvaluationResponse> {
        let mut request = PolicyEvaluationRequest {
            client_id: Some(self.client.clone()),
            user_id: Some(user_id.to_string()),
            entitlements: Some(false),
            resources: Some(vec![ResourceRepresentation {
                name: Some(resource.to_string()),
                scopes: Some(
                    scopes
                        .iter()
                        .map(|s| ScopeRepresentation {
                            name: Some(s.to_string()),
                            ..Default::default()
                        })
                        .collect(),
                ),
                ..Default::default()
            }]),
            ..Default::default()
        };
        request.context = Some([("attributes".to_string(), Default::default())].into());
        self.kc
            .send(
                self.kc
                    .api()
                    .post_clients_authz_resource_server_policy_evaluate()
                    .realm(&self.realm)
                    .client_uuid(&self.client)
                    .body(request),
            )
            .await
    }
}
