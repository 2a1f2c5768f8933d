#!/usr/bin/env python3
"""Write keycloak-26.8.0.json: a *synthetic* "newer" admin document for the
README's upgrade demo, derived from the pinned 26.7.3 document (no newer
official one exists yet, and Maven Central serves no 26.8.0 distribution).
It carries 26.8's own changes exactly as 26.8 documents publish them, and the
kinds of change earlier upgrades brought (26.6 -> 26.7 deprecated the
certificate operations):

  ~  ClientPolicyConditionRepresentation.configuration and
     ClientPolicyExecutorRepresentation.configuration: allOf [RawJsonValue], where
     RawJsonValue is { value: {}, empty: boolean } -- a Java wrapper class, not the
     JSON object the server sends (normalized back to a JSON object by a rule)
  ~  GET .../roles/{role-name}/groups and .../clients/{client-uuid}/roles/{role-name}/groups
     declared as groups (what spec/overlay.toml corrected: the import retires both entries)
  ~  the certificate operations become deprecated; one summary reworded
  +  UserRepresentation.lastLoginTimestamp (int64), a new optional field
  +  GET /admin/realms/{realm}/users/{user-id}/last-login, a new operation

Usage: python3 xtask/demo/derive_newer_document.py spec/upstream/keycloak-26.7.3.json OUT_DIR
"""
import json
import sys

src, out_dir = sys.argv[1], sys.argv[2]
with open(src) as f:
    doc = json.load(f)
schemas = doc["components"]["schemas"]

schemas["RawJsonValue"] = {
    "type": "object",
    "properties": {"value": {}, "empty": {"type": "boolean"}},
}
for owner in ("ClientPolicyConditionRepresentation", "ClientPolicyExecutorRepresentation"):
    schemas[owner]["properties"]["configuration"] = {
        "description": "Configuration settings as a JSON object",
        "allOf": [{"$ref": "#/components/schemas/RawJsonValue"}],
        "additionalProperties": True,
    }
for route in (
    "/admin/realms/{realm}/roles/{role-name}/groups",
    "/admin/realms/{realm}/clients/{client-uuid}/roles/{role-name}/groups",
):
    schema = doc["paths"][route]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    schema["items"] = {"$ref": "#/components/schemas/GroupRepresentation"}

for path, item in doc["paths"].items():
    if "/certificates/" in path:
        for method, op in item.items():
            if method in ("get", "post", "put", "delete"):
                op["deprecated"] = True
doc["paths"]["/admin/realms/{realm}/users/{user-id}"]["get"]["summary"] = (
    "Get the representation of a user"
)

schemas["UserRepresentation"]["properties"]["lastLoginTimestamp"] = {
    "type": "integer",
    "format": "int64",
    "description": "When the user last logged in (epoch milliseconds)",
}
user = doc["paths"]["/admin/realms/{realm}/users/{user-id}"]
doc["paths"]["/admin/realms/{realm}/users/{user-id}/last-login"] = {
    "get": {
        "tags": ["Users"],
        "summary": "When the user last logged in",
        "responses": {
            "200": {
                "description": "OK",
                "content": {"application/json": {"schema": {"type": "integer", "format": "int64"}}},
            },
            "403": {"description": "Forbidden"},
        },
    },
    "parameters": user["parameters"],
}

with open(f"{out_dir}/keycloak-26.8.0.json", "w") as f:
    json.dump(doc, f, indent=2)
print(f"wrote {out_dir}/keycloak-26.8.0.json (synthetic, derived from {src})")
