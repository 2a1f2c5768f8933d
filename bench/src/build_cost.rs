//! Cold debug build time and target size: this project's admin client vs the
//! `keycloak` crate, each in a fresh target directory, one after the other.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct BuildCost {
    pub what: String,
    pub secs: f64,
    pub target_mib: f64,
}

fn dir_size(path: &Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(path) else {
        return 0;
    };
    entries
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

/// A cold build as a user's project builds our crates: from crates.io cargo
/// never compiles a dependency incrementally, while inside this workspace the
/// dev profile would (its extra bookkeeping made the same build ~15 % slower
/// here). So incremental compilation is off for every build measured, the
/// peer's included (it is a registry dependency: off anyway).
fn build(what: &str, dir: &Path, args: &[&str], target: PathBuf) -> Result<BuildCost, String> {
    let _ = std::fs::remove_dir_all(&target);
    let start = Instant::now();
    let status = Command::new(env!("CARGO"))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", &target)
        .env("CARGO_INCREMENTAL", "0")
        .status()
        .map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("building {what} failed"));
    }
    let cost = BuildCost {
        what: what.into(),
        secs: start.elapsed().as_secs_f64(),
        target_mib: dir_size(&target) as f64 / (1024.0 * 1024.0),
    };
    let _ = std::fs::remove_dir_all(&target);
    Ok(cost)
}

/// A throwaway crate that depends on one of our crates the way a user's
/// project does — by its own manifest and default dev profile (full debug
/// info; our workspace's profile settings do not apply to a dependency) — with
/// our `Cargo.lock` copied in so the versions are the ones we test. `extra`
/// goes into the dependency's table after its path, e.g. `, default-features = false`.
fn consumer(
    scratch: &Path,
    name: &str,
    workspace: &Path,
    package: &str,
    extra: &str,
) -> Result<PathBuf, String> {
    let dir = scratch.join(format!("consumer-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let crate_dir = workspace.join("crates").join(package);
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"consumer\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
             [dependencies]\n{package} = {{ path = {:?}{extra} }}\n",
            crate_dir.display().to_string()
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        dir.join("src/lib.rs"),
        format!("pub use {};\n", package.replace('-', "_")),
    )
    .map_err(|e| e.to_string())?;
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| e.to_string())?;
    Ok(dir)
}

/// Both builds; `scratch` holds the target dirs and the peer's throwaway crate.
pub fn measure(workspace: &Path, scratch: &Path) -> Result<Vec<BuildCost>, String> {
    let dir = consumer(scratch, "ours", workspace, "keycloak-admin", "")?;
    let ours = build(
        "keycloak-admin (this project, default features: rustls), as a dependency",
        &dir,
        &["build", "--quiet"],
        scratch.join("target-ours"),
    )?;
    // The keycloak crate's default reqwest has no TLS at all; ours without TLS is the like-for-like row.
    let dir = consumer(
        scratch,
        "ours-plain",
        workspace,
        "keycloak-admin",
        ", default-features = false",
    )?;
    let ours_plain = build(
        "keycloak-admin without default features (no TLS, like the keycloak crate's default), as a dependency",
        &dir,
        &["build", "--quiet"],
        scratch.join("target-ours-plain"),
    )?;
    let peer = measure_peer(scratch)?;
    Ok(vec![ours, ours_plain, peer])
}

