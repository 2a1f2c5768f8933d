//! What the connected server is and can do: [`KeycloakAdmin::server`]. Read once
//! from `GET /admin/serverinfo` and cached; consulted when an operation that
//! needs a feature, or that is newer than some releases, answers 404, so the
//! caller gets [`Error::Unsupported`] instead of a bare "not found".

use crate::client::KeycloakAdmin;
use crate::error::{Error, Result};
use crate::types::ServerInfoRepresentation;
use keycloak_admin_api::Operation;
use std::sync::Arc;

/// A Keycloak release number: `26.4.7`; a suffix (`-SNAPSHOT`) is ignored and
/// a nightly (`999.0.0-SNAPSHOT`) sorts after every release.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// e.g. 26
    pub major: u32,
    /// e.g. 4
    pub minor: u32,
    /// e.g. 7
    pub patch: u32,
}

impl Version {
    /// A version from its parts.
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// `"26.4.7"`, `"26.4"`, `"26.4.7-SNAPSHOT"`; `None` for anything else.
    pub fn parse(text: &str) -> Option<Version> {
        let core = text.trim().split(['-', '+']).next()?;
        let mut parts = core.split('.').map(|p| p.parse::<u32>());
        let major = parts.next()?.ok()?;
        let minor = parts.next().unwrap_or(Ok(0)).ok()?;
        let patch = parts.next().unwrap_or(Ok(0)).ok()?;
        Some(Version::new(major, minor, patch))
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// A Keycloak feature (its profile id) that some operations need.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Feature {
    /// `ORGANIZATION`: organizations (default on from 26.0).
    Organizations,
    /// `WORKFLOWS`: realm workflows (26.x, newer releases).
    Workflows,
    /// `ADMIN_FINE_GRAINED_AUTHZ_V2`: fine-grained admin permissions v2 (26.2+).
    AdminPermissionsV2,
    /// `TOKEN_EXCHANGE_STANDARD_V2`: standard token exchange (default on from 26.2).
    TokenExchange,
    /// `AUTHORIZATION`: authorization services (policies, permissions, UMA).
    Authorization,
}

impl Feature {
    /// The id Keycloak's profile uses (`--features=…`, serverinfo's `features`).
    pub fn id(self) -> &'static str {
        match self {
            Feature::Organizations => "ORGANIZATION",
            Feature::Workflows => "WORKFLOWS",
            Feature::AdminPermissionsV2 => "ADMIN_FINE_GRAINED_AUTHZ_V2",
            Feature::TokenExchange => "TOKEN_EXCHANGE_STANDARD_V2",
            Feature::Authorization => "AUTHORIZATION",
        }
    }

    /// The feature an operation's route needs, by its path template.
    pub fn of_operation(op: &Operation) -> Option<Feature> {
        let path = op.path;
        let under = |segment: &str| path.split('/').any(|s| s == segment);
        if under("workflows") {
            Some(Feature::Workflows)
        } else if under("organizations") {
            Some(Feature::Organizations)
        } else if under("authz") {
            Some(Feature::Authorization)
        } else {
            None
        }
    }
}

/// The connected server: its version and which features it has on.
///
/// ```no_run
/// # async fn demo(kc: keycloak_admin::KeycloakAdmin) -> Result<(), keycloak_admin::Error> {
/// use keycloak_admin::{Feature, Version};
/// let server = kc.server().await?;
/// if server.version() < Version::new(26, 2, 0) || !server.is_enabled(Feature::TokenExchange) {
///     println!("Keycloak {} has no standard token exchange", server.version());
/// }
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct ServerCapabilities {
    version: Version,
    version_text: String,
    features: Vec<(String, bool)>,
    info: ServerInfoRepresentation,
}

