//! Which users the fast path may carry. Keycloak's partial import skips the
//! user profile's validation (it stored `ab` as a username and `not-an-email`
//! as an email in 26.7.3, both of which `POST /users` refuses), so a user goes
//! into a batch only when this module can prove, from the realm's profile,
//! that `POST /users` would accept it. Everything else is created one by one,
//! and the server's own validation decides — never the other way round.

use keycloak_admin_api::types::{UpAttribute, UpConfig, UserRepresentation};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// The realm's user profile, as far as it concerns creating users.
pub(crate) struct Profile {
    attributes: HashMap<String, UpAttribute>,
    /// Undeclared attributes are kept (policy `ENABLED` or `ADMIN_EDIT`).
    keeps_unmanaged: bool,
}

impl Profile {
    pub(crate) fn new(config: UpConfig) -> Self {
        let keeps_unmanaged = config
            .unmanaged_attribute_policy
            .as_deref()
            .is_some_and(|p| p == "ENABLED" || p == "ADMIN_EDIT");
        let attributes = config
            .attributes
            .unwrap_or_default()
            .into_iter()
            .filter_map(|a| Some((a.name.clone()?, a)))
            .collect();
        Profile {
            attributes,
            keeps_unmanaged,
        }
    }

    /// `POST /users` would accept this user as it is and keep all of it.
    pub(crate) fn proves(&self, user: &UserRepresentation) -> bool {
        if user.username.as_deref().is_none_or(str::is_empty) {
            return false;
        }
        let extra = user.attributes.as_ref();
        // An undeclared attribute the profile would drop: the one-by-one
        // create reports it (Error::AttributesDropped).
        if !self.keeps_unmanaged
            && extra.is_some_and(|a| a.keys().any(|k| !self.attributes.contains_key(k)))
        {
            return false;
        }
        self.attributes.values().all(|attribute| {
            let name = attribute.name.as_deref().unwrap_or_default();
            let values: Vec<&str> = match name {
                "username" => user.username.as_deref().into_iter().collect(),
                "email" => user.email.as_deref().into_iter().collect(),
                "firstName" => user.first_name.as_deref().into_iter().collect(),
                "lastName" => user.last_name.as_deref().into_iter().collect(),
                _ => extra
                    .and_then(|a| a.get(name))
                    .map(|v| v.iter().map(String::as_str).collect())
                    .unwrap_or_default(),
            };
            let values: Vec<&str> = values.into_iter().filter(|v| !v.is_empty()).collect();
            if values.is_empty() {
                return !required_of_admins(attribute);
            }
            attribute
                .validations
                .iter()
                .flatten()
                .all(|(validator, config)| values.iter().all(|v| passes(validator, config, v)))
        })
    }
}

fn required_of_admins(attribute: &UpAttribute) -> bool {
    attribute.required.as_ref().is_some_and(|r| {
        let roles = r.roles.as_deref().unwrap_or_default();
        roles.is_empty() || roles.iter().any(|r| r == "admin")
    })
}

/// True only when the validator certainly accepts `value`; an unknown
/// validator, or a known one configured beyond its defaults, proves nothing.
fn passes(validator: &str, config: &Map<String, Value>, value: &str) -> bool {
    let only = |allowed: &[&str]| {
        config
            .keys()
            .all(|k| k == "error-message" || allowed.contains(&k.as_str()))
    };
    match validator {
        "length" if only(&["min", "max"]) => {
            // Keycloak trims before measuring; a value with edge whitespace is
            // left to the server.
            let n = value.chars().count();
            value.trim() == value
                && number(config, "min").is_none_or(|min| n as u64 >= min)
                && number(config, "max").is_none_or(|max| n as u64 <= max)
        }
        "email" if only(&[]) => plain_email(value),
        "username-prohibited-characters" if only(&[]) => value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@')),
        "person-name-prohibited-characters" if only(&[]) => !value
            .chars()
            .any(|c| c.is_control() || "<>&\"$%!#?§;*~/\\|^=[]{}()".contains(c)),
        "up-username-not-idn-homograph" if only(&[]) => value.is_ascii(),
        "options" if only(&["options"]) => config
            .get("options")
            .and_then(Value::as_array)
            .is_some_and(|o| o.iter().any(|x| x.as_str() == Some(value))),
        _ => false,
    }
}

