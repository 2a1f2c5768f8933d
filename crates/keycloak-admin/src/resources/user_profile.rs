use crate::client::KeycloakAdmin;
use crate::error::Result;
use keycloak_admin_api::types::{
    UnmanagedAttributePolicy, UpAttribute, UpAttributePermissions, UpConfig,
};

/// A realm's user profile: which user attributes exist, who may see and edit
/// them, and what happens to attributes it does not declare (Keycloak 24+
/// drops them unless unmanaged attributes are allowed).
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{NewUser, UnmanagedAttributes};
/// let realm = kc.realm("rep");
/// // Either declare the attributes users carry…
/// realm.user_profile().declare("dept").await?;
/// // …or keep whatever is sent.
/// realm.user_profile().set_unmanaged_attributes(UnmanagedAttributes::Enabled).await?;
/// realm.users().create(NewUser::new("jane").attribute("dept", ["ops"])).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct UserProfile {
    kc: KeycloakAdmin,
    realm: String,
}

/// What the user profile does with attributes it does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnmanagedAttributes {
    /// Dropped (Keycloak's default).
    Disabled,
    /// Kept; users and admins can see and edit them.
    Enabled,
    /// Kept; only admins can see and edit them.
    AdminEdit,
    /// Kept; admins can see them, nobody edits them through the UI.
    AdminView,
}

impl UnmanagedAttributes {
    fn policy(self) -> Option<UnmanagedAttributePolicy> {
        let text = match self {
            UnmanagedAttributes::Disabled => return None,
            UnmanagedAttributes::Enabled => "ENABLED",
            UnmanagedAttributes::AdminEdit => "ADMIN_EDIT",
            UnmanagedAttributes::AdminView => "ADMIN_VIEW",
        };
        Some(UnmanagedAttributePolicy(text.to_string()))
    }
}

impl UserProfile {
    pub(crate) fn new(kc: KeycloakAdmin, realm: String) -> Self {
        Self { kc, realm }
    }
}

impl UserProfile {
    /// The whole configuration.
    pub async fn get(&self) -> Result<UpConfig> {
        self.kc
            .send(self.kc.api().get_users_profile().realm(&self.realm))
            .await
    }

    /// Replace the whole configuration; returns what the server kept.
    pub async fn update(&self, config: UpConfig) -> Result<UpConfig> {
        self.kc
            .send(
                self.kc
                    .api()
                    .put_users_profile()
                    .realm(&self.realm)
                    .body(config),
            )
            .await
    }

    /// Declare attribute `name` (admins view and edit it, not required),
    /// unless it is declared already. Returns whether it was added.
    pub async fn declare(&self, name: &str) -> Result<bool> {
        let mut config = self.get().await?;
        let attributes = config.attributes.get_or_insert_with(Vec::new);
        if attributes.iter().any(|a| a.name.as_deref() == Some(name)) {
            return Ok(false);
        }
        attributes.push(UpAttribute {
            name: Some(name.to_string()),
            display_name: Some(name.to_string()),
            multivalued: Some(true),
            permissions: Some(UpAttributePermissions {
                view: Some(vec!["admin".into()]),
                edit: Some(vec!["admin".into()]),
                ..Default::default()
            }),
            ..Default::default()
        });
        self.update(config).await.map(|_| true)
    }

    /// Keep or drop attributes the profile does not declare.
    pub async fn set_unmanaged_attributes(&self, policy: UnmanagedAttributes) -> Result<()> {
        let mut config = self.get().await?;
        config.unmanaged_attribute_policy = policy.policy();
        self.update(config).await.map(|_| ())
    }
}
