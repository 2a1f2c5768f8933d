//! Every operation as data: id, HTTP method and path template.
//!
//! ```
//! use keycloak_admin_api::operations::{self, Operation};
//! assert_eq!(operations::GET_USERS.path, "/admin/realms/{realm}/users");
//! assert_eq!(Operation::by_id("get_users"), Some(operations::GET_USERS));
//! ```

/// One operation of the Admin REST API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Operation {
    /// The generated method's name.
    pub id: &'static str,
    /// `GET`, `POST`, …
    pub method: &'static str,
    /// The path template, e.g. `/admin/realms/{realm}/users/{user-id}`: safe to log.
    pub path: &'static str,
}

impl Operation {
    /// Look an operation up by its id (the generated method's name).
    pub fn by_id(id: &str) -> Option<&'static Operation> {
        ALL.binary_search_by(|op| op.id.cmp(id))
            .ok()
            .map(|i| &ALL[i])
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));
