//! `kc dev up|status|down`: a Keycloak that outlives the command that started it,
//! used by other commands while KEYCLOAK_URL is unset, and stopped by `down`.

use assert_cmd::Command;
use std::path::PathBuf;

fn cache() -> PathBuf {
    std::env::temp_dir().join(format!("kc-dev-test-{}", std::process::id()))
}

fn kc() -> Command {
    let mut cmd = Command::cargo_bin("kc").unwrap();
    for var in [
        "KEYCLOAK_URL",
        "KEYCLOAK_USERNAME",
        "KEYCLOAK_PASSWORD",
        "KEYCLOAK_CLIENT_SECRET",
        "KEYCLOAK_REALM",
    ] {
        cmd.env_remove(var);
    }
    // A cache of its own, so a developer's own `kc dev` server is left alone.
    cmd.env("KEYCLOAK_TESTKIT_CACHE", cache());
    cmd
}

/// Stops the dev server even when an assertion fails.
struct Down;

impl Drop for Down {
    fn drop(&mut self) {
        let _ = kc().args(["dev", "down"]).output();
        let _ = std::fs::remove_dir_all(cache());
    }
}

fn json(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn dev_up_serves_other_commands_until_dev_down() {
    let _down = Down;
    assert_eq!(
        json(kc().args(["dev", "status", "-o", "json"]))["running"],
        false
    );
    let up = json(kc().args(["dev", "up", "-o", "json"]));
    assert_eq!(up["running"], true);
    let pid = up["pid"].as_u64().unwrap();

    // `kc dev up` has exited; the server has not, and other commands find it.
    let count = kc()
        .args(["users", "count", "--realm", "master"])
        .output()
        .unwrap();
    assert!(
        count.status.success(),
        "{}",
        String::from_utf8_lossy(&count.stderr)
    );
    assert_eq!(
        String::from_utf8(count.stdout).unwrap().trim(),
        "1",
        "the bootstrap admin"
    );
    let again = json(kc().args(["dev", "up", "-o", "json"]));
    assert_eq!(
        again["pid"].as_u64(),
        Some(pid),
        "a second `up` reuses the running server"
    );
    assert_eq!(
        json(kc().args(["dev", "status", "-o", "json"]))["url"],
        up["url"]
    );

    assert!(
        kc().args(["dev", "down"])
            .output()
            .unwrap()
            .status
            .success()
    );
    let alive = std::process::Command::new("kill")
        .args(["-0", &pid.to_string()])
        .status()
        .unwrap()
        .success();
    assert!(!alive, "the server process is gone");
    assert_eq!(
        json(kc().args(["dev", "status", "-o", "json"]))["running"],
        false
    );
    let (code, err) = {
        let out = kc().args(["users", "count"]).output().unwrap();
        (out.status.code(), String::from_utf8(out.stderr).unwrap())
    };
    assert_eq!(code, Some(2));
    assert_eq!(
        err.trim(),
        "kc: no server: pass --url, set KEYCLOAK_URL, or start one with `kc dev up`"
    );
}
