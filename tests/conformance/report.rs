//! Every operation's outcome, as the test's verdict and as the section of
//! `CONFORMANCE.md` for the server's release.

use crate::plan;
use keycloak_admin_api::{Operation, operations};
use std::collections::BTreeMap;
use std::fmt::Write;

/// What calling one operation proved.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// 2xx; the answer (if any) decoded with no field left over.
    Clean { status: u16 },
    /// 2xx with an empty list or object: it decodes, but no item was there
    /// to check (the fixtures made nothing this route lists).
    Empty { status: u16 },
    /// 2xx; fields left over, each on the allow-list with this reason.
    Allowed {
        status: u16,
        fields: Vec<String>,
        reason: &'static str,
    },
    /// 2xx; these fields landed in an `extra` map: the type is wrong.
    Drift { status: u16, fields: Vec<String> },
    /// 2xx; the answer does not decode into the declared type.
    Undecodable(String),
    /// Not 2xx (or not sent): Keycloak's status and body.
    Failed { status: Option<u16>, body: String },
}

impl Outcome {
    pub fn failed(status: Option<u16>, body: String) -> Outcome {
        // One line, without control characters, short.
        let body: String = body
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(200)
            .collect();
        Outcome::Failed { status, body }
    }

    /// The operation answered 2xx in its declared type (or with allowed drift).
    pub fn is_success(&self) -> bool {
        matches!(
            self,
            Outcome::Clean { .. } | Outcome::Empty { .. } | Outcome::Allowed { .. }
        )
    }
}

/// The verdict on one operation.
enum Row {
    Proven(Outcome),
    Excluded(&'static str),
    /// Not in this release's API (the route history dates it later) and the
    /// server answered it 404.
    NotInRelease(String),
    /// Observed to behave differently on this release (`plan::differs`).
    Differs(&'static str),
    Unproven(String),
}

pub struct Report {
    version: String,
    rows: Vec<(&'static Operation, Row)>,
}

/// `26.0.8` is at most `26.0`'s minor.
fn minor(v: &str) -> (u32, u32) {
    let mut parts = v.split('.').map(|p| p.parse().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

impl Report {
    pub fn new(version: &str, outcomes: &BTreeMap<&'static str, Outcome>) -> Report {
        let rows = operations::ALL
            .iter()
            .map(|op| {
                let outcome = outcomes.get(op.id);
                let row = match (plan::excluded(op.id), outcome) {
                    (_, Some(o)) if o.is_success() => Row::Proven(o.clone()),
                    (Some(reason), _) => Row::Excluded(reason),
                    (None, outcome) => {
                        let why = match outcome {
                            None => "never called".to_string(),
                            Some(Outcome::Drift { status, fields }) => format!(
                                "answered {status} with fields outside the type: {}",
                                fields.join(", ")
                            ),
                            Some(Outcome::Undecodable(e)) => format!("does not decode: {e}"),
                            Some(Outcome::Failed { status, body }) => match status {
                                Some(s) => format!("answered {s}: {body}"),
                                None => body.clone(),
                            },
                            Some(_) => unreachable!("successes are proven"),
                        };
                        let absent = op
                            .added()
                            .is_some_and(|a| minor(version) <= minor(a.absent_in));
                        // Absent from the release: its call failed (a 404) or
                        // could not be made (its fixtures are newer too).
                        if absent {
                            Row::NotInRelease(format!(
                                "not in {version}'s API (first in {}): {why}",
                                op.added().unwrap().first_seen
                            ))
                        } else if let Some(reason) = plan::differs(op.id, version) {
                            Row::Differs(reason)
                        } else {
                            Row::Unproven(why)
                        }
                    }
                };
                (op, row)
            })
            .collect();
        Report {
            version: version.to_string(),
            rows,
        }
    }

    fn count(&self, f: impl Fn(&Row) -> bool) -> usize {
        self.rows.iter().filter(|(_, r)| f(r)).count()
    }

    /// Exercised (2xx) operations over all operations of the document.
    pub fn exercised_share(&self) -> f64 {
        self.count(|r| matches!(r, Row::Proven(_))) as f64 / self.rows.len() as f64
    }

    /// One line per operation neither proven, excluded nor absent from the release.
    pub fn failures(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter_map(|(op, r)| match r {
                Row::Unproven(why) => Some(format!("  {} ({op}): {why}", op.id)),
                _ => None,
            })
            .collect()
    }

    pub fn summary(&self) -> String {
        let total = self.rows.len();
        let proven = self.count(|r| matches!(r, Row::Proven(_)));
        let clean = self.count(|r| matches!(r, Row::Proven(Outcome::Clean { .. })));
        let empty = self.count(|r| matches!(r, Row::Proven(Outcome::Empty { .. })));
        let allowed = proven - clean - empty;
        let excluded = self.count(|r| matches!(r, Row::Excluded(_)));
        let absent = self.count(|r| matches!(r, Row::NotInRelease(_)));
        let differs = self.count(|r| matches!(r, Row::Differs(_)));
        let unproven = self.count(|r| matches!(r, Row::Unproven(_)));
        format!(
            "Keycloak {}: {total} operations: {proven} exercised ({:.1} %; {clean} strict-clean, \
             {empty} answered empty, {allowed} with allowed drift), {excluded} excluded, {absent} \
             not in this release, {differs} behaving differently on it, {unproven} unproven",
            self.version,
            proven as f64 * 100.0 / total as f64
        )
    }

    /// `target/conformance/<version>.md`: this release's section of CONFORMANCE.md.
    pub fn write(&self) {
        let mut md = String::new();
        let _ = writeln!(md, "## Keycloak {}\n\n{}.\n", self.version, self.summary());
        let _ = writeln!(md, "| operation | route | outcome |\n|---|---|---|");
        for (op, row) in &self.rows {
            let outcome = match row {
                Row::Proven(Outcome::Clean { status }) => format!("strict-clean ({status})"),
                Row::Proven(Outcome::Empty { status }) => {
                    format!("answered empty ({status}): decodes, nothing inside to check")
                }
                Row::Proven(Outcome::Allowed {
                    status,
                    fields,
                    reason,
                }) => format!("allowed drift ({status}): {} — {reason}", fields.join(", ")),
                Row::Proven(_) => unreachable!(),
                Row::Excluded(reason) => format!("excluded: {reason}"),
                Row::NotInRelease(why) => why.clone(),
                Row::Differs(reason) => format!("differs on this release: {reason}"),
                Row::Unproven(why) => format!("**unproven**: {why}"),
            };
            let _ = writeln!(
                md,
                "| `{}` | `{} {}` | {} |",
                op.id,
                op.method,
                op.path,
                outcome.replace('|', "\\|")
            );
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/conformance");
        let dir = std::env::var_os("CONFORMANCE_DIR").map_or(dir, std::path::PathBuf::from);
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join(format!("{}.md", self.version));
        std::fs::write(&file, md).unwrap();
        println!("wrote {}", file.display());
    }
}
