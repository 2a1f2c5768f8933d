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

/// When an operation appeared in Keycloak's admin API, from the documents the
/// project ships (`spec/history.json`): the newest one without it and the
/// first with it. Keycloak adds admin routes in minor releases, so a server
/// whose minor release is at most `absent_in`'s does not have the route.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Added {
    /// The newest shipped document without the operation, e.g. `26.0.7`.
    pub absent_in: &'static str,
    /// The first shipped document with it, e.g. `26.5.2`.
    pub first_seen: &'static str,
}

impl Operation {
    /// When this operation appeared, if after the oldest shipped document.
    ///
    /// ```
    /// use keycloak_admin_api::operations;
    /// let added = operations::GET_WORKFLOWS.added().unwrap();
    /// assert_eq!((added.absent_in, added.first_seen), ("26.0.7", "26.5.2"));
    /// assert_eq!(operations::GET_USERS.added(), None);
    /// ```
    pub fn added(&self) -> Option<Added> {
        ADDED
            .binary_search_by(|(id, _)| (*id).cmp(self.id))
            .ok()
            .map(|i| ADDED[i].1)
    }

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

include!(concat!(
    env!("KEYCLOAK_ADMIN_API_GENERATED"),
    "/operations.rs"
));
