//! The benchmark runner: one real Keycloak from the harness, every contestant
//! in turn on every workload, then bulk create and large reads (W7/W8: each
//! contestant's own best way), per-call overhead and build cost;
//! writes BENCHMARKS.md.
//!
//! ```text
//! cargo run -p keycloak-bench --release              # full: writes BENCHMARKS.md
//! cargo run -p keycloak-bench -- --smoke             # tiny sizes: target/BENCHMARKS.smoke.md
//! ```

mod build_cost;
mod cli;
mod contestants;
mod curves;
mod job;
mod memory;
mod micro;
mod notes;
mod report;
mod report_scale;
mod scale;
mod setup;
mod tune;

use clap::{Parser, Subcommand};
use contestants::Contestant;
use job::{Job, Target, Workload};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Parser)]
#[command(about = "Benchmarks against the peers on one real Keycloak")]
struct Cli {
    #[command(subcommand)]
    probe: Option<Task>,
    /// Tiny sizes, one repetition, no criterion run, no build cost (CI keeps this working).
    #[arg(long)]
    smoke: bool,
    /// Where to write the report (default: BENCHMARKS.md, or target/BENCHMARKS.smoke.md with --smoke).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Timed repetitions per workload and contestant (default 5; 1 with --smoke), after one untimed warm-up pass.
    #[arg(long)]
    reps: Option<usize>,
    /// Run only these workloads (e.g. `--only W4 --only W8`); default: all.
    /// W3 includes "W3 with the new default".
    #[arg(long, value_parser = ["W1", "W2", "W3", "W4", "W5", "W7", "W8"])]
    only: Vec<String>,
    #[arg(long)]
    skip_build_cost: bool,
    /// Also compare the cold builds with this older revision (as the
    /// `build-cost` subcommand does), in this run: bench/build-cost.md.
    #[arg(long)]
    build_before: Option<String>,
    #[arg(long)]
    skip_micro: bool,
    /// Skip the second pass of W7 and W8 on PostgreSQL (it needs the
    /// machine's `postgresql` package; smoke mode skips it too).
    #[arg(long)]
    skip_postgres: bool,
    /// Also run W7 and W8 on the production topology: two nodes (`start
    /// --optimized`, PostgreSQL, jdbc-ping) behind nginx with TLS from a CA
    /// made for the run and the path `/auth`, every contestant through the
    /// proxy (needs the machine's `postgresql` and `nginx`; ~40 min more).
    #[arg(long)]
    cluster: bool,
}

#[derive(Subcommand)]
enum Task {
    /// Measure the defaults of bulk create (batch size × concurrency) and of
    /// full reads (page size, full or brief); prints Markdown tables.
    Tune {
        /// Users per bulk-create cell.
        #[arg(long, default_value_t = 2000)]
        users: usize,
        /// Users in the realm the read cells stream.
        #[arg(long, default_value_t = 20_000)]
        read: usize,
    },
    /// Measure the page size of lists of users other than `users()` (group
    /// and role members); writes bench/tuning-lists.md.
    TuneLists {
        /// Members in the group and the role.
        #[arg(long, default_value_t = 10_000)]
        members: usize,
    },
    /// Cold build time and size of this tree against an older revision
    /// (checked out into the scratch directory) and the `keycloak` crate;
    /// writes bench/build-cost.md.
    BuildCost {
        /// The revision to compare with.
        #[arg(long)]
        before: String,
    },
    /// `kc` against the distribution's kcadm.sh: the Admin CLI chapter's
    /// examples as a script; writes bench/cli-vs-kcadm.md.
    Cli {
        /// Runs of the script per tool (alternating).
        #[arg(long, default_value_t = 3)]
        reps: usize,
    },
    /// Draw the tuning curves (SVG beside BENCHMARKS.md) from the tune
    /// tables; `tune` does this at its end too.
    Curves,
    /// Internal: W8's child process (ours, memory measured).
    RssProbe {
        #[arg(long)]
        mode: String,
        #[arg(long)]
        expect: u64,
        #[arg(long)]
        url: String,
        #[arg(long)]
        realm: String,
        #[arg(long)]
        auth_realm: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        ca_file: Option<PathBuf>,
    },
}

struct Sizes {
    create: usize,
    read_realm: usize,
    lookups: usize,
    burst: usize,
    token_lifespan: i32,
    bulk: usize,
    big_realm: usize,
    reps: usize,
    bulk_reps: usize,
    big_reps: usize,
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
}

