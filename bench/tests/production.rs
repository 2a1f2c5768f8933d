//! The benchmark's cluster pass keeps working: the runner in smoke mode (tiny
//! sizes) with `--cluster` — two optimized nodes on PostgreSQL behind nginx
//! with TLS and `/auth`, every contestant through the proxy. Needs the
//! machine's `postgresql` and `nginx`, so it is part of the production tier
//! (`cargo test -p keycloak-bench --test production`), not of the default
//! test command.

mod support;

#[test]
fn the_cluster_pass_times_every_way_through_the_proxy() {
    let out = std::env::temp_dir().join(format!("BENCHMARKS.cluster.{}.md", std::process::id()));
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_keycloak-bench"))
        .args([
            "--smoke",
            "--cluster",
            "--only",
            "W7",
            "--only",
            "W8",
            "--out",
        ])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success(), "keycloak-bench --smoke --cluster failed");
    let report = std::fs::read_to_string(&out).unwrap();
    std::fs::remove_file(&out).ok();
    for (section, ways) in [
        ("## W7 on the cluster behind the TLS proxy", 7),
        ("## W8 on the cluster behind the TLS proxy", 4),
    ] {
        let (body, timed) = support::timed_rows(&report, section);
        assert_eq!(timed, ways, "{section}: every way timed\n{body}");
        assert!(
            !body.contains("failed:") && !body.contains("failed calls"),
            "{section}\n{body}"
        );
    }
}
