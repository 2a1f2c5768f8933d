//! CI keeps the benchmark working: the runner in smoke mode (tiny sizes) against
//! a real Keycloak, every contestant included; the report it writes must have a
//! result for each, and W5 must show ours making exactly one token request.

mod support;

#[test]
fn smoke_run_writes_a_complete_report() {
    let out = std::env::temp_dir().join(format!("BENCHMARKS.smoke.{}.md", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_keycloak-bench"))
        .args(["--smoke", "--out"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "keycloak-bench --smoke failed");
    let report = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    assert!(
        !report.contains("failed:"),
        "a contestant failed:\n{report}"
    );
    for row in [
        "W1 create",
        "W2 create",
        "W3 read",
        "W4 count",
        "W5 concurrent",
    ] {
        let line = report
            .lines()
            .find(|l| l.starts_with(&format!("| {row}")))
            .unwrap_or_else(|| panic!("no {row} row"));
        assert_eq!(
            line.matches(" [").count(),
            6,
            "six contestants timed in {line}"
        );
    }
    assert!(
        report.contains(
            "| ours: keycloak-admin | [1] | [1] | 0 | one token request shared by all calls |"
        ),
        "{report}"
    );
    // W7/W8/W3-default: every way has a time (no failure, no missing row),
    // and each target line was computed.
    for (section, ways) in [
        ("## W3 with the new default", 2),
        ("## W7", 7),
        ("## W8", 4),
    ] {
        let (body, timed) = support::timed_rows(&report, section);
        assert_eq!(timed, ways, "{section}: every way timed\n{body}");
        assert!(!body.contains("not measured"), "{section}\n{body}");
    }
    let brief = report
        .lines()
        .find(|l| l.starts_with("| ours: `.brief(true).stream()`"))
        .expect("W8 brief row");
    assert!(brief.contains(" → "), "memory sampled: {brief}");
}
