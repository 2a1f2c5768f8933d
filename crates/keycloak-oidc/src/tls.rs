//! The TLS crypto provider of the clients this crate builds.
//!
//! With feature `rustls` (the default) reqwest has no built-in provider (its
//! default, AWS-LC, is a C library built by CMake): rustls' `ring` provider is
//! installed as the process default before the first client is built.

/// Installs rustls' `ring` provider as the process default unless a provider
/// is installed already (yours wins). A no-op without feature `rustls`, or
/// with `rustls-aws-lc`. Call it before building a `reqwest::Client` of your
/// own for [`crate::OidcClientBuilder::http_client`].
///
/// ```no_run
/// keycloak_oidc::tls::install_default_provider();
/// let http = reqwest::Client::builder().build().unwrap();
/// ```
pub fn install_default_provider() {
    #[cfg(all(feature = "rustls", not(feature = "rustls-aws-lc")))]
    if rustls::crypto::CryptoProvider::get_default().is_none() {
        // Err means another thread installed one in between: that one is used.
        let _ = rustls::crypto::ring::default_provider().install_default();
    }
}

/// `reqwest::Client::builder()` after [`install_default_provider`]: for a
/// client of your own that never panics for want of a provider.
///
/// ```no_run
/// let http = keycloak_oidc::tls::client_builder()
///     .user_agent("my-app")
///     .build()
///     .unwrap();
/// let tokens = keycloak_oidc::TokenEndpoint::for_realm(http, "https://sso.example.com", "master");
/// ```
pub fn client_builder() -> reqwest::ClientBuilder {
    install_default_provider();
    reqwest::Client::builder()
}
