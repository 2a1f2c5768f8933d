//! What the sweeps cannot guess: the server's features, fixed parameter
//! values, recipes for operations that need a resource of their own (a
//! delete that must not take a shared fixture with it), query values, bodies,
//! the operations left out (each with its reason) and the drift allowed (each
//! with its reason).

use crate::ctx::Ctx;
use crate::step::{LOGIN, Step, call};
use keycloak_testkit::Server;
use serde_json::{Value, json};

/// The server of this binary: the harness's, with the features whose routes
/// the document has but a default server answers 501 ("Feature not
/// enabled"): fine-grained admin permissions v1 (the `management/permissions`
/// routes) and client types. A server at `KEYCLOAK_URL` runs with its own.
pub async fn server() -> Server {
    let builder = keycloak_launcher::KeycloakServer::from_env();
    let version = builder.settings().version.clone();
    // Feature versions are named from 26.2 on (v2 became the default then).
    let v1 = if version.as_str() < "26.2" {
        "admin-fine-grained-authz"
    } else {
        "admin-fine-grained-authz:v1"
    };
    let features = [v1, "client-types", "client-secret-rotation"];
    let server = Server::start(builder.features(features))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    eprintln!(
        "conformance: Keycloak {} at {} (client generated from Keycloak {}'s document)",
        server.version(),
        server.base_url(),
        keycloak_admin_api::KEYCLOAK_VERSION
    );
    server
}

/// Deletes of the fixtures most routes hang off, run after every other delete.
pub const LAST_DELETES: &[&str] = &[
    "delete_organizations_by_org_id",
    "delete_users_by_user_id",
    "delete_groups_by_group_id",
    "delete_clients_by_client_uuid",
    "delete_identity_provider_instances_by_alias",
    "delete_components_by_id",
];

/// Parameter values that are names, not ids.
pub const FIXED: &[(&str, &str)] = &[
    ("role-name", "conf-role"),
    ("flowAlias", "conf-flow"),
    ("instances/alias", "conf-idp"),
    ("identity-providers/alias", "conf-idp"),
    ("provider", "conf-idp"),
    ("required-actions/alias", "CONFIGURE_TOTP"),
    ("locale", "en"),
    ("key", "conf.greeting"),
    ("node", "conf-node"),
    ("protocol", "openid-connect"),
    ("attr", "jwt.credential"),
    (
        "config-description/providerId",
        "identity-provider-redirector",
    ),
    ("providers/providerId", "keycloak-oidc-keycloak-json"),
    ("provider_id", "oidc"),
    ("path", "conf-group"),
    (
        "/organizations/{org-id}/groups/group-by-path/{path}",
        "conf-org-group",
    ),
    ("policy/type", "role"),
    ("permission/type", "resource"),
    ("consents/client", "conf-client"),
    ("activate/type", "USERS"),
    ("deactivate/type", "USERS"),
];

/// Parameters that name a fixture made under another key.
const ALIASES: &[(&str, &str)] = &[
    ("userId", "user-id"),
    ("member-id", "user-id"),
    ("resourceId", "user-id"),
    ("scheduled/resource-id", "user-id"),
    ("groupId", "group-id"),
    ("clientUuid", "client-uuid"),
    ("targetClientUuid", "client-uuid"),
    ("client-id", "client-uuid"),
    ("client", "client-uuid"),
    ("roleContainerId", "client-uuid"),
    ("clientScopeId", "client-scope-id"),
    ("newPreviousCredentialId", "credentialId"),
    ("workflows/id", "workflow-id"),
];

/// Copy each fixture to the keys that alias it (once it exists).
pub fn alias(ctx: &mut Ctx) {
    for (alias, source) in ALIASES {
        if let Some(v) = ctx.get(source).map(str::to_string) {
            ctx.set(alias, v);
        }
    }
}

