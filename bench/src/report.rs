//! Writes BENCHMARKS.md from one run's measurements — every number in the file
//! is one this run printed.

use crate::build_cost::BuildCost;
use crate::contestants::Contestant;
use crate::job::{Sample, Workload};
use crate::micro::{FUNCTIONS, GROUPS, Medians};
use crate::scale::ScaleRow;
use std::fmt::Write;

/// (median, min, max) of some seconds; None when there are none.
pub fn median_min_max(mut s: Vec<f64>) -> Option<(f64, f64, f64)> {
    if s.is_empty() {
        return None;
    }
    s.sort_by(f64::total_cmp);
    let median = if s.len() % 2 == 1 {
        s[s.len() / 2]
    } else {
        (s[s.len() / 2 - 1] + s[s.len() / 2]) / 2.0
    };
    Some((median, s[0], s[s.len() - 1]))
}

/// All runs of one contestant on one workload.
pub struct Row {
    pub workload: Workload,
    pub contestant: Contestant,
    pub samples: Vec<Sample>,
    /// Token requests the server recorded during each timed run (W5).
    pub server_tokens: Vec<u64>,
    /// Token requests the client counted itself (ours only).
    pub client_tokens: Vec<u64>,
    pub failure: Option<String>,
}

impl Row {
    fn stats(&self) -> Option<(f64, f64, f64)> {
        median_min_max(self.samples.iter().map(|s| s.secs).collect())
    }

    /// Median client CPU seconds.
    fn cpu(&self) -> Option<f64> {
        let mut s: Vec<f64> = self.samples.iter().map(|s| s.cpu_secs).collect();
        if s.is_empty() {
            return None;
        }
        s.sort_by(f64::total_cmp);
        Some(s[s.len() / 2])
    }

    fn errors(&self) -> u64 {
        self.samples.iter().map(|s| s.errors).sum()
    }
}

pub struct Report {
    pub mode: &'static str,
    pub machine: Vec<(String, String)>,
    pub sizes: Vec<(String, String)>,
    pub rows: Vec<Row>,
    pub w5_calls: usize,
    /// W3 with the new default, W7, W8.
    pub scale: Vec<ScaleRow>,
    /// W7 and W8 again on PostgreSQL (the same run, a second server), or
    /// why not.
    pub postgres: Result<Vec<ScaleRow>, String>,
    /// W7/W8 on the production topology (`--cluster`).
    pub cluster: Result<Vec<ScaleRow>, String>,
    pub micro: Result<Medians, String>,
    pub build: Result<Vec<BuildCost>, String>,
}

const WORKLOADS: [Workload; 5] = [
    Workload::W1,
    Workload::W2,
    Workload::W3,
    Workload::W4,
    Workload::W5,
];

impl Report {
    fn row(&self, w: Workload, c: Contestant) -> Option<&Row> {
        self.rows
            .iter()
            .find(|r| r.workload == w && r.contestant == c)
    }

    fn median(&self, w: Workload, c: Contestant) -> Option<f64> {
        let r = self.row(w, c)?;
        // A run with failed calls is no time to compare against.
        (r.failure.is_none() && r.errors() == 0)
            .then(|| r.stats().map(|s| s.0))
            .flatten()
    }

