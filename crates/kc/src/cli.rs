//! The command line, declared with clap. Secrets are read from the environment
//! or a file, never from an argument.

use crate::commands::generic::complete;
use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::ArgValueCompleter;
use std::path::PathBuf;

/// Everyday Keycloak administration.
///
/// Example: `KEYCLOAK_PASSWORD=… kc --url http://localhost:8080 --username admin users list --realm rep`
#[derive(Debug, Parser)]
#[command(name = "kc", version, about, long_about = None)]
pub struct Cli {
    #[command(flatten)]
    pub connection: Connection,

    /// Trace every request (method, path template, status, duration) on stderr.
    #[arg(long, short, global = true)]
    pub verbose: bool,

    /// Output format: table (default), json (one document), jsonl (one item per line).
    #[arg(long, short, global = true, value_enum, default_value_t = Output::Table)]
    pub output: Output,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Args)]
pub struct Connection {
    /// Named connection from the config file (`kc login` writes it).
    #[arg(long, env = "KC_PROFILE", global = true)]
    pub profile: Option<String>,
    /// Server URL, with its relative path if any (e.g. `https://sso.example.com/auth`);
    /// unset: the `kc dev up` server, if one runs.
    #[arg(long, env = "KEYCLOAK_URL", global = true)]
    pub url: Option<String>,
    /// Realm the credentials live in (default master).
    #[arg(long, env = "KEYCLOAK_USER_REALM", global = true)]
    pub user_realm: Option<String>,
    /// Username for a password login (else KEYCLOAK_ADMIN_USER); the password
    /// comes from --password-file, KEYCLOAK_PASSWORD, KEYCLOAK_ADMIN_PASSWORD, or a prompt.
    #[arg(long, env = "KEYCLOAK_USERNAME", global = true)]
    pub username: Option<String>,
    /// File holding the password.
    #[arg(long, global = true)]
    pub password_file: Option<PathBuf>,
    /// Client to log in through (default admin-cli); with KEYCLOAK_CLIENT_SECRET and no
    /// username, a client-credentials login.
    #[arg(long, env = "KEYCLOAK_CLIENT_ID", global = true)]
    pub client_id: Option<String>,
    /// Trust this PEM certificate authority besides the system's (a private CA);
    /// kept with a session `kc config credentials` or `kc login` opens.
    #[arg(long, env = "KEYCLOAK_CA_CERT", global = true, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
    /// The file kept sessions live in (kcadm.sh's `--config`; default
    /// `~/.config/kc/credentials.json`, 0600).
    #[arg(long, env = "KC_CREDENTIALS", global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Output {
    Table,
    Json,
    Jsonl,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Users of a realm.
    #[command(subcommand)]
    Users(UsersCmd),
    /// Clients of a realm.
    #[command(subcommand)]
    Clients(ClientsCmd),
    /// Groups of a realm.
    #[command(subcommand)]
    Groups(GroupsCmd),
    /// Realms of the server.
    #[command(subcommand)]
    Realms(RealmsCmd),
    /// Realm and client roles.
    #[command(subcommand)]
    Roles(RolesCmd),
    /// Organizations of a realm (Keycloak 26+).
    #[command(subcommand)]
    Orgs(OrgsCmd),
    /// Workflows of a realm (Keycloak 26.4+, feature WORKFLOWS).
    #[command(subcommand)]
    Workflows(WorkflowsCmd),
    /// The server's version and features. Example: `kc server -o json`
    Server,
    /// Check a connection and save it as a profile (no secret is stored; the
    /// password is asked for, or read from KEYCLOAK_PASSWORD / --password-file).
    /// Example: `kc login --profile prod --url https://sso.example.com --username admin`
    Login,
    /// kcadm.sh's `config credentials`: log in once and keep the session's tokens
    /// (never the password) for later commands.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// End kept sessions on the server and delete them (`--profile NAME`: that one only).
    Logout,
    /// kcadm.sh's `get-roles`: the roles of a realm or client, or of a user, group or composite role.
    /// Example: `kc get-roles -r demo --uusername jane --effective`
    GetRoles(RolesArgs),
    /// kcadm.sh's `add-roles`: realm or client roles to a user, group or composite role.
    /// Example: `kc add-roles -r demo --uusername jane --cclientid realm-management --rolename view-users`
    AddRoles(RolesArgs),
    /// kcadm.sh's `remove-roles`: the reverse of `add-roles`.
    RemoveRoles(RolesArgs),
    /// kcadm.sh's `set-password`. Example: `kc set-password -r demo --username jane -t`
    /// (the password from KC_CLI_PASSWORD, a prompt, or --new-password)
    SetPassword(SetPassword),
    /// Start a local Keycloak, create a realm, a user with a temporary password
    /// and a service-account client with roles, list users, clean up, stop.
    /// Example: `kc demo`
    Demo,
    /// A local Keycloak for trying things out (downloaded and cached on first use).
    #[command(subcommand)]
    Dev(DevCmd),
    /// The operations `get|create|update|delete` reach: `kc api` lists them, `kc api users`
    /// those with `users` in their id or route, `kc api put_users_by_user_id` describes one.
    Api {
        /// An operation id, `METHOD /path`, or a part of ids and routes.
        filter: Option<String>,
    },
    /// kcadm.sh's `get ENDPOINT`, over every operation: `kc get users -r demo -q username=jane --fields id,username`
    Get(Generic),
    /// kcadm.sh's `create ENDPOINT`: `kc create users -r demo -s username=jane -s enabled=true -i`
    Create(Generic),
    /// kcadm.sh's `update ENDPOINT` (merged with the current representation unless -n):
    /// `kc update users/ID -r demo -s 'requiredActions=["UPDATE_PASSWORD"]'`
    Update(Generic),
    /// kcadm.sh's `delete ENDPOINT`: `kc delete users/ID -r demo`
    Delete(Generic),
    /// Print a shell completion script. Example: `kc completions bash > /etc/bash_completion.d/kc`
    Completions { shell: clap_complete::Shell },
}

