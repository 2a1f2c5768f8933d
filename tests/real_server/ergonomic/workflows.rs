//! Workflows through their handle: the whole life cycle where the server has
//! the feature (26.7 turns it on by default), one `Unsupported` naming the
//! feature per verb where it does not.

use crate::server;
use keycloak_admin::types::{WorkflowRepresentation, WorkflowStepRepresentation};
use keycloak_admin::{Feature, Version};

fn disable_after(days: u32) -> WorkflowRepresentation {
    WorkflowRepresentation {
        name: Some("disable-idle".into()),
        on: Some("user_created".into()),
        steps: Some(vec![WorkflowStepRepresentation {
            uses: Some("disable-user".into()),
            after: Some(format!("{days}D")),
            ..Default::default()
        }]),
        ..Default::default()
    }
}

#[tokio::test]
async fn workflows_live_and_die_where_the_server_has_them() {
    let server = server().await;
    let realm = server.new_realm().await.unwrap();
    let kc = server.admin();
    let caps = kc.server().await.unwrap();
    let workflows = kc.realm(realm.name()).workflows();

    if caps.is_enabled(Feature::Workflows) {
        assert!(workflows.list().all().await.unwrap().is_empty());
        let id = workflows.create(disable_after(30)).await.unwrap();
        let got = workflows.get(&id).await.unwrap();
        assert_eq!(got.name.as_deref(), Some("disable-idle"));
        let steps = got.steps.unwrap_or_default();
        assert_eq!(steps.len(), 1, "{steps:?}");
        assert_eq!(steps[0].uses.as_deref(), Some("disable-user"));

        let mut changed = disable_after(60);
        changed.id = Some(id.clone());
        workflows.update(&id, changed).await.unwrap();
        let listed = workflows.list().all().await.unwrap();
        assert_eq!(listed.len(), 1);
        let steps = listed[0].steps.clone().unwrap_or_default();
        assert_eq!(steps[0].after.as_deref(), Some("60D"), "{steps:?}");

        workflows.delete(&id).await.unwrap();
        // Keycloak 26.7 answers a missing workflow with 400, not 404.
        let gone = workflows.get(&id).await.unwrap_err();
        assert_eq!(gone.status(), Some(400), "{gone:?}");
        assert!(
            gone.to_string()
                .contains(&format!("Not a valid workflow resource: {id}")),
            "{gone}"
        );
        assert!(workflows.list().all().await.unwrap().is_empty());
    } else {
        assert!(
            caps.version() < Version::new(26, 7, 0),
            "26.7 has workflows on"
        );
        let errors = [
            workflows.list().all().await.unwrap_err(),
            workflows.create(disable_after(30)).await.unwrap_err(),
            workflows.get("any").await.unwrap_err(),
            workflows.delete("any").await.unwrap_err(),
        ];
        for err in errors {
            assert!(err.is_unsupported(), "{err:?}");
            let keycloak_admin::Error::Unsupported { feature, .. } = &err else {
                unreachable!()
            };
            assert_eq!(feature.as_deref(), Some("WORKFLOWS"), "{err}");
        }
    }
}