/// Operations not called, with the reason.
pub fn excluded(op: &str) -> Option<&'static str> {
    Some(match op {
        "post_clients_certificates_upload"
        | "post_clients_certificates_upload_certificate"
        | "post_identity_provider_upload_certificate" => {
            "takes a multipart/form-data file upload the document does not declare (the generated builder has no body)"
        }
        "post_test_smtp_connection" => {
            "mails a test message to the calling admin's own address; the harness's bootstrap admin has none (and changing it would touch the master realm)"
        }
        _ => return None,
    })
}

/// Operations observed to behave differently on an older release, with what
/// was seen: recorded in the report, not counted as unproven.
pub fn differs(op: &str, version: &str) -> Option<&'static str> {
    let minor = version.split('.').take(2).collect::<Vec<_>>().join(".");
    match (op, minor.as_str()) {
        (
            "get_authentication_required_actions_config"
            | "put_authentication_required_actions_config"
            | "delete_authentication_required_actions_config"
            | "get_authentication_required_actions_config_description",
            "26.0",
        ) => Some(
            "the routes exist, but CONFIGURE_TOTP is not configurable on 26.0 (400 \"RequiredAction is \
             not configurable\", 404 for its description); on 26.7 it is",
        ),
        _ => None,
    }
}

/// Fields an operation's answer may carry outside its type, with the reason.
pub fn allowed_drift(op: &str, field: &str) -> Option<&'static str> {
    match (op, field.split_once('.').map_or(field, |(model, _)| model)) {
        ("get_serverinfo", "ServerInfoRepresentation") => Some(
            "serverinfo's provider catalogue (themes, providers, component and mapper types, …) is \
             undocumented and varies with the installed providers; kept in `extra`",
        ),
        // The claims of the protocol mappers the fixtures add (`conf`,
        // `conf-mapper2`, …): a token's own claims, kept in `extra` by design.
        (_, "AccessToken" | "IdToken")
            if field
                .split_once('.')
                .is_some_and(|(_, c)| c.starts_with("conf")) =>
        {
            Some(
                "claims added by the realm's protocol mappers are the token's other claims: `extra` is where they live",
            )
        }
        (_, "PolicyRepresentation") if op.contains("authz_resource_server_p") => Some(
            "a typed policy's own fields (roles, users, clients, groups, …) travel in `extra` by \
             design: PolicyRepresentation is the shape common to every policy type",
        ),
        _ => None,
    }
}

fn roles(id: &str, name: &str) -> Value {
    json!([{ "id": id, "name": name }])
}