/// kcadm.sh's arguments of the generic verbs (its names and short flags;
/// `-o` is kc's output format, so the resource after a write is `--output-resource`).
#[derive(Debug, Args)]
pub struct Generic {
    /// What to act on, as kcadm.sh writes it: `users`, `users/ID/groups`,
    /// `clients/ID/roles`, `realms/NAME`, `serverinfo` (below the target realm
    /// unless it starts with `realms`).
    #[arg(add = ArgValueCompleter::new(complete::endpoints))]
    pub endpoint: String,
    /// Target realm (default: the realm the credentials are in).
    #[arg(long = "target-realm", short = 'r')]
    pub target_realm: Option<String>,
    /// Set an attribute: `-s name=value`, `-s 'list=["a","b"]'`, `-s a.b=c`, `-s 'list+=d'`.
    #[arg(long = "set", short = 's', value_name = "KEY=VALUE", add = ArgValueCompleter::new(complete::assignments))]
    pub set: Vec<String>,
    /// Remove an attribute from the body: `-d attributes.foo`, `-d list[0]`.
    #[arg(long = "delete", short = 'd', value_name = "KEY", add = ArgValueCompleter::new(complete::field_names))]
    pub delete: Vec<String>,
    /// Body from a JSON file, or `-` for standard input.
    #[arg(long = "file", short = 'f', value_name = "FILE")]
    pub file: Option<String>,
    /// Query parameter: `-q username=jane`, `-q max=10`.
    #[arg(long = "query", short = 'q', value_name = "NAME=VALUE")]
    pub query: Vec<String>,
    #[command(flatten)]
    pub shape: Shape,
    /// Index of the first result (the `first` query parameter).
    #[arg(long)]
    pub offset: Option<i64>,
    /// Maximum number of results (the `max` query parameter).
    #[arg(long)]
    pub limit: Option<i64>,
    /// After a create, print only the new id.
    #[arg(long, short = 'i')]
    pub id: bool,
    /// Update: send only what -s/-f give, without reading the current representation.
    #[arg(long = "no-merge", short = 'n')]
    pub no_merge: bool,
    /// After a write, print the answer's JSON when it has one.
    #[arg(long)]
    pub output_resource: bool,
    /// Show the request (method, path, body) instead of sending it.
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCmd {
    /// Log in and keep the tokens: `kc config credentials --server http://localhost:8080
    /// --realm master --user admin` (password from --password, KC_CLI_PASSWORD,
    /// KEYCLOAK_PASSWORD, --password-file, standard input, or a prompt).
    Credentials(CredentialsArgs),
}

/// kcadm.sh's `config credentials` arguments (`Debug` below: no secrets).
#[derive(Args)]
pub struct CredentialsArgs {
    /// Server URL, with its relative path if any.
    #[arg(long)]
    pub server: Option<String>,
    /// Realm to log in to; later commands target it unless given `-r`.
    #[arg(long)]
    pub realm: Option<String>,
    /// Username to log in with.
    #[arg(long)]
    pub user: Option<String>,
    /// The password (visible to other users of this machine: prefer the prompt,
    /// KC_CLI_PASSWORD or --password-file).
    #[arg(long)]
    pub password: Option<String>,
    /// Client to log in through (default admin-cli).
    #[arg(long)]
    pub client: Option<String>,
    /// A confidential client's secret (else KC_CLI_CLIENT_SECRET, KEYCLOAK_CLIENT_SECRET).
    #[arg(long)]
    pub secret: Option<String>,
    /// Only check the kept session: is it still valid?
    #[arg(long)]
    pub status: bool,
}

/// kcadm.sh's role commands' arguments: who (user, group or composite role),
/// whose roles (realm, or a client's), which roles.
#[derive(Debug, Args)]
pub struct RolesArgs {
    /// The user, by username.
    #[arg(long)]
    pub uusername: Option<String>,
    /// The user, by id.
    #[arg(long)]
    pub uid: Option<String>,
    /// The group, by name.
    #[arg(long)]
    pub gname: Option<String>,
    /// The group, by path (`/parent/child`).
    #[arg(long)]
    pub gpath: Option<String>,
    /// The group, by id.
    #[arg(long)]
    pub gid: Option<String>,
    /// The composite realm role, by name.
    #[arg(long)]
    pub rname: Option<String>,
    /// The composite role, by id.
    #[arg(long)]
    pub rid: Option<String>,
    /// Client roles of this client (by clientId), not realm roles.
    #[arg(long)]
    pub cclientid: Option<String>,
    /// Client roles of this client (by id), not realm roles.
    #[arg(long)]
    pub cid: Option<String>,
    /// A role by name; repeat for more.
    #[arg(long)]
    pub rolename: Vec<String>,
    /// A role by id; repeat for more.
    #[arg(long)]
    pub roleid: Vec<String>,
    /// get-roles: the roles that can still be added.
    #[arg(long)]
    pub available: bool,
    /// get-roles: the roles in effect, composites resolved.
    #[arg(long)]
    pub effective: bool,
    /// get-roles: client roles of every client besides the realm roles.
    #[arg(long)]
    pub all: bool,
    /// Target realm (default: the realm the credentials are in).
    #[arg(long = "target-realm", short = 'r')]
    pub target_realm: Option<String>,
    #[command(flatten)]
    pub shape: Shape,
}

/// kcadm.sh's `set-password` arguments (`Debug` below: no password).
#[derive(Args)]
pub struct SetPassword {
    /// The user, by username (kcadm.sh's `--username`, accepted here too:
    /// after `set-password` it names the target, not the login).
    #[arg(long = "target-username", value_name = "USERNAME")]
    pub target_username: Option<String>,
    /// The user, by id.
    #[arg(long)]
    pub userid: Option<String>,
    /// The new password (visible to other users of this machine: prefer
    /// KC_CLI_PASSWORD or the prompt).
    #[arg(long, short = 'p')]
    pub new_password: Option<String>,
    /// The user must change it at the next login.
    #[arg(long, short = 't')]
    pub temporary: bool,
    /// Target realm (default: the realm the credentials are in).
    #[arg(long = "target-realm", short = 'r')]
    pub target_realm: Option<String>,
}

/// How kcadm.sh prints an answer.
#[derive(Debug, Args)]
pub struct Shape {
    /// Only these fields of the answer: `--fields id,username`.
    #[arg(long = "fields", short = 'F')]
    pub fields: Option<String>,
    /// Output as JSON (default) or CSV.
    #[arg(long, value_enum, default_value_t = GenericFormat::Json)]
    pub format: GenericFormat,
    /// CSV without quotes.
    #[arg(long)]
    pub noquotes: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenericFormat {
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct RealmArg {
    /// Realm to work in.
    #[arg(long, short, env = "KEYCLOAK_REALM", default_value = "master")]
    pub realm: String,
}

#[derive(Debug, Subcommand)]
pub enum OrgsCmd {
    /// List organizations. Example: `kc orgs list --realm rep`
    List {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Switch organizations on for the realm. Example: `kc orgs enable --realm rep`
    Enable {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create an organization; prints its id. Example: `kc orgs create acme --domain acme.example --realm rep`
    Create {
        name: String,
        /// An internet domain of the organization; repeat for more.
        #[arg(long)]
        domain: Vec<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Delete an organization by name or id. Example: `kc orgs delete acme --realm rep`
    Delete {
        org: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Its members. Example: `kc orgs members acme --realm rep`
    Members {
        org: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Add a user (id or username) as a member. Example: `kc orgs add-member acme jane --realm rep`
    AddMember {
        org: String,
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Invite someone by email (the realm needs SMTP). Example: `kc orgs invite acme bob@acme.example --realm rep`
    Invite {
        org: String,
        email: String,
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum WorkflowsCmd {
    /// List workflows. Example: `kc workflows list --realm rep`
    List {
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum UsersCmd {
    /// List users (streams page by page). Example: `kc users list --realm rep`
    List {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Search username, email, first and last name. Example: `kc users search john --realm rep`
    Search {
        text: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Show one user by id or username. Example: `kc users get jane --realm rep`
    Get {
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create a user; prints its id (with `-o json`, the created user). Attributes the
    /// realm's user profile drops are reported (exit 1). Example:
    /// `kc users create jane --email jane@example.com --attr dept=ops --realm rep`
    Create {
        // Not `username`: that id belongs to the global login option.
        #[arg(value_name = "USERNAME")]
        new_username: String,
        /// An attribute, `name=value`; repeat for more (or more values of one name).
        #[arg(long = "attr", value_name = "NAME=VALUE", value_parser = parse_attr)]
        attrs: Vec<(String, String)>,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        first_name: Option<String>,
        #[arg(long)]
        last_name: Option<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Delete a user by id or username. Example: `kc users delete jane --realm rep`
    Delete {
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Change a user's fields. Example: `kc users update jane --email j@example.com --enabled false --realm rep`
    Update {
        user: String,
        #[arg(long)]
        email: Option<String>,
        #[arg(long)]
        first_name: Option<String>,
        #[arg(long)]
        last_name: Option<String>,
        #[arg(long)]
        enabled: Option<bool>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// The groups a user is in. Example: `kc users groups jane --realm rep`
    Groups {
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// A user's realm roles (direct, or `--effective` with composites and groups).
    /// Example: `kc users roles jane --effective --realm rep`
    Roles {
        user: String,
        #[arg(long)]
        effective: bool,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// A user's active sessions. Example: `kc users sessions jane --realm rep`
    Sessions {
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// End all of a user's sessions. Example: `kc users logout jane --realm rep`
    Logout {
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Number of users. Example: `kc users count --realm rep`
    Count {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create users from a CSV file (header: username,email,firstName,lastName,enabled)
    /// or JSON lines (as `users list -o jsonl` prints), in partial-import batches. Existing
    /// users are skipped, so a re-run creates nothing twice; a bad row is reported with its
    /// line number and never stops the others. Example: `kc users import staff.csv --realm rep`
    Import {
        file: PathBuf,
        /// Users per request (partial import).
        #[arg(long, default_value_t = keycloak_admin::DEFAULT_BATCH_SIZE)]
        batch_size: usize,
        /// Requests in flight at once.
        #[arg(long, default_value_t = keycloak_admin::DEFAULT_CONCURRENCY)]
        concurrency: usize,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Set a password read from NEW_PASSWORD (or --password-file). Example: `NEW_PASSWORD=… kc users set-password jane --temporary --realm rep`
    SetPassword {
        user: String,
        #[arg(long)]
        temporary: bool,
        /// File holding the new password (else NEW_PASSWORD).
        #[arg(long)]
        new_password_file: Option<PathBuf>,
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum ClientsCmd {
    /// List clients. Example: `kc clients list --realm rep`
    List {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Show a client. Example: `kc clients get my-app --realm rep`
    Get {
        #[arg(value_name = "CLIENT_ID")]
        client: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create a client; prints its uuid. Example: `kc clients create my-spa --public --redirect-uri 'https://app.example.com/*' --realm rep`
    Create {
        #[arg(value_name = "CLIENT_ID")]
        client: String,
        /// A public client (no secret), e.g. a browser or CLI app.
        #[arg(long)]
        public: bool,
        #[arg(long)]
        redirect_uri: Vec<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Print a confidential client's secret (or a new one). Example: `kc clients secret my-app --regenerate --realm rep`
    Secret {
        #[arg(value_name = "CLIENT_ID")]
        client: String,
        #[arg(long)]
        regenerate: bool,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create or update a service-account client; prints client_id, uuid, secret.
    /// Example: `kc clients register ingest --roles all --token-lifespan 300 --realm rep`
    Register {
        name: String,
        /// `all`, or a comma-separated list of realm roles.
        #[arg(long)]
        roles: Option<String>,
        /// File holding the secret to set (else CLIENT_SECRET, else keep or generate).
        #[arg(long)]
        secret_file: Option<PathBuf>,
        #[arg(long)]
        token_lifespan: Option<u32>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Delete a client by clientId. Example: `kc clients delete ingest --realm rep`
    Delete {
        // Not `client_id`: that id belongs to the global login option.
        #[arg(value_name = "CLIENT_ID")]
        client: String,
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum GroupsCmd {
    /// List top-level groups. Example: `kc groups list --realm rep`
    List {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create a group (and missing parents) by path; prints its id (with `-o json`, the group).
    /// Example: `kc groups create /org/eng --realm rep`
    Create {
        path: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// The whole group tree, indented (nested in JSON). Example: `kc groups tree --realm rep`
    Tree {
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Delete a group (and its subgroups) by path. Example: `kc groups delete /org/eng --realm rep`
    Delete {
        path: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// The members of a group (path). Example: `kc groups members /org/eng --realm rep`
    Members {
        path: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Remove a user from a group. Example: `kc groups remove-member /org/eng jane --realm rep`
    RemoveMember {
        path: String,
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Add a user (id or username) to a group (path). Example: `kc groups add-member /org/eng jane --realm rep`
    AddMember {
        path: String,
        user: String,
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[derive(Debug, Subcommand)]
pub enum RealmsCmd {
    /// List realms. Example: `kc realms list`
    List,
    /// Create an enabled realm (with `-o json`, prints it). Example: `kc realms create rep`
    Create { name: String },
    /// Delete a realm. Example: `kc realms delete rep`
    Delete { name: String },
    /// Print a realm with its clients, groups and roles as JSON. Example: `kc realms export rep > rep.json`
    Export { name: String },
    /// The realm's user profile. Example: `kc realms user-profile get rep`
    #[command(subcommand)]
    UserProfile(UserProfileCmd),
    /// Create a realm from a JSON file (e.g. an export). Example: `kc realms import rep.json --strip-ids`
    Import {
        file: PathBuf,
        /// Drop every `id` so Keycloak assigns new ones: needed to import an
        /// export into the server it came from (ids are unique server-wide).
        #[arg(long)]
        strip_ids: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserProfileCmd {
    /// Print the configuration as JSON. Example: `kc realms user-profile get rep > profile.json`
    Get { realm: String },
    /// Replace it with a JSON file (as `get` prints). Example: `kc realms user-profile set rep profile.json`
    Set { realm: String, file: PathBuf },
    /// Keep (`on`, `admin-edit`, `admin-view`) or drop (`off`) attributes the
    /// profile does not declare. Example: `kc realms user-profile unmanaged-attributes rep on`
    UnmanagedAttributes {
        realm: String,
        #[arg(value_enum)]
        policy: UnmanagedPolicy,
    },
}

/// `kc realms user-profile unmanaged-attributes` values.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum UnmanagedPolicy {
    On,
    Off,
    AdminEdit,
    AdminView,
}

/// `name=value` of `--attr`.
fn parse_attr(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.is_empty() => Ok((name.to_string(), value.to_string())),
        _ => Err(format!("`{text}` is not NAME=VALUE")),
    }
}

#[derive(Debug, Subcommand)]
pub enum DevCmd {
    /// Start it in the background and print its URL and admin credentials; other
    /// `kc` commands use it while KEYCLOAK_URL is unset. Example: `kc dev up`
    Up,
    /// Is it running? Example: `kc dev status`
    Status,
    /// Stop it and remove its data. Example: `kc dev down`
    Down,
}

#[derive(Debug, Subcommand)]
pub enum RolesCmd {
    /// Realm roles, or a client's with --client. Example: `kc roles list --client my-app --realm rep`
    List {
        #[arg(long)]
        client: Option<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Create a role. Example: `kc roles create auditor --realm rep`
    Create {
        name: String,
        #[arg(long)]
        client: Option<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Give roles to a user. Example: `kc roles assign jane auditor viewer --realm rep`
    Assign {
        user: String,
        #[arg(required = true)]
        roles: Vec<String>,
        #[arg(long)]
        client: Option<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
    /// Take roles from a user. Example: `kc roles unassign jane auditor --realm rep`
    Unassign {
        user: String,
        #[arg(required = true)]
        roles: Vec<String>,
        #[arg(long)]
        client: Option<String>,
        #[command(flatten)]
        realm: RealmArg,
    },
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_line_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}

impl std::fmt::Debug for CredentialsArgs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CredentialsArgs")
            .field("server", &self.server)
            .field("realm", &self.realm)
            .field("user", &self.user)
            .field("password", &self.password.as_ref().map(|_| "[REDACTED]"))
            .field("client", &self.client)
            .field("secret", &self.secret.as_ref().map(|_| "[REDACTED]"))
            .field("status", &self.status)
            .finish()
    }
}

impl std::fmt::Debug for SetPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SetPassword")
            .field("target_username", &self.target_username)
            .field("userid", &self.userid)
            .field(
                "new_password",
                &self.new_password.as_ref().map(|_| "[REDACTED]"),
            )
            .field("temporary", &self.temporary)
            .field("target_realm", &self.target_realm)
            .finish()
    }
}

#[cfg(test)]
mod secret_tests {
    use super::Cli;
    use clap::Parser;

    #[test]
    fn debug_of_the_command_line_shows_no_secret() {
        for line in [
            "kc config credentials --server http://x --realm master --user a --password Pw-s3cret --secret Cl-s3cret",
            "kc set-password --target-username jane --new-password Pw-s3cret",
        ] {
            let cli = Cli::parse_from(line.split(' '));
            let shown = format!("{cli:?}");
            assert!(!shown.contains("s3cret"), "{shown}");
            assert!(shown.contains("[REDACTED]"), "{shown}");
        }
    }
}
