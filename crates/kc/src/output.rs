//! Printing results: a streaming table for people, JSON or JSON lines for scripts.
//! Lists are printed as they arrive, so memory stays flat on large realms.

use crate::cli::Output;
use futures_util::{Stream, StreamExt};
use keycloak_admin::Result;
use serde_json::Value;
use std::io::Write;

/// Columns of a table: header and the JSON field shown under it.
pub type Columns = &'static [(&'static str, &'static str)];

pub struct Printer {
    format: Output,
}

impl Printer {
    pub fn new(format: Output) -> Self {
        Self { format }
    }

    pub fn format(&self) -> Output {
        self.format
    }

    /// Print a stream of items; `Err` stops it (what was printed stays printed).
    pub async fn list<T: serde::Serialize>(
        &self,
        columns: Columns,
        items: impl Stream<Item = Result<T>>,
    ) -> Result<usize> {
        let mut out = std::io::stdout().lock();
        let mut items = std::pin::pin!(items);
        let mut n = 0;
        if self.format == Output::Table {
            let _ = writeln!(out, "{}", row(columns, |(h, _)| h.to_string()));
        }
        if self.format == Output::Json {
            let _ = write!(out, "[");
        }
        while let Some(item) = items.next().await {
            let value = serde_json::to_value(item?).unwrap_or(Value::Null);
            match self.format {
                Output::Table => {
                    let _ = writeln!(out, "{}", row(columns, |(_, field)| cell(&value, field)));
                }
                Output::Json => {
                    let _ = write!(out, "{}\n  {}", if n == 0 { "" } else { "," }, value);
                }
                Output::Jsonl => {
                    let _ = writeln!(out, "{value}");
                }
            }
            n += 1;
        }
        if self.format == Output::Json {
            let _ = writeln!(out, "{}]", if n == 0 { "" } else { "\n" });
        }
        Ok(n)
    }

    /// Print one item.
    pub fn one<T: serde::Serialize>(&self, columns: Columns, item: &T) {
        let value = serde_json::to_value(item).unwrap_or(Value::Null);
        match self.format {
            Output::Table => {
                for (header, field) in columns {
                    println!("{header:<14} {}", cell(&value, field));
                }
            }
            Output::Json => println!(
                "{}",
                serde_json::to_string_pretty(&value).unwrap_or_default()
            ),
            Output::Jsonl => println!("{value}"),
        }
    }
}

fn row(columns: Columns, f: impl Fn(&(&str, &str)) -> String) -> String {
    columns
        .iter()
        .map(|c| format!("{:<38}", f(c)))
        .collect::<Vec<_>>()
        .join("")
        .trim_end()
        .to_string()
}

fn cell(value: &Value, field: &str) -> String {
    match value.get(field) {
        None | Some(Value::Null) => "-".into(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}
