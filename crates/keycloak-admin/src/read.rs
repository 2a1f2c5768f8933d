//! Reading the generated models with less `Option` noise.

use crate::types::{
    ClientRepresentation, ClientScopeRepresentation, GroupRepresentation,
    OrganizationRepresentation, RoleRepresentation, UserRepresentation,
};

/// The attributes of a model that has them, read without unwrapping.
///
/// Every field of a generated model is an `Option` (Keycloak's document marks
/// none required, and a partial read must not fail). The patterns that read
/// well:
/// - a text field: `user.email.as_deref()` (`Option<&str>`), or
///   `.as_deref().unwrap_or("-")` for display;
/// - a flag: `user.enabled.unwrap_or(false)`;
/// - a list: `user.required_actions.as_deref().unwrap_or_default()` (`&[String]`);
/// - an attribute: [`Attributes::attribute`] / [`Attributes::attribute_values`]
///   (this trait, also in the [`prelude`](crate::prelude)).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::Attributes;
/// let users = kc.realm("rep").users();
/// let jane = users.get(&users.id_by_username("jane").await?).await?;
/// let dept = jane.attribute("dept").unwrap_or("none");
/// let emails = jane.attribute_values("alternate-email");
/// println!("{} in {dept}, {} more addresses", jane.username.as_deref().unwrap_or("?"), emails.len());
/// # Ok(()) }
/// ```
pub trait Attributes {
    /// The first value of attribute `name`; `None` when it is unset or empty.
    fn attribute(&self, name: &str) -> Option<&str> {
        self.attribute_values(name).first().map(String::as_str)
    }

    /// Every value of attribute `name`; empty when it is unset.
    fn attribute_values(&self, name: &str) -> &[String];
}

/// Models whose attributes hold several values per name.
macro_rules! multi_valued {
    ($($model:ty),*) => {$(
        impl Attributes for $model {
            fn attribute_values(&self, name: &str) -> &[String] {
                self.attributes.as_ref().and_then(|a| a.get(name)).map_or(&[], Vec::as_slice)
            }
        }
    )*};
}

/// Models whose attributes hold one value per name.
macro_rules! single_valued {
    ($($model:ty),*) => {$(
        impl Attributes for $model {
            fn attribute_values(&self, name: &str) -> &[String] {
                self.attributes.as_ref().and_then(|a| a.get(name)).map_or(&[], std::slice::from_ref)
            }
        }
    )*};
}

multi_valued!(
    UserRepresentation,
    GroupRepresentation,
    RoleRepresentation,
    OrganizationRepresentation
);
single_valued!(ClientRepresentation, ClientScopeRepresentation);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{NewClient, NewUser};

    #[test]
    fn attributes_read_without_unwrapping() {
        let user: UserRepresentation = NewUser::new("jane")
            .attribute("dept", ["ops", "sre"])
            .attribute("empty", Vec::<String>::new())
            .into();
        assert_eq!(user.attribute("dept"), Some("ops"));
        assert_eq!(user.attribute_values("dept"), ["ops", "sre"]);
        assert_eq!(user.attribute("empty"), None);
        assert_eq!(user.attribute("missing"), None);
        assert!(
            UserRepresentation::default()
                .attribute_values("dept")
                .is_empty()
        );

        let client: ClientRepresentation = NewClient::confidential("reports")
            .attribute("pkce.code.challenge.method", "S256")
            .into();
        assert_eq!(client.attribute("pkce.code.challenge.method"), Some("S256"));
        assert_eq!(
            client.attribute_values("pkce.code.challenge.method"),
            ["S256"]
        );
        assert_eq!(client.attribute("missing"), None);
    }
}
