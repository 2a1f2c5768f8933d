use crate::client::KeycloakAdmin;
use crate::error::Result;
use crate::pagination::List;
use keycloak_admin_api::operations as ops;
use keycloak_admin_api::types::WorkflowRepresentation;

/// A realm's workflows: automated steps on realm events (Keycloak 26.4+,
/// feature `WORKFLOWS`). On a server without them every call fails with
/// [`Error::Unsupported`](crate::Error::Unsupported) naming the feature.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::types::{WorkflowRepresentation, WorkflowStepRepresentation};
/// let workflows = kc.realm("rep").workflows();
/// let id = workflows.create(WorkflowRepresentation {
///     name: Some("disable-idle".into()),
///     on: Some("user_created".into()),
///     steps: Some(vec![WorkflowStepRepresentation {
///         uses: Some("disable-user".into()),
///         after: Some("30D".into()),
///         ..Default::default()
///     }]),
///     ..Default::default()
/// }).await?;
/// for w in workflows.list().all().await? {
///     println!("{:?} on {:?}", w.name, w.on);
/// }
/// workflows.delete(&id).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Workflows {
    kc: KeycloakAdmin,
    realm: String,
}

impl Workflows {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl Workflows {
    /// Every workflow of the realm, lazily.
    pub fn list(&self) -> List<WorkflowRepresentation> {
        List::paged(
            &self.kc,
            ops::GET_WORKFLOWS,
            self.realm.clone(),
            |kc, realm, first, max| async move {
                kc.page(kc.api().get_workflows().realm(&realm).first(first).max(max))
                    .await
            },
        )
    }

    /// One workflow by id. Keycloak 26.7 answers an unknown id with 400 "Not a
    /// valid workflow resource", not 404.
    pub async fn get(&self, id: &str) -> Result<WorkflowRepresentation> {
        self.kc
            .send(
                self.kc
                    .api()
                    .get_workflows_by_id()
                    .realm(&self.realm)
                    .id(id),
            )
            .await
    }

    /// Create a workflow; returns its id.
    pub async fn create(&self, workflow: WorkflowRepresentation) -> Result<String> {
        self.kc
            .create(
                self.kc
                    .api()
                    .post_workflows()
                    .realm(&self.realm)
                    .body(workflow),
            )
            .await
    }

    /// Replace a workflow's definition.
    pub async fn update(&self, id: &str, workflow: WorkflowRepresentation) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_workflows_by_id()
                    .realm(&self.realm)
                    .id(id)
                    .body(workflow),
            )
            .await
    }

    /// Delete a workflow.
    pub async fn delete(&self, id: &str) -> Result<()> {
        self.kc
            .send(
                self.kc
                    .api()
                    .delete_workflows_by_id()
                    .realm(&self.realm)
                    .id(id),
            )
            .await
    }
}