    /// The fastest peer without errors.
    fn best_peer(&self, w: Workload) -> Option<(Contestant, f64)> {
        Contestant::ALL
            .into_iter()
            .filter(|c| c.is_peer())
            .filter_map(|c| Some((c, self.median(w, c)?)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
    }

    pub fn render(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "# Benchmarks\n");
        let _ = writeln!(
            md,
            "Written by `cargo run -p keycloak-bench --release` ({} mode) — do not edit by hand; every number below is one that run measured. \
             All contestants ran against the same Keycloak from the harness, one after another in an order that rotates each repetition, after one untimed warm-up pass per workload; each logs in and makes one call before its clock starts.\n",
            self.mode
        );
        let _ = writeln!(md, "## Machine\n\n| | |\n|---|---|");
        for (k, v) in &self.machine {
            let _ = writeln!(md, "| {k} | {v} |");
        }
        let _ = writeln!(md, "\n## Sizes\n\n| | |\n|---|---|");
        for (k, v) in &self.sizes {
            let _ = writeln!(md, "| {k} | {v} |");
        }

        let _ = writeln!(md, "\n## Workloads: seconds, median [min–max]\n");
        let _ = write!(md, "| workload |");
        for c in Contestant::ALL {
            let _ = write!(md, " {} |", c.label());
        }
        let _ = write!(md, "\n|---|");
        for _ in Contestant::ALL {
            let _ = write!(md, "---|");
        }
        for w in WORKLOADS {
            let _ = write!(md, "\n| {} |", w.title());
            for c in Contestant::ALL {
                let cell = match self.row(w, c) {
                    None => "—".to_string(),
                    Some(r) if r.failure.is_some() => {
                        format!("failed: {}", r.failure.as_deref().unwrap())
                    }
                    Some(r) => {
                        let (m, lo, hi) = r.stats().unwrap();
                        let errors = r.errors();
                        let err = if errors > 0 {
                            format!(" ({errors} failed calls)")
                        } else {
                            String::new()
                        };
                        format!("{m:.3} [{lo:.3}–{hi:.3}]{err}")
                    }
                };
                let _ = write!(md, " {cell} |");
            }
        }

        let _ = writeln!(
            md,
            "\n\n## Client CPU: milliseconds of user + system time in the client process, median\n"
        );
        let _ = writeln!(
            md,
            "What the client itself spent during the timed part (getrusage); the rest of the wall time is waiting for Keycloak.\n"
        );
        let _ = write!(md, "| workload |");
        for c in Contestant::ALL {
            let _ = write!(md, " {} |", c.label());
        }
        let _ = write!(md, "\n|---|");
        for _ in Contestant::ALL {
            let _ = write!(md, "---|");
        }
        for w in WORKLOADS {
            let _ = write!(md, "\n| {} |", w.title());
            for c in Contestant::ALL {
                let cell = self
                    .row(w, c)
                    .filter(|r| r.failure.is_none())
                    .and_then(Row::cpu)
                    .map(|s| format!("{:.0}", s * 1000.0))
                    .unwrap_or_else(|| "—".into());
                let _ = write!(md, " {cell} |");
            }
        }

        let _ = writeln!(md, "\n\n## Ratios (median time; < 1 is faster)\n");
        let _ = writeln!(
            md,
            "| workload | ours / raw reqwest | generated / raw reqwest | ours / best peer | best peer |\n|---|---|---|---|---|"
        );
        for w in WORKLOADS {
            let ours = self.median(w, Contestant::Ergonomic);
            let ratio = |a: Option<f64>, b: Option<f64>| match (a, b) {
                (Some(a), Some(b)) if b > 0.0 => format!("{:.2}", a / b),
                _ => "n/a".into(),
            };
            let raw = self.median(w, Contestant::Raw);
            let best = self.best_peer(w);
            let _ = writeln!(
                md,
                "| {} | {} | {} | {} | {} |",
                w.title(),
                ratio(ours, raw),
                ratio(self.median(w, Contestant::Generated), raw),
                ratio(ours, best.map(|b| b.1)),
                best.map(|b| b.0.label())
                    .unwrap_or("n/a (every peer failed calls)"),
            );
        }

        let _ = writeln!(
            md,
            "\n## W5: token requests across an expiry ({} concurrent calls)\n",
            self.w5_calls
        );
        let _ = writeln!(
            md,
            "Counted by the server (LOGIN/REFRESH_TOKEN events in the realm during the timed burst); ours also counts its own.\n"
        );
        let _ = writeln!(
            md,
            "| contestant | token requests per run (server) | (client's own count) | failed calls | what it did |\n|---|---|---|---|---|"
        );
        for c in Contestant::ALL {
            let Some(r) = self.row(Workload::W5, c) else {
                continue;
            };
            if let Some(f) = &r.failure {
                let _ = writeln!(md, "| {} | — | — | — | failed: {f} |", c.label());
                continue;
            }
            let errors = r.errors();
            let runs = r.samples.len() as u64;
            let max_tokens = r.server_tokens.iter().copied().max().unwrap_or(0);
            let did = if errors == runs * self.w5_calls as u64 && max_tokens == 0 {
                "kept its expired token: every call refused (401); no refresh".to_string()
            } else if max_tokens == 1 && errors == 0 {
                "one token request shared by all calls".to_string()
            } else if errors == 0 {
                format!("up to {max_tokens} token requests for one expiry (no single flight)")
            } else {
                format!("{errors} failed calls, up to {max_tokens} token requests")
            };
            let client = if r.client_tokens.is_empty() {
                "—".to_string()
            } else {
                format!("{:?}", r.client_tokens)
            };
            let _ = writeln!(
                md,
                "| {} | {:?} | {client} | {errors} | {did} |",
                c.label(),
                r.server_tokens
            );
        }

        crate::report_scale::render(&mut md, &self.scale, "");
        crate::report_scale::render_both(&mut md, &self.scale, &self.postgres, &self.cluster);
        if let Ok(pg) = &self.postgres {
            crate::report_scale::render(&mut md, pg, " on PostgreSQL");
        }
        if let Ok(cluster) = &self.cluster {
            crate::report_scale::render(&mut md, cluster, " on the cluster behind the TLS proxy");
        }

        let _ = writeln!(
            md,
            "\n## Per-call overhead against a stub server (criterion, median)\n"
        );
        match &self.micro {
            Err(e) => {
                let _ = writeln!(md, "Not measured: {e}");
            }
            Ok(medians) => {
                let get = |g: &str, f: &str| {
                    medians
                        .iter()
                        .find(|((a, b), _)| a == g && b == f)
                        .map(|x| x.1)
                };
                let _ = writeln!(
                    md,
                    "| call | raw reqwest (µs) | generated (µs) | ergonomic (µs) | ergonomic / raw (goal ≤ 1.10) |\n|---|---|---|---|---|"
                );
                for (g, title) in GROUPS {
                    let v: Vec<Option<f64>> = FUNCTIONS.iter().map(|f| get(g, f)).collect();
                    let us = |x: Option<f64>| {
                        x.map(|n| format!("{:.1}", n / 1000.0))
                            .unwrap_or("—".into())
                    };
                    let ratio = match (v[2], v[0]) {
                        (Some(e), Some(r)) => format!("{:.2}", e / r),
                        _ => "—".into(),
                    };
                    let _ = writeln!(
                        md,
                        "| {title} | {} | {} | {} | {ratio} |",
                        us(v[0]),
                        us(v[1]),
                        us(v[2])
                    );
                }
            }
        }

        let _ = writeln!(
            md,
            "\n## Build cost (cold debug build, fresh target directory each)\n"
        );
        match &self.build {
            Err(e) => {
                let _ = writeln!(md, "Not measured: {e}");
            }
            Ok(costs) => {
                let _ = writeln!(md, "| crate | seconds | target size (MiB) |\n|---|---|---|");
                for b in costs {
                    let _ = writeln!(md, "| {} | {:.1} | {:.0} |", b.what, b.secs, b.target_mib);
                }
            }
        }

        // The defaults' own measurements, from `keycloak-bench tune` (a
        // separate run: each cell needs a fresh realm).
        for file in [
            "bench/build-cost.md",
            "bench/tuning.md",
            "bench/tuning-lists.md",
            "bench/tuning-postgres.md",
            "bench/curves.md",
            "bench/cli-vs-kcadm.md",
        ] {
            if let Ok(tuning) = std::fs::read_to_string(crate::workspace().join(file)) {
                let _ = writeln!(md, "\n{}", tuning.trim_end());
            }
        }

        let _ = writeln!(md, "\n## Where ours is slower than a peer\n");
        let mut any = false;
        for w in WORKLOADS {
            if let (Some(ours), Some((peer, best))) =
                (self.median(w, Contestant::Ergonomic), self.best_peer(w))
                && ours > best
            {
                any = true;
                let cpu = |c| self.row(w, c).and_then(Row::cpu).map(|s| s * 1000.0);
                let (ours_cpu, peer_cpu, raw_cpu) =
                    (cpu(Contestant::Ergonomic), cpu(peer), cpu(Contestant::Raw));
                let verdict = match (ours_cpu, peer_cpu) {
                    (Some(o), Some(p)) if o <= p * 1.10 => format!(
                        "Client CPU: ours {o:.0} ms, {} {p:.0} ms (raw reqwest {:.0} ms): the gap is not spent in the client but waiting on the server, \
                         whose time varies between runs as much as the gap (compare min–max).",
                        peer.label(),
                        raw_cpu.unwrap_or(f64::NAN)
                    ),
                    (Some(o), Some(p)) => format!(
                        "Client CPU: ours {o:.0} ms, {} {p:.0} ms (raw reqwest {:.0} ms): ours spends {:.0} ms more in the client. {}",
                        peer.label(),
                        raw_cpu.unwrap_or(f64::NAN),
                        o - p,
                        crate::notes::why_slower(w)
                    ),
                    _ => crate::notes::why_slower(w),
                };
                let _ = writeln!(
                    md,
                    "- **{}**: {:.2}× {} in wall time. {verdict}",
                    w.title(),
                    ours / best,
                    peer.label()
                );
            }
        }
        if !any {
            let _ = writeln!(
                md,
                "Nowhere in this run: on every workload ours was at least as fast as the fastest peer that completed without failed calls."
            );
        }
        md
    }
}

/// Put `section` (a `## ` heading and its text) into the report at `path`:
/// in place of the section with the same heading, else before "Where ours is
/// slower than a peer" (or at the end) — for measurements made in a run of their own.
pub fn splice_section(path: &std::path::Path, section: &str) -> Result<(), String> {
    let report = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let heading = section.lines().next().unwrap_or_default();
    let section = format!("{}\n\n", section.trim_end());
    let next_heading = |from: usize| {
        report[from..]
            .find("\n## ")
            .map_or(report.len(), |i| from + i + 1)
    };
    let updated = if let Some(at) = report.find(&format!("{heading}\n")) {
        let end = next_heading(at + heading.len());
        format!("{}{section}{}", &report[..at], &report[end..])
    } else if let Some(at) = report.find("## Where ours is slower than a peer") {
        format!("{}{section}{}", &report[..at], &report[at..])
    } else {
        format!("{}\n{section}", report.trim_end())
    };
    std::fs::write(path, updated).map_err(|e| format!("{}: {e}", path.display()))
}
