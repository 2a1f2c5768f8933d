//! A throw-away certificate authority and a server certificate it signed for
//! `localhost`/127.0.0.1 — for HTTPS servers in tests (feature `pki`).

use std::path::{Path, PathBuf};

/// A test CA (its PEM) and a directory with `server.pem` and
/// `server-key.pem` (0600) it signed; the directory goes on drop.
///
/// ```no_run
/// # async fn demo() -> Result<(), keycloak_testkit::Error> {
/// let pki = keycloak_testkit::pki::TestPki::new();
/// let server = keycloak_testkit::Server::start(
///     keycloak_testkit::KeycloakServer::from_env()
///         .local()
///         .https_certificate(pki.server_cert(), pki.server_key()),
/// )
/// .await?;
/// # Ok(()) }
/// ```
pub struct TestPki {
    ca_pem: String,
    dir: PathBuf,
}

impl TestPki {
    /// Make the CA and the server certificate (in a fresh temporary directory).
    pub fn new() -> Self {
        use rcgen::{BasicConstraints, CertificateParams, IsCa, KeyPair, KeyUsagePurpose};
        let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA parameters");
        ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        ca.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        ca.distinguished_name
            .push(rcgen::DnType::CommonName, "keycloak-admin-rs test CA");
        let ca_key = KeyPair::generate().expect("a CA key");
        let ca_cert = ca.self_signed(&ca_key).expect("a CA certificate");
        let issuer = rcgen::Issuer::new(ca, ca_key);

        let leaf = CertificateParams::new(vec!["localhost".to_string(), "127.0.0.1".to_string()])
            .expect("server parameters");
        let leaf_key = KeyPair::generate().expect("a server key");
        let leaf_cert = leaf
            .signed_by(&leaf_key, &issuer)
            .expect("a server certificate");

        let dir = std::env::temp_dir().join(format!(
            "keycloak-test-pki-{}",
            keycloak_launcher::unique_suffix()
        ));
        std::fs::create_dir_all(&dir).expect("a temporary directory");
        std::fs::write(dir.join("server.pem"), leaf_cert.pem()).expect("server.pem");
        std::fs::write(dir.join("ca.pem"), ca_cert.pem()).expect("ca.pem");
        let key_path = dir.join("server-key.pem");
        std::fs::write(&key_path, leaf_key.serialize_pem()).expect("server-key.pem");
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key_path, std::fs::Permissions::from_mode(0o600))
            .expect("0600 key");
        Self {
            ca_pem: ca_cert.pem(),
            dir,
        }
    }

    /// The CA certificate, PEM.
    pub fn ca_pem(&self) -> &str {
        &self.ca_pem
    }

    /// The CA certificate's file (`ca.pem`).
    pub fn ca_file(&self) -> PathBuf {
        self.dir.join("ca.pem")
    }

    /// The server certificate's file.
    pub fn server_cert(&self) -> PathBuf {
        self.dir.join("server.pem")
    }

    /// The server key's file (0600).
    pub fn server_key(&self) -> PathBuf {
        self.dir.join("server-key.pem")
    }

    /// Where the files are.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

impl Default for TestPki {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for TestPki {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
