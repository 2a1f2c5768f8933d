//! The TLS crypto provider every client of this crate builds with.
//!
//! reqwest is compiled without a built-in rustls provider (its default is
//! AWS-LC, a C library built by CMake); feature `rustls` (the default) brings
//! rustls' `ring` provider instead, which has to be installed as the process
//! default before the first `reqwest::Client` is built. [`Client::new`] and the
//! `keycloak-admin` / `keycloak-oidc` builders do it; call
//! [`install_default_provider`] yourself before building a `reqwest::Client` of
//! your own for [`Client::new_with_client`].
//!
//! [`Client::new`]: crate::Client::new
//! [`Client::new_with_client`]: crate::Client::new_with_client

/// Installs rustls' `ring` provider as the process default unless a provider is
/// installed already (yours wins). A no-op without feature `rustls`, or with
/// `rustls-aws-lc` (reqwest falls back to AWS-LC by itself).
///
/// ```no_run
/// keycloak_admin_api::tls::install_default_provider();
/// let http = reqwest::Client::builder().build().unwrap();
/// let api = keycloak_admin_api::Client::new_with_client(
///     "https://sso.example.com",
///     http,
///     keycloak_admin_api::Hooks::none(),
/// );
/// ```
pub fn install_default_provider() {
    #[cfg(all(feature = "rustls", not(feature = "rustls-aws-lc")))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one in between: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}
