use std::process::Command;
use std::time::{Duration, Instant};

/// A process that starts a server and then panics (not even Drop runs) leaves no
/// Java process and no home directory behind: the watchdog cleans up.
#[test]
fn a_panicking_process_leaves_no_server_behind() {
    let out = Command::new(env!("CARGO_BIN_EXE_orphan-probe"))
        .output()
        .expect("the probe runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "the probe panics");
    assert!(
        stderr.contains("deliberate panic"),
        "the probe got as far as its panic: {stderr}"
    );
    let home = stdout
        .lines()
        .find_map(|l| l.strip_prefix("HOME "))
        .unwrap_or_else(|| panic!("the probe printed its home: {stdout}{stderr}"));

    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let running = Command::new("pgrep")
            .args(["-f", home])
            .output()
            .unwrap()
            .status
            .success();
        if !running && !std::path::Path::new(home).exists() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "server of {home} still running ({running}) or its home still exists after 15 s"
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}
