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
    // …and no session a developer kept with `kc config credentials`.
    cmd.env("KC_CREDENTIALS", cache().join("no-credentials.json"));
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

    // `kc demo` runs on the dev server, starts nothing, and leaves it running.
    let demo = kc().arg("demo").output().unwrap();
    let said = String::from_utf8_lossy(&demo.stdout);
    assert!(
        demo.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    let url = up["url"].as_str().unwrap();
    assert!(
        said.starts_with(&format!(
            "1. Using the dev server at {url} (`kc dev up`; it keeps running)"
        )),
        "{said}"
    );
    assert!(!said.contains("Downloading"), "{said}");
    let still = json(kc().args(["dev", "status", "-o", "json"]));
    assert_eq!(
        (still["running"].as_bool(), still["pid"].as_u64()),
        (Some(true), Some(pid))
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
        "kc: no server: pass --url, set KEYCLOAK_URL, run `kc config credentials`, or start one with `kc dev up`"
    );
}

/// A state file left behind whose pid now belongs to another process (here a
/// `sleep` leading its own process group), or that names a directory outside
/// the cache: nothing is signalled, nothing is deleted, no credentials are sent.
#[test]
fn a_stale_or_forged_state_file_is_not_trusted() {
    use std::os::unix::process::CommandExt;
    let cache = std::env::temp_dir().join(format!("kc-dev-stale-{}", std::process::id()));
    let victim_home = cache.join("runs/kc-victim");
    std::fs::create_dir_all(&victim_home).unwrap();
    std::fs::write(victim_home.join("keep"), "x").unwrap();
    let outside = std::env::temp_dir().join(format!("kc-dev-outside-{}", std::process::id()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("keep"), "x").unwrap();
    let mut sleeper = std::process::Command::new("sleep")
        .arg("60")
        .process_group(0)
        .spawn()
        .unwrap();
    // A listener that records whether anything connects (credentials would follow).
    let stale = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    stale.set_nonblocking(true).unwrap();
    let stale_url = format!("http://{}", stale.local_addr().unwrap());
    let pid = sleeper.id();
    let state = |home: &std::path::Path| {
        serde_json::json!({
            "base_url": stale_url, "admin_username": "admin", "admin_password": "stale-secret",
            "version": "26.7.3", "pid": pid, "home": home, "log": home.join("keycloak.log"),
        })
        .to_string()
    };
    let kc = || {
        let mut cmd = kc();
        cmd.env("KEYCLOAK_TESTKIT_CACHE", &cache);
        cmd
    };

    std::fs::write(cache.join("dev-server.json"), state(&victim_home)).unwrap();
    assert_eq!(
        json(kc().args(["dev", "status", "-o", "json"]))["running"],
        false,
        "a pid that is not our Keycloak is not running"
    );
    let count = kc().args(["users", "count"]).output().unwrap();
    assert_eq!(count.status.code(), Some(2), "no server: nothing is sent");
    assert!(
        stale.accept().is_err(),
        "nothing connected to the stale URL"
    );
    let down = kc().args(["dev", "down"]).output().unwrap();
    assert!(down.status.success());
    assert_eq!(
        String::from_utf8_lossy(&down.stdout).trim(),
        "no dev server running"
    );
    assert!(
        sleeper.try_wait().unwrap().is_none(),
        "the other process was not signalled"
    );
    assert!(
        victim_home.join("keep").exists(),
        "its directory was not deleted"
    );

    std::fs::write(cache.join("dev-server.json"), state(&outside)).unwrap();
    let down = kc().args(["dev", "down"]).output().unwrap();
    assert!(down.status.success());
    assert!(
        String::from_utf8_lossy(&down.stderr).contains("not under"),
        "{}",
        String::from_utf8_lossy(&down.stderr)
    );
    assert!(
        outside.join("keep").exists(),
        "a directory outside the cache is never deleted"
    );
    assert!(sleeper.try_wait().unwrap().is_none());
    assert!(
        !cache.join("dev-server.json").exists(),
        "the untrusted file is removed"
    );

    let _ = sleeper.kill();
    let _ = sleeper.wait();
    let _ = std::fs::remove_dir_all(&cache);
    let _ = std::fs::remove_dir_all(&outside);
}
