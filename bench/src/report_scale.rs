//! BENCHMARKS.md's W7, W8 and "W3 with the new default" sections, with the
//! issue's targets checked against this run's medians.

use crate::scale::{Scale, ScaleRow, Side, Way};
use std::fmt::Write;

fn row(rows: &[ScaleRow], scale: Scale, way: Way) -> Option<&ScaleRow> {
    rows.iter().find(|r| r.scale == scale && r.way == way)
}

fn median(rows: &[ScaleRow], scale: Scale, way: Way) -> Option<f64> {
    row(rows, scale, way)?.stats().map(|s| s.0)
}

fn mib(kib: u64) -> String {
    format!("{:.1}", kib as f64 / 1024.0)
}

/// The timing cells every table shares: seconds, users/s, client CPU.
fn timing(r: &ScaleRow, n: usize) -> String {
    if let Some(f) = &r.failure {
        return format!("failed: {f} | — | —");
    }
    let errors: u64 = r.samples.iter().map(|s| s.errors).sum();
    match r.stats() {
        None if errors > 0 => format!("{errors} failed calls | — | —"),
        None => "— | — | —".into(),
        Some((m, lo, hi)) => {
            let mut cpu: Vec<f64> = r.samples.iter().map(|s| s.cpu_secs).collect();
            cpu.sort_by(f64::total_cmp);
            format!(
                "{m:.2} [{lo:.2}–{hi:.2}] | {:.0} | {:.0}",
                n as f64 / m,
                cpu[cpu.len() / 2] * 1000.0
            )
        }
    }
}

/// "a / b" against a target, or why it cannot be said.
fn verdict(what: &str, ratio: Option<f64>, target: &str, met: impl Fn(f64) -> bool) -> String {
    match ratio {
        Some(r) => format!(
            "- {what}: **{r:.2}×** (target {target}: {})",
            if met(r) { "met" } else { "missed" }
        ),
        None => format!("- {what}: not measured in this run (a side failed or was not run)"),
    }
}

fn sizes(rows: &[ScaleRow], scale: Scale) -> usize {
    rows.iter()
        .filter(|r| r.scale == scale)
        .flat_map(|r| &r.samples)
        .map(|s| s.count as usize)
        .max()
        .unwrap_or(0)
}