/// The `keycloak` crate from crates.io, in a throwaway crate of its own.
fn measure_peer(scratch: &Path) -> Result<BuildCost, String> {
    let peer_dir = scratch.join("peer-crate");
    std::fs::create_dir_all(peer_dir.join("src")).map_err(|e| e.to_string())?;
    std::fs::write(
        peer_dir.join("Cargo.toml"),
        "[package]\nname = \"peer\"\nversion = \"0.0.0\"\nedition = \"2024\"\n\n[workspace]\n\n\
         [dependencies]\nkeycloak = \"=26.8.100\"\n",
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(peer_dir.join("src/lib.rs"), "pub use keycloak;\n")
        .map_err(|e| e.to_string())?;
    build(
        "keycloak 26.8.100 (crates.io, default features: HTTP only)",
        &peer_dir,
        &["build", "--quiet"],
        scratch.join("target-peer"),
    )
}

/// One row of the before/after table: the same build of two source trees.
pub struct Compared {
    pub what: String,
    pub before: Result<BuildCost, String>,
    pub after: Result<BuildCost, String>,
    /// Release binary sizes (MiB), for the `kc` row.
    pub binary: Option<(Option<f64>, Option<f64>)>,
}

/// `cargo tree` of `package`'s default graph mentions each of `crates`.
fn in_graph(dir: &Path, package: &str, crates: &[&str]) -> Vec<String> {
    let out = Command::new(env!("CARGO"))
        .args([
            "tree",
            "-p",
            package,
            "-e",
            "normal,build",
            "--prefix",
            "none",
        ])
        .current_dir(dir)
        .output();
    let text = out
        .map(|o| String::from_utf8_lossy(&o.stdout).to_string())
        .unwrap_or_default();
    crates
        .iter()
        .filter(|c| text.lines().any(|l| l.starts_with(&format!("{c} v"))))
        .map(|c| c.to_string())
        .collect()
}

fn binary_mib(target: &Path) -> Option<f64> {
    std::fs::metadata(target.join("release/kc"))
        .ok()
        .map(|m| m.len() as f64 / (1024.0 * 1024.0))
}

/// Cold builds of `before` (a checkout of the old revision) and `after` (this
/// tree), alternating so drift in the machine's speed hits both alike; the
/// peer crate once. Markdown.
pub fn compare(
    before: &Path,
    after: &Path,
    scratch: &Path,
    before_rev: &str,
    how: &str,
) -> Result<String, String> {
    // (row, package, the dependency's extra keys before, after). Each row is
    // a throwaway crate depending on the package (see `consumer`).
    let rows: &[(&str, &str, &str, &str)] = &[
        ("keycloak-admin, default features", "keycloak-admin", "", ""),
        (
            "keycloak-admin without default features (no TLS)",
            "keycloak-admin",
            ", default-features = false",
            ", default-features = false",
        ),
        (
            "keycloak-oidc as keycloak-admin uses it (before: its defaults; after: `default-features = false, features = [\"rustls\"]`, token grants without `verify`)",
            "keycloak-oidc",
            "",
            ", default-features = false, features = [\"rustls\"]",
        ),
        (
            "keycloak-oidc, default features (with `verify`)",
            "keycloak-oidc",
            "",
            "",
        ),
    ];
    // The peer first and last: its mean is what the ratios divide by, and the
    // two show how far the machine drifted over the run.
    eprintln!("build cost: the peer (first)…");
    let peer_first = measure_peer(scratch)?;
    let mut compared = Vec::new();
    for (i, (what, package, extra_before, extra_after)) in rows.iter().enumerate() {
        eprintln!("build cost: {what}…");
        let b = consumer(
            scratch,
            &format!("before-{i}"),
            before,
            package,
            extra_before,
        )?;
        let a = consumer(scratch, &format!("after-{i}"), after, package, extra_after)?;
        let args = ["build", "--quiet"];
        compared.push(Compared {
            what: what.to_string(),
            before: build(what, &b, &args, scratch.join("target-before")),
            after: build(what, &a, &args, scratch.join("target-after")),
            binary: None,
        });
    }
    // The issue's own command, in this workspace (its dev profile: line tables only, no
    // debug info for dependencies; incremental off as everywhere here).
    let what = "`cargo build -p keycloak-admin` in this workspace (its dev profile)";
    eprintln!("build cost: {what}…");
    let args = ["build", "--quiet", "-p", "keycloak-admin"];
    compared.push(Compared {
        what: what.into(),
        before: build(what, before, &args, scratch.join("target-before")),
        after: build(what, after, &args, scratch.join("target-after")),
        binary: None,
    });
    // The CLI in release: time and binary size (the target is kept until measured).
    eprintln!("build cost: kc release…");
    let release = |dir: &Path, target: PathBuf| -> (Result<BuildCost, String>, Option<f64>) {
        let _ = std::fs::remove_dir_all(&target);
        let start = Instant::now();
        let status = Command::new(env!("CARGO"))
            .args(["build", "--quiet", "--release", "--bin", "kc"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &target)
            .env("CARGO_INCREMENTAL", "0")
            .status();
        let secs = start.elapsed().as_secs_f64();
        let size = binary_mib(&target);
        let mib = dir_size(&target) as f64 / (1024.0 * 1024.0);
        let _ = std::fs::remove_dir_all(&target);
        match status {
            Ok(s) if s.success() => (
                Ok(BuildCost {
                    what: "kc".into(),
                    secs,
                    target_mib: mib,
                }),
                size,
            ),
            _ => (Err("the release build failed".into()), None),
        }
    };
    let (b, bs) = release(before, scratch.join("target-before"));
    let (a, as_) = release(after, scratch.join("target-after"));
    compared.push(Compared {
        what: "`kc` CLI, release build (`--release --bin kc`)".into(),
        before: b,
        after: a,
        binary: Some((bs, as_)),
    });
    eprintln!("build cost: the peer (last)…");
    let peer_last = measure_peer(scratch)?;
    let peer_secs = (peer_first.secs + peer_last.secs) / 2.0;

    let heavy = ["aws-lc-sys", "progenitor", "openssl-sys", "jsonwebtoken"];
    let graph = |dir: &Path| {
        let found = in_graph(dir, "keycloak-admin", &heavy);
        if found.is_empty() {
            "none".to_string()
        } else {
            found.join(", ")
        }
    };
    let cell = |r: &Result<BuildCost, String>| match r {
        Ok(c) => format!("{:.1}", c.secs),
        Err(e) => format!("failed: {e}"),
    };
    let size = |r: &Result<BuildCost, String>| match r {
        Ok(c) => format!("{:.0}", c.target_mib),
        Err(_) => "—".into(),
    };
    let mut md = format!(
        "### Build cost before and after #16 (cold debug builds, fresh target directory each, one run)\n\n\
         Measured {how} {before_rev}`. \
         Each row but the last two is a throwaway crate that depends on the package (a path \
         dependency, our `Cargo.lock`, the default dev profile: what a user's project compiles). \
         Order: \
         the peer, then each build of the old revision ({before_rev}) followed by the same build of \
         this tree, then the peer again (the ratios below divide by its mean). Incremental compilation \
         off, as when the crates come from crates.io. 2 cores; one repetition each (±20 % between \
         repetitions on this machine).\n\n\
         | build | before (s) | after (s) | after / before | target before (MiB) | target after (MiB) |\n\
         |---|---:|---:|---:|---:|---:|\n"
    );
    for c in &compared {
        let ratio = match (&c.before, &c.after) {
            (Ok(b), Ok(a)) => format!("{:.2}", a.secs / b.secs),
            _ => "—".into(),
        };
        md += &format!(
            "| {} | {} | {} | {ratio} | {} | {} |\n",
            c.what,
            cell(&c.before),
            cell(&c.after),
            size(&c.before),
            size(&c.after)
        );
    }
    md += &format!(
        "| {} (peer, same run: first {:.1} s, last {:.1} s) | | {:.1} | | | {:.0} |\n",
        peer_first.what, peer_first.secs, peer_last.secs, peer_secs, peer_last.target_mib
    );
    if let Some(c) = compared.iter().find(|c| c.binary.is_some()) {
        let (b, a) = c.binary.unwrap();
        let f = |v: Option<f64>| {
            v.map(|v| format!("{v:.1} MiB"))
                .unwrap_or_else(|| "—".into())
        };
        md += &format!("\n`kc` release binary: {} before, {} after.\n", f(b), f(a));
    }
    let ours = compared[0].after.as_ref().ok().map(|c| c.secs);
    let plain = compared[1].after.as_ref().ok().map(|c| c.secs);
    let oidc = compared[2].after.as_ref().ok().map(|c| c.secs);
    let literal = compared[4].after.as_ref().ok().map(|c| c.secs);
    let vs = |v: Option<f64>| {
        v.map(|v| format!("{:.2}×", v / peer_secs))
            .unwrap_or_else(|| "—".into())
    };
    md += &format!(
        "\nAgainst the `keycloak` crate in the same run: keycloak-admin default {} (target ≤ 1.6×), \
         without default features {} (target ≤ 1.3×), keycloak-oidc token grants only {} (target ≤ 1×); \
         keycloak-admin default {} as a dependency, {} by the issue's command (target ≤ 35 s).\n\n\
         Heavy crates in `cargo tree -p keycloak-admin` (default features): before: {}; after: {}.\n",
        vs(ours),
        vs(plain),
        vs(oidc),
        ours.map(|v| format!("{v:.1} s"))
            .unwrap_or_else(|| "—".into()),
        literal
            .map(|v| format!("{v:.1} s"))
            .unwrap_or_else(|| "—".into()),
        graph(before),
        graph(after),
    );
    Ok(md)
}