impl ServerCapabilities {
    pub(crate) fn from_info(info: ServerInfoRepresentation) -> Result<Self> {
        // Quoted in errors that terminals print: only the characters a version uses.
        let version_text: String = info
            .system_info
            .as_ref()
            .and_then(|s| s.version.as_deref())
            .unwrap_or_default()
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '+'))
            .take(64)
            .collect();
        let version = Version::parse(&version_text).ok_or_else(|| Error::Decode {
            operation: keycloak_admin_api::operations::GET_SERVERINFO.to_string(),
            message: format!("the server reports an unreadable version `{version_text}`"),
        })?;
        let mut features: Vec<(String, bool)> = info
            .features
            .iter()
            .flatten()
            .filter_map(|f| Some((f.name.clone()?, f.enabled.unwrap_or(false))))
            .collect();
        if features.is_empty() {
            // Older servers list only what is off; assume the rest is on.
            if let Some(profile) = &info.profile_info {
                features.extend(
                    profile
                        .disabled_features
                        .iter()
                        .flatten()
                        .map(|f| (f.clone(), false)),
                );
            }
        }
        Ok(ServerCapabilities {
            version,
            version_text,
            features,
            info,
        })
    }

    /// The release, e.g. `26.4.7`.
    pub fn version(&self) -> Version {
        self.version
    }

    /// The version exactly as the server reports it.
    pub fn version_text(&self) -> &str {
        &self.version_text
    }

    /// Whether `feature` is on. A feature this release does not know is off.
    pub fn is_enabled(&self, feature: Feature) -> bool {
        self.feature(feature.id()).unwrap_or(false)
    }

    /// A feature by profile id: `Some(on)` if the server knows it, `None` if not.
    pub fn feature(&self, id: &str) -> Option<bool> {
        self.features
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(id))
            .map(|(_, on)| *on)
    }

    /// Every feature the server lists, with whether it is on.
    pub fn features(&self) -> impl Iterator<Item = (&str, bool)> {
        self.features.iter().map(|(n, on)| (n.as_str(), *on))
    }

    /// The whole serverinfo document (providers, themes, …).
    pub fn info(&self) -> &ServerInfoRepresentation {
        &self.info
    }

    /// Whether this release may predate `op`'s route: its minor release is
    /// older than the first shipped document that has the route.
    pub fn may_lack(&self, op: &Operation) -> bool {
        op.added()
            .and_then(|a| Version::parse(a.first_seen))
            .is_some_and(|seen| (self.version.major, self.version.minor) < (seen.major, seen.minor))
    }

    /// `Ok` when `feature` is on; else the [`Error::Unsupported`] for `op`
    /// that says whether it is disabled or unknown to this release.
    pub(crate) fn require(&self, feature: Feature, op: &Operation) -> Result<()> {
        let state = match self.feature(feature.id()) {
            Some(true) => return Ok(()),
            Some(false) => "disabled",
            None => "unknown to this release",
        };
        Err(Error::Unsupported {
            operation: op.to_string(),
            server_version: self.version_text.clone(),
            feature: Some(feature.id().to_string()),
            reason: format!("feature {} is {state}", feature.id()),
        })
    }

    /// Why `op` cannot run here: its route is newer than this release (from
    /// the shipped documents' history), or it needs a feature that is off.
    /// `no_route` says the 404 carried the framework's own "no such route"
    /// body rather than a message about a missing resource.
    pub(crate) fn unsupported(&self, op: &Operation, no_route: bool) -> Option<Error> {
        // A feature that is off says the most (it can be switched on).
        if let Some(feature) = Feature::of_operation(op)
            && let Err(e) = self.require(feature, op)
        {
            return Some(e);
        }
        if let Some(added) = op.added()
            && let (Some(absent), Some(seen)) = (
                Version::parse(added.absent_in),
                Version::parse(added.first_seen),
            )
        {
            // Routes arrive in minor releases: 26.0.8 has what 26.0.7 has.
            let minor = (self.version.major, self.version.minor);
            let before = minor <= (absent.major, absent.minor);
            // Between the two documents: only the bare no-route 404 tells.
            let between = !before && minor < (seen.major, seen.minor) && no_route;
            if before || between {
                let reason = if before {
                    format!(
                        "the route is not in Keycloak {}.{}'s admin API (it is in {}'s)",
                        absent.major, absent.minor, added.first_seen
                    )
                } else {
                    format!(
                        "the server has no such route (it is in Keycloak {}'s admin API, not in {}'s)",
                        added.first_seen, added.absent_in
                    )
                };
                return Some(Error::Unsupported {
                    operation: op.to_string(),
                    server_version: self.version_text.clone(),
                    feature: Feature::of_operation(op).map(|f| f.id().to_string()),
                    reason,
                });
            }
        }
        None
    }
}

impl KeycloakAdmin {
    /// The server's version and features, read once and cached for the
    /// client's lifetime (clones share it).
    pub async fn server(&self) -> Result<Arc<ServerCapabilities>> {
        self.capabilities()
            .get_or_try_init(|| async {
                // Not through `send`: its 404 handling asks this very function.
                let request = self.api().get_serverinfo();
                let (outcome, refused) = crate::auth::hook::capture(request.send()).await;
                let info = crate::call::map(
                    keycloak_admin_api::operations::GET_SERVERINFO,
                    outcome,
                    refused,
                )
                .await?
                .into_inner();
                ServerCapabilities::from_info(info).map(Arc::new)
            })
            .await
            .cloned()
    }

