//! Typed constructors for what people create most: users, groups, roles and
//! clients, without a wall of `Some(…)` and `..Default::default()`. Each turns
//! into the generated representation, so every `create` takes either.
//!
//! ```no_run
//! # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
//! use keycloak_admin::{NewClient, NewUser};
//! let realm = kc.realm("rep");
//! let id = realm
//!     .users()
//!     .create(
//!         NewUser::new("jane")
//!             .email("jane@example.com")
//!             .name("Jane", "Doe")
//!             .attribute("dept", ["ops"])
//!             .password("Initial-Passw0rd", true),
//!     )
//!     .await?;
//! realm.clients().create(NewClient::confidential("reports").service_account()).await?;
//! # Ok(()) }
//! ```

use crate::types::{
    ClientRepresentation, CredentialRepresentation, GroupRepresentation,
    OrganizationDomainRepresentation, OrganizationRepresentation, RoleRepresentation,
    UserRepresentation,
};
use std::collections::HashMap;

type Attributes = HashMap<String, Vec<String>>;

fn add(
    attributes: &mut Option<Attributes>,
    name: &str,
    values: impl IntoIterator<Item = impl Into<String>>,
) {
    attributes
        .get_or_insert_with(HashMap::new)
        .entry(name.to_string())
        .or_default()
        .extend(values.into_iter().map(Into::into));
}

/// A user to create: enabled, with whatever else is set.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewUser(UserRepresentation);

impl NewUser {
    /// A user with this username, enabled.
    pub fn new(username: impl Into<String>) -> Self {
        NewUser(UserRepresentation {
            username: Some(username.into()),
            enabled: Some(true),
            ..Default::default()
        })
    }

    /// Their email address.
    pub fn email(mut self, email: impl Into<String>) -> Self {
        self.0.email = Some(email.into());
        self
    }

    /// Mark the email as verified.
    pub fn email_verified(mut self) -> Self {
        self.0.email_verified = Some(true);
        self
    }

    /// First and last name (Keycloak 26's user profile wants both before a login).
    pub fn name(mut self, first: impl Into<String>, last: impl Into<String>) -> Self {
        self.0.first_name = Some(first.into());
        self.0.last_name = Some(last.into());
        self
    }

    /// Create the user disabled.
    pub fn disabled(mut self) -> Self {
        self.0.enabled = Some(false);
        self
    }

    /// Add values to an attribute (declared in the realm's user profile, or
    /// unmanaged attributes switched on: Keycloak drops the others).
    pub fn attribute(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        add(&mut self.0.attributes, name, values);
        self
    }

    /// An initial password; `temporary` makes the user change it at first login.
    pub fn password(mut self, value: impl Into<String>, temporary: bool) -> Self {
        self.0
            .credentials
            .get_or_insert_with(Vec::new)
            .push(CredentialRepresentation {
                type_: Some("password".into()),
                value: Some(value.into()),
                temporary: Some(temporary),
                ..Default::default()
            });
        self
    }

    /// A required action for the first login, e.g. `VERIFY_EMAIL`.
    pub fn required_action(mut self, action: impl Into<String>) -> Self {
        self.0
            .required_actions
            .get_or_insert_with(Vec::new)
            .push(action.into());
        self
    }

    /// Membership of a group by path (`/org/eng`).
    pub fn group(mut self, path: impl Into<String>) -> Self {
        self.0.groups.get_or_insert_with(Vec::new).push(path.into());
        self
    }
}

impl From<NewUser> for UserRepresentation {
    fn from(u: NewUser) -> Self {
        u.0
    }
}

/// A group to create.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewGroup(GroupRepresentation);

impl NewGroup {
    /// A group with this name.
    pub fn new(name: impl Into<String>) -> Self {
        NewGroup(GroupRepresentation {
            name: Some(name.into()),
            ..Default::default()
        })
    }

    /// Add values to an attribute.
    pub fn attribute(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        add(&mut self.0.attributes, name, values);
        self
    }
}

impl From<NewGroup> for GroupRepresentation {
    fn from(g: NewGroup) -> Self {
        g.0
    }
}

/// A role (realm or client) to create.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewRole(RoleRepresentation);

impl NewRole {
    /// A role with this name.
    pub fn new(name: impl Into<String>) -> Self {
        NewRole(RoleRepresentation {
            name: Some(name.into()),
            ..Default::default()
        })
    }

    /// What the role is for.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.0.description = Some(text.into());
        self
    }

    /// Add values to an attribute.
    pub fn attribute(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        add(&mut self.0.attributes, name, values);
        self
    }
}

impl From<NewRole> for RoleRepresentation {
    fn from(r: NewRole) -> Self {
        r.0
    }
}

