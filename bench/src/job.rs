//! What one timed run is: a workload, its size, where to run it, and what it measured.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Workload {
    /// Create N users one after another.
    W1,
    /// Create N users, 16 in flight.
    W2,
    /// Read every user of the realm, pages of 100.
    W3,
    /// Count users, then get one user by exact username N times.
    W4,
    /// N concurrent calls right after the access token expired.
    W5,
}

impl Workload {
    pub fn title(self) -> &'static str {
        match self {
            Workload::W1 => "W1 create users sequentially",
            Workload::W2 => "W2 create users, concurrency 16",
            Workload::W3 => "W3 read every user (pages of 100)",
            Workload::W4 => "W4 count + get by username (exact)",
            Workload::W5 => "W5 concurrent calls across a token expiry",
        }
    }
}

/// Where a contestant logs in and works.
#[derive(Clone, Debug)]
pub struct Target {
    pub base_url: String,
    pub realm: String,
    pub auth_realm: String,
    pub username: String,
    pub password: String,
    /// The CA that signed the server's certificate (the cluster's TLS proxy);
    /// every contestant trusts it.
    pub ca_file: Option<std::path::PathBuf>,
}

impl Target {
    /// The CA's PEM, when the target has one.
    pub fn ca_pem(&self) -> Result<Option<Vec<u8>>, String> {
        self.ca_file
            .as_ref()
            .map(|f| std::fs::read(f).map_err(|e| format!("{}: {e}", f.display())))
            .transpose()
    }

    /// A reqwest client builder that trusts the target's CA.
    pub fn http(&self) -> Result<reqwest::ClientBuilder, String> {
        let builder = keycloak_oidc::tls::client_builder();
        Ok(match self.ca_pem()? {
            Some(pem) => builder.add_root_certificate(
                reqwest::Certificate::from_pem(&pem).map_err(|e| e.to_string())?,
            ),
            None => builder,
        })
    }

    /// Ours' builder for the target (its CA trusted), logging in as its user.
    pub fn admin(&self) -> Result<keycloak_admin::KeycloakAdminBuilder, String> {
        let builder = keycloak_admin::KeycloakAdmin::builder(&self.base_url)
            .auth_realm(&self.auth_realm)
            .credentials(keycloak_admin::Credentials::password(
                &self.username,
                &self.password,
            ));
        Ok(match self.ca_pem()? {
            Some(pem) => builder.ca_certificate(pem),
            None => builder,
        })
    }
}

#[derive(Clone, Debug)]
pub struct Job {
    pub workload: Workload,
    pub n: usize,
    pub concurrency: usize,
    pub target: Target,
    /// Username prefix for created users.
    pub prefix: String,
    /// The username W4 looks up.
    pub lookup: String,
    /// W5: how long to idle after the warm-up call so the token expires.
    pub wait: Duration,
}

/// One timed run. Set-up and login happen before the clock starts.
#[derive(Clone, Debug, Default, serde::Deserialize)]
pub struct Sample {
    pub secs: f64,
    /// Calls that failed (they still count in the time).
    pub errors: u64,
    /// Users created or read, or calls that succeeded (checked against the job).
    pub count: u64,
    /// Wall-clock window of the timed part, for counting token requests server-side.
    pub burst_start_ms: u64,
    pub burst_end_ms: u64,
    /// CPU time (user + system) the client process spent in the timed part:
    /// the client's own cost, free of the server's share of the wall time.
    #[serde(default)]
    pub cpu_secs: f64,
    /// Peak resident memory of the client process (KiB), where measured
    /// (W8: ours in a child process, python-keycloak's own `ru_maxrss`).
    #[serde(default)]
    pub peak_rss_kib: u64,
}

/// User + system CPU seconds of this process so far.
pub fn cpu_secs() -> f64 {
    let mut usage = std::mem::MaybeUninit::<libc::rusage>::zeroed();
    // SAFETY: getrusage fills the struct it is given; RUSAGE_SELF is always valid.
    let usage = unsafe {
        libc::getrusage(libc::RUSAGE_SELF, usage.as_mut_ptr());
        usage.assume_init()
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

pub fn epoch_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

/// A user with what Keycloak 26's profile requires.
pub fn person(prefix: &str, i: usize) -> serde_json::Value {
    let name = format!("{prefix}-{i:05}");
    serde_json::json!({
        "username": name, "email": format!("{name}@example.com"),
        "firstName": "Bench", "lastName": "User", "enabled": true,
    })
}

/// The same user as [`person`], built directly as a crate's typed model (what a
/// caller of that crate writes), so no JSON round trip is timed.
#[macro_export]
macro_rules! typed_person {
    ($ty:ty, $prefix:expr, $i:expr) => {{
        let name = format!("{}-{:05}", $prefix, $i);
        <$ty>::default_with(|u: &mut $ty| {
            u.email = Some(format!("{name}@example.com"));
            u.first_name = Some("Bench".into());
            u.last_name = Some("User".into());
            u.enabled = Some(true);
            u.username = Some(name);
        })
    }};
}

/// `Default` plus a set-up closure, for the typed models of both crates.
pub trait DefaultWith: Default {
    fn default_with(f: impl FnOnce(&mut Self)) -> Self {
        let mut v = Self::default();
        f(&mut v);
        v
    }
}
impl DefaultWith for keycloak_admin_api::types::UserRepresentation {}
impl DefaultWith for keycloak::types::UserRepresentation {}

/// Times `work` and fills in the window; `work` returns (count, errors).
pub async fn timed<F: Future<Output = (u64, u64)>>(work: F) -> Sample {
    let burst_start_ms = epoch_ms();
    let cpu = cpu_secs();
    let start = std::time::Instant::now();
    let (count, errors) = work.await;
    Sample {
        secs: start.elapsed().as_secs_f64(),
        errors,
        count,
        burst_start_ms,
        burst_end_ms: epoch_ms(),
        cpu_secs: cpu_secs() - cpu,
        peak_rss_kib: 0,
    }
}
