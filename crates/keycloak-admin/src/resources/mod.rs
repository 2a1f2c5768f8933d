//! Resource handles: the Admin API as the domain reads, e.g.
//! `kc.realm("rep").users().search("john").stream()`.

mod authentication;
mod client_roles;
mod client_scopes;
mod clients;
mod components;
mod events;
mod groups;
mod identity_providers;
mod realms;
mod roles;
mod users;

pub use authentication::Authentication;
pub use client_roles::ClientRoles;
pub use client_scopes::ClientScopes;
pub use clients::{Clients, RegisteredClient, ServiceAccountClient};
pub use components::Components;
pub use events::Events;
pub use groups::Groups;
pub use identity_providers::IdentityProviders;
pub use realms::{RealmHandle, Realms};
pub use roles::RealmRoles;
pub use users::{UserQuery, Users};