/// An OpenID Connect client to create.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewClient(ClientRepresentation);

impl NewClient {
    /// A confidential client (it has a secret): back ends, services.
    pub fn confidential(client_id: impl Into<String>) -> Self {
        NewClient(ClientRepresentation {
            client_id: Some(client_id.into()),
            public_client: Some(false),
            enabled: Some(true),
            protocol: Some("openid-connect".into()),
            ..Default::default()
        })
    }

    /// A public client (no secret): browser and mobile apps.
    pub fn public(client_id: impl Into<String>) -> Self {
        let mut c = Self::confidential(client_id);
        c.0.public_client = Some(true);
        c
    }

    /// A display name.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.0.name = Some(name.into());
        self
    }

    /// Use this secret instead of a generated one.
    pub fn secret(mut self, secret: impl Into<String>) -> Self {
        self.0.secret = Some(secret.into());
        self
    }

    /// Allow a redirect URI (may end in `*`).
    pub fn redirect_uri(mut self, uri: impl Into<String>) -> Self {
        self.0
            .redirect_uris
            .get_or_insert_with(Vec::new)
            .push(uri.into());
        self
    }

    /// Give it a service account (client-credentials grant).
    pub fn service_account(mut self) -> Self {
        self.0.service_accounts_enabled = Some(true);
        self
    }

    /// Allow the resource-owner password grant ("direct access grants").
    pub fn direct_access_grants(mut self, on: bool) -> Self {
        self.0.direct_access_grants_enabled = Some(on);
        self
    }

    /// Allow the authorization-code flow (on by default in Keycloak).
    pub fn standard_flow(mut self, on: bool) -> Self {
        self.0.standard_flow_enabled = Some(on);
        self
    }

    /// Set a client attribute (e.g. `access.token.lifespan`).
    pub fn attribute(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.0
            .attributes
            .get_or_insert_with(HashMap::new)
            .insert(name.into(), value.into());
        self
    }
}

impl From<NewClient> for ClientRepresentation {
    fn from(c: NewClient) -> Self {
        c.0
    }
}

/// An organization to create.
#[derive(Debug, Clone)]
#[must_use]
pub struct NewOrganization(OrganizationRepresentation);

impl NewOrganization {
    /// An enabled organization named `name` (its alias defaults to the name).
    pub fn new(name: impl Into<String>) -> Self {
        NewOrganization(OrganizationRepresentation {
            name: Some(name.into()),
            enabled: Some(true),
            ..Default::default()
        })
    }

    /// One of its internet domains (e.g. `acme.example`); repeat for more.
    pub fn domain(mut self, name: impl Into<String>) -> Self {
        self.0
            .domains
            .get_or_insert_with(Vec::new)
            .push(OrganizationDomainRepresentation {
                name: Some(name.into()),
                ..Default::default()
            });
        self
    }

    /// Its alias (a stable key; defaults to the name).
    pub fn alias(mut self, alias: impl Into<String>) -> Self {
        self.0.alias = Some(alias.into());
        self
    }

    /// A description.
    pub fn description(mut self, text: impl Into<String>) -> Self {
        self.0.description = Some(text.into());
        self
    }

    /// Add values to attribute `name`.
    pub fn attribute(
        mut self,
        name: &str,
        values: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        add(&mut self.0.attributes, name, values);
        self
    }
}

impl From<NewOrganization> for OrganizationRepresentation {
    fn from(o: NewOrganization) -> Self {
        o.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constructors_fill_the_representation() {
        let u: UserRepresentation = NewUser::new("jane")
            .email("jane@example.com")
            .name("Jane", "Doe")
            .attribute("dept", ["ops", "dev"])
            .password("pw", true)
            .into();
        assert_eq!(u.username.as_deref(), Some("jane"));
        assert_eq!(u.enabled, Some(true));
        assert_eq!(u.attributes.unwrap()["dept"], ["ops", "dev"]);
        assert_eq!(u.credentials.unwrap()[0].temporary, Some(true));
        let c: ClientRepresentation = NewClient::confidential("svc").service_account().into();
        assert_eq!(
            (c.public_client, c.service_accounts_enabled),
            (Some(false), Some(true))
        );
    }

    #[test]
    fn debug_shows_no_initial_password_or_client_secret() {
        let user = NewUser::new("jane").password("Initial-Passw0rd", true);
        let client = NewClient::confidential("svc").secret("c1ient-s3cret");
        let shown = format!("{user:?} {client:?}");
        assert!(!shown.contains("Initial-Passw0rd"), "{shown}");
        assert!(!shown.contains("c1ient-s3cret"), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
        assert!(
            shown.contains("jane") && shown.contains("svc"),
            "the rest shows: {shown}"
        );
    }
}