fn first_line(cmd: &str, args: &[&str]) -> String {
    std::process::Command::new(cmd)
        .args(args)
        .output()
        .ok()
        .map(|o| {
            let text = if o.stdout.is_empty() {
                o.stderr
            } else {
                o.stdout
            };
            String::from_utf8_lossy(&text)
                .lines()
                .next()
                .unwrap_or("")
                .trim()
                .to_string()
        })
        .unwrap_or_else(|| "not found".into())
}

fn machine(
    server: &keycloak_testkit::Server,
    python: &Result<contestants::python::Python, String>,
) -> Vec<(String, String)> {
    let read = |p: &str| std::fs::read_to_string(p).unwrap_or_default();
    let cpu = read("/proc/cpuinfo")
        .lines()
        .find_map(|l| l.strip_prefix("model name"))
        .map(|v| v.trim_start_matches([' ', '\t', ':']).to_string())
        .unwrap_or_default();
    let mem = read("/proc/meminfo")
        .lines()
        .find_map(|l| l.strip_prefix("MemTotal:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        .map(|k| format!("{:.1} GiB", k / 1048576.0))
        .unwrap_or_default();
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    vec![
        ("CPU".into(), format!("{cpu} ({cores} cores available)")),
        ("memory".into(), mem),
        (
            "kernel".into(),
            read("/proc/sys/kernel/osrelease").trim().to_string(),
        ),
        (
            "Keycloak".into(),
            format!(
                "{} (`start-dev`, {} database, run by the harness)",
                server.version(),
                if server.running().postgres().is_some() {
                    "a throw-away PostgreSQL (`KEYCLOAK_TESTKIT_DB=postgres`)"
                } else {
                    "dev-file (H2)"
                }
            ),
        ),
        ("JDK (PATH)".into(), first_line("java", &["-version"])),
        ("rustc".into(), first_line("rustc", &["--version"])),
        (
            "build profile of this run".into(),
            if cfg!(debug_assertions) {
                "debug".into()
            } else {
                "release".into()
            },
        ),
        ("keycloak crate".into(), "26.8.100 (reqwest 0.13)".into()),
        (
            "Python peer".into(),
            match python {
                Ok(p) => p.describe.clone(),
                Err(e) => format!("not available: {e}"),
            },
        ),
    ]
}

async fn bench(cli: Cli) -> Result<(), String> {
    let sizes = if cli.smoke {
        Sizes {
            create: 20,
            read_realm: 250,
            lookups: 20,
            burst: 64,
            token_lifespan: 5,
            bulk: 200,
            big_realm: 2000,
            reps: cli.reps.unwrap_or(1),
            bulk_reps: 1,
            big_reps: 1,
        }
    } else {
        Sizes {
            create: 1000,
            read_realm: 10_000,
            lookups: 1000,
            burst: 64,
            token_lifespan: 5,
            bulk: 10_000,
            big_realm: 100_000,
            reps: cli.reps.unwrap_or(5),
            // W7 and W8 run for minutes per repetition (python-keycloak reads
            // 100 000 users in pages of 100); their ratios are far from noise.
            bulk_reps: cli.reps.unwrap_or(3),
            big_reps: cli.reps.unwrap_or(1),
        }
    };
    let out = cli.out.clone().unwrap_or_else(|| {
        if cli.smoke {
            target_dir().join("BENCHMARKS.smoke.md")
        } else {
            workspace().join("BENCHMARKS.md")
        }
    });

    eprintln!("starting Keycloak…");
    let server = keycloak_testkit::Server::start(keycloak_testkit::KeycloakServer::from_env())
        .await
        .map_err(|e| e.to_string())?;
    let kc = setup::admin(&server).await?;
    eprintln!("preparing python-keycloak…");
    let venv = target_dir().join("bench-venv");
    let python = tokio::task::spawn_blocking(move || contestants::python::prepare(&venv))
        .await
        .unwrap();
    if let Err(e) = &python {
        eprintln!("python-keycloak unavailable: {e}");
    }

    eprintln!("seeding {} users…", sizes.read_realm);
    setup::fresh_realm(&kc, "bench-read", |_| {}).await?;
    setup::seed(&kc, "bench-read", "user", sizes.read_realm).await?;
    let selected = |w: &str| cli.only.is_empty() || cli.only.iter().any(|o| o == w);
    let w5 = setup::token_expiry_realm(&kc, &server, sizes.token_lifespan).await?;

    let mut rows: Vec<report::Row> = Vec::new();
    for workload in [
        Workload::W1,
        Workload::W2,
        Workload::W3,
        Workload::W4,
        Workload::W5,
    ]
    .into_iter()
    .filter(|w| selected(&format!("{w:?}")))
    {
        // One untimed pass first: the server's JIT warms up on this workload's
        // paths, so whoever runs first is not charged for it.
        let warm_up = workload != Workload::W5;
        for rep in 0..sizes.reps + warm_up as usize {
            let timed_rep = if warm_up {
                rep.checked_sub(1)
            } else {
                Some(rep)
            };
            // Rotate the order each repetition: no contestant always goes first.
            let order: Vec<Contestant> = match timed_rep {
                None => vec![Contestant::Raw],
                Some(r) => (0..Contestant::ALL.len())
                    .map(|i| Contestant::ALL[(i + r) % Contestant::ALL.len()])
                    .collect(),
            };
            for contestant in order {
                let (target, n) = match workload {
                    Workload::W1 | Workload::W2 => {
                        setup::fresh_realm(&kc, "bench-write", |_| {}).await?;
                        (setup::admin_target(&server, "bench-write"), sizes.create)
                    }
                    Workload::W3 => (setup::admin_target(&server, "bench-read"), sizes.read_realm),
                    Workload::W4 => (setup::admin_target(&server, "bench-read"), sizes.lookups),
                    Workload::W5 => (w5.clone(), sizes.burst),
                };
                let job = Job {
                    workload,
                    n,
                    concurrency: 16,
                    target,
                    prefix: "new".into(),
                    lookup: "user-00042".into(),
                    wait: Duration::from_secs(sizes.token_lifespan as u64 + 1),
                };
                if timed_rep.is_none() {
                    contestant.run(&job, python.as_ref().ok()).await?;
                    eprintln!("{workload:?} warm-up done");
                    continue;
                }
                let row = match rows
                    .iter()
                    .position(|r| r.workload == workload && r.contestant == contestant)
                {
                    Some(i) => &mut rows[i],
                    None => {
                        rows.push(report::Row {
                            workload,
                            contestant,
                            samples: vec![],
                            server_tokens: vec![],
                            client_tokens: vec![],
                            failure: None,
                        });
                        rows.last_mut().unwrap()
                    }
                };
                match contestant.run(&job, python.as_ref().ok()).await {
                    Ok((sample, client_tokens)) => {
                        let expected = match workload {
                            Workload::W4 => n as u64 + 1,
                            _ => n as u64,
                        };
                        if sample.errors == 0 && sample.count != expected {
                            row.failure = Some(format!(
                                "counted {} where {expected} were expected",
                                sample.count
                            ));
                        }
                        if workload == Workload::W5 {
                            // Events are stored as the server handles the request; allow a moment.
                            tokio::time::sleep(Duration::from_millis(500)).await;
                            row.server_tokens.push(
                                setup::token_requests(
                                    &kc,
                                    &w5.realm,
                                    sample.burst_start_ms,
                                    sample.burst_end_ms + 500,
                                )
                                .await?,
                            );
                            row.client_tokens.extend(client_tokens);
                        }
                        eprintln!(
                            "{:?} rep {} {:<24} {:>8.3} s  errors {}",
                            workload,
                            timed_rep.unwrap_or(0) + 1,
                            contestant.label(),
                            sample.secs,
                            sample.errors
                        );
                        row.samples.push(sample);
                    }
                    Err(e) => {
                        eprintln!("{workload:?} {}: {e}", contestant.label());
                        row.failure = Some(e);
                    }
                }
            }
        }
    }

    let mut scale_rows = Vec::new();
    let py = python.as_ref().ok();
    if selected("W3") {
        let read = setup::admin_target(&server, "bench-read");
        let count = || async { count_users(&kc, "bench-read").await };
        scale_rows.extend(
            scale::run(
                scale::Scale::W3Default,
                sizes.read_realm,
                sizes.reps,
                py,
                || std::future::ready(Ok(read.clone())),
                count,
            )
            .await?,
        );
    }
    let select = [selected("W7"), selected("W8")];
    let admin_target = |realm: &str| setup::admin_target(&server, realm);
    scale_rows.extend(scale_pass(&kc, admin_target, &sizes, py, select).await?);
    let machine = machine(&server, &python);
    for realm in ["bench-read", "bench-write", "bench-w5"] {
        let _ = kc.realm(realm).delete().await;
    }
    drop(kc);
    drop(server);

    // The same W7 and W8 on PostgreSQL: defaults must win on both databases.
    let postgres = if cli.smoke || cli.skip_postgres {
        Err("skipped in this mode (`--skip-postgres` or `--smoke`)".to_string())
    } else if select == [false, false] {
        Err("W7 and W8 not selected".to_string())
    } else {
        eprintln!("starting Keycloak on PostgreSQL…");
        postgres_pass(&sizes, py, select).await
    };
    if let Err(e) = &postgres {
        eprintln!("PostgreSQL pass: {e}");
    }
    let cluster = if !cli.cluster {
        Err("not asked for (`--cluster`)".to_string())
    } else if select == [false, false] {
        Err("W7 and W8 not selected".to_string())
    } else {
        eprintln!("starting the cluster behind its TLS proxy…");
        cluster_pass(&sizes, py, select).await
    };
    if let Err(e) = &cluster {
        eprintln!("cluster pass: {e}");
    }

    let micro = if cli.smoke || cli.skip_micro {
        Err("skipped in this mode (`cargo test` runs each benchmark once)".into())
    } else {
        eprintln!("criterion: per-call overhead…");
        micro::run(&workspace(), &target_dir())
    };
    let build = if cli.smoke || cli.skip_build_cost {
        Err("skipped in this mode".into())
    } else {
        eprintln!("build cost: two cold builds…");
        build_cost::measure(&workspace(), &target_dir().join("bench-build"))
    };
    if let (Some(before), false) = (&cli.build_before, cli.smoke || cli.skip_build_cost) {
        eprintln!("build cost: before ({before}) and after…");
        build_cost_compare(
            before,
            "as part of a full run, `cargo run -p keycloak-bench --release -- --build-before",
        )?;
    }

    let sizes_table = vec![
        ("W1/W2 users created".into(), sizes.create.to_string()),
        ("W3/W4 realm users".into(), sizes.read_realm.to_string()),
        ("W4 lookups".into(), sizes.lookups.to_string()),
        (
            "W5 calls / access-token lifespan".into(),
            format!("{} / {} s", sizes.burst, sizes.token_lifespan),
        ),
        ("W7 users created".into(), sizes.bulk.to_string()),
        ("W8 realm users".into(), sizes.big_realm.to_string()),
        (
            "repetitions (W1–W5 / W7 / W8)".into(),
            format!("{} / {} / {}", sizes.reps, sizes.bulk_reps, sizes.big_reps),
        ),
    ];
    let report = report::Report {
        mode: if cli.smoke { "smoke" } else { "full" },
        machine,
        sizes: sizes_table,
        rows,
        w5_calls: sizes.burst,
        scale: scale_rows,
        postgres,
        cluster,
        micro,
        build,
    };
    std::fs::write(&out, report.render()).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// W7 (a fresh realm per run, the server's count checked after each) and W8
/// (a seeded realm) on `server`, each selected one; their realms go afterwards.
async fn scale_pass(
    kc: &keycloak_admin::KeycloakAdmin,
    target: impl Fn(&str) -> Target,
    sizes: &Sizes,
    py: Option<&contestants::python::Python>,
    [w7, w8]: [bool; 2],
) -> Result<Vec<scale::ScaleRow>, String> {
    let mut rows = Vec::new();
    if w7 {
        let prepare = || async {
            setup::fresh_realm(kc, "bench-bulk", |_| {}).await?;
            Ok(target("bench-bulk"))
        };
        let count = || async { count_users(kc, "bench-bulk").await };
        rows.extend(
            scale::run(
                scale::Scale::W7,
                sizes.bulk,
                sizes.bulk_reps,
                py,
                prepare,
                count,
            )
            .await?,
        );
        let _ = kc.realm("bench-bulk").delete().await;
    }
    if w8 {
        eprintln!("seeding {} users…", sizes.big_realm);
        setup::fresh_realm(kc, "bench-big", |_| {}).await?;
        setup::seed(kc, "bench-big", "big", sizes.big_realm).await?;
        let big = target("bench-big");
        let count = || async { count_users(kc, "bench-big").await };
        rows.extend(
            scale::run(
                scale::Scale::W8,
                sizes.big_realm,
                sizes.big_reps,
                py,
                || std::future::ready(Ok(big.clone())),
                count,
            )
            .await?,
        );
        let _ = kc.realm("bench-big").delete().await;
    }
    Ok(rows)
}

/// [`scale_pass`] on a second Keycloak of the same version on a throw-away
/// PostgreSQL (the machine's `postgresql` package), stopped afterwards.
async fn postgres_pass(
    sizes: &Sizes,
    py: Option<&contestants::python::Python>,
    select: [bool; 2],
) -> Result<Vec<scale::ScaleRow>, String> {
    let server =
        keycloak_testkit::Server::start(keycloak_testkit::KeycloakServer::from_env().postgres())
            .await
            .map_err(|e| e.to_string())?;
    let kc = setup::admin(&server).await?;
    let target = |realm: &str| setup::admin_target(&server, realm);
    scale_pass(&kc, target, sizes, py, select).await
}

/// [`scale_pass`] on the production topology (`KeycloakServer::cluster`): two
/// nodes on PostgreSQL behind nginx with TLS and `/auth`; every contestant
/// goes through the proxy and trusts the CA made here. Stopped afterwards.
async fn cluster_pass(
    sizes: &Sizes,
    py: Option<&contestants::python::Python>,
    select: [bool; 2],
) -> Result<Vec<scale::ScaleRow>, String> {
    let pki = keycloak_testkit::pki::TestPki::new();
    let cluster = keycloak_testkit::KeycloakServer::from_env()
        .local()
        .cluster(2)
        .proxy_certificate(pki.server_cert(), pki.server_key())
        .start()
        .await
        .map_err(|e| e.to_string())?;
    let target = |realm: &str| Target {
        base_url: cluster.url().to_string(),
        realm: realm.to_string(),
        auth_realm: "master".into(),
        username: cluster.admin_username().to_string(),
        password: cluster.admin_password().to_string(),
        ca_file: Some(pki.ca_file()),
    };
    let kc = target("master")
        .admin()?
        .connect()
        .await
        .map_err(|e| e.to_string())?;
    scale_pass(&kc, target, sizes, py, select).await
}

async fn count_users(kc: &keycloak_admin::KeycloakAdmin, realm: &str) -> Result<u64, String> {
    kc.realm(realm)
        .users()
        .count()
        .await
        .map_err(|e| e.to_string())
}

/// The harness's Keycloak and its admin, for the tune commands.
async fn harness() -> Result<(keycloak_testkit::Server, keycloak_admin::KeycloakAdmin), String> {
    let server = keycloak_testkit::Server::start(keycloak_testkit::KeycloakServer::from_env())
        .await
        .map_err(|e| e.to_string())?;
    let kc = setup::admin(&server).await?;
    Ok((server, kc))
}

async fn tune(users: usize, read: usize) -> Result<(), String> {
    let (server, kc) = harness().await?;
    let bulk = tune::bulk(&kc, users).await?;
    let pages = tune::pages(&kc, read).await?;
    let date = first_line("date", &["-u", "+%Y-%m-%d"]);
    // The same cells on PostgreSQL (`KEYCLOAK_TESTKIT_DB=postgres`) go beside
    // the dev-file ones: defaults must win on both.
    let postgres = server.running().postgres().is_some();
    let (heading, command, file) = if postgres {
        (
            "Defaults on PostgreSQL: bulk create and page sizes",
            "KEYCLOAK_TESTKIT_DB=postgres cargo run -p keycloak-bench --release -- tune",
            "bench/tuning-postgres.md",
        )
    } else {
        (
            "Defaults: bulk create and page sizes",
            "cargo run -p keycloak-bench --release -- tune",
            "bench/tuning.md",
        )
    };
    let database = if postgres {
        "a throw-away PostgreSQL"
    } else {
        "the dev-file database"
    };
    let md = format!(
        "## {heading}\n\n\
         Measured by `{command}` ({date}, Keycloak {}, \
         `start-dev` on {database}, this machine; best of two runs per bulk cell, one per read cell, fresh realm \
         each). `create_many` defaults to batches of {} with {} in flight; user streams to pages \
         of {} (full) and {} (brief).\n\n### Bulk create\n\n{bulk}\n### Reading users\n\n{pages}",
        server.version(),
        keycloak_admin::DEFAULT_BATCH_SIZE,
        keycloak_admin::DEFAULT_CONCURRENCY,
        keycloak_admin::USER_PAGE_SIZE,
        keycloak_admin::BRIEF_USER_PAGE_SIZE,
    );
    let path = workspace().join(file);
    std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{md}");
    curves()
}

/// The curves from both tune tables, spliced into BENCHMARKS.md.
fn curves() -> Result<(), String> {
    let md = curves::write(&workspace())?;
    let path = workspace().join("bench/curves.md");
    std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    report::splice_section(&workspace().join("BENCHMARKS.md"), &md)?;
    println!("{md}");
    Ok(())
}

async fn cli_vs_kcadm(reps: usize) -> Result<(), String> {
    let md = cli::compare(reps, &workspace(), &target_dir()).await?;
    let path = workspace().join("bench/cli-vs-kcadm.md");
    std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    report::splice_section(&workspace().join("BENCHMARKS.md"), &md)?;
    println!("{md}");
    Ok(())
}

async fn tune_lists(members: usize) -> Result<(), String> {
    let (server, kc) = harness().await?;
    let table = tune::member_pages(&kc, members).await?;
    let date = first_line("date", &["-u", "+%Y-%m-%d"]);
    let md = format!(
        "### Lists of users: members\n\n\
         Measured by `cargo run -p keycloak-bench --release -- tune-lists` ({date}, Keycloak {}, \
         best of two runs per cell, next page prefetched). Member lists default to pages of {} \
         (`MEMBER_PAGE_SIZE`): larger pages keep getting cheaper per user, but gain less while \
         each costs more memory.\n\n{table}",
        server.version(),
        keycloak_admin::MEMBER_PAGE_SIZE,
    );
    let path = workspace().join("bench/tuning-lists.md");
    std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{md}");
    Ok(())
}

/// `how` names the command that measured, up to the revision.
fn build_cost_compare(before: &str, how: &str) -> Result<(), String> {
    let scratch = target_dir().join("bench-build");
    let checkout = scratch.join("before");
    let _ = std::fs::remove_dir_all(&checkout);
    std::fs::create_dir_all(&checkout).map_err(|e| e.to_string())?;
    // `git archive | tar -x`: the old tree without touching this checkout.
    let archive = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!(
            "git -C {} archive --format=tar {before} | tar -x -C {}",
            workspace().display(),
            checkout.display()
        ))
        .status()
        .map_err(|e| e.to_string())?;
    if !archive.success() {
        return Err(format!("cannot check out {before}"));
    }
    // The old tree's tests read ../shared; builds do not, but keep it beside.
    let _ = std::os::unix::fs::symlink(workspace().join("../shared"), scratch.join("shared"));
    let md = build_cost::compare(&checkout, &workspace(), &scratch, before, how)?;
    let _ = std::fs::remove_dir_all(&checkout);
    let path = workspace().join("bench/build-cost.md");
    std::fs::write(&path, &md).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{md}");
    Ok(())
}

#[tokio::main]
async fn main() {
    let cli = Cli::parse();
    let result = match cli.probe {
        Some(Task::RssProbe {
            mode,
            expect,
            url,
            realm,
            auth_realm,
            username,
            ca_file,
        }) => {
            let password = std::env::var("BENCH_PROBE_PASSWORD").unwrap_or_default();
            let t = Target {
                base_url: url,
                realm,
                auth_realm,
                username,
                password,
                ca_file,
            };
            memory::probe(&t, &mode, expect)
                .await
                .map(|p| println!("{}", serde_json::to_string(&p).unwrap()))
        }
        Some(Task::Tune { users, read }) => tune(users, read).await,
        Some(Task::Cli { reps }) => cli_vs_kcadm(reps).await,
        Some(Task::TuneLists { members }) => tune_lists(members).await,
        Some(Task::Curves) => curves(),
        Some(Task::BuildCost { before }) => build_cost_compare(
            &before,
            "by `cargo run -p keycloak-bench --release -- build-cost --before",
        ),
        None => bench(cli).await,
    };
    if let Err(e) = result {
        eprintln!("keycloak-bench: {e}");
        std::process::exit(1);
    }
}
