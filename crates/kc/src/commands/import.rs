//! `kc users import`: many users from CSV or JSON lines, a bounded number of
//! requests in flight, one report line per bad row, a summary at the end.

use crate::Failure;
use crate::cli::Output;
use crate::output::Printer;
use futures_util::StreamExt;
use keycloak_admin::types::UserRepresentation;
use keycloak_admin::{IfExists, KeycloakAdmin, WriteAction};
use std::io::{BufRead, IsTerminal};
use std::path::Path;

enum Outcome {
    Created,
    Existing,
    /// Created without some of its attributes (the message names them).
    Dropped(String),
    Failed(String),
}

/// (line number, the user or why the row is unusable)
type Row = (u64, Result<UserRepresentation, String>);

/// Keycloak's reason, without the operation (the line says which row).
fn reason(e: &keycloak_admin::Error) -> String {
    e.api()
        .and_then(|a| a.reason())
        .unwrap_or_else(|| e.to_string())
}

/// How the rows travel: users per request and requests in flight.
pub struct Batching {
    pub size: usize,
    pub concurrency: usize,
}

pub async fn run(
    kc: &KeycloakAdmin,
    printer: &Printer,
    file: &Path,
    batch: Batching,
    realm: &str,
) -> Result<(), Failure> {
    let rows = read(file)?;
    let total = rows.len() as u64;
    let users = kc.realm(realm).users();
    let progress = std::io::stderr()
        .is_terminal()
        .then(|| indicatif::ProgressBar::new(total));

    // Unusable rows fail here; the rest go to the server in batches
    // (`create_many`), existing users skipped.
    let (good, bad): (Vec<Row>, Vec<Row>) = rows.into_iter().partition(|(_, r)| r.is_ok());
    let lines: Vec<u64> = good.iter().map(|(line, _)| *line).collect();
    let unusable: Vec<(u64, Outcome)> = bad
        .into_iter()
        .filter_map(|(line, r)| r.err().map(|reason| (line, Outcome::Failed(reason))))
        .collect();
    let mut written = users
        .create_many(good.into_iter().filter_map(|(_, r)| r.ok()))
        .batch_size(batch.size)
        .concurrency(batch.concurrency)
        .if_exists(IfExists::Skip)
        .stream();
    let mut results =
        futures_util::stream::iter(unusable)
            .map(Ok)
            .chain(futures_util::stream::poll_fn(move |cx| {
                written.poll_next_unpin(cx).map(|next| {
                    next.map(|item| {
                        item.map(|(i, result)| {
                            let outcome = match result {
                                Ok(w) if w.action == WriteAction::Created => Outcome::Created,
                                Ok(_) => Outcome::Existing,
                                // Created, but the user profile kept only part of the row.
                                Err(e) if e.dropped_attributes().is_some() => {
                                    Outcome::Dropped(e.to_string())
                                }
                                Err(e) => Outcome::Failed(reason(&e)),
                            };
                            (lines[i], outcome)
                        })
                    })
                })
            }));

    let (mut created, mut existing) = (0u64, 0u64);
    let mut failed: Vec<(u64, String)> = Vec::new();
    let mut dropped: Vec<(u64, String)> = Vec::new();
    let say = |line: u64, reason: &str| {
        let msg = format!("line {line}: {}", crate::output::text(reason));
        match &progress {
            Some(bar) => bar.println(&msg),
            None => eprintln!("{msg}"),
        }
    };
    while let Some(next) = results.next().await {
        let (line, outcome) = next?;
        match outcome {
            Outcome::Created => created += 1,
            Outcome::Existing => existing += 1,
            Outcome::Dropped(reason) => {
                say(line, &reason);
                created += 1;
                dropped.push((line, reason));
            }
            Outcome::Failed(reason) => {
                say(line, &reason);
                failed.push((line, reason));
            }
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    failed.sort();
    dropped.sort();
    let rows = |list: &[(u64, String)]| {
        list.iter()
            .map(|(line, reason)| serde_json::json!({"line": line, "reason": reason}))
            .collect::<Vec<_>>()
    };
    let mut summary = serde_json::json!({
        "created": created,
        "existing": existing,
        "failed": rows(&failed),
    });
    if !dropped.is_empty() {
        summary["dropped_attributes"] = rows(&dropped).into();
    }
    match printer.format() {
        Output::Table if dropped.is_empty() => println!(
            "created {created}, existing {existing}, failed {}",
            failed.len()
        ),
        Output::Table => println!(
            "created {created} ({} without some attributes), existing {existing}, failed {}",
            dropped.len(),
            failed.len()
        ),
        _ => printer.one(&[], &summary),
    }
    match (failed.len(), dropped.len()) {
        (0, 0) => Ok(()),
        (f, 0) => Err(Failure {
            code: 1,
            message: format!("{f} of {total} rows failed (reported above)"),
        }),
        (f, d) => Err(Failure {
            code: 1,
            message: format!(
                "{f} of {total} rows failed, {d} lost attributes the user profile does not declare (reported above)"
            ),
        }),
    }
}

fn read(file: &Path) -> Result<Vec<Row>, Failure> {
    let ext = file
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_lowercase();
    let open = || {
        std::fs::File::open(file)
            .map_err(|e| Failure::usage(format!("cannot read {}: {e}", file.display())))
    };
    match ext.as_str() {
        "csv" => read_csv(open()?),
        "jsonl" | "ndjson" | "json" => Ok(std::io::BufReader::new(open()?)
            .lines()
            .enumerate()
            .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
            .map(|(i, l)| {
                let row = l
                    .map_err(|e| e.to_string())
                    .and_then(|l| {
                        serde_json::from_str::<UserRepresentation>(&l)
                            .map_err(|e| format!("not a user: {e}"))
                    })
                    .and_then(checked);
                (i as u64 + 1, row)
            })
            .collect()),
        _ => Err(Failure::usage(format!(
            "{}: expected a .csv or .jsonl file",
            file.display()
        ))),
    }
}

fn read_csv(file: std::fs::File) -> Result<Vec<Row>, Failure> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(file);
    let headers = reader
        .headers()
        .map_err(|e| Failure::usage(format!("malformed CSV header: {e}")))?
        .clone();
    if !headers.iter().any(|h| h == "username") {
        return Err(Failure::usage(
            "malformed CSV: the header needs a `username` column",
        ));
    }
    let column = |record: &csv::StringRecord, name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .and_then(|i| record.get(i))
            .filter(|v| !v.is_empty())
            .map(str::to_string)
    };
    Ok(reader
        .records()
        .map(|record| match record {
            Err(e) => (
                e.position().map_or(0, |p| p.line()),
                Err(format!("malformed CSV: {e}")),
            ),
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line());
                let enabled = match column(&r, "enabled").as_deref() {
                    None => Ok(Some(true)),
                    Some("true") => Ok(Some(true)),
                    Some("false") => Ok(Some(false)),
                    Some(other) => Err(format!("`enabled` must be true or false, not `{other}`")),
                };
                let user = enabled.map(|enabled| UserRepresentation {
                    username: column(&r, "username"),
                    email: column(&r, "email"),
                    first_name: column(&r, "firstName"),
                    last_name: column(&r, "lastName"),
                    enabled,
                    ..Default::default()
                });
                (line, user.and_then(checked))
            }
        })
        .collect())
}

fn checked(user: UserRepresentation) -> Result<UserRepresentation, String> {
    match user.username.as_deref() {
        Some(u) if !u.trim().is_empty() => Ok(user),
        _ => Err("no username".into()),
    }
}
