//! The fixtures: a throw-away realm holding every kind of resource the API
//! has, made through the operations themselves (each such call counts as
//! that operation exercised). Names start with `conf-`; one name serves
//! every route whose parameter means the same thing (the realm role and the
//! client role are both `conf-role`).

use crate::step::{Step, call};
use serde_json::json;

fn role(id: &str, name: &str) -> serde_json::Value {
    json!([{ "id": id, "name": name }])
}

/// Everything before the sweeps, in order.
pub fn setup() -> Vec<Step> {
    let mapper = json!({
        "name": "conf-mapper", "protocol": "openid-connect",
        "protocolMapper": "oidc-hardcoded-claim-mapper",
        "config": { "claim.name": "conf", "claim.value": "x", "jsonType.label": "String",
                    "access.token.claim": "true", "id.token.claim": "true", "userinfo.token.claim": "true" }
    });
    vec![
        call("post_realms").body(json!({
            "realm": "${realm}", "enabled": true,
            "eventsEnabled": true, "adminEventsEnabled": true, "adminEventsDetailsEnabled": true,
            "organizationsEnabled": true, "internationalizationEnabled": true,
            "supportedLocales": ["en"], "defaultLocale": "en",
            "smtpServer": { "host": "127.0.0.1", "port": "${smtp-port}", "from": "kc@conf.example" }
        })),
        call("get_realm").keep("/id", "realm-id"),
        // Roles: a realm role and a client role of the same name, composites.
        call("post_roles").body(json!({ "name": "conf-role", "description": "conformance" })),
        call("post_roles").body(json!({ "name": "conf-composite" })),
        call("get_roles_by_role_name").keep("/id", "role-id"),
        call("get_roles_by_role_name")
            .path("role-name", "conf-composite")
            .keep("/id", "composite-id"),
        call("post_clients")
            .body(json!({
                "clientId": "conf-client", "publicClient": false, "serviceAccountsEnabled": true,
                "authorizationServicesEnabled": true, "directAccessGrantsEnabled": true,
                "standardFlowEnabled": true, "redirectUris": ["http://localhost/*"]
            }))
            .location("client-uuid"),
        call("post_clients")
            .body(json!({ "clientId": "conf-public", "publicClient": true, "directAccessGrantsEnabled": true }))
            .location("public-uuid"),
        call("get_clients_client_secret").keep("/value", "client-secret"),
        call("post_clients_roles").body(json!({ "name": "conf-role" })),
        call("get_clients_roles_by_role_name").keep("/id", "client-role-id"),
        call("post_roles_composites").body(role("${composite-id}", "conf-composite")),
        call("post_clients_roles_composites").body(role("${composite-id}", "conf-composite")),
        call("post_roles_by_id_composites").body(role("${client-role-id}", "conf-role")),
        // The client role is a composite of another role of its client.
        call("post_clients_roles").body(json!({ "name": "conf-client-composite" })),
        call("get_clients_roles_by_role_name")
            .path("role-name", "conf-client-composite")
            .keep("/id", "client-composite-id"),
        call("post_clients_roles_composites")
            .body(role("${client-composite-id}", "conf-client-composite")),
        // Client scopes and protocol mappers.
        call("post_client_scopes")
            .body(json!({ "name": "conf-scope", "protocol": "openid-connect",
                          "attributes": { "include.in.token.scope": "true" } }))
            .location("client-scope-id"),
        // Two more, never attached: the realm's default and optional scopes
        // (a scope cannot be both, nor be a client's default and optional).
        call("post_client_scopes")
            .body(json!({ "name": "conf-scope-opt", "protocol": "openid-connect" }))
            .location("scope-opt-id"),
        call("post_client_scopes")
            .body(json!({ "name": "conf-scope-default", "protocol": "openid-connect" }))
            .location("scope-default-id"),
        call("post_client_scopes_protocol_mappers_models")
            .body(mapper.clone())
            .location("/client-scopes/{client-scope-id}/protocol-mappers/models/{id}")
            .location("/client-templates/{client-scope-id}/protocol-mappers/models/{id}"),
        call("post_clients_protocol_mappers_models")
            .body(mapper)
            .location("/clients/{client-uuid}/protocol-mappers/models/{id}"),
        call("post_client_scopes_scope_mappings_realm").body(role("${role-id}", "conf-role")),
        call("post_client_scopes_scope_mappings_clients_by_client")
            .body(role("${client-role-id}", "conf-role")),
        call("post_clients_scope_mappings_realm").body(role("${role-id}", "conf-role")),
        call("post_clients_scope_mappings_clients_by_client")
            .body(role("${client-role-id}", "conf-role")),
        // Groups with a subgroup and role mappings.
        call("post_groups")
            .body(json!({ "name": "conf-group", "attributes": { "team": ["a"] } }))
            .location("group-id"),
        call("post_groups_children")
            .body(json!({ "name": "conf-sub" }))
            .location("sub-group-id"),
        call("post_groups_role_mappings_realm").body(role("${role-id}", "conf-role")),
        call("post_groups_role_mappings_clients_by_client_id")
            .body(role("${client-role-id}", "conf-role")),
        // A user with a password, in the group, with roles; a second one with
        // a password and an OTP credential (two credentials to reorder).
        call("post_users")
            .body(json!({
                "username": "conf-user", "email": "conf-user@conf.example", "emailVerified": true,
                "firstName": "Conf", "lastName": "User", "enabled": true,
                "attributes": { "dept": ["ops"] },
                "credentials": [{ "type": "password", "value": "Conf-passw0rd", "temporary": false }]
            }))
            .location("user-id"),
        call("post_users")
            .body(json!({
                "username": "conf-user2", "email": "conf-user2@conf.example", "firstName": "Conf",
                "lastName": "Two", "enabled": true,
                "credentials": [
                    { "type": "password", "value": "Conf-passw0rd", "temporary": false },
                    { "type": "otp", "userLabel": "phone",
                      "secretData": "{\"value\":\"JBSWY3DPEHPK3PXP\"}",
                      "credentialData": "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}" }
                ]
            }))
            .location("user2-id"),
        call("put_users_groups_by_group_id"),
        call("put_default_groups_by_group_id"),
        call("post_users_role_mappings_realm").body(role("${role-id}", "conf-role")),
        call("post_users_role_mappings_clients_by_client_id")
            .body(role("${client-role-id}", "conf-role")),
        call("get_users_credentials")
            .path("user-id", "${user2-id}")
            .find("type", "password", "id", "credentialId")
            .find("type", "otp", "id", "otp-credential-id"),
        // An identity provider with a mapper, linked to the user.
        call("post_identity_provider_instances").body(json!({
            "alias": "conf-idp", "providerId": "oidc", "enabled": true,
            "config": { "clientId": "ext", "clientSecret": "ext-secret", "clientAuthMethod": "client_secret_post",
                        "authorizationUrl": "http://127.0.0.1:9/auth", "tokenUrl": "http://127.0.0.1:9/token",
                        "useJwksUrl": "false", "validateSignature": "false" }
        })),
        call("post_identity_provider_instances_mappers")
            .body(json!({
                "name": "conf-idp-mapper", "identityProviderAlias": "conf-idp",
                "identityProviderMapper": "hardcoded-attribute-idp-mapper",
                "config": { "attribute": "conf", "attribute.value": "x", "syncMode": "INHERIT" }
            }))
            .location("mappers/id"),
        call("post_users_federated_identity_by_provider").body(json!({
            "identityProvider": "conf-idp", "userId": "ext-1", "userName": "ext-user"
        })),
        // An organization with a domain, a member and a linked provider.
        call("post_organizations")
            .body(json!({ "name": "conf-org", "alias": "conf-org", "enabled": true,
                          "domains": [{ "name": "conf.example" }] }))
            .location("org-id"),
        call("post_organizations_members").body(json!("${user-id}")),
        call("post_organizations_identity_providers").body(json!("conf-idp")),
        // Authentication: a copied flow (its identity-provider redirector gets
        // a config), a new flow with executions and a subflow.
        call("post_authentication_flows_copy")
            .path("flowAlias", "browser")
            .body(json!({ "newName": "conf-flow" })),
        call("get_authentication_flows").find("alias", "conf-flow", "id", "flows/id"),
        call("get_authentication_flows_executions").find(
            "providerId",
            "identity-provider-redirector",
            "id",
            "executionId",
        ),
        call("post_authentication_executions_config")
            .body(json!({ "alias": "conf-config", "config": { "defaultProvider": "conf-idp" } }))
            .location("config/id"),
        call("post_authentication_flows")
            .body(json!({ "alias": "conf-flow2", "providerId": "basic-flow", "topLevel": true,
                          "builtIn": false, "description": "conformance" }))
            .location("flow2-id"),
        call("post_authentication_flows_executions_execution")
            .path("flowAlias", "conf-flow2")
            .body(json!({ "provider": "auth-cookie" })),
        call("post_authentication_flows_executions_flow")
            .path("flowAlias", "conf-flow2")
            .body(json!({ "alias": "conf-subflow", "type": "basic-flow",
                          "provider": "registration-page-form", "description": "sub" })),
        call("post_authentication_executions")
            .body(json!({ "parentFlow": "${flow2-id}", "authenticator": "auth-username-password-form",
                          "requirement": "DISABLED" }))
            .location("new-execution-id"),
        // Every required action is registered in a new realm: unregister one
        // (it is then listed as unregistered) and register it again.
        // (registered again by the POST sweep).
        call("delete_authentication_required_actions_by_alias").path("alias", "delete_account"),
        // A key provider component.
        call("post_components")
            .body(json!({ "name": "conf-key", "providerId": "rsa-generated",
                          "providerType": "org.keycloak.keys.KeyProvider", "parentId": "${realm-id}",
                          "config": { "priority": ["10"] } }))
            .location("components/id"),
        // Authorization services: scope, resource, role policy, permissions.
        call("post_clients_authz_resource_server_scope")
            .body(json!({ "name": "conf-read" }))
            .keep("/id", "scope-id"),
        call("post_clients_authz_resource_server_resource")
            .body(json!({ "name": "conf-res", "type": "urn:conf:res", "uris": ["/conf/*"],
                          "scopes": [{ "name": "conf-read" }], "attributes": { "a": ["b"] } }))
            .keep("/_id", "resource-id"),
        call("post_clients_authz_resource_server_policy_by_type")
            .path("type", "role")
            .body(json!({ "name": "conf-policy", "roles": [{ "id": "${role-id}" }] }))
            .keep("/id", "policy-id"),
        call("post_clients_authz_resource_server_permission_by_type")
            .path("type", "resource")
            .body(json!({ "name": "conf-perm", "resources": ["${resource-id}"], "policies": ["${policy-id}"] }))
            .keep("/id", "permission-id"),
        call("post_clients_authz_resource_server_permission_by_type")
            .path("type", "scope")
            .body(json!({ "name": "conf-scope-perm", "scopes": ["${scope-id}"], "policies": ["${policy-id}"] }))
            .keep("/id", "scope-permission-id"),
        call("post_clients_authz_resource_server_permission").body(json!({
            "name": "conf-scope-perm2", "type": "scope", "scopes": ["${scope-id}"],
            "policies": ["${policy-id}"]
        })),
        call("post_clients_initial_access")
            .body(json!({ "count": 2, "expiration": 600 }))
            .keep("/id", "clients-initial-access/id"),
        call("put_localization_by_key").raw("Hello"),
        call("post_localization_by_locale").body(json!({ "conf.other": "Other" })),
        call("post_clients_nodes").body(json!({ "node": "conf-node" })),
        // Client policies: secret rotation for clients with a client role
        // `conf-rotating` (only conf-rotating), whose regenerated secret
        // keeps the old one as the rotated secret.
        call("post_clients")
            .body(json!({ "clientId": "conf-rotating", "publicClient": false }))
            .location("rotating-uuid"),
        call("post_clients_roles")
            .path("client-uuid", "${rotating-uuid}")
            .body(json!({ "name": "conf-rotating" })),
        call("put_client_policies_profiles").body(json!({ "profiles": [{
            "name": "conf-profile", "description": "conformance",
            "executors": [{ "executor": "secret-rotation", "configuration": {
                "expiration-period": 2592000, "rotated-expiration-period": 172800,
                "remaining-rotation-period": 864000 } }]
        }] })),
        call("put_client_policies_policies").body(json!({ "policies": [{
            "name": "conf-policy", "enabled": true,
            "conditions": [{ "condition": "client-roles", "configuration": { "roles": ["conf-rotating"] } }],
            "profiles": ["conf-profile"]
        }] })),
        call("post_clients_client_secret").path("client-uuid", "${rotating-uuid}"),
        // Organization groups (26.6+) with a subgroup, a member and roles.
        call("post_organizations_groups")
            .body(json!({ "name": "conf-org-group" }))
            .location("/organizations/{org-id}/groups/{group-id}"),
        call("post_organizations_groups_children")
            .body(json!({ "name": "conf-org-sub" }))
            .location("org-sub-group-id"),
        call("put_organizations_groups_members_by_user_id"),
        call("post_organizations_groups_role_mappings_realm").body(role("${role-id}", "conf-role")),
        call("post_organizations_groups_role_mappings_clients_by_client_id")
            .body(role("${client-role-id}", "conf-role")),
        // An invitation (the realm's mail goes to the test's SMTP sink).
        call("post_organizations_members_invite_user").body(json!({
            "email": "invitee@conf.example", "firstName": "In", "lastName": "Vitee"
        })),
        call("get_organizations_invitations").find(
            "email",
            "invitee@conf.example",
            "id",
            "invitations/id",
        ),
        // A workflow, its step, and the user it is scheduled for.
        call("post_workflows").body(json!({
            "name": "conf-workflow", "on": "user_created",
            "steps": [{ "uses": "notify-user", "after": "1d" }]
        })),
        call("get_workflows")
            .find("name", "conf-workflow", "id", "workflow-id")
            .keep("/0/steps/0/id", "workflow-step-id"),
        call("post_workflows_activate_by_resource_id"),
        call("post_clients_certificates_generate"),
    ]
}
