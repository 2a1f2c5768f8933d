//! Where Keycloak releases differ, as the version matrix observed them
//! (COMPATIBILITY.md). Tests assert each release's own behaviour through these,
//! keyed on the version the server reports — never a skip.

use keycloak_admin::Version;

/// The version the shared server reports (`/admin/serverinfo`).
pub async fn version() -> Version {
    crate::server()
        .await
        .admin()
        .server()
        .await
        .unwrap_or_else(|e| panic!("serverinfo: {e}"))
        .version()
}

/// Status of the token endpoint's `invalid_grant` for a wrong password:
/// 401 up to 26.5.x, 400 from 26.7 (26.6 is not on Maven Central).
pub fn wrong_password_status(v: Version) -> u16 {
    if v >= Version::new(26, 7, 0) {
        400
    } else {
        401
    }
}

/// Introspection by a client outside the token's audience says `active: false`
/// from 26.7 on; earlier releases answer `active: true`.
pub fn introspection_checks_audience(v: Version) -> bool {
    v >= Version::new(26, 7, 0)
}

/// Standard token exchange (V2) is on by default from 26.2; before, the grant
/// type is refused with `unsupported_grant_type`.
pub fn standard_token_exchange(v: Version) -> bool {
    v >= Version::new(26, 2, 0)
}

/// Enabling authorization on a client creates a "Default Resource" (with a JS
/// "Default Policy" and a "Default Permission") before 26.5 (observed on
/// 26.0.8, 26.1.4, 26.2.5, 26.3.5 and 26.4.7; not on 26.5.6 and 26.7.3).
pub fn authz_creates_a_default_resource(v: Version) -> bool {
    v < Version::new(26, 5, 0)
}
