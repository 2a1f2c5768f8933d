//! Resource handles: the Admin API as the domain reads, e.g.
//! `kc.realm("rep").users().search("john").stream()`.

mod clients;
mod groups;
mod realms;
mod roles;
mod users;

pub use clients::{Clients, RegisteredClient, ServiceAccountClient};
pub use groups::Groups;
pub use realms::{RealmHandle, Realms};
pub use roles::RealmRoles;
pub use users::{UserQuery, Users};
