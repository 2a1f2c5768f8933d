//! Tracing: one span per request, with the operation's template and outcome,
//! and nothing secret. Its own binary, because a subscriber installed while other
//! tests run in parallel threads misses callsites they registered first.

use keycloak_admin::{Credentials, KeycloakAdmin};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A span's or event's fields, appended as ` name=value`.
struct Fields<'a>(&'a mut String);

impl tracing::field::Visit for Fields<'_> {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        self.0.push_str(&format!(" {}={:?}", field.name(), value));
    }
}

/// Every request emits a `keycloak.request` span with the operation's method,
/// path template, status and duration — and no token, URL value or body.
#[tokio::test]
async fn every_request_emits_a_span_without_secrets() {
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::SubscriberExt;

    #[derive(Clone, Default)]
    struct Capture(Arc<Mutex<Vec<String>>>);
    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Capture {
        fn on_new_span(
            &self,
            attrs: &tracing::span::Attributes<'_>,
            id: &tracing::span::Id,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            let mut line = format!("{} {}", id.into_u64(), attrs.metadata().name());
            attrs.record(&mut Fields(&mut line));
            self.0.lock().unwrap().push(line);
        }
        fn on_record(
            &self,
            id: &tracing::span::Id,
            values: &tracing::span::Record<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            let mut line = format!("{} record", id.into_u64());
            values.record(&mut Fields(&mut line));
            self.0.lock().unwrap().push(line);
        }
        fn on_event(
            &self,
            event: &tracing::Event<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            let mut line = "event".to_string();
            event.record(&mut Fields(&mut line));
            self.0.lock().unwrap().push(line);
        }
    }

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            serde_json::json!({"access_token": "very-secret-token", "expires_in": 60}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(serde_json::json!({"username": "u"})),
        )
        .mount(&server)
        .await;
    let capture = Capture::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(capture.clone()));
    let kc = KeycloakAdmin::builder(server.uri())
        .credentials(Credentials::password("admin", "hunter2-password"))
        .build()
        .unwrap();
    kc.realm("r").users().get("user-id-value").await.unwrap();
    // A retried request: the retry is an event in the request's span, and the
    // span records how many attempts it took.
    Mock::given(wiremock::matchers::path("/admin/realms/r/users/count"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(wiremock::matchers::path("/admin/realms/r/users/count"))
        .respond_with(ResponseTemplate::new(200).set_body_json(4))
        .with_priority(1)
        .mount(&server)
        .await;
    assert_eq!(kc.realm("r").users().count().await.unwrap(), 4);

    let lines = capture.0.lock().unwrap().join("\n");
    assert!(lines.contains("keycloak.request operation=\"get_users_by_user_id\" method=\"GET\" path=\"/admin/realms/{realm}/users/{user-id}\""), "{lines}");
    assert!(lines.contains("status=200"), "{lines}");
    assert!(lines.contains("duration_ms="), "{lines}");
    assert!(
        lines.contains("message=retrying") && lines.contains("cause=503 Service Unavailable"),
        "{lines}"
    );
    assert!(lines.contains("record attempts=2"), "{lines}");
    for secret in ["very-secret-token", "hunter2-password", "user-id-value"] {
        assert!(
            !lines.contains(secret),
            "`{secret}` leaked into tracing: {lines}"
        );
    }
}

/// A field the types do not know is a debug event naming it (target
/// `keycloak_admin_api::drift`), and the value still decodes: the field is
/// kept in `extra`. A stub: a real server cannot be made to send a field
/// this client does not know.
#[tokio::test]
async fn fields_outside_the_types_are_a_debug_event() {
    use std::sync::{Arc, Mutex};
    use tracing_subscriber::layer::SubscriberExt;

    #[derive(Clone, Default)]
    struct Events(Arc<Mutex<Vec<String>>>);
    impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for Events {
        fn on_event(
            &self,
            event: &tracing::Event<'_>,
            _: tracing_subscriber::layer::Context<'_, S>,
        ) {
            let meta = event.metadata();
            let mut line = format!("{} {}", meta.level(), meta.target());
            event.record(&mut Fields(&mut line));
            self.0.lock().unwrap().push(line);
        }
    }

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([
            { "username": "jane", "nickname": "J", "credentials": [{ "type": "password", "strength": 3 }] },
            { "username": "joe" }
        ])))
        .mount(&server)
        .await;
    let events = Events::default();
    let _guard =
        tracing::subscriber::set_default(tracing_subscriber::registry().with(events.clone()));
    let client = keycloak_admin_api::Client::new(&server.uri(), keycloak_admin_api::Hooks::none());
    let users = client
        .get_users()
        .realm("r")
        .send()
        .await
        .unwrap()
        .into_inner();
    assert_eq!(users[0].extra["nickname"], "J", "kept in `extra`");

    let events = events.0.lock().unwrap().clone();
    let drift: Vec<&String> = events
        .iter()
        .filter(|e| e.contains(keycloak_admin_api::drift::TARGET))
        .collect();
    assert_eq!(drift.len(), 1, "{events:?}");
    assert!(drift[0].starts_with("DEBUG"), "{}", drift[0]);
    assert!(drift[0].contains("operation=\"get_users\""), "{}", drift[0]);
    assert!(
        drift[0].contains("fields=CredentialRepresentation.strength, UserRepresentation.nickname"),
        "{}",
        drift[0]
    );
}