/// Steps that replace the sweep's one call for an operation.
pub fn recipe(op: &'static str) -> Option<Vec<Step>> {
    let user2 = |id: &'static str| call(id).path("user-id", "${user2-id}");
    Some(match op {
        // The second user's two credentials.
        "put_users_credentials_user_label" => vec![user2(op).raw("conf-label")],
        "post_users_credentials_move_after_by_new_previous_credential_id" => vec![
            user2(op)
                .path("credentialId", "${otp-credential-id}")
                .path("newPreviousCredentialId", "${credentialId}"),
        ],
        "post_users_credentials_move_to_first" => {
            vec![user2(op).path("credentialId", "${otp-credential-id}")]
        }
        "delete_users_credentials_by_credential_id" => {
            vec![user2(op).path("credentialId", "${otp-credential-id}")]
        }
        "put_users_disable_credential_types" => vec![user2(op).body(json!(["otp"]))],
        "post_client_description_converter" => {
            vec![
                call(op)
                    .raw(r#"{"clientId":"conf-converted","redirectUris":["http://localhost/cb"]}"#),
            ]
        }
        // Sessions and offline tokens die with the logouts of the POST sweep.
        "delete_sessions_by_session" => vec![
            call(LOGIN),
            call("get_users_sessions").keep("/0/id", "session"),
            call(op),
        ],
        "delete_users_consents_by_client" => vec![call(LOGIN), call(op)],
        // Deletes of a resource another route also deletes (client templates
        // are client scopes; roles by id are roles): each its own victim.
        "delete_client_templates_by_client_scope_id" => vec![
            call("post_client_templates")
                .body(json!({ "name": "conf-victim-template", "protocol": "openid-connect" }))
                .location("victim"),
            call(op).path("client-scope-id", "${victim}"),
        ],
        "delete_client_templates_protocol_mappers_models_by_id" => vec![
            call("post_client_templates_protocol_mappers_models")
                .body(mapper("conf-victim-mapper"))
                .location("victim"),
            call(op).path("id", "${victim}"),
        ],
        "delete_roles_by_role_name" => vec![
            call("post_roles").body(json!({ "name": "conf-victim-role" })),
            call(op).path("role-name", "conf-victim-role"),
        ],
        "delete_roles_by_id_by_role_id" => vec![
            call("post_roles").body(json!({ "name": "conf-victim-role2" })),
            call("get_roles_by_role_name")
                .path("role-name", "conf-victim-role2")
                .keep("/id", "victim"),
            call(op).path("role-id", "${victim}"),
        ],
        "delete_clients_roles_by_role_name" => vec![
            call("post_clients_roles").body(json!({ "name": "conf-victim-role" })),
            call(op).path("role-name", "conf-victim-role"),
        ],
        "delete_roles_by_id_composites" => vec![
            call("post_roles_by_id_composites").body(roles("${composite-id}", "conf-composite")),
            call(op).body(roles("${composite-id}", "conf-composite")),
        ],
        // What the PUT sweep made default (optional) goes again.
        "delete_default_default_client_scopes_by_client_scope_id" => {
            vec![call(op).path("clientScopeId", "${scope-default-id}")]
        }
        "delete_default_optional_client_scopes_by_client_scope_id" => {
            vec![call(op).path("clientScopeId", "${scope-opt-id}")]
        }
        "put_default_default_client_scopes_by_client_scope_id" => {
            vec![call(op).path("clientScopeId", "${scope-default-id}")]
        }
        "put_default_optional_client_scopes_by_client_scope_id"
        | "put_clients_optional_client_scopes_by_client_scope_id"
        | "delete_clients_optional_client_scopes_by_client_scope_id" => {
            vec![call(op).path("clientScopeId", "${scope-opt-id}")]
        }
        "post_clients_certificates_download" => vec![
            call("post_clients_certificates_generate"),
            call(op).body(body("post_clients_certificates_generate_and_download").unwrap()),
        ],
        "delete_organizations_invitations_by_id" => vec![
            call("get_organizations_invitations").find(
                "email",
                "invitee@conf.example",
                "id",
                "invitations/id",
            ),
            call(op),
        ],
        "delete_client_scopes_by_client_scope_id" => vec![
            call("post_client_scopes")
                .body(json!({ "name": "conf-victim-scope", "protocol": "openid-connect" }))
                .location("victim"),
            call(op).path("client-scope-id", "${victim}"),
        ],
        "get_clients_client_secret_rotated" | "delete_clients_client_secret_rotated" => {
            vec![call(op).path("client-uuid", "${rotating-uuid}")]
        }
        // A permission's policies, resources and scopes.
        "get_clients_authz_resource_server_policy_associated_policies"
        | "get_clients_authz_resource_server_policy_resources" => {
            vec![call(op).path("policy-id", "${permission-id}")]
        }
        "get_clients_authz_resource_server_policy_scopes" => {
            vec![call(op).path("policy-id", "${scope-permission-id}")]
        }
        "post_workflows_migrate" => vec![
            call(op)
                .query("from", "${workflow-step-id}")
                .query("to", "${workflow-step-id}"),
        ],
        _ => return None,
    })
}

fn mapper(name: &str) -> Value {
    json!({
        "name": name, "protocol": "openid-connect", "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": { "claim.name": name, "claim.value": "x", "jsonType.label": "String",
                    "access.token.claim": "true" }
    })
}

/// Query values an operation needs to answer 2xx.
pub fn query(op: &str) -> Vec<(&'static str, &'static str)> {
    match op {
        "get_clients_evaluate_scopes_generate_example_access_token"
        | "get_clients_evaluate_scopes_generate_example_id_token"
        | "get_clients_evaluate_scopes_generate_example_saml_response"
        | "get_clients_evaluate_scopes_generate_example_userinfo" => {
            vec![("userId", "${user-id}"), ("scope", "openid")]
        }
        "get_clients_authz_resource_server_permission_search" => vec![("name", "conf-perm")],
        "get_clients_authz_resource_server_policy_search" => vec![("name", "conf-policy")],
        "get_clients_authz_resource_server_resource_search" => vec![("name", "conf-res")],
        "get_clients_authz_resource_server_scope_search" => vec![("name", "conf-read")],
        "get_components_sub_component_types" => {
            vec![(
                "type",
                "org.keycloak.storage.ldap.mappers.LDAPStorageMapper",
            )]
        }
        _ => Vec::new(),
    }
}

/// A body the sweep sends instead of none (POST, DELETE) or of the GET
/// twin's answer (PUT).
pub fn body(op: &str) -> Option<Value> {
    let permissions = json!({ "enabled": true });
    Some(match op {
        "put_clients_management_permissions"
        | "put_clients_roles_management_permissions"
        | "put_groups_management_permissions"
        | "put_identity_provider_instances_management_permissions"
        | "put_roles_by_id_management_permissions"
        | "put_roles_management_permissions"
        | "put_users_management_permissions" => permissions,
        "put_users_execute_actions_email" => json!(["UPDATE_PASSWORD"]),
        "put_users_reset_password" => {
            json!({ "type": "password", "value": "Conf-passw0rd", "temporary": false })
        }
        "put_authentication_flows_executions" => {
            json!({ "id": "${executionId}", "requirement": "ALTERNATIVE" })
        }
        "post_authentication_config" => {
            json!({ "alias": "conf-config2", "config": { "defaultProvider": "conf-idp" } })
        }
        "post_client_scopes_protocol_mappers_add_models" => json!([mapper("conf-mapper2")]),
        "post_client_templates_protocol_mappers_add_models" => json!([mapper("conf-mapper3")]),
        "post_clients_protocol_mappers_add_models" => json!([mapper("conf-mapper4")]),
        "post_client_templates_protocol_mappers_models" => mapper("conf-mapper5"),
        "post_client_templates" => json!({ "name": "conf-template", "protocol": "openid-connect" }),
        "post_client_templates_scope_mappings_clients_by_client" => {
            roles("${client-role-id}", "conf-role")
        }
        "post_client_templates_scope_mappings_realm" => roles("${role-id}", "conf-role"),
        "post_clients_authz_resource_server_import" => json!({
            "allowRemoteResourceManagement": true, "policyEnforcementMode": "ENFORCING",
            "decisionStrategy": "UNANIMOUS", "resources": [], "policies": [], "scopes": []
        }),
        "post_clients_authz_resource_server_policy_evaluate"
        | "post_clients_authz_resource_server_permission_evaluate" => json!({
            "userId": "${user-id}", "resources": [{ "_id": "${resource-id}" }],
            "entitlements": false, "context": { "attributes": {} }
        }),
        // The untyped route reads a policy's own fields from `config` (as JSON text).
        "post_clients_authz_resource_server_policy" => json!({
            "name": "conf-policy2", "type": "role",
            "config": { "roles": "[{\"id\":\"${role-id}\",\"required\":false}]" }
        }),

        "post_clients_certificates_generate_and_download" => {
            // (no keySize/validity: 26.0 refuses fields it does not know)
            json!({ "format": "PKCS12", "keyAlias": "conf", "keyPassword": "conf-secret",
                    "storePassword": "conf-secret", "realmCertificate": false })
        }
        "post_identity_provider_import_config" => json!({
            "providerId": "oidc",
            "fromUrl": "${base-url}/realms/${realm}/.well-known/openid-configuration"
        }),
        "post_organizations_members_invite_existing_user" => json!({ "id": "${user2-id}" }),
        "post_partial_import" => json!({
            "ifResourceExists": "SKIP", "users": [{ "username": "conf-imported", "enabled": true }]
        }),
        "put_organizations_groups_by_group_id" => json!({ "name": "conf-org-group" }),
        "post_authentication_register_required_action" => {
            json!({ "providerId": "delete_account", "name": "Delete Account" })
        }
        _ => return None,
    })
}
