//! Keycloak drops attributes its user profile does not declare without a
//! word; after a write the user is read back and the dropped ones named.

use super::Users;
use crate::error::{Error, Result};
use keycloak_admin_api::types::UserRepresentation;

impl Users {
    /// After a write that sent attributes `sent`: read the user back and name
    /// the ones Keycloak did not keep (its user profile drops undeclared
    /// attributes without a word).
    pub(super) async fn check_kept(
        &self,
        op: &'static keycloak_admin_api::Operation,
        id: &str,
        sent: Vec<String>,
    ) -> Result<()> {
        if sent.is_empty() {
            return Ok(());
        }
        let kept = self.get(id).await?;
        let kept = kept.attributes.unwrap_or_default();
        let dropped: Vec<String> = sent
            .into_iter()
            .filter(|name| !kept.contains_key(name))
            .collect();
        if dropped.is_empty() {
            return Ok(());
        }
        Err(Error::AttributesDropped {
            operation: op.to_string(),
            id: id.to_string(),
            attributes: dropped,
        })
    }
}

/// The attribute names a write sends with at least one value (an empty list
/// removes an attribute, so nothing is expected back for it).
pub(super) fn attribute_names(user: &UserRepresentation) -> Vec<String> {
    let mut names: Vec<String> = user
        .attributes
        .iter()
        .flatten()
        .filter(|(_, values)| !values.is_empty())
        .map(|(name, _)| name.clone())
        .collect();
    names.sort();
    names
}
