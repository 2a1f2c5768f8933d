//! What the `kc` test binaries share: the binary with none of the caller's
//! Keycloak settings, and a run's exit code and output.

use assert_cmd::Command;

/// `kc`, without the environment variables that would pick a server,
/// credentials or a CA for it.
pub fn kc() -> Command {
    let mut cmd = Command::cargo_bin("kc").unwrap();
    for var in [
        "KEYCLOAK_URL",
        "KEYCLOAK_USERNAME",
        "KEYCLOAK_PASSWORD",
        "KEYCLOAK_CA_CERT",
        "KEYCLOAK_CLIENT_SECRET",
        "KC_PROFILE",
        "SSL_CERT_FILE",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Run it: exit code, stdout, stderr.
pub fn outcome(cmd: &mut Command) -> (Option<i32>, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
