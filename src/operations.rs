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

    /// The route a request went to, from its URL path alone (the server's
    /// base path, such as `/auth`, may precede the template): method `*`, the
    /// template with the most literal segments that matches. For code that
    /// has only a response in hand.
    ///
    /// ```
    /// use keycloak_admin_api::operations::Operation;
    /// let route = Operation::for_path("/auth/admin/realms/rep/users/42").unwrap();
    /// assert_eq!(route.to_string(), "* /admin/realms/{realm}/users/{user-id}");
    /// let route = Operation::for_path("/admin/realms/rep/users/42/groups").unwrap();
    /// assert_eq!(route.path, "/admin/realms/{realm}/users/{user-id}/groups");
    /// assert!(Operation::for_path("/somewhere/else").is_none());
    /// ```
    pub fn for_path(path: &str) -> Option<&'static Operation> {
        let sent: Vec<&str> = path.trim_start_matches('/').split('/').collect();
        BY_PATH
            .iter()
            .filter_map(|op| {
                let template: Vec<&str> = op.path.trim_start_matches('/').split('/').collect();
                let tail = sent.get(sent.len().checked_sub(template.len())?..)?;
                let mut literals = 0;
                for (t, s) in template.iter().zip(tail) {
                    if t.starts_with('{') {
                        if s.is_empty() {
                            return None;
                        }
                    } else if t == s {
                        literals += 1;
                    } else {
                        return None;
                    }
                }
                Some((literals, op))
            })
            .max_by_key(|(literals, _)| *literals)
            .map(|(_, op)| op)
    }
}

impl std::fmt::Display for Operation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

include!(concat!(env!("OUT_DIR"), "/operations.rs"));