/// The sections of one database's rows; `on` follows the workload's name in
/// each heading (`""`, or " on PostgreSQL" for the second pass).
pub fn render(md: &mut String, rows: &[ScaleRow], on: &str) {
    let ran = |s: Scale| rows.iter().any(|r| r.scale == s);

    if ran(Scale::W3Default) {
        let n = sizes(rows, Scale::W3Default);
        let _ = writeln!(
            md,
            "\n## W3 with the new default: read every user ({n}), ours\n\n\
             | way | seconds, median [min–max] | users/s | client CPU (ms) |\n|---|---|---|---|"
        );
        for &w in Scale::W3Default.ways() {
            if let Some(r) = row(rows, Scale::W3Default, w) {
                let _ = writeln!(md, "| {} | {} |", w.label(), timing(r, n));
            }
        }
        let ratio = median(rows, Scale::W3Default, Way::OursOldDefault)
            .zip(median(rows, Scale::W3Default, Way::OursStream))
            .map(|(old, new)| old / new);
        let _ = writeln!(
            md,
            "\n{}",
            verdict("old default / new default", ratio, "≥ 1.5×", |r| r
                >= 1.5)
        );
    }

    if ran(Scale::W7) {
        let n = sizes(rows, Scale::W7);
        let _ = writeln!(
            md,
            "\n## W7{on}: bulk create {n} users\n\n\
             Each way on a fresh realm; after every run the server's user count must equal {n} \
             (a way whose count differs is marked failed). Peers use their fastest documented way.\n\n\
             | way | seconds, median [min–max] | users/s | client CPU (ms) |\n|---|---|---|---|"
        );
        for &w in Scale::W7.ways() {
            if let Some(r) = row(rows, Scale::W7, w) {
                let _ = writeln!(md, "| {} | {} |", w.label(), timing(r, n));
            }
        }
        let ours = median(rows, Scale::W7, Way::OursBulk);
        let floor = median(rows, Scale::W7, Way::FloorImport);
        let peer_one = Scale::W7
            .ways()
            .iter()
            .filter(|w| w.side() == Side::Peer && w.one_by_one())
            .filter_map(|&w| Some((w, median(rows, Scale::W7, w)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let peer_best = Scale::W7
            .ways()
            .iter()
            .filter(|w| w.side() == Side::Peer)
            .filter_map(|&w| Some((w, median(rows, Scale::W7, w)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1));
        let _ = writeln!(
            md,
            "\n{}\n{}",
            verdict(
                &format!(
                    "fastest peer one-by-one ({}) / ours",
                    peer_one.map_or("n/a".into(), |p| p.0.label())
                ),
                peer_one.zip(ours).map(|(p, o)| p.1 / o),
                "≥ 4×",
                |r| r >= 4.0
            ),
            verdict(
                "ours / floor",
                ours.zip(floor).map(|(o, f)| o / f),
                "≤ 1.2×",
                |r| r <= 1.2
            ),
        );
        if let Some((w, best)) = peer_best {
            let _ = writeln!(
                md,
                "- fastest peer overall: {} — ours / it: {}",
                w.label(),
                ours.map_or("n/a".into(), |o| format!("{:.2}×", o / best))
            );
        }
        let _ = writeln!(
            md,
            "\nOurs also checks what the peers' imports do not: each user is proved valid against the \
             realm's user profile before it travels in a batch (partial import skips that validation), \
             duplicates inside the input go in later rounds, and every item gets its own outcome."
        );
    }

    if ran(Scale::W8) {
        let n = sizes(rows, Scale::W8);
        let _ = writeln!(
            md,
            "\n## W8{on}: read every user of a {n}-user realm\n\n\
             Ours runs in a child process of its own so its resident memory is its own (RSS before = \
             after login, before reading); python-keycloak's peak is its process's `ru_maxrss`.\n\n\
             | way | seconds, median [min–max] | users/s | client CPU (ms) | RSS before (MiB) | peak RSS (MiB) | RSS every tenth of the way (MiB) |\n|---|---|---|---|---|---|---|"
        );
        for &w in Scale::W8.ways() {
            let Some(r) = row(rows, Scale::W8, w) else {
                continue;
            };
            let (before, peak, series) = match r.probes.first() {
                Some(p) => (
                    mib(p.baseline_kib),
                    mib(p.peak_kib),
                    p.samples
                        .iter()
                        .map(|(_, k)| format!("{:.0}", *k as f64 / 1024.0))
                        .collect::<Vec<_>>()
                        .join(" → "),
                ),
                None => {
                    let peak = r.samples.iter().map(|s| s.peak_rss_kib).max().unwrap_or(0);
                    let peak = if peak > 0 { mib(peak) } else { "—".into() };
                    ("—".into(), peak, "—".into())
                }
            };
            let _ = writeln!(
                md,
                "| {} | {} | {before} | {peak} | {series} |",
                w.label(),
                timing(r, n)
            );
        }
        let brief = median(rows, Scale::W8, Way::OursBrief);
        let peer = median(rows, Scale::W8, Way::PythonGetUsers);
        let floor = median(rows, Scale::W8, Way::FloorBrief);
        let peak = row(rows, Scale::W8, Way::OursBrief)
            .and_then(|r| r.probes.iter().map(|p| p.peak_kib).max());
        let _ = writeln!(
            md,
            "\n{}\n{}\n{}",
            verdict(
                "python-keycloak `get_users()` / ours brief",
                peer.zip(brief).map(|(p, o)| p / o),
                "≥ 5×",
                |r| r >= 5.0
            ),
            verdict(
                "ours brief / floor",
                brief.zip(floor).map(|(o, f)| o / f),
                "≤ 1.2×",
                |r| r <= 1.2
            ),
            match peak {
                Some(k) => format!(
                    "- ours brief peak RSS: **{} MiB** (target < 50 MiB: {})",
                    mib(k),
                    if k < 50 * 1024 { "met" } else { "missed" }
                ),
                None => "- ours brief peak RSS: not measured".into(),
            }
        );
        let _ = writeln!(
            md,
            "\nThe `keycloak` crate has no listing of its own beyond one page (`realm_users_get` with \
             `first`/`max`); reading a realm with it is W3's loop over pages of 100."
        );
    }
}

/// users/s of one way's median, or why there is none.
fn rate(rows: &[ScaleRow], scale: Scale, way: Way) -> String {
    let n = sizes(rows, scale);
    match row(rows, scale, way) {
        None => "not run".into(),
        Some(r) if r.failure.is_some() => "failed".into(),
        Some(r) => r
            .stats()
            .map_or("—".into(), |(m, _, _)| format!("{:.0}", n as f64 / m)),
    }
}

/// W7 and W8 side by side: the dev-file pass and the PostgreSQL pass of the
/// same run (and the cluster pass, when run), users/s per way, and ours /
/// floor on each.
pub fn render_both(
    md: &mut String,
    dev: &[ScaleRow],
    postgres: &Result<Vec<ScaleRow>, String>,
    cluster: &Result<Vec<ScaleRow>, String>,
) {
    let _ = writeln!(md, "\n## W7 and W8 on both databases\n");
    let pg = match postgres {
        Err(e) => {
            let _ = writeln!(md, "PostgreSQL not measured in this run: {e}");
            return;
        }
        Ok(pg) => pg,
    };
    let mut passes: Vec<(&str, &[ScaleRow])> = vec![("dev-file", dev), ("PostgreSQL", pg)];
    if let Ok(c) = cluster {
        passes.push(("cluster", c));
    }
    let _ = write!(
        md,
        "The same binary, sizes and contestants: first `start-dev`, one node, on the dev-file \
         database (the sections above), then `start-dev` on a throw-away PostgreSQL from the \
         machine's packages (the sections \"on PostgreSQL\" below)"
    );
    match cluster {
        Ok(_) => {
            let _ = write!(
                md,
                ", then the production topology: two nodes (`start --optimized`, PostgreSQL, \
                 jdbc-ping) behind nginx with TLS and `/auth`, every contestant through the proxy \
                 (the sections \"on the cluster\" below)"
            );
        }
        Err(e) => {
            let _ = write!(md, " (the cluster: {e})");
        }
    }
    let _ = writeln!(md, ". Each ratio compares two ways of one pass.\n");
    let _ = write!(md, "| way |");
    for (name, _) in &passes {
        let _ = write!(md, " {name}: users/s |");
    }
    let _ = writeln!(md, "\n|---|{}", "---:|".repeat(passes.len()));
    for scale in [Scale::W7, Scale::W8] {
        for &w in scale.ways() {
            if passes.iter().all(|(_, rows)| row(rows, scale, w).is_none()) {
                continue;
            }
            let _ = write!(md, "| {scale:?}: {} |", w.label());
            for (_, rows) in &passes {
                let _ = write!(md, " {} |", rate(rows, scale, w));
            }
            let _ = writeln!(md);
        }
    }
    let ratio = |rows: &[ScaleRow], scale, ours, floor| {
        median(rows, scale, ours)
            .zip(median(rows, scale, floor))
            .map_or("n/a".into(), |(o, f)| format!("{:.2}×", o / f))
    };
    let each = |scale, ours, floor| {
        passes
            .iter()
            .map(|(name, rows)| format!("**{}** {name}", ratio(rows, scale, ours, floor)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let _ = writeln!(
        md,
        "\n- ours / floor, W7 `create_many`: {} (target ≤ 1.2×)\n\
         - ours / floor, W8 brief stream: {} (target ≤ 1.2×)",
        each(Scale::W7, Way::OursBulk, Way::FloorImport),
        each(Scale::W8, Way::OursBrief, Way::FloorBrief),
    );
}