fn number(config: &Map<String, Value>, key: &str) -> Option<u64> {
    match config.get(key)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// A plain ASCII address (`local@label.label`): a subset of what Keycloak's
/// email validator accepts, so a match is certainly valid there.
fn plain_email(value: &str) -> bool {
    let Some((local, domain)) = value.split_once('@') else {
        return false;
    };
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'));
    let domain_ok = !domain.is_empty()
        && domain.len() <= 253
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    local_ok && domain_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keycloak 26.7.3's default profile, as `GET /users/profile` sent it.
    fn default_profile() -> Profile {
        Profile::new(
            serde_json::from_value(serde_json::json!({"attributes": [
                {"name": "username", "validations": {"length": {"min": 3, "max": 255},
                    "username-prohibited-characters": {}, "up-username-not-idn-homograph": {}}},
                {"name": "email", "validations": {"email": {}, "length": {"max": 255}},
                    "required": {"roles": ["user"]}},
                {"name": "firstName", "validations": {"length": {"max": 255},
                    "person-name-prohibited-characters": {}}, "required": {"roles": ["user"]}},
                {"name": "lastName", "validations": {"length": {"max": 255},
                    "person-name-prohibited-characters": {}}, "required": {"roles": ["user"]}}
            ]}))
            .unwrap(),
        )
    }

    fn user(username: &str, email: Option<&str>, first: Option<&str>) -> UserRepresentation {
        UserRepresentation {
            username: Some(username.into()),
            email: email.map(Into::into),
            first_name: first.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn plain_users_are_proven_and_anything_doubtful_is_left_to_the_server() {
        let p = default_profile();
        assert!(p.proves(&user(
            "jane.doe",
            Some("jane.doe+x@mail.example.com"),
            Some("Jane")
        )));
        assert!(p.proves(&user("Upper_Case-1", None, Some("Zoë O'Neil"))));
        for doubtful in [
            user("ab", None, None),                     // too short
            user(&"x".repeat(256), None, None),         // too long
            user("with space", None, None),             // prohibited character
            user("jürgen", None, None),                 // non-ASCII username
            user("jane", Some("not-an-email"), None),   // invalid email
            user("jane", Some("a..b@x.example"), None), // doubtful email
            user("jane", Some("jane@-x.example"), None),
            user("jane", None, Some("<script>")), // prohibited in names
            user("jane", None, Some(" Jane")),    // edge whitespace
            user("", None, None),
        ] {
            assert!(!p.proves(&doubtful), "{doubtful:?}");
        }
    }

    #[test]
    fn undeclared_attributes_go_one_by_one_unless_the_profile_keeps_them() {
        let mut u = user("jane", None, None);
        u.attributes = Some([("dept".to_string(), vec!["ops".to_string()])].into());
        assert!(!default_profile().proves(&u));
        let mut keeping = default_profile();
        keeping.keeps_unmanaged = true;
        assert!(keeping.proves(&u));
    }

    #[test]
    fn unknown_validators_and_custom_configs_prove_nothing() {
        let p = Profile::new(
            serde_json::from_value(serde_json::json!({"attributes": [
                {"name": "username", "validations": {"pattern": {"pattern": "^[a-z]+$"}}},
                {"name": "dept", "validations": {"options": {"options": ["ops", "dev"]}}},
                {"name": "badge", "validations": {"length": {"min": 2, "trim-disabled": true}}}
            ], "unmanagedAttributePolicy": "ENABLED"}))
            .unwrap(),
        );
        assert!(
            !p.proves(&user("jane", None, None)),
            "pattern is not evaluated here"
        );
        let p = Profile::new(
            serde_json::from_value(serde_json::json!({"attributes": [
                {"name": "dept", "validations": {"options": {"options": ["ops", "dev"]}}},
                {"name": "badge", "validations": {"length": {"min": 2, "trim-disabled": true}}},
                {"name": "floor", "required": {"roles": ["admin", "user"]}}
            ]}))
            .unwrap(),
        );
        let mut u = user("jane", None, None);
        let attrs = |pairs: &[(&str, &str)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), vec![v.to_string()]))
                    .collect(),
            )
        };
        u.attributes = attrs(&[("dept", "ops"), ("floor", "3")]);
        assert!(p.proves(&u));
        u.attributes = attrs(&[("dept", "sales"), ("floor", "3")]);
        assert!(!p.proves(&u), "not an option");
        u.attributes = attrs(&[("dept", "ops")]);
        assert!(!p.proves(&u), "required of admins too");
        u.attributes = attrs(&[("dept", "ops"), ("floor", "3"), ("badge", "x1")]);
        assert!(
            !p.proves(&u),
            "trim-disabled is a config this module does not model"
        );
    }
}
