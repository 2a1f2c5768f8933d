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
        // The header (or `[`) waits for the first answer: a request that fails
        // at once prints only its error, not an empty table above it.
        let mut started = false;
        let mut start = |out: &mut std::io::StdoutLock<'_>| {
            if !std::mem::replace(&mut started, true) {
                match self.format {
                    Output::Table => {
                        let _ = writeln!(out, "{}", row(columns, |(h, _)| h.to_string()));
                    }
                    Output::Json => {
                        let _ = write!(out, "[");
                    }
                    Output::Jsonl => {}
                }
            }
        };
        while let Some(item) = items.next().await {
            let item = item?;
            start(&mut out);
            let value = serde_json::to_value(item).unwrap_or(Value::Null);
            match self.format {
                Output::Table => {
                    let _ = writeln!(out, "{}", row(columns, |(_, field)| cell(&value, field)));
                }
                Output::Json => {
                    let _ = write!(out, "{}\n  {}", if n == 0 { "" } else { "," }, json(&value));
                }
                Output::Jsonl => {
                    let _ = writeln!(out, "{}", json(&value));
                }
            }
            n += 1;
        }
        start(&mut out);
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
            Output::Json => println!("{}", json_pretty(&value)),
            Output::Jsonl => println!("{}", json(&value)),
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
        Some(Value::String(s)) => text(s),
        Some(other) => text(&other.to_string()),
    }
}

/// Server-supplied text made safe for a terminal: control characters (C0, DEL,
/// C1 — ANSI escapes, cursor moves, `\r` overwrites) are shown escaped
/// (`\u{1b}`) instead of being obeyed. For tables, one-line messages and errors.
pub fn text(s: &str) -> String {
    if !s.chars().any(char::is_control) {
        return s.to_string();
    }
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// JSON as serde writes it, with DEL and C1 controls (which JSON allows raw,
/// and some terminals obey: U+009B is CSI) written as `\u00XX` escapes: the
/// same JSON value, safe on a terminal.
pub fn json(value: &Value) -> String {
    escape_c1(value.to_string())
}

/// [`json`], pretty-printed.
pub fn json_pretty(value: &Value) -> String {
    escape_c1(serde_json::to_string_pretty(value).unwrap_or_default())
}

fn escape_c1(s: String) -> String {
    if !s.chars().any(|c| ('\u{7f}'..='\u{9f}').contains(&c)) {
        return s;
    }
    s.chars()
        .map(|c| match c {
            '\u{7f}'..='\u{9f}' => format!("\\u{:04x}", c as u32),
            c => c.to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_reach_the_terminal() {
        let evil = "bob\u{1b}[31mred\u{1b}]0;title\u{7}\r\u{9b}2J";
        let shown = text(evil);
        assert!(!shown.chars().any(char::is_control), "{shown:?}");
        assert!(shown.starts_with("bob\\u{1b}[31mred"), "{shown}");
        let v = serde_json::json!({"username": evil});
        let j = json(&v);
        assert!(!j.chars().any(char::is_control), "{j:?}");
        let back: Value = serde_json::from_str(&j).unwrap();
        assert_eq!(back, v, "JSON output stays the exact value");
        let back: Value = serde_json::from_str(&json_pretty(&v)).unwrap();
        assert_eq!(back, v);
    }
}