    /// A 404 (or 405) from a feature-gated or newer route:
    /// [`Error::Unsupported`] when the server lacks the feature or predates
    /// the route, else the error as it was.
    pub(crate) async fn explain_not_found(&self, op: &'static Operation, err: Error) -> Error {
        let status = match &err {
            Error::Api(e) => Some(e.status),
            _ => None,
        };
        if !matches!(status, Some(404 | 405))
            || (Feature::of_operation(op).is_none() && op.added().is_none())
        {
            return err;
        }
        // JAX-RS's answers when no resource method matches the path, or the
        // path matches a resource without this method (e.g. 26.2 has GET
        // `organizations/{id}/groups`-shaped routes but no POST).
        let no_route = status == Some(405)
            || matches!(&err, Error::Api(e)
                if e.body.as_ref().and_then(|b| b.error.as_deref()) == Some("HTTP 404 Not Found"));
        match self.server().await {
            Ok(server) => server.unsupported(op, no_route).unwrap_or(err),
            Err(_) => err,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_parse_and_order() {
        assert_eq!(Version::parse("26.4.7"), Some(Version::new(26, 4, 7)));
        assert_eq!(Version::parse("26.2"), Some(Version::new(26, 2, 0)));
        assert_eq!(
            Version::parse("26.7.0-SNAPSHOT"),
            Some(Version::new(26, 7, 0))
        );
        assert_eq!(Version::parse("nightly"), None);
        assert!(Version::parse("999.0.0-SNAPSHOT").unwrap() > Version::new(26, 7, 3));
        assert!(Version::new(26, 10, 0) > Version::new(26, 9, 9));
    }

    #[test]
    fn a_reported_version_keeps_only_version_characters() {
        let info: ServerInfoRepresentation = serde_json::from_value(serde_json::json!({
            "systemInfo": {"version": "26.4.7\u{1b}[31m\r\nX-Injected: 1"}
        }))
        .unwrap();
        // Unreadable once the escapes are gone: refused, and the error quotes no control character.
        let err = ServerCapabilities::from_info(info).unwrap_err().to_string();
        assert!(err.contains("`26.4.731mX-Injected1`"), "{err}");
        assert!(!err.chars().any(char::is_control), "{err:?}");
    }

    fn server(version: &str, features: serde_json::Value) -> ServerCapabilities {
        let info: ServerInfoRepresentation = serde_json::from_value(serde_json::json!({
            "systemInfo": {"version": version}, "features": features
        }))
        .unwrap();
        ServerCapabilities::from_info(info).unwrap()
    }

    #[test]
    fn a_route_newer_than_the_release_is_unsupported() {
        use keycloak_admin_api::operations as ops;
        // Organization groups arrived in 26.6 (absent from 26.5.2's document).
        let op = ops::GET_ORGANIZATIONS_GROUPS;
        let on = serde_json::json!([{"name": "ORGANIZATION", "enabled": true}]);
        let err = server("26.5.6", on.clone()).unsupported(op, false).unwrap();
        assert!(err.is_unsupported());
        let text = err.to_string();
        assert!(text.contains("not supported by Keycloak 26.5.6"), "{text}");
        assert!(
            text.contains("not in Keycloak 26.5's admin API (it is in 26.6.0's)"),
            "{text}"
        );
        assert!(server("26.6.0", on.clone()).unsupported(op, true).is_none());
        assert!(
            server("999.0.0-SNAPSHOT", on.clone())
                .unsupported(op, true)
                .is_none()
        );
        // Old routes never are.
        let old = server("24.0.5", serde_json::json!([]));
        assert!(old.unsupported(ops::GET_USERS, true).is_none());

        // Invitations: absent from 26.0.7's document, in 26.5.2's. A 26.2
        // server is between the two: only the bare no-route 404 says so.
        let op = ops::GET_ORGANIZATIONS_INVITATIONS;
        let between = server("26.2.5", on.clone());
        assert!(
            between.unsupported(op, false).is_none(),
            "a resource's own 404"
        );
        let err = between.unsupported(op, true).unwrap().to_string();
        assert!(
            err.contains("no such route (it is in Keycloak 26.5.2's admin API"),
            "{err}"
        );
        assert!(
            server("26.0.8", on).unsupported(op, false).is_some(),
            "before: always"
        );
    }

    #[test]
    fn routes_map_to_their_features() {
        use keycloak_admin_api::operations as ops;
        assert_eq!(
            Feature::of_operation(ops::GET_WORKFLOWS),
            Some(Feature::Workflows)
        );
        assert_eq!(
            Feature::of_operation(ops::GET_ORGANIZATIONS),
            Some(Feature::Organizations)
        );
        assert_eq!(Feature::of_operation(ops::GET_USERS), None);
    }
}
