//! kcadm.sh's `get-roles`, `add-roles`, `remove-roles`: names resolved to ids
//! (one match or a clear error), then the role-mapping or composite operations
//! of the spec, through the ergonomic client.

use super::{call, find};
use crate::Failure;
use crate::cli::{Connection, RolesArgs};
use keycloak_admin::KeycloakAdmin;
use keycloak_admin::api::dynamic::Args;
use serde_json::Value;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Add,
    Remove,
}

/// Whose roles: a user's, a group's (both through role mappings) or a
/// composite role's.
enum Who<'a> {
    Realm,
    User(Ref<'a>),
    Group(Ref<'a>),
    Composite(Ref<'a>),
}

pub(super) enum Ref<'a> {
    Id(&'a str),
    Name(&'a str),
    /// A group's path.
    Path(&'a str),
}

fn who(a: &RolesArgs) -> Result<Who<'_>, Failure> {
    let given: Vec<Who> = [
        a.uid.as_deref().map(|v| Who::User(Ref::Id(v))),
        a.uusername.as_deref().map(|v| Who::User(Ref::Name(v))),
        a.gid.as_deref().map(|v| Who::Group(Ref::Id(v))),
        a.gname.as_deref().map(|v| Who::Group(Ref::Name(v))),
        a.gpath.as_deref().map(|v| Who::Group(Ref::Path(v))),
        a.rid.as_deref().map(|v| Who::Composite(Ref::Id(v))),
        a.rname.as_deref().map(|v| Who::Composite(Ref::Name(v))),
    ]
    .into_iter()
    .flatten()
    .collect();
    match given.len() {
        0 => Ok(Who::Realm),
        1 => Ok(given.into_iter().next().expect("one")),
        _ => Err(Failure::usage(
            "name one user, group or composite role (--uusername/--uid, --gname/--gpath/--gid, --rname/--rid)",
        )),
    }
}

fn client(a: &RolesArgs) -> Result<Option<Ref<'_>>, Failure> {
    match (a.cid.as_deref(), a.cclientid.as_deref()) {
        (Some(_), Some(_)) => Err(Failure::usage("--cid and --cclientid: give one")),
        (Some(id), None) => Ok(Some(Ref::Id(id))),
        (None, Some(name)) => Ok(Some(Ref::Name(name))),
        (None, None) => Ok(None),
    }
}

pub async fn run(verb: Verb, c: &Connection, a: RolesArgs) -> Result<(), Failure> {
    // Everything the command line alone can refuse, refused before logging in.
    let who = who(&a)?;
    let client_ref = client(&a)?;
    let modes = [a.available, a.effective, a.all];
    if modes.iter().filter(|m| **m).count() > 1 {
        return Err(Failure::usage("--available, --effective, --all: give one"));
    }
    let named = !a.rolename.is_empty() || !a.roleid.is_empty();
    if verb != Verb::Get {
        if modes.contains(&true) {
            return Err(Failure::usage(
                "--available, --effective and --all belong to get-roles",
            ));
        }
        if !named {
            return Err(Failure::usage(
                "name the roles: --rolename NAME or --roleid ID (repeatable)",
            ));
        }
        if matches!(who, Who::Realm) {
            return Err(Failure::usage(
                "name whose roles: --uusername/--uid, --gname/--gpath/--gid or --rname/--rid",
            ));
        }
    }
    if a.available && matches!(who, Who::Realm | Who::Composite(_)) {
        return Err(Failure::usage("--available applies to a user or a group"));
    }
    let plan = crate::connect::plan(c)?;
    let realm = a
        .target_realm
        .clone()
        .unwrap_or_else(|| plan.default_realm());
    let kc = crate::connect::connect_with(c, plan).await?;
    let r = Realm { kc: &kc, realm };
    let client_uuid = match &client_ref {
        Some(reference) => Some(r.client_uuid(reference).await?),
        None => None,
    };
    let roles = r
        .roles(&a.rolename, &a.roleid, client_uuid.as_deref())
        .await?;
    let answer = match verb {
        Verb::Get => Some(r.get(&who, client_uuid.as_deref(), &a, roles).await?),
        Verb::Add | Verb::Remove => {
            r.change(verb, &who, client_uuid.as_deref(), roles).await?;
            None
        }
    };
    if let Some(value) = answer {
        super::print(&a.shape, &value)?;
    }
    Ok(())
}

/// Lookups by name in one realm (also `set-password`'s).
pub(super) struct Realm<'a> {
    pub kc: &'a KeycloakAdmin,
    pub realm: String,
}

impl Realm<'_> {
    fn args(&self) -> Args {
        Args::new().path("realm", &self.realm)
    }

    async fn json(&self, op: &str, args: Args) -> Result<Value, Failure> {
        Ok(call(self.kc, op, args).await?.unwrap_or(Value::Null))
    }

    /// A named thing, or "`what` not found" (exit 1).
    async fn named(&self, op: &str, args: Args, what: String) -> Result<Value, Failure> {
        find(self.kc, op, args).await?.ok_or_else(|| Failure {
            code: 1,
            message: format!("{} not found", crate::output::text(&what)),
        })
    }

    /// The one item of a search that matches exactly, or an error naming the count.
    fn one(what: &str, name: &str, found: Vec<Value>) -> Result<String, Failure> {
        match found.as_slice() {
            [one] => Ok(one["id"].as_str().unwrap_or_default().to_string()),
            [] => Err(Failure {
                code: 1,
                message: format!("{what} `{}` not found", crate::output::text(name)),
            }),
            many => Err(Failure::usage(format!(
                "{} {what}s are named `{}`: name it by id",
                many.len(),
                crate::output::text(name)
            ))),
        }
    }

    async fn client_uuid(&self, r: &Ref<'_>) -> Result<String, Failure> {
        let name = match r {
            Ref::Id(id) => return Ok(id.to_string()),
            Ref::Name(n) | Ref::Path(n) => *n,
        };
        let found = self
            .json("get_clients", self.args().query("clientId", name))
            .await?;
        let exact = list(found)
            .into_iter()
            .filter(|c| c["clientId"] == name)
            .collect();
        Self::one("client", name, exact)
    }

    pub(super) async fn user_id(&self, r: &Ref<'_>) -> Result<String, Failure> {
        let name = match r {
            Ref::Id(id) => return Ok(id.to_string()),
            Ref::Name(n) | Ref::Path(n) => *n,
        };
        let args = self.args().query("username", name).query("exact", "true");
        let found = list(self.json("get_users", args).await?);
        Self::one("user", name, found)
    }

    async fn group_id(&self, r: &Ref<'_>) -> Result<String, Failure> {
        match r {
            Ref::Id(id) => Ok(id.to_string()),
            Ref::Path(path) => {
                let args = self.args().path("path", path.trim_start_matches('/'));
                let what = format!("group `{path}`");
                let group = self.named("get_group_by_path_by_path", args, what).await?;
                Ok(group["id"].as_str().unwrap_or_default().to_string())
            }
            Ref::Name(name) => {
                let args = self
                    .args()
                    .query("search", *name)
                    .query("exact", "true")
                    .query("briefRepresentation", "true");
                let mut found = Vec::new();
                named_in(list(self.json("get_groups", args).await?), name, &mut found);
                Self::one("group", name, found)
            }
        }
    }

    async fn composite_id(&self, r: &Ref<'_>) -> Result<String, Failure> {
        match r {
            Ref::Id(id) => Ok(id.to_string()),
            Ref::Name(name) | Ref::Path(name) => {
                let args = self.args().path("role-name", *name);
                let what = format!("realm role `{name}`");
                let role = self.named("get_roles_by_role_name", args, what).await?;
                Ok(role["id"].as_str().unwrap_or_default().to_string())
            }
        }
    }

    /// The full representations of the named roles (realm roles, or the client's).
    async fn roles(
        &self,
        names: &[String],
        ids: &[String],
        client: Option<&str>,
    ) -> Result<Vec<Value>, Failure> {
        let mut roles = Vec::new();
        for name in names {
            let role = match client {
                Some(uuid) => {
                    let args = self
                        .args()
                        .path("client-uuid", uuid)
                        .path("role-name", name);
                    let what = format!("role `{name}` of the client");
                    self.named("get_clients_roles_by_role_name", args, what)
                        .await?
                }
                None => {
                    let args = self.args().path("role-name", name);
                    let what = format!("realm role `{name}`");
                    self.named("get_roles_by_role_name", args, what).await?
                }
            };
            roles.push(role);
        }
        for id in ids {
            let args = self.args().path("role-id", id);
            let what = format!("role with id `{id}`");
            roles.push(self.named("get_roles_by_id_by_role_id", args, what).await?);
        }
        Ok(roles)
    }

    /// The role-mapping route of a user or group: its operation-id stem and path values.
    async fn mapping(&self, who: &Who<'_>) -> Result<Option<(&'static str, Args)>, Failure> {
        Ok(match who {
            Who::User(r) => Some(("users", self.args().path("user-id", self.user_id(r).await?))),
            Who::Group(r) => Some((
                "groups",
                self.args().path("group-id", self.group_id(r).await?),
            )),
            Who::Realm | Who::Composite(_) => None,
        })
    }

    async fn get(
        &self,
        who: &Who<'_>,
        client: Option<&str>,
        a: &RolesArgs,
        named: Vec<Value>,
    ) -> Result<Value, Failure> {
        if let Who::Realm = who {
            // The realm's (or client's) roles; named ones alone when named.
            if !named.is_empty() {
                return Ok(single_or_list(named));
            }
            return match client {
                Some(uuid) => {
                    self.json("get_clients_roles", self.args().path("client-uuid", uuid))
                        .await
                }
                None => self.json("get_roles", self.args()).await,
            };
        }
        if let Who::Composite(r) = who {
            let args = self.args().path("role-id", self.composite_id(r).await?);
            return match (a.all, client) {
                (true, _) => self.json("get_roles_by_id_composites", args).await,
                (false, Some(uuid)) => {
                    let args = args.path("clientUuid", uuid);
                    self.json("get_roles_by_id_composites_clients_by_client_uuid", args)
                        .await
                }
                (false, None) => self.json("get_roles_by_id_composites_realm", args).await,
            };
        }
        let (stem, args) = self.mapping(who).await?.expect("a user or a group");
        let suffix = if a.available {
            "_available"
        } else if a.effective {
            "_composite"
        } else {
            ""
        };
        let (op, args) = match (a.all, client) {
            (true, _) => (format!("get_{stem}_role_mappings"), args),
            (false, Some(uuid)) if suffix.is_empty() => (
                format!("get_{stem}_role_mappings_clients_by_client_id"),
                args.path("client-id", uuid),
            ),
            (false, Some(uuid)) => (
                format!("get_{stem}_role_mappings_clients{suffix}"),
                args.path("client-id", uuid),
            ),
            (false, None) => (format!("get_{stem}_role_mappings_realm{suffix}"), args),
        };
        self.json(&op, args).await
    }

    async fn change(
        &self,
        verb: Verb,
        who: &Who<'_>,
        client: Option<&str>,
        roles: Vec<Value>,
    ) -> Result<(), Failure> {
        let method = if verb == Verb::Add { "post" } else { "delete" };
        let body = Value::Array(roles);
        let (op, args) = match (self.mapping(who).await?, who) {
            (Some((stem, args)), _) => match client {
                Some(uuid) => (
                    format!("{method}_{stem}_role_mappings_clients_by_client_id"),
                    args.path("client-id", uuid),
                ),
                None => (format!("{method}_{stem}_role_mappings_realm"), args),
            },
            (None, Who::Composite(r)) => (
                format!("{method}_roles_by_id_composites"),
                self.args().path("role-id", self.composite_id(r).await?),
            ),
            (None, _) => unreachable!("refused before logging in"),
        };
        call(self.kc, &op, args.json_body(body)).await?;
        Ok(())
    }
}

fn list(v: Value) -> Vec<Value> {
    match v {
        Value::Array(items) => items,
        _ => Vec::new(),
    }
}

fn single_or_list(mut roles: Vec<Value>) -> Value {
    if roles.len() == 1 {
        roles.remove(0)
    } else {
        Value::Array(roles)
    }
}

/// Groups named `name` anywhere in a search answer's tree.
fn named_in(groups: Vec<Value>, name: &str, found: &mut Vec<Value>) {
    for mut g in groups {
        let children = list(g["subGroups"].take());
        if g["name"] == name {
            found.push(g);
        }
        named_in(children, name, found);
    }
}
