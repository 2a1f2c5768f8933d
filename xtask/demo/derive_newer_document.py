#!/usr/bin/env python3
"""Write keycloak-26.8.0.json: a *synthetic* "newer" admin document for the
README's upgrade demo, derived from the pinned 26.7.3 document (no newer
official one exists yet, and Maven Central serves no 26.8.0 distribution).
Its changes mirror what real upgrades brought (26.6 -> 26.7 wrapped fields in
allOf, deprecated the certificate operations):

  !  ComponentTypeRepresentation.metadata: object -> allOf [RawJsonValue] (a type change)
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

schemas["RawJsonValue"] = {"type": "object", "description": "Any JSON value, kept as sent"}
schemas["ComponentTypeRepresentation"]["properties"]["metadata"] = {
    "allOf": [{"$ref": "#/components/schemas/RawJsonValue"}]
}

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
